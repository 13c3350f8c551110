/**
 * The section registry: one record per section of the sheet plan, the only place a table name, a sheet name
 * or a section's label is written.
 */
import type { Dimension } from "../../data/schema";

export type SectionId =
  | "overview"
  | "regions"
  | "deviceTypes"
  | "applications"
  | "endUsers"
  | "drivers"
  | "opportunities"
  | "estimates"
  | "checks"
  | "about";

export interface SectionInfo {
  id: SectionId;
  label: string;
  tableName: string;
  sheetName: string;
  /** the dimensions whose segments are the table's rows (segment sections only) */
  dimensions?: readonly Dimension[];
  /** the table's first column holds segment names, which can be written as data types */
  segmentKeys: boolean;
}

export const SECTIONS: readonly SectionInfo[] = [
  {
    id: "overview",
    label: "Overview",
    tableName: "IoMT_Overview",
    sheetName: "IoMT Overview",
    dimensions: ["market"],
    segmentKeys: true,
  },
  {
    id: "regions",
    label: "Regions and countries",
    tableName: "IoMT_Regions",
    sheetName: "IoMT Regions",
    dimensions: ["region", "country"],
    segmentKeys: true,
  },
  {
    id: "deviceTypes",
    label: "Device types",
    tableName: "IoMT_DeviceTypes",
    sheetName: "IoMT Device types",
    dimensions: ["device type"],
    segmentKeys: true,
  },
  {
    id: "applications",
    label: "Applications",
    tableName: "IoMT_Applications",
    sheetName: "IoMT Applications",
    dimensions: ["application"],
    segmentKeys: true,
  },
  {
    id: "endUsers",
    label: "End users",
    tableName: "IoMT_EndUsers",
    sheetName: "IoMT End users",
    dimensions: ["end user"],
    segmentKeys: true,
  },
  { id: "drivers", label: "Growth drivers", tableName: "IoMT_Drivers", sheetName: "IoMT Drivers", segmentKeys: false },
  {
    id: "opportunities",
    label: "Growth opportunities",
    tableName: "IoMT_Opportunities",
    sheetName: "IoMT Opportunities",
    segmentKeys: false,
  },
  {
    id: "estimates",
    label: "Other publishers",
    tableName: "IoMT_Estimates",
    sheetName: "IoMT Other publishers",
    segmentKeys: false,
  },
  { id: "checks", label: "Consistency checks", tableName: "IoMT_Checks", sheetName: "IoMT Checks", segmentKeys: false },
  { id: "about", label: "About", tableName: "IoMT_About", sheetName: "IoMT About", segmentKeys: false },
];

const BY_ID: ReadonlyMap<SectionId, SectionInfo> = new Map(SECTIONS.map((s) => [s.id, s]));

/** The record of a section. */
export function section(id: SectionId): SectionInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`Unknown section "${id}".`);
  return info;
}

/** The segment section whose table lists a dimension's segments, if one does. */
export function sectionOfDimension(dimension: Dimension): SectionInfo | undefined {
  return SECTIONS.find((s) => s.dimensions?.includes(dimension));
}

/**
 * Column headers that other modules read a section's table by (the portable data sheet): the table builders write
 * them from here. A segment table's value columns are headed by their years (`yearHeader`).
 */
export const HEADERS = {
  /** the overview's and the segment tables' stated CAGR */
  cagrStated: "CAGR stated",
  /** the growth drivers table's contributions */
  contribution: "Contribution to annual growth",
} as const;

/** The header of a year's value column in the overview and the segment tables, as `=SUM(IoMT_Regions[2029])` reads it. */
export const yearHeader = (year: number): string => String(year);

/** The title the add-in writes above a section's table. */
export const tableTitle = (info: SectionInfo): string => `IoMT market: ${info.label}`;

/** Whether a line is a title the add-in writes above one of its tables. */
export const isTableTitle = (line: string): boolean => SECTIONS.some((s) => tableTitle(s) === line);

/** The sheet that holds every section when the plan puts them on one sheet. */
export const ONE_SHEET_NAME = "IoMT Data";
