/**
 * Makes an .xlsx workbook (exceljs) portable and restores it: the same core conversion the task pane applies,
 * on the formulas as the file stores them. The lookup data goes on a sheet of its own; the original formulas on
 * a very hidden sheet, for restore. Both are the add-in's only when they carry its mark (src/core/excel/own-sheets.ts):
 * an analyst's sheet of the same name keeps every cell and has its formulas converted like any other.
 */
import ExcelJS from "exceljs";
import type { DatasetIndex } from "../core/functions";
import {
  findOwnSheets,
  MARK_CELL,
  MARK_COLUMN,
  notClaimedNote,
  OWN_SHEETS,
  ownSheetMark,
  type OwnSheetKind,
  type OwnSheets,
} from "../core/excel";
import {
  type WorkbookTable,
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

export type PortableFileReport = PortableReport;

/** A cell's text as the file holds it (rich text joined), or the value itself. */
function plainValue(v: unknown): unknown {
  return v && typeof v === "object" && "richText" in (v as object)
    ? (v as { richText: Array<{ text: string }> }).richText.map((t) => t.text).join("")
    : v;
}

/** The add-in's sheets of a file: by name, state (visibility) and the mark in MARK_CELL, as in Excel. */
function ownSheetsOf(wb: ExcelJS.Workbook): OwnSheets {
  return findOwnSheets(
    wb.worksheets.map((ws) => ({
      name: ws.name,
      visibility: ws.state,
      mark: plainValue(ws.findCell(1, MARK_COLUMN + 1)?.value),
    })),
  );
}

/** A sheet by name, ignoring case as Excel does. */
const sheetNamed = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined =>
  wb.worksheets.find((ws) => ws.name.toLowerCase() === name.toLowerCase());

/** A formula cell's kind and range as exceljs reads them: array (and dynamic-array, which exceljs reads alike) or shared. */
function kindOfCell(cell: ExcelJS.Cell): Pick<FormulaCell, "kind" | "range"> {
  const v = cell.value as { shareType?: string; ref?: string; sharedFormula?: string };
  const ref = typeof v.ref === "string" && cellRange(v.ref) ? v.ref.toUpperCase() : undefined;
  if (v.shareType === "array") return ref ? { kind: "array", range: ref } : {};
  if (v.shareType === "shared") return ref ? { kind: "shared", range: ref } : {};
  if (typeof v.sharedFormula === "string") {
    // a shared formula's other cell: the group is its master's
    const master = cell.worksheet.getCell(v.sharedFormula).value as { ref?: string } | null;
    return typeof master?.ref === "string" && cellRange(master.ref) ? { kind: "shared", range: master.ref } : {};
  }
  return {};
}

/** Every formula of the scanned sheets as the file stores it, and each one's cell, for writing it back. */
function formulaCells(wb: ExcelJS.Workbook, own: OwnSheets): { cells: FormulaCell[]; at: Map<string, ExcelJS.Cell> } {
  const cells: FormulaCell[] = [];
  const at = new Map<string, ExcelJS.Cell>();
  for (const ws of wb.worksheets) {
    if (!isScanned(own, ws.name)) continue;
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula || typeof cell.formula !== "string" || cell.formula === "") return;
        cells.push({ sheet: ws.name, cell: cell.address, formula: cell.formula, ...kindOfCell(cell) });
        at.set(`${ws.name}!${cell.address}`, cell);
      }),
    );
  }
  return { cells, at };
}

function tablesOf(wb: ExcelJS.Workbook): WorkbookTable[] {
  const out: WorkbookTable[] = [];
  for (const ws of wb.worksheets) {
    for (const t of ws.getTables() as unknown as Array<{
      table?: { name?: string; columns?: Array<{ name: string }> };
    }>) {
      if (t.table?.name) out.push({ name: t.table.name, headers: (t.table.columns ?? []).map((c) => c.name) });
    }
  }
  return out;
}

/** A sheet of the add-in's, emptied for rewriting (or added), with its mark; very hidden where its kind is. */
function freshSheet(
  wb: ExcelJS.Workbook,
  kind: OwnSheetKind,
  target: { name: string; exists: boolean },
): ExcelJS.Worksheet {
  const old = target.exists ? sheetNamed(wb, target.name) : undefined;
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(target.name);
  ws.getCell(MARK_CELL).value = ownSheetMark(kind);
  if (OWN_SHEETS[kind].veryHidden) ws.state = "veryHidden";
  return ws;
}

function writeCells(ws: ExcelJS.Worksheet, rows: ReadonlyArray<ReadonlyArray<number | string>>, asText = false): void {
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === "") return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value =
        !asText && typeof v === "string" && v.startsWith("=")
          ? ({ formula: v.slice(1) } as ExcelJS.CellFormulaValue)
          : v;
    }),
  );
}

/** Sets the add-in's sheets a LibreOffice save left hidden back to very hidden (those still in the workbook). */
function repairOwnSheets(wb: ExcelJS.Workbook, own: OwnSheets): void {
  for (const name of Object.values(own.onlyHidden)) {
    const ws = sheetNamed(wb, name);
    if (ws) ws.state = "veryHidden";
  }
}

/** Rewrites every IOMT formula of the workbook into native formulas; adds the data sheet and keeps the originals. */
export function makeFilePortable(wb: ExcelJS.Workbook, index: DatasetIndex): PortableFileReport {
  const own = ownSheetsOf(wb);
  const { cells, at } = formulaCells(wb, own);
  const kept = own.own.originals ? keptOriginals(sheetNamed(wb, own.own.originals)!) : { records: [] };
  const facts: WorkbookFacts = { index, own, tables: tablesOf(wb), form: "file" };
  const plan = planPortable(cells, facts, kept.records);
  for (const c of plan.converted) {
    const cell = at.get(`${c.sheet}!${c.cell}`)!;
    // shared formulas become plain ones (each cell's own text); array formulas keep their range, and a formula
    // that needs array evaluation (SHARE over a range inside SUM, INDEX, ...) becomes one over its cell
    const value = c.held.range
      ? { formula: c.portable, shareType: "array", ref: c.held.range }
      : { formula: c.portable };
    cell.value = value as ExcelJS.CellFormulaValue;
  }
  if (plan.dataSheet) writeCells(freshSheet(wb, "lookup", plan.dataSheet), plan.dataSheet.rows);
  if (plan.originals) writeCells(freshSheet(wb, "originals", plan.originals), plan.originals.rows, true);
  if (plan.converted.length) repairOwnSheets(wb, own);
  return portableReport(plan, kept.problem);
}

/** The records of the add-in's originals sheet, as many as its header announces, or why they cannot be read. */
function keptOriginals(ws: ExcelJS.Worksheet): { records: OriginalRecord[]; problem?: string } {
  const rows = sheetRows(ws);
  const { count, problem } = originalsCount(rows[0] ?? []);
  if (problem) return { records: [], problem: `The sheet '${ws.name}' cannot be read: ${problem}.` };
  return { records: readOriginals(rows.slice(0, count + 1)) };
}

function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as unknown[];
    rows[n - 1] = values.slice(1).map(plainValue);
  });
  return Array.from(rows, (r) => r ?? []);
}

export type RestoreFileReport = RestoreReport;

/**
 * Writes restored formulas back as the kind they were: an array formula over its range, a shared formula's group
 * as one shared formula again when every cell of its range comes back and each cell's original is the master's
 * slid to it (as exceljs read it), every other formula as one of its own.
 */
function writeRestored(wb: ExcelJS.Workbook, writes: readonly FormulaCell[]): void {
  const groups = new Map<string, FormulaCell[]>();
  for (const w of writes) {
    const cell = sheetNamed(wb, w.sheet)!.getCell(w.cell);
    if (w.kind === "array" && w.range) {
      cell.value = { formula: w.formula, shareType: "array", ref: w.range } as unknown as ExcelJS.CellFormulaValue;
      continue;
    }
    cell.value = { formula: w.formula } as ExcelJS.CellFormulaValue;
    if (w.kind === "shared" && w.range) {
      const key = `${w.sheet.toLowerCase()}!${w.range}`;
      groups.set(key, [...(groups.get(key) ?? []), w]);
    }
  }
  for (const group of groups.values()) {
    const { sheet, range } = group[0];
    const area = cellRange(range!)!;
    const master = group.find((w) => w.cell === area.first);
    if (!master || group.length !== area.rows * area.columns) continue;
    const ws = sheetNamed(wb, sheet)!;
    ws.getCell(master.cell).value = {
      formula: master.formula,
      shareType: "shared",
      ref: range,
    } as unknown as ExcelJS.CellFormulaValue;
    const others = group.filter((w) => w !== master);
    for (const w of others) ws.getCell(w.cell).value = { sharedFormula: master.cell } as ExcelJS.CellSharedFormulaValue;
    // exceljs slides the master's formula to each cell; where that is not the cell's original, each keeps its own
    if (others.some((w) => ws.getCell(w.cell).formula !== w.formula))
      for (const w of group) ws.getCell(w.cell).value = { formula: w.formula } as ExcelJS.CellFormulaValue;
  }
}

/**
 * Puts the original IOMT formulas back where the cells still hold their portable formulas, for the records
 * restore trusts (src/core/portable/workflow.ts); every other record is listed. Once every original is back,
 * the add-in's originals and lookup sheets are removed, unless a formula still refers to them.
 */
export function restoreFile(wb: ExcelJS.Workbook, index: DatasetIndex): RestoreFileReport {
  const own = ownSheetsOf(wb);
  const report: RestoreFileReport = { restored: 0, skipped: [], refused: [], removed: [] };
  const store = own.own.originals ? sheetNamed(wb, own.own.originals) : undefined;
  if (!store) return { ...report, problem: notClaimedNote(own, "originals") };
  const kept = keptOriginals(store);
  if (kept.problem) return { ...report, problem: kept.problem };
  const facts: WorkbookFacts = { index, own, tables: tablesOf(wb), form: "file" };
  const cellOf = (r: OriginalRecord) => {
    const at = singleCell(r.cell);
    const cell = at && sheetNamed(wb, r.sheet)?.findCell(at.row + 1, at.column + 1);
    return cell && cell.type === ExcelJS.ValueType.Formula ? cell : undefined;
  };
  const plan = planRestoreWrites(kept.records, facts, (r) => cellOf(r)?.formula, undefined, {
    currentKind: (r) => {
      const cell = cellOf(r);
      return cell ? kindOfCell(cell) : {};
    },
  });
  const removed = sheetsToRemove(plan, formulaCells(wb, own).cells, own);
  writeRestored(wb, plan.writes);
  if (removed.length) for (const { name } of removed) wb.removeWorksheet(sheetNamed(wb, name)!.id);
  else writeCells(freshSheet(wb, "originals", { name: store.name, exists: true }), originalsRows(plan.remaining), true);
  repairOwnSheets(wb, own);
  return restoreReport(
    plan,
    removed.map((s) => s.name),
  );
}
