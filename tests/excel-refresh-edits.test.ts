/**
 * An analyst's edits survive refresh: the three-way refresh, the change log and the refresh scope, on the
 * strict Excel stand-in (tests/support/fake-excel.ts).
 */
import { CHECKS, DATASET } from "../src/data";
import { INDEX } from "../src/data/bundled";
import { buildIndex } from "../src/data/dataset-index";
import { DEFAULT_OPTIONS, type PlanOptions } from "../src/core/plan";
import { cellId } from "../src/core/refresh";
import { changes, describeRefresh, edits, logRows } from "../src/core/refresh-report";
import { appendRefreshLog, insertTables, readStamp, refreshTables, type RefreshOptions } from "../src/excel/workbook";
import { FakeWorkbook, installFakeExcel, type FakeExcelHandle } from "./support/fake-excel";
import { MARK_CELL, MARK_COLUMN, OWN_SHEETS, ownSheetMark } from "../src/core/own-sheets";

const RECORD_SHEET = OWN_SHEETS.record.base;

let wb: FakeWorkbook;
let excel: FakeExcelHandle;

beforeEach(() => {
  wb = new FakeWorkbook(["Sheet1"]);
  excel = installFakeExcel(wb);
});
afterEach(() => excel.uninstall());

/** The edition before the bundled one: North America 2029 was 70,000. */
const PREVIOUS = buildIndex({
  ...DATASET,
  info: { ...DATASET.info, version: "0.9.0", edition: "2025-06-01" },
  figures: DATASET.figures.map((f) =>
    f.measure === "value" && f.subject === "North America" && f.year === 2029 ? { ...f, value: 70000 } : f,
  ),
});

const insert = (o: Partial<PlanOptions> = {}, index = INDEX) =>
  insertTables(index, CHECKS, { ...DEFAULT_OPTIONS, ...o });
const refresh = (o: RefreshOptions = {}) => refreshTables(INDEX, CHECKS, o);

function snapshot(): string {
  return JSON.stringify([
    wb.sheets.map((s) => [s.name, [...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b))]),
    wb.tableNames().map((n) => wb.table(n)),
    [...wb.customProps.values()],
  ]);
}

const select = (sheet: string, address: string) =>
  Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheet).getRange(address).select();
    await ctx.sync();
  });

describe("three-way refresh", () => {
  test("an analyst's estimate and what-if formula are kept, listed by address, and nothing is written", async () => {
    await insert({ sections: ["deviceTypes"] });
    const s = wb.sheet("IoMT Device types");
    s.setCell("C5", 5000); // Stationary devices 2029: the source gives no figure; the analyst's estimate
    s.setCell("C4", "=122211*1.02"); // Wearable devices 2029: a what-if over the figure
    const before = snapshot();
    const r = await refresh();
    expect(r.status).toBe("unchanged");
    expect(snapshot()).toBe(before);
    expect(edits(r).map((e) => [e.address, e.content, e.dataset])).toEqual([
      ["'IoMT Device types'!C4", "=122211*1.02", 122211],
      ["'IoMT Device types'!C5", 5000, ""],
    ]);
    expect(describeRefresh(r).join("\n")).toMatch(
      /every difference from the dataset is an edit of yours[\s\S]*Kept 2 edit\(s\) of yours/,
    );
    // and they stay kept at the next refresh
    expect(edits(await refresh())).toHaveLength(2);
    expect(snapshot()).toBe(before);
  });

  test("edits are overwritten only on request: one cell from the list, or all for one refresh", async () => {
    await insert({ sections: ["deviceTypes"] });
    const s = wb.sheet("IoMT Device types");
    s.setCell("C5", 5000);
    s.setCell("C4", "=122211*1.02");
    const one = await refresh({ overwrite: new Set([cellId("IoMT_DeviceTypes", "Wearable devices", "2029")]) });
    expect(one.status).toBe("updated");
    expect(s.cell("C4").value).toBe(122211);
    expect(s.cell("C5").value).toBe(5000);
    expect(changes(one)).toEqual([
      { address: "'IoMT Device types'!C4", before: "=122211*1.02", after: 122211, what: "overwrote an edit" },
    ]);
    await refresh({ overwrite: "all" });
    expect(s.cell("C5").value).toBe("");
    const after = snapshot();
    expect((await refresh()).status).toBe("unchanged");
    expect(snapshot()).toBe(after);
  });

  test("a new edition updates the cells the analyst did not touch and keeps the ones they did", async () => {
    await insert({ sections: ["regions"] }, PREVIOUS);
    const s = wb.sheet("IoMT Regions");
    s.setCell("B5", 30000); // the analyst's own USA 2024
    const r = await refresh();
    expect(r.status).toBe("updated");
    expect(s.cell("C4").value).toBe(79107);
    expect(s.cell("B5").value).toBe(30000);
    expect(changes(r).map((c) => [c.address, c.before, c.after, c.what])).toEqual([
      ["'IoMT Regions'!C4", 70000, 79107, "updated"],
    ]);
    expect(edits(r).map((e) => e.address)).toEqual(["'IoMT Regions'!B5"]);
    expect(await readStamp()).toEqual({ version: DATASET.info.version, edition: DATASET.info.edition });
  });

  test("an edit is still known after the rows are sorted, the sheet renamed and a column inserted", async () => {
    await insert({ sections: ["regions"] }, PREVIOUS);
    const s = wb.sheet("IoMT Regions");
    s.setCell("B5", 30000);
    // the analyst sorts USA above North America, renames the sheet and inserts a column in the table
    const rows = s.values("A4:P5");
    s.setCells(
      "A4",
      [rows[1], rows[0]].map((r) =>
        r.map((v, j) =>
          j === 5 || j === 6 || j === 9 || j === 10
            ? s.cell(`${"ABCDEFGHIJKLMNOP"[j]}${rows[0] === r ? 4 : 5}`).formula
            : typeof v === "string"
              ? `'${v}`
              : v,
        ),
      ),
    );
    wb.renameSheet("IoMT Regions", "My regions");
    wb.insertColumns("My regions", "C");
    const m = wb.sheet("My regions");
    expect(m.cell("A4").value).toBe("USA");
    expect(m.cell("B4").value).toBe(30000);
    const r = await refresh();
    expect(edits(r).map((e) => e.address)).toEqual(["'My regions'!B4"]);
    expect(changes(r).map((c) => c.address)).toEqual(["'My regions'!D5"]);
    expect(m.cell("D5").value).toBe(79107);
    expect(m.cell("B4").value).toBe(30000);
  });

  test("a workbook without a record (inserted before it existed) keeps every difference until the analyst overwrites", async () => {
    await insert({ sections: ["regions"] }, PREVIOUS);
    wb.deleteSheet(RECORD_SHEET);
    const r = await refresh();
    expect(wb.sheet("IoMT Regions").cell("C4").value).toBe(70000);
    expect(edits(r).map((e) => e.address)).toEqual(["'IoMT Regions'!C4"]);
    expect(describeRefresh(r).join("\n")).toMatch(/no record of what the add-in wrote/);
    // the refresh recorded the cells that match the dataset, on a new very hidden sheet
    expect(wb.sheet(RECORD_SHEET).visibility).toBe("VeryHidden");
    await refresh({ overwrite: "all" });
    expect(wb.sheet("IoMT Regions").cell("C4").value).toBe(79107);
    const after = snapshot();
    expect((await refresh()).status).toBe("unchanged");
    expect(snapshot()).toBe(after);
  });
});

describe("the change log", () => {
  test("Write to sheet appends exactly the refresh's changes to IoMT_RefreshLog, which refresh never treats as data", async () => {
    await insert({ sections: ["regions", "about"] }, PREVIOUS);
    wb.sheet("IoMT Regions").setCell("B5", 30000);
    const r = await refresh();
    const rows = logRows(r, "2026-11-24 09:00:00");
    const expected = changes(r).length + edits(r).length;
    expect(rows).toHaveLength(expected);
    expect(rows.find((l) => l[4] === "'IoMT Regions'!C4")).toEqual([
      "2026-11-24 09:00:00",
      "0.9.0 (2025-06-01)",
      "1.0.0 (2026-01-06)",
      "IoMT_Regions",
      "'IoMT Regions'!C4",
      "70000",
      "79107",
      "updated",
    ]);
    expect(rows.find((l) => l[4] === "'IoMT Regions'!B5")![7]).toBe("kept your edit");
    const first = await appendRefreshLog(rows);
    expect(first.rows).toBe(expected);
    const log = wb.table("IoMT_RefreshLog")!;
    expect(log.headers).toEqual([
      "Date",
      "Edition from",
      "Edition to",
      "Table",
      "Cell",
      "Before",
      "After",
      "What happened",
    ]);
    expect(log.rows).toHaveLength(expected);
    // a logged formula stays text
    wb.sheet("IoMT Regions").setCell("B4", "=1+1");
    const second = await refresh();
    await appendRefreshLog(logRows(second, "2026-11-24 09:05:00"));
    expect(wb.table("IoMT_RefreshLog")!.rows).toHaveLength(expected + logRows(second, "x").length);
    expect(wb.table("IoMT_RefreshLog")!.rows.some((row) => row[5] === "=1+1")).toBe(true);
    // the log table is no IoMT dataset table: the next refresh does not touch or mention it
    const third = await refresh();
    expect(third.plan.actions.map((a) => a.tableName)).not.toContain("IoMT_RefreshLog");
  });

  test("a refresh with nothing to change writes nothing, log included, unless asked", async () => {
    await insert({ sections: ["regions"] });
    const before = snapshot();
    const r = await refresh();
    expect(r.status).toBe("unchanged");
    expect(snapshot()).toBe(before);
    expect(wb.table("IoMT_RefreshLog")).toBeUndefined();
    await appendRefreshLog(logRows(r, "2026-11-24 09:00:00"));
    expect(wb.table("IoMT_RefreshLog")!.rows.map((row) => row[7])).toEqual(["nothing to change"]);
  });
});

describe("refresh scope", () => {
  test("the table at the selection is refreshed alone; the stamp waits for a refresh of all", async () => {
    await insert({ sections: ["regions", "about"] }, PREVIOUS);
    await select("IoMT Regions", "B4");
    const one = await refresh({ scope: "selection" });
    expect(one.plan.actions.map((a) => a.tableName)).toEqual(["IoMT_Regions"]);
    expect(wb.sheet("IoMT Regions").cell("C4").value).toBe(79107);
    expect(wb.table("IoMT_About")!.rows.find((r) => r[0] === "Dataset version")![1]).toBe("0.9.0");
    expect(await readStamp()).toEqual({ version: "0.9.0", edition: "2025-06-01" });
    const all = await refresh({ scope: "all" });
    expect(all.plan.actions.map((a) => a.tableName)).toEqual(["IoMT_Regions", "IoMT_About"]);
    expect(wb.table("IoMT_About")!.rows.find((r) => r[0] === "Dataset version")![1]).toBe("1.0.0");
    expect(await readStamp()).toEqual({ version: "1.0.0", edition: "2026-01-06" });
  });

  test("a selection outside every IoMT table changes nothing and says so", async () => {
    await insert({ sections: ["regions"] }, PREVIOUS);
    await select("Sheet1", "D9");
    const before = snapshot();
    const r = await refresh({ scope: "selection" });
    expect(r.status).toBe("not-in-table");
    expect(snapshot()).toBe(before);
    expect(describeRefresh(r)[0]).toMatch(/selection \(Sheet1!D9\) is not in an IoMT table/);
  });
});

describe("the record", () => {
  test("is small: about ten characters per dataset cell (npm run bench measures it for a dataset 1,000 times larger)", async () => {
    await insert();
    const size = (w: FakeWorkbook) =>
      [...w.sheet(RECORD_SHEET).cells.values()].reduce((n, c) => n + String(c.value).length, 0);
    const bundled = size(wb);
    const cells = wb
      .tableNames()
      .reduce((n, name) => n + wb.table(name)!.rows.length * wb.table(name)!.headers.length, 0);
    expect(bundled / cells).toBeLessThan(12);
    expect(bundled).toBeLessThan(8 * 1024);
    // nothing outside the record sheet's nine columns but the add-in's mark
    const outside = [...wb.sheet(RECORD_SHEET).cells.keys()].filter((k) => Number(k.split(",")[1]) >= 9);
    expect(outside).toEqual([`0,${MARK_COLUMN}`]);
    expect(wb.sheet(RECORD_SHEET).cell(MARK_CELL).value).toBe(ownSheetMark("record"));
  });
});

test("a refresh that only brings the record up to date says so, and the next one writes nothing", async () => {
  await insert({ sections: ["regions"] });
  wb.deleteSheet(RECORD_SHEET);
  const first = await refresh();
  expect(first.status).toBe("unchanged");
  expect(first.recorded).toBe(true);
  expect(describeRefresh(first)[0]).toMatch(
    /only the workbook's record of what the add-in wrote was brought up to date/,
  );
  const before = snapshot();
  const second = await refresh();
  expect(second.recorded ?? false).toBe(false);
  expect(describeRefresh(second)[0]).toBe("Everything is up to date: nothing was written.");
  expect(snapshot()).toBe(before);
});
