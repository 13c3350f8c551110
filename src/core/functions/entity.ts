/**
 * A segment as an Excel data type (entity value): its properties, card layout and provider, built from the
 * dataset alone. The shapes mirror Excel's EntityCellValue (ExcelApi 1.16); a compile-time test checks that
 * they are assignable to it, so this module needs no Office global.
 */
import { isQuantified, kindLabel, type Figure } from "../../data/schema";
import { longDate } from "../../lib/dates";
import { formatAmount, formatPercent } from "../../lib/format";
import { compoundRate } from "../../lib/rate";
import type { EstimateRange } from "../estimates";
import { FORMAT } from "../excel";
import { FormulaError } from "./errors";
import { findSegment, type DatasetIndex, type SegmentEntry } from "./lookup";

/** What every segment card's provider line names: refresh rebuilds only data types that carry it. */
export const ENTITY_PROVIDER = "IoMT market dataset";

interface StringValue {
  type: "String";
  basicValue: string;
}
interface NumberValue {
  type: "FormattedNumber";
  basicValue: number;
  numberFormat: string;
}
/**
 * #N/A with its basic value as well as its type: "Each nested property, or data type, must have a type and basicValue
 * setting" (Microsoft, "Use cards with entity value data types"), though a cell's own error needs only its type.
 */
interface MissingValue {
  type: "Error";
  errorType: "NotAvailable";
  basicValue: "#N/A";
}
export type PropertyValue = StringValue | NumberValue | MissingValue;

/** A titled section, collapsible by default ("If the card section has a title, the default value is true"). */
interface CardSection {
  layout: "List";
  title: string;
  properties: string[];
  collapsed?: boolean;
}

export interface SegmentEntity {
  type: "Entity";
  text: string;
  properties: Record<string, PropertyValue>;
  layouts: {
    card: { title: { property: string }; subTitle: { property: string }; sections: CardSection[] };
  };
  provider: { description: string };
}

/** The names of a card's fields that carry a year, for a dataset's base and forecast years. */
export function yearFields(base: number, forecast: number) {
  return {
    startValue: `${base} value`,
    endValue: `${forecast} value`,
    startKind: `Kind ${base}`,
    endKind: `Kind ${forecast}`,
    startSource: `Source ${base}`,
    endSource: `Source ${forecast}`,
    endRange: `Other publishers ${forecast}`,
  };
}

/**
 * The fields a user can write after a cell's reference, named for the dataset's years: with the bundled edition
 * =A2.[2029 value], =A2.CAGR, FIELDVALUE(A2, "Share"). The segment other publishers estimate (the global market)
 * also has their range in the forecast year.
 */
export function entityFields(base: number, forecast: number, estimated = false): string[] {
  const y = yearFields(base, forecast);
  return [
    ...(estimated ? [y.endRange] : []),
    "Name",
    "Dimension",
    y.startValue,
    y.endValue,
    "Growth",
    "CAGR",
    "CAGR stated",
    "CAGR computed",
    "Share",
    "Share stated",
    "Drivers",
    y.startKind,
    y.endKind,
    y.startSource,
    y.endSource,
  ];
}

const text = (s: string): StringValue => ({ type: "String", basicValue: s });
const missing = (): MissingValue => ({ type: "Error", errorType: "NotAvailable", basicValue: "#N/A" });
/** A number as Excel keeps it (15 significant digits: the digits beyond would only lengthen the card). */
const number = (x: number | null | undefined, numberFormat: string): NumberValue | MissingValue =>
  Number.isFinite(x) ? { type: "FormattedNumber", basicValue: +x!.toPrecision(15), numberFormat } : missing();

/** A figure's value; null where there is no figure or it has no value. */
const valueOf = (f: Figure | undefined): number | null => (f ? f.value : null);

/**
 * Other publishers' range of the global market in a year (./estimates' estimatesRangeAt). The card builder takes it
 * as an argument: the pane has the estimates at hand, the functions runtime loads them on first use (estimates.js).
 */
export type RangeAt = (year: number) => EstimateRange | undefined;

/** The entity of one segment; an unknown name is a #N/A FormulaError, as in IOMT.VALUE. */
export function segmentEntity(index: DatasetIndex, segment: unknown, rangeAt: RangeAt): SegmentEntity {
  return buildEntity(index, findSegment(index, segment), rangeAt);
}

/** The entity of one segment, or undefined for a name the dataset does not know (its cell gets no card). */
export function knownSegmentEntity(index: DatasetIndex, segment: unknown, rangeAt: RangeAt): SegmentEntity | undefined {
  try {
    return segmentEntity(index, segment, rangeAt);
  } catch (e) {
    if (e instanceof FormulaError) return undefined;
    throw e;
  }
}

/** Other publishers' range of a year in words: low to high, median, and how many publishers reach the year. */
function rangeText(r: EstimateRange | undefined): StringValue {
  const a = (x: number) => formatAmount(Math.round(x));
  return text(r ? `${a(r.low)} to ${a(r.high)}, median ${a(r.median)} (${r.count} publishers)` : "none");
}

/**
 * Where a figure on the card comes from: the section of the source and the figure as printed there, or the
 * derivation. The card's provider line names the source (publisher and date) and the Kind fields the kind, so
 * neither is repeated here; IOMT.SOURCE gives the whole line.
 */
function whereFrom(f: Figure | undefined): string {
  if (!f) return "none in the source";
  if (f.kind === "derived") return `derived: ${f.formula}`;
  // reported and not reported figures carry their place in the source (RawFigure.locator)
  const { section, printed } = f.locator!;
  const qualifier = f.qualifier ? `${f.qualifier} ` : "";
  return `section '${section}': ${f.kind === "reported" ? "printed" : "named"} as '${qualifier}${printed}'`;
}

function buildEntity(index: DatasetIndex, entry: SegmentEntry, rangeAt: RangeAt): SegmentEntity {
  const { info } = index.dataset;
  const { baseYear: base, forecastYear: forecast } = info;
  const y = yearFields(base, forecast);
  const name = entry.segment.name;
  const v24 = entry.values.get(base);
  const v29 = entry.values.get(forecast);
  const start = valueOf(v24);
  const end = valueOf(v29);
  const stated = entry.cagr && entry.cagr.kind === "reported" ? entry.cagr.value : null;
  const computed = start !== null && end !== null && start > 0 ? compoundRate(start, end, forecast - base) : null;
  const global = valueOf(index.value("Global", forecast));
  const shareStated = valueOf(index.share(name, "Global", forecast));
  // the market's drivers, the same on every card: one line, not a list of values each with its type
  const drivers = index.dataset.drivers.map((d) => {
    const c = index.contribution(d.name);
    return `${d.name} ${isQuantified(c) ? formatPercent(c.value) : "?"}`;
  });
  const properties: Record<string, PropertyValue> = {
    Name: text(name),
    Dimension: text(entry.segment.dimension),
    [y.startValue]: number(start, FORMAT.usdPrecise),
    [y.endValue]: number(end, FORMAT.usdPrecise),
    Growth: number(start !== null && end !== null ? end - start : null, FORMAT.usdPrecise),
    CAGR: number(stated ?? computed, FORMAT.percentPrecise),
    "CAGR stated": number(stated, FORMAT.percent),
    "CAGR computed": number(computed, FORMAT.percentPrecise),
    Share: number(end !== null && global ? end / global : null, FORMAT.percentPrecise),
    "Share stated": number(shareStated, FORMAT.percent),
    Drivers: text(`IoMT market growth a year: ${drivers.join(", ")}`),
    [y.startKind]: text(kindLabel(v24)),
    [y.endKind]: text(kindLabel(v29)),
    [y.startSource]: text(whereFrom(v24)),
    [y.endSource]: text(whereFrom(v29)),
  };
  const sizes = [y.startValue, y.endValue, "Growth"];
  // the other publishers estimate the global market
  if (name === "Global") {
    properties[y.endRange] = rangeText(rangeAt(forecast));
    sizes.push(y.endRange);
  }
  // the card lists the figures there are: a field without one stays #N/A in formulas (=A2.[Share stated]) but gets
  // no row of #N/A on the card, whose sources say which figures the source gives
  const list = (title: string, names: string[]): CardSection => ({
    layout: "List",
    title,
    properties: names.filter((p) => properties[p].type !== "Error"),
  });
  const sections = [
    list(info.unit, sizes),
    list(`Growth ${base}-${forecast}, share of global ${forecast}`, [
      "CAGR",
      "CAGR stated",
      "CAGR computed",
      "Share",
      "Share stated",
      "Drivers",
    ]),
    Object.assign(list("Sources", [y.startKind, y.startSource, y.endKind, y.endSource]), { collapsed: true }),
  ];
  return {
    type: "Entity",
    text: name,
    properties,
    layouts: {
      card: {
        title: { property: "Name" },
        subTitle: { property: "Dimension" },
        sections: sections.filter((s) => s.properties.length),
      },
    },
    provider: {
      description: `${info.source.publisher}, ${longDate(info.source.date)}: ${ENTITY_PROVIDER} ${info.version}`,
    },
  };
}
