/**
 * The original IOMT.* formulas a portable workbook keeps, so that "Restore IOMT formulas" puts them back exactly.
 * They live on the add-in's originals sheet (own-sheets.ts: very hidden and marked), one row per cell, as text:
 * Sheet, Cell, Form, Original, Portable, then (in H and I, right of the header's record count) Kind and Range. Form
 * says how the formulas are written: "excel" as Excel shows them ("=IOMT.VALUE(...)", through Office.js) or "file"
 * as an .xlsx stores them (no "=", _xlfn. prefixes). Kind is how the cell holds its formula: "ordinary" (written
 * blank), "shared" (one of a shared formula's cells, Range its group), "array" (an array formula entered over
 * Range, Ctrl+Shift+Enter) or "dynamic" (a dynamic-array formula spilling from the cell). Records written before
 * Kind existed have nothing there and read as ordinary.
 *
 * Whatever the sheet holds is untrusted (a sender can write anything there): restore writes an original only when
 * it calls IOMT.*, converting it again gives exactly the portable formula the cell holds now, and the cell is a
 * single cell of an existing sheet that is not one of the add-in's own. Every other record is refused, with why.
 */
import type { Conversion } from "./convert";
import { callsIomt } from "./parse";
import type { RefusalReason, SkipReason } from "./reasons";

const ORIGINALS_HEADERS = ["Sheet", "Cell", "Form", "Original", "Portable"] as const;
/** The headers of the columns added after the record count: how each formula is held, and over which range. */
const KIND_HEADERS = ["Kind", "Range"] as const;

export type FormulaForm = "excel" | "file";

/** How a cell holds its formula (see above); a record without one is "ordinary". */
export type FormulaKind = "ordinary" | "shared" | "array" | "dynamic";

const FORMULA_KINDS: readonly FormulaKind[] = ["ordinary", "shared", "array", "dynamic"];

export interface OriginalRecord {
  sheet: string;
  /** A1 address of the cell on its sheet, without the sheet */
  cell: string;
  form: FormulaForm;
  original: string;
  portable: string;
  /** how the cell held its original; absent for an ordinary formula */
  kind?: Exclude<FormulaKind, "ordinary">;
  /** the A1 range of an array formula or of a shared formula's group (no sheet) */
  range?: string;
}

/** A record's kind, ordinary when it has none. */
export const kindOf = (r: { kind?: FormulaKind }): FormulaKind => r.kind ?? "ordinary";

/**
 * How a cell holds its portable formula: Make portable keeps an array or dynamic-array formula over its range and
 * writes each cell of a shared formula as a formula of its own (each converted on its own). A file's formula whose
 * native form needs array evaluation (IOMT.SHARE over a range inside SUM, INDEX, ...: `arrayEvaluated`) becomes an
 * array formula over its own cell, which every Excel and LibreOffice evaluate as an array.
 */
export const portableKind = (
  r: Pick<OriginalRecord, "kind" | "range" | "cell">,
  arrayEvaluated = false,
): Pick<OriginalRecord, "kind" | "range"> =>
  r.kind === "array" || r.kind === "dynamic"
    ? { kind: r.kind, range: r.range }
    : arrayEvaluated
      ? { kind: "array", range: r.cell.toUpperCase() }
      : {};

/** Where the header row says how many records follow, so that a reader knows what to read without a used range. */
const ORIGINALS_COUNT_LABEL = "Records";
export const ORIGINALS_WIDTH = ORIGINALS_HEADERS.length + 2 + KIND_HEADERS.length;

/**
 * The sheet's rows, ORIGINALS_WIDTH wide: the header (with "Records" and their count after it), then one row per
 * record. Every cell but the count is text (the writer must keep "=..." as text, not a formula).
 */
export function originalsRows(records: readonly OriginalRecord[]): Array<Array<string | number>> {
  return [
    [...ORIGINALS_HEADERS, ORIGINALS_COUNT_LABEL, records.length, ...KIND_HEADERS],
    ...records.map((r) => [r.sheet, r.cell, r.form, r.original, r.portable, "", "", r.kind ?? "", r.range ?? ""]),
  ];
}

/** Excel's rows and columns per worksheet ("Excel specifications and limits"). */
const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

/** The number of records the header row announces (at most a worksheet's rows below the header), or why not. */
export function originalsCount(header: readonly unknown[]): { count: number; problem?: string } {
  if (
    ORIGINALS_HEADERS.some((h, i) => String(header[i] ?? "") !== h) ||
    header[ORIGINALS_HEADERS.length] !== ORIGINALS_COUNT_LABEL
  )
    return { count: 0, problem: "its header row is not the add-in's" };
  const raw = header[ORIGINALS_HEADERS.length + 1];
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_ROWS - 1)
    return {
      count: 0,
      problem: `its count of records (${String(raw).slice(0, 40)}) is not a whole number from 0 to ${MAX_ROWS - 1}`,
    };
  return { count: n };
}

/** A single A1 cell within Excel's limits ("B7"; no sheet, no $, no range), or undefined. */
export function singleCell(address: string): { row: number; column: number } | undefined {
  const m = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(address);
  if (!m) return undefined;
  let column = 0;
  for (const ch of m[1]) column = column * 26 + ch.charCodeAt(0) - 64;
  const row = Number(m[2]);
  return column <= MAX_COLUMNS && row <= MAX_ROWS ? { row: row - 1, column: column - 1 } : undefined;
}

/** A range "A1:B6" (or one cell) within Excel's limits, its first cell first, upper case; or undefined. */
export function cellRange(text: string): { first: string; rows: number; columns: number } | undefined {
  const [from, to = from, more] = text.toUpperCase().split(":");
  if (more !== undefined) return undefined;
  const a = singleCell(from);
  const b = singleCell(to);
  if (!a || !b || b.row < a.row || b.column < a.column) return undefined;
  return { first: from, rows: b.row - a.row + 1, columns: b.column - a.column + 1 };
}

/** The kind and range of a record's row (H and I), or undefined when they are not one Make portable writes. */
function kindCells(kind: string, range: string): Pick<OriginalRecord, "kind" | "range"> | undefined {
  if (kind === "" || kind === "ordinary") return range === "" ? {} : undefined;
  if (!FORMULA_KINDS.includes(kind as FormulaKind)) return undefined;
  if (range === "") return kind === "dynamic" ? { kind: "dynamic" } : undefined;
  return cellRange(range) ? { kind: kind as OriginalRecord["kind"], range: range.toUpperCase() } : undefined;
}

/**
 * Reads the sheet's rows back; rows that are not records (blank, a wrong form, a kind or range Make portable does
 * not write) are left out. A row without a kind (as every record was before kinds were kept) is ordinary.
 */
export function readOriginals(rows: readonly (readonly unknown[])[]): OriginalRecord[] {
  const header = (rows[0] ?? []).map((x) => String(x ?? ""));
  if (ORIGINALS_HEADERS.some((h, i) => header[i] !== h)) return [];
  const out: OriginalRecord[] = [];
  for (const row of rows.slice(1)) {
    const text = (i: number) => (row[i] === null || row[i] === undefined ? "" : String(row[i]));
    const [sheet, cell, form, original, portable] = [0, 1, 2, 3, 4].map(text);
    if (!sheet || !cell || (form !== "excel" && form !== "file") || !original) continue;
    const kind = kindCells(text(7), text(8));
    if (!kind) continue;
    out.push({ sheet, cell: cell.toUpperCase(), form, original, portable, ...kind });
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
function inForm(formula: string, from: FormulaForm, to: FormulaForm): string {
  if (from === to) return formula;
  return to === "excel" ? `=${formula}` : formula.startsWith("=") ? formula.slice(1) : formula;
}

export interface RestoreStep {
  record: OriginalRecord;
  /** what to write, in the restorer's form, as the record's kind over its range; undefined when left alone */
  write?: string;
  /** why the cell is left alone (it changed since it was made portable, or already holds its original) */
  skipped?: SkipReason;
  /** why the record is refused: it is not one that Make portable could have written for this cell */
  refused?: RefusalReason;
}

/** What restore knows of the workbook. */
export interface RestoreContext {
  /** the restorer's form: "excel" through Office.js, "file" for an .xlsx */
  form: FormulaForm;
  /** whether a sheet (by name, any case) exists, and whether it is one of the add-in's own */
  sheet: (name: string) => "missing" | "own" | "present";
  /** a record's cell's formula now, in the restorer's form (undefined for a cell without a formula) */
  current: (r: OriginalRecord) => string | undefined;
  /**
   * How the record's cell holds its formula now, where the restorer can tell (a file can): a cell whose kind or
   * range is not the record's was changed since, and is left alone. Without it, kinds are not compared.
   */
  currentKind?: (r: OriginalRecord) => Pick<OriginalRecord, "kind" | "range">;
  /** the kinds the restorer can write exactly (Office.js writes no array formula); others are left alone */
  writable?: readonly FormulaKind[];
  /** Make portable's conversion in this workbook (its tables, its lookup sheet), in the given form */
  convert: (formula: string, form: FormulaForm) => Conversion;
}

/** Why a record is refused, or undefined when it is one that Make portable could have written. */
export function refusalOf(
  record: OriginalRecord,
  ctx: Pick<RestoreContext, "sheet" | "convert">,
): RefusalReason | undefined {
  if (!singleCell(record.cell)) return "not-a-cell";
  const sheet = ctx.sheet(record.sheet);
  if (sheet === "own") return "own-sheet";
  if (sheet === "missing") return "missing-sheet";
  if (!callsIomt(record.original)) return "not-iomt";
  const reconverted = ctx.convert(record.original, record.form);
  if (!reconverted.changed || reconverted.formula !== record.portable) return "not-its-portable";
  return undefined;
}

/**
 * What restore does with each record. A record is refused unless it names a single cell of an existing sheet
 * that is not the add-in's, its original calls IOMT.*, and converting the original again gives its portable
 * formula. A cell that still holds that portable formula gets its original back; one that was edited since is
 * left alone and reported, so restore never overwrites the analyst's work nor writes what Make portable did not
 * take from that cell.
 */
export function planRestore(records: readonly OriginalRecord[], ctx: RestoreContext): RestoreStep[] {
  const { form } = ctx;
  return records.map((record) => {
    const refused = refusalOf(record, ctx);
    if (refused) return { record, refused };
    const now = ctx.current(record);
    if (now === undefined) return { record, skipped: "no-formula" };
    if (now === inForm(record.original, record.form, form)) return { record, skipped: "already-original" };
    if (now !== inForm(record.portable, record.form, form)) return { record, skipped: "edited-since" };
    const held = ctx.currentKind?.(record);
    const expected = portableKind(
      record,
      held !== undefined && ctx.convert(record.original, record.form).arrayEvaluated,
    );
    if (held && (kindOf(held) !== kindOf(expected) || (held.range ?? "") !== (expected.range ?? "")))
      return { record, skipped: "edited-since" };
    if (ctx.writable && !ctx.writable.includes(kindOf(record))) return { record, skipped: "array-not-writable" };
    return { record, write: inForm(record.original, record.form, form) };
  });
}
