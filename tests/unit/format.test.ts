/** formatAmount writes Intl's en-US text with at most four decimals by hand: the two agree on every number tried. */
import { formatAmount } from "../../src/lib/format";

const intl = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

test("the same text as Intl.NumberFormat('en-US', { maximumFractionDigits: 4 }) on edge cases", () => {
  const cases = [
    0,
    -0,
    1,
    -1,
    0.5,
    1.00005,
    2.00005,
    1.03125,
    -1.03125,
    0.00005,
    -0.00004,
    -0.00005,
    1e-7,
    -1e-7,
    1.5e-7,
    5e-5,
    4.9999e-5,
    9.99995,
    0.99995,
    99999.99995,
    999.99999,
    123456789.12345,
    1e20,
    1e21,
    1.2345e22,
    -9.87e25,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER,
    28454,
    79107.2,
    122211,
    78643.2,
    1000,
    999,
    NaN,
    Infinity,
    -Infinity,
  ];
  for (const x of cases) expect([x, formatAmount(x)]).toEqual([x, intl.format(x)]);
});

test("the same text as Intl on 200,000 numbers across magnitudes, with ties at the fifth decimal", () => {
  // a fixed linear congruential sequence: the same numbers every run
  let seed = 20261201;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const wrong: Array<[number, string, string]> = [];
  for (let i = 0; i < 200_000; i++) {
    const magnitude = Math.pow(10, Math.floor(next() * 30) - 10);
    const raw = (next() - 0.3) * magnitude;
    // every third number has at most five decimals, so that the fifth is often a 5 (a tie in the shortest digits)
    const x = i % 3 === 0 ? Math.round(raw * 1e5) / 1e5 : raw;
    const mine = formatAmount(x);
    const theirs = intl.format(x);
    if (mine !== theirs) wrong.push([x, mine, theirs]);
  }
  expect(wrong.slice(0, 5)).toEqual([]);
});

test("the dataset's amounts are written without building Intl's format (slow to build when a page starts)", () => {
  const built = jest.spyOn(Intl, "NumberFormat");
  jest.isolateModules(() => {
    const fresh: typeof import("../../src/lib/format") = require("../../src/lib/format");
    expect(["28454", "79107.2", "-0.5", "1234567.8901"].map((t) => fresh.formatAmount(Number(t)))).toEqual([
      "28,454",
      "79,107.2",
      "-0.5",
      "1,234,567.8901",
    ]);
    expect(built).not.toHaveBeenCalled();
    // an exponent form goes to Intl, built then
    expect(fresh.formatAmount(1.5e-7)).toBe("0");
  });
  expect(built).toHaveBeenCalledTimes(1);
  built.mockRestore();
});
