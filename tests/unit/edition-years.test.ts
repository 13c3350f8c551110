/**
 * An edition whose years are 2025 and 2030, built from the bundled one with every year moved on by one, works end
 * to end on the Excel stand-in without a line of code changed: insert, refresh, cards and Make portable all take
 * the years, the table names and the headers from the dataset and the section registry.
 */
import { DATASET } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { consistencyChecks } from "../../src/data/checks";
import { buildIndex, type DatasetIndex } from "../../src/data/dataset-index";
import { figureId } from "../../src/data/keys";
import type { Dataset } from "../../src/data/schema";
import {
  driverContribution,
  entityFields,
  segmentGrowth,
  segmentRate,
  segmentSource,
  segmentValue,
} from "../../src/core/functions";
import { DEFAULT_OPTIONS, type PlanOptions } from "../../src/core/plan";
import { OWN_SHEETS } from "../../src/core/excel";
import { makePortable } from "../../src/excel/portable";
import { insertTables, readStamp, refreshTables } from "../../src/excel/workbook";
import { useFakeExcel } from "../support/fake-excel";
import { formulaValue } from "../support/formula-values";

/** The bundled dataset with every year one later: base 2025, forecast 2030. */
function yearsLater(d: Dataset, version: string, edition: string): Dataset {
  const shift = <T extends { year?: number; fromYear?: number; toYear?: number }>(f: T): T => ({
    ...f,
    ...(f.year !== undefined ? { year: f.year + 1 } : {}),
    ...(f.fromYear !== undefined ? { fromYear: f.fromYear + 1, toYear: f.toYear! + 1 } : {}),
  });
  return {
    ...d,
    info: { ...d.info, version, edition, baseYear: d.info.baseYear + 1, forecastYear: d.info.forecastYear + 1 },
    figures: d.figures.map((f) => {
      const g = shift(f);
      return { ...g, id: figureId(g) };
    }),
  };
}

const LATER_DATASET = yearsLater(DATASET, "3.0.0", "2027-01-04");
const LATER = buildIndex(LATER_DATASET);
const LATER_CHECKS = consistencyChecks(LATER_DATASET);
/** The same years, a newer edition: North America's 2030 value is 80,000. */
const NEXT_DATASET: Dataset = {
  ...LATER_DATASET,
  info: { ...LATER_DATASET.info, version: "3.1.0", edition: "2027-06-01" },
  figures: LATER_DATASET.figures.map((f) =>
    f.measure === "value" && f.subject === "North America" && f.year === 2030 ? { ...f, value: 80000 } : f,
  ),
};
const NEXT = buildIndex(NEXT_DATASET);

const fake = useFakeExcel(["Model"]);

const insert = (index: DatasetIndex, o: Partial<PlanOptions> = {}) =>
  insertTables(index, LATER_CHECKS, { ...DEFAULT_OPTIONS, ...o });

const column = (name: string, header: string) => {
  const t = fake.wb.table(name)!;
  const j = t.headers.indexOf(header);
  expect(j).toBeGreaterThanOrEqual(0);
  return t.rows.map((r) => r[j]);
};
/** The data type of a segment in the regions table's key column. */
function card(segment: string): any {
  const t = fake.wb.table("IoMT_Regions")!;
  const [, c1, r1] = /^([A-Z]+)(\d+)/.exec(t.address)!;
  const cells = t.rows.map((_, i) => fake.wb.sheet(t.sheet).cellJson(`${c1}${Number(r1) + 1 + i}`) as any);
  return cells.find((json) => json?.text === segment);
}
const rowOf = (name: string, key: string) => fake.wb.table(name)!.rows.findIndex((r) => r[0] === key);

test("the dataset is the bundled one a year later, and its lookups answer for 2025 to 2030 only", () => {
  expect(LATER.dataset.info).toMatchObject({ baseYear: 2025, forecastYear: 2030 });
  expect(segmentValue(LATER, "USA", 2030)).toBe(segmentValue(INDEX, "USA", 2029));
  expect(() => segmentValue(LATER, "USA", 2024)).toThrow(/2025 to 2030/);
});

test("insert and refresh: the tables are headed by 2025 and 2030, and a newer edition's 2030 value is written", async () => {
  await insert(LATER);
  const headers = fake.wb.table("IoMT_Regions")!.headers;
  expect(headers).toEqual(expect.arrayContaining(["2025", "2030", "Growth 2025-2030", "Kind 2025", "Source 2030"]));
  expect(headers).not.toContain("2024");
  expect(headers).not.toContain("2029");
  const na = rowOf("IoMT_Regions", "North America");
  expect(column("IoMT_Regions", "2030")[na]).toBe(segmentValue(LATER, "North America", 2030));
  expect(await readStamp()).toMatchObject({ version: "3.0.0" });

  const outcome = await refreshTables(NEXT, consistencyChecks(NEXT_DATASET));
  expect(outcome.status).toBe("updated");
  expect(column("IoMT_Regions", "2030")[na]).toBe(80000);
  expect(await readStamp()).toMatchObject({ version: "3.1.0" });
});

test("cards: a segment's data type has fields named for 2025 and 2030, and its card shows only those", async () => {
  await insert(LATER, { sections: ["regions"], dataTypes: true });
  const json = card("USA");
  expect(json).toMatchObject({ type: "Entity", text: "USA" });
  expect(Object.keys(json.properties).sort()).toEqual(entityFields(2025, 2030).sort());
  expect(json.properties["2030 value"].basicValue).toBe(segmentValue(LATER, "USA", 2030));
  expect(json.properties).not.toHaveProperty("2029 value");
  const shown = json.layouts.card.sections.flatMap((s: any) => s.properties);
  expect(shown).toEqual(expect.arrayContaining(["2025 value", "2030 value", "Kind 2025", "Source 2030"]));
  for (const p of shown) expect(json.properties).toHaveProperty([p]);

  const outcome = await refreshTables(NEXT, consistencyChecks(NEXT_DATASET), { canUseDataTypes: true });
  expect(outcome.status).toBe("updated");
  expect(card("North America").properties["2030 value"].basicValue).toBe(80000);
});

describe("make portable", () => {
  const CALLS: Record<string, string> = {
    A1: '=IOMT.VALUE("USA",2030)',
    A2: '=IOMT.VALUE("USA",2025)',
    A3: '=IOMT.VALUE("USA",2027)',
    A4: '=IOMT.VALUE("USA",2024)',
    A5: '=IOMT.VALUE("North America")',
    A6: '=IOMT.RATE("USA")',
    A7: '=IOMT.GROWTH("North America")',
    A8: '=IOMT.SOURCE("USA",2030)',
    A9: '=IOMT.DRIVER("Telehealth")',
    A10: "=IOMT.VALUE(B1,B2)",
  };
  const expected = (index: DatasetIndex): Record<string, unknown> => ({
    A1: segmentValue(index, "USA", 2030),
    A2: segmentValue(index, "USA", 2025),
    A3: segmentValue(index, "USA", 2027),
    A4: { error: "#N/A" },
    A5: segmentValue(index, "North America", 2030),
    A6: segmentRate(index, "USA"),
    A7: segmentGrowth(index, "North America"),
    A8: segmentSource(index, "USA", 2030),
    A9: driverContribution(index, "Telehealth"),
    A10: { error: "#N/A" },
  });

  async function portable(): Promise<Record<string, unknown>> {
    const model = fake.wb.sheet("Model");
    model.setCells("B1", [["USA"], [2024]]);
    for (const [cell, f] of Object.entries(CALLS)) model.setCell(cell, f);
    const result = await makePortable(LATER, "workbook");
    expect(result.problems).toEqual([]);
    expect(result.converted.map((c) => c.cell).sort()).toEqual(Object.keys(CALLS).sort());
    const out: Record<string, unknown> = {};
    for (const cell of Object.keys(CALLS)) {
      const f = model.cell(cell).formula;
      expect(f).not.toMatch(/IOMT\./i);
      const v = formulaValue(fake.wb, model, f);
      out[cell] = typeof v === "number" ? Number(v.toPrecision(12)) : v;
    }
    return out;
  }
  const rounded = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "number" ? Number(v.toPrecision(12)) : v]));

  test("without the tables: lookups of 2025 and 2030 give the dataset's figures, 2024 is #N/A", async () => {
    const values = await portable();
    expect(values).toEqual(rounded(expected(LATER)));
    const data = fake.wb.sheet(OWN_SHEETS.lookup.base);
    const years = data.values("B2:B7").map((r) => r[0]);
    expect(years).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
  });

  test("with the tables: the lookup data reads the 2025 and 2030 columns, so a refreshed table feeds the lookups", async () => {
    await insert(LATER);
    const values = await portable();
    expect(values).toEqual(rounded(expected(LATER)));
    const data = fake.wb.sheet(OWN_SHEETS.lookup.base);
    const row = data.values("A1:B400").findIndex(([s, y]) => s === "USA" && y === 2030);
    expect(data.cell(`C${row + 1}`).formula).toContain("IoMT_Regions[[2030]]");
    const drivers = data.values("S1:S40").findIndex(([d]) => d === "Telehealth");
    expect(data.cell(`T${drivers + 1}`).formula).toContain("IoMT_Drivers[[Contribution to annual growth]]");

    await refreshTables(NEXT, consistencyChecks(NEXT_DATASET));
    const na = formulaValue(fake.wb, fake.wb.sheet("Model"), fake.wb.sheet("Model").cell("A5").formula);
    expect(na).toBe(80000);
  });
});
