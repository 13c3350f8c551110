/**
 * The layout of tables on sheets: one sheet per section (title, source line, then the table, header frozen)
 * or every section stacked on one sheet; new sheets get names unique in the workbook.
 */
import { uniqueSheetName } from "../excel";
import type { DatasetStamp } from "./dataset-stamp";
import type { PlanOptions } from "./plan-options";
import { ONE_SHEET_NAME, section } from "./sections";
import type { TablePlan } from "./tables/table";

interface PlacedTable {
  table: TablePlan;
  /** 0-based row of the title cell; the header row is two rows below, the data follow */
  titleRow: number;
  headerRow: number;
}

export interface SheetPlan {
  name: string;
  tables: readonly PlacedTable[];
  /** rows to freeze (the header of a sheet's only table), 0 for none */
  freezeRows: number;
}

export interface Plan {
  options: PlanOptions;
  sheets: readonly SheetPlan[];
  tables: readonly TablePlan[];
  stamp: DatasetStamp;
}

/** Rows a table takes on a shared sheet: title, source line, header, data, and two blank rows before the next. */
const STACKED_GAP = 2;

/** Places `tables` on new sheets; `takenSheetNames` are the workbook's sheets. */
export function layOut(
  tables: readonly TablePlan[],
  placement: PlanOptions["placement"],
  takenSheetNames: Iterable<string>,
): SheetPlan[] {
  const taken = new Set(takenSheetNames);
  const sheets: SheetPlan[] = [];
  const newSheet = (wanted: string): string => {
    const name = uniqueSheetName(wanted, taken);
    taken.add(name);
    return name;
  };
  if (placement === "one-sheet") {
    if (tables.length) {
      let row = 0;
      const placed = tables.map((table) => {
        const p = { table, titleRow: row, headerRow: row + 2 };
        row += 2 + 1 + table.rows.length + STACKED_GAP;
        return p;
      });
      sheets.push({ name: newSheet(ONE_SHEET_NAME), tables: placed, freezeRows: 0 });
    }
  } else {
    for (const table of tables) {
      sheets.push({
        name: newSheet(section(table.section).sheetName),
        tables: [{ table, titleRow: 0, headerRow: 2 }],
        freezeRows: 3,
      });
    }
  }
  return sheets;
}
