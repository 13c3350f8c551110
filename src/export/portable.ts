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
  isOwnName,
  MARK_CELL,
  notClaimedNote,
  MARK_COLUMN,
  ownSheetMark,
  ownSheetTarget,
  type OwnSheetKind,
  type OwnSheets,
} from "../core/excel";
import {
  portableConverter,
  type Conversion,
  dataSheetRows,
  type PortableContext,
  type WorkbookTable,
  type IomtFunction,
  mergeOriginals,
  originalsCount,
  originalsRows,
  planRestore,
  readOriginals,
  singleCell,
  type FormulaForm,
  type OriginalRecord,
} from "../core/portable";

interface CellNote {
  sheet: string;
  cell: string;
  calls: IomtFunction[];
  problem?: string;
}

export interface PortableFileReport {
  converted: CellNote[];
  /** cells calling IOMT functions that were left as they were, with the reason */
  problems: CellNote[];
  /** the data sheet, when a lookup needed it */
  dataSheet?: string;
}

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

/** Every formula cell of the workbook's sheets (not the add-in's own), with its formula as the file stores it. */
function formulaCells(
  wb: ExcelJS.Workbook,
  own: OwnSheets,
): Array<{ ws: ExcelJS.Worksheet; cell: ExcelJS.Cell; formula: string }> {
  const out: Array<{ ws: ExcelJS.Worksheet; cell: ExcelJS.Cell; formula: string }> = [];
  for (const ws of wb.worksheets) {
    if (isOwnName(own, ws.name)) continue;
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula && typeof cell.formula === "string" && cell.formula !== "")
          out.push({ ws, cell, formula: cell.formula });
      }),
    );
  }
  return out;
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
  own: OwnSheets,
  kind: OwnSheetKind,
  alsoTaken: string[] = [],
): ExcelJS.Worksheet {
  const target = ownSheetTarget(own, kind, alsoTaken);
  const old = target.exists ? sheetNamed(wb, target.name) : undefined;
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(target.name);
  ws.getCell(MARK_CELL).value = ownSheetMark(kind);
  if (kind !== "lookup") ws.state = "veryHidden";
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

/** Rewrites every IOMT formula of the workbook into native formulas; adds the data sheet and keeps the originals. */
export function makeFilePortable(wb: ExcelJS.Workbook, index: DatasetIndex): PortableFileReport {
  const own = ownSheetsOf(wb);
  const dataSheet = ownSheetTarget(own, "lookup").name;
  const ctx: PortableContext = { tables: tablesOf(wb), dataSheet, file: true };
  const convert = portableConverter(index, ctx);
  const report: PortableFileReport = { converted: [], problems: [] };
  const records: OriginalRecord[] = [];
  let needsData = false;
  const writes: Array<() => void> = [];
  for (const { ws, cell, formula } of formulaCells(wb, own)) {
    const c = convert(formula);
    if (c.calls.length === 0) continue;
    const note: CellNote = { sheet: ws.name, cell: cell.address, calls: c.calls };
    if (!c.changed) {
      report.problems.push({ ...note, problem: c.problem });
      continue;
    }
    report.converted.push(note);
    needsData ||= c.usesDataSheet;
    records.push({ sheet: ws.name, cell: cell.address, form: "file", original: formula, portable: c.formula });
    const v = cell.value as { shareType?: string; ref?: string };
    // shared formulas become plain ones (each cell's own text); array formulas keep their range
    const value =
      v.shareType === "array" ? { formula: c.formula, shareType: "array", ref: v.ref } : { formula: c.formula };
    writes.push(() => (cell.value = value as ExcelJS.CellFormulaValue));
  }
  writes.forEach((w) => w());
  if (needsData) {
    writeCells(freshSheet(wb, own, "lookup"), dataSheetRows(index, ctx));
    report.dataSheet = dataSheet;
  }
  if (records.length) {
    const kept = own.own.originals ? keptOriginals(sheetNamed(wb, own.own.originals)!) : { records: [] };
    writeCells(
      freshSheet(wb, own, "originals", [dataSheet]),
      originalsRows(mergeOriginals(kept.records, records)),
      true,
    );
  }
  return report;
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

export interface RestoreFileReport {
  restored: number;
  /** cells left as they are: edited since they were made portable, or already holding their original */
  skipped: Array<{ sheet: string; cell: string; reason: string }>;
  /** records of the originals sheet that restore does not trust, with the reason */
  refused: Array<{ sheet: string; cell: string; reason: string }>;
  /** why the originals sheet could not be read at all */
  problem?: string;
}

/**
 * Puts the original IOMT formulas back where the cells still hold their portable formulas, for the records
 * restore trusts (src/core/portable/originals.ts planRestore); every other record is listed. When every
 * original is back, the add-in's originals and lookup sheets are removed.
 */
export function restoreFile(wb: ExcelJS.Workbook, index: DatasetIndex): RestoreFileReport {
  const own = ownSheetsOf(wb);
  const report: RestoreFileReport = { restored: 0, skipped: [], refused: [] };
  const store = own.own.originals ? sheetNamed(wb, own.own.originals) : undefined;
  if (!store) return { ...report, problem: notClaimedNote(own, "originals") };
  const kept = keptOriginals(store);
  if (kept.problem) return { ...report, problem: kept.problem };
  const tables = tablesOf(wb);
  const dataSheet = ownSheetTarget(own, "lookup").name;
  const converters: Record<FormulaForm, (f: string) => Conversion> = {
    excel: portableConverter(index, { tables, dataSheet, file: false }),
    file: portableConverter(index, { tables, dataSheet, file: true }),
  };
  const steps = planRestore(kept.records, {
    form: "file",
    sheet: (name) => (isOwnName(own, name) ? "own" : sheetNamed(wb, name) ? "present" : "missing"),
    convert: (f, form) => converters[form](f),
    current: (r) => {
      const at = singleCell(r.cell);
      const cell = at && sheetNamed(wb, r.sheet)?.findCell(at.row + 1, at.column + 1);
      return cell && cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
    },
  });
  for (const s of steps) {
    const where = { sheet: s.record.sheet, cell: s.record.cell };
    if (s.write === undefined) {
      if (s.refused) report.refused.push({ ...where, reason: s.refused });
      else report.skipped.push({ ...where, reason: s.skipped ?? "" });
      continue;
    }
    sheetNamed(wb, s.record.sheet)!.getCell(s.record.cell).value = { formula: s.write } as ExcelJS.CellFormulaValue;
    report.restored++;
  }
  const left = steps
    .filter((s) => s.write === undefined && s.skipped !== "it already holds the original formula")
    .map((s) => s.record);
  if (left.length === 0) {
    wb.removeWorksheet(store.id);
    const data = own.own.lookup ? sheetNamed(wb, own.own.lookup) : undefined;
    if (data) wb.removeWorksheet(data.id);
  } else {
    writeCells(freshSheet(wb, own, "originals"), originalsRows(left), true);
  }
  return report;
}
