/**
 * Writes grouped into requests under a size budget. Excel on the web refuses requests and responses over
 * 5 MB ("Resource limits and performance optimization of Office Add-ins"); every request is a round trip,
 * so writes go as whole 2-D arrays, as few requests as the budget allows.
 */
import { formatAddress, parseAddress } from "./a1";
import { cellInput } from "./cell-compare";
import { sameInEveryCell } from "./excel-syntax";
import type { PlanCell } from "./plan-cell";

/** The add-in's budget per request and per response, well below Excel on the web's 5 MB. */
export const REQUEST_BUDGET_BYTES = 1024 * 1024;

/** A block of cells to write. `null` in an array leaves that cell as it is (Office.js). */
export interface CellWrite {
  kind: "cells";
  /** the IoMT table the write belongs to, for reporting progress */
  table: string;
  sheet: string;
  /** A1 address on `sheet`, without the sheet */
  address: string;
  /** number formats, written before the content */
  numberFormat?: (string | null)[][];
  formulas?: (PlanCell | null)[][];
  /** data types (valuesAsJson), written after the formulas */
  json?: (unknown | null)[][];
  /**
   * One number format and one formula or value for every cell of the range, each after its array: Office.js
   * applies a single value given for a range to all its cells (Range.formulas, ExcelApi 1.1). Only for content
   * that reads the same in every cell (no relative A1 reference, which Excel would move from cell to cell).
   */
  fill?: { numberFormat?: string; formula?: PlanCell };
}

/** Grows a table to a new address (header row and body); queued before the writes into its new rows. */
interface TableResize {
  kind: "resize";
  table: string;
  sheet: string;
  address: string;
}

/** Adds a worksheet (very hidden: the user cannot unhide it from Excel's menus); queued before writes into it. */
interface SheetAdd {
  kind: "sheet";
  table: string;
  sheet: string;
  veryHidden: boolean;
}

/**
 * Sets an existing sheet of the add-in's back to very hidden: LibreOffice, which has no very hidden sheets, saves
 * them hidden (own-sheets.ts).
 */
interface SheetVeryHidden {
  kind: "very-hidden";
  table: string;
  sheet: string;
}

export type WriteOp = CellWrite | TableResize | SheetAdd | SheetVeryHidden;

const rowsOf = (w: CellWrite): number => (w.formulas ?? w.json ?? w.numberFormat ?? []).length;

/** Bytes of a string in UTF-8, as a request carries it. */
export function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // two bytes below U+0800, three above, four for a surrogate pair (two units)
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/** Room in a request for an operation's framing: the range it names and what it sets. */
export const OP_FRAMING = 200;

/** The bytes each row of a write takes in a request, as JSON (with its comma). */
function rowBytesOf(op: CellWrite): number[] {
  const out = new Array<number>(rowsOf(op)).fill(0);
  for (const g of [op.formulas, op.numberFormat, op.json])
    g?.forEach((row, i) => (out[i] += utf8Bytes(JSON.stringify(row)) + 1));
  return out;
}

/** The size of an operation in a request, as JSON, with room for the request's own framing. */
const opBytes = (op: WriteOp): number =>
  op.kind !== "cells"
    ? OP_FRAMING
    : rowBytesOf(op).reduce((a, b) => a + b, 0) + (op.fill ? utf8Bytes(JSON.stringify(op.fill)) : 0) + OP_FRAMING;

/** Splits items into batches whose sizes add up to at most the budget (an item larger than it goes alone). */
export function batchWrites<T>(items: readonly T[], size: (x: T) => number, budget = REQUEST_BUDGET_BYTES): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    if (current.length && bytes + n > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += n;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Rows [start, start + n) of a write, at their own address. */
function rowsPart(op: CellWrite, start: number, n: number): CellWrite {
  const area = parseAddress(op.address);
  const part = <T>(x: T[] | undefined): T[] | undefined => x?.slice(start, start + n);
  return {
    ...op,
    address: formatAddress({ row: area.row + start, column: area.column, rows: n, columns: area.columns }),
    numberFormat: part(op.numberFormat),
    formulas: part(op.formulas),
    json: part(op.json),
  };
}

/**
 * Operations in requests of at most `budget` bytes each, in order: a write too large for the room left in a request
 * is cut into row slices, the first filling that request and the rest going on into the next ones. A single row
 * larger than the budget goes alone. `queued`: bytes the caller queued in the first request before these; `last`:
 * bytes the caller queues in the final request after them (only that request keeps room for them, the others are
 * filled to the budget).
 */
export function planBatches(ops: readonly WriteOp[], budget = REQUEST_BUDGET_BYTES, queued = 0, last = 0): WriteOp[][] {
  const batches = fill(ops, budget, queued);
  const final = batches.length - 1;
  const used = (final === 0 ? queued : 0) + (batches[final] ?? []).reduce((n, op) => n + opBytes(op), 0);
  // the final request has no room for what comes after: that goes alone, in one more
  return final < 0 || used + last <= budget ? batches : [...batches, []];
}

function fill(ops: readonly WriteOp[], budget: number, queued: number): WriteOp[][] {
  const batches: WriteOp[][] = [];
  let current: WriteOp[] = [];
  // the first request also carries what the caller queued before (`queued` bytes)
  let bytes = queued;
  // a request already holds something: operations, or (the first) what the caller queued
  const holds = () => current.length > 0 || bytes > 0;
  const close = () => {
    if (holds()) batches.push(current);
    current = [];
    bytes = 0;
  };
  for (const op of ops) {
    const n = opBytes(op);
    if (bytes + n <= budget) {
      current.push(op);
      bytes += n;
      continue;
    }
    if (op.kind !== "cells" || op.fill || rowsOf(op) < 2) {
      close();
      current.push(op);
      bytes = n;
      continue;
    }
    const rows = rowBytesOf(op);
    let start = 0;
    while (start < rows.length) {
      let room = budget - bytes - OP_FRAMING;
      let end = start;
      while (end < rows.length && room >= rows[end]) room -= rows[end++];
      if (end === start && holds()) {
        close();
        continue;
      }
      end = Math.max(end, start + 1);
      const part = end - start === rows.length ? op : rowsPart(op, start, end - start);
      current.push(part);
      bytes += OP_FRAMING + rows.slice(start, end).reduce((a, b) => a + b, 0);
      start = end;
      if (start < rows.length) close();
    }
  }
  if (holds()) batches.push(current);
  return batches;
}

/** Row slices [start, end) of `rows` rows, each estimated under the budget at `rowBytes` per row. */
export function rowSlices(rows: number, rowBytes: number, budget = REQUEST_BUDGET_BYTES): Array<[number, number]> {
  const step = Math.max(1, Math.floor(budget / Math.max(1, rowBytes)));
  const out: Array<[number, number]> = [];
  for (let start = 0; start < rows; start += step) out.push([start, Math.min(rows, start + step)]);
  return out;
}

/** A cell's identity across addresses: its sheet (in any case), row and column. */
const cellKey = (sheet: string, row: number, column: number): string => `${sheet.toLowerCase()}|${row}|${column}`;

/** The key of a sheet-qualified address's first cell. */
export function addressKey(address: string): string {
  const area = parseAddress(address);
  return cellKey(area.sheet ?? "", area.row, area.column);
}

/** The cells whose content (a formula, value or data type, not only a number format) the operations write. */
export function cellsCarried(ops: readonly WriteOp[]): Set<string> {
  const out = new Set<string>();
  for (const op of ops) {
    if (op.kind !== "cells" || (!op.formulas && !op.json && op.fill?.formula === undefined)) continue;
    const area = parseAddress(op.address);
    if (op.fill?.formula !== undefined)
      for (let i = 0; i < area.rows; i++)
        for (let j = 0; j < area.columns; j++) out.add(cellKey(op.sheet, area.row + i, area.column + j));
    for (const grid of [op.formulas, op.json])
      grid?.forEach((row, i) =>
        row.forEach((x, j) => {
          if (x !== null) out.add(cellKey(op.sheet, area.row + i, area.column + j));
        }),
      );
  }
  return out;
}

/** Runs of consecutive columns [start, end) with the same key; an undefined key (the column differs from row to row) runs on too. */
function columnRuns(
  columns: number,
  key: (j: number) => string | undefined,
): Array<[number, number, string | undefined]> {
  const out: Array<[number, number, string | undefined]> = [];
  for (let j = 0; j < columns; j++) {
    const k = key(j);
    const last = out[out.length - 1];
    if (last && last[2] === k) last[1] = j + 1;
    else out.push([j, j + 1, k]);
  }
  return out;
}

/**
 * The writes that fill a new table body at `area` with `rows` typed in as their number formats say: a column whose
 * cells all take the same number format, or the same content (a formula that reads the same in every row, such as
 * one of this-row structured references), is set with one value for the whole column (and side-by-side columns
 * alike share one); the other columns go as 2-D arrays, number formats first.
 */
export function bodyWrites(
  base: Pick<CellWrite, "table" | "sheet">,
  area: { row: number; column: number },
  rows: readonly (readonly PlanCell[])[],
  formats: readonly (readonly string[])[],
  columns: number,
): CellWrite[] {
  const n = rows.length;
  if (!n) return [];
  const inputs = rows.map((r, i) => r.map((cell, j) => cellInput(cell, formats[i][j])));
  const uniform = <T>(cell: (i: number) => T, ok: (x: T) => boolean = () => true): T | undefined => {
    const first = cell(0);
    if (!ok(first)) return undefined;
    for (let i = 1; i < n; i++) if (cell(i) !== first) return undefined;
    return first;
  };
  const at = (start: number, end: number) =>
    formatAddress({ row: area.row, column: area.column + start, rows: n, columns: end - start });
  const ops: CellWrite[] = [];
  const formatKey = (j: number) => uniform((i) => formats[i][j]);
  for (const [start, end, format] of columnRuns(columns, formatKey))
    ops.push(
      format !== undefined
        ? { kind: "cells", ...base, address: at(start, end), fill: { numberFormat: format } }
        : { kind: "cells", ...base, address: at(start, end), numberFormat: formats.map((r) => r.slice(start, end)) },
    );
  const same = (x: PlanCell) => typeof x !== "string" || !x.startsWith("=") || sameInEveryCell(x);
  const contents = Array.from({ length: columns }, (_, j) => uniform((i) => inputs[i][j], same));
  const contentKey = (j: number) => (contents[j] === undefined ? undefined : JSON.stringify(contents[j]));
  for (const [start, end, content] of columnRuns(columns, contentKey))
    ops.push(
      content !== undefined
        ? { kind: "cells", ...base, address: at(start, end), fill: { formula: contents[start]! } }
        : { kind: "cells", ...base, address: at(start, end), formulas: inputs.map((r) => r.slice(start, end)) },
    );
  return ops;
}
