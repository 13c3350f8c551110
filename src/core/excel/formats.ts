/** The built-in style of every table the add-in inserts, in Excel and in an .xlsx file alike. */
export const TABLE_STYLE = "TableStyleMedium2";

/** Excel number formats of the plan's cells and of the data-type cards. */
export const FORMAT = {
  usd: "#,##0",
  usdPrecise: "#,##0.0",
  percent: "0%",
  percentPrecise: "0.00%",
  /** the consistency checks' rates, finer than the source's */
  percentFine: "0.000%",
  contribution: "0.0%",
  integer: "0",
  text: "General",
  /** kept as typed: Excel would read "2026-01-06" as a date */
  literal: "@",
} as const;
