/** Trace to source: where a cell's figure comes from in the press release, its kind and its arithmetic. */
export * from "./figure-trace";
export * from "./formula-trace";
export * from "./table-cell";
