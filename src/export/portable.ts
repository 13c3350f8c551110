/**
 * Makes an .xlsx (or .xlsm) package portable and restores it: the same core conversion the task pane applies, on
 * the formulas as the file stores them, patched into the package (workbook-package.ts) so that only the converted
 * cells, the add-in's own sheets and the parts that list them change. The lookup data goes on a sheet of its own;
 * the original formulas on a very hidden sheet, for restore. Both are the add-in's only when they carry its mark
 * (src/core/excel/own-sheets.ts): an analyst's sheet of the same name keeps every cell and has its formulas
 * converted like any other.
 */
import type { DatasetIndex } from "../core/functions";
import {
  findOwnSheets,
  MARK_COLUMN,
  MARK_CELL,
  needsMark,
  notClaimedNote,
  OWN_SHEETS,
  ownSheetMark,
  type OwnSheetKind,
  type OwnSheets,
} from "../core/excel";
import {
  originalsCount,
  originalsRows,
  readOriginals,
  singleCell,
  cellRange,
  type OriginalRecord,
  isScanned,
  planPortable,
  planRestoreWrites,
  portableReport,
  restoreReport,
  sheetsToRemove,
  type PortableReport,
  type RestoreReport,
  type FormulaCell,
  type WorkbookFacts,
} from "../core/portable";
import {
  slideFormula,
  type FormulaWrite,
  type PackageFormula,
  type WorkbookPackage,
  type WrittenValue,
} from "./workbook-package";

export type PortableFileReport = PortableReport;

/** The add-in's sheets of a file: by name, state (visibility) and the mark in MARK_CELL, as in Excel. */
function ownSheetsOf(book: WorkbookPackage): OwnSheets {
  return findOwnSheets(
    book.sheets().map((s) => {
      const facts = { name: s.name, visibility: s.state };
      return needsMark(facts) && s.path ? { ...facts, mark: book.cellValue(s.name, MARK_CELL) } : facts;
    }),
  );
}

/** A formula's kind and range where the range is one (a kind without a valid range is taken for none). */
function kindOf(f: PackageFormula): Pick<FormulaCell, "kind" | "range"> {
  return f.kind && f.range && cellRange(f.range) ? { kind: f.kind, range: f.range } : {};
}

/** Every formula of the scanned sheets as the file stores it. */
function formulaCells(book: WorkbookPackage, own: OwnSheets): FormulaCell[] {
  return book
    .sheets()
    .filter((s) => s.path && isScanned(own, s.name))
    .flatMap((s) =>
      book.formulas(s.name).map((f) => ({ sheet: s.name, cell: f.cell, formula: f.formula, ...kindOf(f) })),
    );
}

/** The rows of one of the add-in's sheets: its mark in MARK_CELL; text written as text where `asText`. */
function ownRows(
  kind: OwnSheetKind,
  rows: ReadonlyArray<ReadonlyArray<number | string>>,
  asText = false,
): WrittenValue[][] {
  const out: WrittenValue[][] = rows.map((row) => row.map((v) => (asText && typeof v === "string" ? { text: v } : v)));
  if (!out.length) out.push([]);
  const first = out[0];
  while (first.length < MARK_COLUMN) first.push("");
  first[MARK_COLUMN] = { text: ownSheetMark(kind) };
  return out;
}

/** Writes one of the add-in's sheets: its content replaced where it is there, else added (very hidden where its kind is). */
function writeOwnSheet(
  book: WorkbookPackage,
  kind: OwnSheetKind,
  target: { name: string; exists: boolean },
  rows: WrittenValue[][],
): void {
  if (target.exists) book.replaceSheet(target.name, rows);
  else book.addSheet(target.name, rows, OWN_SHEETS[kind].veryHidden ? "veryHidden" : undefined);
}

/** Sets the add-in's sheets a LibreOffice save left hidden back to very hidden (those still in the workbook). */
function repairOwnSheets(book: WorkbookPackage, own: OwnSheets, removed: readonly string[] = []): void {
  for (const name of Object.values(own.onlyHidden))
    if (!removed.some((r) => r.toLowerCase() === name.toLowerCase())) book.setState(name, "veryHidden");
}

/** The cells to write, sheet by sheet. */
function bySheet<T extends { sheet: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const list = out.get(i.sheet);
    if (list) list.push(i);
    else out.set(i.sheet, [i]);
  }
  return out;
}

/** Rewrites every IOMT formula of the workbook into native formulas; adds the data sheet and keeps the originals. */
export function makeFilePortable(book: WorkbookPackage, index: DatasetIndex): PortableFileReport {
  const own = ownSheetsOf(book);
  const cells = formulaCells(book, own);
  const kept = own.own.originals ? keptOriginals(book, own.own.originals) : { records: [] };
  const facts: WorkbookFacts = { index, own, tables: book.tables(), form: "file" };
  const plan = planPortable(cells, facts, kept.records);
  // shared formulas become plain ones (each cell's own text); array formulas keep their range, and a formula
  // that needs array evaluation (SHARE over a range inside SUM, INDEX, ...) becomes one over its cell
  for (const [sheet, converted] of bySheet(plan.converted))
    book.writeFormulas(
      sheet,
      converted.map((c) => ({ cell: c.cell, formula: c.portable, ...(c.held.range ? { array: c.held.range } : {}) })),
    );
  if (plan.dataSheet) writeOwnSheet(book, "lookup", plan.dataSheet, ownRows("lookup", plan.dataSheet.rows));
  if (plan.originals) writeOwnSheet(book, "originals", plan.originals, ownRows("originals", plan.originals.rows, true));
  if (plan.converted.length) repairOwnSheets(book, own);
  return portableReport(plan, kept.problem);
}

/** The records of the add-in's originals sheet, as many as its header announces, or why they cannot be read. */
function keptOriginals(book: WorkbookPackage, name: string): { records: OriginalRecord[]; problem?: string } {
  const { count, problem } = originalsCount(book.rows(name, 1)[0] ?? []);
  if (problem) return { records: [], problem: `The sheet '${name}' cannot be read: ${problem}.` };
  return { records: readOriginals(book.rows(name, count + 1)) };
}

export type RestoreFileReport = RestoreReport;

/**
 * Writes restored formulas back as the kind they were: an array formula over its range, a shared formula's group
 * as one shared formula again when every cell of its range comes back and each cell's original is the master's
 * slid to it, every other formula as one of its own.
 */
function writeRestored(book: WorkbookPackage, writes: readonly FormulaCell[]): void {
  for (const [sheet, cells] of bySheet(writes)) {
    const out = new Map<string, FormulaWrite>();
    const groups = new Map<string, FormulaCell[]>();
    for (const w of cells) {
      out.set(w.cell, {
        cell: w.cell,
        formula: w.formula,
        ...(w.kind === "array" && w.range ? { array: w.range } : {}),
      });
      if (w.kind === "shared" && w.range) {
        const group = groups.get(w.range);
        if (group) group.push(w);
        else groups.set(w.range, [w]);
      }
    }
    let si = groups.size ? book.freeSharedIndex(sheet) : 0;
    for (const [range, group] of groups) {
      const area = cellRange(range)!;
      const master = group.find((w) => w.cell === area.first);
      if (!master || group.length !== area.rows * area.columns) continue;
      const slides = group.every((w) => {
        try {
          return slideFormula(master.formula, master.cell, w.cell) === w.formula;
        } catch {
          return false;
        }
      });
      if (!slides) continue;
      for (const w of group)
        out.set(w.cell, {
          cell: w.cell,
          formula: w === master ? w.formula : "",
          shared: w === master ? { si, ref: range } : { si },
        });
      si++;
    }
    book.writeFormulas(sheet, [...out.values()]);
  }
}

/**
 * Puts the original IOMT formulas back where the cells still hold their portable formulas, for the records
 * restore trusts (src/core/portable/workflow.ts); every other record is listed. Once every original is back,
 * the add-in's originals and lookup sheets are removed, unless a formula still refers to them.
 */
export function restoreFile(book: WorkbookPackage, index: DatasetIndex): RestoreFileReport {
  const own = ownSheetsOf(book);
  const report: RestoreFileReport = { restored: 0, skipped: [], refused: [], removed: [] };
  const store = own.own.originals;
  if (!store) return { ...report, problem: notClaimedNote(own, "originals") };
  const kept = keptOriginals(book, store);
  if (kept.problem) return { ...report, problem: kept.problem };
  const facts: WorkbookFacts = { index, own, tables: book.tables(), form: "file" };
  const sheetFormulas = new Map<string, Map<string, PackageFormula>>();
  const formulaOf = (r: OriginalRecord): PackageFormula | undefined => {
    if (!singleCell(r.cell)) return undefined;
    const key = r.sheet.toLowerCase();
    let formulas = sheetFormulas.get(key);
    if (!formulas) sheetFormulas.set(key, (formulas = new Map(book.formulas(r.sheet).map((f) => [f.cell, f]))));
    return formulas.get(r.cell);
  };
  const plan = planRestoreWrites(kept.records, facts, (r) => formulaOf(r)?.formula, undefined, {
    currentKind: (r) => {
      const f = formulaOf(r);
      return f ? kindOf(f) : {};
    },
  });
  const removed = sheetsToRemove(plan, formulaCells(book, own), own).map((s) => s.name);
  writeRestored(book, plan.writes);
  if (removed.length) book.removeSheets(removed);
  else
    writeOwnSheet(
      book,
      "originals",
      { name: store, exists: true },
      ownRows("originals", originalsRows(plan.remaining), true),
    );
  repairOwnSheets(book, own, removed);
  return restoreReport(plan, removed);
}
