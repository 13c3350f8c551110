/**
 * How refresh tells whether a cell already holds what the dataset says, the way Excel stores it: numbers to
 * 15 significant digits, formulas in Excel's equivalent spellings, text as text, data types by meaning.
 */
import type { PlanCell } from "./plan";

/** Excel keeps 15 significant digits of a number (and has no negative zero). */
export function excelNumber(n: number): number {
  const r = Number(n.toPrecision(15));
  return r === 0 ? 0 : r;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Formulas as Excel may give them back: `Table[[#This Row],[X]]`, `Table[@X]`, `[@[X]]` and `[@X]` are the
 * same reference; spaces outside strings and the `_xlfn.` prefix do not count.
 */
export function canonicalFormula(x: unknown, tableName: string): unknown {
  if (typeof x !== "string" || !x.startsWith("=")) return x;
  let f = x.replace(/_xlfn\./gi, "");
  const escaped = escapeRegExp(tableName);
  f = f.replace(new RegExp(`${escaped}\\[\\[#This Row\\],\\[((?:'.|[^\\]])+)\\]\\]`, "gi"), "[@$1]");
  f = f.replace(new RegExp(`${escaped}\\[@`, "gi"), "[@");
  f = f.replace(/\[@\[((?:'.|[^\]])+)\]\]/g, "[@$1]");
  // inside its own table Excel may drop the table's name (the character before the name is kept: no lookbehind,
  // which older Mac WebKit cannot parse), and the second brackets of a plain column
  f = f.replace(new RegExp(`(^|[^A-Za-z0-9_.])${escaped}\\[`, "gi"), "$1[");
  f = f.replace(/\[\[((?:'.|[^\][@#,])+)\]\]/g, "[$1]");
  // drop spaces outside string literals
  return f.replace(/("[^"]*")|\s+/g, (_m, str) => str ?? "");
}

const isBlank = (x: unknown): boolean => x === "" || x === null || x === undefined;

/** Whether a cell read through `Range.formulas` already holds the planned content. */
export function sameCell(current: unknown, planned: PlanCell, tableName: string): boolean {
  if (typeof planned === "number") return typeof current === "number" && excelNumber(current) === excelNumber(planned);
  if (planned.startsWith("=")) return canonicalFormula(current, tableName) === canonicalFormula(planned, tableName);
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
