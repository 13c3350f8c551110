/** Writes a column of segments at the selection, as data types where Excel has them, else as text. */
import { formatAddress, parseAddress, cellInput } from "../core/excel";
import type { DatasetIndex } from "../core/functions";
import { cardOf, type CardKind } from "./insert";
import { listFirst } from "../lib/first-few";

export interface ListResult {
  /** the cells written, e.g. "Sheet1!B2:B19"; undefined when nothing was written */
  address?: string;
  /** why nothing was written */
  blocked?: string;
  count: number;
}

/** Stops without writing when a target cell holds something or the sheet is protected. */
export async function insertSegmentList(
  index: DatasetIndex,
  names: readonly string[],
  asDataTypes: boolean,
  cards: CardKind = "full",
): Promise<ListResult> {
  return Excel.run(async (context) => {
    const start = context.workbook.getSelectedRange().getCell(0, 0);
    const target = start.getResizedRange(names.length - 1, 0).load("formulas,address,numberFormat");
    const sheet = start.worksheet.load("name");
    sheet.protection.load("protected");
    await context.sync();
    if (sheet.protection.protected) return { blocked: `sheet '${sheet.name}' is protected`, count: 0 };
    const taken = target.formulas
      .map((r, i) => (r[0] === "" ? undefined : i))
      .filter((i): i is number => i !== undefined);
    if (taken.length) {
      const area = parseAddress(target.address);
      const cells = listFirst(taken, 6, (i) =>
        formatAddress({ row: area.row + i, column: area.column, rows: 1, columns: 1 }),
      );
      return {
        blocked: `cells ${cells} hold data; select an empty column`,
        count: 0,
      };
    }
    if (asDataTypes) {
      target.valuesAsJson = names.map((n) => [
        (cardOf(index, n, cards) ?? { type: "String", basicValue: n }) as Excel.CellValue,
      ]);
    } else {
      target.formulas = names.map((n, i) => [cellInput(n, String(target.numberFormat[i][0]))]);
    }
    await context.sync();
    return { address: target.address, count: names.length };
  });
}
