/**
 * Applies a plan to an .xlsx workbook (exceljs): the same tables, names, headers, number formats and native
 * formulas the task pane writes into Excel, so the file and the add-in cannot drift apart.
 */
import ExcelJS from "exceljs";
import { columnLetters } from "../core/excel";
import { longDate } from "../lib/dates";
import { sourceLine, type Plan } from "../core/plan";
import { STAMP_KEYS } from "../core/refresh";
import { NEWER_FUNCTIONS, XLFN, TABLE_STYLE } from "../core/excel";
import type { Dataset } from "../data/schema";

const NAME_CHARACTER = /^[\w.]$/;

/** A formula as a file stores it: no "=", and the functions newer than Excel 2007 prefixed with _xlfn. */
export function fileFormula(formula: string): string {
  let f = formula.startsWith("=") ? formula.slice(1) : formula;
  // a name with other name characters before it (X.RRI, _xlfn.RRI) is another name: kept as it is (found by
  // indexOf: a regular expression with a name-character run before the name would rescan each run)
  for (const name of NEWER_FUNCTIONS) {
    const call = `${name}(`;
    let out = "";
    let at = 0;
    for (let i = f.indexOf(call); i >= 0; i = f.indexOf(call, i + call.length)) {
      if (i > 0 && NAME_CHARACTER.test(f[i - 1])) continue;
      out += `${f.slice(at, i)}${XLFN}`;
      at = i;
    }
    f = out + f.slice(at);
  }
  return f;
}

export function planToWorkbook(plan: Plan, dataset: Dataset): ExcelJS.Workbook {
  if (plan.options.formulas !== "native") throw new Error("A portable workbook needs native formulas.");
  const wb = new ExcelJS.Workbook();
  const { info } = dataset;
  wb.creator = "IoMT Market add-in";
  wb.title = `${info.title} (dataset ${info.version}, edition ${info.edition})`;
  wb.subject = `Source: ${info.source.publisher}, ${longDate(info.source.date)}: ${info.source.headline}`;
  wb.keywords = `IoMT; ${STAMP_KEYS.version} ${info.version}; ${STAMP_KEYS.edition} ${info.edition}`;
  wb.category = "Market data";
  wb.description = sourceLine(dataset);
  wb.created = new Date(`${info.edition}T00:00:00Z`);
  wb.modified = wb.created;
  wb.calcProperties.fullCalcOnLoad = true;

  for (const sheet of plan.sheets) {
    const ws = wb.addWorksheet(
      sheet.name,
      sheet.freezeRows ? { views: [{ state: "frozen", ySplit: sheet.freezeRows }] } : {},
    );
    const widths: number[] = [];
    for (const placed of sheet.tables) {
      const t = placed.table;
      const title = ws.getCell(placed.titleRow + 1, 1);
      title.value = t.title;
      title.font = { bold: true, size: 13 };
      const source = ws.getCell(placed.titleRow + 2, 1);
      source.value = sourceLine(dataset);
      source.font = { italic: true, color: { argb: "FF555555" } };
      ws.addTable({
        name: t.tableName,
        displayName: t.tableName,
        ref: `A${placed.headerRow + 1}`,
        headerRow: true,
        style: { theme: TABLE_STYLE, showRowStripes: true },
        columns: t.columns.map((c) => ({ name: c.header, filterButton: true })),
        rows: t.rows.map((r) =>
          r.map((c) =>
            typeof c === "string" && c.startsWith("=") ? { formula: fileFormula(c) } : c === "" ? null : c,
          ),
        ),
      } as ExcelJS.TableProperties);
      t.rows.forEach((r, i) =>
        r.forEach((_, j) => {
          ws.getCell(placed.headerRow + 2 + i, j + 1).numFmt = t.numberFormats[i][j];
        }),
      );
      t.columns.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, c.width)));
    }
    widths.forEach((w, j) => (ws.getColumn(columnLetters(j)).width = w));
  }
  return wb;
}
