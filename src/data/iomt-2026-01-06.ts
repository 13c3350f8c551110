/**
 * The IoMT market dataset, edition of 6 January 2026: every figure the source states, as printed, with the
 * section heading it stands under. Values are read from the printed text by the dataset builder, so a figure
 * and its locator cannot disagree. Derived figures are computed by the builder from the reported ones.
 */
import type { Dimension, Driver, FigureKey, RawDataset, RawDerivation, RawFigure, Segment } from "./schema";

/** Section headings of the source, as printed. The opening paragraph stands under no heading. */
export const SECTION = {
  opening: "(opening paragraph)",
  region: "Which Will Be the Biggest Region in the Internet Of Medical Things (IoMT) Market in 2029",
  country: "Which Will Be The Largest Country In The Global Internet Of Medical Things (IoMT) Market In 2029?",
  segments: "What will be Largest Segment in the Internet Of Medical Things (IoMT) Market in 2029?",
  cagr: "What is the expected CAGR for the Internet Of Medical Things (IoMT) Market leading up to 2029?",
  drivers:
    "What Will Be The Growth Driving Factors In The Global Internet Of Medical Things (IoMT) Market In The Forecast Period?",
  opportunities: "What Are The Key Growth Opportunities In The Internet Of Medical Things (IoMT) Market in 2029?",
} as const;

const OPPORTUNITIES = "Top growth opportunities";

/** The release's base and forecast years: values stand in one of them, rates and growth span both. */
const BASE = 2024;
const FORECAST = 2029;

type Extra = Pick<RawFigure, "qualifier" | "note">;

/** A figure the source prints: what it is, the section heading it stands under, and its printed text. */
const reported = (key: FigureKey, section: string, printed: string, extra?: Extra): RawFigure =>
  // one Object.assign rather than spreads, which the ES2017 build would nest
  Object.assign({}, key, extra, { kind: "reported" as const, locator: { section, printed } });

/** A segment's value in a year. */
const value = (subject: string, year: number, section: string, printed: string, extra?: Extra) =>
  reported({ subject, measure: "value", year }, section, printed, extra);
/** A segment's share of a whole in the forecast year. */
const share = (subject: string, of: string, section: string, printed: string, extra?: Extra) =>
  reported({ subject, measure: "share", year: FORECAST, of }, section, printed, extra);
/** A segment's rank in the forecast year ("largest region"). */
const rank = (subject: string, section: string, printed: string) =>
  reported({ subject, measure: "rank", year: FORECAST }, section, printed);
/** A segment's CAGR from the base year to the forecast year. */
const rate = (subject: string, section: string, printed: string, extra?: Extra) =>
  reported({ subject, measure: "cagr", fromYear: BASE, toYear: FORECAST }, section, printed, extra);
/** A segment's absolute growth from the base year to the forecast year. */
const growth = (subject: string, printed: string, extra?: Extra) =>
  reported({ subject, measure: "growth", fromYear: BASE, toYear: FORECAST }, SECTION.opportunities, printed, extra);
/** A growth driver's contribution to annual growth. */
const contribution = (subject: string, printed: string) =>
  reported({ subject, measure: "contribution" }, SECTION.drivers, printed);

/**
 * A segment the source names without a figure: its forecast-year value is kept as "not reported". The source
 * prints each such name as the dataset spells it, in lower case.
 */
const named = (subject: string, printed = subject.toLowerCase()): RawFigure => ({
  subject,
  measure: "value",
  year: FORECAST,
  kind: "not reported",
  locator: { section: SECTION.segments, printed },
});

const figures: RawFigure[] = [
  // Opening paragraph: the global market and its parent markets in 2029.
  value("Global", 2029, SECTION.opening, "$240 billion", { qualifier: "surpass" }),
  value("IoT", 2029, SECTION.opening, "$1,116 billion", { qualifier: "about" }),
  share("Global", "IoT", SECTION.opening, "22%", { qualifier: "about" }),
  value("IT industry", 2029, SECTION.opening, "$12,711 billion"),
  share("Global", "IT industry", SECTION.opening, "2%", { qualifier: "nearly" }),

  // The largest region.
  rank("North America", SECTION.region, "largest region"),
  value("North America", 2029, SECTION.region, "$79,107 million"),
  value("North America", 2024, SECTION.region, "$28,454 million"),
  rate("North America", SECTION.region, "23%"),

  // The largest country.
  rank("USA", SECTION.country, "largest country"),
  value("USA", 2029, SECTION.country, "$71,006 million"),
  value("USA", 2024, SECTION.country, "$25,383 million"),
  rate("USA", SECTION.country, "23%"),

  // Segmentation by device type.
  rank("Wearable devices", SECTION.segments, "largest segment"),
  share("Wearable devices", "Global", SECTION.segments, "51%"),
  value("Wearable devices", 2029, SECTION.segments, "$122,211 million"),
  named("Stationary devices"),
  named("Implantable devices"),
  named("Other devices"),

  // Segmentation by application.
  rank("Real-time monitoring", SECTION.segments, "largest segment"),
  share("Real-time monitoring", "Global", SECTION.segments, "35%"),
  value("Real-time monitoring", 2029, SECTION.segments, "$82,924 million"),
  named("Data assortment and analysis"),
  named("Remote medical assistance"),
  named("Tracking and alerts"),
  named("Other applications"),

  // Segmentation by end user.
  rank("Healthcare providers", SECTION.segments, "largest segment"),
  share("Healthcare providers", "Global", SECTION.segments, "54%"),
  value("Healthcare providers", 2029, SECTION.segments, "$130,121 million"),
  named("Patients"),
  named("Government authorities"),
  named("Other end users"),

  // The global growth rate.
  rate("Global", SECTION.cagr, "25%", {
    note: "The source states the rate 'leading up to 2029'; the dataset reads it over the source's forecast period, 2024 to 2029.",
  }),

  // Growth drivers: contribution to annual growth.
  contribution("Remote patient monitoring", "1.5%"),
  contribution("Connected medical devices", "1.2%"),
  contribution("Telehealth", "0.7%"),
  contribution("Preventive healthcare", "0.5%"),

  // Growth opportunities: absolute growth 2024 to 2029, and their stated sum.
  growth("Wearable devices", "$89,809 million"),
  growth("Healthcare providers", "$89,308 million"),
  growth("Real-time monitoring", "$55,341 million", {
    note: "The source names this opportunity 'IoMT-enabled real-time healthcare monitoring'.",
  }),
  growth(OPPORTUNITIES, "$234 billion", { qualifier: "over" }),
];

/**
 * A figure the builder computes: a base-year value, or a growth or CAGR over the release's span (a growth or a
 * CAGR by the method of its name).
 */
const derived = (
  subject: string,
  measure: "value" | "growth" | "cagr",
  method = measure as RawDerivation["method"],
): RawDerivation =>
  measure === "value"
    ? { subject, measure, year: BASE, method }
    : { subject, measure, fromYear: BASE, toYear: FORECAST, method };

const derivations: RawDerivation[] = [
  derived("Global", "value", "discount"),
  derived("Wearable devices", "value", "difference"),
  derived("Real-time monitoring", "value", "difference"),
  derived("Healthcare providers", "value", "difference"),
  derived("Global", "growth"),
  derived("North America", "growth"),
  derived("USA", "growth"),
  derived("Wearable devices", "cagr"),
  derived("Real-time monitoring", "cagr"),
  derived("Healthcare providers", "cagr"),
];

/** A segment: its canonical name, its dimension, and the other names a user may type. */
const segment = (name: string, dimension: Dimension, aliases: string[] = []): Segment => ({ name, dimension, aliases });

/** A growth driver: the name users type, its heading as printed, and other names. */
const driver = (name: string, title: string, aliases: string[]): Driver => ({ name, title, aliases });

export const IOMT_2026_01_06: RawDataset = {
  info: {
    id: "iomt-market",
    title: "Internet of Medical Things (IoMT) Market",
    version: "1.0.0",
    edition: "2026-01-06",
    unit: "USD million",
    baseYear: 2024,
    forecastYear: 2029,
    source: {
      publisher: "EINPresswire",
      dateline: "London, Greater London, United Kingdom",
      date: "2026-01-06",
      headline: "Internet Of Medical Things (IoMT) Market to Surpass $240 billion in 2029",
      file: "iomt-market-press-release-2026-01-06.txt",
    },
  },
  segments: [
    segment("Global", "market", ["World", "Total", "IoMT", "Internet of Medical Things", "Global market"]),
    segment("IoT", "market", ["Internet of Things", "IoT market"]),
    segment("IT industry", "market", ["IT", "Information technology", "Information technology industry"]),
    segment("North America", "region", ["NA", "N. America"]),
    segment("USA", "country", ["US", "U.S.", "U.S.A.", "United States", "United States of America"]),
    segment("Wearable devices", "device type", ["Wearables", "Wearable"]),
    segment("Stationary devices", "device type", ["Stationary"]),
    segment("Implantable devices", "device type", ["Implantables", "Implantable"]),
    segment("Other devices", "device type"),
    segment("Data assortment and analysis", "application", ["Data analysis", "Data assortment"]),
    segment("Real-time monitoring", "application", ["Realtime monitoring", "Real-time healthcare monitoring", "RTM"]),
    segment("Remote medical assistance", "application"),
    segment("Tracking and alerts", "application", ["Tracking", "Alerts"]),
    segment("Other applications", "application"),
    segment("Healthcare providers", "end user", ["Providers"]),
    segment("Patients", "end user"),
    segment("Government authorities", "end user", ["Government"]),
    segment("Other end users", "end user"),
  ],
  drivers: [
    driver("Remote patient monitoring", "Growing Adoption of Remote Patient Monitoring", ["RPM", "Remote monitoring"]),
    driver("Connected medical devices", "Increasing Use Of Connected Medical Devices", ["Connected devices"]),
    driver("Telehealth", "Rise In Telehealth", ["Telemedicine"]),
    driver("Preventive healthcare", "Increased Focus On Preventive Healthcare", ["Preventive care", "Prevention"]),
  ],
  opportunities: [
    { name: "IoMT-enabled wearable devices", segment: "Wearable devices" },
    { name: "IoMT-enabled healthcare providers", segment: "Healthcare providers" },
    { name: "IoMT-enabled real-time healthcare monitoring", segment: "Real-time monitoring" },
  ],
  opportunitiesSubject: OPPORTUNITIES,
  figures,
  derivations,
};
