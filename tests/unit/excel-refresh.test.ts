/**
 * Refresh against the strict Excel stand-in (tests/support/fake-excel.ts): an analyst's workbook, as real Excel
 * would hold it and give it back (text without its apostrophe, entities reshaped, no rollback when a request
 * fails part-way). Each of the promises in the README's "Refresh" section has a scenario here.
 */
import { useFakeExcel } from "../support/fake-excel";
import { CHECKS, DATASET } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { buildIndex, type DatasetIndex } from "../../src/core/functions";
import { DEFAULT_OPTIONS, sourceLine, type PlanOptions } from "../../src/core/plan";
import { changes, describeRefresh, logRows, notWritten, showCell, STAMP_KEYS } from "../../src/core/refresh";
import { insertTables, readStamp, refreshTables, type RefreshOptions } from "../../src/excel/workbook";
import { OLD_CARDS } from "../support/old-cards";
import { columnLetters, OWN_SHEETS } from "../../src/core/excel";
import { fingerprint, recordColumn } from "../../src/core/refresh";
import { nameKey } from "../../src/data/keys";

const fake = useFakeExcel(["Sheet1"]);

/** An older edition: without the USA and the last growth driver, stamped 0.9.0 of 2025-06-01. */
const OLDER: DatasetIndex = buildIndex({
  ...DATASET,
  info: { ...DATASET.info, version: "0.9.0", edition: "2025-06-01" },
  segments: DATASET.segments.filter((s) => s.name !== "USA"),
  drivers: DATASET.drivers.slice(0, -1),
});

/** Another edition of the dataset: `edition` and `version`, with North America's 2029 value set to `na2029`. */
function edition(version: string, date: string, na2029: number): DatasetIndex {
  return buildIndex({
    ...DATASET,
    info: { ...DATASET.info, version, edition: date },
    figures: DATASET.figures.map((f) =>
      f.measure === "value" && f.subject === "North America" && f.year === 2029 ? { ...f, value: na2029 } : f,
    ),
  });
}
const NEWER = edition("2.0.0", "2027-01-05", 80000);
const PREVIOUS = edition("0.9.0", "2025-06-01", 70000);

const insert = (o: Partial<PlanOptions> = {}, index = INDEX) =>
  insertTables(index, CHECKS, { ...DEFAULT_OPTIONS, ...o });
const refresh = (o: RefreshOptions = {}, budget?: number) => refreshTables(INDEX, CHECKS, o, budget);

/** Every cell of every sheet (content, format, data type), the tables and the document properties. */
function snapshot(): string {
  return JSON.stringify([
    fake.wb.sheets.map((s) => [s.name, [...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b))]),
    fake.wb.tableNames().map((n) => fake.wb.table(n)),
    [...fake.wb.customProps.values()],
  ]);
}

/** Whether the stand-in's cell at a sheet-qualified address holds `content` (a formula by its text). */
function holds(address: string, content: unknown): boolean {
  const bang = address.lastIndexOf("!");
  const sheet = address.slice(0, bang).replace(/^'|'$/g, "").split("''").join("'");
  const cell = fake.wb.sheet(sheet).cell(address.slice(bang + 1));
  return typeof content === "string" && content.startsWith("=") ? cell.formula === content : cell.value === content;
}

const column = (name: string, header: string) => {
  const t = fake.wb.table(name)!;
  const j = t.headers.indexOf(header);
  return t.rows.map((r) => r[j]);
};

/** Grows a table by `rows` empty rows, as an analyst dragging its corner would. */
async function growTable(name: string, rows: number): Promise<void> {
  const t = fake.wb.table(name)!;
  const [, c1, r1] = /^[A-Z]+\d+:([A-Z]+)(\d+)$/.exec(t.address)!;
  await Excel.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem(t.sheet);
    ctx.workbook.tables.getItem(name).resize(sheet.getRange(`${t.address.split(":")[0]}:${c1}${Number(r1) + rows}`));
    await ctx.sync();
  });
}

describe("refresh with nothing to change", () => {
  test("writes nothing: one read (the workbook's lists, the tables' shapes and their cells read ahead), no write", async () => {
    await insert();
    const before = snapshot();
    fake.excel.resetCounters();
    const r = await refresh();
    expect(r.status).toBe("unchanged");
    expect(r.plan.actions.every((a) => a.kind === "unchanged")).toBe(true);
    expect(r.syncs).toBe(1);
    expect(fake.excel.syncCount).toBe(1);
    expect(snapshot()).toBe(before);
    expect(describeRefresh(r)[0]).toBe("Everything is up to date: nothing was written.");
  });

  test("a table whose header is in the sheet's first rows is read without reading ahead (no lines above it)", async () => {
    await insert({ sections: ["regions"] });
    const sheet = fake.wb.sheet("IoMT Regions");
    const t = fake.wb.table("IoMT_Regions")!;
    // the same table, moved by the analyst to the top of its sheet: no title or source line above it
    const cells = [3, 4, 5].map((row) =>
      t.headers.map((_, j) => sheet.cell(`${String.fromCharCode(65 + j)}${row}`).formula),
    );
    fake.wb.deleteTable("IoMT_Regions");
    sheet.setCells("A1", [
      ["", ""],
      ["", ""],
    ]);
    sheet.setCells("A1", cells);
    fake.wb.addTable("IoMT Regions", `A1:${String.fromCharCode(64 + t.headers.length)}3`, "IoMT_Regions");
    const before = snapshot();
    fake.excel.resetCounters();
    const r = await refresh();
    expect(r.status).toBe("unchanged");
    expect(snapshot()).toBe(before);
    // the request that read ahead, refused (the lines above row 1 lie outside the sheet), then the shapes, then the cells
    expect(r.syncs).toBe(3);
  });

  test("keeps the formula style the workbook was inserted with, whatever the pane's choice now", async () => {
    await insert({ formulas: "iomt" });
    const formulas = () =>
      fake.wb.sheets.flatMap((s) => [...s.cells.values()].map((c) => c.formula).filter((f) => /IOMT\./.test(f)));
    const iomt = formulas();
    expect(iomt.length).toBeGreaterThan(40);
    const before = snapshot();
    for (const formulasChoice of ["native", "iomt", undefined] as const) {
      const r = await refresh({ formulas: formulasChoice });
      expect(r.status).toBe("unchanged");
    }
    expect(snapshot()).toBe(before);
    expect(formulas()).toEqual(iomt);
  });

  test("compares data types by meaning, as Excel on the web and Windows give them back", async () => {
    for (const readback of ["web", "windows", "exact"] as const) {
      fake.replace();
      fake.wb.entityReadback = readback;
      await insert({ sections: ["regions", "deviceTypes"], dataTypes: true });
      const before = snapshot();
      const r = await refresh({ canUseDataTypes: true });
      expect([readback, r.status]).toEqual([readback, "unchanged"]);
      expect(snapshot()).toBe(before);
    }
  });

  /**
   * The record of a table as the version before compact cards wrote it: the head without a summary ("v2") and the
   * key cell's fingerprint that of the segment's name, not of its card.
   */
  const asPreviousVersionRecorded = (tableName: string) => {
    const record = fake.wb.sheet(OWN_SHEETS.record.base);
    const column = columnLetters(recordColumn(tableName));
    const head = String(record.cell(`${column}1`).value);
    expect(head).toMatch(new RegExp(`^${tableName}\\|\\d+\\|v3\\|`));
    const rows = Number(head.split("|")[1]);
    record.setCell(`${column}1`, `'${tableName}|${rows}|v2`);
    for (let r = 3; r < 3 + rows; r++) {
      const line = String(record.cell(`${column}${r}`).value);
      const bar = line.indexOf("|");
      const segment = DATASET.segments.find((s) => nameKey(s.name) === line.slice(0, bar))!;
      expect([line, segment]).toEqual([line, expect.anything()]);
      record.setCell(
        `${column}${r}`,
        `'${line.slice(0, bar + 1)}${fingerprint(segment.name, tableName)}${line.slice(bar + 9)}`,
      );
    }
  };

  test("an old-format card (before cards were made compact) is the add-in's: refresh rewrites it to today's card", async () => {
    for (const readback of ["web", "windows"] as const) {
      fake.replace();
      fake.wb.entityReadback = readback;
      await insert({ sections: ["regions", "endUsers"], dataTypes: true });
      /** The sheet and address of a segment's key cell. */
      const keyCell = (tableName: string, segment: string) => {
        const t = fake.wb.table(tableName)!;
        const [, col, row] = /^([A-Z]+)(\d+):/.exec(t.address)!;
        const sheet = fake.wb.sheet(t.sheet);
        const at = t.rows.map((_, k) => `${col}${Number(row) + 1 + k}`).find((a) => sheet.text(a) === segment);
        expect([segment, at]).toEqual([segment, expect.any(String)]);
        return { sheet, address: at! };
      };
      const usa = keyCell("IoMT_Regions", "USA");
      const patients = keyCell("IoMT_EndUsers", "Patients");
      const today = { USA: usa.sheet.cellJson(usa.address), Patients: patients.sheet.cellJson(patients.address) };
      // a workbook saved with the cards of before: the drivers as an array, #N/A with its basicValue, longer sources
      usa.sheet.setCellJson(usa.address, OLD_CARDS.USA);
      patients.sheet.setCellJson(patients.address, OLD_CARDS.Patients);
      // and with the record the version before wrote: a v2 head, each key cell's fingerprint that of its text
      asPreviousVersionRecorded("IoMT_Regions");
      asPreviousVersionRecorded("IoMT_EndUsers");
      expect(usa.sheet.cellJson(usa.address)).not.toEqual(today.USA);
      const r = await refresh({ canUseDataTypes: true });
      expect([readback, r.status]).toEqual([readback, "updated"]);
      // rewritten as today's cards, not kept as the analyst's own values
      expect(usa.sheet.cellJson(usa.address)).toEqual(today.USA);
      expect(patients.sheet.cellJson(patients.address)).toEqual(today.Patients);
      expect(r.plan.actions.flatMap((a) => ("edits" in a ? a.edits : []))).toEqual([]);
      expect(r.plan.actions.reduce((n, a) => n + ("entitiesUpdated" in a ? a.entitiesUpdated : 0), 0)).toBe(2);
      expect((await refresh({ canUseDataTypes: true })).status).toBe("unchanged");
    }
  });

  test("on an Excel without data types (before ExcelApi 1.16), refresh told so reads and writes no valuesAsJson", async () => {
    fake.wb.supportsDataTypes = false;
    await insert({}, OLDER);
    const r = await refresh({ canUseDataTypes: false });
    expect(r.status).toBe("updated");
    expect(column("IoMT_Regions", "Segment")).toEqual(["North America", "USA"]);
    expect((await refresh({ canUseDataTypes: false })).status).toBe("unchanged");
  });

  test("numbers compare at Excel's 15 significant digits", async () => {
    await insert({ sections: ["overview"] });
    // Global 2024 is derived (240,000 / 1.25^5); Excel keeps 15 digits of it
    const before = snapshot();
    expect((await refresh()).status).toBe("unchanged");
    expect(snapshot()).toBe(before);
  });
});

describe("refresh keeps the analyst's work", () => {
  test("the analyst's cells, formulas and sheets are found wherever they went; a new edition updates what the add-in wrote", async () => {
    await insert({}, PREVIOUS);
    const user = fake.wb.sheet("Sheet1");
    user.setCell("A1", "=SUM(IoMT_Regions[2029])");
    user.setCell("A2", 42);
    fake.wb.sheet("IoMT Regions").setCell("R4", "next to the table");
    fake.wb.sheet("IoMT Regions").setCell("A7", "below the table");
    fake.wb.renameSheet("IoMT Regions", "My regions");
    fake.wb.moveSheet("My regions", 0);
    const userCells = JSON.stringify([...user.cells.entries()]);
    const r = await refresh();
    expect(r.status).toBe("updated");
    const regions = r.plan.actions.find((a) => a.tableName === "IoMT_Regions")!;
    expect(regions).toMatchObject({
      kind: "update",
      cellsChanged: 1,
      rowsAdded: 0,
      sheetName: "My regions",
      edits: [],
    });
    if (regions.kind === "update")
      expect(regions.changes).toEqual([{ address: "'My regions'!C4", before: 70000, after: 79107, what: "updated" }]);
    expect(fake.wb.sheet("My regions").cell("C4").value).toBe(79107);
    expect(user.cell("A1").value).toBe(79107 + 71006);
    expect(JSON.stringify([...user.cells.entries()])).toBe(userCells);
    expect(fake.wb.sheet("My regions").cell("R4").value).toBe("next to the table");
    expect(fake.wb.sheet("My regions").cell("A7").value).toBe("below the table");
    const before = snapshot();
    expect((await refresh()).status).toBe("unchanged");
    expect(snapshot()).toBe(before);
  });

  test("a table that grows keeps every existing cell's number format; new rows get the dataset's (#1)", async () => {
    await insert({ sections: ["regions", "drivers", "about"] }, OLDER);
    const regions = fake.wb.sheet("IoMT Regions");
    regions.cells.set("3,2", { ...regions.cells.get("3,2")!, numberFormat: "0.00" }); // the analyst's own format on C4
    const r = await refresh();
    expect(r.status).toBe("updated");
    expect(r.plan.actions.find((a) => a.tableName === "IoMT_Regions")).toMatchObject({ kind: "update", rowsAdded: 1 });
    expect(column("IoMT_Regions", "Segment")).toEqual(["North America", "USA"]);
    expect(["B4", "C4", "E4", "F4"].map((a) => regions.cell(a).numberFormat)).toEqual([
      "#,##0.0",
      "0.00",
      "0%",
      "0.00%",
    ]);
    expect(["B5", "C5", "E5", "F5"].map((a) => regions.cell(a).numberFormat)).toEqual([
      "#,##0.0",
      "#,##0.0",
      "0%",
      "0.00%",
    ]);
    expect(regions.cell("C5").value).toBe(71006);
    expect(fake.wb.sheet("IoMT Drivers").cell("B4").numberFormat).toBe("0.0%");
    expect(fake.wb.sheet("IoMT Drivers").cell("B7").numberFormat).toBe("0.0%");
    expect(column("IoMT_Drivers", "Contribution to annual growth")).toEqual([0.015, 0.012, 0.007, 0.005]);
    // the About table's edition cell keeps its text format, so "2026-01-06" stays text, never a date
    const about = fake.wb.table("IoMT_About")!;
    const i = about.rows.findIndex((row) => row[0] === "Dataset edition");
    expect(about.rows[i][1]).toBe(DATASET.info.edition);
    expect(fake.wb.sheet("IoMT About").cell(`B${4 + i}`).numberFormat).toBe("@");
  });

  test("a cell given back to the dataset is typed in as its own number format says, read only for the cells written", async () => {
    await insert({ sections: ["regions"] });
    const regions = fake.wb.sheet("IoMT Regions");
    // the analyst's edits in the Dimension column: D4 in a Text cell, D5 in a General one
    regions.setCells("D4", [["my dimension"]]);
    regions.cells.set("3,3", { ...regions.cells.get("3,3")!, numberFormat: "@" });
    regions.setCells("D5", [["another"]]);
    const r = await refresh({ overwrite: "all" });
    expect(r.status).toBe("updated");
    const written = r.plan.actions
      .flatMap((a) => (a.kind === "update" ? a.ops : []))
      .flatMap((op) => (op.kind === "cells" && op.formulas ? op.formulas.flat() : []))
      .filter((v) => v !== null);
    // text goes into a Text cell as it is, into a General cell with an apostrophe (so Excel keeps it text)
    expect(written).toEqual(["region", "'country"]);
    expect([regions.cell("D4").value, regions.cell("D5").value]).toEqual(["region", "country"]);
    expect(regions.cell("D4").numberFormat).toBe("@");
  });

  test("a refresh that writes only numbers and formulas reads no number format: one read, one write", async () => {
    await insert({ sections: ["regions"] }, PREVIOUS);
    fake.excel.resetCounters();
    const r = await refresh();
    expect(r.status).toBe("updated");
    expect(changes(r).map((c) => c.after)).toContain(79107);
    expect(changes(r).every((c) => typeof c.after === "number" || String(c.after).startsWith("="))).toBe(true);
    expect(fake.excel.syncCount).toBe(2);
    expect(column("IoMT_Regions", "2029")).toEqual([79107, 71006]);
  });

  test("rows not in the dataset are never written, whatever they hold, and are reported (#2, #4)", async () => {
    await insert({ sections: ["regions"] }, OLDER);
    await growTable("IoMT_Regions", 1);
    const s = fake.wb.sheet("IoMT Regions");
    // the analyst's row under North America, typed with apostrophes, and a data type in it
    s.setCells("A5", [["My row", "'007", "'TRUE", "'-12", "'=see memo"]]);
    s.setCellJson("G5", { type: "Entity", text: "memo", properties: { Note: { type: "String", basicValue: "mine" } } });
    const mine = () => ["A5", "B5", "C5", "D5", "E5", "G5"].map((a) => [s.cell(a), s.cellJson(a)]);
    const before = JSON.stringify(mine());
    expect(s.cell("B5").value).toBe("007");
    const r = await refresh();
    expect(r.status).toBe("updated");
    expect(JSON.stringify(mine())).toBe(before);
    expect(s.cell("B5").value).toBe("007");
    expect(s.cell("C5").value).toBe("TRUE");
    expect(s.cell("D5").value).toBe("-12");
    expect(s.cell("E5").value).toBe("=see memo");
    expect(column("IoMT_Regions", "Segment")).toEqual(["North America", "My row", "USA"]);
    const lines = describeRefresh(r).join("\n");
    expect(lines).toMatch(/IoMT_Regions: .*1 row\(s\) added.*Kept 1 row\(s\) not in the dataset: My row/);
    // the next refresh has nothing to change, and still reports the kept row
    const again = await refresh();
    expect(again.status).toBe("unchanged");
    expect(describeRefresh(again).join("\n")).toMatch(
      /IoMT_Regions: up to date\. Kept 1 row\(s\) not in the dataset: My row/,
    );
  });

  test("a segment a newer edition dropped is kept and reported", async () => {
    const withEurope = buildIndex({
      ...DATASET,
      segments: [
        ...DATASET.segments,
        { ...DATASET.segments.find((x) => x.name === "USA")!, name: "Europe", aliases: [] },
      ],
    });
    await insert({ sections: ["regions"] }, withEurope);
    const r = await refresh();
    expect(column("IoMT_Regions", "Segment")).toContain("Europe");
    expect(describeRefresh(r).join("\n")).toMatch(/Kept 1 row\(s\) not in the dataset: Europe/);
  });
});

describe("refresh and the workbook's record", () => {
  test("only sections the workbook has held are reported missing and recreated (#5)", async () => {
    await insert({ sections: ["regions"] });
    const r = await refresh({ recreateMissing: true });
    expect(r.status).toBe("unchanged");
    expect(r.plan.actions.map((a) => a.tableName)).toEqual(["IoMT_Regions"]);
    expect(fake.wb.sheetNames()).toEqual(["Sheet1", "IoMT Regions", "IoMT record"]);
    expect(describeRefresh(r).join("\n")).not.toMatch(/deleted or renamed/);

    fake.wb.deleteTable("IoMT_Regions");
    const missing = await refresh();
    expect(missing.plan.actions).toEqual([{ kind: "missing", tableName: "IoMT_Regions" }]);
    expect(describeRefresh(missing).join("\n")).toMatch(/IoMT_Regions: not in the workbook/);
    const again = await refresh({ recreateMissing: true });
    expect(again.recreated).toEqual(["IoMT_Regions"]);
    expect(fake.wb.table("IoMT_Regions")!.sheet).toBe("IoMT Regions (2)");
    expect(fake.wb.sheetNames()).toHaveLength(4);
    expect(column("IoMT_Regions", "2029")).toEqual([79107, 71006]);
  });

  test("a recreated table keeps the formula style it was inserted with", async () => {
    await insert({ sections: ["regions"], formulas: "iomt" });
    fake.wb.deleteTable("IoMT_Regions");
    await refresh({ recreateMissing: true, formulas: "native" });
    expect(fake.wb.sheet("IoMT Regions (2)").cell("F4").formula).toContain("IOMT.CAGR(");
  });

  test("a workbook stamped by a newer edition is not downgraded; the analyst may replace it explicitly (#6)", async () => {
    // inserted by a newer add-in, whose edition has North America 2029 at 80,000
    await insert({ sections: ["regions", "about"] }, NEWER);
    expect(fake.wb.customProperty(STAMP_KEYS.edition)).toBe("2027-01-05");
    const before = snapshot();
    const r = await refresh();
    expect(r.status).toBe("newer-edition");
    expect(snapshot()).toBe(before);
    expect(describeRefresh(r).join("\n")).toMatch(
      /newer than this add-in's 1\.0\.0[\s\S]*Replace with the bundled edition/,
    );
    const replaced = await refresh({ replaceNewer: true });
    expect(replaced.status).toBe("updated");
    expect(fake.wb.sheet("IoMT Regions").cell("C4").value).toBe(79107);
    expect(await readStamp()).toEqual({ version: DATASET.info.version, edition: DATASET.info.edition });
  });

  test.each([
    ["an edition that is no date", "1.0.0", "zzzz"],
    ["a date past the bundled one in another form", "1.0.0", "2099/01/01"],
    ["a version of 400 digits", "9".repeat(400), "2099-01-01"],
    ["a version that is no version", "1.0.0; drop", "2099-01-01"],
  ])(
    "a stamp that is not of the add-in's form (%s) is no stamp: refresh is neither refused nor misled",
    async (_what, version, edition) => {
      await insert({ sections: ["regions"] }, OLDER);
      fake.wb.setCustomProperty(STAMP_KEYS.version, version);
      fake.wb.setCustomProperty(STAMP_KEYS.edition, edition);
      expect(await readStamp()).toBeUndefined();
      const r = await refresh();
      expect(r.status).toBe("updated");
      expect(await readStamp()).toEqual({ version: DATASET.info.version, edition: DATASET.info.edition });
    },
  );

  test("an older workbook is updated, its source lines and stamp too (#7)", async () => {
    await insert({ sections: ["regions", "about"] }, OLDER);
    expect(fake.wb.sheet("IoMT Regions").cell("A2").value).toBe(sourceLine(OLDER.dataset));
    fake.wb.sheet("IoMT About").setCell("A1", "My own title"); // the analyst's: left alone
    const r = await refresh();
    expect(r.status).toBe("updated");
    expect(fake.wb.sheet("IoMT Regions").cell("A2").value).toBe(sourceLine(DATASET));
    expect(fake.wb.sheet("IoMT About").cell("A2").value).toBe(sourceLine(DATASET));
    expect(fake.wb.sheet("IoMT About").cell("A1").value).toBe("My own title");
    expect(await readStamp()).toEqual({ version: DATASET.info.version, edition: DATASET.info.edition });
    expect(describeRefresh(r).join("\n")).toMatch(/source line updated[\s\S]*Workbook stamped with dataset 1\.0\.0/);
  });
});

describe("refresh that cannot or may not write", () => {
  test("a protected sheet stops refresh before it changes anything, and says which", async () => {
    await insert();
    fake.wb.sheet("IoMT Regions").setCell("C4", 1);
    fake.wb.sheet("IoMT Drivers").setCell("B4", 0.5);
    fake.wb.protect("IoMT Drivers");
    const before = snapshot();
    const r = await refresh();
    expect(r.status).toBe("blocked");
    expect(r.plan.actions.find((a) => a.tableName === "IoMT_Drivers")).toMatchObject({
      kind: "blocked",
      reason: expect.stringContaining("'IoMT Drivers' is protected"),
    });
    expect(snapshot()).toBe(before);
  });

  test("a table that must grow into cells holding data blocks refresh; once they are moved it grows", async () => {
    await insert({ sections: ["regions"] }, OLDER);
    fake.wb.sheet("IoMT Regions").setCell("B5", "analyst's note");
    const before = snapshot();
    const blocked = await refresh();
    expect(blocked.status).toBe("blocked");
    expect(blocked.plan.actions[0]).toMatchObject({ kind: "blocked", reason: expect.stringContaining("B5") });
    expect(snapshot()).toBe(before);
    fake.wb.sheet("IoMT Regions").setCell("B5", "");
    fake.wb.sheet("IoMT Regions").setCell("B9", "analyst's note");
    const grown = await refresh();
    expect(grown.plan.actions[0]).toMatchObject({ kind: "update", rowsAdded: 1 });
    expect(fake.wb.table("IoMT_Regions")!.address).toBe("A3:P5");
    expect(fake.wb.sheet("IoMT Regions").cell("F5").formula).toMatch(/RRI/);
    expect(fake.wb.sheet("IoMT Regions").cell("B9").value).toBe("analyst's note");
  });

  test("a table with a Total Row that must grow stops refresh and names it; the totals survive (#8)", async () => {
    await insert({ sections: ["regions"] }, OLDER);
    fake.wb.setTotals("IoMT_Regions", true);
    const totals = JSON.stringify(fake.wb.sheet("IoMT Regions").values("A5:P5"));
    const before = snapshot();
    const r = await refresh();
    expect(r.status).toBe("blocked");
    expect(describeRefresh(r).join("\n")).toMatch(/IoMT_Regions needs 1 more row\(s\) above its Total Row/);
    expect(snapshot()).toBe(before);
    expect(JSON.stringify(fake.wb.sheet("IoMT Regions").values("A5:P5"))).toBe(totals);
    // with nothing to add, a table with a Total Row refreshes and keeps its totals
    fake.replace();
    await insert({ sections: ["regions"] }, PREVIOUS);
    fake.wb.setTotals("IoMT_Regions", true);
    const kept = JSON.stringify(fake.wb.sheet("IoMT Regions").cell("P6"));
    expect((await refresh()).status).toBe("updated");
    expect(fake.wb.sheet("IoMT Regions").cell("C4").value).toBe(79107);
    expect(JSON.stringify(fake.wb.sheet("IoMT Regions").cell("P6"))).toBe(kept);
  });

  test("a filtered table that must grow stops refresh; hidden rows are still refreshed", async () => {
    await insert({ sections: ["regions"] }, OLDER);
    fake.wb.filterTable("IoMT_Regions", "Segment", ["nothing"]);
    const before = snapshot();
    const r = await refresh();
    expect(r.status).toBe("blocked");
    expect(describeRefresh(r).join("\n")).toMatch(/filter/);
    expect(snapshot()).toBe(before);
  });

  test("an Excel without table resizing says so instead of failing", async () => {
    await insert({ sections: ["regions"] }, OLDER);
    const before = snapshot();
    const r = await refresh({ canResize: false });
    expect(r.status).toBe("blocked");
    expect(r.plan.actions[0]).toMatchObject({ kind: "blocked", reason: expect.stringContaining("ExcelApi 1.13") });
    expect(snapshot()).toBe(before);
  });
});

describe("refresh that Excel refuses part-way", () => {
  test("a co-author protects a sheet between the read and the write: the report says what was done, the next refresh finishes", async () => {
    await insert({}, OLDER);
    const reads = 4; // list, shapes, cells, below (tables grow)
    fake.wb.onSync = (n) => {
      if (n === reads + 1) fake.wb.protect("IoMT Drivers");
    };
    fake.excel.resetCounters();
    const r = await refresh({}, 16 * 1024);
    expect(r.status).toBe("failed");
    const f = r.failure!;
    expect(f.message).toMatch(/protected/);
    expect(f.partial).toContain("IoMT_Drivers");
    // the nine tables, and the record of what the add-in wrote, which goes after them
    expect([...f.completed, ...f.partial, ...f.untouched].sort()).toEqual(
      [...fake.wb.tableNames(), "IoMT record"].sort(),
    );
    expect(f.completed).not.toContain("IoMT record");
    expect(describeRefresh(r).join("\n")).toMatch(/completed: .*Partly written: .*IoMT_Drivers.*Not touched: /);
    expect(describeRefresh(r)[0]).toMatch(/protected.*Unprotect it .*then refresh again\.$/);
    // the stamp is written last, so the workbook still says it holds the older edition
    expect(await readStamp()).toEqual({ version: "0.9.0", edition: "2025-06-01" });
    fake.wb.onSync = undefined;
    fake.wb.unprotect("IoMT Drivers");
    const again = await refresh();
    expect(again.status).toBe("updated");
    expect(await readStamp()).toEqual({ version: DATASET.info.version, edition: DATASET.info.edition });
    const done = snapshot();
    expect((await refresh()).status).toBe("unchanged");
    expect(snapshot()).toBe(done);
    // the same workbook refreshed in one go from the older edition
    const stepwise = fake.wb;
    const reference = fake.replace();
    await insert({}, OLDER);
    await refresh();
    expect(reference.tableNames().map((n) => reference.table(n))).toEqual(
      stepwise.tableNames().map((n) => stepwise.table(n)),
    );
  });

  test("the user editing a cell in the middle of a request: earlier writes stay, the next refresh finishes", async () => {
    await insert({}, OLDER);
    fake.wb.failAfterWrites(3);
    const r = await refresh();
    expect(r.status).toBe("failed");
    expect(r.failure!.code).toBe("InvalidOperationInCellEditMode");
    // everything went in one request, which Excel refused after three writes: no cell is reported as changed
    expect(changes(r)).toEqual([]);
    expect(notWritten(r).length).toBeGreaterThan(0);
    expect(notWritten(r).filter((c) => !holds(c.address, c.after)).length).toBeGreaterThan(0);
    expect(await readStamp()).toEqual({ version: "0.9.0", edition: "2025-06-01" });
    const again = await refresh();
    expect(again.status).toBe("updated");
    expect((await refresh()).status).toBe("unchanged");
    expect(column("IoMT_Regions", "Segment")).toEqual(["North America", "USA"]);
  });

  test("the user starts editing a cell in a later request: only cells whose request went through are listed as changed, in plain words", async () => {
    await insert({}, OLDER);
    const budget = 2 * 1024;
    // the same refresh on a copy, to count its round trips: the last request carries the stamp
    const analysts = fake.wb;
    fake.replace();
    await insert({}, OLDER);
    const total = (await refresh({}, budget)).syncs;
    fake.replace(analysts);
    // the user starts editing a cell during the third request from the end: its second write is refused
    fake.wb.onSync = (n) => {
      if (n === total - 2) fake.wb.failAfterWrites(1);
    };
    const r = await refresh({}, budget);
    fake.wb.onSync = undefined;
    expect(r.status).toBe("failed");
    const written = changes(r);
    const pending = notWritten(r);
    expect(written.length).toBeGreaterThan(0);
    expect(pending.length).toBeGreaterThan(0);
    // every cell listed as changed holds its new content; every cell that does not is listed as not written yet
    for (const c of written) expect([c.address, holds(c.address, c.after)]).toEqual([c.address, true]);
    const planned = r.plan.actions.flatMap((a) => (a.kind === "update" ? a.changes : []));
    const missed = planned.filter((c) => !holds(c.address, c.after)).map((c) => c.address);
    expect(missed.length).toBeGreaterThan(0);
    expect(pending.map((c) => c.address)).toEqual(expect.arrayContaining(missed));
    expect([...written, ...pending].map((c) => c.address).sort()).toEqual(planned.map((c) => c.address).sort());
    // plain words first, what to do; Excel's code only as the last line, for support
    const lines = describeRefresh(r);
    expect(lines[0]).toBe(
      "Excel stopped the refresh part-way. Excel is editing a cell: press Enter or Esc, then refresh again.",
    );
    expect(lines.slice(0, -1).join("\n")).not.toMatch(/InvalidOperationInCellEditMode|Edit cell mode/);
    expect(lines[lines.length - 1]).toBe("Excel's code, for support: InvalidOperationInCellEditMode.");
    expect(lines[1]).toMatch(new RegExp(`^${written.length} cell\\(s\\) written; ${pending.length} not written yet`));
    // the log says the same
    const log = logRows(r, "2026-11-24 09:00:00");
    for (const c of pending) expect(log.find((l) => l[4] === c.address)?.[7]).toBe("not written yet");
    for (const c of written) expect(log.find((l) => l[4] === c.address)?.[7]).not.toBe("not written yet");
    // the next refresh finishes, and then there is nothing left to do
    expect(await readStamp()).toEqual({ version: "0.9.0", edition: "2025-06-01" });
    const again = await refresh({}, budget);
    expect(again.status).toBe("updated");
    for (const c of planned) expect([c.address, holds(c.address, c.after)]).toEqual([c.address, true]);
    expect((await refresh({}, budget)).status).toBe("unchanged");
  });

  test("formulas in the report read as in Excel's formula bar, not in the add-in's internal spelling", () => {
    expect(
      showCell('=IF(OR(IoMT_Regions[[#This Row],[2024]]="",IoMT_Regions[[#This Row],[Global 2029]]=""),"",1)'),
    ).toBe('=IF(OR([@2024]="",[@[Global 2029]]=""),"",1)');
    expect(showCell("=SUM(IoMT_Regions[[Share stated]])")).toBe("=SUM(IoMT_Regions[Share stated])");
    // text inside a string literal, and text that is no formula, stay as they are
    expect(showCell('="T[[#This Row],[a]]"&T[[#This Row],[a]]')).toBe('="T[[#This Row],[a]]"&[@a]');
    expect(showCell("IoMT_Regions[[#This Row],[2024]]")).toBe("IoMT_Regions[[#This Row],[2024]]");
  });
});

describe("refresh within budgets", () => {
  test("with nothing to change, reads fill each response up to the budget, from the first request on", async () => {
    await insert();
    const budget = 12 * 1024;
    fake.excel.resetCounters();
    const r = await refresh({}, budget);
    expect(r.status).toBe("unchanged");
    const responses = fake.excel.responses;
    expect(responses.length).toBeGreaterThan(3);
    for (const bytes of responses) expect(bytes).toBeLessThanOrEqual(budget);
    // the first request reads ahead as far as the budget goes, and the reads after it share responses
    expect(responses[0]).toBeGreaterThan(0.6 * budget);
    const total = responses.reduce((a, b) => a + b, 0);
    expect(responses.length).toBeLessThanOrEqual(Math.ceil(total / (0.6 * budget)));
  });

  test("reads and writes stay under the request budget, in more round trips, with the same result", async () => {
    await insert({ dataTypes: true }, OLDER);
    fake.excel.resetCounters();
    const budget = 24 * 1024;
    const r = await refresh({ canUseDataTypes: true }, budget);
    expect(r.status).toBe("updated");
    expect(fake.excel.maxRequestBytes).toBeLessThanOrEqual(budget * 1.1);
    expect(fake.excel.maxResponseBytes).toBeLessThanOrEqual(budget * 1.1);
    expect(fake.excel.syncCount).toBeGreaterThan(5);
    const sliced = fake.wb.tableNames().map((n) => fake.wb.table(n));
    fake.replace();
    await insert({ dataTypes: true }, OLDER);
    await refresh({ canUseDataTypes: true });
    expect(fake.wb.tableNames().map((n) => fake.wb.table(n))).toEqual(sliced);
  });
});

test("a response larger than estimated (an analyst's long notes) is read again in smaller slices, under Excel's 5 MB", async () => {
  await insert({ sections: ["deviceTypes"] }, PREVIOUS);
  // the analyst grows the table by 196 rows of their own and adds a column of long notes: about 6 MB of text
  await Excel.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem("IoMT Device types");
    ctx.workbook.tables.getItem("IoMT_DeviceTypes").resize(sheet.getRange("A3:Q203"));
    await ctx.sync();
  });
  const s = fake.wb.sheet("IoMT Device types");
  s.setCells(
    "A8",
    Array.from({ length: 196 }, (_, i) => [`My note ${i + 1}`]),
  );
  const notes = Array.from({ length: 200 }, (_, i) => [`${i} ${"n".repeat(30000)}`]);
  s.setCells("Q4", notes);
  fake.excel.resetCounters();
  const r = await refresh();
  expect(r.status).toBe("updated"); // the source line names the bundled edition now
  // Excel refused the first read as too large; the reads after it stayed under the limit
  const limit = 5 * 1024 * 1024;
  const refused = fake.excel.responses.findIndex((b) => b > limit);
  expect(refused).toBeGreaterThanOrEqual(0);
  expect(fake.excel.responses.slice(refused + 1).every((b) => b <= limit)).toBe(true);
  expect(fake.excel.responses.slice(refused + 1).length).toBeGreaterThan(2);
  expect(describeRefresh(r).join("\n")).toMatch(/Kept 196 row\(s\) not in the dataset/);
  expect(s.cell("Q203").value).toBe(notes[199][0]);
});
