/**
 * The dataset's vocabulary: what a segment, a figure, a driver and a check are.
 * Every number in the dataset is in one unit (USD million) or is a fraction (0.25 = 25%).
 */

export const DIMENSIONS = ["market", "region", "country", "device type", "application", "end user"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** How a figure came to be. */
type FigureKind =
  /** stated in the source */
  | "reported"
  /** computed from reported figures; the formula is recorded */
  | "derived"
  /** named in the source with no figure: kept as a row, never as zero */
  | "not reported";

/** Words of the source that qualify a figure. They are data: they widen or bound the figure. */
export type Qualifier = "surpass" | "about" | "nearly" | "over";
export const QUALIFIERS: readonly Qualifier[] = ["surpass", "about", "nearly", "over"];

export type Measure =
  /** market size in a year, USD million */
  | "value"
  /** compound annual growth rate between two years, fraction */
  | "cagr"
  /** share of another segment's value in a year, fraction */
  | "share"
  /** absolute growth between two years, USD million */
  | "growth"
  /** position among the peers of its dimension (1 = largest) */
  | "rank"
  /** a growth driver's contribution to annual growth, fraction per year */
  | "contribution";

export type Unit = "USD million" | "fraction" | "rank";

/** The unit of each measure; a Map, so that no name reaches Object.prototype. */
export const UNIT_OF: ReadonlyMap<Measure, Unit> = new Map<Measure, Unit>([
  ["value", "USD million"],
  ["cagr", "fraction"],
  ["share", "fraction"],
  ["growth", "USD million"],
  ["rank", "rank"],
  ["contribution", "fraction"],
]);

/** Where a reported figure stands in the source: the section heading and the figure as printed. */
interface Locator {
  section: string;
  printed: string;
}

export interface Segment {
  /** canonical name that users type in formulas */
  name: string;
  dimension: Dimension;
  /** other names a user may type (matching ignores case, spaces and punctuation) */
  aliases: readonly string[];
}

export interface Driver {
  name: string;
  /** the driver's heading as printed in the source */
  title: string;
  aliases: readonly string[];
}

interface Opportunity {
  /** the opportunity as the source names it */
  name: string;
  /** the dataset segment whose growth it is */
  segment: string;
}

/** When a figure holds: a year (values, shares, ranks), a span of years (rates, growth), or neither (contributions). */
interface Period {
  year?: number;
  fromYear?: number;
  toYear?: number;
}

/** What identifies a figure: its measure, subject and period, and for shares the whole (see keys.ts, figureId). */
export interface FigureKey extends Period {
  measure: Measure;
  subject: string;
  /** for shares: the segment whose value is the whole */
  of?: string;
}

/** A figure as entered: reported ones carry a locator; their value is read from the printed text. */
export interface RawFigure extends FigureKey {
  kind: "reported" | "not reported";
  qualifier?: Qualifier;
  locator: Locator;
  note?: string;
}

type DerivationMethod = "difference" | "discount" | "cagr" | "growth";

/** A figure computed from others; the builder computes the value and writes the formula. */
export interface RawDerivation extends FigureKey {
  method: DerivationMethod;
  note?: string;
}

export interface Figure extends FigureKey {
  id: string;
  kind: FigureKind;
  /** null only for "not reported" */
  value: number | null;
  unit: Unit;
  qualifier?: Qualifier;
  /** reported and not reported figures: where they stand in the source */
  locator?: Locator;
  /** derived figures: how they were computed, with the numbers */
  formula?: string;
  /** derived figures: the ids of the figures they were computed from */
  inputs?: readonly string[];
  note?: string;
}

/** A figure with a number: reported or derived. */
export type QuantifiedFigure = Figure & { value: number; kind: "reported" | "derived" };

export function isQuantified(f: Figure | undefined): f is QuantifiedFigure {
  return f !== undefined && f.value !== null;
}

/**
 * How a figure's kind reads in tables and cards: "reported", "derived", "not quantified" (named in the source
 * without a figure), or "not quantified" too where the dataset has no figure at all.
 */
export function kindLabel(f: Figure | undefined): string {
  return f === undefined || f.kind === "not reported" ? "not quantified" : f.kind;
}

interface SourceInfo {
  publisher: string;
  dateline: string;
  /** ISO date of the press release */
  date: string;
  headline: string;
  /** file name of the press release this dataset was extracted from */
  file: string;
}

interface DatasetInfo {
  id: string;
  title: string;
  /** semantic version of the dataset's content */
  version: string;
  /** ISO date of the edition: the source's date */
  edition: string;
  unit: "USD million";
  baseYear: number;
  forecastYear: number;
  source: SourceInfo;
}

export interface RawDataset {
  info: DatasetInfo;
  segments: readonly Segment[];
  drivers: readonly Driver[];
  opportunities: readonly Opportunity[];
  /** the set of the opportunities, as a subject of the stated sum */
  opportunitiesSubject: string;
  figures: readonly RawFigure[];
  derivations: readonly RawDerivation[];
}

export interface Dataset {
  info: DatasetInfo;
  segments: readonly Segment[];
  drivers: readonly Driver[];
  opportunities: readonly Opportunity[];
  opportunitiesSubject: string;
  figures: readonly Figure[];
}
