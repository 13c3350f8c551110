/** IOMT.ESTIMATES and IOMT.RANGE made portable: native formulas over the data sheet's estimates blocks. */
import { convertFormula, dataLayout, dataSheetRows } from "../../src/core/portable";
import { publisherEstimates, publisherRange } from "../../src/core/functions";
import { INDEX } from "../../src/data/bundled";
import { PUBLISHER_ESTIMATES } from "../../src/data/estimates";
import { FakeWorkbook } from "../support/fake-excel";
import { formulaValue } from "../support/formula-values";

const SHEET = "IoMT Lookup";
const ctx = { tables: [], dataSheet: SHEET, file: false };
const rows = dataSheetRows(INDEX, ctx);
const wb = new FakeWorkbook([SHEET, "Model"]);
wb.sheet(SHEET).setCells("A1", rows);
const model = wb.sheet("Model");
const native = (formula: string) => convertFormula(formula, INDEX, ctx);

describe("the data sheet's estimates blocks", () => {
  const layout = dataLayout(INDEX, SHEET);
  const [first, last] = layout.estimateYears;

  test("every year's rows hold what IOMT.ESTIMATES spills, and its range row what IOMT.RANGE gives", () => {
    expect([first, last]).toEqual([2012, 2034]);
    for (let year = first; year <= last; year++) {
      const top = layout.top.estimates + 1 + (year - first) * layout.publishers;
      const block = rows.slice(top, top + layout.publishers).map((r) => r.slice(0, 5));
      const spilled = publisherEstimates(PUBLISHER_ESTIMATES, year).map((r) => [
        r[0],
        r[1] === "" ? '=""' : r[1],
        r[2],
        r[3],
        year,
      ]);
      expect(block).toEqual(spilled);
      const range = rows[layout.top.estimateRanges + 1 + (year - first)].slice(6, 11);
      let expected: unknown[];
      try {
        expected = [year, ...publisherRange(PUBLISHER_ESTIMATES, year)[0]];
      } catch {
        expected = [year, "=NA()", "=NA()", "=NA()", "=NA()"];
      }
      expect(range).toEqual(expected);
    }
  });

  test("the blocks stand below the others and left of the sheet's mark (AF1)", () => {
    expect(layout.top.estimates).toBeGreaterThan(Math.max(layout.rows.values, layout.rows.names));
    expect(rows[0].length).toBeLessThanOrEqual(31);
  });
});

describe("native formulas", () => {
  const layout = dataLayout(INDEX, SHEET);
  const col = (block: "estimates" | "estimateRanges", header: string) => layout.range(block, header);
  /** the data sheet's cell at a 1-based row of a block's column, as the formula's INDEX reads it */
  const cellAt = (block: "estimates" | "estimateRanges", header: string, row: number) =>
    formulaValue(wb, model, `=INDEX(${col(block, header)},${row})`);

  test("IOMT.ESTIMATES(2029) is the year's rows, Publisher to Source", () => {
    const c = native("=IOMT.ESTIMATES(2029)");
    expect(c).toMatchObject({ changed: true, usesDataSheet: true });
    expect(c.formula).toBe(
      `=(INDEX(${col("estimates", "Publisher")},17*11+1):INDEX(${col("estimates", "Source")},17*11+11))`,
    );
    expect(native("=IOMT.ESTIMATES()").formula).toBe(c.formula);
    // the corners of that range are the first publisher's name and the last publisher's source in 2029
    const spilled = publisherEstimates(PUBLISHER_ESTIMATES, 2029);
    expect(cellAt("estimates", "Publisher", 17 * 11 + 1)).toBe(spilled[0][0]);
    expect(cellAt("estimates", "Source", 17 * 11 + 11)).toBe(spilled[10][3]);
    expect(cellAt("estimates", "Value", 17 * 11 + 2)).toBeCloseTo(spilled[1][1] as number, 9);
  });

  test("IOMT.RANGE(2024) is the year's row, Low to Publishers, #N/A where no page reaches the year", () => {
    const c = native("=IOMT.RANGE(2024)");
    const at = (h: string) => `INDEX(${col("estimateRanges", h)},(12)+1)`.replace("(12)", "12");
    expect(c.formula).toBe(`=IF(ISERROR(${at("Publishers")}),NA(),${at("Low")}:${at("Publishers")})`);
    const [[low, median, high, count]] = publisherRange(PUBLISHER_ESTIMATES, 2024);
    expect(
      [13, 13, 13, 13].map((r, i) => cellAt("estimateRanges", ["Low", "Median", "High", "Publishers"][i], r)),
    ).toEqual([low, median, high, count].map((x) => Number(x.toPrecision(15)))); // Excel keeps 15 digits
    expect(cellAt("estimateRanges", "Publishers", 2013 - 2012 + 1)).toEqual({ error: "#N/A" });
  });

  test("a year from a cell is checked as the functions check it; a literal out of range is #N/A", () => {
    const c = native("=IOMT.RANGE(B1)").formula;
    expect(c).toContain("IF(ISNUMBER(B1),IF(AND(B1>=2012,B1<=2034,B1=INT(B1)),");
    expect(c).toContain("(B1-2012)+1");
    expect(c).toContain("0*LEN(B1)+#VALUE!");
    expect(native("=IOMT.ESTIMATES(2040)").formula).toBe("=NA()");
    expect(native("=IOMT.RANGE(2024.5)").formula).toBe("=NA()");
  });
});
