/** The consistency checks table: each check's stated and computed figures with their intervals, and a live status. */
import type { ConsistencyCheck } from "../../../data/checks";
import { thisRow, FORMAT } from "../../excel";
import { section } from "../sections";
import { col, sectionTable, type PlanCell, type TablePlan } from "./table";

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

/** The columns whose format follows the check's unit: Stated to Computed high. */
const FIGURE_COLUMNS = { from: 3, to: 8 };

export function checksTable(checks: readonly ConsistencyCheck[]): TablePlan {
  const r = (header: string) => thisRow(section("checks").tableName, header);
  const status =
    `=IF(${r("Relation")}="agrees",IF(AND(${r("Computed low")}<=${r("Stated high")},${r("Stated low")}<=${r("Computed high")}),"pass","fail"),` +
    `IF(${r("Computed high")}<=${r("Stated low")},"pass","fail"))`;
  const rows = checks.map((c): PlanCell[] => [
    c.title,
    c.relation,
    c.unit,
    c.stated,
    c.statedLow,
    c.statedHigh,
    c.computed,
    c.computedLow,
    c.computedHigh,
    status,
    c.explanation,
  ]);
  const formats = checks.map((c) =>
    CHECK_COLUMNS.map((column, i) =>
      i >= FIGURE_COLUMNS.from && i <= FIGURE_COLUMNS.to
        ? c.unit === "fraction"
          ? FORMAT.percentFine
          : FORMAT.usdPrecise
        : column.numberFormat,
    ),
  );
  return sectionTable("checks", CHECK_COLUMNS, rows, undefined, formats);
}
