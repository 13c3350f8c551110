/**
 * Builds the dataset from its entered form and checks every entry against the schema: names and aliases
 * that match one thing only, periods within the dataset's years, locators, units, qualifiers, and every
 * segment, driver and opportunity with its figures. A malformed or inconsistent entry stops the build with a
 * message naming it. The figures themselves are assembled by assemble.ts.
 */
import { assembleDataset, DatasetError, unitOf } from "./assemble";
import { figureKeys } from "./dataset-index";
import { figureId, nameKey } from "./keys";
import { readPrinted } from "./printed";
import { DIMENSIONS, QUALIFIERS, type Dataset, type FigureKey, type RawDataset } from "./schema";

export { DatasetError } from "./assemble";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEMVER = /^\d+\.\d+\.\d+$/;

export function buildDataset(raw: RawDataset): Dataset {
  const { info } = raw;
  if (!SEMVER.test(info.version))
    throw new DatasetError("info.version", `"${info.version}" is not a version like 1.0.0.`);
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
    if (keys.has(nameKey(s.name)))
      throw new DatasetError(`segment "${s.name}"`, "is listed twice or clashes with an alias.");
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

  const ids = new Set<string>();
  const checkPeriod = (f: FigureKey, entry: string): void => {
    if (!subjects.has(f.subject)) throw new DatasetError(entry, `unknown subject "${f.subject}".`);
    const inRange = (y: number | undefined): boolean =>
      y !== undefined && Number.isInteger(y) && y >= info.baseYear && y <= info.forecastYear;
    const needsYear = f.measure === "value" || f.measure === "share" || f.measure === "rank";
    const needsSpan = f.measure === "cagr" || f.measure === "growth";
    if (needsYear && !inRange(f.year))
      throw new DatasetError(entry, `needs a year from ${info.baseYear} to ${info.forecastYear}.`);
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
    if (ids.has(id)) throw new DatasetError(entry, "is entered twice.");
    ids.add(id);
    if (r.kind === "not reported") {
      if (r.measure !== "value") throw new DatasetError(entry, "only a value can be entered as not reported.");
      continue;
    }
    const printed = readPrinted(r.locator.printed);
    if (!printed) throw new DatasetError(entry, `cannot read a figure from "${r.locator.printed}".`);
    if (printed.unit !== unit) {
      throw new DatasetError(entry, `"${r.locator.printed}" is in ${printed.unit}, a ${r.measure} is in ${unit}.`);
    }
  }

  const dataset = assembleDataset(raw);
  const byId = new Map(dataset.figures.map((f) => [f.id, f]));

  // Every segment is in the dataset with its forecast-year value: reported, derived or not reported.
  const key = figureKeys(info.baseYear, info.forecastYear);
  for (const s of raw.segments) {
    if (!byId.has(figureId(key.value(s.name)))) {
      throw new DatasetError(
        `segment "${s.name}"`,
        `has no ${info.forecastYear} value entry (enter it as not reported if the source gives none).`,
      );
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

  return dataset;
}
