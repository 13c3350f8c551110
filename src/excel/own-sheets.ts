/**
 * Finds the add-in's own sheets (src/core/excel/own-sheets.ts) through Office.js by scanning the workbook's sheets:
 * name, visibility and mark. The sheet list and the marks of the sheets under the base names are queued
 * together, in the caller's first request; only a workbook whose sheets named like the add-in's carry a number
 * ("IoMT record (2)") needs one more round trip, for their marks.
 */
import {
  findOwnSheets,
  MARK_CELL,
  needsMark,
  OWN_SHEET_KINDS,
  OWN_SHEETS,
  type OwnSheets,
  type SheetFacts,
} from "../core/excel";

/** Queues the reads (no sync); after the caller's sync, the returned function gives the add-in's sheets. */
export function queueOwnSheets(context: Excel.RequestContext): (sync: () => Promise<void>) => Promise<OwnSheets> {
  const list = context.workbook.worksheets.load("items/name,items/visibility");
  const probes = OWN_SHEET_KINDS.map((kind) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(OWN_SHEETS[kind].base).load("name");
    return { sheet, mark: sheet.getRange(MARK_CELL).load("values") };
  });
  return async (sync) => {
    const marks = new Map<string, unknown>();
    for (const p of probes) if (!p.sheet.isNullObject) marks.set(p.sheet.name.toLowerCase(), p.mark.values[0][0]);
    const sheets: SheetFacts[] = list.items.map((s) => ({ name: s.name, visibility: String(s.visibility) }));
    const unread = sheets.filter((s) => !marks.has(s.name.toLowerCase()) && needsMark(s));
    if (unread.length) {
      const reads = unread.map((s) => ({
        name: s.name,
        mark: context.workbook.worksheets.getItem(s.name).getRange(MARK_CELL).load("values"),
      }));
      await sync();
      for (const r of reads) marks.set(r.name.toLowerCase(), r.mark.values[0][0]);
    }
    return findOwnSheets(sheets.map((s) => ({ ...s, mark: marks.get(s.name.toLowerCase()) })));
  };
}
