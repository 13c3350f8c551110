/**
 * Insert and refresh against the in-memory Excel stand-in (tests/support/fake-excel.ts), which enforces
 * Office.js semantics (load before read, null objects, atomic syncs, payload limit) and keeps state across
 * runs, so that refresh meets a workbook an analyst has worked in.
 */
import { CHECKS, DATASET } from "../src/data";
import { INDEX } from "../src/core/dataset-index";
import { buildIndex } from "../src/core/lookup";
import { DEFAULT_OPTIONS, STAMP_KEYS, type PlanOptions } from "../src/core/plan";
import { insertTables, readStamp, refreshTables } from "../src/excel/workbook";
import { FakeWorkbook, installFakeExcel, type FakeExcelHandle } from "./support/fake-excel";

let wb: FakeWorkbook;
let excel: FakeExcelHandle;

beforeEach(() => {
  wb = new FakeWorkbook(["Sheet1"]);
  excel = installFakeExcel(wb);
});
afterEach(() => excel.uninstall());

const insert = (o: Partial<PlanOptions> = {}, index = INDEX) => insertTables(index, CHECKS, { ...DEFAULT_OPTIONS, ...o });
const refresh = (o: { recreateMissing?: boolean; canResize?: boolean } = {}) => refreshTables(INDEX, CHECKS, { ...DEFAULT_OPTIONS, ...o });

/** Every cell of every sheet, for before/after comparisons. */
function snapshot(): string {
  return JSON.stringify(
    wb.sheets.map((s) => [s.name, [...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b))]),
  );
}

const column = (name: string, header: string) => {
  const t = wb.table(name)!;
  const j = t.headers.indexOf(header);
  return t.rows.map((r) => r[j]);
};

describe("insert", () => {
  test("every section becomes a named table on its own sheet, in two round trips", async () => {
    const result = await insert();
    expect(result.syncs).toBe(2);
    expect(excel.syncCount).toBe(2);
    expect(wb.tableNames().sort()).toEqual(
      ["IoMT_About", "IoMT_Applications", "IoMT_Checks", "IoMT_DeviceTypes", "IoMT_Drivers", "IoMT_EndUsers", "IoMT_Opportunities", "IoMT_Overview", "IoMT_Regions"],
    );
    expect(wb.sheetNames()).toEqual(["Sheet1", "IoMT Overview", "IoMT Regions", "IoMT Device types", "IoMT Applications", "IoMT End users", "IoMT Drivers", "IoMT Opportunities", "IoMT Checks", "IoMT About"]);
    const regions = wb.table("IoMT_Regions")!;
    expect(regions.sheet).toBe("IoMT Regions");
    expect(regions.address).toBe("A3:P5");
    expect(regions.headers.slice(0, 3)).toEqual(["Segment", "2024", "2029"]);
    expect(column("IoMT_Regions", "2029")).toEqual([79107, 71006]);
    expect(wb.sheet("IoMT Regions").cell("C4").numberFormat).toBe("#,##0.0");
    expect(wb.sheet("IoMT Regions").cell("F4").formula).toMatch(/^=IF\(OR\(.*RRI\(5,/);
    expect(wb.sheet("IoMT Regions").frozenRows).toBe(3);
    expect(wb.calculationSuspensions).toBeGreaterThan(0);
    expect(wb.customProperty(STAMP_KEYS.edition)).toBe(DATASET.info.edition);
    expect(wb.customProperty(STAMP_KEYS.version)).toBe(DATASET.info.version);
  });

  test("not quantified segments are rows with empty values, never zero", async () => {
    await insert({ sections: ["deviceTypes"] });
    const t = wb.table("IoMT_DeviceTypes")!;
    expect(t.rows.map((r) => r[0])).toEqual(["Wearable devices", "Stationary devices", "Implantable devices", "Other devices"]);
    expect(column("IoMT_DeviceTypes", "2029")).toEqual([122211, "", "", ""]);
    expect(column("IoMT_DeviceTypes", "Note").slice(1)).toEqual(Array(3).fill("not quantified in the source"));
  });

  test("all sections on one sheet; sheet names made unique; nothing else touched", async () => {
    wb.addSheet("IoMT Data");
    wb.sheet("Sheet1").setCell("B2", "keep me");
    const before = JSON.stringify([...wb.sheet("Sheet1").cells.entries()]);
    await insert({ placement: "one-sheet" });
    expect(wb.sheetNames()).toContain("IoMT Data (2)");
    expect(new Set(wb.tableNames().map((n) => wb.table(n)!.sheet))).toEqual(new Set(["IoMT Data (2)"]));
    expect(JSON.stringify([...wb.sheet("Sheet1").cells.entries()])).toBe(before);
    expect(wb.sheet("IoMT Data").cells.size).toBe(0);
  });

  test("tables already in the workbook are left to refresh", async () => {
    await insert({ sections: ["regions"] });
    const result = await insert({ sections: ["regions", "drivers"] });
    expect(result.skipped).toEqual(["IoMT_Regions"]);
    expect(wb.tableNames().sort()).toEqual(["IoMT_Drivers", "IoMT_Regions"]);
  });

  test("IOMT.* formulas when chosen; charts when asked", async () => {
    await insert({ sections: ["regions"], formulas: "iomt", charts: true });
    expect(wb.sheet("IoMT Regions").cell("F4").formula).toContain("IOMT.CAGR(");
    expect(wb.sheet("IoMT Regions").charts.map((c) => c.type)).toEqual(["ColumnClustered"]);
  });
});

describe("refresh", () => {
  test("right after insert it changes nothing, in one round trip", async () => {
    await insert();
    const before = snapshot();
    excel.resetCounters();
    const r = await refresh();
    expect(r.refresh.actions.every((a) => a.kind === "unchanged")).toBe(true);
    expect(r.syncs).toBe(1);
    expect(excel.syncCount).toBe(1);
    expect(snapshot()).toBe(before);
  });

  test("after an analyst's work: values restored, users' cells and formulas intact, sheets found wherever they went", async () => {
    await insert();
    const user = wb.sheet("Sheet1");
    user.setCell("A1", "=SUM(IoMT_Regions[2029])");
    user.setCell("A2", 42);
    wb.sheet("IoMT Regions").setCell("C4", 1); // typed over North America 2029
    wb.sheet("IoMT Regions").setCell("R4", "next to the table");
    wb.sheet("IoMT Regions").setCell("A7", "below the table");
    wb.renameSheet("IoMT Regions", "My regions");
    wb.moveSheet("My regions", 0);
    expect(user.cell("A1").value).toBe(1 + 71006);
    const userCells = JSON.stringify([...user.cells.entries()]);

    excel.resetCounters();
    const r = await refresh();
    expect(r.applied).toBe(true);
    expect(r.syncs).toBe(2);
    const regions = r.refresh.actions.find((a) => a.tableName === "IoMT_Regions")!;
    expect(regions).toMatchObject({ kind: "update", cellsChanged: 1, rowsAdded: 0, sheetName: "My regions" });
    expect(r.refresh.actions.filter((a) => a.kind === "update")).toHaveLength(1);
    expect(wb.sheet("My regions").cell("C4").value).toBe(79107);
    expect(user.cell("A1").value).toBe(79107 + 71006);
    expect(JSON.stringify([...user.cells.entries()])).toBe(userCells);
    expect(wb.sheet("My regions").cell("R4").value).toBe("next to the table");
    expect(wb.sheet("My regions").cell("A7").value).toBe("below the table");

    const before = snapshot();
    const again = await refresh();
    expect(again.refresh.actions.every((a) => a.kind === "unchanged")).toBe(true);
    expect(snapshot()).toBe(before);
  });

  test("a protected sheet stops refresh before it changes anything, and says which", async () => {
    await insert();
    wb.sheet("IoMT Regions").setCell("C4", 1);
    wb.sheet("IoMT Drivers").setCell("B4", 0.5);
    wb.protect("IoMT Drivers");
    const before = snapshot();
    const r = await refresh();
    expect(r.applied).toBe(false);
    expect(r.refresh.actions.find((a) => a.tableName === "IoMT_Drivers")).toMatchObject({ kind: "blocked", reason: expect.stringContaining("'IoMT Drivers' is protected") });
    expect(snapshot()).toBe(before);
    expect(wb.sheet("IoMT Regions").cell("C4").value).toBe(1);
  });

  test("a table that must grow into cells holding data blocks refresh; once they are moved it grows", async () => {
    // a workbook made with an older edition that lacked the USA
    const older = buildIndex({ ...DATASET, segments: DATASET.segments.filter((s) => s.name !== "USA") });
    await insert({ sections: ["regions"] }, older);
    expect(wb.table("IoMT_Regions")!.rows).toHaveLength(1);
    wb.sheet("IoMT Regions").setCell("B5", "analyst's note");
    const before = snapshot();
    const blocked = await refresh();
    expect(blocked.applied).toBe(false);
    expect(blocked.refresh.actions[1]).toMatchObject({ kind: "blocked", reason: expect.stringContaining("B5") });
    expect(snapshot()).toBe(before);

    wb.sheet("IoMT Regions").setCell("B5", "");
    wb.sheet("IoMT Regions").setCell("B9", "analyst's note");
    const grown = await refresh();
    expect(grown.applied).toBe(true);
    expect(grown.refresh.actions[1]).toMatchObject({ kind: "update", rowsAdded: 1 });
    expect(wb.table("IoMT_Regions")!.address).toBe("A3:P5");
    expect(column("IoMT_Regions", "Segment")).toEqual(["North America", "USA"]);
    expect(column("IoMT_Regions", "2029")).toEqual([79107, 71006]);
    expect(wb.sheet("IoMT Regions").cell("F5").formula).toMatch(/RRI/);
    expect(wb.sheet("IoMT Regions").cell("C5").numberFormat).toBe("#,##0.0");
    expect(wb.sheet("IoMT Regions").cell("B9").value).toBe("analyst's note");
  });

  test("an Excel without table resizing says so instead of failing", async () => {
    const older = buildIndex({ ...DATASET, segments: DATASET.segments.filter((s) => s.name !== "USA") });
    await insert({ sections: ["regions"] }, older);
    const before = snapshot();
    const r = await refresh({ canResize: false });
    expect(r.applied).toBe(false);
    expect(r.refresh.actions[1]).toMatchObject({ kind: "blocked", reason: expect.stringContaining("ExcelApi 1.13") });
    expect(snapshot()).toBe(before);
  });

  test("a deleted table is reported, and recreated only when asked", async () => {
    await insert({ sections: ["regions", "drivers"] });
    wb.deleteTable("IoMT_Drivers");
    const r = await refresh();
    expect(r.refresh.actions.find((a) => a.tableName === "IoMT_Drivers")).toEqual({ kind: "missing", tableName: "IoMT_Drivers" });
    expect(wb.table("IoMT_Drivers")).toBeUndefined();
    const again = await refresh({ recreateMissing: true });
    expect(again.recreated).toContain("IoMT_Drivers");
    expect(wb.table("IoMT_Drivers")!.sheet).toBe("IoMT Drivers (2)");
    expect(column("IoMT_Drivers", "Contribution to annual growth")).toEqual([0.015, 0.012, 0.007, 0.005]);
  });

  test("the workbook is stamped with the edition it holds", async () => {
    expect(await readStamp()).toBeUndefined();
    await insert({ sections: ["about"] });
    expect(await readStamp()).toEqual({ version: DATASET.info.version, edition: DATASET.info.edition });
    wb.setCustomProperty(STAMP_KEYS.edition, "2025-01-01");
    await refresh();
    expect(await readStamp()).toEqual({ version: DATASET.info.version, edition: DATASET.info.edition });
  });

  test("writes past the request budget are split across round trips, with the same result", async () => {
    await insertTables(INDEX, CHECKS, DEFAULT_OPTIONS, 4 * 1024);
    const chunked = wb.tableNames().map((n) => wb.table(n));
    expect(excel.syncCount).toBeGreaterThan(3);
    excel.uninstall();
    wb = new FakeWorkbook(["Sheet1"]);
    excel = installFakeExcel(wb);
    await insert();
    expect(excel.syncCount).toBe(2);
    expect(wb.tableNames().map((n) => wb.table(n))).toEqual(chunked);
  });

  test("requests stay far below Excel on the web's 5 MB limit", async () => {
    await insert();
    expect(excel.maxRequestBytes).toBeGreaterThan(1000);
    expect(excel.maxRequestBytes).toBeLessThan(512 * 1024);
  });
});

describe("segments as data types", () => {
  const { segmentEntity } = require("../src/core/entity") as typeof import("../src/core/entity");
  const refreshDT = (o: { canUseDataTypes?: boolean; canResize?: boolean } = {}) =>
    refreshTables(INDEX, CHECKS, { ...DEFAULT_OPTIONS, canUseDataTypes: true, ...o });

  test("insert writes the segment column as entities with cards; other tables keep text", async () => {
    await insert({ sections: ["regions", "drivers"], dataTypes: true });
    const json = wb.sheet("IoMT Regions").cellJson("A4") as any;
    expect(json).toMatchObject({ type: "Entity", text: "North America" });
    expect(json.properties["2029 value"].basicValue).toBe(79107);
    expect(wb.sheet("IoMT Regions").cell("A4").value).toBe("#VALUE!");
    expect(wb.sheet("IoMT Drivers").cellJson("A4")).toBeUndefined();
    expect(wb.sheet("IoMT Drivers").cell("A4").value).toBe("Remote patient monitoring");
  });

  test("refresh keeps data types: matches rows by their text, changes nothing when up to date", async () => {
    await insert({ sections: ["regions"], dataTypes: true });
    const before = snapshot();
    excel.resetCounters();
    const r = await refreshDT();
    expect(r.entitiesUpdated).toBe(0);
    expect(excel.syncCount).toBe(1);
    expect(snapshot()).toBe(before);
  });

  test("refresh rebuilds a data type that differs from the dataset, and values around it", async () => {
    await insert({ sections: ["regions"], dataTypes: true });
    const stale = { ...segmentEntity(INDEX, "USA"), properties: { ...segmentEntity(INDEX, "USA").properties, "2029 value": { type: "FormattedNumber", basicValue: 1, numberFormat: "#,##0.0" } } };
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("IoMT Regions").getRange("A5").valuesAsJson = [[stale as any]];
      await ctx.sync();
    });
    wb.sheet("IoMT Regions").setCell("C5", 2);
    const r = await refreshDT();
    expect(r.entitiesUpdated).toBe(1);
    expect((wb.sheet("IoMT Regions").cellJson("A5") as any).properties["2029 value"].basicValue).toBe(71006);
    expect(wb.sheet("IoMT Regions").cell("C5").value).toBe(71006);
    expect((wb.sheet("IoMT Regions").cellJson("A4") as any).text).toBe("North America");
  });

  test("a table grown by refresh gets data types in its new rows", async () => {
    const older = buildIndex({ ...DATASET, segments: DATASET.segments.filter((s) => s.name !== "USA") });
    await insertTables(older, CHECKS, { ...DEFAULT_OPTIONS, sections: ["regions"], dataTypes: true });
    const r = await refreshDT();
    expect(r.refresh.actions[1]).toMatchObject({ kind: "update", rowsAdded: 1 });
    expect((wb.sheet("IoMT Regions").cellJson("A5") as any).text).toBe("USA");
  });

  test("an Excel without data types: refresh still works on a workbook that has them, and touches no key cell", async () => {
    await insert({ sections: ["regions"], dataTypes: true });
    const key = JSON.stringify(wb.sheet("IoMT Regions").cellJson("A4"));
    wb.sheet("IoMT Regions").setCell("C4", 3);
    wb.supportsDataTypes = false;
    const r = await refreshDT({ canUseDataTypes: false });
    expect(r.applied).toBe(true);
    expect(wb.sheet("IoMT Regions").cell("C4").value).toBe(79107);
    expect(JSON.stringify(wb.sheet("IoMT Regions").cellJson("A4"))).toBe(key);
  });

  test("a segment list at the selection, as data types or text; it stops before overwriting", async () => {
    const { insertSegmentList } = await import("../src/excel/workbook");
    wb.sheet("Sheet1").setCell("B4", "mine");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B2").select();
      await ctx.sync();
    });
    const names = ["Wearable devices", "Stationary devices", "Implantable devices", "Other devices"];
    const blocked = await insertSegmentList(INDEX, names, true);
    expect(blocked.blocked).toContain("B4");
    expect(wb.sheet("Sheet1").cell("B2").value).toBe("");
    wb.sheet("Sheet1").setCell("B4", "");
    const ok = await insertSegmentList(INDEX, names, true);
    expect(ok.count).toBe(4);
    expect((wb.sheet("Sheet1").cellJson("B5") as any).text).toBe("Other devices");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("D2").select();
      await ctx.sync();
    });
    await insertSegmentList(INDEX, names, false);
    expect(wb.sheet("Sheet1").cell("D3").value).toBe("Stationary devices");
  });
});
