/** `npm run portable -- IN OUT` and `-- --restore IN OUT` on a small file: the script, its messages and its output. */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { OWN_SHEETS } from "../src/core/own-sheets";

const DATA_SHEET_NAME = OWN_SHEETS.lookup.base;
const ORIGINALS_SHEET_NAME = OWN_SHEETS.originals.base;

const SCRIPT = path.resolve(__dirname, "..", "scripts", "portable.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-portable-cli-"));
const file = (name: string) => path.join(dir, name);
const run = (...args: string[]) => execFileSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8" });
const FORMULAS = {
  B1: "_xldudf_IOMT_VALUE(A1,2026)",
  B2: 'IOMT.CAGR(100,200,5)+SUM(1,2)&"IOMT.RATE(x)"',
  B3: 'IOMT.ENTITY("USA")',
  B4: "SUM(1,2)",
};

async function read(name: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file(name));
  return wb;
}

test("converts a file, says what it left, and restores it", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Calc");
  ws.getCell("A1").value = "USA";
  for (const [cell, formula] of Object.entries(FORMULAS))
    ws.getCell(cell).value = { formula } as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(file("in.xlsx"));

  const out = run(file("in.xlsx"), file("out.xlsx"));
  expect(out).toContain("Left Calc!B3 as it is: IOMT.ENTITY returns a data type");
  expect(out).toContain(`Made 2 formula(s) portable; lookup data on sheet '${DATA_SHEET_NAME}'; 1 left as they were.`);
  const portable = await read("out.xlsx");
  const calc = portable.getWorksheet("Calc")!;
  expect(calc.getCell("B2").formula).toBe('_xlfn.RRI(5,100,200)+SUM(1,2)&"IOMT.RATE(x)"');
  expect(calc.getCell("B1").formula).toContain(`'${DATA_SHEET_NAME}'!`);
  expect(calc.getCell("B4").formula).toBe("SUM(1,2)");
  expect(portable.getWorksheet(ORIGINALS_SHEET_NAME)!.state).toBe("veryHidden");

  expect(run("--restore", file("out.xlsx"), file("back.xlsx"))).toContain("Restored 2 IOMT formula(s).");
  const back = await read("back.xlsx");
  for (const [cell, formula] of Object.entries(FORMULAS))
    expect(back.getWorksheet("Calc")!.getCell(cell).formula).toBe(formula);
  expect(back.worksheets.map((w) => w.name)).toEqual(["Calc"]);
});

test("without two paths it says how to use it and fails", () => {
  expect(() =>
    execFileSync(process.execPath, [SCRIPT, file("only.xlsx")], { encoding: "utf8", stdio: "pipe" }),
  ).toThrow(/Usage: npm run portable/);
});
