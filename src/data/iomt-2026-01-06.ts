/**
 * The IoMT market dataset, edition of 6 January 2026: every figure the source states, as printed, with the
 * section heading it stands under. Values are read from the printed text by the dataset builder, so a figure
 * and its locator cannot disagree. Derived figures are computed by the builder from the reported ones.
 */
import type { RawDataset, RawDerivation, RawFigure } from "./schema";

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

const reported = (f: Omit<RawFigure, "kind" | "locator">, section: string, printed: string): RawFigure => ({
  ...f,
  kind: "reported",
  locator: { section, printed },
});

/** A segment the source names without a figure: its 2029 value is kept as "not reported". */
const named = (subject: string, printed: string): RawFigure => ({
  subject,
  measure: "value",
  year: 2029,
  kind: "not reported",
  locator: { section: SECTION.segments, printed },
});

const figures: RawFigure[] = [
  // Opening paragraph: the global market and its parent markets in 2029.
  reported({ subject: "Global", measure: "value", year: 2029, qualifier: "surpass" }, SECTION.opening, "$240 billion"),
  reported({ subject: "IoT", measure: "value", year: 2029, qualifier: "about" }, SECTION.opening, "$1,116 billion"),
  reported({ subject: "Global", measure: "share", year: 2029, of: "IoT", qualifier: "about" }, SECTION.opening, "22%"),
  reported({ subject: "IT industry", measure: "value", year: 2029 }, SECTION.opening, "$12,711 billion"),
  reported(
    { subject: "Global", measure: "share", year: 2029, of: "IT industry", qualifier: "nearly" },
    SECTION.opening,
    "2%",
  ),

  // The largest region.
  reported({ subject: "North America", measure: "rank", year: 2029 }, SECTION.region, "largest region"),
  reported({ subject: "North America", measure: "value", year: 2029 }, SECTION.region, "$79,107 million"),
  reported({ subject: "North America", measure: "value", year: 2024 }, SECTION.region, "$28,454 million"),
  reported({ subject: "North America", measure: "cagr", fromYear: 2024, toYear: 2029 }, SECTION.region, "23%"),

  // The largest country.
  reported({ subject: "USA", measure: "rank", year: 2029 }, SECTION.country, "largest country"),
  reported({ subject: "USA", measure: "value", year: 2029 }, SECTION.country, "$71,006 million"),
  reported({ subject: "USA", measure: "value", year: 2024 }, SECTION.country, "$25,383 million"),
  reported({ subject: "USA", measure: "cagr", fromYear: 2024, toYear: 2029 }, SECTION.country, "23%"),

  // Segmentation by device type.
  reported({ subject: "Wearable devices", measure: "rank", year: 2029 }, SECTION.segments, "largest segment"),
  reported({ subject: "Wearable devices", measure: "share", year: 2029, of: "Global" }, SECTION.segments, "51%"),
  reported({ subject: "Wearable devices", measure: "value", year: 2029 }, SECTION.segments, "$122,211 million"),
  named("Stationary devices", "stationary devices"),
  named("Implantable devices", "implantable devices"),
  named("Other devices", "other devices"),

  // Segmentation by application.
  reported({ subject: "Real-time monitoring", measure: "rank", year: 2029 }, SECTION.segments, "largest segment"),
  reported({ subject: "Real-time monitoring", measure: "share", year: 2029, of: "Global" }, SECTION.segments, "35%"),
  reported({ subject: "Real-time monitoring", measure: "value", year: 2029 }, SECTION.segments, "$82,924 million"),
  named("Data assortment and analysis", "data assortment and analysis"),
  named("Remote medical assistance", "remote medical assistance"),
  named("Tracking and alerts", "tracking and alerts"),
  named("Other applications", "other applications"),

  // Segmentation by end user.
  reported({ subject: "Healthcare providers", measure: "rank", year: 2029 }, SECTION.segments, "largest segment"),
  reported({ subject: "Healthcare providers", measure: "share", year: 2029, of: "Global" }, SECTION.segments, "54%"),
  reported({ subject: "Healthcare providers", measure: "value", year: 2029 }, SECTION.segments, "$130,121 million"),
  named("Patients", "patients"),
  named("Government authorities", "government authorities"),
  named("Other end users", "other end users"),

  // The global growth rate.
  reported(
    {
      subject: "Global",
      measure: "cagr",
      fromYear: 2024,
      toYear: 2029,
      note: "The source states the rate 'leading up to 2029'; the dataset reads it over the source's forecast period, 2024 to 2029.",
    },
    SECTION.cagr,
    "25%",
  ),

  // Growth drivers: contribution to annual growth.
  reported({ subject: "Remote patient monitoring", measure: "contribution" }, SECTION.drivers, "1.5%"),
  reported({ subject: "Connected medical devices", measure: "contribution" }, SECTION.drivers, "1.2%"),
  reported({ subject: "Telehealth", measure: "contribution" }, SECTION.drivers, "0.7%"),
  reported({ subject: "Preventive healthcare", measure: "contribution" }, SECTION.drivers, "0.5%"),

  // Growth opportunities: absolute growth 2024 to 2029, and their stated sum.
  reported(
    { subject: "Wearable devices", measure: "growth", fromYear: 2024, toYear: 2029 },
    SECTION.opportunities,
    "$89,809 million",
  ),
  reported(
    { subject: "Healthcare providers", measure: "growth", fromYear: 2024, toYear: 2029 },
    SECTION.opportunities,
    "$89,308 million",
  ),
  reported(
    {
      subject: "Real-time monitoring",
      measure: "growth",
      fromYear: 2024,
      toYear: 2029,
      note: "The source names this opportunity 'IoMT-enabled real-time healthcare monitoring'.",
    },
    SECTION.opportunities,
    "$55,341 million",
  ),
  reported(
    { subject: OPPORTUNITIES, measure: "growth", fromYear: 2024, toYear: 2029, qualifier: "over" },
    SECTION.opportunities,
    "$234 billion",
  ),
];

const derivations: RawDerivation[] = [
  { subject: "Global", measure: "value", year: 2024, method: "discount" },
  { subject: "Wearable devices", measure: "value", year: 2024, method: "difference" },
  { subject: "Real-time monitoring", measure: "value", year: 2024, method: "difference" },
  { subject: "Healthcare providers", measure: "value", year: 2024, method: "difference" },
  { subject: "Global", measure: "growth", fromYear: 2024, toYear: 2029, method: "growth" },
  { subject: "North America", measure: "growth", fromYear: 2024, toYear: 2029, method: "growth" },
  { subject: "USA", measure: "growth", fromYear: 2024, toYear: 2029, method: "growth" },
  { subject: "Wearable devices", measure: "cagr", fromYear: 2024, toYear: 2029, method: "cagr" },
  { subject: "Real-time monitoring", measure: "cagr", fromYear: 2024, toYear: 2029, method: "cagr" },
  { subject: "Healthcare providers", measure: "cagr", fromYear: 2024, toYear: 2029, method: "cagr" },
];

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
    {
      name: "Global",
      dimension: "market",
      aliases: ["World", "Total", "IoMT", "Internet of Medical Things", "Global market"],
      description: "Global IoMT market",
    },
    {
      name: "IoT",
      dimension: "market",
      aliases: ["Internet of Things", "IoT market"],
      description: "IoT market, the parent market of IoMT",
    },
    {
      name: "IT industry",
      dimension: "market",
      aliases: ["IT", "Information technology", "Information technology industry"],
      description: "Information technology industry",
    },
    { name: "North America", dimension: "region", aliases: ["NA", "N. America"], description: "Largest region" },
    {
      name: "USA",
      dimension: "country",
      aliases: ["US", "U.S.", "U.S.A.", "United States", "United States of America"],
      description: "Largest country",
    },
    {
      name: "Wearable devices",
      dimension: "device type",
      aliases: ["Wearables", "Wearable"],
      description: "Device type",
    },
    { name: "Stationary devices", dimension: "device type", aliases: ["Stationary"], description: "Device type" },
    {
      name: "Implantable devices",
      dimension: "device type",
      aliases: ["Implantables", "Implantable"],
      description: "Device type",
    },
    { name: "Other devices", dimension: "device type", aliases: [], description: "Device type" },
    {
      name: "Data assortment and analysis",
      dimension: "application",
      aliases: ["Data analysis", "Data assortment"],
      description: "Application",
    },
    {
      name: "Real-time monitoring",
      dimension: "application",
      aliases: ["Realtime monitoring", "Real-time healthcare monitoring", "RTM"],
      description: "Application",
    },
    { name: "Remote medical assistance", dimension: "application", aliases: [], description: "Application" },
    {
      name: "Tracking and alerts",
      dimension: "application",
      aliases: ["Tracking", "Alerts"],
      description: "Application",
    },
    { name: "Other applications", dimension: "application", aliases: [], description: "Application" },
    { name: "Healthcare providers", dimension: "end user", aliases: ["Providers"], description: "End user" },
    { name: "Patients", dimension: "end user", aliases: [], description: "End user" },
    { name: "Government authorities", dimension: "end user", aliases: ["Government"], description: "End user" },
    { name: "Other end users", dimension: "end user", aliases: [], description: "End user" },
  ],
  drivers: [
    {
      name: "Remote patient monitoring",
      title: "Growing Adoption of Remote Patient Monitoring",
      aliases: ["RPM", "Remote monitoring"],
    },
    {
      name: "Connected medical devices",
      title: "Increasing Use Of Connected Medical Devices",
      aliases: ["Connected devices"],
    },
    { name: "Telehealth", title: "Rise In Telehealth", aliases: ["Telemedicine"] },
    {
      name: "Preventive healthcare",
      title: "Increased Focus On Preventive Healthcare",
      aliases: ["Preventive care", "Prevention"],
    },
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
