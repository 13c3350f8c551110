/**
 * Assembles the dataset from its entered form: reads each reported figure from its printed text and computes
 * the derived figures with their formulas. The add-in's bundles assemble the bundled dataset when they load;
 * the checks of every entry against the schema are buildDataset's (build.ts), which the build runs first
 * (scripts/check-dataset.js), so a malformed entry never reaches a bundle.
 */
import { formatAmount, formatPercent } from "../lib/format";
import { compoundRate } from "../lib/rate";
import { figureKeys, requireFigure } from "./dataset-index";
import { figureId } from "./keys";
import { readPrinted } from "./printed";
import {
  UNIT_OF,
  type Dataset,
  type Figure,
  type FigureKey,
  type Measure,
  type RawDataset,
  type RawDerivation,
  type Unit,
} from "./schema";

export class DatasetError extends Error {
  constructor(entry: string, problem: string) {
    super(`Dataset entry ${entry}: ${problem}`);
    this.name = "DatasetError";
  }
}

export function unitOf(measure: string, entry: string): Unit {
  const unit = UNIT_OF.get(measure as Measure);
  if (unit === undefined) throw new DatasetError(entry, `unknown measure "${measure}".`);
  return unit;
}

/** The dataset with every figure: reported ones read from their printed text, derived ones computed in order. */
export function assembleDataset(raw: RawDataset): Dataset {
  const { info } = raw;
  const byId = new Map<string, Figure>();
  const add = (f: Figure): void => {
    if (byId.has(f.id)) throw new DatasetError(`figure ${f.id}`, "is entered twice.");
    byId.set(f.id, f);
  };
  for (const r of raw.figures) {
    const id = figureId(r);
    const unit = unitOf(r.measure, `figure ${id}`);
    if (r.kind === "not reported") {
      add(Object.assign({}, r, { id, kind: "not reported" as const, value: null, unit }));
      continue;
    }
    const printed = readPrinted(r.locator.printed);
    if (!printed) throw new DatasetError(`figure ${id}`, `cannot read a figure from "${r.locator.printed}".`);
    add(Object.assign({}, r, { id, kind: "reported" as const, value: printed.value, unit }));
  }
  for (const d of raw.derivations) add(derive(d, byId, info.baseYear, info.forecastYear));
  return {
    info,
    segments: raw.segments,
    drivers: raw.drivers,
    opportunities: raw.opportunities,
    opportunitiesSubject: raw.opportunitiesSubject,
    figures: [...byId.values()],
  };
}

function derive(d: RawDerivation, byId: Map<string, Figure>, base: number, forecast: number): Figure {
  const id = figureId(d);
  const entry = `derived figure ${id}`;
  const keys = figureKeys(base, forecast);
  const need = (key: FigureKey) =>
    requireFigure(byId, key, (missing) => new DatasetError(entry, `needs ${missing}, which the dataset lacks.`));
  const span = { fromYear: base, toYear: forecast };
  const n = forecast - base;
  const figure = (value: number, formula: string, inputs: Figure[]): Figure => {
    if (!Number.isFinite(value)) throw new DatasetError(entry, "computes to a non-finite number.");
    // one Object.assign rather than spreads, which the ES2017 build would nest
    return Object.assign(
      { id, subject: d.subject, measure: d.measure, kind: "derived" as const, value, unit: unitOf(d.measure, entry) },
      d.year !== undefined ? { year: d.year } : span,
      { formula, inputs: inputs.map((f) => f.id) },
      d.note ? { note: d.note } : {},
    );
  };
  const a = formatAmount;
  switch (d.method) {
    case "difference": {
      if (d.measure !== "value" || d.year !== base)
        throw new DatasetError(entry, `difference derives the ${base} value.`);
      const end = need(keys.value(d.subject, forecast));
      const growth = need(keys.growth(d.subject));
      const v = end.value - growth.value;
      return figure(
        v,
        `value ${forecast} − growth ${base}–${forecast} = ${a(end.value)} − ${a(growth.value)} = ${a(v)}`,
        [end, growth],
      );
    }
    case "discount": {
      if (d.measure !== "value" || d.year !== base)
        throw new DatasetError(entry, `discount derives the ${base} value.`);
      const end = need(keys.value(d.subject, forecast));
      const rate = need(keys.rate(d.subject));
      const v = end.value / Math.pow(1 + rate.value, n);
      return figure(
        v,
        `value ${forecast} / (1 + CAGR)^${n} = ${a(end.value)} / (1 + ${formatPercent(rate.value)})^${n} = ${a(v)}`,
        [end, rate],
      );
    }
    case "growth": {
      if (d.measure !== "growth") throw new DatasetError(entry, "growth derives a growth figure.");
      const start = need(keys.value(d.subject, base));
      const end = need(keys.value(d.subject, forecast));
      const v = end.value - start.value;
      return figure(v, `value ${forecast} − value ${base} = ${a(end.value)} − ${a(start.value)} = ${a(v)}`, [
        end,
        start,
      ]);
    }
    case "cagr": {
      if (d.measure !== "cagr") throw new DatasetError(entry, "cagr derives a growth rate.");
      const start = need(keys.value(d.subject, base));
      const end = need(keys.value(d.subject, forecast));
      const v = compoundRate(start.value, end.value, n);
      return figure(
        v,
        `(value ${forecast} / value ${base})^(1/${n}) − 1 = (${a(end.value)} / ${a(start.value)})^(1/${n}) − 1 = ${formatPercent(v)}`,
        [end, start],
      );
    }
    default:
      throw new DatasetError(entry, `unknown method "${String(d.method)}".`);
  }
}
