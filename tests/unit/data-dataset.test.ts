import { CHECKS, DATASET } from "../../src/data";
import { BUNDLED_FIGURE_COUNT, BUNDLED_INFO, bundledDataset, bundledIndex } from "../../src/data/bundled-dataset";
import { assembleDataset } from "../../src/data/assemble";
import { buildDataset, DatasetError } from "../../src/data/build";
import { figureId } from "../../src/data/keys";
import { consistencyChecks } from "../../src/data/checks";
import { IOMT_2026_01_06 } from "../../src/data/iomt-2026-01-06";
import { readPrinted } from "../../src/data/printed";
import type { RawDataset } from "../../src/data/schema";

const fig = (id: string) => {
  const f = DATASET.figures.find((x) => x.id === id);
  if (!f) throw new Error(`missing ${id}`);
  return f;
};

describe("the dataset's figures", () => {
  test.each([
    ["value:Global:2029", 240000, "surpass"],
    ["value:IoT:2029", 1116000, "about"],
    ["share:Global:2029:IoT", 0.22, "about"],
    ["value:IT industry:2029", 12711000, undefined],
    ["share:Global:2029:IT industry", 0.02, "nearly"],
    ["value:North America:2029", 79107, undefined],
    ["value:North America:2024", 28454, undefined],
    ["cagr:North America:2024-2029", 0.23, undefined],
    ["value:USA:2029", 71006, undefined],
    ["value:USA:2024", 25383, undefined],
    ["cagr:USA:2024-2029", 0.23, undefined],
    ["value:Wearable devices:2029", 122211, undefined],
    ["share:Wearable devices:2029:Global", 0.51, undefined],
    ["value:Real-time monitoring:2029", 82924, undefined],
    ["share:Real-time monitoring:2029:Global", 0.35, undefined],
    ["value:Healthcare providers:2029", 130121, undefined],
    ["share:Healthcare providers:2029:Global", 0.54, undefined],
    ["cagr:Global:2024-2029", 0.25, undefined],
    ["contribution:Remote patient monitoring", 0.015, undefined],
    ["contribution:Connected medical devices", 0.012, undefined],
    ["contribution:Telehealth", 0.007, undefined],
    ["contribution:Preventive healthcare", 0.005, undefined],
    ["growth:Wearable devices:2024-2029", 89809, undefined],
    ["growth:Healthcare providers:2024-2029", 89308, undefined],
    ["growth:Real-time monitoring:2024-2029", 55341, undefined],
    ["growth:Top growth opportunities:2024-2029", 234000, "over"],
  ])("%s is reported as %d (%s)", (id, value, qualifier) => {
    const f = fig(id);
    expect(f.kind).toBe("reported");
    expect(f.value).toBe(value);
    expect(f.qualifier).toBe(qualifier);
    expect(f.locator?.section).toBeTruthy();
    expect(f.unit).toBe(id.startsWith("value") || id.startsWith("growth") ? "USD million" : "fraction");
  });

  test("largest region and country are recorded", () => {
    expect(fig("rank:North America:2029")).toMatchObject({
      kind: "reported",
      value: 1,
      locator: { printed: "largest region" },
    });
    expect(fig("rank:USA:2029")).toMatchObject({ kind: "reported", value: 1, locator: { printed: "largest country" } });
  });

  test.each([
    ["value:Wearable devices:2024", 32402, "122,211 − 89,809 = 32,402"],
    ["value:Real-time monitoring:2024", 27583, "82,924 − 55,341 = 27,583"],
    ["value:Healthcare providers:2024", 40813, "130,121 − 89,308 = 40,813"],
    ["value:Global:2024", 78643.2, "240,000 / (1 + 25%)^5 = 78,643.2"],
    ["growth:North America:2024-2029", 50653, "79,107 − 28,454 = 50,653"],
  ])("%s is derived as %d with its formula", (id, value, formula) => {
    const f = fig(id);
    expect(f.kind).toBe("derived");
    expect(f.value).toBeCloseTo(value, 9);
    expect(f.formula).toContain(formula);
    expect(f.inputs!.length).toBeGreaterThan(0);
    for (const input of f.inputs!) expect(fig(input).kind).not.toBe("not reported");
  });

  test("every named segment is in the dataset; unquantified ones are not reported, never zero", () => {
    const names = DATASET.segments.map((s) => s.name);
    expect(names).toEqual([
      "Global",
      "IoT",
      "IT industry",
      "North America",
      "USA",
      "Wearable devices",
      "Stationary devices",
      "Implantable devices",
      "Other devices",
      "Data assortment and analysis",
      "Real-time monitoring",
      "Remote medical assistance",
      "Tracking and alerts",
      "Other applications",
      "Healthcare providers",
      "Patients",
      "Government authorities",
      "Other end users",
    ]);
    const unquantified = DATASET.figures.filter((f) => f.kind === "not reported");
    expect(unquantified.map((f) => f.subject).sort()).toEqual(
      [
        "Stationary devices",
        "Implantable devices",
        "Other devices",
        "Data assortment and analysis",
        "Remote medical assistance",
        "Tracking and alerts",
        "Other applications",
        "Patients",
        "Government authorities",
        "Other end users",
      ].sort(),
    );
    for (const f of unquantified) expect(f.value).toBeNull();
  });

  test("one unit throughout; years are numbers; every figure has a kind", () => {
    for (const f of DATASET.figures) {
      expect(["USD million", "fraction", "rank"]).toContain(f.unit);
      expect(["reported", "derived", "not reported"]).toContain(f.kind);
      if (f.year !== undefined) expect(typeof f.year).toBe("number");
      if (f.kind === "reported") expect(f.value).toBe(readPrinted(f.locator!.printed)!.value);
    }
    expect(DATASET.info.unit).toBe("USD million");
    expect(DATASET.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(DATASET.info.edition).toBe("2026-01-06");
  });
});

describe("reading printed figures", () => {
  test.each([
    ["$79,107 million", 79107, 1],
    ["$240 billion", 240000, 1000],
    ["$12,711 billion", 12711000, 1000],
    ["23%", 0.23, 0.01],
    ["1.5%", 0.015, 0.001],
  ])("%s", (printed, value, step) => {
    const r = readPrinted(printed)!;
    expect(r.value).toBeCloseTo(value, 12);
    expect(r.step).toBeCloseTo(step, 12);
  });
  test("text that is not a figure is refused", () => {
    expect(readPrinted("$79.107 millions")).toBeUndefined();
    expect(readPrinted("about 22 percent")).toBeUndefined();
  });
});

describe("the schema check names the bad entry", () => {
  const mutate = (f: (raw: RawDataset & Record<string, any>) => void): RawDataset => {
    const raw = structuredClone(IOMT_2026_01_06) as RawDataset & Record<string, any>;
    f(raw);
    return raw;
  };
  test.each<[string, (raw: any) => void, RegExp]>([
    [
      "unreadable printed figure",
      (r) => (r.figures[1].locator.printed = "about a trillion"),
      /figure value:IoT:2029: cannot read/,
    ],
    ["unknown subject", (r) => (r.figures[0].subject = "Mars"), /unknown subject "Mars"/],
    ["year out of range", (r) => (r.figures[6].year = 2031), /needs a year from 2024 to 2029/],
    [
      "unit mismatch",
      (r) => (r.figures[8].locator.printed = "$23 million"),
      /cagr:North America:2024-2029: "\$23 million" is in USD million/,
    ],
    ["duplicate figure", (r) => r.figures.push(r.figures[6]), /value:North America:2029: is entered twice/],
    ["alias clash", (r) => r.segments[4].aliases.push("NA"), /segment|USA/],
    ["missing locator", (r) => (r.figures[6].locator.section = ""), /value:North America:2029: needs a locator/],
    [
      "derivation without inputs",
      (r) => (r.figures = r.figures.filter((f: any) => f.measure !== "growth" || f.subject !== "Wearable devices")),
      /derived figure value:Wearable devices:2024: needs growth:Wearable devices:2024-2029/,
    ],
    [
      "segment without a value",
      (r) => (r.figures = r.figures.filter((f: any) => f.subject !== "Patients")),
      /segment "Patients": has no 2029 value/,
    ],
    ["bad version", (r) => (r.info.version = "one"), /info.version/],
  ])("%s", (_name, change, message) => {
    expect(() => buildDataset(mutate(change))).toThrow(DatasetError);
    expect(() => buildDataset(mutate(change))).toThrow(message);
  });
});

describe("the bundles assemble what the build checked", () => {
  test("the bundled dataset is the one buildDataset checks: the same figures, in the same order", () => {
    expect(DATASET).toEqual(buildDataset(IOMT_2026_01_06));
    expect(assembleDataset(IOMT_2026_01_06)).toEqual(buildDataset(IOMT_2026_01_06));
  });
});

describe("consistency checks", () => {
  test("every check passes on the bundled dataset, with its figures", () => {
    const bundled = consistencyChecks(DATASET);
    expect(bundled.length).toBe(12);
    // the checks table also holds the other publishers' checks, after these
    expect(CHECKS.slice(0, 12)).toEqual(bundled);
    for (const c of bundled) {
      expect(c.passed).toBe(true);
      expect(c.statedLow).toBeLessThanOrEqual(c.statedHigh);
      expect(c.computedLow).toBeLessThanOrEqual(c.computed);
      expect(c.computed).toBeLessThanOrEqual(c.computedHigh);
    }
  });

  test("the implied totals use the interval that integer rounding of the share allows", () => {
    const c = CHECKS.find((x) => x.id === "implied-total:Wearable devices")!;
    expect(c.computed).toBeCloseTo(122211 / 0.51, 6);
    expect(c.computedLow).toBeCloseTo(122210.5 / 0.515, 6);
    expect(c.computedHigh).toBeCloseTo(122211.5 / 0.505, 6);
    expect([c.statedLow, c.statedHigh]).toEqual([240000, 241000]);
  });

  test("the opportunities' sum is computed from the parts", () => {
    const c = CHECKS.find((x) => x.id === "opportunities-sum")!;
    expect(c.computed).toBe(89809 + 89308 + 55341);
  });

  test.each<[string, (raw: any) => void, string]>([
    [
      "a stated CAGR the values cannot give",
      (r) =>
        (r.figures.find((f: any) => f.subject === "USA" && f.measure === "value" && f.year === 2024).locator.printed =
          "$20,383 million"),
      "cagr:USA",
    ],
    [
      "a share that implies another total",
      (r) =>
        (r.figures.find((f: any) => f.subject === "Wearable devices" && f.measure === "share").locator.printed = "45%"),
      "implied-total:Wearable devices",
    ],
    [
      "opportunities that do not add up",
      (r) =>
        (r.figures.find((f: any) => f.subject === "Real-time monitoring" && f.measure === "growth").locator.printed =
          "$50,341 million"),
      "opportunities-sum",
    ],
    [
      "a country larger than its region",
      (r) =>
        (r.figures.find((f: any) => f.subject === "USA" && f.measure === "value" && f.year === 2029).locator.printed =
          "$80,006 million"),
      "order:USA:North America:2029",
    ],
    [
      "a parent market share that does not fit",
      (r) =>
        (r.figures.find((f: any) => f.subject === "IoT" && f.measure === "value").locator.printed = "$1,016 billion"),
      "share-of:IoT",
    ],
  ])("a check fails on %s", (_name, change, id) => {
    const raw = structuredClone(IOMT_2026_01_06) as any;
    change(raw);
    const checks = consistencyChecks(buildDataset(raw));
    expect(checks.find((c) => c.id === id)!.passed).toBe(false);
  });

  test("figure ids are stable", () => {
    expect(figureId({ measure: "share", subject: "Global", year: 2029, of: "IoT" })).toBe("share:Global:2029:IoT");
  });
});

describe("the bundled dataset, built on first use", () => {
  test("the first screen's info and figure count are the assembled dataset's", () => {
    expect(BUNDLED_INFO).toBe(DATASET.info);
    expect(BUNDLED_FIGURE_COUNT).toBe(DATASET.figures.length);
  });

  test("the dataset and its index are built once: every call returns the same objects", () => {
    expect(bundledDataset()).toBe(DATASET);
    expect(bundledIndex()).toBe(bundledIndex());
    expect(bundledIndex().dataset).toBe(DATASET);
  });
});
