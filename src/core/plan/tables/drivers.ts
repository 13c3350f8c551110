/** The growth drivers table: each driver's contribution to annual growth, as printed. */
import type { DatasetIndex } from "../../../data/dataset-index";
import { kindLabel } from "../../../data/schema";
import { FORMAT } from "../../excel";
import { describeFigure } from "../../functions";
import type { PlanOptions } from "../plan-options";
import { HEADERS } from "../sections";
import { col, numberOrBlank, sectionTable, type ChartPlan, type PlanCell, type TablePlan } from "./table";

const DRIVER_COLUMNS = [
  col("Driver", FORMAT.text, 26),
  col(HEADERS.contribution, FORMAT.contribution, 14),
  col("As printed", FORMAT.text, 44),
  col("Kind", FORMAT.text, 10),
  col("Source", FORMAT.text, 60),
];

export function driversTable(index: DatasetIndex, options: PlanOptions): TablePlan {
  const rows = index.dataset.drivers.map((d): PlanCell[] => {
    const f = index.contribution(d.name);
    return [d.name, numberOrBlank(f), d.title, kindLabel(f), f ? describeFigure(index, f) : ""];
  });
  const chart: ChartPlan | undefined = options.charts
    ? { type: "BarClustered", title: "Growth drivers: contribution to annual growth", columns: 2 }
    : undefined;
  return sectionTable("drivers", DRIVER_COLUMNS, rows, chart);
}
