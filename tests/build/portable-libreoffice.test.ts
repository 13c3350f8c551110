/**
 * Proof in a real spreadsheet application: generated IOMT formulas (nested calls, native functions around them,
 * cell and range arguments, bad arguments, quoted text mentioning IOMT) are computed with the core's functions,
 * converted by `npm run portable`'s code, recalculated by LibreOffice Calc and compared. Argument cells are changed
 * after the conversion, so the lookups must follow them. A second workbook carries the IoMT tables: there the
 * lookups read the tables, and a figure changed in a table reaches them.
 */
import fs from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { DOMParser } from "@xmldom/xmldom";
import { CHECKS, DATASET } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import {
  cagr,
  impliedTotal,
  project,
  share,
  FormulaError,
  driverContribution,
  segmentGrowth,
  segmentNames,
  segmentRate,
  segmentSeries,
  segmentSource,
  segmentValue,
} from "../../src/core/functions";
import { DEFAULT_OPTIONS, planWorkbook } from "../../src/core/plan";
import { callsIomt } from "../../src/core/portable";
import { makeFilePortable, restoreFile } from "../../src/export/portable";
import { openWorkbook } from "../../src/export/workbook-file";
import type { WorkbookPackage } from "../../src/export/workbook-package";
import { planToWorkbook } from "../../src/export/xlsx";
import { recalculate } from "../support/libreoffice";
import { CALC_FORMULAS, fixtureWorkbook } from "../support/ooxml-fixture";
import { MARK_CELL, OWN_SHEETS, ownSheetMark } from "../../src/core/excel";

const DATA_SHEET_NAME = OWN_SHEETS.lookup.base;
const ORIGINALS_SHEET_NAME = OWN_SHEETS.originals.base;

// ------------------------------------------------------------------ values as a spreadsheet has them

interface Err {
  error: string;
}
type Scalar = number | string | boolean | null | Err;
type Val = Scalar | Scalar[][];
const isErr = (v: unknown): v is Err => typeof v === "object" && v !== null && !Array.isArray(v) && "error" in v;
const err = (code: string): Err => ({ error: code });
/**
 * An error that INDEX or ROWS is given: Excel passes it on, LibreOffice turns it into #VALUE! or #NUM!, so any
 * error code is taken for it (it still has to be an error).
 */
const ANY = "any error";
const throughIndex = (v: Val): Val => (isErr(v) ? err(ANY) : v);
/**
 * Where two different errors meet, Excel keeps the left one; LibreOffice may keep either (an error raised inside a
 * function wins there), so any error is taken. Which error wins is the application's rule, not the conversion's.
 */
const clash = (...vs: Val[]): boolean => {
  const codes = new Set(vs.filter(isErr).map((v) => (v as Err).error));
  return codes.has(ANY) || codes.size > 1;
};

/** The input cells, before and after the change made to the converted file. */
const INPUTS: Record<string, Scalar> = {
  A1: 28454,
  A2: 79107,
  A3: 5,
  A4: 0.23,
  A5: -3,
  A6: 0,
  A7: 0.51,
  A8: 122211,
  A9: 2.5,
  A10: 10000,
  B1: "North America",
  B2: "U.S.A.",
  B3: "wearables",
  B4: "Real time monitoring",
  B5: "IoT",
  B6: "Stationary devices",
  B7: "Atlantis",
  B8: "device type",
  B9: "end users",
  B10: "Telehealth",
  B11: "RPM",
  B12: "abc",
  C1: 2024,
  C2: 2026,
  C3: 2029,
  C4: 2031,
  C5: 2025.5,
  C6: "2026",
  D1: null,
  D2: true,
  D3: err("#N/A"),
  D4: err("#DIV/0!"),
  E1: 10,
  E2: 20,
  E3: null,
  E4: 30,
  F1: 1,
  F2: 2,
  F3: "x",
};
const CHANGED: Record<string, Scalar> = {
  A1: 30000,
  B1: "USA",
  C2: 2027,
  B3: "Healthcare providers",
  B11: "connected devices",
};
type Env = Record<string, Scalar>;

// ------------------------------------------------------------------ the oracle: Excel's rules around the core's functions

const coreCall = (f: () => unknown): Val => {
  try {
    const v = f();
    return Array.isArray(v)
      ? (v.map((row) => row.map((c: unknown) => (c instanceof FormulaError ? err(c.code) : c))) as Scalar[][])
      : (v as Scalar);
  } catch (e) {
    if (e instanceof FormulaError) return err(e.code);
    throw e;
  }
};
/** A custom function's arguments: an error argument is the result, as Excel passes no error to a function. */
const iomt = (args: Val[], f: (...a: unknown[]) => unknown): Val => {
  if (clash(...args)) return err(ANY);
  for (const a of args) if (isErr(a)) return a;
  return coreCall(() => f(...args.map((a) => (a === null ? "" : a))));
};
/** A native operand as a number: blank 0, TRUE 1, numeric text its number, other text #VALUE!. */
const asNumber = (v: Val): number | Err => {
  if (isErr(v)) return v;
  if (Array.isArray(v)) return asNumber(v[0][0]);
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  const n = Number(v);
  return v.trim() !== "" && Number.isFinite(n) ? n : err("#VALUE!");
};
const arith = (a: Val, b: Val, f: (x: number, y: number) => number): Val => {
  if (clash(a, b)) return err(ANY);
  const x = asNumber(a);
  if (isErr(x)) return x;
  const y = asNumber(b);
  if (isErr(y)) return y;
  const r = f(x, y);
  return Number.isFinite(r) ? r : err(Number.isNaN(r) ? "#NUM!" : "#NUM!");
};
/** x > 1 as Excel compares: text and TRUE/FALSE are greater than any number, a blank is 0. */
const greaterThanOne = (x: Scalar): boolean | Err =>
  isErr(x) ? x : typeof x === "string" || typeof x === "boolean" ? true : (x ?? 0) > 1;
const scalar = (v: Val): Scalar => (Array.isArray(v) ? v[0][0] : v);
const index = (v: Val, r: number, c: number): Val => {
  if (isErr(v)) return v;
  const m = Array.isArray(v) ? v : [[v]];
  if (r > m.length || c > (m[0]?.length ?? 0)) return err("#REF!");
  const x = m[r - 1][c - 1];
  return x === "" ? null : x;
};

interface Expr {
  text: string;
  kind: "num" | "text" | "array";
  eval(env: Env): Val;
}
const lit = (n: number): Expr => ({ text: String(n), kind: "num", eval: () => n });
const str = (s: string): Expr => ({ text: `"${s.split('"').join('""')}"`, kind: "text", eval: () => s });
const ref = (a: string): Expr => ({
  text: a.startsWith("'") ? a : `Inputs!${a}`,
  kind: "num",
  eval: (env) => env[a] ?? null,
});
const call = (name: string, args: Expr[], f: (...a: unknown[]) => unknown, kind: Expr["kind"] = "num"): Expr => ({
  text: `IOMT.${name}(${args.map((a) => a.text).join(",")})`,
  kind,
  eval: (env) =>
    iomt(
      args.map((a) => scalarOrArray(a, env)),
      f,
    ),
});
const scalarOrArray = (a: Expr, env: Env): Val => (a.kind === "array" ? a.eval(env) : scalar(a.eval(env)));

// ------------------------------------------------------------------ the generator

const NAMES = [
  "North America",
  "usa",
  "UNITED STATES",
  "U.S.",
  "Wearables",
  "real-time monitoring",
  "RTM",
  "Global",
  "World",
  "IoT",
  "IT",
  "Implantable devices",
  "Healthcare providers",
  "Patients",
  "n. america",
  "Atlantis",
  "Wearable_devices",
  "internet of things",
];
const DRIVERS = [
  "Telehealth",
  "telemedicine",
  "RPM",
  "Remote Monitoring",
  "Preventive care",
  "Increasing Use Of Connected Medical Devices",
  "Coffee",
];
const DIMENSIONS = ["device type", "Devices", "regions", "end users", "market", "application", "planets"];
const NUMBERS = [0, 1, 2.5, 5, 0.23, -0.5, 28454, 79107, 122211, 0.51, 1.5, -1, 3];

const goodNumberCell = fc.constantFrom("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10").map(ref);
// TRUE/FALSE cells are left out: LibreOffice keeps them as the numbers 1 and 0 (ISNUMBER(TRUE) is TRUE there), so
// it cannot show the #VALUE! that Excel and the functions give for them.
const badCell = fc.constantFrom("D1", "D3", "D4", "B12").map(ref);
const nameArg = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMES).map(str) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom("B1", "B2", "B3", "B4", "B5", "B6", "B7")
      .map((a) => ({ ...ref(a), kind: "text" as const })),
  },
  { weight: 1, arbitrary: fc.constantFrom("A1", "D1", "D3").map(ref) },
);
const driverArg = fc.oneof(fc.constantFrom(...DRIVERS).map(str), fc.constantFrom("B10", "B11").map(ref));
const dimensionArg = fc.oneof(fc.constantFrom(...DIMENSIONS).map(str), fc.constantFrom("B8", "B9").map(ref));
const yearArg = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(2024, 2025, 2026, 2027, 2028, 2029).map(lit) },
  { weight: 3, arbitrary: fc.constantFrom("C1", "C2", "C3").map(ref) },
  { weight: 1, arbitrary: fc.constantFrom(lit(2030), lit(2023), ref("C4"), ref("C5"), ref("C6"), ref("D3")) },
);

const { num } = fc.letrec<{ num: Expr; leaf: Expr; lookup: Expr; calc: Expr; native: Expr }>((tie) => ({
  leaf: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NUMBERS).map(lit) },
    { weight: 3, arbitrary: goodNumberCell },
    { weight: 1, arbitrary: badCell },
  ),
  lookup: fc.oneof(
    fc
      .tuple(nameArg, fc.option(yearArg, { nil: undefined }))
      .map(([n, y]) => call("VALUE", y ? [n, y] : [n], (s, yy) => segmentValue(INDEX, s, yy))),
    nameArg.map((n) => call("RATE", [n], (s) => segmentRate(INDEX, s))),
    nameArg.map((n) => call("GROWTH", [n], (s) => segmentGrowth(INDEX, s))),
    driverArg.map((n) => call("DRIVER", [n], (s) => driverContribution(INDEX, s))),
    // the first row only: INDEX beyond a range is #REF! in Excel and #VALUE! in LibreOffice
    fc.tuple(nameArg, yearArg, yearArg, fc.constant(1), fc.integer({ min: 1, max: 2 })).map(([n, a, b, r, c]): Expr => {
      const inner = call("SERIES", [n, a, b], (s, x, y) => segmentSeries(INDEX, s, x, y), "array");
      return {
        text: `INDEX(${inner.text},${r},${c})`,
        kind: "num",
        eval: (env) => index(throughIndex(inner.eval(env)), r, c),
      };
    }),
    fc.tuple(nameArg).map(([n]): Expr => {
      const inner = call("SERIES", [n], (s) => segmentSeries(INDEX, s), "array");
      return {
        text: `ROWS(${inner.text})`,
        kind: "num",
        eval: (env) => {
          const v = throughIndex(inner.eval(env));
          return isErr(v) ? v : (v as Scalar[][]).length;
        },
      };
    }),
    dimensionArg.map((d): Expr => {
      const inner = call("SEGMENTS", [d], (x) => segmentNames(INDEX, x), "array");
      return {
        text: `ROWS(${inner.text})`,
        kind: "num",
        eval: (env) => {
          const v = throughIndex(inner.eval(env));
          return isErr(v) ? v : (v as Scalar[][]).length;
        },
      };
    }),
  ),
  calc: fc.oneof(
    fc.tuple(tie("num"), tie("num"), tie("num")).map(([a, b, c]) => call("CAGR", [a, b, c], cagr)),
    fc
      .tuple(tie("num"), tie("num"), fc.oneof(tie("leaf"), fc.integer({ min: -3, max: 8 }).map(lit)))
      .map(([a, b, c]) => call("PROJECT", [a, b, c], project)),
    fc.tuple(tie("num"), tie("num")).map(([a, b]) => call("IMPLIEDTOTAL", [a, b], impliedTotal)),
    fc.tuple(goodNumberCell, tie("num")).map(([a, t]) => call("SHARE", [a, t], (v, tt) => share(v, tt))),
    fc.constantFrom("E1:E4", "F1:F3", "A1:A3").map((range): Expr => {
      const cells = range.startsWith("E")
        ? ["E1", "E2", "E3", "E4"]
        : range.startsWith("F")
          ? ["F1", "F2", "F3"]
          : ["A1", "A2", "A3"];
      const inner: Expr = {
        text: `IOMT.SHARE(Inputs!${range})`,
        kind: "array",
        eval: (env) => iomt([cells.map((c) => [env[c] === null ? "" : env[c]]) as Scalar[][]], (v) => share(v)),
      };
      return {
        text: `SUMPRODUCT(${inner.text})`,
        kind: "num",
        eval: (env) => {
          const v = inner.eval(env);
          if (isErr(v)) return v;
          let sum = 0;
          for (const row of v as Scalar[][])
            for (const x of row) {
              if (isErr(x)) return x;
              if (typeof x === "number") sum += x;
            }
          return sum;
        },
      };
    }),
  ),
  native: fc.oneof(
    fc.tuple(tie("num"), tie("num")).map(([a, b]): Expr => ({
      text: `${a.text}+${b.text}`,
      kind: "num",
      eval: (e) => arith(a.eval(e), b.eval(e), (x, y) => x + y),
    })),
    fc.tuple(tie("num"), tie("num")).map(([a, b]): Expr => ({
      text: `(${a.text})*(${b.text})`,
      kind: "num",
      eval: (e) => arith(a.eval(e), b.eval(e), (x, y) => x * y),
    })),
    tie("num").map((a): Expr => ({
      text: `ABS((${a.text})+0)`,
      kind: "num",
      eval: (e) => arith(a.eval(e), 0, (x) => Math.abs(x)),
    })),
    tie("num").map((a): Expr => ({ text: `-(${a.text})`, kind: "num", eval: (e) => arith(a.eval(e), 0, (x) => -x) })),
    fc.tuple(tie("num"), tie("num")).map(([a, b]): Expr => ({
      text: `(${a.text})-(${b.text})`,
      kind: "num",
      eval: (e) => arith(a.eval(e), b.eval(e), (x, y) => x - y),
    })),
    fc.tuple(tie("num"), tie("num"), tie("num")).map(([c, a, b]): Expr => ({
      text: `IF((${c.text})>1,${a.text},${b.text})`,
      kind: "num",
      eval: (e) => {
        const x = greaterThanOne(scalar(c.eval(e)));
        return isErr(x) ? x : x ? a.eval(e) : b.eval(e);
      },
    })),
    fc.tuple(tie("num"), fc.constantFrom(-1, 0)).map(([a, d]): Expr => ({
      text: `IFERROR(${a.text},${d})`,
      kind: "num",
      eval: (e) => {
        const v = scalar(a.eval(e));
        return isErr(v) ? d : v;
      },
    })),
    fc
      .tuple(fc.constantFrom('IOMT.VALUE(""USA"")', "=IOMT.RATE(A1)", "iomt.cagr(1,2,3)"), tie("num"))
      .map(([s, a]): Expr => ({
        text: `LEN("${s}")+${a.text}`,
        kind: "num",
        eval: (e) => arith(s.split('""').join('"').length, a.eval(e), (x, y) => x + y),
      })),
  ),
  num: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("leaf"), tie("lookup"), tie("calc"), tie("native")),
}));

const text: fc.Arbitrary<Expr> = fc.oneof(
  fc
    .tuple(nameArg, fc.option(yearArg, { nil: undefined }))
    .map(([n, y]) => call("SOURCE", y ? [n, y] : [n], (s, yy) => segmentSource(INDEX, s, yy), "text")),
  fc.tuple(dimensionArg, fc.constant(1)).map(([d, i]): Expr => {
    const inner = call("SEGMENTS", [d], (x) => segmentNames(INDEX, x), "array");
    return {
      text: `INDEX(${inner.text},${i})`,
      kind: "text",
      eval: (env) => index(throughIndex(inner.eval(env)), i, 1),
    };
  }),
  fc.tuple(num).map(([a]): Expr => ({
    text: `"IOMT.VALUE(""x"") is "&IF(ISERROR(${a.text}),"an error","a value")`,
    kind: "text",
    eval: (e) => `IOMT.VALUE("x") is ${isErr(scalar(a.eval(e))) ? "an error" : "a value"}`,
  })),
);

/** The generated formulas: only those that call an IOMT function count. */
function generate(seed: number, count: number): Expr[] {
  const all = fc.sample(fc.oneof({ weight: 4, arbitrary: num }, { weight: 1, arbitrary: text }), {
    seed,
    numRuns: count * 3,
  });
  return all.filter((e) => callsIomt(e.text)).slice(0, count);
}

// ------------------------------------------------------------------ comparing

/**
 * The results LibreOffice saved in a sheet, read from the file's XML: a number, text, TRUE/FALSE or an error code
 * (exceljs drops a cached result of 0, so it cannot tell 0 from nothing).
 */
async function savedResults(file: string, sheetName: string): Promise<Map<string, Scalar>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = async (p: string) => new DOMParser().parseFromString(await zip.file(p)!.async("string"), "text/xml");
  const book = await xml("xl/workbook.xml");
  const rels = await xml("xl/_rels/workbook.xml.rels");
  const sheet = Array.from(book.getElementsByTagName("sheet")).find((s) => s.getAttribute("name") === sheetName)!;
  const rid = sheet.getAttribute("r:id");
  const target = Array.from(rels.getElementsByTagName("Relationship"))
    .find((r) => r.getAttribute("Id") === rid)!
    .getAttribute("Target")!;
  const doc = await xml(`xl/${target.replace(/^\/?xl\//, "")}`);
  const out = new Map<string, Scalar>();
  for (const c of Array.from(doc.getElementsByTagName("c"))) {
    const v = c.getElementsByTagName("v")[0]?.textContent ?? "";
    const t = c.getAttribute("t");
    out.set(
      c.getAttribute("r")!,
      t === "e" ? err(v) : t === "b" ? v === "1" : t === "str" || t === "inlineStr" ? v : v === "" ? null : Number(v),
    );
  }
  return out;
}

function same(expected: Val, actual: Scalar): boolean {
  // a formula that ends on an empty cell shows 0
  const e = scalar(expected) ?? 0;
  if (isErr(e) || isErr(actual)) return isErr(e) && isErr(actual) && (e.error === ANY || e.error === actual.error);
  if (typeof e === "number" && typeof actual === "number")
    return Math.abs(e - actual) <= 1e-9 * Math.max(1, Math.abs(e));
  return (e ?? "") === (actual ?? "");
}

function writeInputs(wb: ExcelJS.Workbook, env: Env): void {
  const ws = wb.getWorksheet("Inputs") ?? wb.addWorksheet("Inputs");
  for (const [a, v] of Object.entries(env)) {
    const cell = ws.getCell(a);
    if (isErr(v)) cell.value = { formula: v.error === "#N/A" ? "NA()" : "1/0" } as ExcelJS.CellFormulaValue;
    else cell.value = v;
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-portable-"));

/** A workbook saved, patched as `npm run portable` patches the file, and read again. */
async function viaPackage<R>(
  wb: ExcelJS.Workbook,
  run: (book: WorkbookPackage) => R,
): Promise<{ book: ExcelJS.Workbook; report: R }> {
  const pkg = openWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), "test.xlsx");
  const report = run(pkg);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(pkg.toBuffer() as unknown as ArrayBuffer);
  return { book, report };
}
const portable = (wb: ExcelJS.Workbook) => viaPackage(wb, (b) => makeFilePortable(b, INDEX));
const restored = (wb: ExcelJS.Workbook) => viaPackage(wb, (b) => restoreFile(b, INDEX));
const FORMULAS = generate(20260106, 400);

interface Run {
  book: ExcelJS.Workbook;
  results: Map<string, Scalar>;
  seconds: number;
}
let plain: Run;
let linked: Run;
let plainReport: ReturnType<typeof makeFilePortable>;
let plainOriginals: string[];

/** A workbook with the inputs and one generated formula per row of sheet Calc (column A). */
function workbookWith(formulas: readonly Expr[], base?: ExcelJS.Workbook): ExcelJS.Workbook {
  const wb = base ?? new ExcelJS.Workbook();
  writeInputs(wb, INPUTS);
  const calc = wb.addWorksheet("Calc");
  formulas.forEach((f, i) => (calc.getCell(i + 1, 1).value = { formula: f.text } as ExcelJS.CellFormulaValue));
  return wb;
}

async function throughLibreOffice(wb: ExcelJS.Workbook, name: string): Promise<Run> {
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  const start = Date.now();
  const out = recalculate(file);
  const seconds = (Date.now() - start) / 1000;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  return { book, results: await savedResults(out, "Calc"), seconds };
}

const LINKED_FORMULAS = [
  'IOMT.VALUE("USA",2029)',
  'IOMT.VALUE("United States",2026)',
  'IOMT.GROWTH("USA")',
  'IOMT.RATE("USA")',
  'IOMT.RATE("Wearables")',
  'IOMT.VALUE("Patients")',
  'IOMT.DRIVER("Telehealth")',
  "IOMT.VALUE(Inputs!B1,Inputs!C3)",
];
const NEW_USA_2029 = 80000;

beforeAll(async () => {
  expect(FORMULAS.length).toBe(400);
  plainOriginals = FORMULAS.map((f) => f.text);
  const converted = await portable(workbookWith(FORMULAS));
  const wb = converted.book;
  plainReport = converted.report;
  writeInputs(wb, { ...INPUTS, ...CHANGED });
  plain = await throughLibreOffice(wb, "plain.xlsx");

  const tables = planToWorkbook(planWorkbook(INDEX, CHECKS, DEFAULT_OPTIONS), DATASET);
  const { book: withTables } = await portable(
    workbookWith(
      LINKED_FORMULAS.map((t) => ({ text: t, kind: "num", eval: () => null })),
      tables,
    ),
  );
  const regions = withTables.getWorksheet("IoMT Regions")!;
  regions.eachRow((row) => {
    if (row.getCell(1).value === "USA") row.getCell(3).value = NEW_USA_2029;
  });
  linked = await throughLibreOffice(withTables, "linked.xlsx");
}, 180000);

test("every generated formula was converted, the originals kept, and none calls IOMT any more", () => {
  // deeply nested calls can grow past Excel's formula length: those are left as they were, and said so
  for (const p of plainReport.problems) expect(p.problem).toMatch(/over Excel's 8,192/);
  expect(plainReport.problems.length).toBeLessThan(FORMULAS.length * 0.05);
  expect(plainReport.converted.length + plainReport.problems.length).toBe(FORMULAS.length);
  expect(plainReport.dataSheet).toBe(DATA_SHEET_NAME);
  const calc = plain.book.getWorksheet("Calc")!;
  const left = new Set(plainReport.problems.map((p) => p.cell));
  FORMULAS.forEach((_, i) =>
    expect(callsIomt(String((calc.getCell(i + 1, 1).value as any).formula))).toBe(left.has(`A${i + 1}`)),
  );
  const kinds = new Set(plainReport.converted.flatMap((c) => c.calls));
  expect([...kinds].sort()).toEqual([
    "CAGR",
    "DRIVER",
    "GROWTH",
    "IMPLIEDTOTAL",
    "PROJECT",
    "RATE",
    "SEGMENTS",
    "SERIES",
    "SHARE",
    "SOURCE",
    "VALUE",
  ]);
});

test("LibreOffice computes what the core's functions compute, for every formula, after argument cells changed", () => {
  const env = { ...INPUTS, ...CHANGED };
  const wrong: string[] = [];
  let errors = 0;
  let followed = 0;
  let compared = 0;
  const left = new Set(plainReport.problems.map((p) => p.cell));
  FORMULAS.forEach((f, i) => {
    if (left.has(`A${i + 1}`)) return;
    compared++;
    const expected = f.eval(env);
    const actual = plain.results.get(`A${i + 1}`) ?? null;
    if (isErr(scalar(expected))) errors++;
    if (!same(f.eval(INPUTS), actual) && same(expected, actual)) followed++;
    if (!same(expected, actual))
      wrong.push(`${f.text}\n    expected ${JSON.stringify(scalar(expected))}, LibreOffice ${JSON.stringify(actual)}`);
  });
  expect(wrong.slice(0, 8).join("\n")).toBe("");
  expect(compared).toBeGreaterThan(FORMULAS.length * 0.95);
  // the sample covers errors and results that changed with the cells
  expect(errors).toBeGreaterThan(40);
  expect(followed).toBeGreaterThan(20);
  expect(plain.seconds).toBeLessThan(30);
});

test("with the IoMT tables in the workbook, the lookups read them: a changed table figure reaches the formulas", () => {
  const got = LINKED_FORMULAS.map((_, i) => linked.results.get(`A${i + 1}`) ?? null);
  const usa2024 = segmentValue(INDEX, "USA", 2024);
  const expected: Scalar[] = [
    NEW_USA_2029,
    usa2024 * Math.pow(NEW_USA_2029 / usa2024, 2 / 5),
    NEW_USA_2029 - usa2024,
    0.23,
    segmentRate(INDEX, "Wearables"),
    err("#N/A"),
    driverContribution(INDEX, "Telehealth"),
    segmentValue(INDEX, "North America", 2029),
  ];
  expected.forEach((e, i) =>
    expect([LINKED_FORMULAS[i], same(e, got[i]) ? "same" : got[i]]).toEqual([LINKED_FORMULAS[i], "same"]),
  );
  expect(linked.seconds).toBeLessThan(30);
});

test("restore puts back exactly the original formulas and removes the added sheets", async () => {
  const { book: reread } = await portable(workbookWith(FORMULAS));
  expect(reread.getWorksheet(ORIGINALS_SHEET_NAME)!.state).toBe("veryHidden");
  const edited = plainReport.converted[0].cell;
  (reread.getWorksheet("Calc")!.getCell(edited).value as any) = { formula: "1+1" };
  const { book: back, report } = await restored(reread);
  const calc = back.getWorksheet("Calc")!;
  expect(report.restored).toBe(plainReport.converted.length - 1);
  expect(report.skipped).toEqual([
    { sheet: "Calc", cell: edited, code: "edited-since", reason: "it was edited after it was made portable" },
  ]);
  plainOriginals.forEach((f, i) =>
    expect((calc.getCell(i + 1, 1).value as any).formula).toBe(`A${i + 1}` === edited ? "1+1" : f),
  );
  expect(back.getWorksheet(ORIGINALS_SHEET_NAME)).toBeDefined();
});

test("after LibreOffice saves a portable workbook, the marks are still there and the originals sheet only hidden; restore takes it for the add-in's and sets it back to very hidden", async () => {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Calc");
  sheet.getCell("A1").value = { formula: 'IOMT.VALUE("USA",2029)' } as ExcelJS.CellFormulaValue;
  sheet.getCell("A2").value = { formula: 'IOMT.RATE("Wearables")' } as ExcelJS.CellFormulaValue;
  const record = wb.addWorksheet(OWN_SHEETS.record.base);
  record.getCell(MARK_CELL).value = ownSheetMark("record");
  record.state = "veryHidden";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-lo-marks-"));
  const file = path.join(dir, "portable.xlsx");
  await (await portable(wb)).book.xlsx.writeFile(file);
  const saved = new ExcelJS.Workbook();
  await saved.xlsx.readFile(recalculate(file));
  // the record sheet, very hidden and marked as the add-in writes it, saved hidden by LibreOffice as well
  expect(saved.getWorksheet(OWN_SHEETS.record.base)!.state).toBe("hidden");
  expect(saved.getWorksheet(DATA_SHEET_NAME)!.getCell(MARK_CELL).value).toBe(ownSheetMark("lookup"));
  const originals = saved.getWorksheet(ORIGINALS_SHEET_NAME)!;
  expect(originals.getCell(MARK_CELL).value).toBe(ownSheetMark("originals"));
  // LibreOffice has no very hidden sheets: it saves them hidden
  expect(originals.state).toBe("hidden");
  saved.getWorksheet("Calc")!.getCell("A2").value = { formula: "2+2" } as ExcelJS.CellFormulaValue;
  const { book: back, report } = await restored(saved);
  expect(report.problem).toBeUndefined();
  expect(report.restored).toBe(1);
  expect(back.getWorksheet("Calc")!.getCell("A1").formula).toBe('IOMT.VALUE("USA",2029)');
  // the edited cell's record stays, on the add-in's sheet, very hidden again
  expect(back.worksheets.map((w) => w.name)).not.toContain(`${ORIGINALS_SHEET_NAME} (2)`);
  expect(back.getWorksheet(ORIGINALS_SHEET_NAME)!.state).toBe("veryHidden");
  expect(back.getWorksheet(OWN_SHEETS.record.base)!.state).toBe("veryHidden");
});

// ------------------------------------------------------------------ SHARE read by SUM, AVERAGE, MAX, INDEX, ROUND

/** The shares' input cells (a blank among them; a range that sums to 0), before and after a change. */
const SHARE_INPUTS: Record<string, number | null> = { B2: 10, B3: null, B4: 30, C2: 0, C3: 0, C4: 0, D1: 50, D2: 0 };
const SHARE_CHANGED: Record<string, number | null> = { ...SHARE_INPUTS, B4: 70, D1: 40 };

/** The add-in's SHARE of a range of the inputs, as the core computes it (blank total: none). */
const coreShare = (env: Record<string, Scalar>, cells: string[], total?: string): Val =>
  coreCall(() =>
    share(
      cells.map((c) => [env[c] ?? ""]),
      total === undefined ? undefined : (env[total] ?? ""),
    ),
  );
const numbersOf = (v: Val): number[] | Err => {
  if (isErr(v)) return v;
  const flat = Array.isArray(v) ? v.flat() : [v];
  const error = flat.find(isErr);
  return error ? (error as Err) : flat.filter((x): x is number => typeof x === "number");
};
const aggregate = (v: Val, f: (xs: number[]) => number): Val => {
  const xs = numbersOf(v);
  return isErr(xs) ? xs : f(xs);
};
/** INDEX of a share: the element; an error given to INDEX is any error (LibreOffice makes it #VALUE!, see above). */
const indexOf = (v: Val, k: number): Val => (Array.isArray(v) ? v[k - 1][0] : throughIndex(v));
const B = ["B2", "B3", "B4"];
const C = ["C2", "C3", "C4"];
const SHARE_FORMULAS: Array<{ text: string; expect: (env: Record<string, Scalar>) => Val }> = [
  { text: "SUM(IOMT.SHARE(Shares!B2:B4))", expect: (e) => aggregate(coreShare(e, B), (xs) => xs.reduce((a, b) => a + b, 0)) },
  {
    text: "AVERAGE(IOMT.SHARE(Shares!B2:B4))",
    expect: (e) => aggregate(coreShare(e, B), (xs) => xs.reduce((a, b) => a + b, 0) / xs.length),
  },
  { text: "MAX(IOMT.SHARE(Shares!B2:B4))", expect: (e) => aggregate(coreShare(e, B), (xs) => Math.max(...xs)) },
  { text: "INDEX(IOMT.SHARE(Shares!B2:B4),3)", expect: (e) => indexOf(coreShare(e, B), 3) },
  // the blank input's share is blank
  { text: "INDEX(IOMT.SHARE(Shares!B2:B4),2)", expect: (e) => indexOf(coreShare(e, B), 2) },
  {
    text: "ROUND(INDEX(IOMT.SHARE(Shares!B2:B4,Shares!D1),3),3)",
    expect: (e) => aggregate(indexOf(coreShare(e, B, "D1"), 3), (xs) => Math.round(xs[0] * 1000) / 1000),
  },
  // a zero total, summed or given
  { text: "SUM(IOMT.SHARE(Shares!C2:C4))", expect: (e) => aggregate(coreShare(e, C), (xs) => xs.reduce((a, b) => a + b, 0)) },
  { text: "INDEX(IOMT.SHARE(Shares!B2:B4,Shares!D2),1)", expect: (e) => indexOf(coreShare(e, B, "D2"), 1) },
  { text: "MAX(IOMT.SHARE(Shares!B2:B4,0))", expect: (e) => aggregate(coreShare({ ...e, Z1: 0 }, B, "Z1"), (xs) => Math.max(...xs)) },
];

test("SHARE inside SUM, AVERAGE, MAX, INDEX and ROUND: array formulas over their cells, as the core computes, after an input changed", async () => {
  const original = new ExcelJS.Workbook();
  const fill = (book: ExcelJS.Workbook, env: Record<string, number | null>) => {
    for (const [a, v] of Object.entries(env)) book.getWorksheet("Shares")!.getCell(a).value = v;
  };
  original.addWorksheet("Shares");
  fill(original, SHARE_INPUTS);
  const source = original.addWorksheet("Calc");
  SHARE_FORMULAS.forEach((f, i) => (source.getCell(i + 1, 1).value = { formula: f.text } as ExcelJS.CellFormulaValue));
  const { book: wb, report } = await portable(original);
  const calc = wb.getWorksheet("Calc")!;
  expect(report.converted.length).toBe(SHARE_FORMULAS.length);
  SHARE_FORMULAS.forEach((_, i) => {
    const cell = calc.getCell(i + 1, 1);
    expect(callsIomt(cell.formula)).toBe(false);
    expect(cell.value).toMatchObject({ shareType: "array", ref: cell.address });
  });
  for (const [env, name] of [
    [SHARE_INPUTS, "shares.xlsx"],
    [SHARE_CHANGED, "shares-changed.xlsx"],
  ] as const) {
    fill(wb, env);
    const { results } = await throughLibreOffice(wb, name);
    const rows = SHARE_FORMULAS.map((f, i) => {
      const expected = f.expect(env);
      const got = results.get(`A${i + 1}`) ?? null;
      return [f.text, JSON.stringify(expected), same(expected, got) ? "same" : got];
    });
    expect(rows).toEqual(SHARE_FORMULAS.map((f, i) => [f.text, rows[i][1], "same"]));
    // the errors are the add-in's: a zero total is #DIV/0!
    expect([coreShare(env, C), coreShare(env, B, "D2")]).toEqual([err("#DIV/0!"), err("#DIV/0!")]);
    expect(results.get("A7")).toEqual(err("#DIV/0!"));
  }
  // restore puts the ordinary formulas back as ordinary ones
  const { book: restoredBook, report: back } = await restored(wb);
  expect(back.restored).toBe(SHARE_FORMULAS.length);
  SHARE_FORMULAS.forEach((f, i) => {
    const cell = restoredBook.getWorksheet("Calc")!.getCell(i + 1, 1);
    expect(cell.formula).toBe(f.text);
    expect((cell.value as { shareType?: string }).shareType).toBeUndefined();
  });
});

// ------------------------------------------------------------------ the patched package in LibreOffice

test("LibreOffice opens the patched workbook (chart, image, pivot table, comments, validation, formats, names) and calculates its converted formulas as the core does, before and after an input changed", async () => {
  const input = await fixtureWorkbook();
  const pkg = openWorkbook(input, "fixture.xlsx");
  expect(makeFilePortable(pkg, INDEX).converted).toHaveLength(Object.keys(CALC_FORMULAS).length);
  const patched = pkg.toBuffer();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-lo-package-"));
  for (const b2 of [28454, 30000]) {
    // the input changed in the patched file itself: Data!B2
    const zip = await JSZip.loadAsync(patched);
    const data = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file("xl/worksheets/sheet1.xml", data.split("<v>28454</v>").join(`<v>${b2}</v>`));
    const file = path.join(work, `fixture-${b2}.xlsx`);
    fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const out = recalculate(file);
    const results = await savedResults(out, "Calc");
    const values = [b2, 79107, 5];
    const series = coreCall(() => segmentSeries(INDEX, "USA")) as Scalar[][];
    const shares = coreCall(() => share(values.map((v) => [v]))) as Scalar[][];
    const expected: Record<string, Val> = {
      B1: coreCall(() => cagr(b2, 79107, 5)),
      B2: b2 + 79107,
      C1: coreCall(() => project(b2, 0.1, 2)),
      C2: coreCall(() => project(79107, 0.1, 2)),
      C3: coreCall(() => project(5, 0.1, 2)),
      D1: (coreCall(() => project(b2, 0.1, 2)) as number) * 2,
      B5: 1,
      A7: coreCall(() => segmentValue(INDEX, "USA", 2029)),
      A8: (coreCall(() => segmentRate(INDEX, "USA")) as number) * 100,
    };
    series.forEach((row, r) => row.forEach((v, c) => (expected[`${"EF"[c]}${r + 1}`] = v)));
    shares.forEach((row, r) => (expected[`H${r + 1}`] = row[0]));
    const rows = Object.entries(expected).map(([cell, e]) => {
      const got = results.get(cell) ?? null;
      return [cell, same(e, got) ? "same" : `${JSON.stringify(e)} vs ${JSON.stringify(got)}`];
    });
    expect(rows).toEqual(Object.keys(expected).map((cell) => [cell, "same"]));
    // LibreOffice read the chart and the image (it writes them again), and the lookup sheet
    const saved = await JSZip.loadAsync(fs.readFileSync(out));
    const names = Object.keys(saved.files);
    expect(names.some((n) => n.startsWith("xl/charts/chart"))).toBe(true);
    expect(names.some((n) => n.startsWith("xl/media/"))).toBe(true);
    expect(names.some((n) => n.startsWith("xl/pivotTables/"))).toBe(true);
  }
}, 120000);

// ------------------------------------------------------------------ the formulas analysts write

/** The argument cells of the wider proof, on sheets whose names need quotes, before and after a change. */
interface Wide {
  region: string;
  year: number;
  start: number;
  end: number;
  years: number;
  name: string;
  shares: number[];
}
const WIDE_INPUTS: Wide = {
  region: "USA",
  year: 2029,
  start: 28454,
  end: 79107,
  years: 5,
  name: "North America",
  shares: [10, 30, 60],
};
const WIDE_CHANGED: Wide = { ...WIDE_INPUTS, region: "Wearables", year: 2026, end: 90000, name: "Patients", shares: [10, 0, 30] };
const MARKET = "'Market data'";
const VIEW = "'Analyst''s view'";

const numberOf = (v: Val): number | Err => asNumber(scalar(v));
const sum = (...vs: Val[]): Val => {
  let total = 0;
  for (const v of vs.flatMap((x) => (Array.isArray(x) ? x.flat() : [x]))) {
    if (isErr(v)) return v;
    if (typeof v === "number") total += v;
  }
  return total;
};
const series = (name: unknown): Val => coreCall(() => segmentSeries(INDEX, name));
const rate = (name: unknown): Val => coreCall(() => segmentRate(INDEX, name));
const value = (name: unknown, year?: unknown): Val => coreCall(() => segmentValue(INDEX, name, year));

/** 76 lookups in one SUM: the longest such SUM whose native form fits Excel's 8,192 characters (77 do not). */
const LONG_SUM = Array.from({ length: 76 }, (_, i) => `IOMT.VALUE("USA",${2024 + ((i + 1) % 6)})`);
/** 64 IOMT calls nested: 63 PROJECTs around a lookup through a defined name. */
const NESTED = (() => {
  let f = "IOMT.VALUE(Region,2024)";
  for (let i = 0; i < 63; i++) f = `IOMT.PROJECT(${f},0.01,1)`;
  return f;
})();

const WIDE_FORMULAS: Array<{ cell: string; text: string; expect: (w: Wide) => Val }> = [
  {
    cell: "A1",
    text: `SUM(IOMT.VALUE(${MARKET}!A1,2024),IOMT.VALUE(${MARKET}!A1,${MARKET}!A2))`,
    expect: (w) => sum(value(w.region, 2024), value(w.region, w.year)),
  },
  {
    cell: "A2",
    text: `AVERAGE(IOMT.RATE("USA"),IOMT.RATE(${VIEW}!A1))`,
    expect: (w) => {
      const [a, b] = [numberOf(rate("USA")), numberOf(rate(w.name))];
      return isErr(a) ? a : isErr(b) ? b : (a + b) / 2;
    },
  },
  {
    cell: "A3",
    text: "MAX(INDEX(IOMT.SERIES(Region),0,2))",
    expect: (w) => {
      const s = series(w.region);
      return isErr(s) ? s : Math.max(...(s as Scalar[][]).map((r) => r[1] as number));
    },
  },
  {
    cell: "A4",
    text: 'IF(IOMT.VALUE(Region,Year)>40000,"large","small")',
    expect: (w) => {
      const v = numberOf(value(w.region, w.year));
      return isErr(v) ? v : v > 40000 ? "large" : "small";
    },
  },
  {
    cell: "A5",
    text: `ROUND(IOMT.CAGR(${MARKET}!A3,${MARKET}!A4,${MARKET}!A5),4)`,
    expect: (w) => {
      const r = numberOf(coreCall(() => cagr(w.start, w.end, w.years)));
      return isErr(r) ? r : Math.round(r * 1e4) / 1e4;
    },
  },
  { cell: "A6", text: 'IFERROR(IOMT.VALUE("Atlantis"),-1)', expect: () => -1 },
  {
    cell: "A7",
    text: "INDEX(IOMT.SERIES(Region),ROWS(IOMT.SERIES(Region)),2)",
    expect: (w) => {
      const s = series(w.region);
      return isErr(s) ? s : (s as Scalar[][])[(s as Scalar[][]).length - 1][1];
    },
  },
  { cell: "A8", text: 'ROWS(IOMT.SEGMENTS("device type"))', expect: () => segmentNames(INDEX, "device type").length },
  { cell: "A9", text: 'COUNTA(IOMT.SEGMENTS("end users"))', expect: () => segmentNames(INDEX, "end users").length },
  {
    cell: "A10",
    text: `SUMPRODUCT(IOMT.SHARE(${VIEW}!B1:B3),${VIEW}!B1:B3)`,
    expect: (w) => {
      const s = coreCall(() => share(w.shares.map((x) => [x])));
      return isErr(s) ? s : (s as Scalar[][]).reduce((t, [x], i) => t + (x as number) * w.shares[i], 0);
    },
  },
  {
    cell: "A11",
    text: 'TEXT(IOMT.RATE(Region),"0.0%")',
    expect: (w) => {
      const r = numberOf(rate(w.region));
      return isErr(r) ? r : `${(r * 100).toFixed(1)}%`;
    },
  },
  { cell: "A12", text: "IOMT.PROJECT(100,5%,2)", expect: () => coreCall(() => project(100, 0.05, 2)) },
  {
    cell: "A13",
    text: `IOMT.CAGR(${MARKET}!A3,\n${MARKET}!A4,\n5)`,
    expect: (w) => coreCall(() => cagr(w.start, w.end, 5)),
  },
  { cell: "A14", text: "IOMT.VALUE(Region,Year)*1", expect: (w) => value(w.region, w.year) },
  { cell: "A15", text: `SUM(${LONG_SUM.join(",")})`, expect: () => sum(...LONG_SUM.map((_, i) => value("USA", 2024 + ((i + 1) % 6)))) },
  {
    cell: "A16",
    text: NESTED,
    expect: (w) => {
      let v = value(w.region, 2024);
      for (let i = 0; i < 63 && !isErr(v); i++) v = coreCall(() => project(v, 0.01, 1));
      return v;
    },
  },
];

function fillWide(wb: ExcelJS.Workbook, w: Wide): void {
  const market = wb.getWorksheet("Market data")!;
  [w.region, w.year, w.start, w.end, w.years].forEach((v, i) => (market.getCell(i + 1, 1).value = v));
  const view = wb.getWorksheet("Analyst's view")!;
  view.getCell("A1").value = w.name;
  w.shares.forEach((v, i) => (view.getCell(i + 1, 2).value = v));
}

/** Each formula's result in LibreOffice against the core's, "same" where they agree. */
function compareWide(results: Map<string, Scalar>, w: Wide): Array<[string, string]> {
  const rows: Array<[string, string]> = WIDE_FORMULAS.map((f) => {
    const e = f.expect(w);
    const got = results.get(f.cell) ?? null;
    return [f.text.slice(0, 60), same(e, got) ? "same" : `${JSON.stringify(e)} vs ${JSON.stringify(got)}`];
  });
  // the shared formula's cells and the array formula's cells
  [w.start, w.end, w.years].forEach((v, i) => {
    const got = results.get(`C${i + 1}`) ?? null;
    rows.push([`C${i + 1}`, same(coreCall(() => project(v, 0.1, 2)), got) ? "same" : JSON.stringify(got)]);
  });
  const s = series(w.region) as Scalar[][];
  s.forEach((row, r) =>
    row.forEach((v, c) => {
      const cell = `${"EF"[c]}${r + 1}`;
      const got = results.get(cell) ?? null;
      rows.push([cell, same(v, got) ? "same" : `${JSON.stringify(v)} vs ${JSON.stringify(got)}`]);
    }),
  );
  return rows;
}

test("formulas analysts write: IOMT.* inside SUM, AVERAGE, MAX, IF, ROUND, IFERROR, INDEX, ROWS, COUNTA, SUMPRODUCT and TEXT, quoted sheet names, defined names, shared and array formulas, line breaks, percent literals, 64 nested calls, near 8,192 characters; computed as the core computes, after an input changed, and restored after a LibreOffice save", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Market data");
  wb.addWorksheet("Analyst's view");
  const calc = wb.addWorksheet("Calc");
  fillWide(wb, WIDE_INPUTS);
  wb.definedNames.add(`${MARKET}!$A$1`, "Region");
  wb.definedNames.add(`${MARKET}!$A$2`, "Year");
  for (const f of WIDE_FORMULAS) calc.getCell(f.cell).value = { formula: f.text } as ExcelJS.CellFormulaValue;
  calc.getCell("C1").value = {
    formula: `IOMT.PROJECT(${MARKET}!A3,0.1,2)`,
    shareType: "shared",
    ref: "C1:C3",
  } as unknown as ExcelJS.CellFormulaValue;
  for (const r of [2, 3]) calc.getCell(`C${r}`).value = { sharedFormula: "C1" } as ExcelJS.CellSharedFormulaValue;
  calc.getCell("E1").value = {
    formula: "IOMT.SERIES(Region)",
    shareType: "array",
    ref: "E1:F6",
  } as unknown as ExcelJS.CellFormulaValue;
  const { book, report } = await portable(wb);
  expect(report.problems).toEqual([]);
  expect(report.converted).toHaveLength(WIDE_FORMULAS.length + 4);
  const formulas = book.getWorksheet("Calc")!;
  expect(formulas.getCell("A15").formula.length).toBeGreaterThan(8000);
  expect(formulas.getCell("A15").formula.length).toBeLessThanOrEqual(8192);

  let saved = "";
  for (const [w, name] of [
    [WIDE_INPUTS, "wide.xlsx"],
    [WIDE_CHANGED, "wide-changed.xlsx"],
  ] as const) {
    fillWide(book, w);
    const file = path.join(dir, name);
    await book.xlsx.writeFile(file);
    saved = recalculate(file);
    const results = await savedResults(saved, "Calc");
    const rows = compareWide(results, w);
    expect(rows).toEqual(rows.map(([f]) => [f, "same"]));
  }

  // the file LibreOffice saved, restored: the originals come back where LibreOffice kept the portable formula's text
  const back = openWorkbook(fs.readFileSync(saved), "saved.xlsx");
  const restoreReport = restoreFile(back, INDEX);
  const restoredFormulas = new Map(back.formulas("Calc").map((f) => [f.cell, f.formula]));
  const notBack = WIDE_FORMULAS.filter((f) => restoredFormulas.get(f.cell) !== f.text).map((f) => f.cell);
  expect({ notBack, skipped: restoreReport.skipped.map((s) => `${s.cell}: ${s.code}`) }).toEqual({
    notBack: [],
    skipped: [],
  });
  expect(restoreReport.refused).toEqual([]);
  expect(restoreReport.restored).toBe(WIDE_FORMULAS.length + 4);
  // the shared formula and the array formula as the kinds they were (LibreOffice saved the array over "E1:F6")
  const kinds = back.formulas("Calc").filter((f) => ["C1", "C2", "C3", "E1"].includes(f.cell));
  expect(kinds).toEqual([
    { cell: "C1", formula: `IOMT.PROJECT(${MARKET}!A3,0.1,2)`, kind: "shared", range: "C1:C3" },
    { cell: "E1", formula: "IOMT.SERIES(Region)", kind: "array", range: "E1:F6" },
    { cell: "C2", formula: `IOMT.PROJECT(${MARKET}!A4,0.1,2)`, kind: "shared", range: "C1:C3" },
    { cell: "C3", formula: `IOMT.PROJECT(${MARKET}!A5,0.1,2)`, kind: "shared", range: "C1:C3" },
  ]);
  expect(restoreReport.removed.sort()).toEqual([DATA_SHEET_NAME, ORIGINALS_SHEET_NAME].sort());
  // and made portable again: the same native formulas as the first time
  const again = makeFilePortable(back, INDEX);
  expect(again.converted).toHaveLength(WIDE_FORMULAS.length + 4);
  const second = new Map(back.formulas("Calc").map((f) => [f.cell, f.formula]));
  for (const f of WIDE_FORMULAS) expect([f.cell, second.get(f.cell)]).toEqual([f.cell, formulas.getCell(f.cell).formula]);
}, 180000);
