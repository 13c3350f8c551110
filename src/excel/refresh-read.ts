/**
 * What refresh reads from the workbook, in requests under the budget: the tables' shapes, then their cells,
 * the lines above them and their record, in row slices estimated under the budget per response (Excel on the
 * web refuses responses over 5 MB), read again in smaller slices if Excel refuses one as too large.
 */
import { formatAddress, parseAddress, rowSlices } from "../core/excel";
import {
  parseRecord,
  readRecordHead,
  recordColumn,
  RECORD_HEAD_ROWS,
  RECORD_HEADS,
  type TableRecord,
} from "../core/refresh";
import type { TablePlan } from "../core/plan";
import { readBatches, withSmallerSlices, type SliceRead } from "./read-slices";

/** A table's plan in both formula styles. */
export interface PlanPair {
  native: TablePlan;
  iomt: TablePlan;
}

export interface Shape {
  plan: PlanPair;
  name: string;
  sheet: string;
  sheetProtected: boolean;
  headerAddress: string;
  headers: string[];
  rows: number;
  totalsRow: boolean;
  /** a filter hides some of its rows; read only where tables can grow (it matters only for growing) */
  filtered: boolean;
  /** rows of the table's record column below its head; undefined when the workbook has no record of it */
  recordRows?: number;
  /** why the table's record was not used (its head does not validate) */
  recordRefused?: string;
}

export interface CellsRead {
  body: unknown[][];
  keyText: string[];
  keyJson: unknown[];
  lines?: [unknown, unknown];
  record?: TableRecord;
  /** why the table's record was not used (it does not validate) */
  recordRefused?: string;
}

/** After the first request's sync: the shapes of the tables the workbook has, given the record sheet it holds. */
export type ShapesRead = (sync: () => Promise<void>, recordSheet: string | undefined) => Promise<Shape[]>;

/** The heads of the record, on the sheet named `recordSheet` (a null object when there is none). */
const queueHeads = (context: Excel.RequestContext, recordSheet: string) =>
  context.workbook.worksheets.getItemOrNullObject(recordSheet).getRange(RECORD_HEADS).load("formulas");

/**
 * Queues the reads of every section table's shape (sheet, protection, headers, size, Total Row, filter) by its
 * name, whether or not the workbook has it (`getItemOrNullObject`), and the record's heads on the sheet that
 * usually holds it, `recordGuess`: no sync, so that they go in the caller's first request. The returned function
 * gives the shapes of the tables found, and reads the heads again (one more round trip) only when the add-in's
 * record sheet turns out to have another name.
 */
export function queueShapes(
  context: Excel.RequestContext,
  plans: readonly PlanPair[],
  canResize: boolean,
  recordGuess: string,
): ShapesRead {
  const guessed = queueHeads(context, recordGuess);
  const reads = plans.map((plan) => {
    const table = context.workbook.tables.getItemOrNullObject(plan.native.tableName).load("name,showTotals");
    const sheet = table.worksheet.load("name");
    sheet.protection.load("protected");
    const header = table.getHeaderRowRange().load("values,address");
    const body = table.getDataBodyRange().load("rowCount");
    // a filter matters only for growing a table, which needs ExcelApi 1.13 (`canResize`); AutoFilter on tables
    // (ExcelApi 1.9) comes with it. Where tables cannot grow, the filter is not read and the table counts as unfiltered.
    const filter = canResize ? table.autoFilter.load("isDataFiltered") : undefined;
    return (heads: unknown[] | undefined): Shape | undefined => {
      if (table.isNullObject) return undefined;
      const column = recordColumn(plan.native.tableName);
      // the record holds a row per dataset row the table showed: no more than the table and the dataset have
      const head =
        heads && readRecordHead(heads[column], plan.native.tableName, body.rowCount + plan.native.rows.length);
      return {
        plan,
        name: table.name,
        sheet: sheet.name,
        sheetProtected: sheet.protection.protected,
        headerAddress: header.address,
        headers: header.values[0].map(String),
        rows: body.rowCount,
        totalsRow: table.showTotals,
        filtered: filter?.isDataFiltered ?? false,
        recordRows: head && "rows" in head ? head.rows : undefined,
        recordRefused: head && "refused" in head ? head.refused : undefined,
      };
    };
  });
  return async (sync, recordSheet) => {
    let heads: unknown[] | undefined;
    if (recordSheet !== undefined && recordSheet.toLowerCase() === recordGuess.toLowerCase())
      heads = guessed.formulas[0];
    else if (recordSheet !== undefined) {
      const read = queueHeads(context, recordSheet);
      await sync();
      heads = read.formulas[0];
    }
    return reads.flatMap((read) => read(heads) ?? []);
  };
}

/** Bytes a body row may take in a response: its cells' formulas and its key's text, with room to spare. */
function rowBytes(plan: TablePlan, columns: number, entityBytes: number): number {
  const widest = Math.max(64, ...plan.rows.map((r) => JSON.stringify(r).length));
  return Math.ceil(((widest * 1.25) / plan.columns.length) * columns + columns * 4 + entityBytes + 64);
}

type Read = SliceRead<void>;

/** What `readCells` needs beyond the shapes. */
export interface CellsOptions {
  dataTypes: boolean;
  entityBytes: (plan: TablePlan) => number;
  budget: number;
  recordSheet?: string;
}

/** The column of the table's key (the plan's first column, found by its header; the first column if it is gone). */
function keyColumnOf(shape: Shape, headerColumn: number): number {
  const key = shape.plan.native.columns[0].header.toLowerCase();
  return (
    headerColumn +
    Math.max(
      0,
      shape.headers.findIndex((h) => h.trim().toLowerCase() === key),
    )
  );
}

/** The reads of the table's body (formulas) and key column (text, data types), in row slices under `limit`. */
function bodyReads(
  context: Excel.RequestContext,
  shape: Shape,
  into: CellsRead,
  options: CellsOptions,
  limit: number,
): Read[] {
  const { dataTypes } = options;
  const header = parseAddress(shape.headerAddress);
  const keyColumn = keyColumnOf(shape, header.column);
  const per = rowBytes(shape.plan.native, shape.headers.length, options.entityBytes(shape.plan.native));
  return rowSlices(shape.rows, per, limit).map(([start, end]) => ({
    bytes: (end - start) * per + 400,
    load: () => {
      const ws = () => context.workbook.worksheets.getItem(shape.sheet);
      const at = (column: number, columns: number) =>
        formatAddress({ row: header.row + 1 + start, column, rows: end - start, columns });
      const body = ws().getRange(at(header.column, header.columns)).load("formulas");
      const keys = ws()
        .getRange(at(keyColumn, 1))
        .load(dataTypes ? "text,valuesAsJson" : "text");
      return () => {
        into.body.push(...body.formulas);
        into.keyText.push(...keys.text.map((r) => String(r[0])));
        if (dataTypes) into.keyJson.push(...keys.valuesAsJson.map((r) => r[0]));
      };
    },
  }));
}

/** The read of the two lines above the table (its title and source line), where the sheet has room for them. */
function lineReads(context: Excel.RequestContext, shape: Shape, into: CellsRead): Read[] {
  const header = parseAddress(shape.headerAddress);
  if (header.row < 2) return [];
  return [
    {
      bytes: 1200,
      load: () => {
        const lines = context.workbook.worksheets
          .getItem(shape.sheet)
          .getRange(formatAddress({ row: header.row - 2, column: header.column, rows: 2, columns: 1 }))
          .load("formulas");
        return () => void (into.lines = [lines.formulas[0][0], lines.formulas[1][0]]);
      },
    },
  ];
}

/** The reads of the table's record column in row slices under `limit`; the last one parses it (or says why not). */
function recordReads(
  context: Excel.RequestContext,
  shape: Shape,
  into: CellsRead,
  recordSheet: string,
  recordRows: number,
  limit: number,
): Read[] {
  const tableName = shape.plan.native.tableName;
  const column = recordColumn(tableName);
  const rows = RECORD_HEAD_ROWS + recordRows;
  const recordBytes = 96 + shape.plan.native.columns.length * 10;
  const parts: unknown[][] = [];
  return rowSlices(rows, recordBytes, limit).map(([start, end]) => ({
    bytes: (end - start) * recordBytes + 400,
    load: () => {
      const range = context.workbook.worksheets
        .getItem(recordSheet)
        .getRange(formatAddress({ row: start, column, rows: end - start, columns: 1 }))
        .load("formulas");
      return () => {
        parts.push(...range.formulas);
        if (end !== rows) return;
        const read = parseRecord(
          parts.map((r) => r[0]),
          tableName,
        );
        if ("record" in read) into.record = read.record;
        else into.recordRefused = read.refused;
      };
    },
  }));
}

/** Every table's reads at one slice budget, and where each table's cells arrive. */
function cellReads(
  context: Excel.RequestContext,
  shapes: readonly Shape[],
  options: CellsOptions,
  limit: number,
): { cells: Map<string, CellsRead>; reads: Read[] } {
  const cells = new Map<string, CellsRead>();
  const reads: Read[] = [];
  for (const shape of shapes) {
    const into: CellsRead = { body: [], keyText: [], keyJson: [] };
    cells.set(shape.name, into);
    reads.push(...bodyReads(context, shape, into, options, limit), ...lineReads(context, shape, into));
    if (shape.recordRows !== undefined && options.recordSheet !== undefined)
      reads.push(...recordReads(context, shape, into, options.recordSheet, shape.recordRows, limit));
  }
  return { cells, reads };
}

/** Cells read ahead, in the first request, for the tables whose shapes bear them out. */
export type CellsAhead = (shapes: readonly Shape[], recordSheet: string | undefined) => Map<string, CellsRead>;

/**
 * Queues, beside the shapes and before they are known (no sync), each section table's cells as its plan expects
 * them: the plan's rows and columns of the body from its first cell, the key column's text, the two lines above the
 * header and the record column on the sheet that usually holds the record, `recordGuess`. Undefined when they would
 * not fit the budget. A table whose shape turns out otherwise (more rows or columns, its key not first, its record
 * elsewhere or longer) is read as usual afterwards; a header in the first two rows makes the request fail (the lines
 * above lie outside the sheet), and the caller then reads without reading ahead.
 */
export function queueCellsAhead(
  context: Excel.RequestContext,
  plans: readonly PlanPair[],
  options: CellsOptions,
  recordGuess: string,
): CellsAhead | undefined {
  const { dataTypes } = options;
  const sizes = plans.map((p) => {
    const n = Math.max(1, p.native.rows.length);
    const per = rowBytes(p.native, p.native.columns.length, options.entityBytes(p.native));
    return n * per + 1200 + (RECORD_HEAD_ROWS + n) * (96 + p.native.columns.length * 10) + 1600;
  });
  if (sizes.reduce((a, b) => a + b, 0) > options.budget) return undefined;
  const recordSheet = context.workbook.worksheets.getItemOrNullObject(recordGuess);
  const reads = plans.map((p) => {
    const rows = Math.max(1, p.native.rows.length);
    const columns = p.native.columns.length;
    const table = context.workbook.tables.getItemOrNullObject(p.native.tableName);
    const first = table.getDataBodyRange().getCell(0, 0);
    const body = first.getResizedRange(rows - 1, columns - 1).load("formulas");
    const keys = first.getResizedRange(rows - 1, 0).load(dataTypes ? "text,valuesAsJson" : "text");
    const lines = table.getHeaderRowRange().getCell(-2, 0).getResizedRange(1, 0).load("formulas");
    const record = recordSheet
      .getRange(
        formatAddress({
          row: 0,
          column: recordColumn(p.native.tableName),
          rows: RECORD_HEAD_ROWS + rows,
          columns: 1,
        }),
      )
      .load("formulas");
    return { plan: p, rows, columns, body, keys, lines, record };
  });
  return (shapes, recordName) => {
    const out = new Map<string, CellsRead>();
    for (const shape of shapes) {
      const read = reads.find((r) => r.plan === shape.plan);
      const header = parseAddress(shape.headerAddress);
      const hasRecord = shape.recordRows !== undefined && recordName !== undefined;
      if (
        !read ||
        shape.rows > read.rows ||
        shape.headers.length > read.columns ||
        keyColumnOf(shape, header.column) !== header.column ||
        header.row < 2 ||
        (hasRecord && (recordName.toLowerCase() !== recordGuess.toLowerCase() || shape.recordRows! > read.rows))
      )
        continue;
      const into: CellsRead = {
        body: read.body.formulas.slice(0, shape.rows).map((r) => r.slice(0, shape.headers.length)),
        keyText: read.keys.text.slice(0, shape.rows).map((r) => String(r[0])),
        keyJson: dataTypes ? read.keys.valuesAsJson.slice(0, shape.rows).map((r) => r[0]) : [],
        lines: [read.lines.formulas[0][0], read.lines.formulas[1][0]],
      };
      if (hasRecord) {
        const parsed = parseRecord(
          read.record.formulas.slice(0, RECORD_HEAD_ROWS + shape.recordRows!).map((r) => r[0]),
          shape.plan.native.tableName,
        );
        if ("record" in parsed) into.record = parsed.record;
        else into.recordRefused = parsed.refused;
      }
      out.set(shape.name, into);
    }
    return out;
  };
}

/** The cells of every table (body, key text and data types, the lines above, the record), within the budget. */
export async function readCells(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  shapes: readonly Shape[],
  options: CellsOptions,
  ahead: ReadonlyMap<string, CellsRead> = new Map(),
): Promise<Map<string, CellsRead>> {
  const rest = shapes.filter((s) => !ahead.has(s.name));
  if (!rest.length) return new Map(ahead);
  // a response larger than estimated (an analyst's long texts) is read again in smaller slices
  return withSmallerSlices(options.budget, async (limit) => {
    const { cells, reads } = cellReads(context, rest, options, limit);
    await readBatches(sync, reads, limit);
    return new Map([...ahead, ...cells]);
  });
}

/** The cells that hold data where tables must grow: one round trip. */
export async function readBelow(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  areas: ReadonlyArray<{ sheet: string; row: number; column: number; rows: number; columns: number }>,
): Promise<string[][]> {
  const ranges = areas.map((a) =>
    context.workbook.worksheets.getItem(a.sheet).getRange(formatAddress(a)).load("formulas"),
  );
  await sync();
  return ranges.map((range, k) => {
    const a = areas[k];
    const occupied: string[] = [];
    range.formulas.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== "" && v !== null)
          occupied.push(formatAddress({ row: a.row + i, column: a.column + j, rows: 1, columns: 1 }));
      }),
    );
    return occupied;
  });
}

/** A column of cells on a sheet whose number formats are wanted: rows `row`..`row + rows - 1`. */
export interface FormatArea {
  sheet: string;
  row: number;
  column: number;
  rows: number;
}

/** Bytes a cell's number format may take in a response (formats longer than this are read again in smaller slices). */
const FORMAT_BYTES = 48;

/** The number formats of each area's cells, top to bottom, in requests under the budget. */
export async function readFormats(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  areas: readonly FormatArea[],
  budget: number,
): Promise<string[][]> {
  return withSmallerSlices(budget, async (limit) => {
    const out: string[][] = areas.map(() => []);
    const reads: SliceRead<void>[] = areas.flatMap((a, k) =>
      rowSlices(a.rows, FORMAT_BYTES, limit).map(([start, end]) => ({
        bytes: (end - start) * FORMAT_BYTES + 400,
        load: () => {
          const range = context.workbook.worksheets
            .getItem(a.sheet)
            .getRange(formatAddress({ row: a.row + start, column: a.column, rows: end - start, columns: 1 }))
            .load("numberFormat");
          return () => void out[k].push(...range.numberFormat.map((r) => String(r[0])));
        },
      })),
    );
    await readBatches(sync, reads, limit);
    return out;
  });
}
