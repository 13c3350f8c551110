/** functions.json, generated from the JSDoc of src/functions/functions.ts, and the built functions.js (needs dist/). */
import fs from "fs";
import path from "path";
import * as functions from "../../src/functions/functions";
import { DATASET } from "../../src/data";
import {
  driverContribution,
  functionInfo,
  IOMT_FUNCTIONS,
  segmentNames,
  segmentValue,
  SEGMENT_DOMAIN,
  type ArgumentKind,
  type ResultKind,
} from "../../src/core/functions";
import { INDEX } from "../../src/data/bundled";
import { DIMENSIONS } from "../../src/data/schema";
import { functions as typed } from "../support/typed-functions";
import { estimateYears } from "../../src/core/functions";
import { PUBLISHER_ESTIMATES } from "../../src/data/estimates";

/** The functions of other publishers' estimates. */
const OTHER_PUBLISHERS = ["ESTIMATES", "RANGE"];

const DIST = path.resolve(__dirname, "..", "..", "dist");

describe("functions.json generated from JSDoc", () => {
  const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"));
  const bundle = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
  // the functions a formula calls; the linked data type's load service is Excel's alone
  const formulaFunctions = metadata.functions.filter((f: any) => !f.options?.linkedEntityLoadService);

  test("the ids in functions.json and those the bundle associates are the same set", () => {
    const ids = metadata.functions.map((f: any) => f.id).sort();
    const associatedIds = Array.from(bundle.matchAll(/CustomFunctions\.associate\("([A-Z.]+)"/g))
      .map((m) => m[1])
      .sort();
    expect(associatedIds).toEqual(ids);
    expect(ids).toHaveLength(Object.keys(functions).length);
    for (const name of Object.keys(functions)) expect(ids).toContain(name.toUpperCase());
  });

  test("every function and every parameter has a description; optional ones are optional", () => {
    for (const f of metadata.functions) {
      expect(f.description.length).toBeGreaterThan(20);
      for (const p of f.parameters) expect(p.description?.length).toBeGreaterThan(5);
    }
    const optional = (id: string) =>
      metadata.functions
        .find((f: any) => f.id === id)
        .parameters.filter((p: any) => p.optional)
        .map((p: any) => p.name);
    expect(optional("VALUE")).toEqual(["year"]);
    expect(optional("SERIES")).toEqual(["from_year", "to_year"]);
    expect(optional("SHARE")).toEqual(["total"]);
    expect(optional("SEGMENTS")).toEqual(["dimension"]);
    expect(optional("SOURCE")).toEqual(["year"]);
    expect(optional("CAGR")).toEqual([]);
  });

  test("the years the descriptions name are the bundled dataset's (the JSDoc cannot read them from the dataset)", () => {
    const { baseYear, forecastYear } = DATASET.info;
    // the other publishers' functions name the years of their figures instead (tested below)
    const texts = metadata.functions.filter((f: any) => !OTHER_PUBLISHERS.includes(f.id)).flatMap((f: any) => [
      f.description,
      ...f.parameters.map((p: any) => p.description),
    ]);
    const years = texts.flatMap((t: string) => Array.from(t.matchAll(/\b(?:19|20)\d\d\b/g), (m) => Number(m[0])));
    expect(years).toContain(baseYear);
    expect(years).toContain(forecastYear);
    expect(years.filter((y: number) => y < baseYear || y > forecastYear)).toEqual([]);
  });

  test("the segment cards' load service is tagged for Excel's linked data types and is the domain's load function", () => {
    // Microsoft, "Create linked entity data types in Excel add-ins": the @linkedEntityLoadService JSDoc tag; the
    // generator (custom-functions-metadata) writes it as options.linkedEntityLoadService
    const services = metadata.functions.filter((f: any) => f.options?.linkedEntityLoadService === true);
    expect(services.map((f: any) => f.id)).toEqual([SEGMENT_DOMAIN.loadFunctionId]);
    const [service] = services;
    expect(service.parameters.map((p: any) => [p.name, p.type, p.optional])).toEqual([["request", "any", undefined]]);
    // "They don't support the JSDoc tags @streaming or @volatile"
    expect(service.options).toEqual({ linkedEntityLoadService: true });
    expect(bundle).toContain(`CustomFunctions.associate("${SEGMENT_DOMAIN.loadFunctionId}"`);
  });

  test("the other publishers' functions name the years their figures span, and 2029, the year they default to", () => {
    const [first, last] = estimateYears(PUBLISHER_ESTIMATES);
    for (const id of OTHER_PUBLISHERS) {
      const f = metadata.functions.find((x: any) => x.id === id);
      const text = [f.description, ...f.parameters.map((p: any) => p.description)].join(" ");
      const years = Array.from(text.matchAll(/\b(?:19|20)\d\d\b/g), (m) => Number(m[0]));
      expect([id, years.sort()]).toEqual([id, [first, 2029, last]]);
    }
  });

  test("array results spill", () => {
    for (const id of ["SHARE", "SERIES", "SEGMENTS", "ESTIMATES", "RANGE"]) {
      expect(metadata.functions.find((f: any) => f.id === id).result.dimensionality).toBe("matrix");
    }
    expect(metadata.functions.find((f: any) => f.id === "SHARE").parameters[0].dimensionality).toBe("matrix");
  });

  test("the registry of functions says what functions.json says: names, parameters, optional ones, results", () => {
    // functions.json as Office's generator writes it: a parameter's type, and a matrix for a range; the result's
    // type, a matrix for a spilled result, nothing for a data type (any)
    const parameterOf: Record<ArgumentKind, Record<string, unknown>> = {
      number: { type: "number" },
      year: { type: "number" },
      estimateYear: { type: "number" },
      name: { type: "string" },
      dimension: { type: "string" },
      range: { type: "any", dimensionality: "matrix" },
    };
    const resultOf: Record<ResultKind, Record<string, unknown>> = {
      number: { type: "number" },
      text: { type: "string" },
      matrix: { dimensionality: "matrix" },
      entity: {},
    };
    expect(formulaFunctions.map((f: any) => f.id)).toEqual([...IOMT_FUNCTIONS]);
    for (const f of formulaFunctions) {
      const info = functionInfo(f.id);
      expect([f.id, f.parameters.map((p: any) => p.name)]).toEqual([f.id, info.parameters.map((p) => p.name)]);
      expect([f.id, f.parameters.map((p: any) => p.optional === true)]).toEqual([
        f.id,
        info.parameters.map((p) => p.optional === true),
      ]);
      expect(f.parameters.filter((p: any) => !p.optional)).toHaveLength(info.minArgs);
      expect(f.parameters).toHaveLength(info.maxArgs);
      info.parameters.forEach((p, i) => {
        const { type, dimensionality } = f.parameters[i];
        expect([f.id, p.name, { type, dimensionality }]).toEqual([
          f.id,
          p.name,
          { type: undefined, dimensionality: undefined, ...parameterOf[p.kind] },
        ]);
      });
      const { type, dimensionality } = f.result;
      expect([f.id, { type, dimensionality }]).toEqual([
        f.id,
        { type: undefined, dimensionality: undefined, ...resultOf[info.result] },
      ]);
    }
  });

  describe("custom enums (Excel's AutoComplete offers them)", () => {
    const enumValues = (id: string) => {
      const e = metadata.enums?.find((x: any) => x.id === id);
      if (!e) throw new Error(`functions.json has no enum ${id}`);
      return e.values.map((v: any) => (e.type === "number" ? v.numberValue : v.stringValue));
    };
    const tooltips = (id: string) => metadata.enums.find((x: any) => x.id === id).values.map((v: any) => v.tooltip);

    test("functions.json carries the segments, dimensions, drivers and years of the bundled dataset", () => {
      expect(metadata.enums.map((e: any) => [e.id, e.type])).toEqual([
        ["Segment", "string"],
        ["Dimension", "string"],
        ["Driver", "string"],
        ["Year", "number"],
      ]);
      expect(enumValues("Segment")).toEqual(DATASET.segments.map((s) => s.name));
      expect(tooltips("Segment")).toEqual(DATASET.segments.map((s) => s.dimension));
      expect(enumValues("Dimension")).toEqual([...DIMENSIONS]);
      expect(enumValues("Driver")).toEqual(DATASET.drivers.map((d) => d.name));
      expect(tooltips("Driver").map((t: string) => t.toLowerCase())).toEqual(
        DATASET.drivers.map((d) => d.title.toLowerCase()),
      );
      const { baseYear, forecastYear } = DATASET.info;
      expect(enumValues("Year")).toEqual(
        Array.from({ length: forecastYear - baseYear + 1 }, (_, i) => baseYear + i),
      );
      for (const e of metadata.enums) for (const v of e.values) expect(v.tooltip.length).toBeGreaterThan(1);
    });

    test("each parameter offers the enum of its kind in the registry; numbers and ranges offer none", () => {
      const enumOf = (id: string, kind: ArgumentKind): string | undefined =>
        ({ name: id === "DRIVER" ? "Driver" : "Segment", year: "Year", dimension: "Dimension" })[
          kind as "name" | "year" | "dimension"
        ];
      let offered = 0;
      for (const f of formulaFunctions) {
        functionInfo(f.id).parameters.forEach((p, i) => {
          expect([f.id, p.name, f.parameters[i].customEnumId]).toEqual([f.id, p.name, enumOf(f.id, p.kind)]);
          if (enumOf(f.id, p.kind)) offered++;
        });
      }
      expect(offered).toBe(12);
    });

    test("every suggested value is found by the lookups, and typed names still work as before", () => {
      const outcome = (f: () => unknown) => {
        try {
          return f();
        } catch (e) {
          return `error: ${(e as Error).message}`;
        }
      };
      for (const name of enumValues("Segment")) {
        // found (some segments have no figure for a year: that is a clear #N/A, not an unknown name)
        expect(String(outcome(() => typed.value(name)))).not.toMatch(/Unknown segment/);
        expect(outcome(() => typed.value(name))).toEqual(outcome(() => segmentValue(INDEX, name)));
        const base = DATASET.info.baseYear;
        expect(outcome(() => typed.value(name.toUpperCase(), base))).toEqual(outcome(() => typed.value(name, base)));
      }
      for (const name of enumValues("Driver")) expect(typed.driver(name)).toBe(driverContribution(INDEX, name));
      for (const d of enumValues("Dimension")) expect(segmentNames(INDEX, d).length).toBeGreaterThan(0);
      for (const year of enumValues("Year")) expect(typeof typed.value("Global", year)).toBe("number");
      // names outside the enums: aliases and other text are matched or refused as before
      expect(typed.driver("RPM")).toBe(typed.driver("Remote patient monitoring"));
      expect(() => typed.value("Nowhere")).toThrow(/Unknown segment/);
    });
  });
});
