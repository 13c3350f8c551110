/**
 * The shipped dist/functions.js (needs dist/), loaded as Excel's runtime loads it, with the CustomFunctions
 * stand-in: every synchronous IOMT.* function answers exactly as its source in src/functions/functions.ts does, on
 * the edge cases of the result's fast paths and on any input, and fails with the same Excel error.
 */
import fs from "fs";
import path from "path";
import fc from "fast-check";
import { associated } from "../support/custom-functions-standin";
import { functions } from "../support/typed-functions";

const CF = (globalThis as any).CustomFunctions;
const FILE = path.resolve(__dirname, "..", "..", "dist", "functions.js");
/** The functions that answer at once (the others load estimates.js or wait for Office). */
const SYNCHRONOUS = ["cagr", "project", "share", "impliedTotal", "value", "rate", "growth", "series", "segments"];
SYNCHRONOUS.push("driver", "source");

/** What a call gives: its result, or what it threw. */
function outcome(fn: (...args: unknown[]) => unknown, args: unknown[]): { result?: unknown; thrown?: unknown } {
  try {
    return { result: fn(...args) };
  } catch (e) {
    return { thrown: e };
  }
}

/** The answer of the shipped function and of its source on the same arguments (copied: SHARE converts in place). */
function both(name: string, args: unknown[]) {
  const shipped = associated.get(name.toUpperCase());
  if (!shipped) throw new Error(`dist/functions.js did not associate ${name.toUpperCase()}`);
  const copy = (xs: unknown[]) => structuredClone(xs);
  return { shipped: outcome(shipped, copy(args)), source: outcome((functions as any)[name], copy(args)) };
}

beforeAll(() => {
  (globalThis as any).self ??= globalThis; // webpack's runtime keeps its chunk list on `self`, as in a page
  require(FILE);
});

test("dist/functions.js associates every synchronous function", () => {
  expect(fs.existsSync(FILE)).toBe(true);
  for (const name of SYNCHRONOUS) expect(associated.has(name.toUpperCase())).toBe(true);
});

test("the fast paths' edge cases: -0, the smallest and largest numbers, errors of each code, spilled rows", () => {
  const cases: Array<[string, unknown[]]> = [
    ["impliedTotal", [-0, 0.5]],
    ["impliedTotal", [5e-324, 1]],
    ["impliedTotal", [1e308, 1e-308]],
    ["impliedTotal", [1, 0]],
    ["project", [-0, 0.1, 2]],
    ["project", [-1e308, 0.5, 3]],
    ["project", [1, NaN, 1]],
    ["project", [1, Infinity, 1]],
    ["cagr", [5, 5, 2]],
    ["cagr", [0, 1, 1]],
    ["cagr", ["x", 1, 1]],
    ["cagr", [true, 1, 1]],
    ["share", [[[1], ["a"], [-0], [""]]]],
    ["share", [[[0]]]],
    ["share", [[[1e308], [1e308]]]],
    ["share", [[[-0], [1]], -5]],
    ["value", ["north-america", 2026]],
    ["value", ["USA", -0]],
    ["value", ["Patients"]],
    ["value", ["", 2029]],
    ["rate", ["Wearables"]],
    ["growth", ["U.S.A."]],
    ["series", ["USA", 2025, 2027]],
    ["series", ["USA", 2029, 2024]],
    ["segments", [null]],
    ["segments", ["end-users"]],
    ["segments", [7]],
    ["driver", ["TELEHEALTH"]],
    ["driver", ["nothing"]],
    ["source", ["USA", 2026]],
    ["source", ["constructor", 2029]],
  ];
  for (const [name, args] of cases) {
    const { shipped, source } = both(name, args);
    expect([name, args, shipped]).toEqual([name, args, source]);
    if ("result" in shipped && typeof shipped.result === "number") expect(Object.is(shipped.result, -0)).toBe(false);
    if ("thrown" in shipped) expect(shipped.thrown).toBeInstanceOf(CF.Error);
  }
});

test("on any input, the shipped functions answer or fail exactly as their source (fast-check)", () => {
  const hostile = fc.oneof(
    fc.double(),
    fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1e308, 5e-324, 2024, 2029, 2026, 0.5, 1),
    fc.string({ maxLength: 20 }),
    fc.constantFrom("", "USA", "wearables", "patients", "device type", "Telehealth", "__proto__"),
    fc.constantFrom(null, undefined, true, false),
    fc.array(fc.array(fc.oneof(fc.double(), fc.string(), fc.constant(null), fc.constant("")), { maxLength: 3 }), {
      maxLength: 3,
    }),
  );
  fc.assert(
    fc.property(fc.constantFrom(...SYNCHRONOUS), hostile, hostile, hostile, (name, a, b, c) => {
      const { shipped, source } = both(name, [a, b, c]);
      expect(shipped).toEqual(source);
    }),
    { numRuns: 3000 },
  );
});
