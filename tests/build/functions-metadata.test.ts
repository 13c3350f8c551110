/** functions.json, generated from the JSDoc of src/functions/functions.ts, and the built functions.js (needs dist/). */
import fs from "fs";
import path from "path";
import * as functions from "../../src/functions/functions";

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

  test("array results spill", () => {
    for (const id of ["SHARE", "SERIES", "SEGMENTS"]) {
      expect(metadata.functions.find((f: any) => f.id === id).result.dimensionality).toBe("matrix");
    }
    expect(metadata.functions.find((f: any) => f.id === "SHARE").parameters[0].dimensionality).toBe("matrix");
  });
});
