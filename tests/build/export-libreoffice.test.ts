/**
 * The portable workbook, opened and recalculated in LibreOffice Calc: every table is there with its name and
 * headers, every formula's value matches the dataset and the core's functions, and no cell shows an error.
 */
import fs from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { recalculate } from "../support/libreoffice";
import { CHECKS, DATASET } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { cagr, impliedTotal } from "../../src/core/functions";
import { DEFAULT_OPTIONS, planWorkbook, type TablePlan } from "../../src/core/plan";
import { fileFormula, planToWorkbook } from "../../src/export/xlsx";

const plan = planWorkbook(INDEX, CHECKS, DEFAULT_OPTIONS);
let book: ExcelJS.Workbook;
let original: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-export-"));
  original = path.join(dir, "iomt-market.xlsx");
  await planToWorkbook(plan, DATASET).xlsx.writeFile(original);
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(recalculate(original));
}, 180000);

/** What a formula column must compute, from the row's own values, with the core's functions. */
function expected(t: TablePlan, row: (string | number)[], header: string): number | string {
  const v = (h: string) => row[t.columns.findIndex((c) => c.header === h)];
  const num = (x: unknown) => typeof x === "number";
  switch (header) {
    case "CAGR computed":
      return num(v("2024")) && num(v("2029")) ? cagr(v("2024"), v("2029"), 5) : "";
    case "Growth 2024-2029":
      return num(v("2024")) && num(v("2029")) ? (v("2029") as number) - (v("2024") as number) : "";
    case "Share of global computed":
      return num(v("2029")) && num(v("Global 2029")) ? (v("2029") as number) / (v("Global 2029") as number) : "";
    case "Implied total":
      return num(v("2029")) && num(v("Share stated")) ? impliedTotal(v("2029"), v("Share stated")) : "";
    case "IoMT share computed":
      return num(v("IoMT share stated")) ? INDEX.figures.get("value:Global:2029")!.value! / (v("2029") as number) : "";
    case "Share of the three computed": {
      const total = t.rows.reduce((s, r) => s + (r[1] as number), 0);
      return (v("Growth 2024-2029") as number) / total;
    }
    case "Status": {
      // the check's own intervals decide (three of the other publishers' checks fail)
      const [sl, sh, cl, ch] = ["Stated low", "Stated high", "Computed low", "Computed high"].map((h) => v(h) as number);
      const passed = v("Relation") === "agrees" ? cl <= sh && sl <= ch : ch <= sl;
      return passed ? "pass" : "fail";
    }
    default:
      throw new Error(`no expectation for formula column ${header}`);
  }
}

const resultOf = (cell: ExcelJS.Cell): unknown => {
  const v = cell.value as any;
  if (v && typeof v === "object" && "formula" in v) return v.result ?? "";
  return v ?? "";
};

test("the file keeps every table, its name, headers and number formats", () => {
  for (const sheet of plan.sheets) {
    const ws = book.getWorksheet(sheet.name)!;
    expect(ws).toBeDefined();
    for (const placed of sheet.tables) {
      const t = placed.table;
      const headerRow = ws.getRow(placed.headerRow + 1);
      expect(t.columns.map((_, j) => String(headerRow.getCell(j + 1).value))).toEqual(t.columns.map((c) => c.header));
      t.numberFormats[0].forEach((f, j) => expect(ws.getCell(placed.headerRow + 2, j + 1).numFmt ?? "General").toBe(f));
    }
  }
  const names = book.worksheets.flatMap((ws) => Object.keys((ws as any).tables ?? {}));
  expect(names.sort()).toEqual(plan.tables.map((t) => t.tableName).sort());
});

test("every formula's value, recalculated by LibreOffice, matches the core's functions", () => {
  let checked = 0;
  for (const sheet of plan.sheets) {
    const ws = book.getWorksheet(sheet.name)!;
    for (const placed of sheet.tables) {
      const t = placed.table;
      t.rows.forEach((row, i) =>
        row.forEach((c, j) => {
          const cell = ws.getCell(placed.headerRow + 2 + i, j + 1);
          if (typeof c === "string" && c.startsWith("=")) {
            const want = expected(t, row, t.columns[j].header);
            const got = resultOf(cell);
            if (typeof want === "number") {
              expect(typeof got).toBe("number");
              expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
            } else {
              expect(got).toBe(want);
            }
            checked++;
          } else if (typeof c === "number") {
            // spreadsheet files keep 15 significant digits, as Excel does
            expect(Math.abs((resultOf(cell) as number) - c)).toBeLessThanOrEqual(1e-14 * Math.abs(c));
          } else {
            expect(resultOf(cell)).toEqual(c);
          }
        }),
      );
    }
  }
  const formulas = plan.tables.flatMap((t) => t.rows.flat()).filter((c) => typeof c === "string" && c.startsWith("="));
  expect(checked).toBe(formulas.length);
  expect(checked).toBeGreaterThan(50);
});

test("no cell shows an error", () => {
  const errors: string[] = [];
  for (const ws of book.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const r = resultOf(cell) as any;
        const text = typeof r === "object" && r && "error" in r ? r.error : String(r);
        if (/^#(NAME\?|REF!|VALUE!|N\/A|NUM!|DIV\/0!|NULL!)/.test(text) || /^Err:/.test(text))
          errors.push(`${ws.name}!${cell.address}: ${text}`);
      }),
    );
  }
  expect(errors).toEqual([]);
});

test("document properties name the source and the dataset edition", async () => {
  const raw = new ExcelJS.Workbook();
  await raw.xlsx.readFile(original);
  expect(raw.title).toContain("edition 2026-01-06");
  expect(raw.subject).toContain("EINPresswire, 6 January 2026");
  expect(raw.keywords).toContain("1.0.0");
});

test("RRI is written so that Excel and LibreOffice both know it", () => {
  expect(fileFormula('=IF(A1="","",RRI(5,A1,B1))')).toBe('IF(A1="","",_xlfn.RRI(5,A1,B1))');
  expect(fileFormula("=XRRI(1)")).toBe("XRRI(1)");
});

test("the portable workbook refuses IOMT.* formulas", () => {
  expect(() => planToWorkbook(planWorkbook(INDEX, CHECKS, { ...DEFAULT_OPTIONS, formulas: "iomt" }), DATASET)).toThrow(
    /native/,
  );
});
