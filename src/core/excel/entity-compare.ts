/**
 * Data types compared by meaning. Excel gives entities back differently from how they were written:
 * `FormattedNumber` comes back as `Double` on the web (office-js #5866), `numberFormat` is dropped on
 * Windows (office-js #6100), keys come in another order and `basicType`/`basicValue` are added. Two cell
 * values are the same when their text and each property's value are: numbers to Excel's 15 digits,
 * `FormattedNumber` and `Double` alike; key order, `basicType` and `numberFormat` ignored.
 */
import { excelNumber } from "./cell-compare";

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);
const NUMBER_TYPES = new Set(["Double", "FormattedNumber"]);
const kindOf = (v: Json): string => (NUMBER_TYPES.has(String(v.type)) ? "Number" : String(v.type));

/** Whether a cell's JSON is a data type (entity). */
export const isEntityJson = (x: unknown): boolean => isObject(x) && x.type === "Entity";

/**
 * An error by its type: the cards write #N/A by its errorType alone (as Excel's own samples write errors), and Excel
 * gives it back with its basicValue too, or an older card gave both.
 */
const errorOf = (v: Json): unknown => v.errorType ?? (v.basicValue === "#N/A" ? "NotAvailable" : v.basicValue);

function sameList(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((row, i) => {
    const other = b[i];
    if (Array.isArray(row))
      return Array.isArray(other) && row.length === other.length && row.every((v, j) => sameCellValue(v, other[j]));
    return sameCellValue(row, other);
  });
}

/** Two cell values (as in `valuesAsJson`) that mean the same. */
function sameCellValue(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return a === b;
  if (kindOf(a) !== kindOf(b)) return false;
  switch (kindOf(a)) {
    case "Number":
      return (
        typeof a.basicValue === "number" &&
        typeof b.basicValue === "number" &&
        excelNumber(a.basicValue) === excelNumber(b.basicValue)
      );
    case "Error":
      return errorOf(a) === errorOf(b);
    case "Array":
      return sameList(a.elements, b.elements);
    case "Entity":
      return sameEntity(a, b);
    default:
      return a.basicValue === b.basicValue;
  }
}

/** Two entities that mean the same: the same text and the same value in each property. */
export function sameEntity(current: unknown, expected: unknown): boolean {
  if (!isEntityJson(current) || !isEntityJson(expected)) return false;
  const [a, b] = [current as Json, expected as Json];
  if (a.text !== b.text) return false;
  const pa = isObject(a.properties) ? a.properties : {};
  const pb = isObject(b.properties) ? b.properties : {};
  const keys = Object.keys(pb);
  if (Object.keys(pa).length !== keys.length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(pa, k) && sameCellValue(pa[k], pb[k]));
}

/**
 * A linked card (type LinkedEntity) as Excel loaded it, compared by meaning with a full card: undefined where Excel
 * gave back no card (not loaded yet, or Excel on the web, which gives only the id and text).
 */
export function sameLinkedCard(current: unknown, expected: unknown): boolean | undefined {
  if (!isObject(current) || current.type !== "LinkedEntity" || !isObject(current.properties)) return undefined;
  return sameEntity({ ...current, type: "Entity" }, expected);
}

/** The provider line of an entity as Excel gave it back, where it kept one. */
export function providerOf(x: unknown): string | undefined {
  if (!isEntityJson(x)) return undefined;
  const provider = (x as Json).provider;
  return isObject(provider) && typeof provider.description === "string" ? provider.description : undefined;
}

/** One cell value (as in `valuesAsJson`) in words that two values meaning the same share (see `sameCellValue`). */
function meaningOf(v: unknown): string {
  if (!isObject(v)) return JSON.stringify(v ?? null);
  const kind = kindOf(v);
  switch (kind) {
    case "Number":
      return typeof v.basicValue === "number" ? `N${excelNumber(v.basicValue)}` : "N?";
    case "Error":
      return `E${JSON.stringify(v.errorType ?? v.basicValue ?? null)}`;
    case "Array":
      return Array.isArray(v.elements)
        ? `A[${v.elements.map((row) => (Array.isArray(row) ? `[${row.map(meaningOf).join(",")}]` : meaningOf(row))).join(",")}]`
        : "A?";
    case "Entity":
      return entityMeaning(v) ?? "X?";
    default:
      return `${JSON.stringify(kind)}${JSON.stringify(v.basicValue ?? null)}`;
  }
}

/**
 * An entity's meaning as one string, the same for two entities that `sameEntity` finds the same: its text and each
 * property's value (keys sorted; numbers to 15 digits, `FormattedNumber` and `Double` alike; `basicType`,
 * `numberFormat`, layouts and provider left out). Undefined for what is not an entity.
 */
export function entityMeaning(x: unknown): string | undefined {
  if (!isEntityJson(x)) return undefined;
  const e = x as Json;
  const properties = isObject(e.properties) ? e.properties : {};
  const keys = Object.keys(properties).sort();
  return `{${JSON.stringify(e.text ?? null)}:${keys.map((k) => `${JSON.stringify(k)}=${meaningOf(properties[k])}`).join(",")}}`;
}
