/**
 * Compound growth on plain numbers, without argument checks: the one place the formulas are written.
 * The IOMT.* calculators (core/functions/calc.ts) check their arguments and call these.
 */

/** Compound annual growth rate: (end / start)^(1 / years) − 1, as Excel's RRI(years, start, end). */
export function compoundRate(start: number, end: number, years: number): number {
  return Math.pow(end / start, 1 / years) - 1;
}

/** A value grown at a constant rate: value × (1 + rate)^years. */
export function compoundAmount(value: number, rate: number, years: number): number {
  return value * Math.pow(1 + rate, years);
}

/**
 * The value a fraction `t` of the way from `start` to `end` by constant growth: start × (end / start)^t
 * (t = 0 gives start, t = 1 gives end).
 */
export function compoundBetween(start: number, end: number, t: number): number {
  return start * Math.pow(end / start, t);
}
