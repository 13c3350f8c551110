/**
 * Builds the dataset from its entered form: checks every entry against the schema, reads each reported
 * figure from its printed text, and computes the derived figures with their formulas.
 * A malformed or inconsistent entry stops the build with a message naming it.
 */
import { formatAmount, formatPercent } from "../lib/format";
import { compoundRate } from "../lib/rate";
import { figureKeys, requireFigure } from "./dataset-index";
import { figureId, nameKey } from "./keys";
import { readPrinted } from "./printed";
import {
  DIMENSIONS,
  QUALIFIERS,
  UNIT_OF,
  type Dataset,
  type Figure,
  type FigureKey,
  type Measure,
  type RawDataset,
  type RawDerivation,
  type Unit,
} from "./schema";

export { figureId, nameKey } from "./keys";

export class DatasetError extends Error {
  constructor(entry: string, problem: string) {
    super(`Dataset entry ${entry}: ${problem}`);
    this.name = "DatasetError";
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEMVER = /^\d+\.\d+\.\d+$/;

function unitOf(measure: string, entry: string): Unit {
  const unit = UNIT_OF.get(measure as Measure);
  if (unit === undefined) throw new DatasetError(entry, `unknown measure "${measure}".`);
  return unit;
}

export function buildDataset(raw: RawDataset): Dataset {
  const { info } = raw;
  if (!SEMVER.test(info.version)) throw new DatasetError("info.version", `"${info.version}" is not a version like 1.0.0.`);
  if (!ISO_DATE.test(info.edition)) throw new DatasetError("info.edition", `"${info.edition}" is not an ISO date.`);
  if (!ISO_DATE.test(info.source.date)) throw new DatasetError("info.source.date", "is not an ISO date.");
  if (!(info.baseYear < info.forecastYear)) throw new DatasetError("info.baseYear", "must come before forecastYear.");

  // Names: segments, drivers and the opportunities' set; every name and alias matches one thing only.
  const keys = new Map<string, string>();
  const claim = (alias: string, owner: string): void => {
    const key = nameKey(alias);
    if (key === "") throw new DatasetError(owner, `has an empty name or alias "${alias}".`);
    const other = keys.get(key);
    if (other !== undefined && other !== owner) {
      throw new DatasetError(owner, `name or alias "${alias}" is also a name of "${other}".`);
    }
    keys.set(key, owner);
  };
  for (const s of raw.segments) {
    if (!(DIMENSIONS as readonly string[]).includes(s.dimension)) {
      throw new DatasetError(`segment "${s.name}"`, `unknown dimension "${s.dimension}".`);
    }
    if (keys.has(nameKey(s.name))) throw new DatasetError(`segment "${s.name}"`, "is listed twice or clashes with an alias.");
    claim(s.name, s.name);
    for (const a of s.aliases) claim(a, s.name);
  }
  for (const d of raw.drivers) {
    claim(d.name, d.name);
    claim(d.title, d.name);
    for (const a of d.aliases) claim(a, d.name);
  }
  claim(raw.opportunitiesSubject, raw.opportunitiesSubject);
  const segmentNames = new Set(raw.segments.map((s) => s.name));
  const driverNames = new Set(raw.drivers.map((d) => d.name));
  const subjects = new Set([...segmentNames, ...driverNames, raw.opportunitiesSubject]);

  const byId = new Map<string, Figure>();
  const add = (f: Figure): void => {
    if (byId.has(f.id)) throw new DatasetError(`figure ${f.id}`, "is entered twice.");
    byId.set(f.id, f);
  };
  const checkPeriod = (f: FigureKey, entry: string): void => {
    if (!subjects.has(f.subject)) throw new DatasetError(entry, `unknown subject "${f.subject}".`);
    const inRange = (y: number | undefined): boolean =>
      y !== undefined && Number.isInteger(y) && y >= info.baseYear && y <= info.forecastYear;
    const needsYear = f.measure === "value" || f.measure === "share" || f.measure === "rank";
    const needsSpan = f.measure === "cagr" || f.measure === "growth";
    if (needsYear && !inRange(f.year)) throw new DatasetError(entry, `needs a year from ${info.baseYear} to ${info.forecastYear}.`);
    if (needsSpan && !(inRange(f.fromYear) && inRange(f.toYear) && f.fromYear! < f.toYear!)) {
      throw new DatasetError(entry, "needs fromYear before toYear, both within the dataset's years.");
    }
    if (f.measure === "contribution" && !driverNames.has(f.subject)) {
      throw new DatasetError(entry, "a contribution belongs to a growth driver.");
    }
    if (f.measure === "share" && !(f.of !== undefined && segmentNames.has(f.of))) {
      throw new DatasetError(entry, "a share needs `of`, the segment it is a share of.");
    }
  };

  for (const r of raw.figures) {
    const id = figureId(r);
    const entry = `figure ${id}`;
    checkPeriod(r, entry);
    if (r.qualifier !== undefined && !QUALIFIERS.includes(r.qualifier)) {
      throw new DatasetError(entry, `unknown qualifier "${r.qualifier}".`);
    }
    if (!r.locator || r.locator.section.trim() === "" || r.locator.printed.trim() === "") {
      throw new DatasetError(entry, "needs a locator: the section heading and the figure as printed.");
    }
    const unit = unitOf(r.measure, entry);
    if (r.kind === "not reported") {
      if (r.measure !== "value") throw new DatasetError(entry, "only a value can be entered as not reported.");
      add({ ...r, id, kind: "not reported", value: null, unit });
      continue;
    }
    const printed = readPrinted(r.locator.printed);
    if (!printed) throw new DatasetError(entry, `cannot read a figure from "${r.locator.printed}".`);
    if (printed.unit !== unit) {
      throw new DatasetError(entry, `"${r.locator.printed}" is in ${printed.unit}, a ${r.measure} is in ${unit}.`);
    }
    add({ ...r, id, kind: "reported", value: printed.value, unit });
  }

  for (const d of raw.derivations) add(derive(d, byId, info.baseYear, info.forecastYear));

  // Every segment is in the dataset with its forecast-year value: reported, derived or not reported.
  const key = figureKeys(info.baseYear, info.forecastYear);
  for (const s of raw.segments) {
    if (!byId.has(figureId(key.value(s.name)))) {
      throw new DatasetError(`segment "${s.name}"`, `has no ${info.forecastYear} value entry (enter it as not reported if the source gives none).`);
    }
  }
  for (const d of raw.drivers) {
    if (!byId.has(figureId(key.contribution(d.name)))) {
      throw new DatasetError(`driver "${d.name}"`, "has no contribution figure.");
    }
  }
  for (const o of raw.opportunities) {
    const growth = figureId(key.growth(o.segment));
    if (!byId.get(growth)) throw new DatasetError(`opportunity "${o.name}"`, `its segment has no figure ${growth}.`);
  }

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
  const need = (key: FigureKey) => requireFigure(byId, key, (missing) => new DatasetError(entry, `needs ${missing}, which the dataset lacks.`));
  const span = { fromYear: base, toYear: forecast };
  const n = forecast - base;
  const figure = (value: number, formula: string, inputs: Figure[]): Figure => {
    if (!Number.isFinite(value)) throw new DatasetError(entry, "computes to a non-finite number.");
    return {
      id,
      subject: d.subject,
      measure: d.measure,
      kind: "derived",
      value,
      unit: unitOf(d.measure, entry),
      ...(d.year !== undefined ? { year: d.year } : span),
      formula,
      inputs: inputs.map((f) => f.id),
      ...(d.note ? { note: d.note } : {}),
    };
  };
  const a = formatAmount;
  switch (d.method) {
    case "difference": {
      if (d.measure !== "value" || d.year !== base) throw new DatasetError(entry, `difference derives the ${base} value.`);
      const end = need(keys.value(d.subject, forecast));
      const growth = need(keys.growth(d.subject));
      const v = end.value - growth.value;
      return figure(v, `value ${forecast} − growth ${base}–${forecast} = ${a(end.value)} − ${a(growth.value)} = ${a(v)}`, [end, growth]);
    }
    case "discount": {
      if (d.measure !== "value" || d.year !== base) throw new DatasetError(entry, `discount derives the ${base} value.`);
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
      return figure(v, `value ${forecast} − value ${base} = ${a(end.value)} − ${a(start.value)} = ${a(v)}`, [end, start]);
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
