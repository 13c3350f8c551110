/** The registry of the IOMT functions against the functions the add-in exports (no build needed). */
import { functionInfo, IOMT_FUNCTIONS, isIomtFunction, SEGMENT_DOMAIN } from "../../src/core/functions";
import * as functions from "../../src/functions/functions";

test("the registry lists exactly the exported functions, each with as many parameters as its JavaScript function", () => {
  // the linked data type's load service is called by Excel, never from a formula: it is not in the registry
  const exported = Object.entries(functions).filter(
    ([name, f]) => typeof f === "function" && name.toUpperCase() !== SEGMENT_DOMAIN.loadFunctionId,
  );
  expect(exported.map(([name]) => name.toUpperCase())).toEqual([...IOMT_FUNCTIONS]);
  expect(Object.keys(functions).map((n) => n.toUpperCase())).toContain(SEGMENT_DOMAIN.loadFunctionId);
  for (const [name, f] of exported) {
    const info = functionInfo(name.toUpperCase() as (typeof IOMT_FUNCTIONS)[number]);
    expect([name, (f as (...args: unknown[]) => unknown).length]).toEqual([name, info.maxArgs]);
    expect(info.minArgs).toBeLessThanOrEqual(info.maxArgs);
  }
});

test("names are upper case after the namespace; others are not functions", () => {
  expect(IOMT_FUNCTIONS.every(isIomtFunction)).toBe(true);
  expect(["value", "SUM", "", "IOMT.VALUE"].some(isIomtFunction)).toBe(false);
  expect(() => functionInfo("NOPE" as never)).toThrow(/Unknown IOMT function/);
});

test("calculators compute from their arguments; every function but the data type has a native form", () => {
  expect(IOMT_FUNCTIONS.filter((n) => functionInfo(n).role === "calculator")).toEqual([
    "CAGR",
    "PROJECT",
    "SHARE",
    "IMPLIEDTOTAL",
  ]);
  expect(IOMT_FUNCTIONS.filter((n) => functionInfo(n).native === null)).toEqual(["ENTITY"]);
  expect(functionInfo("SERIES")).toMatchObject({ minArgs: 1, maxArgs: 3, result: "matrix", role: "lookup" });
});
