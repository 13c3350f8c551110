/** A1 addresses: "'IoMT Regions'!A3:P9" <-> sheet, 0-based row and column, size. */

export interface Area {
  sheet?: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([a-z]{1,3})\$?(\d+)$/i;

export function parseAddress(address: string): Area {
  const bang = address.lastIndexOf("!");
  let sheet: string | undefined;
  let ref = address;
  if (bang >= 0) {
    sheet = address
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    ref = address.slice(bang + 1);
  }
  const [a, b = a] = ref.split(":");
  const m1 = CELL.exec(a);
  const m2 = CELL.exec(b);
  if (!m1 || !m2) throw new Error(`Not an A1 address: ${address}`);
  const r1 = Number(m1[2]) - 1;
  const r2 = Number(m2[2]) - 1;
  const c1 = columnIndex(m1[1]);
  const c2 = columnIndex(m2[1]);
  return {
    sheet,
    row: Math.min(r1, r2),
    column: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    columns: Math.abs(c2 - c1) + 1,
  };
}

/** "A3:P9" (no sheet), or "A3" for one cell. */
export function formatAddress(area: Omit<Area, "sheet">): string {
  const start = `${columnLetters(area.column)}${area.row + 1}`;
  if (area.rows === 1 && area.columns === 1) return start;
  return `${start}:${columnLetters(area.column + area.columns - 1)}${area.row + area.rows}`;
}

const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

const isDigit = (ch: string): boolean => ch >= "0" && ch <= "9";
const isAsciiLetter = (ch: string): boolean => (ch >= "A" && ch <= "Z") || (ch >= "a" && ch <= "z");
/** A letter Excel reads in a name: ASCII, or any other letter that has case (É, ß, Ж...). */
const isLetter = (ch: string): boolean =>
  isAsciiLetter(ch) || (ch.charCodeAt(0) > 127 && ch.toLowerCase() !== ch.toUpperCase());

/** The length of the run of characters from `start` that pass `test`. */
function run(text: string, start: number, test: (ch: string) => boolean): number {
  let i = start;
  while (i < text.length && test(text[i])) i++;
  return i - start;
}

/** "Q1", "fy2024", "XFD1048576": a cell within Excel's limits, in any case. */
function isA1Cell(name: string): boolean {
  const letters = run(name, 0, isAsciiLetter);
  const digits = run(name, letters, isDigit);
  if (letters < 1 || letters > 3 || digits < 1 || letters + digits !== name.length) return false;
  const row = Number(name.slice(letters));
  return row >= 1 && row <= MAX_ROWS && columnIndex(name.slice(0, letters)) < MAX_COLUMNS;
}

/** "R", "C", "RC", "R1", "C1", "R1C1", "rc2" in any case: an R1C1 reference, whatever its numbers. */
function isR1C1(name: string): boolean {
  let i = 0;
  if (name[i] === "R" || name[i] === "r") i += 1 + run(name, i + 1, isDigit);
  if (name[i] === "C" || name[i] === "c") i += 1 + run(name, i + 1, isDigit);
  return i > 0 && i === name.length;
}

/**
 * A sheet name as a formula or an address writes it, quoted as Excel quotes it: when the name is not a plain
 * name (a letter or underscore, then letters, digits, underscores and dots), or could be read as something
 * else: an A1 cell (Q1, FY2024), an R1C1 reference (R, C, RC, R1C1) or a logical (TRUE, FALSE). An
 * apostrophe in the name is doubled. Excel's rules, as observed (jmcnamara/XlsxWriter#1078): names holding
 * anything but word characters and dots are quoted, as are names starting with a digit or dot and names that
 * are cells within Excel's limits; R1C1 references of any size and letters without case (CJK) are quoted
 * here too, since a quoted name is always accepted.
 */
export function quoteSheetName(name: string): string {
  const word = (ch: string): boolean => isLetter(ch) || isDigit(ch) || ch === "_" || ch === ".";
  const plain =
    name.length > 0 &&
    (isLetter(name[0]) || name[0] === "_") &&
    run(name, 0, word) === name.length &&
    !isA1Cell(name) &&
    !isR1C1(name) &&
    !["true", "false"].includes(name.toLowerCase());
  return plain ? name : `'${name.split("'").join("''")}'`;
}

/** A sheet-qualified address ("'Q1'!C4", "Data!A1:B2"): an area, or an A1 address without a sheet. */
export function qualified(sheet: string, area: Omit<Area, "sheet"> | string): string {
  return `${quoteSheetName(sheet)}!${typeof area === "string" ? area : formatAddress(area)}`;
}
