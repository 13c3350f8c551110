/**
 * Insert against the in-memory Excel stand-in (tests/support/fake-excel.ts), which models real Excel strictly
 * (load before read, null objects, no rollback, typing rules, payload limits) and keeps state across runs.
 * Refresh has its own file: tests/unit/excel-refresh.test.ts.
 */
import { useFakeExcel } from "../support/fake-excel";
import { CHECKS, DATASET } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { DEFAULT_OPTIONS, type PlanOptions } from "../../src/core/plan";
import { STAMP_KEYS } from "../../src/core/refresh";
import { insertTables, readStamp } from "../../src/excel/workbook";

const fake = useFakeExcel(["Sheet1"]);

const insert = (o: Partial<PlanOptions> = {}, index = INDEX) =>
  insertTables(index, CHECKS, { ...DEFAULT_OPTIONS, ...o });

const column = (name: string, header: string) => {
  const t = fake.wb.table(name)!;
  const j = t.headers.indexOf(header);
  return t.rows.map((r) => r[j]);
};

describe("insert", () => {
  test("every section becomes a named table on its own sheet, in two round trips", async () => {
    const result = await insert();
    expect(result.syncs).toBe(2);
    expect(fake.excel.syncCount).toBe(2);
    expect(fake.wb.tableNames().sort()).toEqual([
      "IoMT_About",
      "IoMT_Applications",
      "IoMT_Checks",
      "IoMT_DeviceTypes",
      "IoMT_Drivers",
      "IoMT_EndUsers",
      "IoMT_Estimates",
      "IoMT_Opportunities",
      "IoMT_Overview",
      "IoMT_Regions",
    ]);
    expect(fake.wb.sheetNames()).toEqual([
      "Sheet1",
      "IoMT Overview",
      "IoMT Regions",
      "IoMT Device types",
      "IoMT Applications",
      "IoMT End users",
      "IoMT Drivers",
      "IoMT Opportunities",
      "IoMT Other publishers",
      "IoMT Checks",
      "IoMT About",
      "IoMT record",
    ]);
    // the record of what the add-in wrote lives on a very hidden sheet: one column per table
    expect(fake.wb.sheet("IoMT record").visibility).toBe("VeryHidden");
    expect(fake.wb.sheet("IoMT record").cell("B1").value).toMatch(/^IoMT_Regions\|2\|v3\|[A-Za-z0-9_-]{16}$/);
    const regions = fake.wb.table("IoMT_Regions")!;
    expect(regions.sheet).toBe("IoMT Regions");
    expect(regions.address).toBe("A3:P5");
    expect(regions.headers.slice(0, 3)).toEqual(["Segment", "2024", "2029"]);
    expect(column("IoMT_Regions", "2029")).toEqual([79107, 71006]);
    expect(fake.wb.sheet("IoMT Regions").cell("C4").numberFormat).toBe("#,##0.0");
    expect(fake.wb.sheet("IoMT Regions").cell("F4").formula).toMatch(/^=IF\(OR\(.*RRI\(5,/);
    expect(fake.wb.sheet("IoMT Regions").frozenRows).toBe(3);
    expect(fake.wb.calculationSuspensions).toBeGreaterThan(0);
    expect(fake.wb.customProperty(STAMP_KEYS.edition)).toBe(DATASET.info.edition);
    expect(fake.wb.customProperty(STAMP_KEYS.version)).toBe(DATASET.info.version);
  });

  test("not quantified segments are rows with empty values, never zero", async () => {
    await insert({ sections: ["deviceTypes"] });
    const t = fake.wb.table("IoMT_DeviceTypes")!;
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
    fake.wb.addSheet("IoMT Data");
    fake.wb.sheet("Sheet1").setCell("B2", "keep me");
    const before = JSON.stringify([...fake.wb.sheet("Sheet1").cells.entries()]);
    await insert({ placement: "one-sheet" });
    expect(fake.wb.sheetNames()).toContain("IoMT Data (2)");
    expect(new Set(fake.wb.tableNames().map((n) => fake.wb.table(n)!.sheet))).toEqual(new Set(["IoMT Data (2)"]));
    expect(JSON.stringify([...fake.wb.sheet("Sheet1").cells.entries()])).toBe(before);
    expect(fake.wb.sheet("IoMT Data").cells.size).toBe(0);
  });

  test("tables already in the workbook are left to refresh", async () => {
    await insert({ sections: ["regions"] });
    const result = await insert({ sections: ["regions", "drivers"] });
    expect(result.skipped).toEqual(["IoMT_Regions"]);
    expect(fake.wb.tableNames().sort()).toEqual(["IoMT_Drivers", "IoMT_Regions"]);
  });

  test("IOMT.* formulas when chosen; charts when asked, made in the last request, after their data", async () => {
    const seen: number[] = [];
    fake.wb.onSync = () => seen.push(fake.wb.sheets.reduce((n, s) => n + s.charts.length, 0));
    await insertTables(
      INDEX,
      CHECKS,
      { ...DEFAULT_OPTIONS, sections: ["regions"], formulas: "iomt", charts: true },
      2 * 1024,
    );
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((n) => n === 0)).toBe(true);
    expect(fake.wb.sheet("IoMT Regions").cell("F4").formula).toContain("IOMT.CAGR(");
    const charts = fake.wb.sheet("IoMT Regions").charts;
    expect(charts.map((c) => c.type)).toEqual(["ColumnClustered"]);
    expect(charts[0].source).toBe("'IoMT Regions'!A3:C5");
  });

  test("the other publishers' chart is the football field of their 2029 rows, the table's first eleven", async () => {
    await insertTables(INDEX, CHECKS, { ...DEFAULT_OPTIONS, sections: ["estimates"], charts: true });
    const sheet = fake.wb.sheet("IoMT Other publishers");
    expect(sheet.charts.map((c) => c.type)).toEqual(["BarClustered"]);
    // header in row 3, the 2029 rows 4 to 14; the 2024 rows below stay out of the chart
    expect(sheet.charts[0].source).toBe("'IoMT Other publishers'!A3:B14");
    expect(sheet.cell("D14").value).toBe(2029);
    expect(sheet.cell("D15").value).toBe(2024);
  });

  test('text is stored as text: the About table\'s edition stays "2026-01-06", never a date', async () => {
    await insert({ sections: ["about"] });
    const about = fake.wb.table("IoMT_About")!;
    const edition = about.rows.find((r) => r[0] === "Dataset edition")!;
    expect(edition[1]).toBe(DATASET.info.edition);
    expect(fake.wb.sheet("IoMT About").cell("B6").numberFormat).toBe("@");
    expect(fake.wb.sheet("IoMT About").cell("A2").value).toMatch(/^Source: /);
  });

  test("the workbook is stamped with the edition it holds and records the tables it has held", async () => {
    expect(await readStamp()).toBeUndefined();
    await insert({ sections: ["about"] });
    expect(await readStamp()).toEqual({ version: DATASET.info.version, edition: DATASET.info.edition });
    await insert({ sections: ["regions"], formulas: "iomt" });
    expect(fake.wb.customProperty(STAMP_KEYS.tables)).toBe("IoMT_About=native;IoMT_Regions=iomt");
  });

  test("writes past the request budget are split across round trips, with the same result", async () => {
    await insertTables(INDEX, CHECKS, DEFAULT_OPTIONS, 4 * 1024);
    const chunked = fake.wb.tableNames().map((n) => fake.wb.table(n));
    expect(fake.excel.syncCount).toBeGreaterThan(3);
    fake.replace();
    await insert();
    expect(fake.excel.syncCount).toBe(2);
    expect(fake.wb.tableNames().map((n) => fake.wb.table(n))).toEqual(chunked);
  });

  test("every request stays within the budget, the first with the sheets and tables it adds; each fills it well", async () => {
    const budget = 24 * 1024;
    await insertTables(INDEX, CHECKS, DEFAULT_OPTIONS, budget);
    const requests = fake.excel.requests.slice(1);
    for (const bytes of requests) expect(bytes).toBeLessThanOrEqual(budget);
    // every request but the last is well filled
    for (const bytes of requests.slice(0, -1)) expect(bytes).toBeGreaterThan(0.6 * budget);
  });

  test("a column of one formula is set with that formula once, not cell by cell", async () => {
    const writes = jest.spyOn(fake.wb, "writeCells");
    await insert({ sections: ["regions"] });
    const t = fake.wb.table("IoMT_Regions")!;
    const j = t.headers.indexOf("CAGR computed");
    expect(t.rows.length).toBeGreaterThan(1);
    expect(new Set(column("IoMT_Regions", "CAGR computed")).size).toBe(1);
    const formulas = writes.mock.calls
      .filter(([, kind]) => kind === "formulas")
      .map(([range, , data]) => [range, data]);
    const column_ = formulas.filter(([r]) => (r as { left: number }).left === j);
    expect(column_).toHaveLength(1);
    const [range, data] = column_[0] as [{ top: number; bottom: number }, unknown];
    expect(range.bottom - range.top + 1).toBe(t.rows.length);
    expect(typeof data).toBe("string");
    expect(String(data)).toMatch(/^=IF\(OR\(IoMT_Regions\[\[#This Row\],\[2024\]\]/);
  });

  test("requests stay far below Excel on the web's 5 MB limit", async () => {
    await insert();
    expect(fake.excel.maxRequestBytes).toBeGreaterThan(1000);
    expect(fake.excel.maxRequestBytes).toBeLessThan(512 * 1024);
  });

  test("insert writes the segment column as entities with cards; other tables keep text", async () => {
    await insert({ sections: ["regions", "drivers"], dataTypes: true });
    const json = fake.wb.sheet("IoMT Regions").cellJson("A4") as any;
    expect(json).toMatchObject({ type: "Entity", text: "North America" });
    expect(json.properties["2029 value"].basicValue).toBe(79107);
    expect(fake.wb.sheet("IoMT Regions").cell("A4").value).toBe("#VALUE!");
    expect(fake.wb.sheet("IoMT Drivers").cellJson("A4")).toBeUndefined();
    expect(fake.wb.sheet("IoMT Drivers").cell("A4").value).toBe("Remote patient monitoring");
  });

  test("a segment list at the selection, as data types or text; it stops before overwriting", async () => {
    const { insertSegmentList } = await import("../../src/excel/workbook");
    fake.wb.sheet("Sheet1").setCell("B4", "mine");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B2").select();
      await ctx.sync();
    });
    const names = ["Wearable devices", "Stationary devices", "Implantable devices", "Other devices"];
    const blocked = await insertSegmentList(INDEX, names, true);
    expect(blocked.blocked).toContain("B4");
    expect(fake.wb.sheet("Sheet1").cell("B2").value).toBe("");
    fake.wb.sheet("Sheet1").setCell("B4", "");
    const ok = await insertSegmentList(INDEX, names, true);
    expect(ok.count).toBe(4);
    expect((fake.wb.sheet("Sheet1").cellJson("B5") as any).text).toBe("Other devices");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("D2").select();
      await ctx.sync();
    });
    await insertSegmentList(INDEX, names, false);
    expect(fake.wb.sheet("Sheet1").cell("D3").value).toBe("Stationary devices");
  });
});
