/** The overview table: the markets (global IoMT, IoT, IT industry) with their values, rates and IoMT's shares. */
import type { DatasetIndex } from "../../../data/dataset-index";
import { kindLabel } from "../../../data/schema";
import { ifBlank, thisRow, wholeColumn, FORMAT } from "../../excel";
import { describeFigure } from "../../functions";
import type { FormulaStyle } from "../plan-options";
import { HEADERS, section, yearHeader } from "../sections";
import {
  cagrFormula,
  col,
  numberOrBlank,
  sectionTable,
  statedOrBlank,
  type ColumnPlan,
  type PlanCell,
  type TablePlan,
} from "./table";

function overviewColumns(base: number, forecast: number): ColumnPlan[] {
  return [
    col("Market", FORMAT.text, 14),
    col(yearHeader(base), FORMAT.usdPrecise, 12),
    col(yearHeader(forecast), FORMAT.usdPrecise, 13),
    col(`Qualifier ${forecast}`, FORMAT.text, 12),
    col(HEADERS.cagrStated, FORMAT.percent, 9),
    col("CAGR computed", FORMAT.percentPrecise, 10, true),
    col("IoMT share stated", FORMAT.percent, 10),
    col("IoMT share qualifier", FORMAT.text, 10),
    col("IoMT share computed", FORMAT.percentPrecise, 11, true),
    col(`Kind ${base}`, FORMAT.text, 10),
    col(`Kind ${forecast}`, FORMAT.text, 10),
    col(`Source ${forecast}`, FORMAT.text, 60),
  ];
}

export function overviewTable(index: DatasetIndex, style: FormulaStyle): TablePlan {
  const { baseYear: base, forecastYear: forecast } = index.dataset.info;
  const info = section("overview");
  const name = info.tableName;
  const r = (header: string) => thisRow(name, header);
  const end = yearHeader(forecast);
  const globalValue =
    style === "iomt"
      ? `IOMT.VALUE("Global",${forecast})`
      : `SUMIFS(${wholeColumn(name, end)},${wholeColumn(name, "Market")},"Global")`;
  const rows = index.dataset.segments
    .filter((s) => info.dimensions?.includes(s.dimension))
    .map((s): PlanCell[] => {
      const v24 = index.value(s.name, base);
      const v29 = index.value(s.name, forecast);
      const share = index.share("Global", s.name, forecast);
      return [
        s.name,
        numberOrBlank(v24),
        numberOrBlank(v29),
        v29?.qualifier ?? "",
        statedOrBlank(index.rate(s.name)),
        cagrFormula(name, base, forecast, style),
        numberOrBlank(share),
        share?.qualifier ?? "",
        ifBlank([r("IoMT share stated"), r(end)], `${globalValue}/${r(end)}`),
        kindLabel(v24),
        kindLabel(v29),
        v29 ? describeFigure(index, v29) : "",
      ];
    });
  return sectionTable("overview", overviewColumns(base, forecast), rows);
}
