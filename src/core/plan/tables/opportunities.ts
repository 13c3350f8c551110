/** The growth opportunities table: each opportunity's growth over the dataset's years and its share of their sum. */
import type { DatasetIndex } from "../../../data/dataset-index";
import { kindLabel } from "../../../data/schema";
import { ifBlank, thisRow, wholeColumn, FORMAT } from "../../excel";
import { describeFigure } from "../../functions";
import type { PlanOptions } from "../plan-options";
import { section } from "../sections";
import { col, numberOrBlank, sectionTable, type ChartPlan, type PlanCell, type TablePlan } from "./table";

export function opportunitiesTable(index: DatasetIndex, options: PlanOptions): TablePlan {
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  const name = section("opportunities").tableName;
  const growthHeader = `Growth ${base}-${forecast}`;
  const columns = [
    col("Opportunity", FORMAT.text, 40),
    col(growthHeader, FORMAT.usdPrecise, 13),
    col("Segment", FORMAT.text, 22),
    col("Share of the three computed", FORMAT.percentPrecise, 12, true),
    col("Kind", FORMAT.text, 10),
    col("Source", FORMAT.text, 60),
  ];
  const growth = thisRow(name, growthHeader);
  const sum = `SUM(${wholeColumn(name, growthHeader)})`;
  const share = ifBlank([growth], options.formulas === "iomt" ? `IOMT.SHARE(${growth},${sum})` : `${growth}/${sum}`);
  const rows = index.dataset.opportunities.map((o): PlanCell[] => {
    const f = index.growth(o.segment);
    return [o.name, numberOrBlank(f), o.segment, share, kindLabel(f), f ? describeFigure(index, f) : ""];
  });
  const chart: ChartPlan | undefined = options.charts
    ? { type: "BarClustered", title: `Growth opportunities ${base}-${forecast} (USD million)`, columns: 2 }
    : undefined;
  return sectionTable("opportunities", columns, rows, chart);
}
