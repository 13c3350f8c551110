/** What every table of the plan is made of: columns, rows of cells, per-cell number formats, an optional chart. */
import { isQuantified, type Figure } from "../../../data/schema";
import { thisRow, ifBlank, type PlanCell } from "../../excel";
import type { FormulaStyle } from "../plan-options";
import { section, yearHeader, type SectionId, tableTitle } from "../sections";

export type { PlanCell };

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
  /** the first `rows` data rows only (all rows when absent) */
  rows?: number;
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

export const col = (header: string, numberFormat: string, width: number, formula = false): ColumnPlan => ({
  header,
  numberFormat,
  width,
  formula,
});

/** A section's table: its name and title from the registry; each cell formatted as its column unless `formats` say otherwise. */
export function sectionTable(
  id: SectionId,
  columns: readonly ColumnPlan[],
  rows: PlanCell[][],
  chart?: ChartPlan,
  formats?: string[][],
): TablePlan {
  const info = section(id);
  return {
    section: id,
    tableName: info.tableName,
    title: tableTitle(info),
    columns,
    rows,
    numberFormats: formats ?? rows.map(() => columns.map((c) => c.numberFormat)),
    chart,
    segmentKeys: info.segmentKeys,
    dataTypes: false,
  };
}

/** A figure's number, or a blank cell where the figure is missing or not quantified. */
export const numberOrBlank = (f: Figure | undefined): PlanCell => (isQuantified(f) ? f.value : "");

/** A stated figure's number (reported, not derived), or a blank cell. */
export const statedOrBlank = (f: Figure | undefined): PlanCell =>
  isQuantified(f) && f.kind === "reported" ? f.value : "";

/** The CAGR between the row's base-year and forecast-year cells, blank when either is blank. */
export function cagrFormula(tableName: string, base: number, forecast: number, style: FormulaStyle): string {
  const [a, b] = [thisRow(tableName, yearHeader(base)), thisRow(tableName, yearHeader(forecast))];
  const years = forecast - base;
  return ifBlank([a, b], style === "iomt" ? `IOMT.CAGR(${a},${b},${years})` : `RRI(${years},${a},${b})`);
}
