/**
 * The sheet plan: which Excel tables the dataset becomes, with their names, headers, values, number
 * formats, live formulas, sheets and charts. Pure: the task pane's writer and the .xlsx export both apply it.
 */
import type { ConsistencyCheck } from "../data/checks";
import { figureId } from "../data/build";
import type { Dataset, Dimension, Figure } from "../data/schema";
import { longDate } from "../lib/dates";
import { describeFigure, type DatasetIndex } from "./lookup";
import type { DatasetStamp } from "./edition";
import { FORMAT } from "./formats";

export { FORMAT } from "./formats";

export type SectionId =
  | "overview"
  | "regions"
  | "deviceTypes"
  | "applications"
  | "endUsers"
  | "drivers"
  | "opportunities"
  | "checks"
  | "about";

export interface SectionInfo {
  id: SectionId;
  label: string;
  tableName: string;
  sheetName: string;
}

export const SECTIONS: readonly SectionInfo[] = [
  { id: "overview", label: "Overview", tableName: "IoMT_Overview", sheetName: "IoMT Overview" },
  { id: "regions", label: "Regions and countries", tableName: "IoMT_Regions", sheetName: "IoMT Regions" },
  { id: "deviceTypes", label: "Device types", tableName: "IoMT_DeviceTypes", sheetName: "IoMT Device types" },
  { id: "applications", label: "Applications", tableName: "IoMT_Applications", sheetName: "IoMT Applications" },
  { id: "endUsers", label: "End users", tableName: "IoMT_EndUsers", sheetName: "IoMT End users" },
  { id: "drivers", label: "Growth drivers", tableName: "IoMT_Drivers", sheetName: "IoMT Drivers" },
  { id: "opportunities", label: "Growth opportunities", tableName: "IoMT_Opportunities", sheetName: "IoMT Opportunities" },
  { id: "checks", label: "Consistency checks", tableName: "IoMT_Checks", sheetName: "IoMT Checks" },
  { id: "about", label: "About", tableName: "IoMT_About", sheetName: "IoMT About" },
];

export const ONE_SHEET_NAME = "IoMT Data";

export type FormulaStyle = "native" | "iomt";
export type Placement = "sheet-per-section" | "one-sheet";

export interface PlanOptions {
  sections: readonly SectionId[];
  placement: Placement;
  formulas: FormulaStyle;
  charts: boolean;
  /** segment names as Excel data types (entity values with a card) instead of text, where Excel supports them */
  dataTypes?: boolean;
}

export const DEFAULT_OPTIONS: PlanOptions = {
  sections: SECTIONS.map((s) => s.id),
  placement: "sheet-per-section",
  formulas: "native",
  charts: false,
};

/** A cell of the plan: a number, text ("" is blank) or a formula (text starting with "="). */
export type PlanCell = number | string;

export interface ColumnPlan {
  header: string;
  numberFormat: string;
  /** column width in characters, for sizing */
  width: number;
  /** a live formula column */
  formula: boolean;
}

export interface ChartPlan {
  type: "ColumnClustered" | "BarClustered";
  title: string;
  /** the category column and the value columns: the first `columns` columns of the table */
  columns: number;
}

export interface TablePlan {
  section: SectionId;
  tableName: string;
  title: string;
  columns: readonly ColumnPlan[];
  /** data rows; the first column is the key that refresh matches rows by */
  rows: readonly PlanCell[][];
  /** per-cell number formats (rows × columns) */
  numberFormats: readonly string[][];
  chart?: ChartPlan;
  /** the first column holds segment names, written as data types (entities) when the options ask for them */
  segmentKeys: boolean;
  /** write the segment names as data types */
  dataTypes: boolean;
}

export interface PlacedTable {
  table: TablePlan;
  /** 0-based row of the title cell; the header row is two rows below, the data follow */
  titleRow: number;
  headerRow: number;
}

export interface SheetPlan {
  name: string;
  tables: readonly PlacedTable[];
  /** rows to freeze (the header of a sheet's only table), 0 for none */
  freezeRows: number;
}

export interface Plan {
  options: PlanOptions;
  sheets: readonly SheetPlan[];
  tables: readonly TablePlan[];
  stamp: DatasetStamp;
}

export { STAMP_KEYS, type DatasetStamp } from "./edition";

/** Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ], unique without regard to case. */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const base = wanted.replace(/[:\\/?*[\]]/g, " ").slice(0, 31).trim() || "IoMT";
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}

const escapeHeader = (header: string): string => header.replace(/(['#[\]])/g, "'$1");

/** A structured reference to a column in the same row: Table[[#This Row],[Column]] (Excel and LibreOffice read it). */
export function thisRow(tableName: string, header: string): string {
  return `${tableName}[[#This Row],[${escapeHeader(header)}]]`;
}

/** A structured reference to a whole column, bracketed twice so that headers with spaces or signs work: Table[[Column]]. */
export function wholeColumn(tableName: string, header: string): string {
  return `${tableName}[[${escapeHeader(header)}]]`;
}

const col = (header: string, numberFormat: string, width: number, formula = false): ColumnPlan => ({ header, numberFormat, width, formula });

/** Builds the rows and formats of every section from the dataset; `options` choose sections and formula style. */
export function planSections(index: DatasetIndex, checks: readonly ConsistencyCheck[], options: PlanOptions): TablePlan[] {
  const { dataset } = index;
  const builders: Record<SectionId, () => TablePlan> = {
    overview: () => overviewTable(index, options.formulas),
    regions: () => segmentTable(index, "regions", ["region", "country"], options),
    deviceTypes: () => segmentTable(index, "deviceTypes", ["device type"], options),
    applications: () => segmentTable(index, "applications", ["application"], options),
    endUsers: () => segmentTable(index, "endUsers", ["end user"], options),
    drivers: () => driversTable(index, options),
    opportunities: () => opportunitiesTable(index, options),
    checks: () => checksTable(checks),
    about: () => aboutTable(dataset),
  };
  const chosen = new Set(options.sections);
  return SECTIONS.filter((s) => chosen.has(s.id)).map((s) => {
    const t = builders[s.id]();
    return { ...t, dataTypes: t.segmentKeys && !!options.dataTypes };
  });
}

/**
 * The whole plan: sections placed on sheets. `takenSheetNames` are the workbook's sheets (new sheets get
 * unique names); `skipTables` are tables already in the workbook (insert leaves them to refresh).
 */
export function planWorkbook(
  index: DatasetIndex,
  checks: readonly ConsistencyCheck[],
  options: PlanOptions,
  takenSheetNames: Iterable<string> = [],
  skipTables: Iterable<string> = [],
): Plan {
  const skip = new Set([...skipTables].map((n) => n.toLowerCase()));
  const tables = planSections(index, checks, options).filter((t) => !skip.has(t.tableName.toLowerCase()));
  const taken = new Set(takenSheetNames);
  const sheets: SheetPlan[] = [];
  const newSheet = (wanted: string): string => {
    const name = uniqueSheetName(wanted, taken);
    taken.add(name);
    return name;
  };
  if (options.placement === "one-sheet") {
    if (tables.length) {
      let row = 0;
      const placed = tables.map((table) => {
        const p = { table, titleRow: row, headerRow: row + 2 };
        row += 2 + 1 + table.rows.length + 2;
        return p;
      });
      sheets.push({ name: newSheet(ONE_SHEET_NAME), tables: placed, freezeRows: 0 });
    }
  } else {
    for (const table of tables) {
      const info = SECTIONS.find((s) => s.id === table.section)!;
      sheets.push({ name: newSheet(info.sheetName), tables: [{ table, titleRow: 0, headerRow: 2 }], freezeRows: 3 });
    }
  }
  return { options, sheets, tables, stamp: { version: index.dataset.info.version, edition: index.dataset.info.edition } };
}

/** The line under each table's title: where the figures come from and their unit. */
export function sourceLine(dataset: Dataset): string {
  const s = dataset.info.source;
  return `Source: ${s.publisher}, ${longDate(s.date)}. ${dataset.info.unit}; rates as percentages. Dataset ${dataset.info.version}, edition ${dataset.info.edition}.`;
}

const kindLabel = (f: Figure | undefined): string =>
  !f ? "" : f.kind === "not reported" ? "not quantified" : f.kind;

function figureOf(index: DatasetIndex, id: string): Figure | undefined {
  return index.figures.get(id);
}

const numberOrBlank = (f: Figure | undefined): PlanCell => (f && f.value !== null ? f.value : "");

/** CAGR between the row's 2024 and 2029 cells, blank when either is blank. */
function cagrFormula(r: (header: string) => string, years: number, style: FormulaStyle): string {
  const [a, b] = [r("2024"), r("2029")];
  return ifBlank([a, b], style === "iomt" ? `IOMT.CAGR(${a},${b},${years})` : `RRI(${years},${a},${b})`);
}

function ifBlank(refs: string[], expression: string): string {
  return `=IF(OR(${refs.map((r) => `${r}=""`).join(",")}),"",${expression})`;
}

function formatsFor(columns: readonly ColumnPlan[], rows: readonly PlanCell[][]): string[][] {
  return rows.map(() => columns.map((c) => c.numberFormat));
}

const SEGMENT_SECTIONS: readonly SectionId[] = ["overview", "regions", "deviceTypes", "applications", "endUsers"];

function table(section: SectionId, columns: ColumnPlan[], rows: PlanCell[][], chart?: ChartPlan, formats?: string[][]): TablePlan {
  const info = SECTIONS.find((s) => s.id === section)!;
  return {
    section,
    tableName: info.tableName,
    title: `IoMT market: ${info.label}`,
    columns,
    rows,
    numberFormats: formats ?? formatsFor(columns, rows),
    chart,
    segmentKeys: SEGMENT_SECTIONS.includes(section),
    dataTypes: false,
  };
}

const SEGMENT_COLUMNS = [
  col("Segment", FORMAT.text, 26),
  col("2024", FORMAT.usdPrecise, 11),
  col("2029", FORMAT.usdPrecise, 11),
  col("Dimension", FORMAT.text, 12),
  col("CAGR stated", FORMAT.percent, 9),
  col("CAGR computed", FORMAT.percentPrecise, 10, true),
  col("Growth 2024-2029", FORMAT.usdPrecise, 12, true),
  col("Share stated", FORMAT.percent, 9),
  col("Global 2029", FORMAT.usdPrecise, 11),
  col("Share of global computed", FORMAT.percentPrecise, 12, true),
  col("Implied total", FORMAT.usdPrecise, 12, true),
  col("Largest", FORMAT.text, 8),
  col("Kind 2024", FORMAT.text, 12),
  col("Kind 2029", FORMAT.text, 12),
  col("Note", FORMAT.text, 28),
  col("Source 2029", FORMAT.text, 60),
];

function segmentTable(index: DatasetIndex, section: SectionId, dimensions: Dimension[], options: PlanOptions): TablePlan {
  const { dataset } = index;
  const { baseYear: base, forecastYear: forecast } = dataset.info;
  const name = SECTIONS.find((s) => s.id === section)!.tableName;
  const r = (h: string) => thisRow(name, h);
  const iomt = options.formulas === "iomt";
  const global = figureOf(index, figureId({ measure: "value", subject: "Global", year: forecast }));
  const rows = dataset.segments
    .filter((s) => dimensions.includes(s.dimension))
    .map((s): PlanCell[] => {
      const v24 = figureOf(index, figureId({ measure: "value", subject: s.name, year: base }));
      const v29 = figureOf(index, figureId({ measure: "value", subject: s.name, year: forecast }));
      const span = { subject: s.name, fromYear: base, toYear: forecast };
      const cagr = figureOf(index, figureId({ measure: "cagr", ...span }));
      const share = figureOf(index, figureId({ measure: "share", subject: s.name, year: forecast, of: "Global" }));
      const rank = figureOf(index, figureId({ measure: "rank", subject: s.name, year: forecast }));
      const quantified = v29?.value != null;
      const years = forecast - base;
      return [
        s.name,
        numberOrBlank(v24),
        numberOrBlank(v29),
        s.dimension,
        cagr?.kind === "reported" ? (cagr.value as number) : "",
        cagrFormula(r, years, options.formulas),
        ifBlank([r("2024"), r("2029")], `${r("2029")}-${r("2024")}`),
        numberOrBlank(share),
        quantified ? numberOrBlank(global) : "",
        ifBlank([r("2029"), r("Global 2029")], iomt ? `IOMT.SHARE(${r("2029")},${r("Global 2029")})` : `${r("2029")}/${r("Global 2029")}`),
        ifBlank([r("2029"), r("Share stated")], iomt ? `IOMT.IMPLIEDTOTAL(${r("2029")},${r("Share stated")})` : `${r("2029")}/${r("Share stated")}`),
        rank ? `yes (${rank.locator?.printed ?? "largest"})` : "",
        v24 ? kindLabel(v24) : "not quantified",
        kindLabel(v29),
        quantified ? "" : "not quantified in the source",
        v29 ? describeFigure(index, v29) : "",
      ];
    });
  const chart: ChartPlan | undefined = options.charts ? { type: "ColumnClustered", title: `${SECTIONS.find((s) => s.id === section)!.label}: 2024 vs 2029 (USD million)`, columns: 3 } : undefined;
  return table(section, SEGMENT_COLUMNS, rows, chart);
}

const OVERVIEW_COLUMNS = [
  col("Market", FORMAT.text, 14),
  col("2024", FORMAT.usdPrecise, 12),
  col("2029", FORMAT.usdPrecise, 13),
  col("Qualifier 2029", FORMAT.text, 12),
  col("CAGR stated", FORMAT.percent, 9),
  col("CAGR computed", FORMAT.percentPrecise, 10, true),
  col("IoMT share stated", FORMAT.percent, 10),
  col("IoMT share qualifier", FORMAT.text, 10),
  col("IoMT share computed", FORMAT.percentPrecise, 11, true),
  col("Kind 2024", FORMAT.text, 10),
  col("Kind 2029", FORMAT.text, 10),
  col("Source 2029", FORMAT.text, 60),
];

function overviewTable(index: DatasetIndex, style: FormulaStyle): TablePlan {
  const { dataset } = index;
  const { baseYear: base, forecastYear: forecast } = dataset.info;
  const name = "IoMT_Overview";
  const r = (h: string) => thisRow(name, h);
  const years = forecast - base;
  const globalValue = style === "iomt" ? `IOMT.VALUE("Global",${forecast})` : `SUMIFS(${wholeColumn(name, "2029")},${wholeColumn(name, "Market")},"Global")`;
  const rows = dataset.segments
    .filter((s) => s.dimension === "market")
    .map((s): PlanCell[] => {
      const v24 = figureOf(index, figureId({ measure: "value", subject: s.name, year: base }));
      const v29 = figureOf(index, figureId({ measure: "value", subject: s.name, year: forecast }));
      const cagr = figureOf(index, figureId({ measure: "cagr", subject: s.name, fromYear: base, toYear: forecast }));
      const share = figureOf(index, figureId({ measure: "share", subject: "Global", year: forecast, of: s.name }));
      return [
        s.name,
        numberOrBlank(v24),
        numberOrBlank(v29),
        v29?.qualifier ?? "",
        cagr?.kind === "reported" ? (cagr.value as number) : "",
        cagrFormula(r, years, style),
        numberOrBlank(share),
        share?.qualifier ?? "",
        ifBlank([r("IoMT share stated"), r("2029")], `${globalValue}/${r("2029")}`),
        kindLabel(v24),
        kindLabel(v29),
        v29 ? describeFigure(index, v29) : "",
      ];
    });
  return table("overview", OVERVIEW_COLUMNS, rows);
}

const DRIVER_COLUMNS = [
  col("Driver", FORMAT.text, 26),
  col("Contribution to annual growth", FORMAT.contribution, 14),
  col("As printed", FORMAT.text, 44),
  col("Kind", FORMAT.text, 10),
  col("Source", FORMAT.text, 60),
];

function driversTable(index: DatasetIndex, options: PlanOptions): TablePlan {
  const rows = index.dataset.drivers.map((d): PlanCell[] => {
    const f = figureOf(index, figureId({ measure: "contribution", subject: d.name }))!;
    return [d.name, f.value as number, d.title, kindLabel(f), describeFigure(index, f)];
  });
  const chart: ChartPlan | undefined = options.charts ? { type: "BarClustered", title: "Growth drivers: contribution to annual growth", columns: 2 } : undefined;
  return table("drivers", DRIVER_COLUMNS, rows, chart);
}

const OPPORTUNITY_COLUMNS = [
  col("Opportunity", FORMAT.text, 40),
  col("Growth 2024-2029", FORMAT.usdPrecise, 13),
  col("Segment", FORMAT.text, 22),
  col("Share of the three computed", FORMAT.percentPrecise, 12, true),
  col("Kind", FORMAT.text, 10),
  col("Source", FORMAT.text, 60),
];

function opportunitiesTable(index: DatasetIndex, options: PlanOptions): TablePlan {
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  const name = "IoMT_Opportunities";
  const rows = index.dataset.opportunities.map((o): PlanCell[] => {
    const f = figureOf(index, figureId({ measure: "growth", subject: o.segment, fromYear: base, toYear: forecast }))!;
    const growth = thisRow(name, "Growth 2024-2029");
    const share = options.formulas === "iomt" ? `IOMT.SHARE(${growth},SUM(${wholeColumn(name, "Growth 2024-2029")}))` : `${growth}/SUM(${wholeColumn(name, "Growth 2024-2029")})`;
    return [o.name, f.value as number, o.segment, ifBlank([growth], share), kindLabel(f), describeFigure(index, f)];
  });
  const chart: ChartPlan | undefined = options.charts ? { type: "BarClustered", title: "Growth opportunities 2024-2029 (USD million)", columns: 2 } : undefined;
  return table("opportunities", OPPORTUNITY_COLUMNS, rows, chart);
}

const CHECK_COLUMNS = [
  col("Check", FORMAT.text, 50),
  col("Relation", FORMAT.text, 9),
  col("Unit", FORMAT.text, 11),
  col("Stated", FORMAT.usdPrecise, 12),
  col("Stated low", FORMAT.usdPrecise, 12),
  col("Stated high", FORMAT.usdPrecise, 12),
  col("Computed", FORMAT.usdPrecise, 12),
  col("Computed low", FORMAT.usdPrecise, 12),
  col("Computed high", FORMAT.usdPrecise, 12),
  col("Status", FORMAT.text, 8, true),
  col("Explanation", FORMAT.text, 50),
];

function checksTable(checks: readonly ConsistencyCheck[]): TablePlan {
  const name = "IoMT_Checks";
  const r = (h: string) => thisRow(name, h);
  const status =
    `=IF(${r("Relation")}="agrees",IF(AND(${r("Computed low")}<=${r("Stated high")},${r("Stated low")}<=${r("Computed high")}),"pass","fail"),` +
    `IF(${r("Computed high")}<=${r("Stated low")},"pass","fail"))`;
  const rows = checks.map((c): PlanCell[] => [
    c.title, c.relation, c.unit, c.stated, c.statedLow, c.statedHigh, c.computed, c.computedLow, c.computedHigh, status, c.explanation,
  ]);
  const formats = checks.map((c) =>
    CHECK_COLUMNS.map((column, i) => (i >= 3 && i <= 8 ? (c.unit === "fraction" ? FORMAT.percentFine : FORMAT.usdPrecise) : column.numberFormat)),
  );
  return table("checks", CHECK_COLUMNS, rows, undefined, formats);
}

const ABOUT_COLUMNS = [col("Field", FORMAT.text, 22), col("Value", FORMAT.literal, 90)];

function aboutTable(dataset: Dataset): TablePlan {
  const { info } = dataset;
  const rows: PlanCell[][] = [
    ["Dataset", info.title],
    ["Dataset version", info.version],
    ["Dataset edition", info.edition],
    ["Source", `${info.source.publisher}: ${info.source.headline}`],
    ["Publisher", info.source.publisher],
    ["Date", longDate(info.source.date)],
    ["Dateline", info.source.dateline],
    ["Units", `${info.unit}; rates and shares as percentages`],
    ["Years", `${info.baseYear} to ${info.forecastYear}`],
    ["reported", "Stated in the source; the Source column gives the section and the figure as printed."],
    ["derived", "Computed from reported figures; the formula is given (e.g. 2024 = 2029 value − growth)."],
    ["estimated", "Between 2024 and 2029 by constant growth (IOMT.VALUE for 2025 to 2028)."],
    ["not quantified", "Named in the source without a figure: shown with an empty value, never as zero."],
    ["Qualifiers", "surpass / over: at least the figure; about: rounded; nearly: at most the figure."],
  ];
  return table("about", ABOUT_COLUMNS, rows);
}
