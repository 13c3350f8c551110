/**
 * Sharing a workbook with anyone, through Excel.run: "Check workbook" lists the cells whose formulas call IOMT.*
 * (they show #NAME? without the add-in), "Make portable" rewrites them into native formulas with the core's
 * conversion (src/core/portable), and "Restore IOMT formulas" puts the originals back.
 *
 * The originals are kept on the add-in's very hidden originals sheet, as text: a worksheet travels with the file
 * into every application (Excel, LibreOffice, exceljs), is read and written with the same range calls as
 * everything else (ExcelApi 1.1), and the user cannot unhide it from Excel's menus. The lookup data goes on a
 * visible sheet of its own, so the analyst can see what the formulas read. Both are the add-in's only when they
 * carry its mark (src/core/excel/own-sheets.ts); an analyst's sheet of the same name is scanned like any other.
 *
 * Reads go in budgeted slices (responses), read again in smaller slices when Excel refuses a response as too
 * large, and writes in budgeted requests, as the rest of the writer does.
 */
import {
  columnLetters,
  formatAddress,
  excelFailure,
  notClaimedNote,
  ownSheetOps,
  ownSheetRepairs,
  onlyHiddenNotes,
  type OwnSheets,
  REQUEST_BUDGET_BYTES,
  rowSlices,
  type CellWrite,
  type WriteOp,
} from "../core/excel";
import type { DatasetIndex } from "../core/functions";
import {
  type WorkbookTable,
  ORIGINALS_WIDTH,
  originalsCount,
  originalsRows,
  readOriginals,
  type OriginalRecord,
  findIomtCells,
  isScanned,
  mentionsIomt,
  planPortable,
  planRestoreWrites,
  portableReport,
  restoreReport,
  restoreTrust,
  type PortableReport,
  type RestoreReport,
  sheetsToRemove,
  type FormulaCell,
  type IomtCell,
  type SheetWrite,
  type WorkbookFacts,
} from "../core/portable";
import { queueOwnSheets } from "./own-sheets";
import { readBatches, withSmallerSlices, type SliceRead } from "./read-slices";
import { applyOps, counted } from "./requests";

export type FoundCell = IomtCell;

export interface CheckResult {
  cells: FoundCell[];
  /** the add-in's sheets that are no longer very hidden (a LibreOffice save), in words; empty when none is */
  sheetNotes: string[];
  syncs: number;
}

export interface PortableResult extends PortableReport {
  syncs: number;
}

export interface RestoreResult extends RestoreReport {
  /** why one of the add-in's sheets could not be removed (the cells are restored all the same) */
  removeProblem?: string;
  syncs: number;
}

export type PortableScope = "workbook" | "selection";

/**
 * Bytes a cell is estimated to take in a response, for slicing reads: a formula that calls IOMT.* is some 30 to
 * 80, a blank 3. Cells far longer than that (long notes, portable lookups of 380 characters) pass the budget but
 * not Excel's limit; longer still, Excel refuses the response and the slices are read again smaller.
 */
const CELL_BYTES = 128;

interface Area {
  sheet: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

interface Block extends Area {
  cells: unknown[][];
}

/**
 * Reads one property of areas in row slices estimated at `cellBytes` a cell, in requests whose responses stay
 * under the budget, and again in smaller slices when Excel refuses one as too large.
 */
async function readAreas(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  areas: readonly Area[],
  property: "formulas" | "values",
  cellBytes: number,
  budget: number,
): Promise<Block[]> {
  return withSmallerSlices(budget, (limit) => {
    const reads: SliceRead<Block>[] = areas.flatMap((a) =>
      rowSlices(a.rows, a.columns * cellBytes, limit).map(([start, end]) => ({
        bytes: (end - start) * a.columns * cellBytes + 200,
        load: () => {
          const part = { ...a, row: a.row + start, rows: end - start };
          const range = context.workbook.worksheets.getItem(a.sheet).getRange(formatAddress(part)).load(property);
          return () => ({ ...part, cells: property === "formulas" ? range.formulas : range.values });
        },
      })),
    );
    return readBatches(sync, reads, limit);
  });
}

/** The rectangle two ranges share, or undefined. */
function intersect(a: Omit<Area, "sheet">, b: Omit<Area, "sheet">): Omit<Area, "sheet"> | undefined {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const rows = Math.min(a.row + a.rows, b.row + b.rows) - row;
  const columns = Math.min(a.column + a.columns, b.column + b.columns) - column;
  return rows > 0 && columns > 0 ? { row, column, rows, columns } : undefined;
}

const AREA_PROPERTIES = "rowIndex,columnIndex,rowCount,columnCount";
const areaOf = (r: Excel.Range) => ({
  row: r.rowIndex,
  column: r.columnIndex,
  rows: r.rowCount,
  columns: r.columnCount,
});

/**
 * The formulas of every sheet's used range (or of the used part of the selection), except the add-in's own
 * sheets, with the add-in's sheets found on the way: the sheets and the selection in the first request (with
 * what the caller queued before), the used ranges in the second, then the formulas in slices. `alongside` queues
 * the caller's reads that need the add-in's sheets; they go with the next request.
 */
async function readFormulas(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  scope: PortableScope,
  budget: number,
  alongside: (own: OwnSheets) => void = () => undefined,
): Promise<{ blocks: Block[]; own: OwnSheets }> {
  const ownRead = queueOwnSheets(context);
  const selected = scope === "selection" ? context.workbook.getSelectedRange().load(AREA_PROPERTIES) : undefined;
  const selectedSheet = selected?.worksheet.load("name");
  const selectedUsed = selected?.worksheet.getUsedRangeOrNullObject(true).load(AREA_PROPERTIES);
  await sync();
  const own = await ownRead(sync);
  alongside(own);
  const areas: Area[] = [];
  if (selected && selectedSheet && selectedUsed) {
    const part = selectedUsed.isNullObject ? undefined : intersect(areaOf(selected), areaOf(selectedUsed));
    if (part && isScanned(own, selectedSheet.name)) areas.push({ sheet: selectedSheet.name, ...part });
    // what `alongside` queued goes before the slices: a slice refused as too large would take its reads with it
    await sync();
  } else {
    const used = own.names
      .filter((name) => isScanned(own, name))
      .map((name) => ({
        name,
        range: context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true).load(AREA_PROPERTIES),
      }));
    await sync();
    for (const u of used) if (!u.range.isNullObject) areas.push({ sheet: u.name, ...areaOf(u.range) });
  }
  return { blocks: await readAreas(context, sync, areas, "formulas", CELL_BYTES, budget), own };
}

/** The blocks' formulas as plain data, for the core's workflow. */
function formulaCells(blocks: readonly Block[]): FormulaCell[] {
  const out: FormulaCell[] = [];
  for (const b of blocks) {
    b.cells.forEach((row, i) =>
      row.forEach((f, j) => {
        if (typeof f === "string" && f.startsWith("="))
          out.push({ sheet: b.sheet, cell: `${columnLetters(b.column + j)}${b.row + i + 1}`, formula: f });
      }),
    );
  }
  return out;
}

/** "Check workbook": every cell whose formula would show #NAME? without the add-in. */
export async function checkWorkbook(budget = REQUEST_BUDGET_BYTES): Promise<CheckResult> {
  return Excel.run(async (context) => {
    const c = counted(context);
    const { blocks, own } = await readFormulas(context, c.sync, "workbook", budget);
    const cells = findIomtCells(formulaCells(blocks), own);
    return { cells, sheetNotes: onlyHiddenNotes(own), syncs: c.count() };
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
function originalsOps(sheet: SheetWrite<string | number>, oldRows: number): WriteOp[] {
  const { rows } = sheet;
  const height = Math.max(rows.length, oldRows);
  const padded = Array.from({ length: height }, (_, i) => rows[i] ?? new Array<string>(ORIGINALS_WIDTH).fill(""));
  const ops: WriteOp[] = sheet.exists ? [] : ownSheetOps("originals", sheet.name);
  const text = padded.map((r) => r.map(() => "@"));
  ops.push(cellWrite(sheet.name, `A1:${columnLetters(ORIGINALS_WIDTH - 1)}${height}`, padded, text));
  return ops;
}

interface KeptOriginals {
  records: OriginalRecord[];
  /** rows the sheet uses now, header included */
  rows: number;
  /** why the sheet's records could not be read */
  problem?: string;
}

/** Bytes a record row is estimated to take in a response: five texts, one of them a portable lookup (about 380). */
const RECORD_ROW_BYTES = 640;

/**
 * The records kept so far on the add-in's originals sheet: the header row (which says how many records follow,
 * checked to be a whole number within a worksheet's rows) in the caller's request, the records after it, in
 * slices under the response budget.
 */
function queueOriginalsRead(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  sheet: string | undefined,
  budget: number,
): () => Promise<KeptOriginals> {
  if (sheet === undefined) return () => Promise.resolve({ records: [], rows: 0 });
  const head = context.workbook.worksheets
    .getItem(sheet)
    .getRange(`A1:${columnLetters(ORIGINALS_WIDTH - 1)}1`)
    .load("values");
  return async () => {
    const { count, problem } = originalsCount(head.values[0]);
    if (problem) return { records: [], rows: 1, problem: `The sheet '${sheet}' cannot be read: ${problem}.` };
    const area = { sheet, row: 1, column: 0, rows: count, columns: ORIGINALS_WIDTH };
    const blocks = count
      ? await readAreas(context, sync, [area], "values", RECORD_ROW_BYTES / ORIGINALS_WIDTH, budget)
      : [];
    return { records: readOriginals([head.values[0], ...blocks.flatMap((b) => b.cells)]), rows: count + 1 };
  };
}

/** The workbook's tables with their headers, queued over two requests: the list now, the headers after its sync. */
function queueTables(context: Excel.RequestContext): () => () => WorkbookTable[] {
  const list = context.workbook.tables.load("items/name");
  return () => {
    const headers = list.items.map((t) => ({ name: t.name, header: t.getHeaderRowRange().load("values") }));
    return () => headers.map((h) => ({ name: h.name, headers: h.header.values[0].map(String) }));
  };
}

/**
 * Deletes the add-in's sheets, one request each, the originals sheet first. Excel deletes no very hidden sheet
 * ("if the worksheet's visibility is set to VeryHidden, the delete operation will fail with an InvalidOperation
 * exception. You should first change its visibility to hidden or visible": Worksheet.delete, ExcelApi 1.1), so a
 * very hidden one is set hidden first, in the same request. Stops at the first refusal and says why.
 */
async function removeSheets(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  sheets: ReturnType<typeof sheetsToRemove>,
): Promise<{ done: string[]; problem?: string }> {
  const done: string[] = [];
  for (const { name, veryHidden } of sheets) {
    const sheet = context.workbook.worksheets.getItem(name);
    if (veryHidden) sheet.visibility = "Hidden";
    sheet.delete();
    try {
      await sync();
    } catch (e) {
      return { done, problem: `The sheet '${name}' could not be removed: ${excelFailure(e).message}` };
    }
    done.push(name);
  }
  return { done };
}

/** "Make portable": rewrites the IOMT formulas of the workbook or the selection into native formulas. */
export async function makePortable(
  index: DatasetIndex,
  scope: PortableScope,
  budget = REQUEST_BUDGET_BYTES,
): Promise<PortableResult> {
  return Excel.run(async (context) => {
    const c = counted(context);
    // the tables and the kept originals' header are read with the sheets and the used ranges
    const tablesRead = queueTables(context);
    let tablesDone: () => WorkbookTable[] = () => [];
    let keptRead: () => Promise<KeptOriginals> = () => Promise.resolve({ records: [], rows: 0 });
    const { blocks, own } = await readFormulas(context, c.sync, scope, budget, (sheets) => {
      tablesDone = tablesRead();
      keptRead = queueOriginalsRead(context, c.sync, sheets.own.originals, budget);
    });
    const cells = formulaCells(blocks);
    // nothing to convert: the kept originals are not read
    if (!cells.some((cell) => mentionsIomt(cell.formula))) return { converted: [], problems: [], syncs: c.count() };
    const kept = await keptRead();
    const facts: WorkbookFacts = { index, own, tables: tablesDone(), form: "excel" };
    const plan = planPortable(cells, facts, kept.records);

    // the add-in's sheets a LibreOffice save left hidden go back to very hidden with the first write
    const ops: WriteOp[] = ownSheetRepairs(own);
    // the originals are kept before any formula changes, so an interrupted conversion can still be restored
    if (plan.originals) ops.push(...originalsOps(plan.originals, kept.rows));
    if (plan.dataSheet) {
      const { name, exists, rows } = plan.dataSheet;
      if (!exists) ops.push(...ownSheetOps("lookup", name));
      ops.push(cellWrite(name, `A1:${columnLetters(rows[0].length - 1)}${rows.length}`, rows));
    }
    for (const cell of plan.converted) ops.push(cellWrite(cell.sheet, cell.cell, [[cell.portable]]));
    await applyOps(context, c.sync, ops, budget);
    return { ...portableReport(plan, kept.problem), syncs: c.count() };
  });
}

/**
 * "Restore IOMT formulas": the original formulas go back into the cells that still hold their portable formulas,
 * for the records restore trusts (src/core/portable/workflow.ts); every other record is listed. Once every
 * original is back, the add-in's originals and lookup sheets are removed, unless a formula still refers to them.
 */
export async function restoreFormulas(index: DatasetIndex, budget = REQUEST_BUDGET_BYTES): Promise<RestoreResult> {
  return Excel.run(async (context) => {
    const c = counted(context);
    const ownRead = queueOwnSheets(context);
    const tablesRead = queueTables(context);
    await c.sync();
    const own = await ownRead(c.sync);
    const result: RestoreResult = { restored: 0, skipped: [], refused: [], removed: [], syncs: 0 };
    const originals = own.own.originals;
    if (!originals) return { ...result, problem: notClaimedNote(own, "originals"), syncs: c.count() };
    // the tables' headers go with the originals' header row, before the records' slices
    const tablesDone = tablesRead();
    const keptRead = queueOriginalsRead(context, c.sync, originals, budget);
    await c.sync();
    const kept = await keptRead();
    if (kept.problem) return { ...result, problem: kept.problem, syncs: c.count() };
    const facts: WorkbookFacts = { index, own, tables: tablesDone(), form: "excel" };
    const trust = restoreTrust(facts);

    // the cells of the records it trusts, each estimated at the size of the portable formula it should hold
    const cells = await withSmallerSlices(budget, (limit) =>
      readBatches(
        c.sync,
        kept.records
          .filter((record) => trust.refusal(record) === undefined)
          .map((record) => ({
            bytes: record.portable.length * 1.25 + 64,
            load: () => {
              const range = context.workbook.worksheets.getItem(record.sheet).getRange(record.cell).load("formulas");
              return () => [record, range.formulas[0][0]] as const;
            },
          })),
        limit,
      ),
    );
    const now = new Map<OriginalRecord, unknown>(cells);
    const plan = planRestoreWrites(
      kept.records,
      facts,
      (r) => {
        const f = now.get(r);
        return typeof f === "string" && f.startsWith("=") ? f : undefined;
      },
      trust,
      // Office.js writes no array (Ctrl+Shift+Enter) formula: Range.formulas writes an ordinary formula (a
      // dynamic-array one in Excel 365), and there is no Range.setArrayFormula (office-js #203). An array
      // formula's record is left for `npm run portable -- --restore`, which writes it over its range.
      { writable: ["ordinary", "shared", "dynamic"] },
    );
    // with every original back, the workbook's formulas say whether anything still reads the add-in's sheets
    const formulas = plan.remaining.length
      ? []
      : formulaCells((await readFormulas(context, c.sync, "workbook", budget)).blocks);
    const removed = sheetsToRemove(plan, formulas, own);
    const gone = new Set(removed.map((s) => s.name));
    const ops: WriteOp[] = [
      ...ownSheetRepairs(own).filter((op) => !gone.has(op.sheet)),
      ...plan.writes.map((w) => cellWrite(w.sheet, w.cell, [[w.formula]])),
    ];
    // cells first, then the records that remain: an interrupted restore keeps every original it has not put back
    ops.push(...originalsOps({ name: originals, exists: true, rows: originalsRows(plan.remaining) }, kept.rows));
    await applyOps(context, c.sync, ops, budget);
    const { done, problem } = await removeSheets(context, c.sync, removed);
    return { ...restoreReport(plan, done), removeProblem: problem, syncs: c.count() };
  });
}
