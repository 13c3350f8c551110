/**
 * Sharing a workbook with anyone, through Excel.run: "Check workbook" lists the cells whose formulas call IOMT.*
 * (they show #NAME? without the add-in), "Make portable" rewrites them into native formulas with the core's
 * conversion (src/core/portable), and "Restore IOMT formulas" puts the originals back.
 *
 * The originals are kept on a very hidden worksheet (ORIGINALS_SHEET_NAME), as text: a worksheet travels with
 * the file into every application (Excel, LibreOffice, exceljs), is read and written with the same range calls as
 * everything else (ExcelApi 1.1), and the user cannot unhide it from Excel's menus. The lookup data goes on a
 * visible sheet of its own (DATA_SHEET_NAME), so the analyst can see what the formulas read.
 *
 * Reads go in budgeted slices (responses) and writes in budgeted requests, as the rest of the writer does.
 */
import { columnLetters, formatAddress, parseAddress } from "../core/a1";
import { RECORD_SHEET } from "../core/cell-record";
import type { DatasetIndex } from "../core/lookup";
import { portableConverter } from "../core/portable/convert";
import { DATA_SHEET_NAME, dataSheetRows, type PortableContext, type WorkbookTable } from "../core/portable/data-sheet";
import {
  mergeOriginals,
  ORIGINALS_SHEET_NAME,
  ORIGINALS_WIDTH,
  originalsCount,
  originalsRows,
  planRestore,
  readOriginals,
  type OriginalRecord,
} from "../core/portable/originals";
import { callsIomt, iomtCallsIn, parseFormula, type IomtFunction } from "../core/portable/parse";
import { REQUEST_BUDGET_BYTES, rowSlices, type CellWrite, type WriteOp } from "../core/write-batches";
import { applyOps, counted } from "./requests";

export interface FoundCell {
  sheet: string;
  /** A1 address on its sheet */
  cell: string;
  formula: string;
  calls: IomtFunction[];
}

export interface CheckResult {
  cells: FoundCell[];
  syncs: number;
}

export interface PortableResult {
  converted: FoundCell[];
  /** cells calling IOMT functions that were left as they were, with the reason */
  problems: Array<FoundCell & { problem: string }>;
  /** the lookup data sheet, when a lookup needed it */
  dataSheet?: string;
  syncs: number;
}

export interface RestoreResult {
  restored: number;
  skipped: Array<{ sheet: string; cell: string; reason: string }>;
  syncs: number;
}

export type PortableScope = "workbook" | "selection";

/** Bytes a formula cell may take in a response, for slicing reads. */
const CELL_BYTES = 256;

/** Sheets the add-in keeps for itself (lookup data, originals, the record of what refresh wrote): never scanned. */
const ADDIN_SHEETS = [DATA_SHEET_NAME, ORIGINALS_SHEET_NAME, RECORD_SHEET].map((name) => name.toLowerCase());

interface Block {
  sheet: string;
  row: number;
  column: number;
  formulas: unknown[][];
}

/** The formulas of every used range (or of the selection), read in slices that keep each response under the budget. */
async function readFormulas(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  scope: PortableScope,
): Promise<Block[]> {
  if (scope === "selection") {
    const range = context.workbook.getSelectedRange().load("address,formulas");
    const sheet = range.worksheet.load("name");
    await sync();
    if (ADDIN_SHEETS.includes(sheet.name.toLowerCase())) return [];
    const area = parseAddress(range.address);
    return [{ sheet: sheet.name, row: area.row, column: area.column, formulas: range.formulas }];
  }
  const sheets = context.workbook.worksheets.load("items/name");
  await sync();
  const used = sheets.items
    .filter((s) => !ADDIN_SHEETS.includes(s.name.toLowerCase()))
    .map((s) => ({ sheet: s, range: s.getUsedRangeOrNullObject(true).load("address,rowCount,columnCount") }));
  await sync();
  const reads: Array<() => Block> = [];
  for (const { sheet, range } of used) {
    if (range.isNullObject) continue;
    const area = parseAddress(range.address);
    for (const [start, end] of rowSlices(range.rowCount, range.columnCount * CELL_BYTES)) {
      const part = sheet
        .getRange(
          formatAddress({ row: area.row + start, column: area.column, rows: end - start, columns: range.columnCount }),
        )
        .load("formulas");
      reads.push(() => ({ sheet: sheet.name, row: area.row + start, column: area.column, formulas: part.formulas }));
    }
  }
  if (reads.length) await sync();
  return reads.map((read) => read());
}

/** The cells whose formulas call IOMT functions. */
function iomtCells(blocks: readonly Block[]): FoundCell[] {
  const out: FoundCell[] = [];
  for (const b of blocks) {
    b.formulas.forEach((row, i) =>
      row.forEach((f, j) => {
        if (typeof f !== "string" || !f.startsWith("=") || !callsIomt(f)) return;
        out.push({
          sheet: b.sheet,
          cell: `${columnLetters(b.column + j)}${b.row + i + 1}`,
          formula: f,
          calls: iomtCallsIn(parseFormula(f).root),
        });
      }),
    );
  }
  return out;
}

/** "Check workbook": every cell whose formula would show #NAME? without the add-in. */
export async function checkWorkbook(): Promise<CheckResult> {
  return Excel.run(async (context) => {
    const c = counted(context);
    const cells = iomtCells(await readFormulas(context, c.sync, "workbook"));
    return { cells, syncs: c.count() };
  });
}

const cellWrite = (
  sheet: string,
  address: string,
  formulas: Array<Array<string | number>>,
  numberFormat?: string[][],
): CellWrite => ({
  kind: "cells",
  table: sheet,
  sheet,
  address,
  formulas,
  numberFormat,
});

/** Writes of the originals sheet: its records as text, and blanks over rows it no longer needs. */
function originalsOps(records: readonly OriginalRecord[], oldRows: number, exists: boolean): WriteOp[] {
  const rows = originalsRows(records);
  const height = Math.max(rows.length, oldRows);
  const padded = Array.from({ length: height }, (_, i) => rows[i] ?? new Array<string>(ORIGINALS_WIDTH).fill(""));
  const ops: WriteOp[] = exists
    ? []
    : [{ kind: "sheet", table: ORIGINALS_SHEET_NAME, sheet: ORIGINALS_SHEET_NAME, veryHidden: true }];
  const text = padded.map((r) => r.map(() => "@"));
  ops.push(cellWrite(ORIGINALS_SHEET_NAME, `A1:${columnLetters(ORIGINALS_WIDTH - 1)}${height}`, padded, text));
  return ops;
}

interface KeptOriginals {
  exists: boolean;
  records: OriginalRecord[];
  /** rows the sheet uses now, header included */
  rows: number;
}

/**
 * The records kept so far: the header row (which says how many records follow) in the first request, the
 * records in the second, in slices under the response budget.
 */
function queueOriginalsRead(context: Excel.RequestContext): () => () => KeptOriginals {
  const sheet = context.workbook.worksheets.getItemOrNullObject(ORIGINALS_SHEET_NAME).load("name");
  const head = sheet.getRange(`A1:${columnLetters(ORIGINALS_WIDTH - 1)}1`).load("values");
  return () => {
    if (sheet.isNullObject) return () => ({ exists: false, records: [], rows: 0 });
    const n = originalsCount(head.values[0]);
    const parts = rowSlices(n, 4 * CELL_BYTES).map(([start, end]) =>
      sheet.getRange(`A${start + 2}:${columnLetters(ORIGINALS_WIDTH - 1)}${end + 1}`).load("values"),
    );
    return () => ({
      exists: true,
      records: readOriginals([head.values[0], ...parts.flatMap((p) => p.values)]),
      rows: n + 1,
    });
  };
}

/** "Make portable": rewrites the IOMT formulas of the workbook or the selection into native formulas. */
export async function makePortable(
  index: DatasetIndex,
  scope: PortableScope,
  budget = REQUEST_BUDGET_BYTES,
): Promise<PortableResult> {
  return Excel.run(async (context) => {
    const c = counted(context);
    const found = iomtCells(await readFormulas(context, c.sync, scope));
    const result: PortableResult = { converted: [], problems: [], syncs: 0 };
    if (found.length === 0) return { ...result, syncs: c.count() };

    const tableList = context.workbook.tables.load("items/name");
    const dataSheet = context.workbook.worksheets.getItemOrNullObject(DATA_SHEET_NAME).load("name");
    const keptHead = queueOriginalsRead(context);
    await c.sync();
    const headers = tableList.items.map((t) => ({ name: t.name, header: t.getHeaderRowRange().load("values") }));
    const kept = keptHead();
    await c.sync();
    const tables: WorkbookTable[] = headers.map((h) => ({ name: h.name, headers: h.header.values[0].map(String) }));
    const ctx: PortableContext = { tables, dataSheet: DATA_SHEET_NAME, file: false };
    const convert = portableConverter(index, ctx);

    const ops: WriteOp[] = [];
    const records: OriginalRecord[] = [];
    let needsData = false;
    for (const cell of found) {
      const conversion = convert(cell.formula);
      if (!conversion.changed) {
        result.problems.push({ ...cell, problem: conversion.problem ?? "It could not be converted." });
        continue;
      }
      result.converted.push(cell);
      needsData ||= conversion.usesDataSheet;
      records.push({
        sheet: cell.sheet,
        cell: cell.cell,
        form: "excel",
        original: cell.formula,
        portable: conversion.formula,
      });
      ops.push(cellWrite(cell.sheet, cell.cell, [[conversion.formula]]));
    }
    if (needsData) {
      const rows = dataSheetRows(index, ctx);
      if (dataSheet.isNullObject)
        ops.unshift({ kind: "sheet", table: DATA_SHEET_NAME, sheet: DATA_SHEET_NAME, veryHidden: false });
      ops.splice(
        dataSheet.isNullObject ? 1 : 0,
        0,
        cellWrite(DATA_SHEET_NAME, `A1:${columnLetters(rows[0].length - 1)}${rows.length}`, rows),
      );
      result.dataSheet = DATA_SHEET_NAME;
    }
    if (records.length) {
      const before = kept();
      ops.unshift(...originalsOps(mergeOriginals(before.records, records), before.rows, before.exists));
    }
    // the originals are kept before any formula changes, so an interrupted conversion can still be restored
    await applyOps(context, c.sync, ops, budget);
    return { ...result, syncs: c.count() };
  });
}

/** "Restore IOMT formulas": the original formulas go back into the cells that still hold their portable formulas. */
export async function restoreFormulas(budget = REQUEST_BUDGET_BYTES): Promise<RestoreResult> {
  return Excel.run(async (context) => {
    const c = counted(context);
    const head = queueOriginalsRead(context);
    await c.sync();
    const read = head();
    const sheets = context.workbook.worksheets.load("items/name");
    await c.sync();
    const kept = read();
    if (kept.records.length === 0) return { restored: 0, skipped: [], syncs: c.count() };
    const present = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    const cells = new Map<OriginalRecord, Excel.Range>();
    for (const r of kept.records) {
      if (present.has(r.sheet.toLowerCase()))
        cells.set(r, context.workbook.worksheets.getItem(r.sheet).getRange(r.cell).load("formulas"));
    }
    await c.sync();
    const steps = planRestore(
      kept.records,
      (r) => {
        const f = cells.get(r)?.formulas[0][0];
        return typeof f === "string" ? f : f === undefined ? undefined : String(f);
      },
      "excel",
    );
    const result: RestoreResult = { restored: 0, skipped: [], syncs: 0 };
    const ops: WriteOp[] = [];
    const left: OriginalRecord[] = [];
    for (const s of steps) {
      if (s.write !== undefined) {
        ops.push(cellWrite(s.record.sheet, s.record.cell, [[s.write]]));
        result.restored++;
        continue;
      }
      result.skipped.push({ sheet: s.record.sheet, cell: s.record.cell, reason: s.skipped ?? "" });
      if (s.skipped !== "it already holds the original formula") left.push(s.record);
    }
    // cells first, then the records that remain: an interrupted restore keeps every original it has not put back
    ops.push(...originalsOps(left, kept.rows, true));
    await applyOps(context, c.sync, ops, budget);
    return { ...result, syncs: c.count() };
  });
}
