/**
 * The counts the pane shows while Insert and Refresh run ("Inserting 10 tables… 3 of 10"), as the Excel edge
 * reports them through the in-memory Excel stand-in (tests/support/fake-excel.ts): real counts of tables, taken
 * after the round trips that did the work, never ahead of it.
 */
import { useFakeExcel } from "../support/fake-excel";
import { CHECKS } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { DEFAULT_OPTIONS } from "../../src/core/plan";
import { insertTables, refreshTables } from "../../src/excel/workbook";

const fake = useFakeExcel(["Sheet1"]);

/** Each report with the round trips made when it came. */
function recorder(): { reports: Array<[number, number, number]>; onProgress: (done: number, total: number) => void } {
  const reports: Array<[number, number, number]> = [];
  return { reports, onProgress: (done, total) => reports.push([done, total, fake.excel.syncCount]) };
}

test("insert counts the tables whose writes have gone through, request by request, up to all of them", async () => {
  const { reports, onProgress } = recorder();
  // a small budget: the writes take several requests
  const result = await insertTables(INDEX, CHECKS, DEFAULT_OPTIONS, 24 * 1024, "full", onProgress);
  const total = result.plan.tables.length;
  expect(total).toBe(10);
  expect(result.syncs).toBeGreaterThan(3);
  expect(reports[0]).toEqual([0, total, 1]);
  expect(reports[reports.length - 1]).toEqual([total, total, result.syncs]);
  for (const [done, t] of reports) expect([done, t]).toEqual([expect.any(Number), total]);
  // the count never goes back, and it advances through steps between none and all
  for (let i = 1; i < reports.length; i++) expect(reports[i][0]).toBeGreaterThanOrEqual(reports[i - 1][0]);
  expect(reports.some(([done]) => done > 0 && done < total)).toBe(true);
  // a table counted as inserted is in the workbook with all its rows by then (checked at the end: no rollback)
  for (const t of result.plan.tables) expect(fake.wb.table(t.tableName)!.rows.length).toBe(t.rows.length);
});

test("refresh counts the tables in scope: the ones with nothing to write once decided, all once written", async () => {
  await insertTables(INDEX, CHECKS, DEFAULT_OPTIONS);
  const untouched = recorder();
  await refreshTables(INDEX, CHECKS, { onProgress: untouched.onProgress });
  expect(untouched.reports.map(([done, total]) => [done, total])).toEqual([
    [0, 10],
    [10, 10],
  ]);

  // an analyst's edit in one table, overwritten: that table has a cell to write, the other nine nothing
  fake.wb.sheet("IoMT Regions").setCell("C4", 80000);
  const changed = recorder();
  const outcome = await refreshTables(INDEX, CHECKS, { onProgress: changed.onProgress, overwrite: "all" });
  expect(outcome.status).toBe("updated");
  expect(changed.reports.map(([done, total]) => [done, total])).toEqual([
    [0, 10],
    [9, 10],
    [10, 10],
  ]);
  // the last count comes after the write's round trip
  expect(changed.reports[2][2]).toBeGreaterThan(changed.reports[1][2]);
});
