/**
 * Refresh decided without Excel: the cell-by-cell decision, the record of what the add-in wrote, the edition
 * stamp, the outcome in words and the change log's rows.
 */
export * from "./cell-record";
export * from "./edition";
export * from "./refresh";
export * from "./refresh-report";
