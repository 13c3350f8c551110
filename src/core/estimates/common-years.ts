/**
 * Other publishers' estimates on common years: a printed figure where the page prints that year; otherwise the
 * nearest printed figure carried by the publisher's own printed CAGR, only within the years the CAGR covers or the
 * year next to them; otherwise nothing, with the reason (./basis words each case).
 */
import type { EstimateFigure, PublisherEstimate } from "../../data/estimates-schema";
import { compoundAmount } from "../../lib/rate";

type EstimateKind = "printed" | "extrapolated" | "none";

/** Why a publisher's figures cannot reach a year. */
type NoEstimate =
  /** the page prints no CAGR */
  | "no CAGR"
  /** the year lies beyond the CAGR's years and the year next to them */
  | "outside"
  /** no printed figure lies within the CAGR's years or next to them */
  | "no figure";

export interface YearEstimate {
  /** the publisher's page and its figures */
  page: PublisherEstimate;
  year: number;
  kind: EstimateKind;
  /** USD million; null when the publisher's figures cannot reach the year */
  value: number | null;
  /** the printed figure it is, or the one it is carried from */
  figure?: EstimateFigure;
  /** why there is no value */
  reason?: NoEstimate;
}

export function estimateAt(p: PublisherEstimate, year: number): YearEstimate {
  const at = (
    kind: EstimateKind,
    value: number | null,
    figure?: EstimateFigure,
    reason?: NoEstimate,
  ): YearEstimate => ({
    page: p,
    year,
    kind,
    value,
    figure,
    reason,
  });
  const none = (reason: NoEstimate) => at("none", null, undefined, reason);
  const printed = p.figures.find((f) => f.year === year);
  if (printed) return at("printed", printed.value, printed);
  if (!p.cagr) return none("no CAGR");
  const first = p.cagr.from - 1;
  const last = p.cagr.to + 1;
  if (year < first || year > last) return none("outside");
  let from: EstimateFigure | undefined;
  for (const f of p.figures) {
    if (f.year >= first && f.year <= last && (!from || Math.abs(f.year - year) < Math.abs(from.year - year))) from = f;
  }
  if (!from) return none("no figure");
  return at("extrapolated", compoundAmount(from.value, p.cagr.rate, year - from.year), from);
}

/** Every publisher's estimate of one year, in the dataset's order. */
export function estimatesAt(estimates: readonly PublisherEstimate[], year: number): YearEstimate[] {
  return estimates.map((p) => estimateAt(p, year));
}

export interface EstimateRange {
  year: number;
  low: number;
  median: number;
  high: number;
  /** the publishers with a value for the year */
  count: number;
}

/** Low, median and high of the publishers that reach the year (a floor counts at its printed value); none: undefined. */
export function estimateRange(estimates: readonly YearEstimate[], year: number): EstimateRange | undefined {
  const values = estimates
    .filter((e) => e.year === year && e.value !== null)
    .map((e) => e.value!)
    .sort((a, b) => a - b);
  const n = values.length;
  if (n === 0) return undefined;
  const median = n % 2 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return { year, low: values[0], median, high: values[n - 1], count: n };
}
