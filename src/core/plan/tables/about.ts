/** The About table: the source, the dataset's version and edition, units, and what each kind of figure means. */
import type { Dataset } from "../../../data/schema";
import { longDate } from "../../../lib/dates";
import { FORMAT } from "../../excel";
import { col, sectionTable, type PlanCell, type TablePlan } from "./table";

const ABOUT_COLUMNS = [col("Field", FORMAT.text, 22), col("Value", FORMAT.literal, 90)];

export function aboutTable(dataset: Dataset): TablePlan {
  const { info } = dataset;
  const { baseYear: base, forecastYear: forecast } = info;
  const rows: PlanCell[][] = [
    ["Dataset", info.title],
    ["Dataset version", info.version],
    ["Dataset edition", info.edition],
    ["Source", `${info.source.publisher}: ${info.source.headline}`],
    ["Publisher", info.source.publisher],
    ["Date", longDate(info.source.date)],
    ["Dateline", info.source.dateline],
    ["Units", `${info.unit}; rates and shares as percentages`],
    ["Years", `${base} to ${forecast}`],
    ["reported", "Stated in the source; the Source column gives the section and the figure as printed."],
    ["derived", `Computed from reported figures; the formula is given (e.g. ${base} = ${forecast} value − growth).`],
    [
      "estimated",
      `Between ${base} and ${forecast} by constant growth (IOMT.VALUE for ${base + 1} to ${forecast - 1}).`,
    ],
    ["not quantified", "Named in the source without a figure: shown with an empty value, never as zero."],
    ["Qualifiers", "surpass / over: at least the figure; about: rounded; nearly: at most the figure."],
  ];
  return sectionTable("about", ABOUT_COLUMNS, rows);
}
