/**
 * The lookups behind the IOMT.* functions: a typed name (with aliases, matched by its key, see data/keys.ts)
 * leads through the dataset's index to its figures; a name, year or figure that is not there is a #N/A
 * with a message that says why.
 */
import type { DatasetIndex, DriverEntry, SegmentEntry } from "../../data/dataset-index";
import { nameKey } from "../../data/keys";
import {
  DIMENSIONS,
  isQuantified as importedIsQuantified,
  type Dimension,
  type Figure,
  type QuantifiedFigure,
} from "../../data/schema";
import { longDate } from "../../lib/dates";
import { formatAmount, formatPercent } from "../../lib/format";
import { compoundBetween, compoundRate } from "../../lib/rate";
import { optionalNumberArg as importedOptionalNumberArg, textArg } from "./args";
import { isBlank as importedIsBlank } from "../../lib/blank";
import { cagr } from "./calc";
import { notAvailable, valueError } from "./errors";

/*
 * Bound once when the script loads, as they are on every call's path: the bundle reads an imported name through
 * its module's exports object on each use, and V8 keeps those objects in slow dictionary mode (many modules define
 * a getter under the same short export name); a constant of this module is a plain call that V8 inlines.
 */
const isQuantified = importedIsQuantified;
const optionalNumberArg = importedOptionalNumberArg;
const isBlank = importedIsBlank;

export { buildIndex, type DatasetIndex, type SegmentEntry } from "../../data/dataset-index";

/**
 * Every name table is a Map, keyed by nameKey: a typed name such as "constructor" or "__proto__" must never
 * find something on Object.prototype.
 */
const DIMENSION_NAMES: ReadonlyMap<string, Dimension> = new Map<string, Dimension>([
  ...DIMENSIONS.map((d): [string, Dimension] => [nameKey(d), d]),
  ...(
    [
      ["markets", "market"],
      ["regions", "region"],
      ["countries", "country"],
      ["device", "device type"],
      ["devices", "device type"],
      ["device types", "device type"],
      ["applications", "application"],
      ["end users", "end user"],
    ] as Array<[string, Dimension]>
  ).map(([alias, d]): [string, Dimension] => [nameKey(alias), d]),
]);

/** Up to three canonical names closest to what was typed. */
export function closestNames(typed: string, candidates: ReadonlyArray<{ key: string; name: string }>): string[] {
  const key = nameKey(typed).slice(0, 64);
  if (key === "") return [];
  const scored = new Map<string, number>();
  for (const c of candidates) {
    const d = c.key.startsWith(key) || key.startsWith(c.key) ? 0 : editDistance(key, c.key);
    const prev = scored.get(c.name);
    if (prev === undefined || d < prev) scored.set(c.name, d);
  }
  const limit = Math.max(2, Math.floor(key.length / 3));
  return [...scored.entries()]
    .filter(([, d]) => d <= limit)
    .sort((a, b) => a[1] - b[1])
    .slice(0, 3)
    .map(([n]) => n);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

const quote = (s: string): string => `'${s.length > 60 ? `${s.slice(0, 57)}...` : s}'`;

function suggestion(typed: string, candidates: ReadonlyArray<{ key: string; name: string }>): string {
  const near = closestNames(typed, candidates);
  return near.length ? ` Did you mean ${near.map(quote).join(" or ")}?` : "";
}

/** How many names as typed each cache holds before it starts again. */
const TYPED_CACHE_LIMIT = 1024;

/**
 * What names as typed resolved to, per index: recalculation repeats the same few strings, so each is normalised
 * and looked up once (a name that is not there is not remembered: it throws).
 */
class TypedNames<T> {
  private readonly byIndex = new WeakMap<DatasetIndex, Map<string, T>>();
  private index?: DatasetIndex;
  private names = new Map<string, T>();

  /** What was typed in `index`, if it was typed before. */
  get(index: DatasetIndex, typed: unknown): T | undefined {
    if (index !== this.index) {
      let names = this.byIndex.get(index);
      if (!names) this.byIndex.set(index, (names = new Map()));
      this.index = index;
      this.names = names;
    }
    return typeof typed === "string" ? this.names.get(typed) : undefined;
  }

  /** Remembers what `typed` resolved to in the index of the last `get`, and returns it. */
  set(typed: string, found: T): T {
    if (this.names.size >= TYPED_CACHE_LIMIT) this.names.clear();
    this.names.set(typed, found);
    return found;
  }
}

const typedSegments = new TypedNames<SegmentEntry>();

export function findSegment(index: DatasetIndex, name: unknown): SegmentEntry {
  const hit = typedSegments.get(index, name);
  if (hit) return hit;
  const text = textArg(name, "segment");
  const entry = index.segments.get(nameKey(text));
  if (!entry) throw notAvailable(`Unknown segment ${quote(text)}.${suggestion(text, index.names)}`);
  return typedSegments.set(text, entry);
}

function yearArg(index: DatasetIndex, x: unknown, name: string, fallback: number): number {
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  const year = optionalNumberArg(x, name, fallback);
  if (!Number.isInteger(year) || year < base || year > forecast) {
    throw notAvailable(`The dataset has years ${base} to ${forecast}; ${name} ${year} is not one of them.`);
  }
  return year;
}

/** The reported or derived value figure of a segment in a year, or a #N/A that says which years the source gives. */
function quantified(entry: SegmentEntry, year: number): QuantifiedFigure {
  // the entry holds the segment's value figures by year (built once with the index): no id to build on this hot path
  const f = entry.values.get(year);
  if (isQuantified(f)) return f;
  const name = entry.segment.name;
  const years = [...entry.values.values()].filter((v) => v.value !== null).map((v) => v.year);
  if (years.length === 0) throw notAvailable(`${name} is not quantified in the source.`);
  throw notAvailable(`The source gives ${name} only for ${years.join(" and ")}, not ${year}.`);
}

interface YearValue {
  value: number;
  kind: "reported" | "derived" | "estimated";
  /** the figures it stands on: itself, or the two it is estimated between */
  figures: readonly QuantifiedFigure[];
}

/** A segment's value in a year: the figure, or an estimate by constant growth between base and forecast years. */
function valueInYear(index: DatasetIndex, entry: SegmentEntry, year: number): YearValue {
  const f = entry.values.get(year);
  if (isQuantified(f)) return { value: f.value, kind: f.kind, figures: [f] };
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  const start = quantified(entry, base);
  const end = quantified(entry, forecast);
  return {
    value: compoundBetween(start.value, end.value, (year - base) / (forecast - base)),
    kind: "estimated",
    figures: [start, end],
  };
}

/** A segment's value in a year, as the index holds it, or the #N/A that says which years the source gives. */
function amount(index: DatasetIndex, entry: SegmentEntry, year: number): number {
  const v = entry.amounts.get(year);
  return v !== undefined ? v : valueInYear(index, entry, year).value;
}

/** IOMT.VALUE: market size of a segment in a year (default: the forecast year). */
export function segmentValue(index: DatasetIndex, segment: unknown, year?: unknown): number {
  const entry = findSegment(index, segment);
  return amount(index, entry, yearArg(index, year, "year", index.dataset.info.forecastYear));
}

/** IOMT.RATE: stated CAGR where the source states one, else computed from the base and forecast values. */
export function segmentRate(index: DatasetIndex, segment: unknown): number {
  const entry = findSegment(index, segment);
  if (isQuantified(entry.cagr)) return entry.cagr.value;
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  return cagr(quantified(entry, base).value, quantified(entry, forecast).value, forecast - base);
}

/** IOMT.GROWTH: absolute growth from base to forecast year, USD million. */
export function segmentGrowth(index: DatasetIndex, segment: unknown): number {
  const entry = findSegment(index, segment);
  if (isQuantified(entry.growth)) return entry.growth.value;
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  return quantified(entry, forecast).value - quantified(entry, base).value;
}

/** IOMT.SERIES: rows of [year, value]. */
export function segmentSeries(index: DatasetIndex, segment: unknown, fromYear?: unknown, toYear?: unknown): number[][] {
  const entry = findSegment(index, segment);
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  const from = yearArg(index, fromYear, "from_year", base);
  const to = yearArg(index, toYear, "to_year", forecast);
  if (from > to) throw valueError(`from_year ${from} is after to_year ${to}.`);
  const rows: number[][] = [];
  for (let y = from; y <= to; y++) rows.push([y, amount(index, entry, y)]);
  return rows;
}

export function findDimension(dimension: string): Dimension {
  const found = DIMENSION_NAMES.get(nameKey(dimension));
  if (found) return found;
  throw notAvailable(
    `Unknown dimension ${quote(dimension)}.${suggestion(
      dimension,
      DIMENSIONS.map((d) => ({ key: nameKey(d), name: d })),
    )} Dimensions: ${DIMENSIONS.join(", ")}.`,
  );
}

const typedDimensions = new TypedNames<ReadonlyArray<readonly string[]>>();
const allSegments = new WeakMap<DatasetIndex, ReadonlyArray<readonly string[]>>();

/** Names as a column, built once and frozen: every call returns the same rows. */
const column = (names: readonly string[]): ReadonlyArray<readonly string[]> =>
  Object.freeze(names.map((n) => Object.freeze([n])));

/** IOMT.SEGMENTS: a column of segment names, of one dimension or all (the same frozen rows on every call). */
export function segmentNames(index: DatasetIndex, dimension?: unknown): ReadonlyArray<readonly string[]> {
  if (isBlank(dimension)) {
    let rows = allSegments.get(index);
    if (!rows) allSegments.set(index, (rows = column(index.dataset.segments.map((s) => s.name))));
    return rows;
  }
  const hit = typedDimensions.get(index, dimension);
  if (hit) return hit;
  const text = textArg(dimension, "dimension");
  return typedDimensions.set(text, column(index.byDimension.get(findDimension(text)) || []));
}

const typedDrivers = new TypedNames<DriverEntry>();

function driverEntry(index: DatasetIndex, name: unknown): DriverEntry {
  const text = textArg(name, "name");
  const entry = index.drivers.get(nameKey(text));
  if (!entry) {
    const candidates = [...index.drivers.entries()].map(([key, d]) => ({ key, name: d.driver.name }));
    throw notAvailable(`Unknown growth driver ${quote(text)}.${suggestion(text, candidates)}`);
  }
  return typedDrivers.set(text, entry);
}

/** IOMT.DRIVER: a growth driver's stated contribution to annual growth. */
export function driverContribution(index: DatasetIndex, name: unknown): number {
  const found = typedDrivers.get(index, name) || driverEntry(index, name);
  if (!isQuantified(found.contribution)) throw notAvailable(`${found.driver.name} is not quantified in the source.`);
  return found.contribution.value;
}

/** Where a figure comes from, in one line: publisher and date, section, figure as printed, and its kind. */
export function describeFigure(index: DatasetIndex, f: Figure): string {
  const src = index.dataset.info.source;
  const where = `${src.publisher}, ${longDate(src.date)}`;
  const section = f.locator ? `section '${f.locator.section}'` : "";
  const qualifier = f.qualifier ? `${f.qualifier} ` : "";
  switch (f.kind) {
    case "reported":
      return `${where}, ${section}: printed as '${qualifier}${f.locator?.printed}' (reported).`;
    case "derived":
      return `Derived from ${where}: ${f.formula} (derived).`;
    default:
      return `${where}, ${section}: named as '${f.locator?.printed}' without a figure (not quantified).`;
  }
}

/** SOURCE's lines by the segment's name as typed: its entry, and a line per year from the base year, each written once. */
const typedSources = new TypedNames<{ entry: SegmentEntry; lines: Array<string | undefined> }>();

/** IOMT.SOURCE: where a segment's value in a year comes from. */
export function segmentSource(index: DatasetIndex, segment: unknown, year?: unknown): string {
  const known =
    typedSources.get(index, segment) ||
    typedSources.set(segment as string, { entry: findSegment(index, segment), lines: [] });
  const y = yearArg(index, year, "year", index.dataset.info.forecastYear);
  const i = y - index.dataset.info.baseYear;
  let line = known.lines[i];
  if (line === undefined) known.lines[i] = line = sourceLine(index, known.entry, y);
  return line;
}

function sourceLine(index: DatasetIndex, entry: SegmentEntry, y: number): string {
  const label = `${entry.segment.name} ${y}`;
  const own = entry.values.get(y);
  if (own) return `${label}: ${describeFigure(index, own)}`;
  const v = valueInYear(index, entry, y);
  const [start, end] = v.figures;
  return (
    `${label}: ${formatAmount(v.value)} estimated by constant growth of ${formatPercent(compoundRate(start.value, end.value, index.dataset.info.forecastYear - index.dataset.info.baseYear))} a year ` +
    `between ${start.year} (${formatAmount(start.value)}, ${start.kind}) and ${end.year} (${formatAmount(end.value)}, ${end.kind}); ` +
    `source ${index.dataset.info.source.publisher}, ${longDate(index.dataset.info.source.date)} (estimated).`
  );
}
