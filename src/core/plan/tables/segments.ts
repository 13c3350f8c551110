/** The segment tables (regions and countries, device types, applications, end users): one row per named segment. */
import type { DatasetIndex } from "../../../data/dataset-index";
import { kindLabel } from "../../../data/schema";
import { ifBlank, thisRow, FORMAT } from "../../excel";
import { describeFigure } from "../../functions";
import type { PlanOptions } from "../plan-options";
import { HEADERS, section, yearHeader, type SectionId } from "../sections";
import {
  cagrFormula,
  col,
  numberOrBlank,
  sectionTable,
  statedOrBlank,
  type ChartPlan,
  type ColumnPlan,
  type PlanCell,
  type TablePlan,
} from "./table";

function segmentColumns(base: number, forecast: number): ColumnPlan[] {
  return [
    col("Segment", FORMAT.text, 26),
    col(yearHeader(base), FORMAT.usdPrecise, 11),
    col(yearHeader(forecast), FORMAT.usdPrecise, 11),
    col("Dimension", FORMAT.text, 12),
    col(HEADERS.cagrStated, FORMAT.percent, 9),
    col("CAGR computed", FORMAT.percentPrecise, 10, true),
    col(`Growth ${base}-${forecast}`, FORMAT.usdPrecise, 12, true),
    col("Share stated", FORMAT.percent, 9),
    col(`Global ${forecast}`, FORMAT.usdPrecise, 11),
    col("Share of global computed", FORMAT.percentPrecise, 12, true),
    col("Implied total", FORMAT.usdPrecise, 12, true),
    col("Largest", FORMAT.text, 8),
    col(`Kind ${base}`, FORMAT.text, 12),
    col(`Kind ${forecast}`, FORMAT.text, 12),
    col("Note", FORMAT.text, 28),
    col(`Source ${forecast}`, FORMAT.text, 60),
  ];
}

export function segmentTable(index: DatasetIndex, id: SectionId, options: PlanOptions): TablePlan {
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  const info = section(id);
  const dimensions = info.dimensions ?? [];
  const r = (header: string) => thisRow(info.tableName, header);
  const [start, end, global] = [r(yearHeader(base)), r(yearHeader(forecast)), r(`Global ${forecast}`)];
  const iomt = options.formulas === "iomt";
  const globalValue = index.value("Global", forecast);
  const rows = index.dataset.segments
    .filter((s) => dimensions.includes(s.dimension))
    .map((s): PlanCell[] => {
      const v24 = index.value(s.name, base);
      const v29 = index.value(s.name, forecast);
      const rank = index.rank(s.name, forecast);
      const quantified = v29?.value != null;
      return [
        s.name,
        numberOrBlank(v24),
        numberOrBlank(v29),
        s.dimension,
        statedOrBlank(index.rate(s.name)),
        cagrFormula(info.tableName, base, forecast, options.formulas),
        ifBlank([start, end], `${end}-${start}`),
        numberOrBlank(index.share(s.name, "Global", forecast)),
        quantified ? numberOrBlank(globalValue) : "",
        ifBlank([end, global], iomt ? `IOMT.SHARE(${end},${global})` : `${end}/${global}`),
        ifBlank(
          [end, r("Share stated")],
          iomt ? `IOMT.IMPLIEDTOTAL(${end},${r("Share stated")})` : `${end}/${r("Share stated")}`,
        ),
        rank ? `yes (${rank.locator?.printed ?? "largest"})` : "",
        kindLabel(v24),
        kindLabel(v29),
        quantified ? "" : "not quantified in the source",
        v29 ? describeFigure(index, v29) : "",
      ];
    });
  const chart: ChartPlan | undefined = options.charts
    ? { type: "ColumnClustered", title: `${info.label}: ${base} vs ${forecast} (USD million)`, columns: 3 }
    : undefined;
  return sectionTable(id, segmentColumns(base, forecast), rows, chart);
}
