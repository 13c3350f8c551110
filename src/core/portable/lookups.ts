/**
 * The IOMT lookups as native INDEX/MATCH formulas over the data sheet (data-sheet.ts). A name is matched by
 * its key: the text without spaces and punctuation (nested SUBSTITUTE), found case-insensitively by MATCH among
 * the keys of every name and alias. An unknown name is #N/A; a name that is not text is #VALUE!; a year outside
 * the dataset's years or not a whole number is #N/A, as for the functions.
 */
import type { DataLayout } from "./data-sheet";
import { f, isNumberLiteral, nativeKey, operand, requireNumbers, requireText, type Arg, type Piece } from "./native";

/** A year in a formula: its text, and its value when it is known now. */
interface Year {
  text: Piece;
  value?: number;
}

/** The row of a name's key in a block's key column, by exact (case-insensitive) MATCH. */
function keyMatch(layout: DataLayout, block: "names" | "driverNames" | "dimensions", name: Arg): Piece {
  return f`MATCH(${nativeKey(name)},${layout.range(block, "Key")},0)`;
}

/** A column of the names block, at the row of a segment name. */
function nameColumn(layout: DataLayout, header: string, segment: Arg): Piece {
  return f`INDEX(${layout.range("names", header)},${keyMatch(layout, "names", segment)})`;
}

/**
 * A year argument: omitted means the forecast year. `use(yearText)` builds the result from a checked year; a year
 * that is not a whole number within the dataset's years gives #N/A.
 */
function withYear(layout: DataLayout, year: Arg | undefined, fallback: number, use: (y: Year) => Piece): Piece {
  if (!year) return use({ text: String(fallback), value: fallback });
  if (isNumberLiteral(year)) {
    const y = year.literal as number;
    return Number.isInteger(y) && y >= layout.base && y <= layout.forecast
      ? use({ text: String(y), value: y })
      : "NA()";
  }
  const inRange = f`AND(${operand(year)}>=${layout.base},${operand(year)}<=${layout.forecast},${operand(year)}=INT(${year.text}))`;
  return requireNumbers([year], f`IF(${inRange},${use({ text: operand(year) })},NA())`);
}

/** Offset of a year within a segment's rows of the values block, plus 1 for INDEX. */
const yearRow = (layout: DataLayout, y: Year): Piece =>
  y.value !== undefined ? String(y.value - layout.base + 1) : f`${y.text}-${layout.base - 1}`;

/** IOMT.VALUE(segment, [year]) and IOMT.SOURCE(segment, [year]): one cell of the values block. */
export function nativeYearLookup(
  layout: DataLayout,
  column: "Value" | "Source",
  [segment, year]: Array<Arg | undefined>,
): Piece {
  if (!segment) return "#VALUE!";
  const seg = segment;
  return requireText(
    seg,
    withYear(
      layout,
      year,
      layout.forecast,
      (y) =>
        f`INDEX(${layout.range("values", column)},${nameColumn(layout, "Value offset", seg)}+${yearRow(layout, y)})`,
    ),
  );
}

/** IOMT.RATE(segment) and IOMT.GROWTH(segment): a column of the segments block. */
export function nativeSegmentLookup(layout: DataLayout, column: "Rate" | "Growth", segment: Arg | undefined): Piece {
  if (!segment) return "#VALUE!";
  return requireText(
    segment,
    f`INDEX(${layout.range("segments", column)},${nameColumn(layout, "Segment number", segment)})`,
  );
}

/** IOMT.DRIVER(name). */
export function nativeDriver(layout: DataLayout, name: Arg | undefined): Piece {
  if (!name) return "#VALUE!";
  const driverNumber = f`INDEX(${layout.range("driverNames", "Driver number")},${keyMatch(layout, "driverNames", name)})`;
  return requireText(name, f`INDEX(${layout.range("drivers", "Contribution")},${driverNumber})`);
}

/**
 * IOMT.SERIES(segment, [from_year], [to_year]): a two-column range of the values block (Year and Value) from
 * INDEX(...):INDEX(...). #VALUE! if from_year is after to_year; #N/A as a whole when a year in the span has no
 * figure (its Value cell is =NA(), so the sum of the span's values is an error).
 */
export function nativeSeries(layout: DataLayout, [segment, from, to]: Array<Arg | undefined>): Piece {
  if (!segment) return "#VALUE!";
  const seg = segment;
  const build = (first: Year, last: Year): Piece => {
    const at = (column: "Year" | "Value", y: Year) =>
      f`INDEX(${layout.range("values", column)},${nameColumn(layout, "Value offset", seg)}+${yearRow(layout, y)})`;
    const span = f`IF(ISERROR(SUM(${at("Value", first)}:${at("Value", last)})),NA(),${at("Year", first)}:${at("Value", last)})`;
    if (first.value !== undefined && last.value !== undefined) return first.value > last.value ? "#VALUE!" : span;
    return f`IF(${first.text}>${last.text},#VALUE!,${span})`;
  };
  return requireText(
    seg,
    withYear(layout, from, layout.base, (first) => withYear(layout, to, layout.forecast, (last) => build(first, last))),
  );
}

/** IOMT.SEGMENTS([dimension]): the segment names column, or the part of it that holds one dimension. */
export function nativeSegments(layout: DataLayout, dimension: Arg | undefined): Piece {
  const names = layout.range("segments", "Segment");
  if (!dimension) return names;
  const at = (h: string) => f`INDEX(${layout.range("dimensions", h)},${keyMatch(layout, "dimensions", dimension)})`;
  return requireText(dimension, f`INDEX(${names},${at("First")}):INDEX(${names},${at("Last")})`);
}

/**
 * A year of the other publishers' estimates: omitted means 2029, as for the functions; a year that is not a whole
 * number within the estimates' years gives #N/A. `use` gets the year's row offset in the estimates blocks (from 0).
 */
function withEstimateYear(layout: DataLayout, year: Arg | undefined, use: (offset: Piece) => Piece): Piece {
  const [first, last] = layout.estimateYears;
  const known = (y: number) => (Number.isInteger(y) && y >= first && y <= last ? use(String(y - first)) : "NA()");
  if (!year) return known(2029);
  if (isNumberLiteral(year)) return known(year.literal as number);
  const y = operand(year);
  const inRange = f`AND(${y}>=${first},${y}<=${last},${y}=INT(${year.text}))`;
  return requireNumbers([year], f`IF(${inRange},${use(f`(${y}-${first})`)},NA())`);
}

/** IOMT.ESTIMATES([year]): the year's rows of the estimates block, Publisher to Source. */
export function nativeEstimates(layout: DataLayout, year: Arg | undefined): Piece {
  const n = layout.publishers;
  return withEstimateYear(layout, year, (offset) => {
    const row = (k: number) =>
      f`INDEX(${layout.range("estimates", k === 1 ? "Publisher" : "Source")},${offset}*${n}+${k === 1 ? 1 : n})`;
    return f`${row(1)}:${row(n)}`;
  });
}

/** IOMT.RANGE([year]): the year's row of the ranges block, Low to Publishers; #N/A where no publisher reaches it. */
export function nativeEstimateRange(layout: DataLayout, year: Arg | undefined): Piece {
  return withEstimateYear(layout, year, (offset) => {
    const at = (h: string) => f`INDEX(${layout.range("estimateRanges", h)},${offset}+1)`;
    return f`IF(ISERROR(${at("Publishers")}),NA(),${at("Low")}:${at("Publishers")})`;
  });
}
