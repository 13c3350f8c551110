/**
 * The sheet plan: which Excel tables the dataset becomes, with their names, headers, values, number formats,
 * live formulas, sheets and charts. Pure: the task pane's writer and the .xlsx export both apply it.
 * Its parts: the section registry (sections.ts), the options (plan-options.ts), one builder per table (tables/),
 * the layout on sheets (layout.ts); number formats and Excel's syntax come from core/excel.
 */
import type { ConsistencyCheck } from "../../data/checks";
import type { DatasetIndex } from "../../data/dataset-index";
import type { Dataset } from "../../data/schema";
import { longDate } from "../../lib/dates";
import { layOut, type Plan } from "./layout";
import type { PlanOptions } from "./plan-options";
import { SECTIONS, type SectionId } from "./sections";
import { aboutTable } from "./tables/about";
import { checksTable } from "./tables/checks";
import { driversTable } from "./tables/drivers";
import { estimatesTable } from "./tables/estimates";
import { opportunitiesTable } from "./tables/opportunities";
import { overviewTable } from "./tables/overview";
import { segmentTable } from "./tables/segments";
import type { TablePlan } from "./tables/table";

/** Builds the rows and formats of every section from the dataset; `options` choose sections and formula style. */
export function planSections(
  index: DatasetIndex,
  checks: readonly ConsistencyCheck[],
  options: PlanOptions,
): TablePlan[] {
  const build = (id: SectionId): TablePlan => {
    switch (id) {
      case "overview":
        return overviewTable(index, options.formulas);
      case "drivers":
        return driversTable(index, options);
      case "opportunities":
        return opportunitiesTable(index, options);
      case "estimates":
        return estimatesTable(options);
      case "checks":
        return checksTable(checks);
      case "about":
        return aboutTable(index.dataset);
      default:
        return segmentTable(index, id, options);
    }
  };
  const chosen = new Set(options.sections);
  return SECTIONS.filter((s) => chosen.has(s.id)).map((s) => {
    const t = build(s.id);
    return { ...t, dataTypes: t.segmentKeys && !!options.dataTypes };
  });
}

/**
 * The whole plan: sections placed on sheets. `takenSheetNames` are the workbook's sheets (new sheets get
 * unique names); `skipTables` are tables already in the workbook (insert leaves them to refresh).
 */
export function planWorkbook(
  index: DatasetIndex,
  checks: readonly ConsistencyCheck[],
  options: PlanOptions,
  takenSheetNames: Iterable<string> = [],
  skipTables: Iterable<string> = [],
): Plan {
  const skip = new Set([...skipTables].map((n) => n.toLowerCase()));
  const tables = planSections(index, checks, options).filter((t) => !skip.has(t.tableName.toLowerCase()));
  const { version, edition } = index.dataset.info;
  return { options, sheets: layOut(tables, options.placement, takenSheetNames), tables, stamp: { version, edition } };
}

/** The line under each table's title: where the figures come from and their unit. */
export function sourceLine(dataset: Dataset): string {
  const s = dataset.info.source;
  return `Source: ${s.publisher}, ${longDate(s.date)}. ${dataset.info.unit}; rates as percentages. Dataset ${dataset.info.version}, edition ${dataset.info.edition}.`;
}

const SOURCE_LINE = /^Source: .+\. Dataset [^\s,]+, edition \d{4}-\d{2}-\d{2}\.$/;

/** Whether a line is one `sourceLine` writes, whatever the dataset's version and edition. */
export const isSourceLine = (line: string): boolean => SOURCE_LINE.test(line);
