/** Lookups into the bundled dataset through the index. */
import fc from "fast-check";
import { DATASET } from "../../src/data";
import * as dates from "../../src/lib/dates";
import * as numbers from "../../src/lib/format";
import { INDEX } from "../../src/data/bundled";
import {
  buildIndex,
  closestNames,
  driverContribution,
  segmentGrowth,
  segmentNames,
  segmentRate,
  segmentSeries,
  segmentSource,
  segmentValue,
} from "../../src/core/functions";

describe("VALUE", () => {
  test("reported and derived figures", () => {
    expect(segmentValue(INDEX, "North America", 2029)).toBe(79107);
    expect(segmentValue(INDEX, "North America", 2024)).toBe(28454);
    expect(segmentValue(INDEX, "Wearable devices", 2024)).toBe(32402);
    expect(segmentValue(INDEX, "Global")).toBe(240000);
    expect(segmentValue(INDEX, "IoT")).toBe(1116000);
  });
  test("names are matched without case, spaces or punctuation, with aliases", () => {
    for (const n of ["usa", "US", "U.S.", "United States", " united  states "])
      expect(segmentValue(INDEX, n)).toBe(71006);
    expect(segmentValue(INDEX, "NA", 2024)).toBe(28454);
    expect(segmentValue(INDEX, "wearables")).toBe(122211);
    expect(segmentValue(INDEX, "World")).toBe(240000);
    expect(segmentValue(INDEX, "Total")).toBe(240000);
    expect(segmentValue(INDEX, "realtime monitoring")).toBe(82924);
  });
  test("2025 to 2028 are estimated by constant growth between 2024 and 2029", () => {
    const v24 = 28454;
    const v29 = 79107;
    for (let y = 2025; y <= 2028; y++)
      expect(segmentValue(INDEX, "North America", y)).toBeCloseTo(v24 * Math.pow(v29 / v24, (y - 2024) / 5), 8);
    expect(segmentValue(INDEX, "Global", 2026)).toBeCloseTo(78643.2 * 1.25 ** 2, 8);
  });
  test("a named segment without a figure is #N/A 'not quantified'", () => {
    expect(() => segmentValue(INDEX, "Patients")).toFailWith("#N/A", "Patients is not quantified in the source.");
    expect(() => segmentValue(INDEX, "Patients", 2026)).toFailWith("#N/A", expect.stringContaining("not quantified"));
  });
  test("an unknown name is #N/A with the closest names", () => {
    expect(() => segmentValue(INDEX, "Wearable devcies")).toFailWith("#N/A", /Did you mean 'Wearable devices'\?/);
    expect(() => segmentValue(INDEX, "Nort America")).toFailWith("#N/A", /'North America'/);
    expect(() => segmentValue(INDEX, "qqqqqqqqqqq")).toFailWith("#N/A", "Unknown segment 'qqqqqqqqqqq'.");
  });
  test("a year outside the dataset is #N/A saying which years exist", () => {
    expect(() => segmentValue(INDEX, "USA", 2030)).toFailWith(
      "#N/A",
      "The dataset has years 2024 to 2029; year 2030 is not one of them.",
    );
    expect(() => segmentValue(INDEX, "USA", 2025.5)).toFailWith("#N/A");
    expect(() => segmentValue(INDEX, "IoT", 2024)).toFailWith("#N/A", "The source gives IoT only for 2029, not 2024.");
  });
  test("bad argument types are #VALUE!", () => {
    expect(() => segmentValue(INDEX, "")).toFailWith("#VALUE!");
    expect(() => segmentValue(INDEX, 5)).toFailWith("#VALUE!");
    expect(() => segmentValue(INDEX, "USA", "2029")).toFailWith("#VALUE!");
  });
});

describe("RATE, GROWTH, SERIES, SEGMENTS, DRIVER, SOURCE", () => {
  test("RATE: stated where stated, else computed", () => {
    expect(segmentRate(INDEX, "North America")).toBe(0.23);
    expect(segmentRate(INDEX, "Global")).toBe(0.25);
    expect(segmentRate(INDEX, "Wearable devices")).toBeCloseTo(Math.pow(122211 / 32402, 0.2) - 1, 14);
    expect(() => segmentRate(INDEX, "IoT")).toFailWith("#N/A");
    expect(() => segmentRate(INDEX, "Other devices")).toFailWith("#N/A", expect.stringContaining("not quantified"));
  });
  test("GROWTH", () => {
    expect(segmentGrowth(INDEX, "Wearable devices")).toBe(89809);
    expect(segmentGrowth(INDEX, "USA")).toBe(45623);
    expect(segmentGrowth(INDEX, "Global")).toBeCloseTo(161356.8, 9);
  });
  test("SERIES", () => {
    const rows = segmentSeries(INDEX, "USA");
    expect(rows.map((r) => r[0])).toEqual([2024, 2025, 2026, 2027, 2028, 2029]);
    expect(rows[0][1]).toBe(25383);
    expect(rows[5][1]).toBe(71006);
    expect(segmentSeries(INDEX, "USA", 2027, 2027)).toHaveLength(1);
    expect(() => segmentSeries(INDEX, "USA", 2028, 2025)).toFailWith("#VALUE!");
  });
  test("SEGMENTS", () => {
    expect(segmentNames(INDEX).flat()).toEqual(DATASET.segments.map((s) => s.name));
    expect(segmentNames(INDEX, "end user").flat()).toEqual([
      "Healthcare providers",
      "Patients",
      "Government authorities",
      "Other end users",
    ]);
    expect(segmentNames(INDEX, "Device Types").flat()).toHaveLength(4);
    expect(segmentNames(INDEX, "region").flat()).toEqual(["North America"]);
    expect(() => segmentNames(INDEX, "continent")).toFailWith("#N/A");
    expect(() => segmentNames(INDEX, "aplication")).toFailWith("#N/A", /Did you mean 'application'/);
  });
  test("DRIVER", () => {
    expect(driverContribution(INDEX, "Remote patient monitoring")).toBe(0.015);
    expect(driverContribution(INDEX, "RPM")).toBe(0.015);
    expect(driverContribution(INDEX, "telehealth")).toBe(0.007);
    expect(driverContribution(INDEX, "Increasing Use Of Connected Medical Devices")).toBe(0.012);
    expect(() => driverContribution(INDEX, "Telehelth")).toFailWith("#N/A", /Did you mean 'Telehealth'/);
  });
  test("SOURCE says publisher, date, section, figure as printed and kind", () => {
    const reported = segmentSource(INDEX, "North America", 2029);
    expect(reported).toContain("EINPresswire, 6 January 2026");
    expect(reported).toContain("Which Will Be the Biggest Region");
    expect(reported).toContain("'$79,107 million'");
    expect(reported).toContain("(reported)");
    expect(segmentSource(INDEX, "Global")).toContain("'surpass $240 billion'");
    expect(segmentSource(INDEX, "Wearable devices", 2024)).toContain("122,211 − 89,809 = 32,402 (derived)");
    expect(segmentSource(INDEX, "USA", 2026)).toMatch(/estimated by constant growth .* between 2024 .* and 2029/);
    expect(segmentSource(INDEX, "Patients")).toContain("without a figure (not quantified)");
  });
});

describe("the index", () => {
  test("built once: lookups do not scan the dataset", () => {
    const spy = jest.spyOn(Array.prototype, "find");
    const spyFilter = jest.spyOn(Array.prototype, "filter");
    segmentValue(INDEX, "USA", 2029);
    segmentRate(INDEX, "Wearables");
    expect(spy).not.toHaveBeenCalled();
    expect(spyFilter).not.toHaveBeenCalled();
    spy.mockRestore();
    spyFilter.mockRestore();
  });
  test("it holds every year's value, estimated ones included: VALUE and SERIES compute no power", () => {
    const index = buildIndex(DATASET);
    const usa = index.segments.get("usa")!;
    expect([...usa.amounts.keys()]).toEqual([2024, 2025, 2026, 2027, 2028, 2029]);
    expect(usa.amounts.get(2026)).toBe(25383 * Math.pow(71006 / 25383, 2 / 5));
    const pow = jest.spyOn(Math, "pow");
    try {
      expect(segmentValue(index, "USA", 2026)).toBe(usa.amounts.get(2026));
      expect(segmentSeries(index, "USA").map(([, v]) => v)).toEqual([...usa.amounts.values()]);
      expect(pow).not.toHaveBeenCalled();
    } finally {
      pow.mockRestore();
    }
  });
  test("a name as typed is normalised once, for segments and drivers alike", () => {
    const index = buildIndex(DATASET);
    const normalize = jest.spyOn(String.prototype, "normalize");
    try {
      expect(driverContribution(index, "Tele-health")).toBe(0.007);
      expect(segmentRate(index, "Wearables")).toBeCloseTo(0.3, 1);
      const first = normalize.mock.calls.length;
      expect(first).toBeGreaterThan(0);
      expect(driverContribution(index, "Tele-health")).toBe(0.007);
      expect(segmentRate(index, "Wearables")).toBeCloseTo(0.3, 1);
      expect(normalize.mock.calls.length).toBe(first);
    } finally {
      normalize.mockRestore();
    }
  });
  test("SEGMENTS returns the same frozen rows on every call", () => {
    const index = buildIndex(DATASET);
    const endUsers = segmentNames(index, "end user");
    expect(segmentNames(index, "end user")).toBe(endUsers);
    expect(segmentNames(index)).toBe(segmentNames(index, ""));
    for (const rows of [endUsers, segmentNames(index)]) {
      expect(Object.isFrozen(rows)).toBe(true);
      for (const row of rows) expect(Object.isFrozen(row)).toBe(true);
    }
  });
  test("SOURCE writes each line once: a repeated call formats no date or amount", () => {
    const index = buildIndex(DATASET);
    const reported = segmentSource(index, "USA", 2029);
    const estimated = segmentSource(index, "USA", 2026);
    const longDate = jest.spyOn(dates, "longDate");
    const format = jest.spyOn(numbers, "formatAmount");
    try {
      expect(segmentSource(index, "USA", 2029)).toBe(reported);
      expect(segmentSource(index, "USA", 2026)).toBe(estimated);
      expect(longDate).not.toHaveBeenCalled();
      expect(format).not.toHaveBeenCalled();
    } finally {
      longDate.mockRestore();
      format.mockRestore();
    }
  });
  test("an index of another dataset is independent", () => {
    const other = buildIndex({ ...DATASET, segments: DATASET.segments.slice(0, 1) });
    expect(segmentValue(other, "Global")).toBe(240000);
    expect(() => segmentValue(other, "USA")).toFailWith("#N/A");
  });
  test("suggestions never blow up on long or odd text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => Array.isArray(closestNames(s, INDEX.names))),
      { numRuns: 500 },
    );
  });
});
