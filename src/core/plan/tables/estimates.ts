/**
 * The Other publishers table: other publishers' estimates of the global market on common years, one row per
 * publisher and year (the forecast year's rows first), printed or extrapolated by the publisher's own CAGR, with the
 * arithmetic or the reason, the page's address and its scope. Its chart is the forecast year's football field: one
 * bar per publisher, the bundled release's marked in its name.
 */
import { PUBLISHER_ESTIMATES } from "../../../data/estimates";
import { PUBLISHER_PAGES } from "../../../data/publisher-pages";
import { COMMON_YEARS, estimateBasis, estimatesAt, isFloor } from "../../estimates";
import { FORMAT } from "../../excel";
import type { PlanOptions } from "../plan-options";
import { col, sectionTable, type ChartPlan, type PlanCell, type TablePlan } from "./table";

const ESTIMATE_COLUMNS = [
  col("Estimate", FORMAT.text, 44),
  col("USD million", FORMAT.usdPrecise, 14),
  col("Publisher", FORMAT.text, 30),
  col("Year", FORMAT.integer, 6),
  col("Kind", FORMAT.text, 12),
  col("Basis", FORMAT.text, 60),
  col("Source", FORMAT.text, 60),
  col("Page", FORMAT.text, 50),
  col("Scope", FORMAT.text, 60),
];

/** The publisher as the table names it: with how its figures reach the page ("via GII Research"). */
export const estimatePublisherName = (publisher: string): string => {
  const via = PUBLISHER_PAGES[publisher]?.via;
  return via ? `${publisher} (${via})` : publisher;
};

export function estimatesTable(options: PlanOptions): TablePlan {
  const years = [...COMMON_YEARS].sort((a, b) => b - a);
  const rows = years.flatMap((year) =>
    estimatesAt(PUBLISHER_ESTIMATES, year).map((e): PlanCell[] => {
      const name = estimatePublisherName(e.page.publisher);
      const page = PUBLISHER_PAGES[e.page.publisher];
      return [
        `${name}, ${year}`,
        e.value === null ? "" : e.value,
        name,
        year,
        e.kind + (isFloor(e) ? " (floor)" : ""),
        estimateBasis(e),
        e.page.address,
        page ? page.title : "",
        page ? page.scope : "",
      ];
    }),
  );
  const chart: ChartPlan | undefined = options.charts
    ? {
        type: "BarClustered",
        title: `Other publishers' estimates of ${years[0]}, USD million (the bundled release marked)`,
        columns: 2,
        rows: PUBLISHER_ESTIMATES.length,
      }
    : undefined;
  return sectionTable("estimates", ESTIMATE_COLUMNS, rows, chart);
}
