/** The IOMT.* wrappers: thin and alike in their errors (their metadata: tests/build/functions-metadata.test.ts). */
import { associated } from "../support/custom-functions-standin";
import fc from "fast-check";
import { functions } from "../support/typed-functions";
import { caught } from "../support/failure";
import {
  arrayCells,
  excelError,
  keptTextRows,
  numberCell,
  runArray,
  runLoaded,
  textCell,
} from "../../src/functions/run";
import { FormulaError } from "../../src/core/functions";
import { publisherEstimates, publisherRange } from "../../src/core/functions";
import { PUBLISHER_ESTIMATES } from "../../src/data/estimates";

const CF = (globalThis as any).CustomFunctions;

describe("the error funnel", () => {
  test("codes and messages", () => {
    expect(caught(() => functions.cagr(0, 1, 1))).toEqual(new CF.Error("#NUM!"));
    expect(caught(() => functions.share([[0]]))).toEqual(new CF.Error("#DIV/0!"));
    expect(caught(() => functions.value("Patients"))).toEqual(
      new CF.Error("#N/A", "Patients is not quantified in the source."),
    );
    expect(caught(() => functions.cagr("x" as any, 1, 1))).toEqual(
      new CF.Error("#VALUE!", "start_value must be a number, not text."),
    );
  });

  test("optional arguments arrive as null or undefined", () => {
    expect(functions.value("USA", null as any)).toBe(71006);
    expect(functions.value("USA", undefined)).toBe(71006);
    expect(functions.series("USA", null as any, null as any)).toHaveLength(6);
    expect(functions.segments(null as any)).toHaveLength(18);
    expect(functions.share([[1], [1]], null as any)).toEqual([[0.5], [0.5]]);
  });

  test("every wrapper returns finite numbers, text or CustomFunctions.Error for any input (fast-check)", async () => {
    const hostile = fc.oneof(
      fc.double(),
      fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, 5e-324, 2024, 2029, 2026),
      fc.string({ maxLength: 40 }),
      fc.constantFrom("", "USA", "wearables", "patients", "x".repeat(100000), "🩺", "device type"),
      fc.constantFrom(null, undefined, true),
      fc.array(fc.array(fc.oneof(fc.double(), fc.string(), fc.constant(null), fc.constant("")), { maxLength: 3 }), {
        maxLength: 3,
      }),
    );
    const okCell = (c: unknown) =>
      (typeof c === "number" && Number.isFinite(c) && !Object.is(c, -0)) ||
      typeof c === "string" ||
      c instanceof CF.Error;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(functions)), hostile, hostile, hostile, async (name, a, b, c) => {
        try {
          let r = (functions as any)[name](a, b, c);
          // IOMT.ENTITY is asynchronous: it waits for Office to be ready; its promise settles the same way
          if (r instanceof Promise) r = await r;
          if (Array.isArray(r)) {
            expect(r.length).toBeGreaterThan(0);
            for (const cell of r.flat()) expect(okCell(cell)).toBe(true);
          } else {
            expect(okCell(r)).toBe(true);
            expect(r instanceof CF.Error).toBe(false);
          }
        } catch (e) {
          expect(e).toBeInstanceOf(CF.Error);
          expect(Object.values(CF.ErrorCode)).toContain((e as any).code);
          if ((e as any).message !== undefined) expect(["#VALUE!", "#N/A"]).toContain((e as any).code);
        }
      }),
      { numRuns: 5000 },
    );
  });

  test("a spilled result the function built is converted in place, not copied", () => {
    const rows: unknown[][] = [
      [1, -0],
      [NaN, "x"],
    ];
    const result = runArray(() => rows);
    expect(result).toBe(rows);
    expect(result[0]).toEqual([1, 0]);
    expect(Object.is(result[0][1], -0)).toBe(false);
    expect(result[1][0]).toEqual(new CF.Error("#NUM!"));
    expect(result[1][1]).toBe("x");
    const frozen = Object.freeze([Object.freeze(["North America"])]);
    expect(runArray(() => frozen)).toBe(frozen);
  });

  test("a number result: a finite number other than 0 as it is, 0 for -0, anything else its Excel error", () => {
    for (const x of [1, -2.5, 5e-324, -5e-324, 1e308, -1e308, 71006]) expect(numberCell(x)).toBe(x);
    expect(Object.is(numberCell(-0), 0)).toBe(true);
    expect(Object.is(numberCell(0), 0)).toBe(true);
    // through a function's own catch, the funnel: #NUM! shows no message in Excel
    const funnelled = (x: unknown) => {
      try {
        return numberCell(x as number);
      } catch (e) {
        throw excelError(e);
      }
    };
    for (const x of [NaN, Infinity, -Infinity]) expect(caught(() => funnelled(x))).toEqual(new CF.Error("#NUM!"));
    // text and TRUE/FALSE are cells Excel takes, as before; a range, which x - x takes for a number, is not
    expect(funnelled("5")).toBe("5");
    expect(funnelled(true)).toBe(true);
    expect(caught(() => funnelled([[1]]))).toEqual(
      new CF.Error("#VALUE!", "Unexpected error: a result of type object"),
    );
    expect(caught(() => funnelled(new Date(0)))).toEqual(
      new CF.Error("#VALUE!", "Unexpected error: a result of type object"),
    );
    expect(caught(() => funnelled(undefined))).toEqual(
      new CF.Error("#VALUE!", "Unexpected error: a result of type undefined"),
    );
    // a core error returned instead of thrown is still its own Excel error
    expect(caught(() => funnelled(new FormulaError("#N/A", "not here")))).toEqual(new CF.Error("#N/A", "not here"));
    expect(caught(() => funnelled(new FormulaError("#DIV/0!", "none")))).toEqual(new CF.Error("#DIV/0!"));
  });

  test("a text result as it is, anything else as a number result is", () => {
    expect(textCell("USA 2029: …")).toBe("USA 2029: …");
    expect(textCell("")).toBe("");
    expect(textCell(5 as unknown as string)).toBe(5);
    expect(Object.is(textCell(-0 as unknown as string), 0)).toBe(true);
    expect(caught(() => textCell([["a"]] as unknown as string))).toEqual(
      new CF.Error("#VALUE!", "Unexpected error: a result of type object"),
    );
    expect(caught(() => textCell(NaN as unknown as string))).toEqual(new CF.Error("#NUM!"));
  });

  test("the funnel: each error its code, messages only with #VALUE! and #N/A, an Excel error as it is", () => {
    const made = new CF.Error("#NUM!");
    expect(excelError(made)).toBe(made);
    expect(excelError(new FormulaError("#VALUE!", "a"))).toEqual(new CF.Error("#VALUE!", "a"));
    expect(excelError(new FormulaError("#N/A", "b"))).toEqual(new CF.Error("#N/A", "b"));
    expect(excelError(new FormulaError("#NUM!", "c"))).toEqual(new CF.Error("#NUM!"));
    expect(excelError(new FormulaError("#DIV/0!", "d"))).toEqual(new CF.Error("#DIV/0!"));
    expect(excelError(new RangeError("x".repeat(300)))).toEqual(
      new CF.Error("#VALUE!", `Unexpected error: ${"x".repeat(300)}`.slice(0, 255)),
    );
    expect(excelError("thrown text")).toEqual(new CF.Error("#VALUE!", "Unexpected error: thrown text"));
  });

  test("the wrappers: -0 is 0, and an error thrown by the core comes out of the funnel", () => {
    expect(Object.is(functions.impliedTotal(-0, 0.5), 0)).toBe(true);
    expect(Object.is(functions.project(-0, 0.1, 2), 0)).toBe(true);
    expect(Object.is(functions.cagr(5, 5, 2), 0)).toBe(true);
    expect(caught(() => functions.impliedTotal(1e308, 1e-308))).toEqual(new CF.Error("#NUM!"));
    expect(caught(() => functions.project(1, NaN, 1))).toEqual(new CF.Error("#NUM!"));
    expect(caught(() => functions.value("Nowhere"))).toEqual(new CF.Error("#N/A", "Unknown segment 'Nowhere'."));
    expect(caught(() => functions.source("USA", 2031))).toEqual(
      new CF.Error("#N/A", "The dataset has years 2024 to 2029; year 2031 is not one of them."),
    );
    expect(caught(() => functions.segments(7))).toEqual(new CF.Error("#VALUE!", "dimension must be text, not number."));
    expect(caught(() => functions.series("USA", 2029, 2024))).toEqual(
      new CF.Error("#VALUE!", "from_year 2029 is after to_year 2024."),
    );
  });

  test("a spilled result: cells checked one by one, fit cells and frozen rows kept, none at all #N/A", () => {
    const failure = new FormulaError("#VALUE!", "values has text at row 1, column 1.");
    const rows: unknown[][] = [
      [1, -0, 0, "x", ""],
      [NaN, Infinity, -Infinity, true, undefined],
      [failure, new FormulaError("#NUM!", "too large"), "5", 5e-324, -1e308],
    ];
    const row0 = rows[0];
    const result = arrayCells(rows);
    expect(result).toBe(rows);
    expect(result[0]).toBe(row0);
    expect(result[0]).toEqual([1, 0, 0, "x", ""]);
    expect(Object.is(result[0][1], 0)).toBe(true);
    expect(result[1]).toEqual([
      new CF.Error("#NUM!"),
      new CF.Error("#NUM!"),
      new CF.Error("#NUM!"),
      true,
      new CF.Error("#VALUE!", "Unexpected error: a result of type undefined"),
    ]);
    expect(result[2]).toEqual([
      new CF.Error("#VALUE!", "values has text at row 1, column 1."),
      new CF.Error("#NUM!"),
      "5",
      5e-324,
      -1e308,
    ]);
    const frozen = Object.freeze([Object.freeze(["North America"])]);
    expect(arrayCells(frozen)).toBe(frozen);
    expect(caught(() => runArray(() => []))).toEqual(new CF.Error("#N/A", "The result is empty."));
    expect(caught(() => runArray(() => [[]]))).toEqual(new CF.Error("#N/A", "The result is empty."));
    expect(functions.share([[1], ["a"], [-0], [""]])).toEqual([
      [1],
      [new CF.Error("#VALUE!", "values has text at row 2, column 1.")],
      [0],
      [""],
    ]);
  });

  test("SEGMENTS' kept column of names is returned as it is, every call the same rows; none at all is #N/A", () => {
    const column = functions.segments("end user");
    expect(column).toEqual([["Healthcare providers"], ["Patients"], ["Government authorities"], ["Other end users"]]);
    expect(functions.segments("end user")).toBe(column);
    expect(functions.segments("End-users")).toEqual(column);
    expect(Object.isFrozen(column)).toBe(true);
    const kept = Object.freeze([Object.freeze(["Patients"])]);
    expect(keptTextRows(kept)).toBe(kept);
    for (const none of [[], [[]]])
      expect(excelError(caught(() => keptTextRows(none)))).toEqual(new CF.Error("#N/A", "The result is empty."));
  });

  test("the stand-in was not needed for registration: the source never calls associate itself", () => {
    expect(associated.size).toBe(0);
  });
});

describe("IOMT.ESTIMATES and IOMT.RANGE: other publishers' estimates", () => {
  test("one row per publisher: publisher, value, kind, source", async () => {
    const rows = await functions.estimates(2029);
    expect(rows).toHaveLength(11);
    const gvr = rows.find((r) => r[0] === "Grand View Research")!;
    expect(gvr[1]).toBeCloseTo(230690 * 1.182 ** 5, 6);
    expect(gvr[2]).toBe("extrapolated");
    expect(gvr[3]).toBe(
      "https://www.grandviewresearch.com/industry-analysis/internet-of-medical-things-iomt-market-report",
    );
    expect(rows.find((r) => r[0] === "The Business Research Company")!.slice(1, 3)).toEqual([240000, "printed"]);
    // a year the publisher's figures cannot reach stays blank
    expect(rows.find((r) => r[0] === "UnivDatos")!.slice(1, 3)).toEqual(["", "none"]);
    // 2029 when omitted
    expect(await functions.estimates(null)).toEqual(rows);
  });

  test("the range: low, median, high and the number of publishers", async () => {
    const values = (await functions.estimates(2024)).map((r) => r[1]).filter((v): v is number => typeof v === "number");
    const [[low, median, high, count]] = await functions.range(2024);
    expect([low, high, count]).toEqual([Math.min(...values), Math.max(...values), values.length]);
    expect(values.filter((v) => v < median)).toHaveLength(Math.floor(values.length / 2));
  });

  test("the same error discipline as the other functions", async () => {
    expect(await caught(functions.estimates(2040))).toEqual(
      new CF.Error("#N/A", "The publishers' figures span 2012 to 2034; year 2040 is not one of them."),
    );
    expect(await caught(functions.range(2024.5))).toEqual(
      new CF.Error("#N/A", "The publishers' figures span 2012 to 2034; year 2024.5 is not one of them."),
    );
    expect(await caught(functions.range("2029"))).toEqual(new CF.Error("#VALUE!", "year must be a number, not text."));
    // 2013 lies within the pages' years, yet no page's figures reach it
    expect(await caught(functions.range(2013))).toEqual(new CF.Error("#N/A", "No publisher's figures reach 2013."));
  });

  test("they answer through a promise, and the same as the core on the same estimates", async () => {
    const answer = functions.estimates(2024);
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toEqual(publisherEstimates(PUBLISHER_ESTIMATES, 2024));
    expect(await functions.range(2030)).toEqual(publisherRange(PUBLISHER_ESTIMATES, 2030));
  });
});

describe("a part of the functions loaded on first use (estimates.js)", () => {
  test("a load that fails is #N/A with the reason, and the next call loads again", async () => {
    let attempts = 0;
    const load = () => (++attempts === 1 ? Promise.reject(new Error("Loading chunk 0 failed.")) : Promise.resolve(7));
    expect(await caught(runLoaded(load, "Other publishers' estimates", (n) => n + 1))).toEqual(
      new CF.Error(
        "#N/A",
        "Other publishers' estimates did not load (Loading chunk 0 failed.); recalculate to try again.",
      ),
    );
    expect(await runLoaded(load, "Other publishers' estimates", (n) => n + 1)).toBe(8);
    expect(attempts).toBe(2);
  });

  test("an error of the function run after the load keeps its own code", async () => {
    const failing = () => runArray(() => [[Number.NaN]]);
    expect(await runLoaded(() => Promise.resolve(0), "x", failing)).toEqual([[new CF.Error("#NUM!")]]);
    expect(
      await caught(
        runLoaded(
          () => Promise.resolve(0),
          "x",
          () => runArray(() => []),
        ),
      ),
    ).toEqual(new CF.Error("#N/A", "The result is empty."));
  });
});

describe("loading the functions builds nothing", () => {
  test("the dataset is assembled on the first call, not when the script loads, and only once", () => {
    jest.isolateModules(() => {
      const assemble = jest.requireActual("../../src/data/assemble");
      const spy = jest.fn(assemble.assembleDataset);
      jest.doMock("../../src/data/assemble", () => ({ ...assemble, assembleDataset: spy }));
      const fresh = require("../../src/functions/functions");
      expect(spy).not.toHaveBeenCalled();
      expect(fresh.value("USA", 2024)).toBe(functions.value("USA", 2024));
      expect(fresh.rate("USA")).toBe(functions.rate("USA"));
      expect(spy).toHaveBeenCalledTimes(1);
    });
    jest.dontMock("../../src/data/assemble");
  });
});
