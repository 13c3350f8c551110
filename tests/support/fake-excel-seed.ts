/** What the stand-in's own tests start from: the workbook ["IoMT Data", "Notes"] and a table on it. */
import type { FakeWorkbook } from "./fake-excel";

export const SHEETS = ["IoMT Data", "Notes"];

/** IoMT_Regions on 'IoMT Data'!B2:D4: Region | 2028 | 2029, two data rows. */
export function seedRegions(wb: FakeWorkbook): void {
  wb.sheet("IoMT Data").setCells("B2", [
    ["Region", "2028", "2029"],
    ["North America", 10, 20],
    ["Europe", 5, 7],
  ]);
  wb.addTable("IoMT Data", "B2:D4", "IoMT_Regions");
}

/** The sheet 'IoMT Data' in a request. */
export const dataSheet = (ctx: Excel.RequestContext): Excel.Worksheet => ctx.workbook.worksheets.getItem("IoMT Data");

/** The address of a sheet's used range (values only), read through Office.js; undefined on an empty sheet. */
export async function usedAddress(sheet: string): Promise<string | undefined> {
  return Excel.run(async (ctx) => {
    const used = ctx.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true).load("address");
    await ctx.sync();
    return used.isNullObject ? undefined : used.address;
  });
}
