/**
 * A dataset's index, built once: segment and driver names (with aliases, by their matching key) lead straight
 * to their figures, and typed accessors reach any figure by what it is (a value of a subject in a year, a rate,
 * a growth, a share, a contribution) rather than by a hand-built id.
 */
import { compoundBetween } from "../lib/rate";
import { figureId, nameKey } from "./keys";
import {
  DIMENSIONS,
  isQuantified,
  type Dataset,
  type Dimension,
  type Driver,
  type Figure,
  type FigureKey,
  type QuantifiedFigure,
  type Segment,
} from "./schema";

export interface SegmentEntry {
  segment: Segment;
  /** value figures by year (reported, derived or not reported) */
  values: ReadonlyMap<number, Figure>;
  /**
   * the segment's value in each year from the base to the forecast year that has one: its figure's, or between
   * the two estimated by constant growth (computed once, here)
   */
  amounts: ReadonlyMap<number, number>;
  /** the CAGR from the base to the forecast year, where the dataset has one */
  cagr?: Figure;
  /** the growth from the base to the forecast year, where the dataset has one */
  growth?: Figure;
}

export interface DriverEntry {
  driver: Driver;
  contribution: Figure;
}

export interface DatasetIndex {
  dataset: Dataset;
  /** segments by the matching key of their names and aliases */
  segments: ReadonlyMap<string, SegmentEntry>;
  /** drivers by the matching key of their names, titles and aliases */
  drivers: ReadonlyMap<string, DriverEntry>;
  /** segment names by dimension, in dataset order */
  byDimension: ReadonlyMap<Dimension, readonly string[]>;
  /** every segment name and alias with its key, for suggestions */
  names: ReadonlyArray<{ key: string; name: string }>;
  /** figures by id */
  figures: ReadonlyMap<string, Figure>;
  /** any figure by its key */
  figure(key: FigureKey): Figure | undefined;
  /** the value of a subject in a year (default: the forecast year) */
  value(subject: string, year?: number): Figure | undefined;
  /** the CAGR of a subject from the base to the forecast year */
  rate(subject: string): Figure | undefined;
  /** the growth of a subject from the base to the forecast year, USD million */
  growth(subject: string): Figure | undefined;
  /** the share of `whole` that `subject` is in a year (default: the forecast year) */
  share(subject: string, whole: string, year?: number): Figure | undefined;
  /** a subject's rank among the peers of its dimension in a year (default: the forecast year) */
  rank(subject: string, year?: number): Figure | undefined;
  /** a growth driver's contribution to annual growth */
  contribution(driver: string): Figure | undefined;
}

/** The figure of `key` with its number, or the error `fail` gives for its id. */
export function requireFigure(
  figures: ReadonlyMap<string, Figure>,
  key: FigureKey,
  fail: (id: string) => Error,
): QuantifiedFigure {
  const id = figureId(key);
  const f = figures.get(id);
  if (!isQuantified(f)) throw fail(id);
  return f;
}

/** The key of each kind of figure, given the dataset's base and forecast years. */
export function figureKeys(base: number, forecast: number) {
  return {
    value: (subject: string, year = forecast): FigureKey => ({ measure: "value", subject, year }),
    rate: (subject: string): FigureKey => ({ measure: "cagr", subject, fromYear: base, toYear: forecast }),
    growth: (subject: string): FigureKey => ({ measure: "growth", subject, fromYear: base, toYear: forecast }),
    share: (subject: string, whole: string, year = forecast): FigureKey => ({
      measure: "share",
      subject,
      year,
      of: whole,
    }),
    rank: (subject: string, year = forecast): FigureKey => ({ measure: "rank", subject, year }),
    contribution: (driver: string): FigureKey => ({ measure: "contribution", subject: driver }),
  };
}

export function buildIndex(dataset: Dataset): DatasetIndex {
  const figures = new Map(dataset.figures.map((f) => [f.id, f]));
  const { baseYear: base, forecastYear: forecast } = dataset.info;
  const keys = figureKeys(base, forecast);
  const figure = (key: FigureKey): Figure | undefined => figures.get(figureId(key));
  const segments = new Map<string, SegmentEntry>();
  const names: Array<{ key: string; name: string }> = [];
  const byDimension = new Map<Dimension, string[]>(DIMENSIONS.map((d) => [d, []]));
  for (const segment of dataset.segments) {
    const values = new Map<number, Figure>();
    for (let year = base; year <= forecast; year++) {
      const f = figure(keys.value(segment.name, year));
      if (f) values.set(year, f);
    }
    const start = values.get(base);
    const end = values.get(forecast);
    const amounts = new Map<number, number>();
    for (let year = base; year <= forecast; year++) {
      const f = values.get(year);
      if (isQuantified(f)) amounts.set(year, f.value);
      else if (isQuantified(start) && isQuantified(end))
        amounts.set(year, compoundBetween(start.value, end.value, (year - base) / (forecast - base)));
    }
    const entry: SegmentEntry = {
      segment,
      values,
      amounts,
      cagr: figure(keys.rate(segment.name)),
      growth: figure(keys.growth(segment.name)),
    };
    for (const n of [segment.name, ...segment.aliases]) {
      segments.set(nameKey(n), entry);
      names.push({ key: nameKey(n), name: segment.name });
    }
    byDimension.get(segment.dimension)?.push(segment.name);
  }
  const drivers = new Map<string, DriverEntry>();
  for (const driver of dataset.drivers) {
    const contribution = figure(keys.contribution(driver.name));
    if (!contribution) continue;
    for (const n of [driver.name, driver.title, ...driver.aliases]) drivers.set(nameKey(n), { driver, contribution });
  }
  return {
    dataset,
    segments,
    drivers,
    byDimension,
    names,
    figures,
    figure,
    value: (subject, year) => figure(keys.value(subject, year)),
    rate: (subject) => figure(keys.rate(subject)),
    growth: (subject) => figure(keys.growth(subject)),
    share: (subject, whole, year) => figure(keys.share(subject, whole, year)),
    rank: (subject, year) => figure(keys.rank(subject, year)),
    contribution: (driver) => figure(keys.contribution(driver)),
  };
}
