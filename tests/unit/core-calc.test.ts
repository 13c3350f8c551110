/** The calculators: unit cases, properties over random and hostile inputs, and a cross-check against formulajs. */
import fc from "fast-check";
import * as formulajs from "@formulajs/formulajs";
import { caught } from "../support/failure";
import { cagr, impliedTotal, project, share, FormulaError } from "../../src/core/functions";

const relClose = (a: number, b: number, tol = 1e-12): boolean =>
  a === b || Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));

describe("CAGR", () => {
  test("North America's figures give 22.69%", () => {
    expect(cagr(28454, 79107, 5)).toBeCloseTo(0.226914552, 9);
  });
  test.each([
    [0, 1, 1],
    [-1, 1, 1],
    [1, -1, 1],
    [1, 1, 0],
    [1, 1, -2],
  ])("CAGR(%p, %p, %p) is #NUM!", (s, e, n) => expect(() => cagr(s, e, n)).toFailWith("#NUM!"));
  test("end 0 is -100%", () => expect(cagr(10, 0, 3)).toBe(-1));
  test("text is #VALUE!, NaN is #NUM!", () => {
    expect(() => cagr("1", 2, 3)).toFailWith("#VALUE!");
    expect(() => cagr(null, 2, 3)).toFailWith("#VALUE!");
    expect(() => cagr(NaN, 2, 3)).toFailWith("#NUM!");
  });
  test("matches formulajs RRI on thousands of random cases to 1e-12", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (s, e, n) => {
          const theirs = formulajs.RRI(n, s, e) as unknown;
          if (typeof theirs !== "number" || !Number.isFinite(theirs))
            return caught(() => cagr(s, e, n)) instanceof FormulaError;
          return relClose(cagr(s, e, n), theirs);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("PROJECT", () => {
  test("grows and discounts", () => {
    expect(project(100, 0.25, 2)).toBe(156.25);
    expect(project(240000, 0.25, -5)).toBeCloseTo(78643.2, 9);
  });
  test("rate ≤ -1 is #NUM!", () => {
    expect(() => project(1, -1, 1)).toFailWith("#NUM!");
    expect(() => project(1, -2, 1)).toFailWith("#NUM!");
  });
  test("overflow is #NUM!, not Infinity", () => expect(() => project(1e300, 10, 300)).toFailWith("#NUM!"));
  test("matches formulajs FV on thousands of random cases to 1e-12", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: -0.99, max: 5, noNaN: true }),
        fc.integer({ min: 0, max: 40 }),
        (v, r, n) => {
          const theirs = formulajs.FV(r, n, 0, -v) as unknown;
          if (typeof theirs !== "number") return false;
          return relClose(project(v, r, n), theirs);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("IMPLIEDTOTAL", () => {
  test("part / share", () => expect(impliedTotal(122211, 0.51)).toBeCloseTo(239629.4117647, 6));
  test.each([0, -0.1, 1.01])("share %p is #NUM!", (s) => expect(() => impliedTotal(1, s)).toFailWith("#NUM!"));
  test("share 1 is the part", () => expect(impliedTotal(5, 1)).toBe(5));
});

describe("SHARE", () => {
  test("a range keeps its shape; blanks stay blank; text is #VALUE! in its own position", () => {
    const r = share([
      [1, 3],
      ["", "x"],
    ]);
    expect(r[0]).toEqual([0.25, 0.75]);
    expect(r[1][0]).toBe("");
    expect(r[1][1]).toBeInstanceOf(FormulaError);
    expect((r[1][1] as FormulaError).code).toBe("#VALUE!");
  });
  test("one cell", () => expect(share(5, 20)).toEqual([[0.25]]));
  test("with a total", () => expect(share([[122211], [82924]], 240000)).toEqual([[122211 / 240000], [82924 / 240000]]));
  test("a total of 0 is #DIV/0!", () => {
    expect(() => share([[1]], 0)).toFailWith("#DIV/0!");
    expect(() => share([[1], [-1]])).toFailWith("#DIV/0!");
    expect(() => share([[""], ["a"]])).toFailWith("#DIV/0!");
  });
  test("empty and ragged ranges", () => {
    expect(() => share([])).toFailWith("#VALUE!");
    expect(() => share([[]])).toFailWith("#VALUE!");
    expect(share([[1, 1], [2]])).toEqual([
      [0.25, 0.25],
      [0.5, ""],
    ]);
  });
  test("a rectangular range is read as it is, not copied: only its lengths and cells are read", () => {
    const read = new Set<string | symbol>();
    const watched = <T extends object>(x: T): T =>
      new Proxy(x, {
        get(target, key, receiver) {
          read.add(key);
          return Reflect.get(target, key, receiver);
        },
      });
    const values = watched([watched([122211]), watched([82924]), watched([130121])]);
    const total = 122211 + 82924 + 130121;
    expect(share(values)).toEqual([[122211 / total], [82924 / total], [130121 / total]]);
    expect([...read].filter((k) => k !== "length" && !/^\d+$/.test(String(k)))).toEqual([]);
  });
  test("shares of a range without total add up to 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0.001, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const width = Math.max(...rows.map((r) => r.length));
          const result = share(rows);
          const cells = result.flat();
          expect(result.length).toBe(rows.length);
          for (const row of result) expect(row.length).toBe(width);
          const sum = cells.reduce<number>((t, c) => t + (typeof c === "number" ? c : 0), 0);
          return Math.abs(sum - 1) < 1e-9;
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("hostile inputs", () => {
  const hostile = fc.oneof(
    fc.double(),
    fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e-320),
    fc.string(),
    fc.string({ unit: "grapheme", maxLength: 50 }),
    fc.constantFrom("", " ", "x".repeat(10000), "\u0000", "🩺"),
    fc.constantFrom(null, undefined, true, false),
    fc.array(fc.array(fc.oneof(fc.double(), fc.string(), fc.constant(null)), { maxLength: 4 }), { maxLength: 4 }),
  );
  const outcome = (fn: () => unknown): "ok" | "formula error" => {
    try {
      const r = fn();
      const cells = Array.isArray(r) ? (r as unknown[][]).flat() : [r];
      for (const c of cells) {
        if (c instanceof FormulaError || c === "") continue;
        if (typeof c !== "number" || !Number.isFinite(c)) throw new Error(`bad cell ${String(c)}`);
      }
      return "ok";
    } catch (e) {
      if (e instanceof FormulaError) return "formula error";
      throw e;
    }
  };
  test("every calculator returns finite numbers or FormulaError, never NaN, Infinity or another exception", () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (a, b, c) => {
        outcome(() => cagr(a, b, c));
        outcome(() => project(a, b, c));
        outcome(() => impliedTotal(a, b));
        outcome(() => share(a, b));
      }),
      { numRuns: 3000 },
    );
  });
  test("negative zero never comes out", () => {
    expect(Object.is(project(-0, 0.1, 1), -0)).toBe(false);
    expect(Object.is(share([[-0], [1]])[0][0], -0)).toBe(false);
  });
});
