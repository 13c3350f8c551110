/** `npm run portable -- IN OUT` and `-- --restore IN OUT` on a small file: the script, its messages and its output. */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { OWN_SHEETS, qualified } from "../../src/core/excel";

const DATA_SHEET_NAME = OWN_SHEETS.lookup.base;
const ORIGINALS_SHEET_NAME = OWN_SHEETS.originals.base;

const SCRIPT = path.resolve(__dirname, "..", "..", "scripts", "portable.js");
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

/** Every cell of a sheet with its value (formulas included), for comparing cell for cell. */
function cellsOf(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => out.push(`${cell.address}=${JSON.stringify(cell.value)}`)),
  );
  return out;
}

test("an analyst's visible sheets named like the add-in's (any case) keep every cell and have their formulas converted and restored", async () => {
  const names = ["IoMT Lookup", "iomt originals", "IOMT RECORD"];
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Calc").getCell("A1").value = { formula: 'IOMT.VALUE("USA",2029)' } as ExcelJS.CellFormulaValue;
  for (const name of names) {
    const ws = wb.addWorksheet(name);
    ws.getCell("A1").value = "Sheet";
    ws.getCell("B1").value = 7;
    ws.getCell("AF1").value = "mine";
    ws.getCell("C2").value = { formula: 'IOMT.RATE("NA")*2' } as ExcelJS.CellFormulaValue;
  }
  await wb.xlsx.writeFile(file("named.xlsx"));
  const input = await read("named.xlsx");

  const out = run(file("named.xlsx"), file("named-out.xlsx"));
  expect(out).toContain("Made 4 formula(s) portable; lookup data on sheet 'IoMT Lookup (2)'");
  const portable = await read("named-out.xlsx");
  for (const name of names) {
    const ws = portable.getWorksheet(name)!;
    expect(ws.state).toBe("visible");
    expect(ws.getCell("C2").formula).toContain("'IoMT Lookup (2)'!");
    expect(cellsOf(ws).filter((c) => !c.startsWith("C2="))).toEqual(
      cellsOf(input.getWorksheet(name)!).filter((c) => !c.startsWith("C2=")),
    );
  }
  expect(portable.getWorksheet("IoMT Originals (2)")!.state).toBe("veryHidden");

  expect(run("--restore", file("named-out.xlsx"), file("named-back.xlsx"))).toContain("Restored 4 IOMT formula(s).");
  const back = await read("named-back.xlsx");
  expect(back.worksheets.map((w) => w.name)).toEqual(input.worksheets.map((w) => w.name));
  for (const ws of input.worksheets) expect(cellsOf(back.getWorksheet(ws.name)!)).toEqual(cellsOf(ws));
});

test("restore refuses kept records that are not what Make portable wrote, lists each, and counts only what it wrote", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Calc");
  ws.getCell("A1").value = { formula: 'IOMT.VALUE("USA",2026)' } as ExcelJS.CellFormulaValue;
  for (const cell of ["B1", "B2", "B3", "B4"]) ws.getCell(cell).value = { formula: "1+1" } as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(file("trust.xlsx"));
  run(file("trust.xlsx"), file("trust-out.xlsx"));
  const portable = await read("trust-out.xlsx");
  const store = portable.getWorksheet(ORIGINALS_SHEET_NAME)!;
  const tampered = [
    ["Calc", "B1", "file", 'WEBSERVICE("https://example.org")', "1+1"],
    ["Calc", "B2", "file", 'HYPERLINK("https://example.org")', "1+1"],
    ["Calc", "B3", "file", "cmd|' /C calc'!A0", "1+1"],
    ["Calc", "B4", "file", 'IOMT.VALUE("USA",2029)', "1+1"],
    [DATA_SHEET_NAME, "C2", "file", 'IOMT.VALUE("USA",2024)', "1+1"],
  ];
  tampered.forEach((row, i) => row.forEach((v, j) => (store.getCell(3 + i, 1 + j).value = v)));
  store.getCell("G1").value = 1 + tampered.length;
  await portable.xlsx.writeFile(file("trust-tampered.xlsx"));

  const out = run("--restore", file("trust-tampered.xlsx"), file("trust-back.xlsx"));
  for (const cell of ["B1", "B2", "B3"])
    expect(out).toContain(`Refused the kept record for Calc!${cell}: the kept formula does not call an IOMT function.`);
  expect(out).toContain(
    "Refused the kept record for Calc!B4: the kept formula does not convert to the portable formula kept with it.",
  );
  expect(out).toContain(
    `Refused the kept record for ${qualified(DATA_SHEET_NAME, "C2")}: it is on one of the add-in's own sheets.`,
  );
  expect(out).toContain("Restored 1 IOMT formula(s).");
  const back = await read("trust-back.xlsx");
  const calc = back.getWorksheet("Calc")!;
  expect(calc.getCell("A1").formula).toBe('IOMT.VALUE("USA",2026)');
  for (const cell of ["B1", "B2", "B3", "B4"]) expect(calc.getCell(cell).formula).toBe("1+1");
});

test("restore of a file whose originals count is 1e300 says so at once and writes nothing back", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Calc").getCell("A1").value = { formula: 'IOMT.RATE("NA")' } as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(file("count.xlsx"));
  run(file("count.xlsx"), file("count-out.xlsx"));
  const portable = await read("count-out.xlsx");
  portable.getWorksheet(ORIGINALS_SHEET_NAME)!.getCell("G1").value = 1e300;
  await portable.xlsx.writeFile(file("count-tampered.xlsx"));
  const out = run("--restore", file("count-tampered.xlsx"), file("count-back.xlsx"));
  expect(out).toContain("is not a whole number from 0 to 1048575");
  expect(out).toContain("Restored 0 IOMT formula(s).");
  expect((await read("count-back.xlsx")).getWorksheet("Calc")!.getCell("A1").formula).not.toContain("IOMT");
});

test("restore keeps the add-in's sheets while an analyst's formula reads the lookup data, and removes them after", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Calc").getCell("A1").value = { formula: 'IOMT.VALUE("USA",2026)' } as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(file("refers.xlsx"));
  run(file("refers.xlsx"), file("refers-out.xlsx"));
  const portable = await read("refers-out.xlsx");
  portable.getWorksheet("Calc")!.getCell("B1").value = {
    formula: `${qualified(DATA_SHEET_NAME, "C2")}*2`,
  } as ExcelJS.CellFormulaValue;
  await portable.xlsx.writeFile(file("refers-edited.xlsx"));
  expect(run("--restore", file("refers-edited.xlsx"), file("refers-back.xlsx"))).not.toContain("Removed");
  const back = await read("refers-back.xlsx");
  expect(back.worksheets.map((w) => w.name).sort()).toEqual(["Calc", DATA_SHEET_NAME, ORIGINALS_SHEET_NAME].sort());
  expect(back.getWorksheet("Calc")!.getCell("A1").formula).toBe('IOMT.VALUE("USA",2026)');

  const out = run("--restore", file("refers-out.xlsx"), file("refers-clean.xlsx"));
  expect(out).toContain(`Removed the add-in's sheets: '${ORIGINALS_SHEET_NAME}', '${DATA_SHEET_NAME}'.`);
  expect((await read("refers-clean.xlsx")).worksheets.map((w) => w.name)).toEqual(["Calc"]);
});

test("make portable says when the originals kept before cannot be read", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Calc").getCell("A1").value = { formula: 'IOMT.RATE("NA")' } as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(file("kept.xlsx"));
  run(file("kept.xlsx"), file("kept-out.xlsx"));
  const portable = await read("kept-out.xlsx");
  portable.getWorksheet(ORIGINALS_SHEET_NAME)!.getCell("G1").value = "many";
  portable.getWorksheet("Calc")!.getCell("A2").value = { formula: 'IOMT.RATE("EU")' } as ExcelJS.CellFormulaValue;
  await portable.xlsx.writeFile(file("kept-tampered.xlsx"));
  const out = run(file("kept-tampered.xlsx"), file("kept-again.xlsx"));
  expect(out).toContain(`The sheet '${ORIGINALS_SHEET_NAME}' cannot be read: its count of records (many)`);
  expect(out).toContain("Only this run's originals are kept.");
});

test("restore puts an array formula back over its range and a shared formula back as one shared formula", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Calc");
  // an array formula over A1:B6 (<f t="array" ref="A1:B6">) and a shared formula over D1:D3 (<f t="shared">)
  ws.getCell("A1").value = {
    formula: 'IOMT.SERIES("USA")',
    shareType: "array",
    ref: "A1:B6",
  } as unknown as ExcelJS.CellFormulaValue;
  for (const r of [1, 2, 3]) ws.getCell(`C${r}`).value = 100 * r;
  ws.getCell("D1").value = {
    formula: "IOMT.PROJECT(C1,0.1,2)",
    shareType: "shared",
    ref: "D1:D3",
  } as unknown as ExcelJS.CellFormulaValue;
  ws.getCell("D2").value = { sharedFormula: "D1" } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("D3").value = { sharedFormula: "D1" } as ExcelJS.CellSharedFormulaValue;
  await wb.xlsx.writeFile(file("kinds.xlsx"));

  expect(run(file("kinds.xlsx"), file("kinds-out.xlsx"))).toContain("Made 4 formula(s) portable");
  const portable = (await read("kinds-out.xlsx")).getWorksheet("Calc")!;
  expect(portable.getCell("A1").value).toMatchObject({ shareType: "array", ref: "A1:B6" });
  expect(portable.getCell("A1").formula).not.toContain("IOMT");

  expect(run("--restore", file("kinds-out.xlsx"), file("kinds-back.xlsx"))).toContain("Restored 4 IOMT formula(s).");
  const back = (await read("kinds-back.xlsx")).getWorksheet("Calc")!;
  expect(back.getCell("A1").value).toMatchObject({ formula: 'IOMT.SERIES("USA")', shareType: "array", ref: "A1:B6" });
  expect(back.getCell("D1").value).toMatchObject({
    formula: "IOMT.PROJECT(C1,0.1,2)",
    shareType: "shared",
    ref: "D1:D3",
  });
  for (const r of [2, 3]) {
    expect(back.getCell(`D${r}`).value).toMatchObject({ sharedFormula: "D1" });
    expect(back.getCell(`D${r}`).formula).toBe(`IOMT.PROJECT(C${r},0.1,2)`);
  }
});

test("restore leaves an array formula alone whose cell no longer holds it over the same range", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Calc").getCell("A1").value = {
    formula: 'IOMT.SERIES("USA")',
    shareType: "array",
    ref: "A1:B6",
  } as unknown as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(file("arr.xlsx"));
  run(file("arr.xlsx"), file("arr-out.xlsx"));
  const out = await read("arr-out.xlsx");
  const cell = out.getWorksheet("Calc")!.getCell("A1");
  cell.value = { formula: cell.formula } as ExcelJS.CellFormulaValue; // the same text, no longer an array formula
  await out.xlsx.writeFile(file("arr-edited.xlsx"));
  const said = run("--restore", file("arr-edited.xlsx"), file("arr-back.xlsx"));
  expect(said).toContain("Restored 0 IOMT formula(s).");
  expect(said).toMatch(/Calc!A1.*edited after it was made portable/);
  expect((await read("arr-back.xlsx")).getWorksheet("Calc")!.getCell("A1").formula).not.toContain("IOMT");
});
