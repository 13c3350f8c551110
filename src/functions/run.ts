/**
 * The one funnel every custom function goes through: core errors become CustomFunctions.Error with the
 * matching code, anything unexpected becomes #VALUE! with its message, and no NaN or infinity ever
 * reaches a cell.
 */
import { FormulaError, type ErrorCode } from "../core/functions";

type Cell = number | string | boolean | CustomFunctions.Error;

function toExcelError(e: unknown): CustomFunctions.Error {
  // the runtime's global, read when a call fails (the functions' script may load before it is complete)
  const { Error: ExcelError, ErrorCode: Code } = CustomFunctions;
  const codes: Record<ErrorCode, CustomFunctions.ErrorCode> = {
    "#VALUE!": Code.invalidValue,
    "#N/A": Code.notAvailable,
    "#NUM!": Code.invalidNumber,
    "#DIV/0!": Code.divisionByZero,
  };
  if (e instanceof FormulaError) {
    const code = codes[e.code];
    // Excel shows a message only with #VALUE! and #N/A.
    return e.code === "#VALUE!" || e.code === "#N/A" ? new ExcelError(code, e.message) : new ExcelError(code);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new ExcelError(Code.invalidValue, `Unexpected error: ${message}`.slice(0, 255));
}

function toCell(x: unknown): Cell {
  const ExcelError = CustomFunctions.Error;
  if (typeof x === "number") {
    if (!Number.isFinite(x)) return new ExcelError(CustomFunctions.ErrorCode.invalidNumber);
    return Object.is(x, -0) ? 0 : x;
  }
  if (typeof x === "string" || typeof x === "boolean") return x;
  if (x instanceof FormulaError) return toExcelError(x);
  if (x instanceof ExcelError) return x;
  return toExcelError(new Error(`a result of type ${typeof x}`));
}

/** Runs a scalar function; a failure is thrown as CustomFunctions.Error, the way Excel expects it. */
export function run<T extends number | string>(fn: () => T): T {
  let result: Cell;
  try {
    result = toCell(fn());
  } catch (e) {
    throw toExcelError(e);
  }
  // a number or a text is the answer; an object is the CustomFunctions.Error toCell made
  if (typeof result === "object") throw result;
  return result as T;
}

/**
 * Runs a function whose result spills: every cell is checked, errors stay in their own cells. The rows are the
 * function's own (built for this call, or frozen rows it keeps): a cell that needs converting is converted in
 * place, and rows whose cells are all fit for Excel are returned as they are, not copied; frozen rows, which hold
 * only text, are returned as they are.
 */
export function runArray(fn: () => ReadonlyArray<ReadonlyArray<unknown>>): Cell[][] {
  let rows: ReadonlyArray<ReadonlyArray<unknown>>;
  try {
    rows = fn();
  } catch (e) {
    throw toExcelError(e);
  }
  if (rows.length === 0 || rows[0].length === 0) throw toExcelError(new FormulaError("#N/A", "The result is empty."));
  // frozen rows are the ones the core keeps: SEGMENTS' columns of the dataset's names, text only
  if (Object.isFrozen(rows)) return rows as Cell[][];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      const cell = toCell(row[c]);
      if (!Object.is(cell, row[c])) (row as unknown[])[c] = cell;
    }
  }
  return rows as Cell[][];
}

/**
 * Awaits a part of the add-in loaded on first use (a chunk of its own files, such as estimates.js), then runs `fn`
 * with it; a load that fails is #N/A with the reason, and the next call tries again.
 */
export async function runLoaded<M, T>(load: () => Promise<M>, what: string, fn: (loaded: M) => T): Promise<T> {
  let loaded: M;
  try {
    loaded = await load();
  } catch (e) {
    // on one line: webpack's ChunkLoadError puts the failed address on a line of its own
    const why = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ");
    throw toExcelError(
      new FormulaError("#N/A", `${what} did not load (${why}); recalculate to try again.`.slice(0, 255)),
    );
  }
  return fn(loaded);
}

/** Runs a function whose result is a data type (entity); failures are thrown like the others. */
export function runEntity<T extends object>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toExcelError(e);
  }
}
