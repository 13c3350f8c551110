import { COMMON_YEARS, estimateAt, estimateBasis, estimateRange, estimatesAt, isFloor } from "../../src/core/estimates";
import { PUBLISHER_ESTIMATES, assembleEstimates } from "../../src/data/estimates";
import type { RawPublisherEstimate } from "../../src/data/estimates-schema";

const of = (publisher: string) => PUBLISHER_ESTIMATES.find((p) => p.publisher === publisher)!;
const one = (raw: RawPublisherEstimate) => assembleEstimates([raw])[0];
const basis = (e: ReturnType<typeof estimateAt>) => estimateBasis(e);

describe("estimates on common years", () => {
  test("the default years are the bundled release's base and forecast years", () => {
    expect(COMMON_YEARS).toEqual([2024, 2029]);
  });

  test("a year the page prints is its printed figure", () => {
    const e = estimateAt(of("Grand View Research"), 2024);
    expect(e).toMatchObject({ kind: "printed", value: 230690 });
    expect(isFloor(e)).toBe(false);
    expect(basis(e)).toBe('"USD 230.69 billion" (2024), as printed');
  });

  test("another year within the CAGR's years is carried by the page's own CAGR, with its arithmetic", () => {
    const e = estimateAt(of("Grand View Research"), 2029);
    expect(e.kind).toBe("extrapolated");
    expect(e.value).toBeCloseTo(230690 * 1.182 ** 5, 6);
    expect(basis(e)).toBe("230,690 (2024) × (1 + 18.2%)^5 = 532,250.6 USD million");
  });

  test("from the nearest printed figure, backwards too", () => {
    // Virtue prints 2024 and 2030: 2029 comes from 2030, one year back
    const e = estimateAt(of("Virtue Market Research"), 2029);
    expect(e.value).toBeCloseTo(137490 / 1.18, 6);
    expect(basis(e)).toContain("137,490 (2030) × (1 + 18%)^-1");
  });

  test("the year next to the window is reached, two years out is not", () => {
    const p = one(["P", "https://example.com/p", [[2025, "USD 100 billion"]], ["10%", 2025, 2030]]);
    expect(estimateAt(p, 2024).value).toBeCloseTo(100000 / 1.1, 6);
    expect(estimateAt(p, 2031).value).toBeCloseTo(100000 * 1.1 ** 6, 6);
    const far = estimateAt(p, 2032);
    expect(far).toMatchObject({ kind: "none", value: null });
    expect(basis(far)).toBe("2032 lies outside the CAGR's years 2025–2030 and the year next to them.");
    expect(estimateAt(p, 2023).kind).toBe("none");
  });

  test("a printed figure far from the window cannot be carried into it", () => {
    // UnivDatos prints 2019; its CAGR covers 2021-2027
    const e = estimateAt(of("UnivDatos"), 2024);
    expect(e).toMatchObject({ kind: "none", value: null });
    expect(basis(e)).toBe("No printed figure lies within the CAGR's years 2021–2027 and the year next to them.");
  });

  test("no printed CAGR: only printed years", () => {
    const allied = of("Allied Market Research");
    expect(estimateAt(allied, 2026)).toMatchObject({ kind: "printed", value: 254200 });
    expect(estimateAt(allied, 2029)).toMatchObject({ kind: "none", value: null });
  });

  test("a floor stays a floor when carried", () => {
    const seed = of("The Business Research Company");
    const printed = estimateAt(seed, 2029);
    expect(printed).toMatchObject({ kind: "printed", value: 240000 });
    expect(isFloor(printed)).toBe(true);
    expect(basis(printed)).toBe('"$240 billion" (2029), as printed; a floor (the page: to surpass)');
    const base = estimateAt(seed, 2024);
    expect(base.kind).toBe("extrapolated");
    expect(isFloor(base)).toBe(true);
    expect(base.value).toBeCloseTo(240000 / 1.25 ** 5, 6);
  });
});

describe("the range", () => {
  test("low, median and high of the publishers that reach the year", () => {
    const all = estimatesAt(PUBLISHER_ESTIMATES, 2029);
    const values = all.filter((e) => e.value !== null).map((e) => e.value!);
    const r = estimateRange(all, 2029)!;
    expect(r.count).toBe(values.length);
    expect(r.count).toBe(9);
    expect(r.low).toBe(Math.min(...values));
    expect(r.high).toBe(Math.max(...values));
    expect(values.filter((v) => v < r.median)).toHaveLength(4);
    expect(values.filter((v) => v > r.median)).toHaveLength(4);
  });

  test("an even count takes the mean of the two middle values; no value gives no range", () => {
    const page = PUBLISHER_ESTIMATES[0];
    const mk = (value: number | null) => ({ page, year: 2029, kind: "printed" as const, value });
    expect(estimateRange([mk(4), mk(1), mk(10), mk(2), mk(null)], 2029)).toEqual({
      year: 2029,
      low: 1,
      median: 3,
      high: 10,
      count: 4,
    });
    expect(estimateRange([mk(null)], 2029)).toBeUndefined();
    expect(estimateRange([mk(1)], 2024)).toBeUndefined();
  });
});
