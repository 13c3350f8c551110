/**
 * Makes an .xlsx workbook (exceljs) portable and restores it: the same core conversion the task pane applies,
 * on the formulas as the file stores them. The lookup data goes on a sheet of its own; the original formulas on
 * a very hidden sheet, for restore.
 */
import ExcelJS from "exceljs";
import type { DatasetIndex } from "../core/lookup";
import { portableConverter } from "../core/portable/convert";
import { DATA_SHEET_NAME, dataSheetRows, type PortableContext, type WorkbookTable } from "../core/portable/data-sheet";
import type { IomtFunction } from "../core/portable/parse";
import {
  mergeOriginals,
  ORIGINALS_SHEET_NAME,
  originalsRows,
  planRestore,
  readOriginals,
  type OriginalRecord,
} from "../core/portable/originals";

export interface CellNote {
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

/** Every formula cell of the workbook's sheets (not the add-in's own), with its formula as the file stores it. */
function formulaCells(wb: ExcelJS.Workbook): Array<{ ws: ExcelJS.Worksheet; cell: ExcelJS.Cell; formula: string }> {
  const out: Array<{ ws: ExcelJS.Worksheet; cell: ExcelJS.Cell; formula: string }> = [];
  for (const ws of wb.worksheets) {
    if (ws.name === DATA_SHEET_NAME || ws.name === ORIGINALS_SHEET_NAME) continue;
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

/** A sheet of the add-in's, emptied for rewriting (or added). */
function freshSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const old = wb.getWorksheet(name);
  if (old) wb.removeWorksheet(old.id);
  return wb.addWorksheet(name);
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
  const ctx: PortableContext = { tables: tablesOf(wb), dataSheet: DATA_SHEET_NAME, file: true };
  const convert = portableConverter(index, ctx);
  const report: PortableFileReport = { converted: [], problems: [] };
  const records: OriginalRecord[] = [];
  let needsData = false;
  const writes: Array<() => void> = [];
  for (const { ws, cell, formula } of formulaCells(wb)) {
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
    writeCells(freshSheet(wb, DATA_SHEET_NAME), dataSheetRows(index, ctx));
    report.dataSheet = DATA_SHEET_NAME;
  }
  if (records.length) {
    const old = wb.getWorksheet(ORIGINALS_SHEET_NAME);
    const kept = old ? readOriginals(sheetRows(old)) : [];
    const sheet = freshSheet(wb, ORIGINALS_SHEET_NAME);
    writeCells(sheet, originalsRows(mergeOriginals(kept, records)), true);
    sheet.state = "veryHidden";
  }
  return report;
}

function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as unknown[];
    rows[n - 1] = values
      .slice(1)
      .map((v) =>
        v && typeof v === "object" && "richText" in (v as object)
          ? (v as { richText: Array<{ text: string }> }).richText.map((t) => t.text).join("")
          : v,
      );
  });
  return Array.from(rows, (r) => r ?? []);
}

export interface RestoreFileReport {
  restored: number;
  skipped: Array<{ sheet: string; cell: string; reason: string }>;
}

/** Puts the original IOMT formulas back where the cells still hold their portable formulas. */
export function restoreFile(wb: ExcelJS.Workbook): RestoreFileReport {
  const store = wb.getWorksheet(ORIGINALS_SHEET_NAME);
  const records = store ? readOriginals(sheetRows(store)) : [];
  const steps = planRestore(
    records,
    (r) => {
      const ws = wb.getWorksheet(r.sheet);
      const cell = ws?.getCell(r.cell);
      return cell && cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
    },
    "file",
  );
  const report: RestoreFileReport = { restored: 0, skipped: [] };
  for (const s of steps) {
    if (s.write === undefined) {
      report.skipped.push({ sheet: s.record.sheet, cell: s.record.cell, reason: s.skipped ?? "" });
      continue;
    }
    wb.getWorksheet(s.record.sheet)!.getCell(s.record.cell).value = { formula: s.write } as ExcelJS.CellFormulaValue;
    report.restored++;
  }
  const left = steps
    .filter((s) => s.write === undefined && s.skipped !== "it already holds the original formula")
    .map((s) => s.record);
  if (store && left.length === 0) {
    wb.removeWorksheet(store.id);
    const data = wb.getWorksheet(DATA_SHEET_NAME);
    if (data) wb.removeWorksheet(data.id);
  } else if (store) {
    writeCells(freshSheet(wb, ORIGINALS_SHEET_NAME), originalsRows(left), true);
    wb.getWorksheet(ORIGINALS_SHEET_NAME)!.state = "veryHidden";
  }
  return report;
}
