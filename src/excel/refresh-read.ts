/**
 * What refresh reads from the workbook, in requests under the budget: the tables' shapes, then their cells,
 * the lines above them and their record, in row slices estimated under the budget per response (Excel on the
 * web refuses responses over 5 MB), read again in smaller slices if Excel refuses one as too large.
 */
import { formatAddress, parseAddress, rowSlices, utf8Bytes } from "../core/excel";
import {
  parseRecord,
  readRecordHead,
  recordColumn,
  RECORD_HEAD_ROWS,
  RECORD_HEADS,
  type RecordRead,
  type TableRecord,
} from "../core/refresh";
import type { TablePlan } from "../core/plan";
import { readBatches, readRows, withSmallerSlices, type RowsRead, type SliceRead } from "./read-slices";

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
  /** the digest of the table's summary in the record's head, where it has one that validates */
  recordSummary?: string;
}

export interface CellsRead {
  body: unknown[][];
  keyText: string[];
  keyJson: unknown[];
  /** the key column's `Range.valueTypes`, where data types are read without their JSON (`CellsOptions.cards`) */
  keyTypes: string[];
  lines?: [unknown, unknown];
  record?: TableRecord;
  /** why the table's record was not used (it does not validate) */
  recordRefused?: string;
  /** the record as read ahead where its head has a summary: used only when the cells do not match the summary */
  recordAhead?: RecordRead;
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
        recordSummary: head && "rows" in head ? head.summary : undefined,
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

/** Bytes a response takes for each load besides its cells. */
const LOAD_BYTES = 400;
/** Bytes of a table's title and source line in a response. */
const LINES_BYTES = 800;

/**
 * Bytes each body row may take in a response: the cells' formulas as the plan has them (in a table of `columns`
 * columns), the key's text and, with data types, its card; rows past the plan's as half as wide again as its widest. Cells the analyst made
 * longer may take a response past the budget; one past Excel's limit is read again in smaller slices.
 */
function bodyRowBytes(plan: TablePlan, columns: number, entityBytes: number, rows: number): number[] {
  const scale = Math.max(1, columns / Math.max(1, plan.columns.length));
  const sizes = planRowBytes(plan).map((n) => Math.ceil(n * scale + entityBytes + 8));
  // rows past the plan's are the analyst's: estimated wider than any of the plan's
  const widest = Math.ceil(1.5 * Math.max(64 + columns * 4 + entityBytes, ...sizes));
  return Array.from({ length: rows }, (_, i) => sizes[i] ?? widest);
}

/** Each plan row's bytes as JSON and its key's text, worked out once per plan. */
const rowBytesOfPlan = new WeakMap<TablePlan, number[]>();
function planRowBytes(plan: TablePlan): number[] {
  let sizes = rowBytesOfPlan.get(plan);
  if (!sizes) {
    sizes = plan.rows.map((r) => utf8Bytes(JSON.stringify(r)) + utf8Bytes(String(r[0])));
    rowBytesOfPlan.set(plan, sizes);
  }
  return sizes;
}

/** Bytes each row of a table's record column may take: its head, its headers, then a key and a fingerprint a column. */
function recordRowBytes(plan: TablePlan, rows: number): number[] {
  const columns = plan.columns.length;
  const keys = plan.rows.map((r) => utf8Bytes(String(r[0])));
  const widest = Math.max(64, ...keys);
  return Array.from({ length: RECORD_HEAD_ROWS + rows }, (_, i) =>
    i === 0
      ? 96
      : i === 1
        ? 64 + utf8Bytes(JSON.stringify(plan.columns.map((c) => c.header))) * 2
        : (keys[i - RECORD_HEAD_ROWS] ?? widest) + 8 * columns + 8,
  );
}

/** What `readCells` needs beyond the shapes. */
export interface CellsOptions {
  dataTypes: boolean;
  /**
   * With data types, how the key column is read: "json", every cell's `valuesAsJson` (linked cards, whose loaded card
   * tells whether Excel must load it again); "types", only `Range.valueTypes`, the JSON of the cells that need it
   * read afterwards (`readKeyJson`). Default "json".
   */
  cards?: "json" | "types";
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

/** The read of the table's body (formulas) and key column (text, data types) from row `from` on, cut by rows. */
function bodyRead(
  context: Excel.RequestContext,
  shape: Shape,
  into: CellsRead,
  options: CellsOptions,
  from: number,
): RowsRead {
  const { dataTypes } = options;
  const types = dataTypes && options.cards === "types";
  const header = parseAddress(shape.headerAddress);
  const keyColumn = keyColumnOf(shape, header.column);
  const plan = shape.plan.native;
  return {
    rows: bodyRowBytes(plan, shape.headers.length, options.entityBytes(plan), shape.rows).slice(from),
    load: (start, end) => {
      const ws = () => context.workbook.worksheets.getItem(shape.sheet);
      const at = (column: number, columns: number) =>
        formatAddress({ row: header.row + 1 + from + start, column, rows: end - start, columns });
      const body = ws().getRange(at(header.column, header.columns)).load("formulas");
      const keys = ws().getRange(at(keyColumn, 1)).load(keyLoad(options));
      return () => {
        into.body.push(...body.formulas);
        into.keyText.push(...keys.text.map((r) => String(r[0])));
        if (types) into.keyTypes.push(...keys.valueTypes.map((r) => String(r[0])));
        else if (dataTypes) into.keyJson.push(...keys.valuesAsJson.map((r) => r[0]));
      };
    },
  };
}

/** What is loaded of the key column: its text and, with data types, its cells' JSON or only their value types. */
const keyLoad = (options: CellsOptions): string =>
  !options.dataTypes ? "text" : options.cards === "types" ? "text,valueTypes" : "text,valuesAsJson";

/** The read of the two lines above the table (its title and source line), where the sheet has room for them. */
function lineReads(context: Excel.RequestContext, shape: Shape, into: CellsRead): RowsRead[] {
  const header = parseAddress(shape.headerAddress);
  if (header.row < 2) return [];
  return [
    {
      rows: [LINES_BYTES],
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

/** The read of the table's record column, cut by rows; the last rows' arrival parses it (or says why not). */
function recordRead(
  context: Excel.RequestContext,
  shape: Shape,
  into: CellsRead,
  recordSheet: string,
  recordRows: number,
): RowsRead {
  const tableName = shape.plan.native.tableName;
  const column = recordColumn(tableName);
  const rows = RECORD_HEAD_ROWS + recordRows;
  const parts: unknown[][] = [];
  return {
    rows: recordRowBytes(shape.plan.native, recordRows),
    load: (start, end) => {
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
  };
}

/** What the first request read of a table ahead: its cells, the body rows read, and whether its record was. */
interface AheadPart {
  cells: CellsRead;
  bodyRows: number;
  record: boolean;
}

/** Every table's reads of what was not read ahead, and where each table's cells arrive. */
function cellReads(
  context: Excel.RequestContext,
  shapes: readonly Shape[],
  options: CellsOptions,
  ahead: ReadonlyMap<string, AheadPart>,
): { cells: Map<string, CellsRead>; reads: RowsRead[] } {
  const cells = new Map<string, CellsRead>();
  const reads: RowsRead[] = [];
  for (const shape of shapes) {
    const part = ahead.get(shape.name);
    const into: CellsRead = part
      ? {
          ...part.cells,
          body: [...part.cells.body],
          keyText: [...part.cells.keyText],
          keyJson: [...part.cells.keyJson],
          keyTypes: [...part.cells.keyTypes],
        }
      : { body: [], keyText: [], keyJson: [], keyTypes: [] };
    cells.set(shape.name, into);
    const from = part?.bodyRows ?? 0;
    if (from < shape.rows) reads.push(bodyRead(context, shape, into, options, from));
    if (!part) reads.push(...lineReads(context, shape, into));
    // a table whose head has a summary is read first: its record's rows only when its cells do not match it
    if (
      shape.recordRows !== undefined &&
      options.recordSheet !== undefined &&
      !part?.record &&
      shape.recordSummary === undefined
    )
      reads.push(recordRead(context, shape, into, options.recordSheet, shape.recordRows));
  }
  return { cells, reads };
}

/** Cells read ahead, in the first request, for the tables whose shapes bear them out. */
export type CellsAhead = (shapes: readonly Shape[], recordSheet: string | undefined) => Map<string, AheadPart>;

/** Room kept in the first request's response for the shapes, the record's heads and the workbook's lists. */
const FIRST_REQUEST_BYTES = 12 * 1024;

/**
 * Queues, beside the shapes and before they are known (no sync), each section table's cells as its plan expects
 * them, as far as the budget goes: the first rows of the body from its first cell (all of them where they fit), the
 * key column's text, the two lines above the header and, for a table read whole, the record column on the sheet that
 * usually holds the record, `recordGuess`. Undefined when not even one row fits. What a table's shape turns out not
 * to bear out (more columns, its key not first, its record elsewhere or longer) is read as usual afterwards, as are
 * the rows and records not read ahead; a header in the first two rows makes the request fail (the lines above lie
 * outside the sheet), and the caller then reads without reading ahead.
 */
export function queueCellsAhead(
  context: Excel.RequestContext,
  plans: readonly PlanPair[],
  options: CellsOptions,
  recordGuess: string,
): CellsAhead | undefined {
  const { dataTypes } = options;
  const types = dataTypes && options.cards === "types";
  let room = options.budget - Math.min(FIRST_REQUEST_BYTES, options.budget / 4);
  const wanted: Array<{ plan: PlanPair; rows: number; record: boolean }> = [];
  for (const p of plans) {
    const n = Math.max(1, p.native.rows.length);
    const columns = p.native.columns.length;
    const body = bodyRowBytes(p.native, columns, options.entityBytes(p.native), n);
    const record = recordRowBytes(p.native, n).reduce((a, b) => a + b, 0) + LOAD_BYTES;
    room -= LINES_BYTES + 3 * LOAD_BYTES;
    let rows = 0;
    while (rows < n && room >= body[rows]) room -= body[rows++];
    if (!rows) break;
    const whole = rows === n && room >= record;
    if (whole) room -= record;
    wanted.push({ plan: p, rows, record: whole });
    if (rows < n) break;
  }
  if (!wanted.length) return undefined;
  const recordSheet = context.workbook.worksheets.getItemOrNullObject(recordGuess);
  const reads = wanted.map(({ plan: p, rows, record: withRecord }) => {
    const columns = p.native.columns.length;
    const table = context.workbook.tables.getItemOrNullObject(p.native.tableName);
    const first = table.getDataBodyRange().getCell(0, 0);
    const body = first.getResizedRange(rows - 1, columns - 1).load("formulas");
    const keys = first.getResizedRange(rows - 1, 0).load(keyLoad(options));
    const lines = table.getHeaderRowRange().getCell(-2, 0).getResizedRange(1, 0).load("formulas");
    const record = withRecord
      ? recordSheet
          .getRange(
            formatAddress({
              row: 0,
              column: recordColumn(p.native.tableName),
              rows: RECORD_HEAD_ROWS + rows,
              columns: 1,
            }),
          )
          .load("formulas")
      : undefined;
    return { plan: p, rows, columns, body, keys, lines, record };
  });
  return (shapes, recordName) => {
    const out = new Map<string, AheadPart>();
    for (const shape of shapes) {
      const read = reads.find((r) => r.plan === shape.plan);
      const header = parseAddress(shape.headerAddress);
      if (
        !read ||
        shape.headers.length > read.columns ||
        keyColumnOf(shape, header.column) !== header.column ||
        header.row < 2
      )
        continue;
      const rows = Math.min(shape.rows, read.rows);
      const hasRecord = shape.recordRows !== undefined && recordName !== undefined;
      const recordAhead =
        hasRecord &&
        read.record !== undefined &&
        shape.rows <= read.rows &&
        recordName.toLowerCase() === recordGuess.toLowerCase() &&
        shape.recordRows! <= read.rows;
      const into: CellsRead = {
        body: read.body.formulas.slice(0, rows).map((r) => r.slice(0, shape.headers.length)),
        keyText: read.keys.text.slice(0, rows).map((r) => String(r[0])),
        keyJson: dataTypes && !types ? read.keys.valuesAsJson.slice(0, rows).map((r) => r[0]) : [],
        keyTypes: types ? read.keys.valueTypes.slice(0, rows).map((r) => String(r[0])) : [],
        lines: [read.lines.formulas[0][0], read.lines.formulas[1][0]],
      };
      if (recordAhead) {
        const parsed = parseRecord(
          read.record!.formulas.slice(0, RECORD_HEAD_ROWS + shape.recordRows!).map((r) => r[0]),
          shape.plan.native.tableName,
        );
        if (shape.recordSummary !== undefined) into.recordAhead = parsed;
        else if ("record" in parsed) into.record = parsed.record;
        else into.recordRefused = parsed.refused;
      }
      out.set(shape.name, {
        cells: into,
        bodyRows: rows,
        record: !hasRecord || recordAhead || shape.recordSummary !== undefined,
      });
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
  ahead: ReadonlyMap<string, AheadPart> = new Map(),
): Promise<Map<string, CellsRead>> {
  const done = (s: Shape) => {
    const part = ahead.get(s.name);
    return part !== undefined && part.bodyRows >= s.rows && part.record;
  };
  if (shapes.every(done)) return new Map(shapes.map((s) => [s.name, ahead.get(s.name)!.cells]));
  // a response larger than estimated (an analyst's long texts) is read again in smaller slices
  return withSmallerSlices(options.budget, async (limit) => {
    const { cells, reads } = cellReads(context, shapes, options, ahead);
    await readRows(sync, reads, limit, LOAD_BYTES);
    return cells;
  });
}

/**
 * The record columns of the tables whose cells did not match their summary, into each table's cells: in requests
 * under the budget, read again in smaller slices if Excel refuses a response as too large.
 */
export async function readRecords(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  shapes: readonly Shape[],
  cells: ReadonlyMap<string, CellsRead>,
  recordSheet: string,
  budget: number,
): Promise<void> {
  const wanted = shapes.filter((s) => s.recordRows !== undefined && cells.has(s.name));
  if (!wanted.length) return;
  await withSmallerSlices(budget, async (limit) => {
    const reads = wanted.map((s) => recordRead(context, s, cells.get(s.name)!, recordSheet, s.recordRows!));
    await readRows(sync, reads, limit, LOAD_BYTES);
  });
}

/** Rows of a table whose key cell's JSON is wanted, and the bytes each may take in a response. */
export interface KeyJsonWanted {
  shape: Shape;
  rows: readonly number[];
  bytes: number;
}

/**
 * The JSON (`valuesAsJson`) of the key cells asked for, per table, row by row: runs of adjacent rows in one range
 * each, in requests under the budget.
 */
export async function readKeyJson(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  wanted: readonly KeyJsonWanted[],
  budget: number,
): Promise<Map<string, Map<number, unknown>>> {
  return withSmallerSlices(budget, async (limit) => {
    const out = new Map<string, Map<number, unknown>>();
    const reads: RowsRead[] = [];
    for (const w of wanted) {
      const into = new Map<number, unknown>();
      out.set(w.shape.name, into);
      const header = parseAddress(w.shape.headerAddress);
      const column = keyColumnOf(w.shape, header.column);
      const sorted = [...w.rows].sort((a, b) => a - b);
      for (let k = 0; k < sorted.length;) {
        let end = k + 1;
        while (end < sorted.length && sorted[end] === sorted[end - 1] + 1) end++;
        const first = sorted[k];
        const count = end - k;
        reads.push({
          rows: Array.from({ length: count }, () => w.bytes),
          load: (start, stop) => {
            const range = context.workbook.worksheets
              .getItem(w.shape.sheet)
              .getRange(formatAddress({ row: header.row + 1 + first + start, column, rows: stop - start, columns: 1 }))
              .load("valuesAsJson");
            return () => range.valuesAsJson.forEach((r, i) => into.set(first + start + i, r[0]));
          },
        });
        k = end;
      }
    }
    await readRows(sync, reads, limit, LOAD_BYTES);
    return out;
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
