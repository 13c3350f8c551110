/**
 * Names typed into a function never reach Object.prototype: every name table is a Map, so "constructor",
 * "__proto__", "toString" or "hasOwnProperty" are unknown names like any other, with the same #N/A.
 */
import { caught } from "../support/failure";
import { functions } from "../support/typed-functions";
import { buildDataset, DatasetError } from "../../src/data/build";
import { IOMT_2026_01_06 } from "../../src/data/iomt-2026-01-06";
import { buildIndex, findDimension, segmentNames, segmentValue } from "../../src/core/functions";
import { INDEX } from "../../src/data/bundled";
import { CHECKS } from "../../src/data";
import { DEFAULT_OPTIONS, planSections } from "../../src/core/plan";

const PROTO_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
  "__defineGetter__",
  "prototype",
];

describe.each(PROTO_NAMES)("the name %j", (name) => {
  test("IOMT.SEGMENTS: #N/A unknown dimension", () => {
    const e = caught(() => functions.segments(name));
    expect(e).toMatchObject({ code: "#N/A" });
    expect(e.message).toContain(`Unknown dimension '${name}'`);
  });

  test("IOMT.VALUE, RATE, GROWTH, SERIES, SOURCE: #N/A unknown segment", () => {
    for (const call of [
      () => functions.value(name),
      () => functions.rate(name),
      () => functions.growth(name),
      () => functions.series(name),
      () => functions.source(name),
    ]) {
      const e = caught(call);
      expect(e).toMatchObject({ code: "#N/A" });
      expect(e.message).toContain(`Unknown segment '${name}'`);
    }
  });

  test("IOMT.DRIVER: #N/A unknown driver", () => {
    const e = caught(() => functions.driver(name));
    expect(e).toMatchObject({ code: "#N/A" });
    expect(e.message).toContain(`Unknown growth driver '${name}'`);
  });

  test("the core's lookups agree", () => {
    expect(() => findDimension(name)).toThrow(/Unknown dimension/);
    expect(() => segmentValue(INDEX, name)).toThrow(/Unknown segment/);
  });

  test("the sheet planner ignores it as a section id", () => {
    expect(planSections(INDEX, CHECKS, { ...DEFAULT_OPTIONS, sections: [name as any] })).toEqual([]);
  });

  test("the dataset builder rejects it as a measure", () => {
    const raw = structuredClone(IOMT_2026_01_06) as any;
    raw.figures[0].measure = name;
    expect(() => buildDataset(raw)).toThrow(DatasetError);
  });
});

test("a dataset may name a segment or a dimension alias like an Object.prototype member, and finds it", () => {
  const raw = structuredClone(IOMT_2026_01_06) as any;
  const usa = raw.segments.find((s: any) => s.name === "USA");
  usa.aliases = [...usa.aliases, "constructor", "toString", "hasOwnProperty"];
  const index = buildIndex(buildDataset(raw));
  expect(segmentValue(index, "constructor", 2029)).toBe(71006);
  expect(segmentValue(index, "toString", 2024)).toBe(25383);
  expect(segmentValue(index, "hasOwnProperty")).toBe(71006);
  // and real dimension names and aliases still work
  expect(segmentNames(index, "countries")).toEqual([["USA"]]);
  expect(findDimension("Devices")).toBe("device type");
});
