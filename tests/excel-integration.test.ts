/**
 * Insert against the in-memory Excel stand-in (tests/support/fake-excel.ts), which models real Excel strictly
 * (load before read, null objects, no rollback, typing rules, payload limits) and keeps state across runs.
 * Refresh has its own file: tests/excel-refresh.test.ts.
 */
import { CHECKS, DATASET } from "../src/data";
import { INDEX } from "../src/data/bundled";
import { DEFAULT_OPTIONS, type PlanOptions } from "../src/core/plan";
import { STAMP_KEYS } from "../src/core/refresh";
import { insertTables, readStamp } from "../src/excel/workbook";
import { FakeWorkbook, installFakeExcel, type FakeExcelHandle } from "./support/fake-excel";

let wb: FakeWorkbook;
let excel: FakeExcelHandle;

beforeEach(() => {
  wb = new FakeWorkbook(["Sheet1"]);
  excel = installFakeExcel(wb);
});
afterEach(() => excel.uninstall());

const insert = (o: Partial<PlanOptions> = {}, index = INDEX) =>
  insertTables(index, CHECKS, { ...DEFAULT_OPTIONS, ...o });

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
    expect(wb.tableNames().sort()).toEqual([
      "IoMT_About",
      "IoMT_Applications",
      "IoMT_Checks",
      "IoMT_DeviceTypes",
      "IoMT_Drivers",
      "IoMT_EndUsers",
      "IoMT_Opportunities",
      "IoMT_Overview",
      "IoMT_Regions",
    ]);
    expect(wb.sheetNames()).toEqual([
      "Sheet1",
      "IoMT Overview",
      "IoMT Regions",
      "IoMT Device types",
      "IoMT Applications",
      "IoMT End users",
      "IoMT Drivers",
      "IoMT Opportunities",
      "IoMT Checks",
      "IoMT About",
      "IoMT record",
    ]);
    // the record of what the add-in wrote lives on a very hidden sheet: one column per table
    expect(wb.sheet("IoMT record").visibility).toBe("VeryHidden");
    expect(wb.sheet("IoMT record").cell("B1").value).toBe("IoMT_Regions|2|v2");
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
    expect(t.rows.map((r) => r[0])).toEqual([
      "Wearable devices",
      "Stationary devices",
      "Implantable devices",
      "Other devices",
    ]);
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

  test("IOMT.* formulas when chosen; charts when asked, made in the last request, after their data", async () => {
    const seen: number[] = [];
    wb.onSync = () => seen.push(wb.sheets.reduce((n, s) => n + s.charts.length, 0));
    await insertTables(
      INDEX,
      CHECKS,
      { ...DEFAULT_OPTIONS, sections: ["regions"], formulas: "iomt", charts: true },
      2 * 1024,
    );
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((n) => n === 0)).toBe(true);
    expect(wb.sheet("IoMT Regions").cell("F4").formula).toContain("IOMT.CAGR(");
    const charts = wb.sheet("IoMT Regions").charts;
    expect(charts.map((c) => c.type)).toEqual(["ColumnClustered"]);
    expect(charts[0].source).toBe("'IoMT Regions'!A3:C5");
  });

  test('text is stored as text: the About table\'s edition stays "2026-01-06", never a date', async () => {
    await insert({ sections: ["about"] });
    const about = wb.table("IoMT_About")!;
    const edition = about.rows.find((r) => r[0] === "Dataset edition")!;
    expect(edition[1]).toBe(DATASET.info.edition);
    expect(wb.sheet("IoMT About").cell("B6").numberFormat).toBe("@");
    expect(wb.sheet("IoMT About").cell("A2").value).toMatch(/^Source: /);
  });

  test("the workbook is stamped with the edition it holds and records the tables it has held", async () => {
    expect(await readStamp()).toBeUndefined();
    await insert({ sections: ["about"] });
    expect(await readStamp()).toEqual({ version: DATASET.info.version, edition: DATASET.info.edition });
    await insert({ sections: ["regions"], formulas: "iomt" });
    expect(wb.customProperty(STAMP_KEYS.tables)).toBe("IoMT_About=native;IoMT_Regions=iomt");
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

  test("insert writes the segment column as entities with cards; other tables keep text", async () => {
    await insert({ sections: ["regions", "drivers"], dataTypes: true });
    const json = wb.sheet("IoMT Regions").cellJson("A4") as any;
    expect(json).toMatchObject({ type: "Entity", text: "North America" });
    expect(json.properties["2029 value"].basicValue).toBe(79107);
    expect(wb.sheet("IoMT Regions").cell("A4").value).toBe("#VALUE!");
    expect(wb.sheet("IoMT Drivers").cellJson("A4")).toBeUndefined();
    expect(wb.sheet("IoMT Drivers").cell("A4").value).toBe("Remote patient monitoring");
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
