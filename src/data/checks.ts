/**
 * Consistency checks computed from the dataset: do the source's figures agree with each other, given how
 * the source rounds them? Each check carries its figures, the interval that rounding allows on each side,
 * and a pass or fail. They are data: the task pane and the export show them as a table.
 */
import { compoundRate } from "../lib/rate";
import { figureKeys, requireFigure } from "./dataset-index";
import { statedInterval, type Interval } from "./intervals";
import { readPrinted } from "./printed";
import type { Dataset, Figure, FigureKey, Unit } from "./schema";

type CheckRelation =
  /** the computed interval and the stated one overlap: rounding can explain the difference */
  | "agrees"
  /** the computed figure is certainly not above the stated one */
  | "at most";

export interface ConsistencyCheck {
  id: string;
  title: string;
  relation: CheckRelation;
  unit: Unit;
  stated: number;
  statedLow: number;
  statedHigh: number;
  computed: number;
  computedLow: number;
  computedHigh: number;
  /** how stated and computed were obtained, with the numbers */
  explanation: string;
  passed: boolean;
  inputs: readonly string[];
}

/** The interval a figure stands for: reported figures by the source's rounding and qualifier; others exactly. */
function figureInterval(f: Figure): Interval {
  if (f.value === null) throw new Error(`${f.id} has no value.`);
  if (f.kind !== "reported" || !f.locator) return { low: f.value, high: f.value };
  const printed = readPrinted(f.locator.printed);
  return statedInterval(f.value, printed ? printed.step : 0, f.qualifier);
}

const overlaps = (a: Interval, b: Interval): boolean => a.low <= b.high && b.low <= a.high;

export function consistencyChecks(dataset: Dataset): ConsistencyCheck[] {
  const byId = new Map(dataset.figures.map((f) => [f.id, f]));
  const { baseYear: base, forecastYear: forecast } = dataset.info;
  const keys = figureKeys(base, forecast);
  const need = (key: FigureKey) =>
    requireFigure(byId, key, (id) => new Error(`Consistency check needs ${id}, which the dataset lacks.`));
  const value = (subject: string, year: number) => need(keys.value(subject, year));
  const checks: ConsistencyCheck[] = [];
  const push = (
    c: Omit<ConsistencyCheck, "passed" | "statedLow" | "statedHigh" | "computedLow" | "computedHigh">,
    statedRange: Interval,
    computedRange: Interval,
  ): void => {
    const passed =
      c.relation === "agrees" ? overlaps(statedRange, computedRange) : computedRange.high <= statedRange.low;
    checks.push({
      ...c,
      statedLow: statedRange.low,
      statedHigh: statedRange.high,
      computedLow: computedRange.low,
      computedHigh: computedRange.high,
      passed,
    });
  };

  // Stated CAGR against the CAGR that the stated base-year and forecast-year values give.
  for (const subject of ["North America", "USA"]) {
    const rate = need(keys.rate(subject));
    const start = value(subject, base);
    const end = value(subject, forecast);
    const s = figureInterval(start);
    const e = figureInterval(end);
    const n = forecast - base;
    push(
      {
        id: `cagr:${subject}`,
        title: `${subject}: stated CAGR ${base}–${forecast} vs CAGR of the stated values`,
        relation: "agrees",
        unit: "fraction",
        stated: rate.value,
        computed: compoundRate(start.value, end.value, n),
        explanation: `(${end.value} / ${start.value})^(1/${n}) − 1`,
        inputs: [rate.id, start.id, end.id],
      },
      figureInterval(rate),
      { low: compoundRate(s.high, e.low, n), high: compoundRate(s.low, e.high, n) },
    );
  }

  // The total each stated share implies, against the stated global total.
  const total = value("Global", forecast);
  for (const f of dataset.figures) {
    if (f.measure !== "share" || f.of !== "Global" || f.value === null) continue;
    const part = value(f.subject, forecast);
    const p = figureInterval(part);
    const sh = figureInterval(f);
    push(
      {
        id: `implied-total:${f.subject}`,
        title: `Total implied by ${f.subject} (${f.locator?.printed ?? f.value}) vs the stated global total`,
        relation: "agrees",
        unit: "USD million",
        stated: total.value,
        computed: part.value / f.value,
        explanation: `${part.value} / ${f.value}; the share's rounding allows ${sh.low} to ${sh.high}`,
        inputs: [total.id, part.id, f.id],
      },
      figureInterval(total),
      { low: p.low / sh.high, high: p.high / sh.low },
    );
  }

  // The opportunities' growth adds up to the stated sum.
  const sum = need(keys.growth(dataset.opportunitiesSubject));
  const parts = dataset.opportunities.map((o) => need(keys.growth(o.segment)));
  const ranges = parts.map(figureInterval);
  push(
    {
      id: "opportunities-sum",
      title: `Sum of the ${parts.length} growth opportunities vs the stated sum`,
      relation: "agrees",
      unit: "USD million",
      stated: sum.value,
      computed: parts.reduce((t, f) => t + f.value, 0),
      explanation: parts.map((f) => f.value).join(" + "),
      inputs: [sum.id, ...parts.map((f) => f.id)],
    },
    figureInterval(sum),
    { low: ranges.reduce((t, r) => t + r.low, 0), high: ranges.reduce((t, r) => t + r.high, 0) },
  );

  // IoMT's stated share of its parent markets, against the share their stated values give.
  for (const f of dataset.figures) {
    if (f.measure !== "share" || f.subject !== "Global" || f.of === undefined || f.value === null) continue;
    const whole = value(f.of, forecast);
    const t = figureInterval(total);
    const w = figureInterval(whole);
    push(
      {
        id: `share-of:${f.of}`,
        title: `IoMT's share of ${f.of}: stated vs the stated values`,
        relation: "agrees",
        unit: "fraction",
        stated: f.value,
        computed: total.value / whole.value,
        explanation: `${total.value} / ${whole.value}`,
        inputs: [f.id, total.id, whole.id],
      },
      figureInterval(f),
      { low: t.low / w.high, high: t.high / w.low },
    );
  }

  // USA ≤ North America ≤ Global, in each year both are known.
  const order: Array<[string, string]> = [
    ["USA", "North America"],
    ["North America", "Global"],
  ];
  for (const year of [base, forecast]) {
    for (const [small, large] of order) {
      const a = value(small, year);
      const b = value(large, year);
      push(
        {
          id: `order:${small}:${large}:${year}`,
          title: `${small} ≤ ${large} in ${year}`,
          relation: "at most",
          unit: "USD million",
          stated: b.value,
          computed: a.value,
          explanation: `${a.value} ≤ ${b.value}`,
          inputs: [a.id, b.id],
        },
        figureInterval(b),
        figureInterval(a),
      );
    }
  }
  return checks;
}
