/**
 * A segment as an Excel data type (entity value): its properties, card layout and provider, built from the
 * dataset alone. The shapes mirror Excel's EntityCellValue (ExcelApi 1.16); a compile-time test checks that
 * they are assignable to it, so this module needs no Office global.
 */
import { isQuantified, kindLabel } from "../data/schema";
import { longDate } from "../lib/dates";
import { formatPercent } from "../lib/format";
import { compoundRate } from "../lib/rate";
import { FormulaError } from "./errors";
import { FORMAT } from "./formats";
import { describeFigure, findSegment, type DatasetIndex, type SegmentEntry } from "./lookup";

/** What every segment card's provider line names: refresh rebuilds only data types that carry it. */
export const ENTITY_PROVIDER = "IoMT market dataset";

export interface StringValue {
  type: "String";
  basicValue: string;
}
export interface NumberValue {
  type: "FormattedNumber";
  basicValue: number;
  numberFormat: string;
}
export interface MissingValue {
  type: "Error";
  errorType: "NotAvailable";
  basicValue: "#N/A";
}
export interface ListValue {
  type: "Array";
  elements: StringValue[][];
}
export type PropertyValue = StringValue | NumberValue | MissingValue | ListValue;

export interface CardSection {
  layout: "List";
  title: string;
  properties: string[];
  collapsible?: boolean;
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

/** The fields a user can write after a cell's reference: =A2.[2029 value], =A2.CAGR, FIELDVALUE(A2, "Share"). */
export const ENTITY_FIELDS = [
  "Name",
  "Dimension",
  "2024 value",
  "2029 value",
  "Growth",
  "CAGR",
  "CAGR stated",
  "CAGR computed",
  "Share",
  "Share stated",
  "Drivers",
  "Kind 2024",
  "Kind 2029",
  "Source 2024",
  "Source 2029",
] as const;

const text = (s: string): StringValue => ({ type: "String", basicValue: s });
const missing = (): MissingValue => ({ type: "Error", errorType: "NotAvailable", basicValue: "#N/A" });
const number = (x: number | null | undefined, numberFormat: string): NumberValue | MissingValue =>
  typeof x === "number" && Number.isFinite(x) ? { type: "FormattedNumber", basicValue: x, numberFormat } : missing();

/** The entity of one segment; an unknown name is a #N/A FormulaError, as in IOMT.VALUE. */
export function segmentEntity(index: DatasetIndex, segment: unknown): SegmentEntity {
  return entityOf(index, findSegment(index, segment));
}

/** The entity of one segment, or undefined for a name the dataset does not know (its cell gets no card). */
export function knownSegmentEntity(index: DatasetIndex, segment: unknown): SegmentEntity | undefined {
  try {
    return segmentEntity(index, segment);
  } catch (e) {
    if (e instanceof FormulaError) return undefined;
    throw e;
  }
}

export function entityOf(index: DatasetIndex, entry: SegmentEntry): SegmentEntity {
  const { info } = index.dataset;
  const { baseYear: base, forecastYear: forecast } = info;
  const name = entry.segment.name;
  const v24 = entry.values.get(base);
  const v29 = entry.values.get(forecast);
  const start = v24?.value ?? null;
  const end = v29?.value ?? null;
  const stated = entry.cagr?.kind === "reported" ? entry.cagr.value : null;
  const computed = start !== null && end !== null && start > 0 ? compoundRate(start, end, forecast - base) : null;
  const global = index.value("Global", forecast)?.value ?? null;
  const shareStated = index.share(name, "Global", forecast)?.value ?? null;
  const drivers = index.dataset.drivers.map((d) => {
    const c = index.contribution(d.name);
    return [text(`${d.name}: ${isQuantified(c) ? formatPercent(c.value) : "?"} a year`)];
  });
  const properties: Record<string, PropertyValue> = {
    Name: text(name),
    Dimension: text(entry.segment.dimension),
    "2024 value": number(start, FORMAT.usdPrecise),
    "2029 value": number(end, FORMAT.usdPrecise),
    Growth: number(start !== null && end !== null ? end - start : null, FORMAT.usdPrecise),
    CAGR: number(stated ?? computed, FORMAT.percentPrecise),
    "CAGR stated": number(stated, FORMAT.percent),
    "CAGR computed": number(computed, FORMAT.percentPrecise),
    Share: number(end !== null && global ? end / global : null, FORMAT.percentPrecise),
    "Share stated": number(shareStated, FORMAT.percent),
    Drivers: { type: "Array", elements: drivers },
    "Kind 2024": text(kindLabel(v24)),
    "Kind 2029": text(kindLabel(v29)),
    "Source 2024": text(v24 ? describeFigure(index, v24) : `The source gives no ${base} figure for ${name}.`),
    "Source 2029": text(v29 ? describeFigure(index, v29) : `The source gives no ${forecast} figure for ${name}.`),
  };
  return {
    type: "Entity",
    text: name,
    properties,
    layouts: {
      card: {
        title: { property: "Name" },
        subTitle: { property: "Dimension" },
        sections: [
          { layout: "List", title: `Market size (${info.unit})`, properties: ["2024 value", "2029 value", "Growth"] },
          { layout: "List", title: `Growth ${base}-${forecast}`, properties: ["CAGR", "CAGR stated", "CAGR computed"] },
          { layout: "List", title: `Share of the global market ${forecast}`, properties: ["Share", "Share stated"] },
          {
            layout: "List",
            title: "Growth drivers of the IoMT market",
            properties: ["Drivers"],
            collapsible: true,
            collapsed: true,
          },
          {
            layout: "List",
            title: "Where the figures come from",
            properties: ["Kind 2024", "Source 2024", "Kind 2029", "Source 2029"],
            collapsible: true,
            collapsed: true,
          },
        ],
      },
    },
    provider: {
      description: `${info.source.publisher}, ${longDate(info.source.date)}: ${ENTITY_PROVIDER} ${info.version}`,
    },
  };
}
