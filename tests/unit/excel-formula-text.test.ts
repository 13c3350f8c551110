/**
 * Formula text that once froze the add-in, on the strict Excel stand-in and in a file: a table cell whose
 * formula made refresh's comparison backtrack exponentially, and IOMT calls nested so deep that their native
 * formula would be astronomically long. Refresh completes and keeps the analyst's cells; Make portable (in
 * Excel and for a file) converts what fits and lists the rest, left as it was, with the reason.
 */
import ExcelJS from "exceljs";
import { useFakeExcel } from "../support/fake-excel";
import { CHECKS } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { DEFAULT_OPTIONS } from "../../src/core/plan";
import { edits } from "../../src/core/refresh";
import { callsIomt } from "../../src/core/portable";
import { makePortable } from "../../src/excel/portable";
import { insertTables, refreshTables } from "../../src/excel/workbook";
import { makeFilePortable } from "../../src/export/portable";
import { openWorkbook } from "../../src/export/workbook-file";

const fake = useFakeExcel(["Model"]);

/** `levels` calls of IOMT.NAME nested in their first argument, around `inner`, each with `rest` after it. */
function nested(name: string, levels: number, inner: string, rest: string): string {
  let f = inner;
  for (let i = 0; i < levels; i++) f = `IOMT.${name}(${f}${rest})`;
  return f;
}

test("refresh completes over table cells whose formulas once made it backtrack for hours, and keeps them as edits", async () => {
  await insertTables(INDEX, CHECKS, { ...DEFAULT_OPTIONS, sections: ["regions"] });
  const sheet = fake.wb.sheet("IoMT Regions");
  expect(sheet.cell("F5").formula).toMatch(/RRI/);
  const quotes = "'".repeat(5000);
  const hostile = { F5: `="[[${quotes}"`, C5: `=IoMT_Regions[[${quotes}`, D5: `=[@[${quotes}x` };
  for (const [cell, f] of Object.entries(hostile)) sheet.setCell(cell, f);
  const r = await refreshTables(INDEX, CHECKS, {});
  expect(
    edits(r)
      .map((e) => e.address)
      .sort(),
  ).toEqual(["'IoMT Regions'!C5", "'IoMT Regions'!D5", "'IoMT Regions'!F5"]);
  for (const [cell, f] of Object.entries(hostile)) expect(sheet.cell(cell).formula).toBe(f);
  // and at the next refresh too
  expect(edits(await refreshTables(INDEX, CHECKS, {}))).toHaveLength(3);
});

const FORMULAS = {
  A1: nested("PROJECT", 64, "B1", ",B2,B3"),
  A2: nested("VALUE", 200, "B1", ""),
  A3: nested("PROJECT", 64, "B1", ",0.05,3"),
};

test("Make portable in Excel lists 64-level and 200-level chains that would pass Excel's limit, left as they were, and converts one that fits", async () => {
  const model = fake.wb.sheet("Model");
  for (const [cell, f] of Object.entries(FORMULAS)) model.setCell(cell, `=${f}`);
  const result = await makePortable(INDEX, "workbook");
  expect(result.converted.map((c) => c.cell)).toEqual(["A3"]);
  expect(result.problems.map((p) => [p.cell, p.problem])).toEqual([
    ["A1", expect.stringMatching(/^The native formula would be about 10\^\d+ characters long, over Excel's 8,192\.$/)],
    ["A2", expect.stringMatching(/characters long, over Excel's 8,192\./)],
  ]);
  expect(model.cell("A1").formula).toBe(`=${FORMULAS.A1}`);
  expect(model.cell("A2").formula).toBe(`=${FORMULAS.A2}`);
  expect(callsIomt(model.cell("A3").formula as string)).toBe(false);
});

test("Make portable of a file does the same", async () => {
  const file = new ExcelJS.Workbook();
  const ws = file.addWorksheet("Model");
  for (const [cell, formula] of Object.entries(FORMULAS))
    ws.getCell(cell).value = { formula } as ExcelJS.CellFormulaValue;
  const book = openWorkbook(Buffer.from(await file.xlsx.writeBuffer()), "model.xlsx");
  const report = makeFilePortable(book, INDEX);
  expect(report.converted.map((c) => c.cell)).toEqual(["A3"]);
  expect(report.problems.map((p) => [p.cell, p.problem])).toEqual([
    ["A1", expect.stringMatching(/^The native formula would be about 10\^\d+ characters long, over Excel's 8,192\.$/)],
    ["A2", expect.stringMatching(/characters long, over Excel's 8,192\./)],
  ]);
  const out = new ExcelJS.Workbook();
  await out.xlsx.load(book.toBuffer() as unknown as ArrayBuffer);
  const model = out.getWorksheet("Model")!;
  expect(model.getCell("A1").formula).toBe(FORMULAS.A1);
  expect(model.getCell("A2").formula).toBe(FORMULAS.A2);
  expect(callsIomt(model.getCell("A3").formula)).toBe(false);
});
