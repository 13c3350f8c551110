/**
 * Excel's own terms: A1 addresses, formula syntax, number formats, cells and data types compared as Excel stores
 * them, write operations in budgeted requests, Excel's errors in plain words, the add-in's own sheets.
 */
export * from "./a1";
export * from "./cell-compare";
export * from "./entity-compare";
export * from "./excel-errors";
export * from "./excel-syntax";
export * from "./formats";
export * from "./own-sheets";
export * from "./plan-cell";
export * from "./write-batches";
