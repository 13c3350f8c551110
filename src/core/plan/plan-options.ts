/** What the analyst chooses for an insert: sections, placement, formula style, charts, data types. */
import { SECTIONS, type SectionId } from "./sections";

export type FormulaStyle = "native" | "iomt";
export type Placement = "sheet-per-section" | "one-sheet";

export interface PlanOptions {
  sections: readonly SectionId[];
  placement: Placement;
  formulas: FormulaStyle;
  charts: boolean;
  /** segment names as Excel data types (entity values with a card) instead of text, where Excel supports them */
  dataTypes?: boolean;
}

export const DEFAULT_OPTIONS: PlanOptions = {
  sections: SECTIONS.map((s) => s.id),
  placement: "sheet-per-section",
  formulas: "native",
  charts: false,
};
