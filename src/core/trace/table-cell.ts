/**
 * What a cell of an IoMT table stands for: the add-in knows each table's layout (the plan), so a table name, a row
 * key and a column header lead to the figure the add-in wrote there, or to the arithmetic of a live formula column
 * from the row's figures. A cell that no longer holds what the add-in writes there (in either formula style) is the
 * analyst's edit: the trace says so and shows the dataset's figure beside it.
 */
import type { ConsistencyCheck } from "../../data/checks";
import type { SegmentEntry } from "../../data/dataset-index";
import { nameKey } from "../../data/keys";
import { isQuantified, type Figure } from "../../data/schema";
import { formatAmount, formatPercent } from "../../lib/format";
import { compoundRate } from "../../lib/rate";
import { sameCell, type PlanCell } from "../excel";
import { PUBLISHER_ESTIMATES } from "../../data/estimates";
import { PUBLISHER_PAGES } from "../../data/publisher-pages";
import { COMMON_YEARS, estimateBasis, estimatesAt } from "../estimates";
import {
  DEFAULT_OPTIONS,
  SECTIONS,
  estimatePublisherName,
  planSections,
  yearHeader,
  type SectionInfo,
  type TablePlan,
} from "../plan";
import {
  computedTrace,
  notReported,
  traceFigure,
  traceYearValue,
  type FigureTrace,
  type TraceSource,
} from "./figure-trace";

/** What the pane says about the selected cell. */
export interface CellTrace {
  /** "figure": an IoMT figure; "edited": an IoMT cell the analyst changed; "none": not an IoMT figure */
  state: "figure" | "edited" | "none";
  /** the cell in words: "IoMT_Regions · North America · 2029" */
  where: string;
  /** one plain sentence: what the cell is, or why there is nothing to trace */
  message: string;
  figures: readonly FigureTrace[];
}

/** The tables of both formula styles, built once per dataset. */
const PLANS = new WeakMap<TraceSource, Map<string, TablePlan[]>>();

function tablePlans(source: TraceSource, checks: readonly ConsistencyCheck[]): Map<string, TablePlan[]> {
  let plans = PLANS.get(source);
  if (!plans) {
    plans = new Map();
    const sections = SECTIONS.map((s) => s.id);
    for (const formulas of ["native", "iomt"] as const)
      for (const t of planSections(source.index, checks, { ...DEFAULT_OPTIONS, sections, formulas }))
        plans.set(t.tableName.toLowerCase(), [...(plans.get(t.tableName.toLowerCase()) ?? []), t]);
    PLANS.set(source, plans);
  }
  return plans;
}

const none = (where: string, message: string): CellTrace => ({ state: "none", where, message, figures: [] });

/** Text read from the workbook, short enough to quote in the pane (a cell holds up to 32,767 characters). */
const short = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

const amount = (v: number): string => `${formatAmount(Number(v.toFixed(1)))} USD million`;

/** The figures of a segment row's cell, by its column header. */
function segmentCell(source: TraceSource, entry: SegmentEntry, header: string, overview: boolean): FigureTrace[] {
  const { index } = source;
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  const name = entry.segment.name;
  const v24 = entry.values.get(base);
  const v29 = entry.values.get(forecast);
  const global = index.value("Global", forecast);
  /** The figure, or the trace of its absence, named by the column. */
  const trace = (f: Figure | undefined): FigureTrace[] =>
    f ? [traceFigure(source, f)] : [notReported(source, entry, `${name}, ${header}`, header)];
  const both = isQuantified(v24) && isQuantified(v29);
  switch (header) {
    case yearHeader(base):
      return [traceYearValue(source, entry, base)];
    case yearHeader(forecast):
      return [traceYearValue(source, entry, forecast)];
    case "CAGR stated":
      return trace(entry.cagr?.kind === "reported" ? entry.cagr : undefined);
    case "CAGR computed": {
      if (!both) return trace(undefined);
      const v = compoundRate(v24.value, v29.value, forecast - base);
      return [
        computedTrace(
          source,
          `${name}, CAGR ${base}–${forecast} computed`,
          formatPercent(v),
          `(value ${forecast} / value ${base})^(1/${forecast - base}) − 1 = (${formatAmount(v29.value)} / ${formatAmount(v24.value)})^(1/${forecast - base}) − 1 = ${formatPercent(v)}`,
          [v29, v24],
          "A live formula over this row's two values (RRI in native Excel).",
        ),
      ];
    }
    case `Growth ${base}-${forecast}`: {
      if (!both) return trace(undefined);
      const v = v29.value - v24.value;
      return [
        computedTrace(
          source,
          `${name}, growth ${base}–${forecast} computed`,
          amount(v),
          `value ${forecast} − value ${base} = ${formatAmount(v29.value)} − ${formatAmount(v24.value)} = ${formatAmount(Number(v.toFixed(1)))}`,
          [v29, v24],
          "A live formula over this row's two values.",
        ),
      ];
    }
    case "Share stated":
    case "IoMT share stated":
    case "IoMT share qualifier": {
      const share = overview ? index.share("Global", name, forecast) : index.share(name, "Global", forecast);
      return trace(share);
    }
    case `Global ${forecast}`:
      return trace(isQuantified(v29) ? global : undefined);
    case "Share of global computed":
    case "IoMT share computed": {
      if (!isQuantified(v29) || !isQuantified(global)) return trace(undefined);
      const [part, whole] = overview ? [global, v29] : [v29, global];
      if (overview && !isQuantified(index.share("Global", name, forecast))) return trace(undefined);
      const v = part.value / whole.value;
      return [
        computedTrace(
          source,
          overview ? `Global, share of ${name} ${forecast} computed` : `${name}, share of Global ${forecast} computed`,
          formatPercent(v),
          `${formatAmount(part.value)} / ${formatAmount(whole.value)} = ${formatPercent(v)}`,
          [part, whole],
          "A live formula over this row's values.",
        ),
      ];
    }
    case "Implied total": {
      const share = index.share(name, "Global", forecast);
      if (!isQuantified(v29) || !isQuantified(share)) return trace(undefined);
      const v = v29.value / share.value;
      return [
        computedTrace(
          source,
          `Global ${forecast} implied by ${name}'s share`,
          amount(v),
          `value ${forecast} / share stated = ${formatAmount(v29.value)} / ${formatPercent(share.value)} = ${formatAmount(Number(v.toFixed(1)))}`,
          [v29, share],
          "A live formula over this row's values.",
        ),
      ];
    }
    case "Largest":
      return trace(index.rank(name, forecast));
    case `Kind ${base}`:
      return [traceYearValue(source, entry, base)];
    default:
      // the row's name, dimension, qualifier, kind, note and source describe its forecast-year value
      return trace(v29);
  }
}

/** The figures of a cell of a table that is not a segment table, or undefined when its row is not the dataset's. */
function otherCell(
  source: TraceSource,
  checks: readonly ConsistencyCheck[],
  info: SectionInfo,
  key: string,
  header: string,
): FigureTrace[] | undefined {
  const { index } = source;
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  switch (info.id) {
    case "estimates":
      return estimateCell(key);
    case "drivers": {
      const d = index.drivers.get(key);
      return d ? [traceFigure(source, d.contribution)] : undefined;
    }
    case "opportunities": {
      const o = index.dataset.opportunities.find((x) => nameKey(x.name) === key);
      const growth = o && index.growth(o.segment);
      if (!o || !isQuantified(growth)) return undefined;
      if (header !== "Share of the three computed") return [traceFigure(source, growth)];
      const all = index.dataset.opportunities.map((x) => index.growth(x.segment)).filter(isQuantified);
      const sum = all.reduce((t, f) => t + f.value, 0);
      return [
        computedTrace(
          source,
          `${o.name}, share of the three ${base}–${forecast} computed`,
          formatPercent(growth.value / sum),
          `${formatAmount(growth.value)} / (${all.map((f) => formatAmount(f.value)).join(" + ")}) = ${formatPercent(growth.value / sum)}`,
          all,
          "A live formula over the table's growth column.",
        ),
      ];
    }
    case "checks": {
      const c = checks.find((x) => nameKey(x.title) === key);
      if (!c) return undefined;
      const inputs = c.inputs.map((id) => index.figures.get(id)).filter((f): f is Figure => f !== undefined);
      const shown = c.unit === "fraction" ? formatPercent : (v: number) => formatAmount(Number(v.toFixed(1)));
      return [
        computedTrace(
          source,
          c.title,
          `stated ${shown(c.stated)}, computed ${shown(c.computed)}: ${c.passed ? "pass" : "fail"}`,
          c.explanation,
          inputs,
          `Rounding allows ${shown(c.statedLow)} to ${shown(c.statedHigh)} stated and ${shown(c.computedLow)} to ${shown(c.computedHigh)} computed.`,
        ),
      ];
    }
    default:
      return undefined;
  }
}

/**
 * A row of the Other publishers table: another publisher's estimate, traced to its page (the page's heading and the
 * figure as printed there) and, where it was carried to the year, to the publisher's own CAGR. These figures are
 * not the bundled dataset's, and the trace says so.
 */
function estimateCell(key: string): FigureTrace[] | undefined {
  for (const year of COMMON_YEARS)
    for (const e of estimatesAt(PUBLISHER_ESTIMATES, year)) {
      const name = estimatePublisherName(e.page.publisher);
      if (nameKey(`${name}, ${year}`) !== key) continue;
      const title = PUBLISHER_PAGES[e.page.publisher]?.title ?? e.page.address;
      const note = `Another publisher's estimate (${e.page.address}), not a figure of the bundled press release.`;
      const label = `${name}, IoMT market ${year}`;
      const f = e.figure;
      if (!f || e.kind === "none")
        return [{ label, kind: "not reported", shown: "", inputs: [], note: `${estimateBasis(e)} ${note}` }];
      // the figure as the page prints it, quoted, the printed text marked
      const printed: FigureTrace = {
        label: `${name}, IoMT market ${f.year}`,
        kind: "reported",
        shown: amount(f.value),
        source: { section: title, sentence: `"${f.printed}" (${f.year})`, highlight: [1, f.printed.length + 1] },
        inputs: [],
      };
      return e.kind === "printed"
        ? [{ ...printed, label, note }]
        : [
            {
              label,
              kind: "estimated",
              shown: amount(e.value!),
              arithmetic: estimateBasis(e),
              inputs: [printed],
              note,
            },
          ];
    }
  return undefined;
}

/**
 * The trace of a cell of an IoMT table, given its table, the key in its row's first column, its column header
 * and its content as `Range.formulas` reads it.
 */
export function traceTableCell(
  source: TraceSource,
  checks: readonly ConsistencyCheck[],
  tableName: string,
  rowKey: unknown,
  header: string,
  content: unknown,
): CellTrace {
  const info = SECTIONS.find((s) => s.tableName.toLowerCase() === tableName.toLowerCase());
  const keyText = typeof rowKey === "string" || typeof rowKey === "number" ? String(rowKey) : "";
  const where = `${info?.tableName ?? short(tableName)} · ${short(keyText) || "(no key)"} · ${short(header)}`;
  if (!info) return none(where, "This cell is not in an IoMT table.");
  if (info.id === "about") return none(where, "The About table describes the dataset; it holds no figure to trace.");
  const key = nameKey(keyText);
  const plans = tablePlans(source, checks).get(info.tableName.toLowerCase()) ?? [];
  const column = plans[0]?.columns.findIndex((c) => c.header === header) ?? -1;
  if (column < 0)
    return none(where, `The column '${short(header)}' is not one of the add-in's: it holds no IoMT figure.`);
  const planned: PlanCell[] = [];
  for (const t of plans) {
    const row = t.rows.find((r) => nameKey(String(r[0])) === key);
    if (row) planned.push(row[column]);
  }
  if (!planned.length)
    return none(where, `The row '${short(keyText)}' is not one of the dataset's: it holds no IoMT figure.`);
  const figures = info.segmentKeys
    ? (() => {
        const entry = source.index.segments.get(key);
        return entry ? segmentCell(source, entry, header, info.id === "overview") : undefined;
      })()
    : otherCell(source, checks, info, key, header);
  if (!figures) return none(where, `The row '${short(keyText)}' is not one of the dataset's: it holds no IoMT figure.`);
  // the key column is matched by its key already (and holds a data type where the options asked for one)
  const edited = column > 0 && !planned.some((p) => sameCell(content, p, info.tableName));
  if (edited)
    return {
      state: "edited",
      where,
      message:
        "You changed this cell (or it holds another edition's figure): it no longer holds what the add-in wrote. Refresh keeps it as your edit. The dataset's figure:",
      figures,
    };
  const blank = planned.every((p) => p === "");
  return {
    state: "figure",
    where,
    message: blank ? "This cell is blank: the source gives no figure here." : "Where this figure comes from:",
    figures,
  };
}
