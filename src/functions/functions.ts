/**
 * The IOMT.* custom functions. Each one is a thin wrapper over a pure function of the core with its own `try`,
 * whose `catch` is the same funnel for all (`excelError`, ./run.ts), so they treat arguments and errors alike; its
 * result goes to Excel through `numberCell`, `textCell` or `arrayCells`. Metadata (functions.json) is generated
 * from these JSDoc comments at build time.
 */
import {
  cagr as coreCagr,
  impliedTotal as coreImpliedTotal,
  project as coreProject,
  share as coreShare,
  driverContribution as coreDriver,
  segmentGrowth as coreGrowth,
  segmentNames as coreSegments,
  segmentRate as coreRate,
  segmentSeries as coreSeries,
  segmentSource as coreSource,
  segmentValue as coreValue,
  segmentEntity,
  notAvailable,
  valueError,
} from "../core/functions";
import { bundledIndex } from "../data/bundled-dataset";
import type { DatasetIndex } from "../data/dataset-index";
import { OFFICE_READY_TIMEOUT_MS, officeReady, supportsEntities } from "./office-ready";
import { arrayCells, excelError, keptTextRows, numberCell, runArray, runEntity, runLoaded, textCell } from "./run";

/*
 * What every call uses, bound once when the script loads: webpack reads an imported name through its module's
 * exports object on every use, and in the shipped bundle those objects are in V8's slow dictionary mode (many
 * modules define a getter under the same short export name), which cost a call several times its work. A constant
 * of this module is a plain call that V8 inlines.
 */
const cagrOf = coreCagr;
const projectOf = coreProject;
const shareOf = coreShare;
const impliedTotalOf = coreImpliedTotal;
const valueOf = coreValue;
const rateOf = coreRate;
const growthOf = coreGrowth;
const seriesOf = coreSeries;
const segmentsOf = coreSegments;
const driverOf = coreDriver;
const sourceOf = coreSource;

/**
 * The bundled dataset's index, built on the first call rather than when the page loads (the pane's time to ready).
 */
let built: DatasetIndex | undefined;
const theIndex = (): DatasetIndex => built ?? (built = bundledIndex());

/**
 * Other publishers' estimates, a second dataset few calls need, and what builds the cards that show their range: a
 * separate chunk (estimates.js, one of the add-in's own files, served beside functions.js; ./estimates-chunk.ts) that
 * webpack loads on first use. A load that fails is #N/A with the reason; the next call tries again.
 */
const withPublishers = <T>(fn: (p: typeof import("./estimates-chunk")) => T): Promise<T> =>
  runLoaded(() => import(/* webpackChunkName: "estimates" */ "./estimates-chunk"), "Other publishers' estimates", fn);

/*
 * Custom enums (@customenum): Excel's AutoComplete offers their values for the parameters typed with them
 * (Microsoft, "Create custom enums for your custom functions"). The metadata generator reads each value from its
 * literal, so the values are written here; tests/build/functions-metadata.test.ts checks them against the dataset.
 * A parameter typed with an enum still receives whatever the analyst types (an Excel without enum support treats it
 * as a plain parameter), and the lookups match it as before: aliases, any case, and clear errors.
 */

/**
 * The dataset's segments (a member's comment is its dimension).
 * @customenum {string}
 */
const enum Segment {
  /** market */
  Global = "Global",
  /** market */
  IoT = "IoT",
  /** market */
  IT_industry = "IT industry",
  /** region */
  North_America = "North America",
  /** country */
  USA = "USA",
  /** device type */
  Wearable_devices = "Wearable devices",
  /** device type */
  Stationary_devices = "Stationary devices",
  /** device type */
  Implantable_devices = "Implantable devices",
  /** device type */
  Other_devices = "Other devices",
  /** application */
  Data_assortment_and_analysis = "Data assortment and analysis",
  /** application */
  Real_time_monitoring = "Real-time monitoring",
  /** application */
  Remote_medical_assistance = "Remote medical assistance",
  /** application */
  Tracking_and_alerts = "Tracking and alerts",
  /** application */
  Other_applications = "Other applications",
  /** end user */
  Healthcare_providers = "Healthcare providers",
  /** end user */
  Patients = "Patients",
  /** end user */
  Government_authorities = "Government authorities",
  /** end user */
  Other_end_users = "Other end users",
}

/**
 * The dimensions of the segments.
 * @customenum {string}
 */
const enum Dimension {
  /** Global, IoT, IT industry */
  market = "market",
  /** North America */
  region = "region",
  /** USA */
  country = "country",
  /** Wearable, stationary, implantable and other devices */
  device_type = "device type",
  /** Monitoring, analysis, assistance, tracking and other applications */
  application = "application",
  /** Healthcare providers, patients, government authorities and other end users */
  end_user = "end user",
}

/**
 * The growth drivers the press release names.
 * @customenum {string}
 */
const enum Driver {
  /** Growing adoption of remote patient monitoring */
  Remote_patient_monitoring = "Remote patient monitoring",
  /** Increasing use of connected medical devices */
  Connected_medical_devices = "Connected medical devices",
  /** Rise in telehealth */
  Telehealth = "Telehealth",
  /** Increased focus on preventive healthcare */
  Preventive_healthcare = "Preventive healthcare",
}

/**
 * The dataset's years, from its base year to its forecast year.
 * @customenum {number}
 */
const enum Year {
  /** base year, reported */
  Y2024 = 2024,
  /** estimated by constant growth */
  Y2025 = 2025,
  /** estimated by constant growth */
  Y2026 = 2026,
  /** estimated by constant growth */
  Y2027 = 2027,
  /** estimated by constant growth */
  Y2028 = 2028,
  /** forecast year, reported */
  Y2029 = 2029,
}

/**
 * Compound annual growth rate between two values: (end / start)^(1 / years) - 1, as Excel's RRI.
 * @customfunction
 * @param start_value Value at the start (greater than 0).
 * @param end_value Value at the end (0 or more).
 * @param years Number of years between them (greater than 0).
 * @returns The growth rate as a fraction (0.25 = 25%).
 */
export function cagr(start_value: number, end_value: number, years: number): number {
  try {
    return numberCell(cagrOf(start_value, end_value, years));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * A value grown at a constant annual rate: value * (1 + rate)^years.
 * @customfunction
 * @param value Starting value, e.g. USD million.
 * @param rate Annual growth rate as a fraction (greater than -1).
 * @param years Number of years (may be negative or fractional).
 * @returns The projected value.
 */
export function project(value: number, rate: number, years: number): number {
  try {
    return numberCell(projectOf(value, rate, years));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * Each value's share of a total; a range spills a range of the same shape.
 * @customfunction
 * @param values One cell or a range of values.
 * @param [total] The whole; without it, the sum of the numbers in values.
 * @returns Shares as fractions, in the shape of values.
 */
export function share(values: any[][], total?: number): any[][] {
  try {
    return arrayCells(shareOf(values, total));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * The total that a segment's value and its stated share imply: part / share.
 * @customfunction
 * @param part The segment's value.
 * @param share The segment's share as a fraction (greater than 0, at most 1).
 * @returns The implied total.
 */
export function impliedTotal(part: number, share: number): number {
  try {
    return numberCell(impliedTotalOf(part, share));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * Market size of an IoMT segment in a year, USD million (2025 to 2028 estimated by constant growth).
 * @customfunction
 * @param segment Segment name, e.g. "North America", "USA", "Wearable devices", "Global".
 * @param [year] Year from 2024 to 2029; 2029 if omitted.
 * @returns Market size in USD million.
 */
export function value(segment: Segment, year?: Year): number {
  try {
    return numberCell(valueOf(theIndex(), segment, year));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * Compound annual growth rate of a segment from 2024 to 2029: stated where the source states it, else computed.
 * @customfunction
 * @param segment Segment name, e.g. "North America".
 * @returns The growth rate as a fraction (0.23 = 23%).
 */
export function rate(segment: Segment): number {
  try {
    return numberCell(rateOf(theIndex(), segment));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * Absolute growth of a segment from 2024 to 2029, USD million.
 * @customfunction
 * @param segment Segment name, e.g. "Wearable devices".
 * @returns Growth in USD million.
 */
export function growth(segment: Segment): number {
  try {
    return numberCell(growthOf(theIndex(), segment));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * Year and market size of a segment, one row per year; spills two columns.
 * @customfunction
 * @param segment Segment name, e.g. "USA".
 * @param [from_year] First year, 2024 if omitted.
 * @param [to_year] Last year, 2029 if omitted.
 * @returns Rows of year and value in USD million.
 */
export function series(segment: Segment, from_year?: Year, to_year?: Year): any[][] {
  try {
    return arrayCells(seriesOf(theIndex(), segment, from_year, to_year));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * Segment names of a dimension, as a spilled column (for data-validation lists).
 * @customfunction
 * @param [dimension] market, region, country, device type, application or end user; all segments if omitted.
 * @returns A column of segment names.
 */
export function segments(dimension?: Dimension): any[][] {
  try {
    return keptTextRows(segmentsOf(theIndex(), dimension));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * A growth driver's stated contribution to the market's annual growth.
 * @customfunction
 * @param name Driver name, e.g. "Remote patient monitoring", "Telehealth".
 * @returns Contribution as a fraction (0.015 = 1.5 percentage points a year).
 */
export function driver(name: Driver): number {
  try {
    return numberCell(driverOf(theIndex(), name));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * Where a segment's figure comes from: publisher and date, section, figure as printed, and its kind.
 * @customfunction
 * @param segment Segment name, e.g. "Wearable devices".
 * @param [year] Year from 2024 to 2029; 2029 if omitted.
 * @returns One line of text.
 */
export function source(segment: Segment, year?: Year): string {
  try {
    return textCell(sourceOf(theIndex(), segment, year));
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * Other publishers' estimates of the global IoMT market in a year, one row per publisher: publisher, USD million
 * (blank where its figures cannot reach the year), kind (printed, extrapolated by its own CAGR, or none), source.
 * @customfunction
 * @param [year] A year from 2012 to 2034; 2029 if omitted.
 * @returns Rows of publisher, value, kind and source (the page's address and the arithmetic or the reason).
 */
export function estimates(year?: number): Promise<any[][]> {
  return withPublishers((p) => runArray(() => p.estimatesOf(year)));
}

/**
 * The range of other publishers' estimates of the global IoMT market in a year: low, median, high, publishers.
 * @customfunction
 * @param [year] A year from 2012 to 2034; 2029 if omitted.
 * @returns One row: low, median and high in USD million, and the number of publishers with a value.
 */
export function range(year?: number): Promise<any[][]> {
  return withPublishers((p) => runArray(() => p.rangeOf(year)));
}

/**
 * A segment as a data type: the cell shows a card; =A1.[2029 value], =A1.CAGR and FIELDVALUE(A1, "Share") read its fields.
 * @customfunction
 * @param segment Segment name, e.g. "North America", "Wearable devices".
 * @returns The segment's data type (entity).
 */
export async function entity(segment: Segment): Promise<any> {
  const ready = await officeReady(OFFICE_READY_TIMEOUT_MS);
  // refused before anything loads: the card needs Office ready and an Excel that shows data types
  const refused = !ready
    ? notAvailable(
        `Office did not become ready within ${OFFICE_READY_TIMEOUT_MS / 1000} s, so IOMT.ENTITY cannot tell whether this Excel supports data types; recalculate (Ctrl+Alt+F9) once the add-in has loaded.`,
      )
    : !supportsEntities()
      ? valueError(
          "IOMT.ENTITY needs an Excel that supports data types from functions (CustomFunctionsRuntime 1.4); use IOMT.VALUE, IOMT.RATE and IOMT.SOURCE instead.",
        )
      : undefined;
  if (refused)
    return runEntity<object>(() => {
      throw refused;
    });
  return withPublishers((p) => runEntity(() => segmentEntity(theIndex(), segment, p.rangeAt)));
}

/**
 * The load service of the segment cards' linked data type (ExcelApi 1.19, Windows and Mac): Excel calls it, not a
 * formula, for the cards of linked segment cells, on demand and at Data > Refresh All, and gets them from the bundled dataset.
 * @customfunction
 * @linkedEntityLoadService
 * @param request Excel's request: the data domain and the segments' ids and cultures.
 * @returns The requested segments' cards, in the order requested.
 */
export function segmentCards(request: any): Promise<any> {
  return withPublishers((p) => runEntity(() => p.cardsOf(theIndex(), request)));
}
