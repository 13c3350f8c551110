/**
 * The make-portable and restore workflow the pane and the command line share: its decisions on plain data, each
 * reason as a code (worded in one place), and when restore removes the add-in's sheets.
 */
import { INDEX } from "../../src/data/bundled";
import { findOwnSheets, OWN_SHEETS, ownSheetMark, type SheetFacts } from "../../src/core/excel";
import {
  convertFormula,
  type OriginalRecord,
  REASONS,
  reasonText,
  type Reason,
  findIomtCells,
  planPortable,
  planRestoreWrites,
  sheetsToRemove,
  type FormulaCell,
  type WorkbookFacts,
} from "../../src/core/portable";

const LOOKUP = OWN_SHEETS.lookup.base;
const ORIGINALS = OWN_SHEETS.originals.base;
const sheets: SheetFacts[] = [
  { name: "Model", visibility: "Visible" },
  { name: LOOKUP, visibility: "Visible", mark: ownSheetMark("lookup") },
  { name: ORIGINALS, visibility: "VeryHidden", mark: ownSheetMark("originals") },
];
const facts: WorkbookFacts = { index: INDEX, own: findOwnSheets(sheets), tables: [], form: "excel" };
const portableOf = (f: string) => convertFormula(f, INDEX, { tables: [], dataSheet: LOOKUP, file: false }).formula;
const at = (cell: string, formula: string, sheet = "Model"): FormulaCell => ({ sheet, cell, formula });
const LONG = "=" + Array.from({ length: 30 }, (_, i) => `IOMT.SERIES(A${i + 1},B1,C1)`).join("+");

test("make portable: what it converts, what it leaves with which code, and the sheets it writes", () => {
  const cells = [
    at("A1", '=IOMT.VALUE("USA",2026)'),
    at("A2", "=IOMT.CAGR(1,2,5)"),
    at("A3", "=SUM(1,2)"),
    at("A4", '=IOMT.VALUE("x"'),
    at("A5", '=SUM("x"'),
    at("A6", '=IOMT.ENTITY("USA")'),
    at("A7", "=IOMT.RATE(1,2)"),
    at("A8", LONG),
    // the add-in's own sheets are never scanned
    at("C2", '=IOMT.VALUE("USA",2024)', LOOKUP),
    at("A1", '=IOMT.VALUE("USA",2024)', ORIGINALS.toUpperCase()),
  ];
  const older: OriginalRecord = {
    sheet: "Model",
    cell: "Z9",
    form: "excel",
    original: "=IOMT.RATE(B1)",
    portable: "x",
  };
  const replaced: OriginalRecord = { ...older, cell: "A2" };
  const plan = planPortable(cells, facts, [older, replaced]);
  expect(plan.converted.map((c) => [c.cell, c.portable])).toEqual([
    ["A1", portableOf('=IOMT.VALUE("USA",2026)')],
    ["A2", portableOf("=IOMT.CAGR(1,2,5)")],
  ]);
  expect(plan.problems.map((p) => [p.cell, p.reason])).toEqual([
    ["A4", "syntax"],
    ["A6", "entity"],
    ["A7", "unconvertible"],
    ["A8", "too-long"],
  ]);
  expect(plan.problems.find((p) => p.reason === "too-long")!.detail).toMatch(/over Excel's 8,192/);
  expect(plan.dataSheet).toMatchObject({ name: LOOKUP, exists: true });
  expect(plan.dataSheet!.rows[0].slice(0, 4)).toEqual(["Segment", "Year", "Value", "Source"]);
  // older records of other cells stay; this run's replace those of the same cells
  expect(plan.originals).toMatchObject({ name: ORIGINALS, exists: true });
  expect(plan.originals!.rows.slice(1).map((r) => r[1])).toEqual(["Z9", "A1", "A2"]);
  expect(findIomtCells(cells, facts.own).map((c) => c.cell)).toEqual(["A1", "A2", "A6", "A7", "A8"]);
});

test("make portable without the add-in's sheets names new ones, the originals beside the lookup's name", () => {
  const own = findOwnSheets([
    { name: "Model", visibility: "Visible" },
    { name: LOOKUP, visibility: "Visible" },
  ]);
  const plan = planPortable([at("A1", '=IOMT.RATE("NA")')], { ...facts, own }, []);
  expect(plan.dataSheet).toMatchObject({ name: `${LOOKUP} (2)`, exists: false });
  expect(plan.originals).toMatchObject({ name: ORIGINALS, exists: false });
  expect(planPortable([at("A1", "=IOMT.CAGR(1,2,5)")], { ...facts, own }, []).dataSheet).toBeUndefined();
});

test("restore: every record's decision as a code, and what the originals sheet keeps", () => {
  const record = (cell: string, original: string, sheet = "Model"): OriginalRecord => ({
    sheet,
    cell,
    form: "excel",
    original,
    portable: portableOf(original),
  });
  const records = [
    record("A1", '=IOMT.VALUE("USA",2026)'),
    record("A2:A3", '=IOMT.RATE("NA")'),
    record("C2", '=IOMT.RATE("NA")', LOOKUP),
    record("A1", '=IOMT.RATE("NA")', "Gone"),
    { ...record("A4", "=1+1"), portable: "=1+1" },
    { ...record("A5", '=IOMT.RATE("NA")'), portable: "=1+1" },
    record("A6", '=IOMT.RATE("EU")'),
    record("A7", '=IOMT.RATE("EU")'),
    record("A8", '=IOMT.RATE("EU")'),
  ];
  const now: Record<string, string | undefined> = {
    A1: records[0].portable,
    A6: undefined,
    A7: '=IOMT.RATE("EU")',
    A8: "=2+2",
  };
  const asked: string[] = [];
  const plan = planRestoreWrites(records, facts, (r) => (asked.push(r.cell), now[r.cell]));
  expect(plan.writes).toEqual([{ sheet: "Model", cell: "A1", formula: '=IOMT.VALUE("USA",2026)' }]);
  expect(plan.refused.map((r) => [r.cell, r.reason])).toEqual([
    ["A2:A3", "not-a-cell"],
    ["C2", "own-sheet"],
    ["A1", "missing-sheet"],
    ["A4", "not-iomt"],
    ["A5", "not-its-portable"],
  ]);
  expect(plan.skipped.map((r) => [r.cell, r.reason])).toEqual([
    ["A6", "no-formula"],
    ["A7", "already-original"],
    ["A8", "edited-since"],
  ]);
  // only the records restore trusts have their cells read
  expect(asked).toEqual(["A1", "A6", "A7", "A8"]);
  // what is back (written, or already there) leaves the originals sheet; refused and edited records stay
  expect(plan.remaining.map((r) => r.cell)).toEqual(["A2:A3", "C2", "A1", "A4", "A5", "A6", "A8"]);
  expect(sheetsToRemove(plan, [], facts.own)).toEqual([]);
  // an array formula's record, where the restorer writes no array formula (Office.js), is left alone
  const array = { ...record("A9", '=IOMT.SERIES("USA")'), kind: "array" as const, range: "A9:B14" };
  const arrayPlan = planRestoreWrites([array], facts, () => array.portable, undefined, {
    writable: ["ordinary", "shared", "dynamic"],
  });
  expect(arrayPlan.writes).toEqual([]);
  expect(arrayPlan.remaining).toEqual([array]);

  const seen = new Set<Reason>([
    ...planPortable(
      [at("A4", '=IOMT.VALUE("x"'), at("A6", '=IOMT.ENTITY("USA")'), at("A7", "=IOMT.RATE(1,2)"), at("A8", LONG)],
      facts,
      [],
    ).problems.map((p) => p.reason),
    ...plan.refused.map((r) => r.reason),
    ...plan.skipped.map((r) => r.reason),
    ...arrayPlan.skipped.map((r) => r.reason),
  ]);
  expect([...seen].sort()).toEqual([...REASONS].sort());
  for (const reason of REASONS) expect(reasonText(reason)).toMatch(/\w/);
  expect(reasonText("too-long", "The native formula would be 9,000 characters long.")).toMatch(/9,000/);
});

test("restore removes the originals and lookup sheets only once every original is back and no formula reads them", () => {
  const a: OriginalRecord = { sheet: "Model", cell: "A1", form: "excel", original: '=IOMT.RATE("NA")', portable: "" };
  a.portable = portableOf(a.original);
  const back = planRestoreWrites([a], facts, () => a.portable);
  expect(back.remaining).toEqual([]);
  const both = [
    { name: ORIGINALS, veryHidden: true },
    { name: LOOKUP, veryHidden: false },
  ];
  // the restored cell's own portable formula reads the lookup sheet, and is replaced
  expect(sheetsToRemove(back, [at("A1", a.portable)], facts.own)).toEqual(both);
  // formulas on the add-in's own sheets do not count
  expect(sheetsToRemove(back, [at("C3", `='${LOOKUP}'!C2`, LOOKUP)], facts.own)).toEqual(both);
  // an analyst's formula reading the lookup data, in any case, keeps both
  expect(sheetsToRemove(back, [at("B1", `='${LOOKUP.toUpperCase()}'!C2*2`)], facts.own)).toEqual([]);
  // a record that remains keeps both
  const edited = planRestoreWrites([a], facts, () => "=1");
  expect(sheetsToRemove(edited, [], facts.own)).toEqual([]);
});
