/**
 * Formula text an analyst or a sender may put in a cell, however unusual: the canonical form refresh compares
 * formulas by, and the conversion Make portable does. Inputs that took hours when a cost grew exponentially
 * (a backtracking regular expression, a native formula that repeats its argument at every level) finish here,
 * and properties over random formula text (nesting, quotes, apostrophes, brackets, long strings) hold.
 */
import fc from "fast-check";
import { INDEX } from "../../src/data/bundled";
import { canonicalFormula, sameCell, OWN_SHEETS } from "../../src/core/excel";
import {
  convertFormula,
  MAX_FORMULA_LENGTH,
  type PortableContext,
  originalsRows,
  readOriginals,
  type OriginalRecord,
  callsIomt,
} from "../../src/core/portable";

const EXCEL: PortableContext = { tables: [], dataSheet: OWN_SHEETS.lookup.base, file: false };
const FILE: PortableContext = { ...EXCEL, file: true };
const convert = (f: string, ctx: PortableContext = EXCEL) => convertFormula(f, INDEX, ctx);

/** `levels` calls of IOMT.NAME nested in their first argument, around `inner`, each with `rest` after it. */
function nested(name: string, levels: number, inner: string, rest: string): string {
  let f = inner;
  for (let i = 0; i < levels; i++) f = `IOMT.${name}(${f}${rest})`;
  return f;
}

describe("the canonical form of a formula", () => {
  test("a text's canonical form is its table's, however often and in whatever order it is asked for", () => {
    const f = "=IoMT_Regions[@2024]";
    const own = canonicalFormula(f, "IoMT_Regions");
    const other = canonicalFormula(f, "IoMT_Drivers");
    expect(own).not.toEqual(other);
    for (let i = 0; i < 3; i++) {
      expect(canonicalFormula(f, "IoMT_Drivers")).toEqual(other);
      expect(canonicalFormula(f, "IoMT_Regions")).toEqual(own);
    }
    // equal texts are the same cell without working out a canonical form; different spellings still compare by it
    expect(sameCell(f, f, "IoMT_Regions")).toBe(true);
    expect(sameCell("=IoMT_Regions[@[2024]]", f, "IoMT_Regions")).toBe(
      sameCell("=[@[2024]]", "=[@2024]", "IoMT_Regions"),
    );
  });

  // 5,000 apostrophes: 45 characters took 3 s and 65 more than 100 s when the cost doubled with each one
  const QUOTES = "'".repeat(5000);

  test("a formula that backtracking expressions took hours over is read in one pass, and its text kept", () => {
    const text = `="[[${QUOTES}"`;
    expect(canonicalFormula(text, "T")).toBe(text);
    expect(sameCell(text, "=[@2024]", "T")).toBe(false);
    for (const f of [`=T[[${QUOTES}`, `=[@[${QUOTES}x`, `=T[[#This Row],[${QUOTES}`, `=[[${QUOTES}]`, `=[[${QUOTES}`]) {
      const once = canonicalFormula(f, "T");
      expect(typeof once).toBe("string");
      expect(canonicalFormula(once, "T")).toBe(once);
      expect(sameCell(f, "=[@2024]", "T")).toBe(false);
    }
  });

  test("text literals and quoted sheet names are kept exactly; only the formula around them is read", () => {
    const literal = '="T[[#This Row],[X]] _xlfn.RRI( [@[a]]  ""b"" "&T[[#This Row],[X]]';
    expect(canonicalFormula(literal, "T")).toBe('="T[[#This Row],[X]] _xlfn.RRI( [@[a]]  ""b"" "&[@X]');
    expect(canonicalFormula('="a  b"', "T")).not.toBe(canonicalFormula('="a b"', "T"));
    expect(canonicalFormula("='My  Sheet'!A1", "T")).not.toBe(canonicalFormula("='My Sheet'!A1", "T"));
    expect(canonicalFormula("= 'My Sheet' ! A1 + 1", "T")).toBe("='My Sheet'!A1+1");
    // Excel's own spellings of one reference still meet, inside the table and with spaces after its commas
    expect(canonicalFormula("=T[[#This Row], [Market size]]", "T")).toBe(canonicalFormula("=[@[Market size]]", "T"));
    expect(canonicalFormula("=[@['#1]]", "T")).toBe(canonicalFormula("=T[@'#1]", "T"));
  });

  // pieces Excel writes in formulas, and pieces only a hostile or broken cell holds
  const literalContent = fc.string({
    unit: fc.constantFrom("a", " ", "'", '"', "[", "]", "@", "#", ",", "_xlfn.", "T"),
    maxLength: 40,
  });
  const literal = literalContent.map((s) => `"${s.split('"').join('""')}"`);
  const column = fc
    .array(fc.constantFrom("a", "b", " ", "'[", "']", "'#", "''", "@", ",", "2024", "-", "("), {
      minLength: 1,
      maxLength: 6,
    })
    .map((p) => p.join(""));
  const reference = fc.oneof(
    column.map((c) => `[${c}]`),
    column.map((c) => `[[${c}]]`),
    column.map((c) => `[@${c}]`),
    column.map((c) => `[@[${c}]]`),
    column.map((c) => `[[#This Row], [${c}]]`),
    fc.tuple(column, column).map(([a, b]) => `[[${a}]:[${b}]]`),
  );
  const code = fc.constantFrom(
    "T",
    "t",
    "MyT",
    "_xlfn.",
    "_xlfn.T",
    "RRI(",
    "SUM(",
    ")",
    ",",
    " ",
    "  ",
    "+",
    "&",
    "A1",
    "'My Sheet'!",
    "@",
    "1.5",
  );
  const formula = fc
    .array(
      fc.oneof(
        literal.map((l) => ({ l })),
        reference,
        code,
      ),
      { maxLength: 16 },
    )
    .map((parts) => ({
      text: "=" + parts.map((p) => (typeof p === "string" ? p : p.l)).join(""),
      literals: parts.flatMap((p) => (typeof p === "string" ? [] : [p.l])),
    }));
  const anyText = fc
    .string({
      unit: fc.constantFrom("=", '"', "'", "[", "]", "@", "#", ",", " ", "T", "a", "_xlfn.", "(", ")"),
      maxLength: 80,
    })
    .map((s) => `=${s}`);

  test("property: it finishes and is idempotent on any text, however broken", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          formula.map((f) => f.text),
        ),
        fc.constantFrom("T", "t", "_xlfn.T"),
        (f, table) => {
          const once = canonicalFormula(f, table);
          expect(canonicalFormula(once, table)).toBe(once);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("property: every text literal comes out as it went in, in order", () => {
    fc.assert(
      fc.property(formula, ({ text, literals }) => {
        const out = canonicalFormula(text, "T") as string;
        let at = 0;
        for (const l of literals) {
          const found = out.indexOf(l, at);
          expect(found).toBeGreaterThanOrEqual(at);
          at = found + l.length;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("Make portable of deeply nested calls", () => {
  test("64 levels of IOMT.PROJECT over cells (each level repeats its argument three times) are left as they were, with the reason", () => {
    for (const ctx of [EXCEL, FILE]) {
      const f = (ctx.file ? "" : "=") + nested("PROJECT", 64, "A1", ",A2,A3");
      const c = convert(f, ctx);
      expect(c).toMatchObject({ changed: false, formula: f });
      expect(c.calls).toHaveLength(64);
      expect(c.problem).toMatch(/^The native formula would be about 10\^\d+ characters long, over Excel's 8,192\.$/);
    }
    // the 11 levels that took 15.7 s and 2.7 GB: its length is counted exactly
    const eleven = convert("=" + nested("PROJECT", 11, "A1", ",A2,A3"));
    expect(eleven.changed).toBe(false);
    const length = Number(/would be ([\d,]+) characters/.exec(eleven.problem!)![1].replace(/,/g, ""));
    expect(length).toBeGreaterThan(MAX_FORMULA_LENGTH);
  });

  test("200 levels of IOMT.VALUE are left as they were, with the reason", () => {
    for (const ctx of [EXCEL, FILE]) {
      const f = (ctx.file ? "" : "=") + nested("VALUE", 200, "A1", "");
      const c = convert(f, ctx);
      expect(c).toMatchObject({ changed: false, formula: f });
      expect(c.problem).toMatch(/characters long, over Excel's 8,192\./);
    }
  });

  test("64 levels that fit are converted, each level wrapping the one inside it once", () => {
    // level 1 checks the cell; every level above takes a number (or an error) from the one inside
    let expected = "IF(ISNUMBER(A1),A1*(1+0.05)^3,0*LEN(A1)+#VALUE!)";
    for (let i = 1; i < 64; i++) expected = `(${expected}*(1+0.05)^3)`;
    const c = convert("=" + nested("PROJECT", 64, "A1", ",0.05,3"));
    expect(c).toMatchObject({ changed: true, formula: `=${expected}` });
    expect(callsIomt(c.formula)).toBe(false);
  });

  test("a formula as long as Excel allows, nested as deep as its text lets it, is converted or left", () => {
    for (const [name, rest] of [
      ["VALUE", ""],
      ["SHARE", ""],
      ["PROJECT", ",A2,A3"],
      ["PROJECT", ",0.05,3"],
    ]) {
      const levels = Math.floor((MAX_FORMULA_LENGTH - 10) / `IOMT.${name}(${rest})`.length);
      const f = "=" + nested(name, levels, "A1", rest);
      expect(f.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
      const c = convert(f);
      expect(c.calls).toHaveLength(levels);
      if (c.changed) expect(c.formula.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
      else expect(c).toMatchObject({ formula: f, problem: expect.stringMatching(/over Excel's 8,192/) });
    }
  });
});

test("an intersection after a call, which the parser reads as a call of a call, is converted like any formula", () => {
  expect(convert("=SUM(A1:B2) (A1)")).toMatchObject({ changed: false, calls: [] });
  const c = convert("=SUM(IOMT.PROJECT(1,0.5,1)) (A1:B2)");
  expect(c).toMatchObject({ changed: true, formula: "=SUM((1*(1+0.5)^1)) (A1:B2)" });
});

describe("properties of the conversion", () => {
  const NAMES = [
    "CAGR",
    "PROJECT",
    "IMPLIEDTOTAL",
    "SHARE",
    "VALUE",
    "RATE",
    "GROWTH",
    "SERIES",
    "SEGMENTS",
    "DRIVER",
    "SOURCE",
  ];
  const text = fc
    .string({ unit: fc.constantFrom("a", " ", "'", '""', "(", ")", "[", "]", ",", "IOMT.VALUE("), maxLength: 30 })
    .map((s) => `"${s}"`);
  const leaf = fc.oneof(
    fc.constantFrom(
      "A1",
      "$B$2",
      "B2:B4",
      "Sheet1!C3",
      "'My (s)'!D4",
      "'It''s'!A1",
      "T[Growth (%)]",
      "T[[#This Row],['[x']]]",
    ),
    fc.constantFrom("1", "-1", "0.5", "2029", "2024", "0", "TRUE", "#N/A", '"USA"', '"Wearable devices"', '" "'),
    text,
    fc.string({ unit: fc.constantFrom("x", "'", '""'), minLength: 200, maxLength: 400 }).map((s) => `"${s}"`),
  );
  const expression = (withIomt: boolean) =>
    fc.letrec<{ e: string; call: string; op: string; native: string }>((tie) => ({
      e: fc.oneof({ depthSize: "small" }, leaf, ...(withIomt ? [tie("call")] : []), tie("op"), tie("native")),
      call: fc
        .tuple(
          fc.constantFrom("IOMT.", "_xludf.IOMT.", "_xldudf_IOMT_", "iomt."),
          fc.constantFrom(...NAMES),
          fc.array(fc.option(tie("e"), { nil: "" }), { maxLength: 4 }),
        )
        .map(([prefix, name, args]) => `${prefix}${name}(${args.join(",")})`),
      op: fc
        .tuple(tie("e"), fc.constantFrom("+", "*", "-", "^", "&", ":", " "), tie("e"))
        .map(([a, o, b]) => a + o + b),
      native: fc
        .tuple(
          fc.constantFrom("SUM", "IF", "-", "(", "IOMTX.VALUE"),
          fc.array(tie("e"), { minLength: 1, maxLength: 3 }),
        )
        .map(([fn, args]) => (fn === "-" ? `-${args[0]}` : fn === "(" ? `((${args[0]}))` : `${fn}(${args.join(",")})`)),
    })).e;

  test("property: conversion finishes, and the record it leaves gives the original back, which converts to the same formula", () => {
    fc.assert(
      fc.property(expression(true), fc.boolean(), (body, file) => {
        const ctx = file ? FILE : EXCEL;
        const original = file ? body : `=${body}`;
        const c = convert(original, ctx);
        if (!c.changed) {
          expect(c.formula).toBe(original);
          return;
        }
        expect(callsIomt(c.formula)).toBe(false);
        expect(c.formula.length + (file ? 1 : 0)).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
        const record: OriginalRecord = {
          sheet: "It's (1)",
          cell: "B2",
          form: file ? "file" : "excel",
          original,
          portable: c.formula,
        };
        const [back] = readOriginals(originalsRows([record]));
        expect(back).toEqual(record);
        expect(convert(back.original, ctx).formula).toBe(back.portable);
      }),
      { numRuns: 1500 },
    );
  });

  test("property: a formula without IOMT calls is left exactly as it is", () => {
    fc.assert(
      fc.property(expression(false), fc.boolean(), (body, file) => {
        const original = file ? body : `=${body}`;
        expect(convert(original, file ? FILE : EXCEL)).toMatchObject({
          formula: original,
          changed: false,
          calls: [],
          usesDataSheet: false,
        });
      }),
      { numRuns: 1500 },
    );
  });
});
