/**
 * Writes grouped into requests under a size budget. Excel on the web refuses requests and responses over
 * 5 MB ("Resource limits and performance optimization of Office Add-ins"); every request is a round trip,
 * so writes go as whole 2-D arrays, as few requests as the budget allows.
 */
import { formatAddress, parseAddress } from "./a1";
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

/** The size of an operation in a request, as JSON, with room for the request's own framing. */
const opBytes = (op: WriteOp): number =>
  op.kind !== "cells"
    ? 200
    : JSON.stringify(op.formulas ?? null).length +
      JSON.stringify(op.numberFormat ?? null).length +
      JSON.stringify(op.json ?? null).length +
      200;

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

/** Cuts a write into row slices so that no single write passes the budget. */
function sliceWrite(op: WriteOp, budget = REQUEST_BUDGET_BYTES): WriteOp[] {
  if (op.kind !== "cells") return [op];
  const rows = rowsOf(op);
  const bytes = opBytes(op);
  if (bytes <= budget || rows < 2) return [op];
  const area = parseAddress(op.address);
  const step = Math.max(1, Math.floor(rows / Math.ceil((bytes * 1.25) / budget)));
  const out: CellWrite[] = [];
  for (let start = 0; start < rows; start += step) {
    const n = Math.min(step, rows - start);
    const part = <T>(x: T[] | undefined): T[] | undefined => x?.slice(start, start + n);
    out.push({
      ...op,
      address: formatAddress({ row: area.row + start, column: area.column, rows: n, columns: area.columns }),
      numberFormat: part(op.numberFormat),
      formulas: part(op.formulas),
      json: part(op.json),
    });
  }
  return out;
}

/** Operations in budget-sized requests, in order. */
export function planBatches(ops: readonly WriteOp[], budget = REQUEST_BUDGET_BYTES): WriteOp[][] {
  return batchWrites(
    ops.flatMap((op) => sliceWrite(op, budget)),
    opBytes,
    budget,
  );
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
    if (op.kind !== "cells" || (!op.formulas && !op.json)) continue;
    const area = parseAddress(op.address);
    for (const grid of [op.formulas, op.json])
      grid?.forEach((row, i) =>
        row.forEach((x, j) => {
          if (x !== null) out.add(cellKey(op.sheet, area.row + i, area.column + j));
        }),
      );
  }
  return out;
}
