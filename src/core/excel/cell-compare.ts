/**
 * How refresh tells whether a cell already holds what the dataset says, the way Excel stores it: numbers to
 * 15 significant digits, formulas in Excel's equivalent spellings, text as text, data types by meaning.
 */
import type { PlanCell } from "./plan-cell";
import { XLFN } from "./excel-syntax";
import { isBlank } from "../../lib/blank";

/** Excel keeps 15 significant digits of a number (and has no negative zero). */
export function excelNumber(n: number): number {
  const r = Number(n.toPrecision(15));
  return r === 0 ? 0 : r;
}

/**
 * Formulas as Excel may give them back: `Table[[#This Row],[X]]`, `Table[@X]`, `[@[X]]` and `[@X]` are the
 * same reference, and so are `Table[[X]]` and `[X]` inside the table; spaces outside strings and the `_xlfn.`
 * prefix do not count. Text literals ("..." with "" inside) and quoted sheet names ('...' with '' inside) are
 * kept exactly. Two passes over the text with no regular expression that could backtrack: the cost is linear
 * in the formula's length whatever it holds.
 */
export function canonicalFormula(x: unknown, tableName: string): unknown {
  if (typeof x !== "string" || !x.startsWith("=")) return x;
  // a table's formulas repeat row after row: each text's canonical form is worked out once
  const key = `${tableName}\u0000${x}`;
  const known = canonicalForms.get(key);
  if (known !== undefined) return known;
  const canonical = referencesCanonical(withoutSpaces(x), tableName.toLowerCase());
  if (x.length > CANONICAL_TEXT_KEPT) return canonical;
  if (canonicalForms.size >= CANONICAL_FORMS_KEPT) canonicalForms.clear();
  canonicalForms.set(key, canonical);
  return canonical;
}

/** The canonical forms worked out lately, by table name and text (of at most `CANONICAL_TEXT_KEPT` characters); emptied when it holds `CANONICAL_FORMS_KEPT`. */
const CANONICAL_FORMS_KEPT = 4096;
const CANONICAL_TEXT_KEPT = 512;
const canonicalForms = new Map<string, string>();

const isSpace = (c: string): boolean => /^\s$/.test(c);
/** A character of a name: a function, a table, a defined name, a reference such as $A$1 (a letter of any script). */
const isNameCharacter = (c: string): boolean => /^[\w.\\$?]$/.test(c) || (c > "\u007f" && !isSpace(c));

/** The end of the text literal or quoted name that starts at `start` (its quote doubled inside), or the text's end. */
function closingQuote(f: string, start: number): number {
  const quote = f[start];
  for (let i = start + 1; i < f.length; i++) {
    if (f[i] !== quote) continue;
    if (f[i + 1] !== quote) return i + 1;
    i++;
  }
  return f.length;
}

/** The end of the bracketed part that starts at `start` (brackets nest; ' escapes the next character), or the text's end. */
function closingBracket(f: string, start: number): number {
  let depth = 0;
  for (let i = start; i < f.length; i++) {
    const c = f[i];
    if (c === "'") i++;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return i + 1;
  }
  return f.length;
}

/** The formula without spaces, except inside text literals and quoted names, and escaped ones in brackets. */
function withoutSpaces(f: string): string {
  let out = "";
  let i = 0;
  while (i < f.length) {
    const c = f[i];
    if (c === '"' || c === "'") {
      const end = closingQuote(f, i);
      out += f.slice(i, end);
      i = end;
    } else if (c === "[") {
      const end = closingBracket(f, i);
      for (let j = i; j < end; j++) {
        if (f[j] === "'") out += f.slice(j, ++j + 1);
        else if (!isSpace(f[j])) out += f[j];
      }
      i = end;
    } else {
      if (!isSpace(c)) out += c;
      i++;
    }
  }
  return out;
}

/** Structured references in their shortest spelling, the table's own name dropped before its brackets, no _xlfn. */
function referencesCanonical(f: string, table: string): string {
  let out = "";
  let i = 0;
  while (i < f.length) {
    const c = f[i];
    if (c === '"' || c === "'") {
      const end = closingQuote(f, i);
      out += f.slice(i, end);
      i = end;
    } else if (c === "[") {
      const end = closingBracket(f, i);
      out += bracketsCanonical(f.slice(i, end));
      i = end;
    } else if (isNameCharacter(c)) {
      let end = i + 1;
      while (end < f.length && isNameCharacter(f[end])) end++;
      let from = i;
      while (from + XLFN.length <= end && f.slice(from, from + XLFN.length).toLowerCase() === XLFN) from += XLFN.length;
      const name = f.slice(from, end);
      // inside its own table Excel may drop the table's name
      if (!(f[end] === "[" && name.toLowerCase() === table)) out += name;
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * The column name in `[name]` when `part` is that and the name is plain: not empty, no bracket but escaped
 * ones ('[ and '] as Excel writes them), none of `forbidden`. Undefined otherwise.
 */
function plainColumn(part: string, forbidden: string): string | undefined {
  if (part.length < 3 || !part.startsWith("[") || !part.endsWith("]")) return undefined;
  const name = part.slice(1, -1);
  for (let i = 0; i < name.length; i++) {
    if (name[i] === "'") {
      if (++i === name.length) return undefined;
    } else if (name[i] === "[" || name[i] === "]" || forbidden.includes(name[i])) return undefined;
  }
  return name;
}

const THIS_ROW = "[#thisrow],";

/** A bracketed part (spaces already out): `[[#This Row],[X]]` and `[@[X]]` as `[@X]`, `[[X]]` as `[X]`. */
function bracketsCanonical(part: string): string {
  if (part.length < 2 || !part.endsWith("]")) return part;
  const inner = part.slice(1, -1);
  const row =
    inner.slice(0, THIS_ROW.length).toLowerCase() === THIS_ROW
      ? plainColumn(inner.slice(THIS_ROW.length), "")
      : inner.startsWith("@")
        ? plainColumn(inner.slice(1), "")
        : undefined;
  if (row !== undefined) return `[@${row}]`;
  const column = plainColumn(inner, "@#,");
  return column === undefined ? part : `[${column}]`;
}

/** Whether a cell read through `Range.formulas` already holds the planned content. */
export function sameCell(current: unknown, planned: PlanCell, tableName: string): boolean {
  if (typeof planned === "number") return typeof current === "number" && excelNumber(current) === excelNumber(planned);
  // the same text has the same canonical form
  if (planned.startsWith("="))
    return current === planned || canonicalFormula(current, tableName) === canonicalFormula(planned, tableName);
  if (planned === "") return isBlank(current);
  return current === planned;
}

/**
 * What to write for a planned cell so that Excel stores exactly that. Text written to a cell that is not
 * formatted as text is taken as typing is (numbers, percentages, dates, booleans; `=`, `+`, `-` start
 * formulas), so text goes with a leading apostrophe, which Excel keeps as "this is text" and leaves out when
 * Range.formulas reads the cell back (office-js #6687). A cell formatted as text ("@") stores text as given.
 */
export function cellInput(planned: PlanCell, numberFormat: string | undefined): PlanCell {
  if (typeof planned !== "string" || planned === "" || planned.startsWith("=") || numberFormat === "@") return planned;
  return `'${planned}`;
}

/** Text that Excel must store as text whatever it looks like (a logged formula, a date): with an apostrophe. */
export const textInput = (text: string): string => (text === "" ? "" : `'${text}`);
