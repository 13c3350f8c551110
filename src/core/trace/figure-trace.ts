/**
 * Where a figure of the dataset comes from: the section heading and the sentence of the press release it stands
 * in (with the figure's place in the sentence, to highlight), its kind, and for derived and estimated figures the
 * arithmetic from the figures they stand on, each traced in turn. Pure: the pane renders what this returns.
 */
import type { DatasetIndex, SegmentEntry } from "../../data/dataset-index";
import type { SourceSentence } from "../../data/iomt-2026-01-06-sentences";
import { isQuantified, type Figure, type Qualifier, type QuantifiedFigure } from "../../data/schema";
import { formatAmount, formatPercent } from "../../lib/format";
import { compoundBetween, compoundRate } from "../../lib/rate";

/** A figure's kind as the trace shows it: the dataset's three, and "estimated" (IOMT.VALUE between its years). */
type TraceKind = "reported" | "derived" | "not reported" | "estimated";

/** A sentence of the source and the figure's [start, end) place in it. */
export interface SourcePlace {
  section: string;
  sentence: string;
  highlight: readonly [number, number];
}

export interface FigureTrace {
  /** what the figure is: "North America, market size 2029" */
  label: string;
  kind: TraceKind;
  /** the figure in words ("79,107 USD million", "23%"), empty for a figure the source does not give */
  shown: string;
  qualifier?: Qualifier;
  /** reported and not reported figures: where they stand in the source */
  source?: SourcePlace;
  /** derived and estimated figures: the arithmetic, with the numbers */
  arithmetic?: string;
  /** derived and estimated figures: the figures they are computed from, traced */
  inputs: readonly FigureTrace[];
  note?: string;
}

/** What tracing needs: the dataset's index and the source's sentences. */
export interface TraceSource {
  index: DatasetIndex;
  sentences: readonly SourceSentence[];
}

/** The words of a figure's measure: "market size 2029", "CAGR 2024–2029", "share of Global 2029". */
function figureLabel(f: Figure): string {
  const span = `${f.fromYear}–${f.toYear}`;
  switch (f.measure) {
    case "value":
      return `${f.subject}, market size ${f.year}`;
    case "cagr":
      return `${f.subject}, CAGR ${span}`;
    case "share":
      return `${f.subject}, share of ${f.of} ${f.year}`;
    case "growth":
      return `${f.subject}, growth ${span}`;
    case "rank":
      return `${f.subject}, rank ${f.year}`;
    default:
      return `${f.subject}, contribution to annual growth`;
  }
}

/** A figure's number in words, by its unit. */
function shownValue(f: Figure): string {
  if (f.value === null) return "";
  if (f.unit === "USD million") return `${formatAmount(f.value)} USD million`;
  if (f.unit === "fraction") return formatPercent(f.value);
  return f.value === 1 ? "largest" : `rank ${f.value}`;
}

const lower = (s: string): string => s.toLowerCase();

/** The section heading a sentence stands under: that of the figure it names as its section's. */
export const sectionOf = (source: TraceSource, s: SourceSentence): string | undefined =>
  source.index.figures.get(s.sectionOf)?.locator?.section;

/**
 * The sentence of the figure's section that holds its printed text (names in any case); where several do (the
 * three "largest segment" sentences), the one that also names the figure's subject or its opportunity.
 */
export function sourcePlace(source: TraceSource, f: Figure): SourcePlace | undefined {
  if (!f.locator) return undefined;
  const { section, printed } = f.locator;
  const printedKey = lower(printed);
  const holding = source.sentences.filter(
    (s) => sectionOf(source, s) === section && lower(s.text).includes(printedKey),
  );
  const names = [
    f.subject,
    ...source.index.dataset.opportunities.filter((o) => o.segment === f.subject).map((o) => o.name),
  ].map(lower);
  const own = holding.find((s) => names.some((n) => lower(s.text).includes(n))) ?? holding[0];
  if (!own) return undefined;
  const text = lower(own.text);
  // the subject's own mention first: "by $89,308 million" after "healthcare providers"
  const after = names.map((n) => text.indexOf(n)).filter((i) => i >= 0);
  const from = after.length ? Math.min(...after) : 0;
  let at = text.indexOf(printedKey, from);
  if (at < 0) at = text.indexOf(printedKey);
  return { section, sentence: own.text, highlight: [at, at + printed.length] };
}

/** The trace of a figure of the dataset: its source, or its arithmetic and the figures it stands on. */
export function traceFigure(source: TraceSource, f: Figure, depth = 0): FigureTrace {
  const inputs =
    f.kind === "derived" && depth < 4
      ? (f.inputs ?? [])
          .map((id) => source.index.figures.get(id))
          .filter((x): x is Figure => x !== undefined)
          .map((x) => traceFigure(source, x, depth + 1))
      : [];
  return {
    label: figureLabel(f),
    kind: f.kind,
    shown: shownValue(f),
    ...(f.qualifier ? { qualifier: f.qualifier } : {}),
    ...(f.kind !== "derived" ? { source: sourcePlace(source, f) } : { arithmetic: f.formula }),
    inputs,
    ...(f.note ? { note: f.note } : {}),
  };
}

/** A figure computed from others, as a trace: kind derived, with its arithmetic. */
export function computedTrace(
  source: TraceSource,
  label: string,
  value: string,
  arithmetic: string,
  inputs: readonly Figure[],
  note?: string,
): FigureTrace {
  return {
    label,
    kind: "derived",
    shown: value,
    arithmetic,
    inputs: inputs.map((f) => traceFigure(source, f, 1)),
    ...(note ? { note } : {}),
  };
}

/** A segment's value in a year that the dataset does not give: an estimate by constant growth, or not reported. */
export function traceYearValue(source: TraceSource, entry: SegmentEntry, year: number): FigureTrace {
  const own = entry.values.get(year);
  if (own) return traceFigure(source, own);
  const { baseYear: base, forecastYear: forecast } = source.index.dataset.info;
  const start = entry.values.get(base);
  const end = entry.values.get(forecast);
  const label = `${entry.segment.name}, market size ${year}`;
  if (!isQuantified(start) || !isQuantified(end)) return notReported(source, entry, label, `market size ${year}`);
  return estimate(source, label, start, end, year);
}

function estimate(
  source: TraceSource,
  label: string,
  start: QuantifiedFigure,
  end: QuantifiedFigure,
  year: number,
): FigureTrace {
  const from = start.year ?? 0;
  const to = end.year ?? 0;
  const t = `${year - from}/${to - from}`;
  const v = compoundBetween(start.value, end.value, (year - from) / (to - from));
  const rate = formatPercent(compoundRate(start.value, end.value, to - from));
  return {
    label,
    kind: "estimated",
    shown: `${formatAmount(Number(v.toFixed(1)))} USD million`,
    arithmetic: `value ${from} × (value ${to} / value ${from})^(${t}) = ${formatAmount(start.value)} × (${formatAmount(end.value)} / ${formatAmount(start.value)})^(${t}) = ${formatAmount(Number(v.toFixed(1)))}: constant growth of ${rate} a year`,
    inputs: [traceFigure(source, start, 1), traceFigure(source, end, 1)],
  };
}

/**
 * A figure the source does not give for a segment: for a segment it names without any figure, its naming sentence;
 * `what` says which figure is missing ("CAGR stated").
 */
export function notReported(source: TraceSource, entry: SegmentEntry, label: string, what?: string): FigureTrace {
  const named = [...entry.values.values()].find((f) => f.kind === "not reported");
  const name = entry.segment.name;
  return {
    label,
    kind: "not reported",
    shown: "",
    ...(named ? { source: sourcePlace(source, named) } : {}),
    inputs: [],
    note: named ? `The source names ${name} without a figure.` : `The source gives no ${what ?? "figure"} for ${name}.`,
  };
}
