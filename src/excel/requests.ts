/**
 * Round trips and budgeted writes. Every `context.sync()` is a round trip; a request is not a transaction
 * (when an operation fails, the ones before it in that request stay applied), so writes go table by table
 * and a failure reports which tables were completed, partly written or not touched.
 */
import { excelFailure, planBatches, type WriteOp } from "../core/excel";
import type { RefreshFailure } from "../core/refresh";

export interface Counted {
  sync: () => Promise<void>;
  count: () => number;
}

/** Counts round trips so the pane and the tests can report them. */
export function counted(context: Excel.RequestContext): Counted {
  let n = 0;
  return {
    sync: async () => {
      n++;
      await context.sync();
    },
    count: () => n,
  };
}

/** Queues one write (no sync). */
function queueOp(context: Excel.RequestContext, op: WriteOp): void {
  if (op.kind === "sheet") {
    const added = context.workbook.worksheets.add(op.sheet);
    if (op.veryHidden) added.visibility = "VeryHidden";
    return;
  }
  const sheet = context.workbook.worksheets.getItem(op.sheet);
  if (op.kind === "very-hidden") {
    sheet.visibility = "VeryHidden";
    return;
  }
  const range = sheet.getRange(op.address);
  if (op.kind === "resize") {
    context.workbook.tables.getItem(op.table).resize(range);
    return;
  }
  // a single value sets every cell of the range (Range.formulas, ExcelApi 1.1); @types/office-js types only arrays
  if (op.numberFormat) range.numberFormat = op.numberFormat as string[][];
  if (op.fill?.numberFormat !== undefined) range.numberFormat = op.fill.numberFormat as unknown as string[][];
  if (op.formulas) range.formulas = op.formulas as unknown as string[][];
  if (op.fill?.formula !== undefined) range.formulas = op.fill.formula as unknown as string[][];
  if (op.json) range.valuesAsJson = op.json as Excel.CellValue[][];
}

/** Room kept in the final request for what `last` queues there (charts, the edition stamp); less in small budgets. */
const LAST_BYTES = 8192;

/**
 * Excel refused a request part-way through a sequence of writes. `written` holds the operations of the requests
 * that went through; those of the refused request may be partly applied (a request is not a transaction), and
 * those after it were never sent.
 */
export class PartialWriteError extends Error {
  readonly code?: string;
  constructor(
    readonly cause: unknown,
    readonly progress: TableProgress,
    readonly written: readonly WriteOp[],
  ) {
    const failure = excelFailure(cause);
    super(failure.message);
    this.code = failure.code;
    this.name = "PartialWriteError";
  }
}

export type TableProgress = Pick<RefreshFailure, "completed" | "partial" | "untouched">;

/** Which tables' writes went through before request `failed` was refused. */
function progressAt(batches: readonly WriteOp[][], failed: number): TableProgress {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  batches.forEach((batch, i) =>
    batch.forEach((op) => {
      if (!first.has(op.table)) first.set(op.table, i);
      last.set(op.table, i);
    }),
  );
  const completed: string[] = [];
  const partial: string[] = [];
  const untouched: string[] = [];
  for (const [table, start] of first) {
    if (last.get(table)! < failed) completed.push(table);
    else if (start > failed) untouched.push(table);
    else partial.push(table);
  }
  return { completed, partial, untouched };
}

/**
 * Writes in as few requests as the budget allows, with calculation suspended in each. `last` queues work that
 * must come after every write (charts, the edition stamp) in the final request; `queued` is the size of what the
 * caller queued before (the first request carries it). After each request, `onWritten` (if given) gets the tables
 * whose writes have all gone through so far. Throws PartialWriteError when Excel refuses a request.
 */
export async function applyOps(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  ops: readonly WriteOp[],
  budget: number,
  last: () => void = () => undefined,
  queued = 0,
  onWritten?: (tables: readonly string[]) => void,
): Promise<void> {
  const batches = planBatches(ops, budget, queued, Math.min(LAST_BYTES, Math.floor(budget / 16)));
  if (!batches.length) batches.push([]);
  for (let i = 0; i < batches.length; i++) {
    context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const op of batches[i]) queueOp(context, op);
    if (i === batches.length - 1) last();
    try {
      await sync();
    } catch (e) {
      throw new PartialWriteError(e, progressAt(batches, i), batches.slice(0, i).flat());
    }
    if (onWritten) onWritten(progressAt(batches, i + 1).completed);
  }
}
