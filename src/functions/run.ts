/**
 * The one funnel every custom function goes through: each function's own `try` hands whatever it catches to
 * `excelError`, so core errors become CustomFunctions.Error with the matching code, anything unexpected becomes
 * #VALUE! with its message, and no NaN or infinity ever reaches a cell. A function checks its result with
 * `numberCell`, `textCell` or `arrayCells`, which let the usual answer through at once and throw anything else
 * into the same funnel.
 */
import { FormulaError, type ErrorCode } from "../core/functions";

type Cell = number | string | boolean | CustomFunctions.Error;

/** The Excel error for whatever a function threw (a CustomFunctions.Error made on the way stays as it is). */
export function excelError(e: unknown): CustomFunctions.Error {
  // the runtime's global, read when a call fails (the functions' script may load before it is complete)
  const { Error: ExcelError, ErrorCode: Code } = CustomFunctions;
  if (e instanceof ExcelError) return e;
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

/** One cell of a result: a finite number (0 for -0), text, TRUE/FALSE, or the Excel error it stands for. */
function toCell(x: unknown): Cell {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) return excelError(new FormulaError("#NUM!", "not a finite number"));
    return x === 0 ? 0 : x;
  }
  if (typeof x === "string" || typeof x === "boolean") return x;
  if (x instanceof FormulaError) return excelError(x);
  if (x instanceof CustomFunctions.Error) return x;
  return excelError(new Error(`a result of type ${typeof x}`));
}

/** A result that is not the plain one expected: the cell it makes, or the Excel error thrown. */
function otherResult(x: unknown): number | string {
  const cell = toCell(x);
  if (typeof cell === "object") throw cell;
  return cell as number | string;
}

/** A finite number other than 0 (x - x is 0 for finite numbers alone): fit for a cell as it is. */
const plainNumber = (x: unknown): boolean => typeof x === "number" && x - x === 0 && x !== 0;

/**
 * A scalar function's number for its cell: a plain number as it is, 0 for -0; NaN, an infinity or a result of
 * another type is thrown as its Excel error.
 */
export function numberCell(x: number): number {
  return plainNumber(x) ? x : (otherResult(x) as number);
}

/** A scalar function's text for its cell, as it is; a result of another type is thrown as its Excel error. */
export function textCell(x: string): string {
  return typeof x === "string" ? x : (otherResult(x) as string);
}

/** The rows of a spilled result: no rows, or an empty first row, is #N/A. */
function nonEmpty<R extends ReadonlyArray<ReadonlyArray<unknown>>>(rows: R): R {
  if (rows.length === 0 || rows[0].length === 0) throw new FormulaError("#N/A", "The result is empty.");
  return rows;
}

/**
 * Rows of text that the core built once and keeps (SEGMENTS' frozen columns of the dataset's names), for their
 * cells: returned as they are, with nothing to check per cell; no rows is #N/A, as with arrayCells.
 */
export const keptTextRows = (rows: ReadonlyArray<readonly string[]>): string[][] => nonEmpty(rows) as string[][];

/**
 * A spilled result for its cells: every cell is checked, errors stay in their own cells. The rows are the
 * function's own (built for this call, or frozen rows it keeps): a cell that needs converting is converted in
 * place, and rows whose cells are all fit for Excel are returned as they are, not copied; frozen rows, which hold
 * only text, are returned as they are. No rows, or an empty first row, is #N/A.
 */
export function arrayCells(rows: ReadonlyArray<ReadonlyArray<unknown>>): Cell[][] {
  nonEmpty(rows);
  // frozen rows are the ones the core keeps: SEGMENTS' columns of the dataset's names, text only
  if (Object.isFrozen(rows)) return rows as Cell[][];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      const x = row[c];
      if (plainNumber(x) || typeof x === "string") continue;
      const cell = toCell(x);
      if (!Object.is(cell, x)) (row as unknown[])[c] = cell;
    }
  }
  return rows as Cell[][];
}

/** Runs a function whose result spills (see arrayCells); a failure is thrown as its Excel error. */
export function runArray(fn: () => ReadonlyArray<ReadonlyArray<unknown>>): Cell[][] {
  try {
    return arrayCells(fn());
  } catch (e) {
    throw excelError(e);
  }
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
    throw excelError(
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
    throw excelError(e);
  }
}
