/**
 * The lookup data a portable workbook carries: a sheet of its own, generated from the dataset through the core's
 * lookups, that native INDEX/MATCH formulas read in place of the IOMT.* lookups. Where the workbook has the IoMT
 * tables, the figures on it are formulas reading those tables, so a refreshed table feeds the lookups.
 *
 * Blocks, side by side, each with a header row:
 * - values (A:D): one row per segment and year: Segment, Year, Value, Source. The years between the dataset's base
 *   and forecast years are formulas: the estimate by constant growth between the base-year and forecast-year rows,
 *   as IOMT.VALUE computes it. A missing figure is =NA(), so a lookup of it is #N/A.
 * - segments (F:J): Segment, Key, Dimension, Rate, Growth, in dataset order (grouped by dimension).
 * - names (L:P): every segment name and alias by its key: Key, Name, Segment, Segment number and Value offset
 *   (the segment's first row in the values block, counted from 0).
 * - drivers (S:T): Driver, Contribution; driver names (V:Y): Key, Name, Driver, Driver number.
 * - dimensions (AA:AD): Key, Dimension, First and Last segment number.
 * Below them, after a blank row (left of the sheet's mark, which stays alone in its column):
 * - estimates (A:E): other publishers' estimates, one row per year (from the earliest year a page prints to the
 *   latest) and publisher, year by year: Publisher, Value (="" where none), Kind, Source, Year, as IOMT.ESTIMATES
 *   spills them; estimate ranges (G:K): Year, Low, Median, High, Publishers, as IOMT.RANGE gives them (=NA() for a
 *   year no publisher reaches).
 */
import { PUBLISHER_ESTIMATES } from "../../data/estimates";
import { type Dimension, DIMENSIONS } from "../../data/schema";
import { columnLetters, quoteSheetName, wholeColumn } from "../excel";
import {
  FormulaError,
  driverContribution,
  estimateYears,
  findDimension,
  publisherEstimates,
  publisherRange,
  segmentGrowth,
  segmentRate,
  segmentSource,
  segmentValue,
  type DatasetIndex,
} from "../functions";
import { HEADERS, section, sectionOfDimension, yearHeader, type SectionInfo } from "../plan";
import { futureFunction, nativeKeyOf, textLiteral } from "./native";

/** An IoMT table found in the workbook: its name and column headers. */
export interface WorkbookTable {
  name: string;
  headers: readonly string[];
}

/** What a conversion needs to know of the workbook. */
export interface PortableContext {
  /** the IoMT tables in the workbook (any others may be listed too; they are ignored) */
  tables: readonly WorkbookTable[];
  /** the sheet that carries the lookup data */
  dataSheet: string;
  /** formulas as a file stores them (no "=", _xlfn. prefixes) instead of as Excel shows them */
  file: boolean;
}

/** A cell of the data sheet: a number, text, or a formula (text starting with "="). */
export type DataCell = number | string;

const BLOCKS = {
  values: { col: 0, headers: ["Segment", "Year", "Value", "Source"] },
  segments: { col: 5, headers: ["Segment", "Key", "Dimension", "Rate", "Growth"] },
  names: { col: 11, headers: ["Key", "Name", "Segment", "Segment number", "Value offset"] },
  drivers: { col: 18, headers: ["Driver", "Contribution"] },
  driverNames: { col: 21, headers: ["Key", "Name", "Driver", "Driver number"] },
  dimensions: { col: 26, headers: ["Key", "Dimension", "First", "Last"] },
  estimates: { col: 0, headers: ["Publisher", "Value", "Kind", "Source", "Year"] },
  estimateRanges: { col: 6, headers: ["Year", "Low", "Median", "High", "Publishers"] },
} as const;
type Block = keyof typeof BLOCKS;
/** The blocks that stand below the others. */
const LOWER: ReadonlySet<Block> = new Set<Block>(["estimates", "estimateRanges"]);

/** Where each column of the data sheet is, with its row count: what the lookup formulas address. */
export interface DataLayout {
  sheet: string;
  base: number;
  forecast: number;
  years: number;
  /** the years of the estimates blocks, and the number of publishers (rows a year) */
  estimateYears: readonly [first: number, last: number];
  publishers: number;
  rows: Record<Block, number>;
  /** each block's header row, from 0 */
  top: Record<Block, number>;
  /** an absolute, sheet-qualified range of one column of a block */
  range(block: Block, header: string): string;
}

function keyedNames(index: DatasetIndex): Array<{ key: string; name: string; segment: number }> {
  const seen = new Set<string>();
  const out: Array<{ key: string; name: string; segment: number }> = [];
  index.dataset.segments.forEach((s, i) => {
    for (const name of [s.name, ...s.aliases]) {
      const key = nativeKeyOf(name);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, name, segment: i + 1 });
    }
  });
  return out;
}

function keyedDrivers(index: DatasetIndex): Array<{ key: string; name: string; driver: number }> {
  const seen = new Set<string>();
  const out: Array<{ key: string; name: string; driver: number }> = [];
  index.dataset.drivers.forEach((d, i) => {
    for (const name of [d.name, d.title, ...d.aliases]) {
      const key = nativeKeyOf(name);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, name, driver: i + 1 });
    }
  });
  return out;
}

/** Spellings of dimensions tried against the core's findDimension; those it accepts become keys. */
const DIMENSION_SPELLINGS = [
  "markets",
  "regions",
  "countries",
  "device",
  "devices",
  "device types",
  "applications",
  "end users",
  "enduser",
];

function keyedDimensions(
  index: DatasetIndex,
): Array<{ key: string; dimension: Dimension; first: number; last: number }> {
  const span = new Map<Dimension, { first: number; last: number }>();
  index.dataset.segments.forEach((s, i) => {
    const known = span.get(s.dimension);
    if (known && known.last !== i) {
      throw new Error(
        `The dataset lists the ${s.dimension} segments apart from each other; the portable lookup needs them together.`,
      );
    }
    span.set(s.dimension, { first: known?.first ?? i + 1, last: i + 1 });
  });
  const seen = new Set<string>();
  const out: Array<{ key: string; dimension: Dimension; first: number; last: number }> = [];
  for (const spelling of [...DIMENSIONS, ...DIMENSION_SPELLINGS]) {
    let dimension: Dimension;
    try {
      dimension = findDimension(spelling);
    } catch {
      continue;
    }
    const key = nativeKeyOf(spelling);
    const s = span.get(dimension);
    if (!s || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, dimension, ...s });
  }
  return out;
}

export function dataLayout(index: DatasetIndex, sheet: string): DataLayout {
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  const years = forecast - base + 1;
  const estimateSpan = estimateYears(PUBLISHER_ESTIMATES);
  const estimateRows = estimateSpan[1] - estimateSpan[0] + 1;
  const rows: Record<Block, number> = {
    estimates: estimateRows * PUBLISHER_ESTIMATES.length,
    estimateRanges: estimateRows,
    values: index.dataset.segments.length * years,
    segments: index.dataset.segments.length,
    names: keyedNames(index).length,
    drivers: index.dataset.drivers.length,
    driverNames: keyedDrivers(index).length,
    dimensions: keyedDimensions(index).length,
  };
  const upper = Math.max(...(Object.keys(rows) as Block[]).filter((b) => !LOWER.has(b)).map((b) => rows[b]));
  const top = {} as Record<Block, number>;
  for (const b of Object.keys(BLOCKS) as Block[]) top[b] = LOWER.has(b) ? upper + 2 : 0;
  const prefix = `${quoteSheetName(sheet)}!`;
  return {
    sheet,
    base,
    forecast,
    years,
    estimateYears: estimateSpan,
    publishers: PUBLISHER_ESTIMATES.length,
    rows,
    top,
    range(block, header) {
      const b = BLOCKS[block];
      const j = (b.headers as readonly string[]).indexOf(header);
      if (j < 0) throw new Error(`The ${block} block has no column ${header}.`);
      const c = columnLetters(b.col + j);
      return `${prefix}$${c}$${top[block] + 2}:$${c}$${top[block] + rows[block] + 1}`;
    },
  };
}

/** The workbook's IoMT table of a section, when it has the columns given. */
function tableWith(
  ctx: PortableContext,
  info: SectionInfo | undefined,
  headers: readonly string[],
): WorkbookTable | undefined {
  if (!info) return undefined;
  const wanted = info.tableName.toLowerCase();
  const t = ctx.tables.find((x) => x.name.toLowerCase() === wanted);
  return t && headers.every((h) => t.headers.includes(h)) ? t : undefined;
}

/** A value from the core, or =NA() where the core says #N/A (or any other error). */
function fromCore<T extends DataCell>(f: () => T): DataCell {
  try {
    return f();
  } catch (e) {
    if (e instanceof FormulaError) return "=NA()";
    throw e;
  }
}

/** A cell of a table row found by its key column: blank gives #N/A, as a missing figure does. */
function tableCell(t: WorkbookTable, key: string, header: string): string {
  const at = `INDEX(${wholeColumn(t.name, header)},MATCH(${textLiteral(key)},${wholeColumn(t.name, t.headers[0])},0))`;
  return `IF(${at}="",NA(),${at})`;
}

/** The data sheet, row by row (header row first), as the conversion's formulas expect it. Formulas start with "=". */
export function dataSheetRows(index: DatasetIndex, ctx: PortableContext): DataCell[][] {
  const layout = dataLayout(index, ctx.dataSheet);
  const { base, forecast, years } = layout;
  const width = BLOCKS.dimensions.col + BLOCKS.dimensions.headers.length;
  const blocks = Object.keys(BLOCKS) as Block[];
  const height = 1 + Math.max(...blocks.map((b) => layout.top[b] + layout.rows[b]));
  const grid: DataCell[][] = Array.from({ length: height }, () => new Array<DataCell>(width).fill(""));
  const put = (block: Block, r: number, cells: DataCell[]) =>
    cells.forEach((c, j) => (grid[layout.top[block] + r][BLOCKS[block].col + j] = c));
  for (const b of blocks) put(b, 0, [...BLOCKS[b].headers]);
  const cellOf = (block: Block, header: string, r: number) =>
    `${columnLetters(BLOCKS[block].col + (BLOCKS[block].headers as readonly string[]).indexOf(header))}${r + 1}`;

  const segments = index.dataset.segments;
  segments.forEach((s, i) => {
    const first = 1 + i * years;
    const home = sectionOfDimension(s.dimension);
    const table = tableWith(ctx, home, [yearHeader(base), yearHeader(forecast)]);
    const v = (r: number) => cellOf("values", "Value", r);
    const y = (r: number) => cellOf("values", "Year", r);
    for (let k = 0; k < years; k++) {
      const year = base + k;
      const r = first + k;
      let value: DataCell;
      if (year === base || year === forecast) {
        value = table
          ? `=${tableCell(table, s.name, yearHeader(year))}`
          : fromCore(() => segmentValue(index, s.name, year));
      } else {
        const [a, b] = [v(first), v(first + years - 1)];
        value = `=${a}*(${b}/${a})^((${y(r)}-${y(first)})/(${y(first + years - 1)}-${y(first)}))`;
      }
      put("values", r, [s.name, year, value, fromCore(() => segmentSource(index, s.name, year))]);
    }
    const [a, b] = [v(first), v(first + years - 1)];
    const stated = tableWith(ctx, home, [yearHeader(base), yearHeader(forecast), HEADERS.cagrStated]);
    let rate: DataCell = fromCore(() => segmentRate(index, s.name));
    let growth: DataCell = fromCore(() => segmentGrowth(index, s.name));
    if (stated) {
      const at = `INDEX(${wholeColumn(stated.name, HEADERS.cagrStated)},MATCH(${textLiteral(s.name)},${wholeColumn(stated.name, stated.headers[0])},0))`;
      rate = `=IF(${at}="",${futureFunction("RRI", ctx.file)}(${forecast - base},${a},${b}),${at})`;
    }
    if (table) growth = `=${b}-${a}`;
    put("segments", 1 + i, [s.name, nativeKeyOf(s.name), s.dimension, rate, growth]);
  });

  keyedNames(index).forEach((n, i) => {
    put("names", 1 + i, [n.key, n.name, segments[n.segment - 1].name, n.segment, (n.segment - 1) * years]);
  });

  const drivers = index.dataset.drivers;
  const driverTable = tableWith(ctx, section("drivers"), [HEADERS.contribution]);
  drivers.forEach((d, i) => {
    const contribution = driverTable
      ? `=${tableCell(driverTable, d.name, HEADERS.contribution)}`
      : fromCore(() => driverContribution(index, d.name));
    put("drivers", 1 + i, [d.name, contribution]);
  });
  keyedDrivers(index).forEach((n, i) =>
    put("driverNames", 1 + i, [n.key, n.name, drivers[n.driver - 1].name, n.driver]),
  );
  keyedDimensions(index).forEach((d, i) => put("dimensions", 1 + i, [d.key, d.dimension, d.first, d.last]));

  const [first, last] = layout.estimateYears;
  for (let year = first; year <= last; year++) {
    const k = year - first;
    publisherEstimates(PUBLISHER_ESTIMATES, year).forEach(([publisher, value, kind, source], i) =>
      put("estimates", 1 + k * layout.publishers + i, [publisher, value === "" ? '=""' : value, kind, source, year]),
    );
    let range: DataCell[];
    try {
      range = publisherRange(PUBLISHER_ESTIMATES, year)[0];
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      range = ["=NA()", "=NA()", "=NA()", "=NA()"];
    }
    put("estimateRanges", 1 + k, [year, ...range]);
  }

  return grid;
}
