/**
 * The original IOMT.* formulas a portable workbook keeps, so that "Restore IOMT formulas" puts them back exactly.
 * They live on a sheet of their own (very hidden where the application allows), one row per cell, as text:
 * Sheet, Cell, Form, Original, Portable. Form says how the formulas are written: "excel" as Excel shows them
 * ("=IOMT.VALUE(...)", through Office.js) or "file" as an .xlsx stores them (no "=", _xlfn. prefixes).
 */

export const ORIGINALS_SHEET_NAME = "IoMT Originals";
export const ORIGINALS_HEADERS = ["Sheet", "Cell", "Form", "Original", "Portable"] as const;

export type FormulaForm = "excel" | "file";

export interface OriginalRecord {
  sheet: string;
  /** A1 address of the cell on its sheet, without the sheet */
  cell: string;
  form: FormulaForm;
  original: string;
  portable: string;
}

/** Where the header row says how many records follow, so that a reader knows what to read without a used range. */
export const ORIGINALS_COUNT_LABEL = "Records";
export const ORIGINALS_WIDTH = ORIGINALS_HEADERS.length + 2;

/**
 * The sheet's rows, ORIGINALS_WIDTH wide: the header (with "Records" and their count after it), then one row per
 * record. Every cell but the count is text (the writer must keep "=..." as text, not a formula).
 */
export function originalsRows(records: readonly OriginalRecord[]): Array<Array<string | number>> {
  return [
    [...ORIGINALS_HEADERS, ORIGINALS_COUNT_LABEL, records.length],
    ...records.map((r) => [r.sheet, r.cell, r.form, r.original, r.portable, "", ""]),
  ];
}

/** The number of records the header row announces, or 0 when it is not an originals header. */
export function originalsCount(header: readonly unknown[]): number {
  if (
    ORIGINALS_HEADERS.some((h, i) => String(header[i] ?? "") !== h) ||
    header[ORIGINALS_HEADERS.length] !== ORIGINALS_COUNT_LABEL
  )
    return 0;
  const n = Number(header[ORIGINALS_HEADERS.length + 1]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** Reads the sheet's rows back; rows that are not records (blank, or a wrong form) are left out. */
export function readOriginals(rows: readonly (readonly unknown[])[]): OriginalRecord[] {
  const header = (rows[0] ?? []).map((x) => String(x ?? ""));
  if (ORIGINALS_HEADERS.some((h, i) => header[i] !== h)) return [];
  const out: OriginalRecord[] = [];
  for (const row of rows.slice(1)) {
    const [sheet, cell, form, original, portable] = row.map((x) => (x === null || x === undefined ? "" : String(x)));
    if (!sheet || !cell || (form !== "excel" && form !== "file") || !original) continue;
    out.push({ sheet, cell: cell.toUpperCase(), form, original, portable });
  }
  return out;
}

/** Records of new conversions replace older ones of the same cells; the order is kept. */
export function mergeOriginals(old: readonly OriginalRecord[], added: readonly OriginalRecord[]): OriginalRecord[] {
  const key = (r: OriginalRecord) => `${r.sheet.toLowerCase()}!${r.cell}`;
  const fresh = new Set(added.map(key));
  return [...old.filter((r) => !fresh.has(key(r))), ...added];
}

/** A formula kept in one form, written in another: "=" added or taken away. */
export function inForm(formula: string, from: FormulaForm, to: FormulaForm): string {
  if (from === to) return formula;
  return to === "excel" ? `=${formula}` : formula.startsWith("=") ? formula.slice(1) : formula;
}

export interface RestoreStep {
  record: OriginalRecord;
  /** what to write, in the restorer's form; undefined when the cell changed since it was made portable */
  write?: string;
  /** why the cell is left alone */
  skipped?: string;
}

/**
 * What restore does with each record, given the cells' formulas now (in the restorer's form; undefined for a cell
 * or sheet that is gone): a cell that still holds the portable formula gets its original back; one that was
 * edited since is left alone and reported, so restore never overwrites the analyst's work.
 */
export function planRestore(
  records: readonly OriginalRecord[],
  current: (r: OriginalRecord) => string | undefined,
  form: FormulaForm,
): RestoreStep[] {
  return records.map((record) => {
    const now = current(record);
    if (now === undefined) return { record, skipped: "the cell or its sheet is gone" };
    if (now === inForm(record.original, record.form, form))
      return { record, skipped: "it already holds the original formula" };
    if (now !== inForm(record.portable, record.form, form))
      return { record, skipped: "it was edited after it was made portable" };
    return { record, write: inForm(record.original, record.form, form) };
  });
}
