/**
 * The trace of a formula that calls IOMT.* lookups (typed by the analyst anywhere in the workbook): each lookup
 * call's arguments, taken from the formula (a name or year in quotes or digits) or from the one cell a reference
 * names (read by the edge, see lookupArgumentCells), lead to the figures the lookup gives, traced to the source.
 */
import { nameKey } from "../../data/keys";
import { isQuantified } from "../../data/schema";
import { formatAmount, formatPercent } from "../../lib/format";
import { compoundRate } from "../../lib/rate";
import {
  FormulaError,
  driverContribution,
  findSegment,
  optionalNumberArg,
  segmentGrowth,
  segmentRate,
  segmentSeries,
  segmentValue,
  textArg,
  type SegmentEntry,
} from "../functions";
import { functionInfo } from "../functions";
import { iomtCallOf, outermostIomtCalls, parseFormula, type Node } from "../portable";
import {
  computedTrace,
  notReported,
  traceFigure,
  traceYearValue,
  type FigureTrace,
  type TraceSource,
} from "./figure-trace";
import type { CellTrace } from "./table-cell";

/** A cell that an argument names: the reference as written, its sheet (unquoted) if it names one, its A1 address. */
export interface ArgumentCell {
  text: string;
  sheet?: string;
  address: string;
}

/** At most this many lookup calls are traced, and this many argument cells read, per formula. */
const MAX_CALLS = 6;
const MAX_CELLS = 8;

/** A one-cell A1 reference (no range, row, column or name), with an optional sheet. */
function oneCell(node: Node): ArgumentCell | undefined {
  if (node.type !== "ReferenceIdentifier" || typeof node.value !== "string") return undefined;
  const text = node.value;
  const bang = text.lastIndexOf("!");
  const cell = text
    .slice(bang + 1)
    .replace(/\$/g, "")
    .toUpperCase();
  if (!/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(cell)) return undefined;
  if (bang < 0) return { text, address: cell };
  let sheet = text.slice(0, bang);
  if (sheet.startsWith("[") || sheet.includes(":")) return undefined;
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { text, sheet, address: cell };
}

/** The lookup calls of a formula (outermost ones, in text order), or undefined when it cannot be read. */
function lookupCalls(formula: string): Node[] | undefined {
  try {
    return outermostIomtCalls(parseFormula(formula).root).filter((n) => functionInfo(iomtCallOf(n)!).role === "lookup");
  } catch {
    return undefined;
  }
}

/** The cells that the arguments of a formula's IOMT lookups name: the edge reads their values for traceFormula. */
export function lookupArgumentCells(formula: string): ArgumentCell[] {
  const out = new Map<string, ArgumentCell>();
  for (const call of (lookupCalls(formula) ?? []).slice(0, MAX_CALLS))
    for (const a of call.arguments ?? []) {
      const cell = a ? oneCell(a) : undefined;
      if (cell && out.size < MAX_CELLS) out.set(cell.text, cell);
    }
  return [...out.values()];
}

const UNRESOLVED = Symbol("unresolved");

/** An argument's value: a literal, a negated number, or the value of the one cell it names; else unresolved. */
function argumentValue(node: Node | null | undefined, cells: ReadonlyMap<string, unknown>): unknown {
  if (!node) return undefined;
  if (node.type === "Literal") return node.value;
  if (node.type === "UnaryExpression" && node.operator === "-" && node.arguments?.[0]?.type === "Literal") {
    const v = node.arguments[0].value;
    return typeof v === "number" ? -v : UNRESOLVED;
  }
  const cell = oneCell(node);
  return cell && cells.has(cell.text) ? cells.get(cell.text) : UNRESOLVED;
}

/** A rate or growth the source does not state, computed from the segment's two values. */
function computedFromValues(source: TraceSource, entry: SegmentEntry, measure: "cagr" | "growth"): FigureTrace {
  const { baseYear: base, forecastYear: forecast } = source.index.dataset.info;
  const name = entry.segment.name;
  const v24 = entry.values.get(base);
  const v29 = entry.values.get(forecast);
  if (!isQuantified(v24) || !isQuantified(v29))
    return notReported(
      source,
      entry,
      `${name}, ${measure === "cagr" ? "CAGR" : "growth"}`,
      measure === "cagr" ? "CAGR" : "growth",
    );
  const n = forecast - base;
  if (measure === "cagr") {
    const v = compoundRate(v24.value, v29.value, n);
    return computedTrace(
      source,
      `${name}, CAGR ${base}–${forecast}`,
      formatPercent(v),
      `(value ${forecast} / value ${base})^(1/${n}) − 1 = (${formatAmount(v29.value)} / ${formatAmount(v24.value)})^(1/${n}) − 1 = ${formatPercent(v)}`,
      [v29, v24],
    );
  }
  const v = v29.value - v24.value;
  return computedTrace(
    source,
    `${name}, growth ${base}–${forecast}`,
    `${formatAmount(Number(v.toFixed(1)))} USD million`,
    `value ${forecast} − value ${base} = ${formatAmount(v29.value)} − ${formatAmount(v24.value)} = ${formatAmount(Number(v.toFixed(1)))}`,
    [v29, v24],
  );
}

/** A year argument as the lookups take it: blank gives the default; else a whole year of the dataset. */
function yearOf(source: TraceSource, x: unknown, name: string, fallback: number): number {
  const { baseYear: base, forecastYear: forecast } = source.index.dataset.info;
  const year = optionalNumberArg(x, name, fallback);
  if (!Number.isInteger(year) || year < base || year > forecast)
    throw new FormulaError("#N/A", `The dataset has years ${base} to ${forecast}; ${name} ${year} is not one of them.`);
  return year;
}

/** The lookups that give an error where the dataset has no figure: they are called first, for their own error. */
const REFUSING: Record<string, (source: TraceSource, args: unknown[]) => unknown> = {
  VALUE: ({ index }, a) => segmentValue(index, a[0], a[1]),
  RATE: ({ index }, a) => segmentRate(index, a[0]),
  GROWTH: ({ index }, a) => segmentGrowth(index, a[0]),
  SERIES: ({ index }, a) => segmentSeries(index, a[0], a[1], a[2]),
  DRIVER: ({ index }, a) => driverContribution(index, a[0]),
};

/** The figures one lookup call gives, traced; throws the FormulaError (and message) the function itself gives. */
function traceCall(source: TraceSource, name: string, args: unknown[]): FigureTrace[] {
  const { index } = source;
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  if (Object.prototype.hasOwnProperty.call(REFUSING, name)) REFUSING[name](source, args);
  switch (name) {
    case "VALUE":
    case "SOURCE": {
      const entry = findSegment(index, args[0]);
      return [traceYearValue(source, entry, yearOf(source, args[1], "year", forecast))];
    }
    case "RATE": {
      const entry = findSegment(index, args[0]);
      return [isQuantified(entry.cagr) ? traceFigure(source, entry.cagr) : computedFromValues(source, entry, "cagr")];
    }
    case "GROWTH": {
      const entry = findSegment(index, args[0]);
      return [
        isQuantified(entry.growth) ? traceFigure(source, entry.growth) : computedFromValues(source, entry, "growth"),
      ];
    }
    case "SERIES": {
      const entry = findSegment(index, args[0]);
      const from = yearOf(source, args[1], "from_year", base);
      const to = yearOf(source, args[2], "to_year", forecast);
      const out: FigureTrace[] = [];
      for (let y = from; y <= to; y++) out.push(traceYearValue(source, entry, y));
      return out;
    }
    case "ENTITY": {
      const entry = findSegment(index, args[0]);
      return [traceYearValue(source, entry, base), traceYearValue(source, entry, forecast)];
    }
    case "DRIVER": {
      const text = textArg(args[0], "name");
      const found = index.drivers.get(nameKey(text));
      if (!found) throw new FormulaError("#N/A", `Unknown growth driver '${text}'.`);
      return [traceFigure(source, found.contribution)];
    }
    default:
      // SEGMENTS lists names: no figure
      return [];
  }
}

/**
 * The trace of a formula: the figures of each IOMT lookup it calls (up to six calls), with `cells` holding the
 * values of the argument cells that lookupArgumentCells named (by the reference as written).
 */
export function traceFormula(
  source: TraceSource,
  formula: string,
  cells: ReadonlyMap<string, unknown>,
  where: string,
): CellTrace {
  const calls = lookupCalls(formula);
  if (!calls || !calls.length)
    return {
      state: "none",
      where,
      message:
        "This cell is not an IoMT figure: its formula calls no IOMT lookup (IOMT.CAGR and the other calculators work on the numbers you give them).",
      figures: [],
    };
  const figures: FigureTrace[] = [];
  const problems: string[] = [];
  for (const call of calls.slice(0, MAX_CALLS)) {
    const fn = iomtCallOf(call)!;
    const args = (call.arguments ?? []).map((a) => argumentValue(a, cells));
    if (args.includes(UNRESOLVED)) {
      problems.push(
        `IOMT.${fn}: an argument is worked out by a formula or a range, so the pane cannot tell which figure it reads.`,
      );
      continue;
    }
    try {
      const traced = traceCall(source, fn, args);
      if (!traced.length) problems.push(`IOMT.${fn} lists segment names: no figure to trace.`);
      figures.push(...traced);
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      problems.push(`IOMT.${fn} gives ${e.code}: ${e.message}`);
    }
  }
  if (calls.length > MAX_CALLS) problems.push(`${calls.length - MAX_CALLS} more IOMT lookups are not shown.`);
  const lead = figures.length ? "Where the figures of this formula come from:" : "This formula gives no IoMT figure.";
  return { state: figures.length ? "figure" : "none", where, message: [lead, ...problems].join(" "), figures };
}
