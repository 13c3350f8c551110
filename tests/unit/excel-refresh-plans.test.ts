/**
 * Refresh plans each table in the formula style it is in: a workbook of native formulas never has the IOMT.* style
 * planned, and one in the IOMT.* style has only its own tables planned in it (the plan is the add-in's largest cost).
 */
import { useFakeExcel } from "../support/fake-excel";
import { CHECKS } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import * as plan from "../../src/core/plan";
import { insertTables, refreshTables } from "../../src/excel/workbook";

jest.mock("../../src/core/plan", () => {
  const actual = jest.requireActual("../../src/core/plan");
  return { ...actual, planSections: jest.fn(actual.planSections) };
});
const planSections = plan.planSections as jest.MockedFunction<typeof plan.planSections>;

const fake = useFakeExcel(["Sheet1"]);

/** The sections planned in the IOMT.* style since the spy was cleared. */
const plannedIomt = () =>
  planSections.mock.calls.filter(([, , o]) => o.formulas === "iomt").flatMap(([, , o]) => o.sections);

test("a workbook of native formulas is refreshed without planning the IOMT.* style", async () => {
  await insertTables(INDEX, CHECKS, { ...plan.DEFAULT_OPTIONS, formulas: "native" });
  planSections.mockClear();
  expect((await refreshTables(INDEX, CHECKS)).status).toBe("unchanged");
  expect((await refreshTables(INDEX, CHECKS, { formulas: "iomt" })).status).toBe("unchanged");
  expect(plannedIomt()).toEqual([]);
  expect(fake.excel.syncCount).toBeGreaterThan(0);
});

test("in a workbook with one table in the IOMT.* style, only that table is planned in it", async () => {
  await insertTables(INDEX, CHECKS, { ...plan.DEFAULT_OPTIONS, formulas: "native", sections: ["overview", "drivers"] });
  await insertTables(INDEX, CHECKS, { ...plan.DEFAULT_OPTIONS, formulas: "iomt", sections: ["regions"] });
  planSections.mockClear();
  const r = await refreshTables(INDEX, CHECKS);
  expect(r.status).toBe("unchanged");
  expect(plannedIomt()).toEqual(["regions"]);
  expect(fake.wb.sheets.flatMap((s) => [...s.cells.values()]).some((c) => c.formula.includes("IOMT.CAGR"))).toBe(true);
});
