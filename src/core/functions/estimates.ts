/**
 * IOMT.ESTIMATES and IOMT.RANGE: other publishers' estimates of the global market in a year, printed or carried by
 * their own CAGR (../estimates), and their range. Kept apart from the bundled dataset's lookups.
 */
import type { PublisherEstimate } from "../../data/estimates-schema";
import { estimateRange, estimatesAt } from "../estimates";
import { optionalNumberArg } from "./args";
import type { RangeAt } from "./entity";
import { notAvailable } from "./errors";

/** The years the publishers' figures span: from the earliest year any page prints to the latest. */
export function estimateYears(estimates: readonly PublisherEstimate[]): [first: number, last: number] {
  const years = estimates.flatMap((p) => p.figures.map((f) => f.year));
  return [Math.min(...years), Math.max(...years)];
}

/** The year argument: an integer within the publishers' years; the forecast year 2029 if omitted. */
function estimateYear(estimates: readonly PublisherEstimate[], year: unknown): number {
  const [first, last] = estimateYears(estimates);
  const y = optionalNumberArg(year, "year", 2029);
  if (!Number.isInteger(y) || y < first || y > last) {
    throw notAvailable(`The publishers' figures span ${first} to ${last}; year ${y} is not one of them.`);
  }
  return y;
}

/**
 * IOMT.ESTIMATES: one row per publisher: publisher, value (USD million, blank if none), kind, source (the page's
 * address; the arithmetic and the reasons are in the Other publishers table).
 */
export function publisherEstimates(
  estimates: readonly PublisherEstimate[],
  year?: unknown,
): Array<Array<string | number>> {
  return estimatesAt(estimates, estimateYear(estimates, year)).map((e) => [
    e.page.publisher,
    e.value === null ? "" : e.value,
    e.kind,
    e.page.address,
  ]);
}

/** IOMT.RANGE: one row: low, median, high (USD million) and the number of publishers with a value. */
export function publisherRange(estimates: readonly PublisherEstimate[], year?: unknown): number[][] {
  const y = estimateYear(estimates, year);
  const range = estimateRange(estimatesAt(estimates, y), y);
  if (!range) throw notAvailable(`No publisher's figures reach ${y}.`);
  return [[range.low, range.median, range.high, range.count]];
}

/** Other publishers' range of the global market in a year, for the global segment's card (./entity). */
export const estimatesRangeAt =
  (estimates: readonly PublisherEstimate[]): RangeAt =>
  (year) =>
    estimateRange(estimatesAt(estimates, year), year);
