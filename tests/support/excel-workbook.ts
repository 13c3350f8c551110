/**
 * The workbook model of the Excel stand-in: sheets, cells, tables, charts and custom properties, with the rules
 * real Excel applies to them. The Office.js protocol over it (requests, load, sync, null objects) is in
 * excel-protocol.ts; tests import both through fake-excel.ts.
 *
 * The model is stricter than kind: each behaviour cites where it comes from, and where the sources are unclear
 * the harsher reading is modelled.
 * - Strings are taken as typing (`cellFromInput`); numbers keep 15 significant digits (`excelNumber`).
 * - Tables can have a totals row (`setTableTotals`) and a filter (`filterTable`), which hides rows.
 * - Formulas it cannot compute never pretend (`evaluate`): unknown names are #NAME?, the rest "#UNSUPPORTED".
 * - Entities read back reshaped as real Excel reshapes them (`entityReadback`).
 * - A test can act between two syncs (`onSync`) and make Excel refuse part-way through one (`failAfterWrites`).
 *
 * Its A1 parsing is its own, independent of src/core/excel/a1.ts, so that it does not share the code it checks.
 */

export type Scalar = number | string | boolean;
export interface CellInfo {
  value: Scalar;
  formula: string;
  numberFormat: string;
}
export interface TableInfo {
  name: string;
  sheet: string;
  address: string;
  headers: string[];
  rows: Scalar[][];
  style: string;
  /** The totals row's values, when the table shows one. */
  totals?: Scalar[];
}
export interface ChartRecord {
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  startCell?: string;
  endCell?: string;
}

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;
export const DEFAULT_COLUMN_WIDTH = 48;
/** Excel desktop trims custom property keys and string values to 255 characters (Excel on the web does not). */
const CUSTOM_PROPERTY_LIMIT = 255;

// ---------------------------------------------------------------- errors

/** Like OfficeExtension.Error: a `code`, and a message that starts with the code. */
export class FakeExcelError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message };
  }
}
export function fail(code: string, message: string): never {
  throw new FakeExcelError(code, message);
}
export function invalidArgument(message: string): never {
  return fail("InvalidArgument", message);
}

// ---------------------------------------------------------------- addresses

/** A rectangle of cells, 0-based and inclusive. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
/** A rectangle on a sheet: what a Range stands for. */
export interface SheetRect extends Rect {
  sheet: FakeSheet;
}

function columnLetters(column: number): string {
  let s = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}
export function a1Address(a: Rect): string {
  const topLeft = `${columnLetters(a.left)}${a.top + 1}`;
  return a.top === a.bottom && a.left === a.right ? topLeft : `${topLeft}:${columnLetters(a.right)}${a.bottom + 1}`;
}
/** Excel quotes a sheet name unless it is a plain identifier that cannot be read as a cell. */
function quoteSheetName(name: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RC]\d*$|^R\d*C\d*$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}
export const fullAddress = (r: SheetRect): string => `${quoteSheetName(r.sheet.name)}!${a1Address(r)}`;

export function parseA1(address: string): { sheet?: string; area: Rect } {
  const m = /^(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(
    String(address).trim(),
  );
  if (!m) return invalidArgument(`'${address}' is not an A1 address the stand-in supports (like "B2" or "B2:D9").`);
  const [rowA, columnA] = [Number(m[4]) - 1, columnNumber(m[3])];
  const [rowB, columnB] = m[5] ? [Number(m[6]) - 1, columnNumber(m[5])] : [rowA, columnA];
  const area = {
    top: Math.min(rowA, rowB),
    left: Math.min(columnA, columnB),
    bottom: Math.max(rowA, rowB),
    right: Math.max(columnA, columnB),
  };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], area };
}
/** The area on `sheet`, checked to be a non-empty rectangle inside the worksheet. */
export function sheetArea(sheet: FakeSheet, a: Rect): SheetRect {
  const ok =
    [a.top, a.left, a.bottom, a.right].every(Number.isInteger) &&
    a.top >= 0 &&
    a.left >= 0 &&
    a.top <= a.bottom &&
    a.left <= a.right &&
    a.bottom < MAX_ROWS &&
    a.right < MAX_COLUMNS;
  if (!ok)
    invalidArgument(
      `The range (rows ${a.top}..${a.bottom}, columns ${a.left}..${a.right}) is outside the worksheet or empty.`,
    );
  return { sheet, top: a.top, left: a.left, bottom: a.bottom, right: a.right };
}
const overlaps = (a: Rect, b: Rect): boolean =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
const firstRow = (a: Rect): Rect => ({ ...a, bottom: a.top });
export function grid<T>(a: Rect, f: (row: number, column: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = a.top; r <= a.bottom; r++) {
    const line: T[] = [];
    for (let c = a.left; c <= a.right; c++) line.push(f(r, c));
    out.push(line);
  }
  return out;
}
const display = (v: Scalar): string => (typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

// ---------------------------------------------------------------- cells: what typing stores

/**
 * `entity`: the JSON of an entity cell as written (its value and formula are then "#VALUE!"); for a linked entity
 * (`entity.type` "LinkedEntity"), `linked` holds what Excel has of its card. `format`: bold, wrapText.
 */
interface Cell {
  value: Scalar;
  formula: string;
  numberFormat: string;
  format?: Record<string, unknown>;
  entity?: Record<string, unknown>;
  linked?: LinkedState;
}
/** A linked cell: waiting for its card, loaded (the card as the load service gave it), or failed (#CONNECT!). */
interface LinkedState {
  card?: Record<string, unknown>;
  failed?: boolean;
  pending?: boolean;
  /** Asked for, its load service's Promise not settled yet (a read sees what the cell held before). */
  loading?: boolean;
}
const EMPTY_CELL: Cell = { value: "", formula: "", numberFormat: "General" };
/** The cell's formatting without its content. */
function formattingOf(cell: Cell): Omit<Cell, "value" | "formula"> {
  return cell.format === undefined
    ? { numberFormat: cell.numberFormat }
    : { numberFormat: cell.numberFormat, format: cell.format };
}
/**
 * A text constant. Text that looks like a formula is stored as a constant ('=...), never evaluated. The
 * apostrophe is not part of the value: Excel keeps it as the cell's prefix character, and Range.values and
 * Range.formulas read the text without it (learn.microsoft.com/office/vba/api/excel.range.prefixcharacter;
 * office-js #6687: "range.formulas removes Leading Single Quote"), so text read back and written again is typed
 * again ("'007" reads "007", which writes back as the number 7).
 */
const textCell = (cell: Cell, text: string): Cell => ({
  ...formattingOf(cell),
  value: text,
  formula: text.startsWith("=") ? `'${text}` : text,
});
const ENTITY_VALUE = "#VALUE!";
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*%$/;
const THOUSANDS = /^([+-]?)\d{1,3}(,\d{3})+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Excel's date serial: days since 1899-12-30 (the 1900 date system). */
const dateSerial = (y: number, m: number, d: number): number =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
/**
 * Excel keeps 15 significant digits: "Number precision: 15 digits" (support.microsoft.com, "Excel specifications
 * and limits"); 0.1 + 0.2 is stored as 0.3, 1234567890123456789 as 1234567890123460000.
 */
const excelNumber = (n: number): number => (n === 0 ? 0 : Number(n.toPrecision(15)));
/** Structured references: Table[Col], Table[[#This Row],[Col]], Table[#All]. */
const STRUCTURED_REFERENCE = /([A-Za-z_\\][\w.\\]*)\[((?:[^[\]]|\[[^[\]]*\])*)\]/g;

/** A number typed into a cell; a General cell takes the number format the typing implies. */
function numberCell(cell: Cell, n: number, impliedFormat?: string): Cell {
  const numberFormat = impliedFormat && cell.numberFormat === "General" ? impliedFormat : cell.numberFormat;
  const value = excelNumber(n);
  return { ...formattingOf(cell), numberFormat, value, formula: String(value) };
}

/**
 * What Excel stores when a value is entered through `values`, `formulas` or typing. Office.js: "If the
 * returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a
 * formula" (Range.values, ExcelApi 1.1). A string is taken as Excel takes typing, unless the cell's format is
 * Text ("@"), which keeps whatever is typed as text (support.microsoft.com, "Format numbers as text"):
 * - numbers ("007" → 7, "1e3", "-12", "+5", "1,234"); percentages ("15%" → 0.15, a General cell becomes "0%");
 *   TRUE/FALSE in any case; ISO dates ("2026-01-06" → 46028, a General cell becomes "m/d/yyyy");
 * - "=..." is a formula, and so is "+..." or "-..." that is not a number ("-abc" → "=-abc", which is #NAME?);
 * - a leading apostrophe keeps the rest as text.
 */
function cellFromInput(cell: Cell, input: unknown): Cell {
  const formatting = formattingOf(cell);
  if (typeof input === "number")
    return Number.isFinite(input) ? numberCell(cell, input) : invalidArgument(`Cannot write ${input} to a cell.`);
  if (typeof input === "boolean") return { ...formatting, value: input, formula: String(input).toUpperCase() };
  if (typeof input !== "string")
    return invalidArgument(
      `Cannot write a value of type ${input === undefined ? "undefined" : typeof input} to a cell.`,
    );
  if (cell.numberFormat === "@") return textCell(cell, input.startsWith("'") ? input.slice(1) : input);
  if (input.startsWith("'")) return textCell(cell, input.slice(1));
  if (input.length > 1 && input.startsWith("=")) return { ...formatting, value: "", formula: input };
  const typed = input.trim();
  if (NUMBER.test(typed)) return numberCell(cell, Number(typed));
  const percent = PERCENT.exec(typed);
  if (percent) return numberCell(cell, Number(percent[1]) / 100, percent[1].includes(".") ? "0.00%" : "0%");
  const thousands = THOUSANDS.exec(typed);
  if (thousands) return numberCell(cell, Number(typed.replace(/,/g, "")), thousands[3] ? "#,##0.00" : "#,##0");
  if (/^(true|false)$/i.test(typed))
    return { ...formatting, value: typed.toLowerCase() === "true", formula: typed.toUpperCase() };
  const date = ISO_DATE.exec(typed);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const real = new Date(Date.UTC(y, m - 1, d));
    if (y >= 1900 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d)
      return numberCell(cell, dateSerial(y, m, d), "m/d/yyyy");
  }
  if (/^[+-]/.test(typed) && typed.length > 1) return { ...formatting, value: "", formula: `=${typed}` };
  return textCell(cell, input);
}

/**
 * A formula as Excel fills it `rows` down and `columns` right of where it was given: each relative A1 reference
 * (B1, not $B$1; a column or row part with "$" stays) moves with the cell, as Fill does. Text in quotes, quoted sheet
 * names and structured references in brackets are left as they are. A reference moved off the sheet is #REF!.
 */
function filledFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  let out = "";
  let i = 0;
  const n = formula.length;
  const word = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9_.]/.test(ch);
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < n && !(formula[j] === ch && formula[j + 1] !== ch)) j += formula[j] === ch ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (formula[j] === "'" && j + 1 < n) j++;
        else if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const m = word(formula[i - 1]) ? null : /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)/.exec(formula.slice(i, i + 12));
    if (m && !/[A-Za-z0-9_(.[!]/.test(formula[i + m[0].length] ?? "")) {
      const column = columnNumber(m[2]) + (m[1] ? 0 : columns);
      const row = Number(m[4]) - 1 + (m[3] ? 0 : rows);
      out +=
        column < 0 || column >= MAX_COLUMNS || row < 0 || row >= MAX_ROWS
          ? "#REF!"
          : `${m[1]}${columnLetters(column)}${m[3]}${row + 1}`;
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

// ---------------------------------------------------------------- cells: data types (ExcelApi 1.16)

/** Rounds every number in a data type's JSON to 15 significant digits, as Excel stores numbers. */
function withExcelNumbers(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? excelNumber(v) : v;
  if (Array.isArray(v)) return v.map(withExcelNumbers);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withExcelNumbers(x)]));
}
/** Cell values whose basicValue is read-only: Excel computes it ("Excel JavaScript API data types core concepts"). */
const COMPUTED_BASIC = new Set(["Array", "Entity", "LinkedEntity", "WebImage"]);
/**
 * An entity's property as Excel takes it: "Each nested property, or data type, must have a type and basicValue
 * setting" (Microsoft, "Use cards with entity value data types"), but for the types whose basicValue Excel computes;
 * a FormattedNumber needs its numberFormat (FormattedNumberCellValue). The stand-in refuses the rest, the harsher
 * reading where a cell's own error needs only its errorType (Microsoft's sample "data-types-error-values").
 */
function propertyOk(name: string, v: unknown, refuse: (why: string) => never): void {
  const o = (v !== null && typeof v === "object" && !Array.isArray(v) ? v : {}) as Record<string, unknown>;
  if (typeof o.type !== "string") refuse(`the entity's property '${name}' has no type`);
  if (!COMPUTED_BASIC.has(o.type as string) && o.basicValue === undefined)
    refuse(`the entity's property '${name}' has no basicValue`);
  if (o.type === "FormattedNumber" && typeof o.numberFormat !== "string")
    refuse(`the entity's property '${name}' is a FormattedNumber without a numberFormat`);
}
/** What a valuesAsJson entry stores: an entity, or a typed constant. Anything else is an InvalidArgument. */
function cellFromJson(cell: Cell, json: unknown, linkedEntities = false): Cell {
  const o = (json !== null && typeof json === "object" && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
  const basic = o.basicValue;
  const refuse = (why: string): never =>
    invalidArgument(`Range.valuesAsJson: ${why} (got ${JSON.stringify(json)?.slice(0, 120)}).`);
  switch (o.type) {
    case "Entity":
      if (o.text !== undefined && typeof o.text !== "string") refuse("an entity's text must be a string");
      if (
        o.properties !== undefined &&
        (o.properties === null || typeof o.properties !== "object" || Array.isArray(o.properties))
      )
        refuse("an entity's properties must be an object");
      for (const [name, v] of Object.entries((o.properties ?? {}) as Record<string, unknown>))
        propertyOk(name, v, refuse);
      return {
        ...formattingOf(cell),
        value: ENTITY_VALUE,
        formula: ENTITY_VALUE,
        entity: withExcelNumbers(o) as Record<string, unknown>,
      };
    case "LinkedEntity":
      return linkedCell(cell, o, linkedEntities, refuse);
    case "String":
      return typeof basic === "string" ? textCell(cell, basic) : refuse("a String needs a string basicValue");
    case "Double":
      return typeof basic === "number" && Number.isFinite(basic)
        ? cellFromInput(cell, basic)
        : refuse("a Double needs a finite number basicValue");
    case "FormattedNumber":
      if (typeof basic !== "number" || !Number.isFinite(basic) || typeof o.numberFormat !== "string")
        refuse("a FormattedNumber needs a finite number basicValue and a string numberFormat");
      return cellFromInput({ ...cell, numberFormat: o.numberFormat as string }, basic);
    case "Boolean":
      return typeof basic === "boolean" ? cellFromInput(cell, basic) : refuse("a Boolean needs a boolean basicValue");
    case "Empty":
      return { ...formattingOf(cell), value: "", formula: "" };
    default:
      return refuse(
        "the stand-in supports only Entity, LinkedEntity, String, Double, FormattedNumber, Boolean and Empty cell values",
      );
  }
}
const ERROR_TYPES: Record<string, string> = {
  "#VALUE!": "Value",
  "#REF!": "Ref",
  "#N/A": "NotAvailable",
  "#DIV/0!": "Div0",
  "#NAME?": "Name",
  "#NUM!": "Num",
  "#NULL!": "Null",
  "#SPILL!": "Spill",
  "#CALC!": "Calc",
  "#FIELD!": "Field",
  "#BUSY!": "Busy",
};
const isError = (v: Scalar): v is string => typeof v === "string" && /^#[A-Z/0!?]+/.test(v);
const valueType = (v: Scalar): "Empty" | "Double" | "Boolean" | "Error" | "String" =>
  v === ""
    ? "Empty"
    : typeof v === "number"
      ? "Double"
      : typeof v === "boolean"
        ? "Boolean"
        : isError(v)
          ? "Error"
          : "String";
/** A plain (non-entity) value as Office.js reports it in valuesAsJson. */
function plainJson(v: Scalar): Record<string, unknown> {
  const type = valueType(v);
  const out: Record<string, unknown> = { type, basicValue: v, basicType: type };
  if (type === "Error" && ERROR_TYPES[v as string]) out.errorType = ERROR_TYPES[v as string];
  return out;
}
/**
 * How Excel hands back the JSON of an entity it stored:
 * - "web": a FormattedNumber comes back as a Double without its numberFormat (office-js #5866, Excel on the web);
 * - "windows": a FormattedNumber keeps its type but loses its numberFormat (office-js #6100, Windows 2508);
 * - "exact": as written.
 * Except in "exact", every typed value also gains its basicType (and nested entities their basicValue), and every
 * object's keys come back in another order, all of it recursively through properties and arrays.
 */
export type EntityReadback = "web" | "windows" | "exact";
const BASIC_TYPES: Record<string, string> = {
  String: "String",
  Double: "Double",
  FormattedNumber: "Double",
  Boolean: "Boolean",
  Empty: "Empty",
  Error: "Error",
  Entity: "Error",
  LinkedEntity: "Error",
  Array: "Error",
};
function reshapedAsExcel(v: unknown, mode: Exclude<EntityReadback, "exact">): unknown {
  if (Array.isArray(v)) return v.map((x) => reshapedAsExcel(x, mode));
  if (v === null || typeof v !== "object") return v;
  const o: Record<string, unknown> = Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, reshapedAsExcel(x, mode)]),
  );
  if (o.type === "FormattedNumber") {
    delete o.numberFormat;
    if (mode === "web") o.type = "Double";
  }
  if (typeof o.type === "string" && BASIC_TYPES[o.type] && o.basicType === undefined) {
    o.basicType = BASIC_TYPES[o.type];
    if (o.type === "Entity" && o.basicValue === undefined) o.basicValue = ENTITY_VALUE;
  }
  return Object.fromEntries(Object.entries(o).reverse());
}
/** The JSON of an entity cell as valuesAsJson reads it: the stored entity, reshaped, with basic type Error. */
function entityJson(entity: Record<string, unknown>, mode: EntityReadback): Record<string, unknown> {
  const out = mode === "exact" ? clone(entity) : (reshapedAsExcel(entity, mode) as Record<string, unknown>);
  return { ...out, basicType: "Error", basicValue: ENTITY_VALUE };
}

// ---------------------------------------------------------------- linked entities (ExcelApi 1.19)

/**
 * An add-in's linked data types, as Microsoft documents them: "Create linked entity data types in Excel add-ins"
 * (learn.microsoft.com/office/dev/add-ins/excel/excel-data-types-linked-entity-cell-values, dated 06/30/2026) and the
 * reference of LinkedEntityDataDomainCreateOptions, LinkedEntityLoadServiceRequest and LinkedEntityLoadServiceResult.
 * - ExcelApi 1.19, "Linked entity cell values aren't supported in Excel on the web": with `supportsLinkedEntities`
 *   false (the default: Excel on the web) workbook.linkedEntityDataDomains fails with ApiNotFound, a LinkedEntity
 *   written through valuesAsJson is refused, and a linked cell (from a workbook saved on Windows) shows #VALUE! and
 *   reads back as its id and text only (office-js #5794: an add-in's linked entities give #VALUE! on the web).
 * - "You must specify a serviceId of 268436224", "You must specify a culture", "Don't use exclamation marks in the
 *   entityID or domainId values": anything else is refused (the page does not say what Excel does; the harsher).
 * - A new linked cell holds only its text ("they only contain an initial text string"); Excel calls the domain's load
 *   service "every time you create a new linked entity cell value, or if a data refresh occurs", the ids "as a batch":
 *   here once per domain at the end of the sync that wrote them, so a read in that sync sees no card yet. The request
 *   reaches the function as JSON text (the page's sample reads it with JSON.parse).
 * - The answer holds the cards "in the same order as the entities property of LinkedEntityLoadServiceRequest". A
 *   service that throws ("This causes Excel to show #CONNECT!"), a domain not registered or a service not loaded
 *   ("If Excel can't connect to your add-in at all ... #CONNECT!"), or an answer that does not match the request card
 *   by card (the page says nothing of partial answers: the harsher reading) leaves every cell of the batch #CONNECT!.
 * - Data > Refresh All (`refreshAll`) and LinkedEntityDataDomain.refresh() load every linked cell again.
 * - The load service is a custom function, and a custom function may return a Promise, whose value Excel takes when
 *   it resolves (Microsoft, "Receive and handle data with custom functions",
 *   learn.microsoft.com/office/dev/add-ins/excel/custom-functions-web-reqs; the harsher reading of when):
 *   an answer that is a Promise leaves the batch's cells pending, with no card, until it settles (`linkedLoads`); a
 *   rejected one is #CONNECT! like a throw.
 */
const ADDIN_SERVICE_ID = 268436224;
export interface LinkedDomain {
  id: string;
  name: string;
  dataProvider: string;
  loadFunctionId: string;
  supportedRefreshModes: string[];
  periodicRefreshInterval?: number;
}
const REFRESH_MODES = new Set(["Manual", "OnLoad", "Periodic"]);

function linkedCell(cell: Cell, o: Record<string, unknown>, supported: boolean, refuse: (why: string) => never): Cell {
  if (!supported) refuse("linked entities need ExcelApi 1.19, which Excel on the web does not have");
  const id = (o.id ?? {}) as Record<string, unknown>;
  if (id.serviceId !== ADDIN_SERVICE_ID) refuse("an add-in's linked entity needs serviceId 268436224");
  for (const k of ["entityId", "domainId", "culture"])
    if (typeof id[k] !== "string" || id[k] === "") refuse(`a linked entity needs a non-empty id.${k}`);
  if (String(id.entityId).includes("!") || String(id.domainId).includes("!"))
    refuse("a linked entity's entityId and domainId may not hold exclamation marks");
  if (o.text !== undefined && typeof o.text !== "string") refuse("a linked entity's text must be a string");
  const written = { type: "LinkedEntity", id: clone(id), text: typeof o.text === "string" ? o.text : "" };
  return {
    ...formattingOf(cell),
    value: ENTITY_VALUE,
    formula: ENTITY_VALUE,
    entity: written,
    linked: { pending: true },
  };
}

/** Whether a load service's answer holds one card per requested id, in order. */
function answersRequest(
  answer: unknown,
  domainId: string,
  cells: Cell[],
): answer is { entities: Record<string, unknown>[] } {
  const entities = (answer as { entities?: unknown } | null)?.entities;
  return (
    Array.isArray(entities) &&
    entities.length === cells.length &&
    entities.every((e, i) => {
      const id = (e as { type?: unknown; id?: Record<string, unknown> } | null)?.id;
      const want = cells[i].entity!.id as Record<string, unknown>;
      return (
        (e as { type?: unknown }).type === "LinkedEntity" &&
        !!id &&
        id.entityId === want.entityId &&
        id.domainId === domainId &&
        id.serviceId === ADDIN_SERVICE_ID
      );
    })
  );
}

// ---------------------------------------------------------------- formulas

/** Excel functions a formula of the add-in or of an analyst may call; other names are #NAME?. */
const KNOWN_FUNCTIONS = new Set([
  "ABS",
  "AND",
  "AVERAGE",
  "CONCAT",
  "COUNT",
  "COUNTA",
  "COUNTIF",
  "FIELDVALUE",
  "IF",
  "IFERROR",
  "IFNA",
  "INDEX",
  "ISBLANK",
  "ISERROR",
  "ISNUMBER",
  "LET",
  "MATCH",
  "MAX",
  "MIN",
  "NOT",
  "OR",
  "POWER",
  "ROUND",
  "RRI",
  "SQRT",
  "SUM",
  "SUMIFS",
  "SUBTOTAL",
  "TEXT",
  "VLOOKUP",
  "XLOOKUP",
]);
/** Column names a structured reference's bracket part refers to (special items like #All skipped). */
function referencedColumns(inner: string): string[] {
  if (!inner.includes("[")) return inner.startsWith("#") || inner === "" ? [] : [inner];
  return [...inner.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]).filter((c) => !c.startsWith("#"));
}

// ---------------------------------------------------------------- workbook state

/** `area` includes the header row and, when `showTotals`, the totals row (its last row). */
export interface FakeTable {
  id: string;
  name: string;
  sheet: FakeSheet;
  area: Rect;
  style: string;
  deleted?: boolean;
  showTotals: boolean;
  /** The column a filter is applied to (by header), when one is. */
  filter?: { column: string };
}
/** The data body of a table: below the header row, above the totals row. */
export const bodyArea = (t: FakeTable): Rect => ({
  ...t.area,
  top: t.area.top + 1,
  bottom: t.area.bottom - (t.showTotals ? 1 : 0),
});
export interface CustomProperty {
  key: string;
  value: unknown;
}
/** The Range property that a write of cells sets. */
export type CellProperty = "values" | "formulas" | "numberFormat" | "valuesAsJson";

/** What Excel hands a selection handler: Excel.WorksheetSelectionChangedEventArgs (ExcelApi 1.7). */
export interface SelectionChangedArgs {
  address: string;
  worksheetId: string;
  type: "WorksheetSelectionChanged";
}

let sheetIds = 0;

export class FakeSheet {
  /** Worksheet.id: stable while the sheet exists, whatever its name. */
  readonly id = `{sheet-${++sheetIds}}`;
  isProtected = false;
  /** Worksheet.visibility; a very hidden sheet cannot be unhidden from Excel's menus, only through the API. */
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  frozenRows = 0;
  deleted = false;
  cells = new Map<string, Cell>();
  columnWidths = new Map<number, number>();
  /** Rows hidden by a table's filter (0-based). */
  hiddenRows = new Set<number>();
  charts: ChartRecord[] = [];
  constructor(
    readonly workbook: FakeWorkbook,
    public name: string,
  ) {}

  get(row: number, column: number): Cell {
    return this.cells.get(`${row},${column}`) ?? EMPTY_CELL;
  }
  put(row: number, column: number, cell: Cell): void {
    const blank = cell.value === "" && cell.formula === "" && cell.numberFormat === "General" && !cell.format;
    if (blank) this.cells.delete(`${row},${column}`);
    else this.cells.set(`${row},${column}`, cell);
  }

  // ---- helpers for tests: as a user would, ignoring protection
  /** Types into one cell ("=..." enters a formula). */
  setCell(address: string, value: Scalar): void {
    this.setCells(address, [[value]]);
  }
  /** Types a block of values starting at the top-left cell. */
  setCells(topLeft: string, rows: Scalar[][]): void {
    const { area } = parseA1(topLeft);
    const target = sheetArea(this, {
      top: area.top,
      left: area.left,
      bottom: area.top + rows.length - 1,
      right: area.left + (rows[0]?.length ?? 1) - 1,
    });
    this.workbook.writeCells(target, "formulas", rows, { asUser: true });
  }
  cell(address: string): CellInfo {
    const { top, left } = parseA1(address).area;
    const c = this.get(top, left);
    return { value: this.workbook.valueAt(this, top, left), formula: c.formula, numberFormat: c.numberFormat };
  }
  values(address: string): Scalar[][] {
    return grid(parseA1(address).area, (r, c) => this.workbook.valueAt(this, r, c));
  }
  /** The stored JSON of an entity cell (a copy), or undefined for a plain cell. */
  cellJson(address: string): Record<string, unknown> | undefined {
    const { top, left } = parseA1(address).area;
    const e = this.get(top, left).entity;
    return e && clone(e);
  }
  /** Writes one valuesAsJson entry (an entity or a typed constant) into a cell. */
  setCellJson(address: string, json: object): void {
    const { area } = parseA1(address);
    this.workbook.writeCells(
      sheetArea(this, { ...area, bottom: area.top, right: area.left }),
      "valuesAsJson",
      [[json]],
      { asUser: true },
    );
  }
  /** Display text of a cell: an entity's text, else its value as text. */
  text(address: string): string {
    const { top, left } = parseA1(address).area;
    return this.workbook.textAt(this, top, left);
  }
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly customProps = new Map<string, CustomProperty>();
  /** Calls of application.suspendApiCalculationUntilNextSync(). */
  calculationSuspensions = 0;
  /** Data types (Range.valuesAsJson, ExcelApi 1.16); false = an older Excel, where they fail with ApiNotFound. */
  supportsDataTypes = true;
  activeSheet: FakeSheet | undefined;
  /** The user's selection (Range.select() moves it); A1 of the first sheet at first. */
  selection: SheetRect | undefined;
  /** How entities read back through valuesAsJson; the harshest ("web") unless a test needs another. */
  entityReadback: EntityReadback = "web";
  /** Linked entity data domains (ExcelApi 1.19): Windows and Mac; false (the default) is Excel on the web. */
  supportsLinkedEntities = false;
  /** The linked entity data domains the add-in registered (workbook.linkedEntityDataDomains). */
  readonly linkedDomains: LinkedDomain[] = [];
  /** The add-in's @linkedEntityLoadService functions by id, as Excel knows them from functions.json. */
  readonly loadServices = new Map<string, (request: string) => unknown>();
  /** The load services' answers that are Promises, settling into their cells (see "linked entities" above). */
  readonly linkedLoads: Promise<void>[] = [];
  /** Waits until every load service's answer so far has settled into its cells. */
  async linkedLoadsSettled(): Promise<void> {
    while (this.linkedLoads.length > 0) await this.linkedLoads.shift();
  }
  /** Every request Excel sent a load service, as the JSON text it passes. */
  readonly loadRequests: string[] = [];
  /** Names of custom functions Excel knows (e.g. "IOMT.CAGR"); other IOMT.* names are #NAME?. */
  readonly customFunctions = new Set<string>();
  /**
   * Called at the start of each sync, before its operations run, with the sync's number (1-based, counted since
   * installFakeExcel or resetCounters): a test can act there as a co-author would between two syncs.
   */
  onSync?: (n: number) => void;
  /** Set by failAfterWrites; the protocol fires it once. */
  armedFailure: { writes: number; code: string } | undefined;
  /**
   * Handlers registered with worksheets.onSelectionChanged (ExcelApi 1.9), once their add() was synced. Excel calls
   * them after the selection moved, with WorksheetSelectionChangedEventArgs (address, worksheetId, type) and nothing
   * else: a handler that wants the cells reads them in its own Excel.run ("Work with Events using the Excel
   * JavaScript API"; Excel.WorksheetSelectionChangedEventArgs).
   */
  readonly selectionHandlers = new Set<(args: SelectionChangedArgs) => unknown>();
  private nextId = 1;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.addSheet(n);
    this.activeSheet = this.sheets[0];
  }

  // ---- helpers for tests: direct state access, as a user would, ignoring protection
  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(this, this.checkSheetName(name));
    this.sheets.push(s);
    return s;
  }
  sheet(name: string): FakeSheet {
    return this.findSheet(name) ?? fail("ItemNotFound", `No worksheet named '${name}'.`);
  }
  /** The user selects cells ("A1" or "B2:C4") on a sheet: the sheet becomes active and the handlers are told. */
  select(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    this.selection = sheetArea(sheet, parseA1(address).area);
    this.activeSheet = sheet;
    this.selectionChanged();
  }
  /**
   * Tells the selection handlers, later (Excel raises events asynchronously, after the change), each with the
   * address on its sheet, without the sheet's name (WorksheetSelectionChangedEventArgs.address: "the range address
   * that represents the selected area of a specific worksheet").
   */
  selectionChanged(): void {
    const selection = this.selection;
    if (!selection) return;
    const args: SelectionChangedArgs = {
      address: a1Address(selection),
      worksheetId: selection.sheet.id,
      type: "WorksheetSelectionChanged",
    };
    for (const handler of this.selectionHandlers) setTimeout(() => void handler({ ...args }), 0);
  }
  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }
  renameSheet(oldName: string, newName: string): void {
    const s = this.sheet(oldName);
    s.name = this.checkSheetName(newName, s);
  }
  moveSheet(name: string, position: number): void {
    const s = this.sheet(name);
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length)
      invalidArgument(`Invalid worksheet position ${position}.`);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    this.sheets.splice(position, 0, s);
  }
  deleteSheet(name: string): void {
    const s = this.sheet(name);
    if (this.sheets.length === 1) fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    for (const t of this.tables.filter((x) => x.sheet === s)) this.dropTable(t, false);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    s.deleted = true;
    if (this.activeSheet === s) this.activeSheet = this.sheets[0];
  }
  protect(name: string): void {
    this.sheet(name).isProtected = true;
  }
  unprotect(name: string): void {
    this.sheet(name).isProtected = false;
  }
  /** Inserts a table over `address` (first row = headers); returns its name. */
  addTable(sheetName: string, address: string, name?: string): string {
    return this.createTable(sheetArea(this.sheet(sheetName), parseA1(address).area), true, name).name;
  }
  /** Deletes the table and clears its cells; formulas that referred to it become #REF!. */
  deleteTable(name: string): void {
    this.dropTable(this.tableNamed(name), true);
  }
  table(name: string): TableInfo | undefined {
    const t = this.findTable(name);
    if (!t) return undefined;
    const info: TableInfo = {
      name: t.name,
      sheet: t.sheet.name,
      address: a1Address(t.area),
      headers: this.headersOf(t),
      rows: grid(bodyArea(t), (r, c) => this.valueAt(t.sheet, r, c)),
      style: t.style,
    };
    if (t.showTotals) info.totals = grid({ ...t.area, top: t.area.bottom }, (r, c) => this.valueAt(t.sheet, r, c))[0];
    return info;
  }
  tableNames(): string[] {
    return this.tables.map((t) => t.name);
  }
  customProperty(key: string): unknown {
    return this.customProps.get(key.toLowerCase())?.value;
  }
  setCustomProperty(key: string, value: string | number | boolean | Date): void {
    this.setProperty(key, value);
  }
  /**
   * The next sync that holds more than `writes` write operations applies exactly `writes` of them, then fails
   * with `code`, as Excel does when the user starts editing a cell in the middle of a request
   * (InvalidOperationInCellEditMode: "The operation isn't available while Excel is in Edit cell mode",
   * learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling). Fires once.
   */
  failAfterWrites(writes: number, code = "InvalidOperationInCellEditMode"): void {
    this.armedFailure = { writes, code };
  }
  /** Turns a table's totals row on or off, as a user would (Table Design > Total Row). */
  setTotals(tableName: string, on: boolean): void {
    this.setTableTotals(this.tableNamed(tableName), on);
  }
  /** Filters a table as a user would: body rows whose `columnHeader` cell shows none of `keepValues` are hidden. */
  filterTable(tableName: string, columnHeader: string, keepValues: Scalar[]): void {
    const t = this.tableNamed(tableName);
    const index = this.headersOf(t).findIndex((h) => h.toLowerCase() === columnHeader.toLowerCase());
    if (index < 0) fail("ItemNotFound", `Table '${tableName}' has no column '${columnHeader}'.`);
    const keep = new Set(keepValues.map(display));
    const body = bodyArea(t);
    for (let r = body.top; r <= body.bottom; r++) {
      if (keep.has(this.textAt(t.sheet, r, t.area.left + index))) t.sheet.hiddenRows.delete(r);
      else t.sheet.hiddenRows.add(r);
    }
    t.filter = { column: this.headersOf(t)[index] };
  }
  /**
   * Inserts whole sheet columns before `columnLetters` (e.g. "C"), as a user would (Home > Insert > Insert Sheet
   * Columns): cells at and right of it move right; a table it cuts through grows by new columns with headers
   * Excel names "Column1", "Column2"...; tables right of it move. Formulas with A1 references are not adjusted
   * by the stand-in, so tests that insert columns must not rely on them.
   */
  insertColumns(sheetName: string, columnLetters: string, count = 1): void {
    const s = this.sheet(sheetName);
    const at = parseA1(`${columnLetters}1`).area.left;
    const moved = [...s.cells].filter(([k]) => Number(k.split(",")[1]) >= at);
    moved.forEach(([k]) => s.cells.delete(k));
    moved.forEach(([k, cell]) => {
      const [r, c] = k.split(",").map(Number);
      s.cells.set(`${r},${c + count}`, cell);
    });
    const widths = [...s.columnWidths].filter(([c]) => c >= at);
    widths.forEach(([c]) => s.columnWidths.delete(c));
    widths.forEach(([c, w]) => s.columnWidths.set(c + count, w));
    for (const t of this.tables.filter((x) => x.sheet === s)) {
      if (t.area.left >= at) t.area = { ...t.area, left: t.area.left + count, right: t.area.right + count };
      else if (t.area.right >= at) {
        t.area = { ...t.area, right: t.area.right + count };
        this.normalizeHeaders(t);
      }
    }
  }

  // ---- lookups
  findSheet(name: string): FakeSheet | undefined {
    const k = String(name).toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k);
  }
  findTable(name: string, sheet?: FakeSheet): FakeTable | undefined {
    const k = String(name).toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === k && (!sheet || t.sheet === sheet));
  }
  private tableNamed(name: string): FakeTable {
    return this.findTable(name) ?? fail("ItemNotFound", `No table named '${name}'.`);
  }
  /** A range on `sheet`: an A1 address (an optional sheet prefix must name this sheet) or a table name. */
  rangeOnSheet(sheet: FakeSheet, address: string): SheetRect {
    const t = this.findTable(address, sheet);
    if (t && /^[A-Za-z_\\]/.test(address)) return { sheet, ...t.area };
    const parsed = parseA1(address);
    if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase())
      invalidArgument(`'${address}' is not on worksheet '${sheet.name}'.`);
    return sheetArea(sheet, parsed.area);
  }

  // ---- Excel's refusals
  refuseIfProtected(sheet: FakeSheet): void {
    if (sheet.isProtected)
      fail(
        "AccessDenied",
        `The cell or chart you're trying to change is on a protected sheet ('${sheet.name}'). To make a change, unprotect the sheet.`,
      );
  }
  requireLinkedEntities(): void {
    if (!this.supportsLinkedEntities)
      fail(
        "ApiNotFound",
        "The API you are trying to use could not be found. It may be available in a newer version of Excel (workbook.linkedEntityDataDomains needs ExcelApi 1.19; Excel on the web does not have it).",
      );
  }
  /** LinkedEntityDataDomainCollection.add: refused unless each option is as LinkedEntityDataDomainCreateOptions says. */
  addLinkedDomain(options: unknown): LinkedDomain {
    this.requireLinkedEntities();
    const o = (options ?? {}) as Record<string, unknown>;
    for (const k of ["id", "name", "dataProvider", "loadFunctionId"])
      if (typeof o[k] !== "string" || o[k] === "")
        invalidArgument(`LinkedEntityDataDomainCreateOptions.${k} is required.`);
    if (String(o.id).includes("!")) invalidArgument("A linked entity data domain's id may not hold exclamation marks.");
    // "This ID must be unique across all linked entity data domains defined by this Office Add-in"; likewise the name
    if (this.linkedDomains.some((d) => d.id === o.id || d.name === o.name))
      fail("ItemAlreadyExists", `A linked entity data domain '${String(o.id)}' or named '${String(o.name)}' exists.`);
    const modes = (o.supportedRefreshModes ?? ["Manual"]) as unknown[];
    if (!Array.isArray(modes) || modes.some((m) => typeof m !== "string" || !REFRESH_MODES.has(m)))
      invalidArgument("supportedRefreshModes holds Manual, OnLoad or Periodic.");
    // "The minimum valid value is 300. This property is required if the supportedRefreshModes array contains Periodic"
    if (
      modes.includes("Periodic") &&
      !(typeof o.periodicRefreshInterval === "number" && o.periodicRefreshInterval >= 300)
    )
      invalidArgument("periodicRefreshInterval must be at least 300 seconds for Periodic refresh.");
    const domain: LinkedDomain = {
      id: o.id as string,
      name: o.name as string,
      dataProvider: o.dataProvider as string,
      loadFunctionId: o.loadFunctionId as string,
      supportedRefreshModes: ["Manual", ...(modes as string[]).filter((m) => m !== "Manual")],
      periodicRefreshInterval: o.periodicRefreshInterval as number | undefined,
    };
    this.linkedDomains.push(domain);
    return domain;
  }
  private linkedCells(): Array<[FakeSheet, string, Cell]> {
    return this.sheets.flatMap((sheet) =>
      [...sheet.cells.entries()]
        .filter(([, c]) => c.linked)
        .map(([k, c]) => [sheet, k, c] as [FakeSheet, string, Cell]),
    );
  }
  /** Marks every linked cell of `domainId` (all domains with "*") to be loaded again: LinkedEntityDataDomain.refresh(). */
  reloadLinkedCells(domainId: string): void {
    for (const [sheet, key, cell] of this.linkedCells()) {
      const id = cell.entity!.id as Record<string, unknown>;
      if (domainId === "*" || id.domainId === domainId)
        sheet.cells.set(key, { ...cell, linked: { ...cell.linked, pending: true } });
    }
  }
  /**
   * Excel loads the cards of the linked cells waiting for theirs, in one batched request per domain (see "linked
   * entities" above). Called at the end of each sync, and by `refreshAll`.
   */
  loadLinkedCells(): void {
    if (!this.supportsLinkedEntities) return;
    const byDomain = new Map<string, Array<[FakeSheet, string, Cell]>>();
    for (const entry of this.linkedCells()) {
      if (!entry[2].linked!.pending) continue;
      const domainId = String((entry[2].entity!.id as Record<string, unknown>).domainId);
      byDomain.set(domainId, [...(byDomain.get(domainId) ?? []), entry]);
    }
    for (const [domainId, entries] of byDomain) {
      const cells = entries.map(([, , c]) => c);
      const request = JSON.stringify({
        domainId,
        entities: cells.map((c) => {
          const id = c.entity!.id as Record<string, unknown>;
          return { entityId: id.entityId, culture: id.culture };
        }),
      });
      const domain = this.linkedDomains.find((d) => d.id === domainId);
      const service = domain && this.loadServices.get(domain.loadFunctionId);
      let answer: unknown;
      if (service) {
        this.loadRequests.push(request);
        try {
          answer = service(request);
        } catch {
          answer = undefined;
        }
      }
      const asked = entries.map(([sheet, key, c]): [FakeSheet, string, Cell] => {
        if (!(answer instanceof Promise)) return [sheet, key, c];
        const loading = { ...c, linked: { ...c.linked, pending: false, loading: true } };
        sheet.cells.set(key, loading);
        return [sheet, key, loading];
      });
      const settle = (raw: unknown) => {
        let settled: unknown;
        try {
          settled = clone(raw);
        } catch {
          settled = undefined;
        }
        const cards = answersRequest(settled, domainId, cells) ? settled.entities : undefined;
        asked.forEach(([sheet, key, c], i) => {
          // a cell written again meanwhile keeps what it holds now
          if (sheet.cells.get(key) !== c) return;
          const linked: LinkedState = cards
            ? { card: withExcelNumbers(cards[i]) as Record<string, unknown> }
            : { failed: true };
          sheet.cells.set(key, { ...c, linked });
        });
      };
      if (answer instanceof Promise) {
        this.linkedLoads.push(
          answer.then(
            (a) => settle(a),
            () => settle(undefined),
          ),
        );
      } else settle(answer);
    }
  }
  /** Data > Refresh All, as the user chooses it: every linked cell of every registered domain is loaded again. */
  refreshAll(): void {
    this.reloadLinkedCells("*");
    this.loadLinkedCells();
  }
  requireDataTypes(): void {
    if (!this.supportsDataTypes)
      fail(
        "ApiNotFound",
        "The API you are trying to use could not be found. It may be available in a newer version of Excel (Range.valuesAsJson needs ExcelApi 1.16).",
      );
  }
  private checkSheetName(name: unknown, self?: FakeSheet): string {
    if (
      typeof name !== "string" ||
      name.length < 1 ||
      name.length > 31 ||
      /[\\/?*[\]:]/.test(name) ||
      /^'|'$/.test(name) ||
      name.toLowerCase() === "history"
    ) {
      invalidArgument(`'${String(name)}' is not a valid worksheet name.`);
    }
    const other = this.findSheet(name as string);
    if (other && other !== self) fail("ItemAlreadyExists", `A worksheet named '${name}' already exists.`);
    return name as string;
  }
  private freshName(prefix: string, taken: (n: string) => boolean): string {
    for (let i = 1; ; i++) if (!taken(`${prefix}${i}`)) return `${prefix}${i}`;
  }

  // ---- reading cells
  valueAt(sheet: FakeSheet, row: number, column: number, depth = 0): Scalar {
    const cell = sheet.get(row, column);
    return cell.formula.startsWith("=") ? this.evaluate(cell.formula, depth) : cell.value;
  }
  /** What the cell shows: an entity's text, else the (evaluated) value as text. */
  textAt(sheet: FakeSheet, row: number, column: number): string {
    const { entity: e, linked } = sheet.get(row, column);
    if (linked) return this.linkedShown(linked) ?? String(e!.text);
    return e ? (typeof e.text === "string" ? e.text : "") : display(this.valueAt(sheet, row, column));
  }
  /** The error a linked cell shows instead of its text: #VALUE! on the web, #CONNECT! when its load failed. */
  private linkedShown(linked: LinkedState): string | undefined {
    if (!this.supportsLinkedEntities) return "#VALUE!";
    if (linked.failed) return "#CONNECT!";
    return linked.card && typeof linked.card.text === "string" ? linked.card.text : undefined;
  }
  /** The cell as a CellValue: an entity's JSON as Excel hands it back, else the type of its (evaluated) value. */
  jsonAt(sheet: FakeSheet, row: number, column: number): Record<string, unknown> {
    const { entity: e, linked } = sheet.get(row, column);
    if (linked) {
      // a loaded card reads back as Excel reshapes entities; otherwise only the id and text are there
      const card = this.supportsLinkedEntities && linked.card ? linked.card : e!;
      return entityJson({ ...card, text: this.linkedShown(linked) ?? card.text }, this.entityReadback);
    }
    return e ? entityJson(e, this.entityReadback) : plainJson(this.valueAt(sheet, row, column));
  }
  /**
   * What Range.valueTypes (ExcelApi 1.1) reads: the type of the cell's value. A data type, linked or not, is "Error":
   * EntityCellValue.basicType and LinkedEntityCellValue.basicType are "Error", documented as "the value that would be
   * returned by Range.valueTypes for a cell with this value" (learn.microsoft.com/javascript/api/excel/excel.entitycellvalue,
   * excel.linkedentitycellvalue), so that an entity's type is that of a #VALUE! error, whatever its card holds.
   */
  valueTypeAt(sheet: FakeSheet, row: number, column: number): string {
    const { entity: e, linked } = sheet.get(row, column);
    return e || linked ? "Error" : valueType(this.valueAt(sheet, row, column));
  }
  /** What Range.formulas reads: the formula, else the constant (text without its apostrophe). */
  formulaAt(sheet: FakeSheet, row: number, column: number): Scalar {
    const cell = sheet.get(row, column);
    return cell.formula.startsWith("=") ? cell.formula : cell.value;
  }
  headersOf(t: FakeTable): string[] {
    return grid(firstRow(t.area), (r, c) => display(this.valueAt(t.sheet, r, c)))[0];
  }

  /**
   * Evaluates what the stand-in models and never pretends about the rest:
   * - a number literal; SUM(Table[Column]); SUBTOTAL(109, Table[Column]) (visible rows only, as Excel's 1xx codes);
   * - a reference to a missing table or column, or a deleted one, is #REF!;
   * - a name Excel does not know is #NAME?: an unknown function (IOMT.* too, unless the test registered it in
   *   `customFunctions`, as the add-in's runtime would) or an undefined name ("=see memo", "=-abc");
   * - anything else Excel would calculate is "#UNSUPPORTED" (known, not modelled).
   */
  private evaluate(formula: string, depth: number): Scalar {
    if (depth > 32) return 0; // a circular reference: Excel shows 0
    const body = formula.slice(1).trim();
    if (NUMBER.test(body)) return excelNumber(Number(body));
    for (const m of body.matchAll(STRUCTURED_REFERENCE)) {
      const t = this.findTable(m[1]);
      const headers = t ? this.headersOf(t).map((h) => h.toLowerCase()) : [];
      if (!t || referencedColumns(m[2]).some((col) => !headers.includes(col.toLowerCase()))) return "#REF!";
    }
    if (body.includes("#REF!")) return "#REF!";
    if (this.namesUnknownName(body)) return "#NAME?";
    const aggregate = /^(SUM|SUBTOTAL)\(\s*(?:(109|9)\s*,\s*)?([A-Za-z_\\][\w.\\]*)\[([^[\]]+)\]\s*\)$/i.exec(body);
    if (!aggregate || (aggregate[1].toUpperCase() === "SUBTOTAL") !== (aggregate[2] !== undefined))
      return "#UNSUPPORTED";
    const t = this.findTable(aggregate[3])!;
    const column = t.area.left + this.headersOf(t).findIndex((h) => h.toLowerCase() === aggregate[4].toLowerCase());
    const body2 = bodyArea(t);
    const visibleOnly = aggregate[2] === "109";
    let total = 0;
    for (let r = body2.top; r <= body2.bottom; r++) {
      if (visibleOnly && t.sheet.hiddenRows.has(r)) continue;
      const v = this.valueAt(t.sheet, r, column, depth + 1);
      if (typeof v === "number") total += v;
    }
    return excelNumber(total);
  }
  /** Whether a formula names a function or a name Excel does not know (string literals and table references aside). */
  private namesUnknownName(body: string): boolean {
    const bare = body
      .replace(/"(?:[^"]|"")*"/g, '""')
      .replace(STRUCTURED_REFERENCE, "0")
      .replace(/\[[^[\]]*\]/g, "0")
      .replace(/\[[^[\]]*\]/g, "0");
    for (const m of bare.matchAll(/(?<![\w.$\\])('[^']+'!|[A-Za-z_][\w.]*!)?([A-Za-z_\\][\w.\\]*)(\s*\()?/g)) {
      const name = m[2].toUpperCase();
      if (m[3]) {
        const fn = name.replace(/^_XLFN\./, "");
        if (!KNOWN_FUNCTIONS.has(fn) && ![...this.customFunctions].some((f) => f.toUpperCase() === fn)) return true;
      } else if (
        !m[1] &&
        !/^(TRUE|FALSE)$/.test(name) &&
        !/^\$?[A-Z]{1,3}\$?\d+$/.test(name) &&
        !this.findTable(m[2])
      ) {
        return true;
      }
    }
    return false;
  }

  // ---- writing cells
  /** Rewrites structured references to `tableName` in every formula of the workbook. */
  private rewriteReferences(tableName: string, f: (name: string, inner: string) => string): void {
    const k = tableName.toLowerCase();
    for (const s of this.sheets) {
      for (const [key, cell] of s.cells) {
        if (!cell.formula.startsWith("=")) continue;
        const formula = cell.formula.replace(STRUCTURED_REFERENCE, (m, name: string, inner: string) =>
          name.toLowerCase() === k ? f(name, inner) : m,
        );
        if (formula !== cell.formula) s.cells.set(key, { ...cell, formula });
      }
    }
  }
  /**
   * Keeps a table's header cells valid, as Excel does: constant text, never empty ("Column1"),
   * unique ("Sales2"). When `before` is given, renamed columns are renamed in formulas too.
   */
  private normalizeHeaders(t: FakeTable, before?: string[]): void {
    const { sheet, area } = t;
    const seen = new Set<string>();
    const now: string[] = [];
    for (let c = area.left; c <= area.right; c++) {
      let header = this.textAt(sheet, area.top, c);
      if (header === "") header = `Column${c - area.left + 1}`;
      if (seen.has(header.toLowerCase())) {
        let n = 2;
        while (seen.has(`${header}${n}`.toLowerCase())) n++;
        header = `${header}${n}`;
      }
      seen.add(header.toLowerCase());
      now.push(header);
      const cell = sheet.get(area.top, c);
      if (cell.value !== header || cell.formula !== header || cell.entity)
        sheet.put(area.top, c, { ...formattingOf(cell), value: header, formula: header });
    }
    const renames = new Map<string, string>();
    before?.forEach((old, i) => {
      if (i < now.length && old !== now[i]) renames.set(old.toLowerCase(), now[i]);
    });
    if (renames.size === 0) return;
    const rename = (column: string): string => renames.get(column.toLowerCase()) ?? column;
    this.rewriteReferences(
      t.name,
      (name, inner) =>
        `${name}[${
          inner.includes("[")
            ? inner.replace(/\[([^\]]*)\]/g, (m, column: string) =>
                column.startsWith("#") ? m : `[${rename(column)}]`,
              )
            : inner.startsWith("#")
              ? inner
              : rename(inner)
        }]`,
    );
  }
  /**
   * Writes a 2-D array (or a single value into a single cell) through `values`, `formulas`, `numberFormat` or
   * `valuesAsJson`. `null` leaves a cell unchanged. Every cell is checked before any is written; then the headers
   * of tables whose header row was touched are made valid again.
   */
  writeCells(target: SheetRect, kind: CellProperty, data: unknown, { asUser = false } = {}): void {
    if (!asUser) this.refuseIfProtected(target.sheet);
    const rows = target.bottom - target.top + 1,
      columns = target.right - target.left + 1;
    if (!Array.isArray(data) && kind === "valuesAsJson" && rows * columns > 1)
      invalidArgument(
        `Range.valuesAsJson: a single value cannot be assigned to the ${rows}x${columns} range ${fullAddress(target)}; pass a ${rows}x${columns} 2-D array.`,
      );
    // Range.formulas (ExcelApi 1.1): "When setting formulas to a range, the value argument can be either a single
    // value (a string) or a two-dimensional array. If the argument is a single value, it will be applied to all cells
    // in the range" (@types/office-js before 1.1.x's doc rewrite; the same holds for values and numberFormat). A
    // formula so given is filled like Excel's Fill: relative A1 references shift with each cell ("rng.formulas =
    // '=B1'" on A1:A10 gives A1 =B1, A2 =B2, ...: Microsoft 365 Developer Platform idea 4211172, "Allow passing a
    // single value to the Range object Values and Formulas"). valuesAsJson documents no single value: refused.
    const input: unknown[][] = Array.isArray(data)
      ? data
      : rows * columns === 1 || data === null
        ? grid(target, () => data)
        : kind === "numberFormat" ||
            typeof data !== "string" ||
            !data.startsWith("=") ||
            filledFormula(data, 1, 1) === data
          ? grid(target, () => data)
          : grid(target, (r, c) => filledFormula(data, r - target.top, c - target.left));
    if (input.length !== rows || input.some((line) => !Array.isArray(line) || line.length !== columns)) {
      invalidArgument(
        `Range.${kind}: the number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${columns} at ${fullAddress(target)}).`,
      );
    }
    const cells: Array<[number, number, Cell]> = [];
    input.forEach((line, i) =>
      line.forEach((v, j) => {
        if (v === null) return;
        const r = target.top + i,
          c = target.left + j,
          cell = target.sheet.get(r, c);
        if (kind === "valuesAsJson") cells.push([r, c, cellFromJson(cell, v, this.supportsLinkedEntities)]);
        else if (kind !== "numberFormat") cells.push([r, c, cellFromInput(cell, v)]);
        else
          cells.push([
            r,
            c,
            typeof v === "string"
              ? { ...cell, numberFormat: v }
              : invalidArgument(`Range.numberFormat: expected strings, got ${typeof v}.`),
          ]);
      }),
    );
    const touched = this.tables.filter((t) => t.sheet === target.sheet && overlaps(firstRow(t.area), target));
    const before = touched.map((t) => this.headersOf(t));
    cells.forEach(([r, c, cell]) => target.sheet.put(r, c, cell));
    touched.forEach((t, i) => this.normalizeHeaders(t, before[i]));
  }
  /** Sets one formatting key (bold, wrapText) on every cell of the range. */
  setCellFormat(target: SheetRect, key: string, value: unknown): void {
    this.refuseIfProtected(target.sheet);
    grid(target, (r, c) => {
      const cell = target.sheet.get(r, c);
      target.sheet.put(r, c, { ...cell, format: { ...cell.format, [key]: value } });
    });
  }
  formatAt(target: SheetRect, key: string, fallback: unknown): unknown[] {
    return grid(target, (r, c) => target.sheet.get(r, c).format?.[key] ?? fallback).flat();
  }
  setColumnWidth(target: SheetRect, width: unknown): void {
    this.refuseIfProtected(target.sheet);
    if (typeof width !== "number" || !(width >= 0)) invalidArgument(`Invalid column width ${String(width)}.`);
    for (let c = target.left; c <= target.right; c++) target.sheet.columnWidths.set(c, width as number);
  }

  // ---- worksheets, tables, charts and custom properties, as the API changes them
  addSheetFromApi(name?: string): FakeSheet {
    return this.addSheet(name === undefined ? this.freshName("Sheet", (x) => !!this.findSheet(x)) : name);
  }
  /** Worksheet.visibility: a workbook keeps at least one visible sheet (Excel refuses to hide the last one). */
  setSheetVisibility(sheet: FakeSheet, visibility: unknown): void {
    if (visibility !== "Visible" && visibility !== "Hidden" && visibility !== "VeryHidden")
      invalidArgument(`'${String(visibility)}' is not a worksheet visibility.`);
    if (visibility !== "Visible" && !this.sheets.some((s) => s !== sheet && s.visibility === "Visible"))
      fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    sheet.visibility = visibility;
  }
  /**
   * Worksheet.delete: "if the worksheet's visibility is set to "VeryHidden", the delete operation will fail with an
   * InvalidOperation exception. You should first change its visibility to hidden or visible before deleting it"
   * (@types/office-js, Excel.Worksheet.delete); and a workbook keeps at least one visible sheet.
   */
  deleteSheetFromApi(sheet: FakeSheet): void {
    if (sheet.visibility === "VeryHidden")
      fail("InvalidOperation", "The worksheet is very hidden: set it hidden or visible before deleting it.");
    if (sheet.visibility === "Visible" && !this.sheets.some((s) => s !== sheet && s.visibility === "Visible"))
      fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    this.deleteSheet(sheet.name);
  }
  private checkTableName(name: unknown, self?: FakeTable): string {
    const valid =
      typeof name === "string" &&
      name.length <= 255 &&
      /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) &&
      !/^[A-Za-z]{1,3}\d+$/.test(name) &&
      !/^[RC]$|^R\d*C\d*$/i.test(name);
    if (!valid) invalidArgument(`'${String(name)}' is not a valid table name.`);
    const other = this.findTable(name as string);
    if (other && other !== self) fail("ItemAlreadyExists", `A table named '${name}' already exists.`);
    return name as string;
  }
  /** A new table over `target`; without headers, Excel inserts a header row above the data. */
  createTable(target: SheetRect, hasHeaders: boolean, name?: string): FakeTable {
    const { sheet } = target;
    // A lone header row gets an empty data row.
    const area = sheetArea(sheet, {
      ...target,
      bottom: target.bottom + (!hasHeaders || target.top === target.bottom ? 1 : 0),
    });
    if (this.tables.some((t) => t.sheet === sheet && overlaps(t.area, area)))
      invalidArgument("A table can't overlap another table.");
    const tableName =
      name === undefined ? this.freshName("Table", (n) => !!this.findTable(n)) : this.checkTableName(name);
    if (!hasHeaders) {
      const moved = [...sheet.cells].filter(([k]) => {
        const [r, c] = k.split(",").map(Number);
        return r >= area.top && c >= area.left && c <= area.right;
      });
      if (this.tables.some((t) => t.sheet === sheet && overlaps(t.area, { ...area, bottom: MAX_ROWS - 1 })))
        invalidArgument("The stand-in cannot shift another table down.");
      moved.forEach(([k]) => sheet.cells.delete(k));
      moved.forEach(([k, cell]) => {
        const [r, c] = k.split(",").map(Number);
        if (r + 1 < MAX_ROWS) sheet.put(r + 1, c, cell);
      });
    }
    const t: FakeTable = {
      id: String(this.nextId++),
      name: tableName,
      sheet,
      area: { top: area.top, left: area.left, bottom: area.bottom, right: area.right },
      style: "TableStyleMedium2",
      showTotals: false,
    };
    this.tables.push(t);
    this.normalizeHeaders(t);
    return t;
  }
  renameTable(t: FakeTable, name: unknown): void {
    this.refuseIfProtected(t.sheet);
    const old = t.name;
    t.name = this.checkTableName(name, t);
    this.rewriteReferences(old, (_name, inner) => `${t.name}[${inner}]`);
  }
  /**
   * Table.resize (ExcelApi 1.13). The header row and top-left cell stay. With a totals row, the new range's last
   * row becomes the totals row, and nothing moves: the old totals cells stay where they were, so they become body
   * cells that new rows written there overwrite. A filtered table cannot be resized: Excel refuses to shift or
   * write rows through a filter (office-js #994: rows of a filtered table are not deleted; #224: data written to a
   * filtered range lands in the wrong rows), modelled as InvalidOperation.
   */
  resizeTable(t: FakeTable, target: SheetRect): void {
    this.refuseIfProtected(t.sheet);
    if (target.sheet !== t.sheet || target.top !== t.area.top || target.left !== t.area.left) {
      invalidArgument(
        `Table.resize: the new range ${fullAddress(target)} must keep the header row and top-left cell of ${fullAddress({ sheet: t.sheet, ...t.area })}.`,
      );
    }
    if (target.bottom - target.top < (t.showTotals ? 2 : 1))
      invalidArgument("Table.resize: a table needs a header row and at least one data row (and its totals row).");
    if (t.filter)
      fail(
        "InvalidOperation",
        `Table '${t.name}' has a filter applied; it cannot be resized until the filter is cleared.`,
      );
    const area = { top: target.top, left: target.left, bottom: target.bottom, right: target.right };
    if (this.tables.some((o) => o !== t && o.sheet === t.sheet && overlaps(o.area, area)))
      invalidArgument("A table can't overlap another table.");
    const removed = this.headersOf(t)
      .slice(area.right - area.left + 1)
      .map((h) => h.toLowerCase());
    t.area = area;
    if (removed.length)
      this.rewriteReferences(t.name, (name, inner) =>
        referencedColumns(inner).some((c) => removed.includes(c.toLowerCase())) ? "#REF!" : `${name}[${inner}]`,
      );
    this.normalizeHeaders(t);
  }
  /**
   * Table.showTotals (ExcelApi 1.3). Turning it on takes the row below the body as the totals row, with "Total"
   * in the first column and SUBTOTAL(109, ...) in the last, as Excel does; if that row holds anything, Excel
   * would have to shift cells, which the stand-in refuses (InvalidOperation). Turning it off clears that row.
   */
  setTableTotals(t: FakeTable, on: boolean): void {
    if (on === t.showTotals) return;
    const row = on ? t.area.bottom + 1 : t.area.bottom;
    const totalsRow: Rect = { ...t.area, top: row, bottom: row };
    if (on) {
      sheetArea(t.sheet, totalsRow);
      const held = grid(totalsRow, (r, c) => t.sheet.get(r, c))
        .flat()
        .some((cell) => cell.formula !== "" || cell.value !== "" || cell.entity);
      if (held)
        fail(
          "InvalidOperation",
          `Cannot show the totals row of '${t.name}': ${fullAddress({ sheet: t.sheet, ...totalsRow })} is not empty.`,
        );
      if (this.tables.some((o) => o !== t && o.sheet === t.sheet && overlaps(o.area, totalsRow)))
        fail("InvalidOperation", "The totals row would overlap another table.");
      const headers = this.headersOf(t);
      t.area = { ...t.area, bottom: row };
      t.showTotals = true;
      if (totalsRow.right > totalsRow.left)
        t.sheet.put(row, totalsRow.left, cellFromInput(t.sheet.get(row, totalsRow.left), "Total"));
      t.sheet.put(
        row,
        totalsRow.right,
        cellFromInput(t.sheet.get(row, totalsRow.right), `=SUBTOTAL(109,${t.name}[${headers[headers.length - 1]}])`),
      );
    } else {
      grid(totalsRow, (r, c) => t.sheet.put(r, c, { ...formattingOf(t.sheet.get(r, c)), value: "", formula: "" }));
      t.area = { ...t.area, bottom: row - 1 };
      t.showTotals = false;
    }
  }
  private dropTable(t: FakeTable, clearCells: boolean): void {
    if (clearCells) grid(t.area, (r, c) => t.sheet.cells.delete(`${r},${c}`));
    this.tables.splice(this.tables.indexOf(t), 1);
    t.deleted = true;
    this.rewriteReferences(t.name, () => "#REF!");
  }
  addChart(sheet: FakeSheet, type: unknown, source: SheetRect, seriesBy: unknown): ChartRecord {
    this.refuseIfProtected(sheet);
    const name = this.freshName("Chart ", (n) => sheet.charts.some((c) => c.name === n));
    const chart: ChartRecord = {
      name,
      type: String(type),
      source: fullAddress(source),
      seriesBy: String(seriesBy ?? "Auto"),
      title: "",
    };
    sheet.charts.push(chart);
    return chart;
  }
  /** Adds or replaces (by key, ignoring case) a custom property, trimmed as Excel desktop trims it. */
  setProperty(key: unknown, value: unknown): CustomProperty {
    if (typeof key !== "string" || key === "") invalidArgument("A custom property needs a non-empty string key.");
    if (!["string", "number", "boolean"].includes(typeof value) && !(value instanceof Date))
      invalidArgument(`Unsupported custom property value type ${typeof value}.`);
    const k = (key as string).slice(0, CUSTOM_PROPERTY_LIMIT);
    const v = typeof value === "string" ? value.slice(0, CUSTOM_PROPERTY_LIMIT) : value;
    const existing = this.customProps.get(k.toLowerCase());
    if (existing) {
      existing.value = v;
      return existing;
    }
    const property = { key: k, value: v };
    this.customProps.set(k.toLowerCase(), property);
    return property;
  }
}
