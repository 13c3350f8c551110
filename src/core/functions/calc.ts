/**
 * Calculators on any numbers: growth rates, projections, shares and implied totals.
 * Units are the caller's; rates are fractions (0.25 = 25%).
 */
import { compoundAmount as importedCompoundAmount, compoundRate as importedCompoundRate } from "../../lib/rate";
import {
  finiteResult as importedFiniteResult,
  numberArg as importedNumberArg,
  optionalNumberArg as importedOptionalNumberArg,
} from "./args";
import { isBlank as importedIsBlank } from "../../lib/blank";
import { divZero, FormulaError, numError, valueError } from "./errors";

/*
 * Bound once when the script loads, as they are on every call's path: the bundle reads an imported name through
 * its module's exports object on each use, and V8 keeps those objects in slow dictionary mode (many modules define
 * a getter under the same short export name); a constant of this module is a plain call that V8 inlines.
 */
const compoundAmount = importedCompoundAmount;
const compoundRate = importedCompoundRate;
const finiteResult = importedFiniteResult;
const numberArg = importedNumberArg;
const optionalNumberArg = importedOptionalNumberArg;
const isBlank = importedIsBlank;

/** Compound annual growth rate: (end / start)^(1 / years) - 1, as Excel's RRI(years, start, end). */
export function cagr(start: unknown, end: unknown, years: unknown): number {
  const s = numberArg(start, "start_value");
  const e = numberArg(end, "end_value");
  const n = numberArg(years, "years");
  if (s <= 0) throw numError("start_value must be greater than 0.");
  if (e < 0) throw numError("end_value must not be negative.");
  if (n <= 0) throw numError("years must be greater than 0.");
  return finiteResult(compoundRate(s, e, n), "The growth rate");
}

/** A value grown at a constant rate: value * (1 + rate)^years. */
export function project(value: unknown, rate: unknown, years: unknown): number {
  const v = numberArg(value, "value");
  const r = numberArg(rate, "rate");
  const n = numberArg(years, "years");
  if (r <= -1) throw numError("rate must be greater than -1 (-100%).");
  return finiteResult(compoundAmount(v, r, n), "The projected value");
}

/** The total that a part and its share imply: part / share. */
export function impliedTotal(part: unknown, share: unknown): number {
  const p = numberArg(part, "part");
  const s = numberArg(share, "share");
  if (s <= 0 || s > 1) throw numError("share must be greater than 0 and at most 1 (100%).");
  return finiteResult(p / s, "The implied total");
}

/** One cell of an array result: a number, a blank, or an error in its own position. */
export type ResultCell = number | "" | FormulaError;

/** Turns one cell or a range into a rectangle: ragged rows are padded with blanks; a rectangle is used as it is. */
function asMatrix(x: unknown): ReadonlyArray<ReadonlyArray<unknown>> {
  if (!Array.isArray(x)) return [[x]];
  let width = -1;
  let rectangle = true;
  for (let r = 0; r < x.length; r++) {
    const row: unknown = x[r];
    const w = Array.isArray(row) ? row.length : -1;
    if (r === 0) width = w;
    else if (w !== width) rectangle = false;
  }
  if (rectangle && width >= 0) return x as unknown[][];
  const rows = x.map((row) => (Array.isArray(row) ? row : [row]));
  width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  return rows.map((row) => (row.length === width ? row : [...row, ...new Array(width - row.length).fill("")]));
}

/**
 * Each value divided by the total; the result has the shape of `values`. Without a total, the total is the
 * sum of the numbers in `values`. Blank cells give blanks; text gives #VALUE! in its own position.
 */
export function share(values: unknown, total?: unknown): ResultCell[][] {
  const cells = asMatrix(values);
  if (cells.length === 0 || cells[0].length === 0) throw valueError("values is empty.");
  let whole: number;
  if (isBlank(total)) {
    whole = 0;
    for (let r = 0; r < cells.length; r++) {
      const row = cells[r];
      for (let col = 0; col < row.length; col++) {
        const c = row[col];
        if (typeof c === "number" && Number.isFinite(c)) whole += c;
      }
    }
    whole = finiteResult(whole, "The sum of values");
  } else {
    whole = optionalNumberArg(total, "total", 0);
  }
  if (whole === 0) throw divZero("The total is 0.");
  const result: ResultCell[][] = [];
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r];
    const out: ResultCell[] = [];
    for (let col = 0; col < row.length; col++) out.push(shareCell(row[col], whole, r, col));
    result.push(out);
  }
  return result;
}

/** One cell's share of the whole, or the error in its position (row r, column col, counted from 0). */
function shareCell(c: unknown, whole: number, r: number, col: number): ResultCell {
  if (isBlank(c)) return "";
  if (typeof c !== "number") return valueError(`values has text at row ${r + 1}, column ${col + 1}.`);
  if (!Number.isFinite(c)) return numError(`values has a non-finite number at row ${r + 1}, column ${col + 1}.`);
  const q = c / whole;
  if (!Number.isFinite(q)) return numError(`The share at row ${r + 1}, column ${col + 1} is too large.`);
  return Object.is(q, -0) ? 0 : q;
}
