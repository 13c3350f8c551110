/**
 * Other publishers' estimates on common years: a printed figure where the page prints that year; otherwise the
 * nearest printed figure carried by the publisher's own printed CAGR, only within the years the CAGR covers or the
 * year next to them; otherwise nothing, with the reason.
 */
import type { PublisherEstimate } from "../../data/estimates-schema";
import { formatAmount } from "../../lib/format";
import { compoundAmount } from "../../lib/rate";

export type EstimateKind = "printed" | "extrapolated" | "none";

export interface YearEstimate {
  publisher: string;
  address: string;
  year: number;
  kind: EstimateKind;
  /** USD million; null when the publisher's figures cannot reach the year */
  value: number | null;
  /** the value is a floor ("to surpass"), or is carried from one */
  lowerBound: boolean;
  /** the figure as printed, the arithmetic of an extrapolated value, or why there is no value */
  basis: string;
}

/** The years an analyst compares by default: the bundled release's base and forecast years. */
export const COMMON_YEARS: readonly number[] = [2024, 2029];

export function estimateAt(p: PublisherEstimate, year: number): YearEstimate {
  const at = (kind: EstimateKind, value: number | null, lowerBound: boolean, basis: string): YearEstimate => ({
    publisher: p.publisher,
    address: p.address,
    year,
    kind,
    value,
    lowerBound,
    basis,
  });
  const printed = p.figures.find((f) => f.year === year);
  if (printed) return at("printed", printed.value, printed.lowerBound, `"${printed.printed}" (${year}), as printed`);
  if (!p.cagr) return at("none", null, false, `The page prints no CAGR to carry its figures to ${year}.`);
  const { rate, printed: rateText, window } = p.cagr;
  const first = window.from - 1;
  const last = window.to + 1;
  const covers = `the CAGR's years ${window.from}–${window.to} and the year next to them`;
  if (year < first || year > last) return at("none", null, false, `${year} lies outside ${covers}.`);
  let from: (typeof p.figures)[number] | undefined;
  for (const f of p.figures) {
    if (f.year < first || f.year > last) continue;
    if (!from || Math.abs(f.year - year) < Math.abs(from.year - year)) from = f;
  }
  if (!from) return at("none", null, false, `No printed figure lies within ${covers}.`);
  const years = year - from.year;
  const value = compoundAmount(from.value, rate, years);
  const basis =
    `${formatAmount(from.value)} (${from.year}) × (1 + ${rateText})^${years} = ${formatAmount(Number(value.toFixed(1)))}` +
    " USD million";
  return at("extrapolated", value, from.lowerBound, basis);
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
