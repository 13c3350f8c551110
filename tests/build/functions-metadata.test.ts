/** functions.json, generated from the JSDoc of src/functions/functions.ts, and the built functions.js (needs dist/). */
import fs from "fs";
import path from "path";
import * as functions from "../../src/functions/functions";
import { DATASET } from "../../src/data";
import { functionInfo, IOMT_FUNCTIONS, type ArgumentKind, type ResultKind } from "../../src/core/functions";

const DIST = path.resolve(__dirname, "..", "..", "dist");

describe("functions.json generated from JSDoc", () => {
  const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"));
  const bundle = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");

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
    const texts = metadata.functions.flatMap((f: any) => [
      f.description,
      ...f.parameters.map((p: any) => p.description),
    ]);
    const years = texts.flatMap((t: string) => Array.from(t.matchAll(/\b(?:19|20)\d\d\b/g), (m) => Number(m[0])));
    expect(years).toContain(baseYear);
    expect(years).toContain(forecastYear);
    expect(years.filter((y: number) => y < baseYear || y > forecastYear)).toEqual([]);
  });

  test("array results spill", () => {
    for (const id of ["SHARE", "SERIES", "SEGMENTS"]) {
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
    expect(metadata.functions.map((f: any) => f.id)).toEqual([...IOMT_FUNCTIONS]);
    for (const f of metadata.functions) {
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
});
