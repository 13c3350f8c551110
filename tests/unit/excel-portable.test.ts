/**
 * Sharing a workbook, against the in-memory Excel stand-in: "Make portable" on the selection rewrites the IOMT
 * formulas within the request budget, and "Restore IOMT formulas" puts back exactly what was there, leaving alone
 * cells edited since. "Check workbook" and whole-workbook "Make portable" read each sheet's used range.
 */
import { PAYLOAD_LIMIT, useFakeExcel } from "../support/fake-excel";
import { CHECKS } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { DEFAULT_OPTIONS } from "../../src/core/plan";
import { convertFormula, callsIomt } from "../../src/core/portable";
import { checkWorkbook, makePortable, restoreFormulas } from "../../src/excel/portable";
import { insertTables } from "../../src/excel/workbook";
import { OWN_SHEETS } from "../../src/core/excel";

const DATA_SHEET_NAME = OWN_SHEETS.lookup.base;
const ORIGINALS_SHEET_NAME = OWN_SHEETS.originals.base;

const FORMULAS: Record<string, string> = {
  A1: '=IOMT.VALUE("USA",2026)',
  A2: "=IOMT.CAGR(B1,B2,5)*100",
  A3: '=SUM(1,2)&"IOMT.VALUE(1)"',
  A4: '=_xldudf_IOMT_RATE("Wearables")',
  A5: '=IOMT.ENTITY("USA")',
  C7: "=ROUND(IOMT.PROJECT(B1,0.23,5),0)",
};

const fake = useFakeExcel(["Model", "Notes"], (wb) => {
  const model = wb.sheet("Model");
  model.setCells("B1", [[28454], [79107]]);
  for (const [cell, f] of Object.entries(FORMULAS)) model.setCell(cell, f);
  wb.sheet("Notes").setCell("A1", '=IOMT.GROWTH("RTM")');
});

const formula = (sheet: string, cell: string) => fake.wb.sheet(sheet).cell(cell).formula;

/** Selects a block of a sheet, as the user would before "Make portable" on the selection. */
const select = (sheet: string, top: number, left: number, bottom: number, right: number) => {
  fake.wb.selection = { sheet: fake.wb.sheet(sheet), top, left, bottom, right };
};

test("make portable rewrites the IOMT formulas as the core converts them, keeps the originals very hidden, and lists what it cannot convert", async () => {
  select("Model", 0, 0, 6, 2);
  const result = await makePortable(INDEX, "selection");
  expect(result.converted.map((c) => `${c.sheet}!${c.cell}`)).toEqual(["Model!A1", "Model!A2", "Model!A4", "Model!C7"]);
  expect(result.problems.map((p) => [p.cell, p.problem])).toEqual([["A5", expect.stringMatching(/data type/)]]);
  expect(result.dataSheet).toBe(DATA_SHEET_NAME);
  const ctx = { tables: [], dataSheet: DATA_SHEET_NAME, file: false };
  expect(formula("Model", "A2")).toBe(convertFormula(FORMULAS.A2, INDEX, ctx).formula);
  expect(formula("Model", "A1")).toBe(convertFormula(FORMULAS.A1, INDEX, ctx).formula);
  expect(formula("Model", "A3")).toBe(FORMULAS.A3);
  expect(formula("Model", "A5")).toBe(FORMULAS.A5);
  for (const cell of ["A1", "A2", "A4", "C7"]) expect(callsIomt(formula("Model", cell))).toBe(false);
  expect(formula("Notes", "A1")).toBe('=IOMT.GROWTH("RTM")');
  expect(fake.wb.sheet(ORIGINALS_SHEET_NAME).visibility).toBe("VeryHidden");
  expect(fake.wb.sheet(ORIGINALS_SHEET_NAME).values("A1:G2")).toEqual([
    ["Sheet", "Cell", "Form", "Original", "Portable", "Records", 4],
    ["Model", "A1", "excel", FORMULAS.A1, formula("Model", "A1"), "", ""],
  ]);
  expect(fake.wb.sheet(DATA_SHEET_NAME).values("A1:D1")[0]).toEqual(["Segment", "Year", "Value", "Source"]);
  expect(fake.wb.sheet(DATA_SHEET_NAME).values("A2:C2")[0]).toEqual(["Global", 2024, 78643.2]);
  expect(fake.excel.maxRequestBytes).toBeLessThan(1024 * 1024);
});

test("make portable on the selection changes only the selected cells; a second run adds to the kept originals", async () => {
  const model = fake.wb.sheet("Model");
  fake.wb.selection = { sheet: model, top: 0, left: 0, bottom: 1, right: 0 };
  const first = await makePortable(INDEX, "selection");
  expect(first.converted.map((c) => c.cell)).toEqual(["A1", "A2"]);
  expect(formula("Model", "A4")).toBe(FORMULAS.A4);
  expect(formula("Notes", "A1")).toBe('=IOMT.GROWTH("RTM")');
  fake.wb.selection = { sheet: model, top: 6, left: 2, bottom: 6, right: 2 };
  await makePortable(INDEX, "selection");
  expect(fake.wb.sheet(ORIGINALS_SHEET_NAME).values("A2:B4")).toEqual([
    ["Model", "A1"],
    ["Model", "A2"],
    ["Model", "C7"],
  ]);
  const restored = await restoreFormulas(INDEX);
  expect(restored.restored).toBe(3);
  for (const cell of ["A1", "A2", "C7"]) expect(formula("Model", cell)).toBe(FORMULAS[cell]);
});

test("restore puts back exactly the original formulas, and leaves alone a cell edited since", async () => {
  select("Model", 0, 0, 6, 2);
  await makePortable(INDEX, "selection");
  fake.wb.sheet("Model").setCell("A4", "=1+1");
  const result = await restoreFormulas(INDEX);
  expect(result.restored).toBe(3);
  expect(result.skipped).toEqual([
    { sheet: "Model", cell: "A4", code: "edited-since", reason: "it was edited after it was made portable" },
  ]);
  for (const [cell, f] of Object.entries(FORMULAS)) expect(formula("Model", cell)).toBe(cell === "A4" ? "=1+1" : f);
  // only the edited cell's record is left
  expect(fake.wb.sheet(ORIGINALS_SHEET_NAME).values("A1:G3")).toEqual([
    ["Sheet", "Cell", "Form", "Original", "Portable", "Records", 1],
    ["Model", "A4", "excel", FORMULAS.A4, expect.stringContaining("INDEX("), "", ""],
    ["", "", "", "", "", "", ""],
  ]);
  const second = await restoreFormulas(INDEX);
  expect(second.restored).toBe(0);
  expect(second.skipped).toEqual([
    { sheet: "Model", cell: "A4", code: "edited-since", reason: "it was edited after it was made portable" },
  ]);
});

test("with the IoMT tables inserted, the lookup data reads the tables", async () => {
  await insertTables(INDEX, CHECKS, DEFAULT_OPTIONS);
  select("Model", 0, 0, 0, 0);
  await makePortable(INDEX, "selection");
  const data = fake.wb.sheet(DATA_SHEET_NAME);
  const row = data.values("A1:B200").findIndex(([s, y]) => s === "USA" && y === 2029);
  expect(data.cell(`C${row + 1}`).formula).toContain("IoMT_Regions[[2029]]");
});

test("writes go in requests under the budget: a small budget takes more round trips", async () => {
  const model = fake.wb.sheet("Model");
  for (let r = 10; r < 410; r++) model.setCell(`A${r}`, `=IOMT.VALUE("USA",${2024 + (r % 6)})+IOMT.RATE("NA")`);
  select("Model", 9, 0, 408, 0);
  const big = await makePortable(INDEX, "selection", 64 * 1024);
  expect(big.converted).toHaveLength(400);
  expect(fake.excel.maxRequestBytes).toBeLessThan(96 * 1024);
  expect(big.syncs).toBeGreaterThan(6);
  const restored = await restoreFormulas(INDEX, 64 * 1024);
  expect(restored.restored).toBe(400);
  expect(formula("Model", "A17")).toBe('=IOMT.VALUE("USA",2029)+IOMT.RATE("NA")');
});

test("check workbook lists every cell that would show #NAME? without the add-in, on every sheet, and changes nothing", async () => {
  const before = JSON.stringify(fake.wb.sheets.map((s) => [...s.cells]));
  const result = await checkWorkbook();
  expect(result.cells.map((c) => `${c.sheet}!${c.cell}`)).toEqual([
    "Model!A1",
    "Model!A2",
    "Model!A4",
    "Model!A5",
    "Model!C7",
    "Notes!A1",
  ]);
  expect(JSON.stringify(fake.wb.sheets.map((s) => [...s.cells]))).toBe(before);
});

test("make portable on the whole workbook converts every sheet; check then finds only what could not be converted; restore round-trips", async () => {
  const before = Object.fromEntries(["A1", "A2", "A3", "A4", "A5", "C7"].map((c) => [c, formula("Model", c)]));
  const result = await makePortable(INDEX, "workbook");
  expect(result.converted.map((c) => `${c.sheet}!${c.cell}`)).toEqual([
    "Model!A1",
    "Model!A2",
    "Model!A4",
    "Model!C7",
    "Notes!A1",
  ]);
  expect(callsIomt(formula("Notes", "A1"))).toBe(false);
  expect((await checkWorkbook()).cells.map((c) => `${c.sheet}!${c.cell}`)).toEqual(["Model!A5"]);
  await restoreFormulas(INDEX);
  for (const [cell, f] of Object.entries(before)) expect(formula("Model", cell)).toBe(f);
  expect(formula("Notes", "A1")).toBe('=IOMT.GROWTH("RTM")');
});

const FOUND = ["Model!A1", "Model!A2", "Model!A4", "Model!A5", "Model!C7", "Notes!A1"];

describe("100,000 formulas", () => {
  // 87 bytes a cell in a response: 8.7 MB in all, past Excel on the web's 5 MB for one response
  const LONG = '=IOMT.CAGR(1,2,5)+LEN("a note long enough that the sheet passes five megabytes")';
  const ROWS = 100000;
  const fill = (sheet: string) =>
    fake.wb.sheet(sheet).setCells(
      "A1",
      Array.from({ length: ROWS }, () => [LONG]),
    );

  test("check workbook reads them in slices, each response under the budget", async () => {
    fake.wb.addSheet("Big");
    fill("Big");
    fake.excel.resetCounters();
    const result = await checkWorkbook();
    expect(result.cells.filter((c) => c.sheet === "Big")).toHaveLength(ROWS);
    expect(result.cells[result.cells.length - 1]).toMatchObject({ sheet: "Big", cell: `A${ROWS}` });
    expect(fake.excel.maxResponseBytes).toBeLessThan(1024 * 1024);
    expect(fake.excel.responses.reduce((a, b) => a + b, 0)).toBeGreaterThan(PAYLOAD_LIMIT);
  });

  test("make portable reads and converts them all within the budget", async () => {
    fake.wb.addSheet("Big");
    fill("Big");
    fake.excel.resetCounters();
    const result = await makePortable(INDEX, "workbook");
    expect(result.converted.filter((c) => c.sheet === "Big")).toHaveLength(ROWS);
    expect(formula("Big", `A${ROWS}`)).toBe(
      '=RRI(5,1,2)+LEN("a note long enough that the sheet passes five megabytes")',
    );
    expect(fake.excel.maxResponseBytes).toBeLessThan(1024 * 1024);
    expect(fake.excel.maxRequestBytes).toBeLessThan(1024 * 1024 + 4096);
  });

  test("a response larger than estimated (long texts) is refused by Excel and read again in smaller slices", async () => {
    const notes = fake.wb.addSheet("Long notes");
    notes.setCells(
      "A1",
      Array.from({ length: 2000 }, (_, i) => [`${"n".repeat(4000)}${i}`]),
    );
    notes.setCell("B2000", '=IOMT.RATE("NA")');
    fake.excel.resetCounters();
    const result = await checkWorkbook();
    expect(result.cells.map((c) => `${c.sheet}!${c.cell}`)).toContain("Long notes!B2000");
    // the first attempt was refused as too large; the slices that followed were not
    expect(Math.max(...fake.excel.responses)).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(fake.excel.responses[fake.excel.responses.length - 1]).toBeLessThan(PAYLOAD_LIMIT);
    // make portable too, on the workbook and on the selection: what it reads beside the formulas is not lost
    fake.excel.resetCounters();
    select("Long notes", 0, 0, 1999, 1);
    const selected = await makePortable(INDEX, "selection");
    expect(selected.converted.map((c) => c.cell)).toEqual(["B2000"]);
    expect(Math.max(...fake.excel.responses)).toBeGreaterThan(PAYLOAD_LIMIT);
    const whole = await makePortable(INDEX, "workbook");
    expect(whole.converted.map((c) => `${c.sheet}!${c.cell}`)).toEqual(FOUND.filter((c) => c !== "Model!A5"));
    expect((await restoreFormulas(INDEX)).restored).toBe(whole.converted.length + selected.converted.length);
  });
});

test("restore removes the add-in's originals and lookup sheets once every original is back, as the command line does", async () => {
  fake.wb.sheet("Model").setCell("A5", "=1");
  await makePortable(INDEX, "workbook");
  expect(fake.wb.findSheet(ORIGINALS_SHEET_NAME)?.visibility).toBe("VeryHidden");
  expect(fake.wb.findSheet(DATA_SHEET_NAME)).toBeDefined();
  const result = await restoreFormulas(INDEX);
  expect(result.removed).toEqual([ORIGINALS_SHEET_NAME, DATA_SHEET_NAME]);
  expect(fake.wb.sheets.map((s) => s.name)).toEqual(["Model", "Notes"]);
  for (const [cell, f] of Object.entries(FORMULAS)) if (cell !== "A5") expect(formula("Model", cell)).toBe(f);
  expect(formula("Notes", "A1")).toBe('=IOMT.GROWTH("RTM")');
});

test("restore keeps the add-in's sheets while a record remains or an analyst's formula reads the lookup data", async () => {
  fake.wb.sheet("Model").setCell("A5", "=1");
  await makePortable(INDEX, "workbook");
  fake.wb.sheet("Notes").setCell("B1", `='${DATA_SHEET_NAME}'!C2*2`);
  const result = await restoreFormulas(INDEX);
  expect(result.restored).toBe(5);
  expect(result.removed).toEqual([]);
  expect(fake.wb.findSheet(DATA_SHEET_NAME)).toBeDefined();
  expect(formula("Notes", "B1")).toBe(`='${DATA_SHEET_NAME}'!C2*2`);
  expect(fake.wb.sheet(ORIGINALS_SHEET_NAME).values("F1:G1")).toEqual([["Records", 0]]);
});

test("restore removes the add-in's sheets once the last formula reading them is gone, with no record left", async () => {
  await makePortable(INDEX, "workbook");
  fake.wb.sheet("Notes").setCell("B1", `='${DATA_SHEET_NAME}'!C2*2`);
  expect((await restoreFormulas(INDEX)).removed).toEqual([]);
  fake.wb.sheet("Notes").setCell("B1", "=2");
  const again = await restoreFormulas(INDEX);
  expect([again.restored, again.skipped, again.refused]).toEqual([0, [], []]);
  expect(again.removed).toEqual([ORIGINALS_SHEET_NAME, DATA_SHEET_NAME]);
  expect(fake.wb.sheets.map((s) => s.name)).toEqual(["Model", "Notes"]);
});

test("the pane keeps each record's kind column, and leaves an array formula's record for the command line", async () => {
  select("Model", 0, 0, 1, 0);
  await makePortable(INDEX, "selection");
  const originals = fake.wb.sheet(ORIGINALS_SHEET_NAME);
  expect(originals.values("H1:I3")).toEqual([
    ["Kind", "Range"],
    ["", ""],
    ["", ""],
  ]);
  // Model!A1's record as the command line writes an array formula's
  originals.setCells("H2", [["array", "A1:A1"]]);
  const portableA1 = formula("Model", "A1");
  const result = await restoreFormulas(INDEX);
  expect(result.restored).toBe(1);
  expect(formula("Model", "A2")).toBe(FORMULAS.A2);
  expect(formula("Model", "A1")).toBe(portableA1);
  expect(result.skipped).toEqual([
    { sheet: "Model", cell: "A1", code: "array-not-writable", reason: expect.stringMatching(/npm run portable/) },
  ]);
  expect(originals.values("A2:I2")).toEqual([
    ["Model", "A1", "excel", FORMULAS.A1, portableA1, "", "", "array", "A1:A1"],
  ]);
});
