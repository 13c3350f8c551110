/** The sheet plan: sections, options, the tables (built in tables/), their layout on sheets, the dataset's stamp. */
export * from "./dataset-stamp";
export * from "./layout";
export * from "./plan";
export * from "./plan-options";
export * from "./sections";
export type { TablePlan } from "./tables/table";
export { estimatePublisherName } from "./tables/estimates";
