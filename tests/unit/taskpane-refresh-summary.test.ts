/** A refresh's outcome in one line for the pane's status area, on the Excel stand-in. */
import { CHECKS } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { DEFAULT_OPTIONS } from "../../src/core/plan";
import { insertTables, refreshTables } from "../../src/excel/workbook";
import { refreshSummary } from "../../src/taskpane/refresh-summary";
import { useFakeExcel } from "../support/fake-excel";

const excel = useFakeExcel(["Sheet1"]);

test("up to date, updated, edits kept, blocked: one line each, the tone from the status", async () => {
  await insertTables(INDEX, CHECKS, DEFAULT_OPTIONS);
  expect(refreshSummary(await refreshTables(INDEX, CHECKS))).toEqual({
    tone: "ok",
    summary: "All 10 tables up to date",
  });
  excel.wb.sheet("IoMT Regions").setCell("C4", 80000);
  expect(refreshSummary(await refreshTables(INDEX, CHECKS))).toEqual({
    tone: "ok",
    summary: "All 10 tables up to date · 1 edit of yours kept",
  });
  expect(refreshSummary(await refreshTables(INDEX, CHECKS, { overwrite: "all" }))).toEqual({
    tone: "ok",
    summary: "10 tables refreshed: 1 cell updated",
  });
  excel.wb.protect("IoMT Drivers");
  excel.wb.sheet("IoMT Regions").setCell("C4", 1);
  const blocked = refreshSummary(await refreshTables(INDEX, CHECKS, { overwrite: "all" }));
  expect(blocked.tone).toBe("bad");
  expect(blocked.summary).toMatch(/^Nothing was changed/);
});
