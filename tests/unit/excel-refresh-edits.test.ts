/**
 * An analyst's edits survive refresh: the three-way refresh, the change log and the refresh scope, on the
 * strict Excel stand-in (tests/support/fake-excel.ts).
 */
import { type FakeSheet, type FakeWorkbook, useFakeExcel } from "../support/fake-excel";
import { CHECKS, DATASET } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { columnLetters, MARK_CELL, MARK_COLUMN, OWN_SHEETS, ownSheetMark } from "../../src/core/excel";
import {
  fingerprint,
  legacyFingerprint,
  recordColumn,
  rowKeyOf,
  cellId,
  changes,
  describeRefresh,
  edits,
  logRows,
} from "../../src/core/refresh";
import { buildIndex } from "../../src/data/dataset-index";
import { DEFAULT_OPTIONS, planSections, SECTIONS, type PlanOptions } from "../../src/core/plan";
import {
  appendRefreshLog,
  insertTables,
  readStamp,
  refreshTables,
  type RefreshOptions,
} from "../../src/excel/workbook";

const RECORD_SHEET = OWN_SHEETS.record.base;

const fake = useFakeExcel(["Sheet1"]);

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

function snapshot(without?: string): string {
  return JSON.stringify([
    fake.wb.sheets
      .filter((s) => s.name !== without)
      .map((s) => [s.name, [...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b))]),
    fake.wb.tableNames().map((n) => fake.wb.table(n)),
    [...fake.wb.customProps.values()],
  ]);
}

const select = (sheet: string, address: string) =>
  Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheet).getRange(address).select();
    await ctx.sync();
  });

describe("three-way refresh", () => {
  test("an analyst's estimate and what-if formula are kept, listed by address, and only the record is written", async () => {
    await insert({ sections: ["deviceTypes"] });
    const s = fake.wb.sheet("IoMT Device types");
    s.setCell("C5", 5000); // Stationary devices 2029: the source gives no figure; the analyst's estimate
    s.setCell("C4", "=122211*1.02"); // Wearable devices 2029: a what-if over the figure
    const before = snapshot(RECORD_SHEET);
    const r = await refresh();
    expect(r.status).toBe("unchanged");
    // the record now marks the two cells as the analyst's; nothing else is written
    expect(snapshot(RECORD_SHEET)).toBe(before);
    expect(r.recorded).toBe(true);
    expect(edits(r).map((e) => [e.address, e.content, e.dataset])).toEqual([
      ["'IoMT Device types'!C4", "=122211*1.02", 122211],
      ["'IoMT Device types'!C5", 5000, ""],
    ]);
    expect(describeRefresh(r).join("\n")).toMatch(
      /every difference from the dataset is an edit of yours[\s\S]*Kept 2 edit\(s\) of yours/i,
    );
    // and they stay kept at the next refresh, which writes nothing at all
    const recorded = snapshot();
    expect(edits(await refresh())).toHaveLength(2);
    expect(snapshot()).toBe(recorded);
  });

  test("edits are overwritten only on request: one cell from the list, or all for one refresh", async () => {
    await insert({ sections: ["deviceTypes"] });
    const s = fake.wb.sheet("IoMT Device types");
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
    const s = fake.wb.sheet("IoMT Regions");
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
    const s = fake.wb.sheet("IoMT Regions");
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
    fake.wb.renameSheet("IoMT Regions", "My regions");
    fake.wb.insertColumns("My regions", "C");
    const m = fake.wb.sheet("My regions");
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
    fake.wb.deleteSheet(RECORD_SHEET);
    const r = await refresh();
    expect(fake.wb.sheet("IoMT Regions").cell("C4").value).toBe(70000);
    expect(edits(r).map((e) => e.address)).toEqual(["'IoMT Regions'!C4"]);
    expect(describeRefresh(r).join("\n")).toMatch(/no record of what the add-in wrote/);
    // the refresh recorded the cells that match the dataset, on a new very hidden sheet
    expect(fake.wb.sheet(RECORD_SHEET).visibility).toBe("VeryHidden");
    await refresh({ overwrite: "all" });
    expect(fake.wb.sheet("IoMT Regions").cell("C4").value).toBe(79107);
    const after = snapshot();
    expect((await refresh()).status).toBe("unchanged");
    expect(snapshot()).toBe(after);
  });
});

describe("the change log", () => {
  test("Add to the change log appends exactly the refresh's changes to IoMT_RefreshLog, which refresh never treats as data", async () => {
    await insert({ sections: ["regions", "about"] }, PREVIOUS);
    fake.wb.sheet("IoMT Regions").setCell("B5", 30000);
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
    const log = fake.wb.table("IoMT_RefreshLog")!;
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
    fake.wb.sheet("IoMT Regions").setCell("B4", "=1+1");
    const second = await refresh();
    await appendRefreshLog(logRows(second, "2026-11-24 09:05:00"));
    expect(fake.wb.table("IoMT_RefreshLog")!.rows).toHaveLength(expected + logRows(second, "x").length);
    expect(fake.wb.table("IoMT_RefreshLog")!.rows.some((row) => row[5] === "=1+1")).toBe(true);
    // the log table is no IoMT dataset table: the next refresh does not touch or mention it
    const third = await refresh();
    expect(third.plan.actions.map((a) => a.tableName)).not.toContain("IoMT_RefreshLog");
  });

  test("a sheet named like a cell (Q1) is quoted as Excel quotes it, in the report and in the log", async () => {
    await insert({ sections: ["regions"] }, PREVIOUS);
    fake.wb.renameSheet("IoMT Regions", "Q1");
    const r = await refresh();
    expect(r.status).toBe("updated");
    // the address as Excel itself gives it back for that cell
    const excelAddress = await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Q1").getRange("C4").load("address");
      await ctx.sync();
      return range.address;
    });
    expect(excelAddress).toBe("'Q1'!C4");
    expect(changes(r).map((c) => c.address)).toEqual([excelAddress]);
    const rows = logRows(r, "2026-11-24 09:00:00");
    expect(rows.map((l) => l[4])).toEqual([excelAddress]);
    await appendRefreshLog(rows);
    expect(fake.wb.table("IoMT_RefreshLog")!.rows.map((row) => row[4])).toEqual(["'Q1'!C4"]);
  });

  test("a refresh with nothing to change writes nothing, log included, unless asked", async () => {
    await insert({ sections: ["regions"] });
    const before = snapshot();
    const r = await refresh();
    expect(r.status).toBe("unchanged");
    expect(snapshot()).toBe(before);
    expect(fake.wb.table("IoMT_RefreshLog")).toBeUndefined();
    await appendRefreshLog(logRows(r, "2026-11-24 09:00:00"));
    expect(fake.wb.table("IoMT_RefreshLog")!.rows.map((row) => row[7])).toEqual(["nothing to change"]);
  });
});

describe("refresh scope", () => {
  test("the table at the selection is refreshed alone; the stamp waits for a refresh of all", async () => {
    await insert({ sections: ["regions", "about"] }, PREVIOUS);
    await select("IoMT Regions", "B4");
    const one = await refresh({ scope: "selection" });
    expect(one.plan.actions.map((a) => a.tableName)).toEqual(["IoMT_Regions"]);
    expect(fake.wb.sheet("IoMT Regions").cell("C4").value).toBe(79107);
    expect(fake.wb.table("IoMT_About")!.rows.find((r) => r[0] === "Dataset version")![1]).toBe("0.9.0");
    expect(await readStamp()).toEqual({ version: "0.9.0", edition: "2025-06-01" });
    const all = await refresh({ scope: "all" });
    expect(all.plan.actions.map((a) => a.tableName)).toEqual(["IoMT_Regions", "IoMT_About"]);
    expect(fake.wb.table("IoMT_About")!.rows.find((r) => r[0] === "Dataset version")![1]).toBe("1.0.0");
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
  test("is small: about thirteen characters per dataset cell (npm run bench measures it for a dataset 1,000 times larger)", async () => {
    await insert();
    const size = (w: FakeWorkbook) =>
      [...w.sheet(RECORD_SHEET).cells.values()].reduce((n, c) => n + String(c.value).length, 0);
    const bundled = size(fake.wb);
    const cells = fake.wb
      .tableNames()
      .reduce((n, name) => n + fake.wb.table(name)!.rows.length * fake.wb.table(name)!.headers.length, 0);
    expect(bundled / cells).toBeLessThan(15);
    // ten tables, the other publishers' (long row keys: publisher and year) among them
    expect(bundled).toBeLessThan(10 * 1024);
    // nothing outside the record sheet's columns, one a section, but the add-in's mark
    const outside = [...fake.wb.sheet(RECORD_SHEET).cells.keys()].filter(
      (k) => Number(k.split(",")[1]) >= SECTIONS.length,
    );
    expect(outside).toEqual([`0,${MARK_COLUMN}`]);
    expect(fake.wb.sheet(RECORD_SHEET).cell(MARK_CELL).value).toBe(ownSheetMark("record"));
  });
});

test("a refresh that only brings the record up to date says so, and the next one writes nothing", async () => {
  await insert({ sections: ["regions"] });
  fake.wb.deleteSheet(RECORD_SHEET);
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

describe("a record that does not validate", () => {
  /** The record sheet's cell of IoMT_Regions' column at `row` (1-based). */
  const regionsRecord = (row: number) => `${columnLetters(recordColumn("IoMT_Regions"))}${row}`;

  /** Inserts the previous edition, lets the analyst type their own USA 2024, then damages the record. */
  async function tamperedWorkbook(tamper: (record: FakeSheet) => void): Promise<unknown> {
    await insert({ sections: ["regions"] }, PREVIOUS);
    const usa2024 = fake.wb.sheet("IoMT Regions").cell("B5").value;
    fake.wb.sheet("IoMT Regions").setCell("B5", 30000);
    tamper(fake.wb.sheet(RECORD_SHEET));
    return usa2024;
  }

  const counts: Array<[string, string]> = [
    ["2000000", "2000000"],
    ["400 nines (Infinity as a number)", "9".repeat(400)],
    ["1e300", "1e300"],
    ["-1", "-1"],
    ["1.5", "1.5"],
    ["text", "many"],
    ["a range address", "B3:C4"],
    ["an address beyond the grid", "ZZZZ99999999"],
    ["too large for the table", "5000"],
  ];
  const heads: Array<[string, string]> = [
    // in the head as this version writes it, and as earlier versions did (which it still reads)
    ...counts.flatMap(([what, count]): Array<[string, string]> => [
      [`a count of ${what}`, `IoMT_Regions|${count}|v2`],
      [`a count of ${what}, in an earlier version's head`, `IoMT_Regions|${count}`],
    ]),
    ["an unknown table name", "IoMT_Nope|2|v2"],
    ["another table's name", "IoMT_Overview|2|v2"],
    ["an unknown format", "IoMT_Regions|2|v9"],
  ];
  const tamperings: Array<[string, (record: FakeSheet) => void]> = [
    ...heads.map(([what, head]): [string, (record: FakeSheet) => void] => [
      what,
      (record) => record.setCell(regionsRecord(1), `'${head}`),
    ]),
    ["a count cell replaced by the number 2000000", (record) => record.setCell(regionsRecord(1), 2000000)],
    ["broken headers JSON", (record) => record.setCell(regionsRecord(2), `'["Segment","2024",`)],
    ["headers that are not text", (record) => record.setCell(regionsRecord(2), "'[1,2,3]")],
    ["a row with fingerprints of the wrong shape", (record) => record.setCell(regionsRecord(3), "'northamerica|abc")],
    ["a row without fingerprints", (record) => record.setCell(regionsRecord(4), "'usa")],
  ];

  test.each(tamperings)(
    "%s: refresh completes, keeps every analyst cell, says the record was not used, and writes a new one",
    async (_what, tamper) => {
      const usa2024 = await tamperedWorkbook(tamper);
      const s = fake.wb.sheet("IoMT Regions");
      const r = await refresh();
      // only the source line above the table is brought to the bundled edition
      expect(r.status).toBe("updated");
      expect(changes(r)).toEqual([]);
      // no record: every difference is kept, the add-in's 70,000 of the previous edition included
      expect(s.cell("B5").value).toBe(30000);
      expect(s.cell("C4").value).toBe(70000);
      expect(edits(r).map((e) => e.address)).toEqual(["'IoMT Regions'!B5", "'IoMT Regions'!C4"]);
      const report = describeRefresh(r).join("\n");
      expect(report).toMatch(
        /IoMT_Regions: the workbook's record of what the add-in wrote there was not used, because/,
      );
      expect(report).not.toMatch(/inserted by an earlier version/);
      // the new record is used at the next refresh; Overwrite then takes the dataset's figures
      const again = await refresh();
      expect(describeRefresh(again).join("\n")).not.toMatch(/not used/);
      expect(edits(again)).toHaveLength(2);
      await refresh({ overwrite: "all" });
      expect(s.cell("C4").value).toBe(79107);
      expect(s.cell("B5").value).toBe(usa2024);
    },
  );
});

describe("fingerprints", () => {
  /**
   * A note whose 24-bit fingerprint (FNV-1a, the record of earlier versions) equals the add-in's 70,000:
   * "estimate " and six letters, met in the middle. FNV-1a's low 24 bits depend only on the low 24 bits before
   * each step, and a step can be undone (its prime is odd), so the states after "estimate " and three letters
   * are met by the states three letters before the target: 2 × 52^3 steps, where trying notes one after
   * another takes about 2^24.
   */
  function collidingNote(): string {
    const MASK = 0xffffff;
    const PRIME = 0x01000193 & MASK;
    let inverse = PRIME; // Newton's iteration for the inverse modulo 2^24: 3 → 6 → 12 → 24 correct bits
    for (let i = 0; i < 3; i++) inverse = Math.imul(inverse, 2 - Math.imul(PRIME, inverse)) & MASK;
    const forward = (h: number, ch: string) => Math.imul(h ^ ch.charCodeAt(0), PRIME) & MASK;
    const back = (h: number, ch: string) => (Math.imul(h, inverse) & MASK) ^ ch.charCodeAt(0);
    const fnv24 = (text: string) => [...text].reduce(forward, 0x811c9dc5 & MASK);
    const letters = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"];
    const triples = letters.flatMap((x) => letters.flatMap((y) => letters.map((z) => x + y + z)));
    const start = fnv24("sestimate ");
    const met = new Map(triples.map((t) => [[...t].reduce(forward, start), t]));
    const target = fnv24("n70000");
    for (const t of triples) {
      const before = [...t].reduceRight(back, target);
      const first = met.get(before);
      if (first !== undefined) return `estimate ${first}${t}`;
    }
    throw new Error("no colliding note in the space searched");
  }

  test("a value whose 24-bit fingerprint equals the add-in's is kept as the analyst's edit, not updated", async () => {
    const note = collidingNote();
    expect(legacyFingerprint(note, "IoMT_Regions")).toBe(legacyFingerprint(70000, "IoMT_Regions"));
    expect(fingerprint(note, "IoMT_Regions")).not.toBe(fingerprint(70000, "IoMT_Regions"));
    await insert({ sections: ["regions"] }, PREVIOUS);
    const s = fake.wb.sheet("IoMT Regions");
    s.setCell("C4", note); // over the add-in's 70,000 of the previous edition
    const r = await refresh();
    expect(s.cell("C4").value).toBe(note);
    expect(changes(r).map((c) => c.address)).not.toContain("'IoMT Regions'!C4");
    expect(edits(r).map((e) => [e.address, e.content])).toEqual([["'IoMT Regions'!C4", note]]);
  });

  test("a record written by an earlier version (24-bit fingerprints) is still read, then written in 48 bits", async () => {
    await insert({ sections: ["regions"] }, PREVIOUS);
    const plan = planSections(PREVIOUS, CHECKS, DEFAULT_OPTIONS).find((t) => t.tableName === "IoMT_Regions")!;
    const lines = plan.rows.map(
      (row) => `${rowKeyOf(row[0])}|${row.map((cell) => legacyFingerprint(cell, plan.tableName)).join("")}`,
    );
    const column = columnLetters(recordColumn("IoMT_Regions"));
    const record = fake.wb.sheet(RECORD_SHEET);
    record.setCells(
      `${column}1`,
      [`IoMT_Regions|${lines.length}`, JSON.stringify(plan.columns.map((c) => c.header)), ...lines].map((t) => [
        `'${t}`,
      ]),
    );
    const s = fake.wb.sheet("IoMT Regions");
    s.setCell("B5", 30000);
    const r = await refresh();
    expect(changes(r).map((c) => [c.address, c.before, c.after, c.what])).toEqual([
      ["'IoMT Regions'!C4", 70000, 79107, "updated"],
    ]);
    expect(edits(r).map((e) => e.address)).toEqual(["'IoMT Regions'!B5"]);
    expect(describeRefresh(r).join("\n")).not.toMatch(/not used|no record/);
    expect(record.cell(`${column}1`).value).toBe(`IoMT_Regions|${lines.length}|v3`);
    expect(String(record.cell(`${column}3`).value)).toMatch(/^northamerica\|[A-Za-z0-9_!-]{128}$/);
    expect(edits(await refresh()).map((e) => e.address)).toEqual(["'IoMT Regions'!B5"]);
  });
});

describe("the analyst's cells stay theirs", () => {
  /** The edition after the bundled one: North America 2029 is 80,000. */
  const NEXT = buildIndex({
    ...DATASET,
    info: { ...DATASET.info, version: "1.1.0", edition: "2026-06-01" },
    figures: DATASET.figures.map((f) =>
      f.measure === "value" && f.subject === "North America" && f.year === 2029 ? { ...f, value: 80000 } : f,
    ),
  });
  const NA_2029 = cellId("IoMT_Regions", "North America", "2029");

  test.each([
    ["typed and refreshed in the same edition (a kept edit)", true],
    ["typed, then refreshed only when an edition equals it", false],
  ])(
    "%s: an edition that happens to equal the analyst's figure does not give the cell back to the add-in",
    async (_what, refreshFirst) => {
      await insert({ sections: ["regions"] }, PREVIOUS);
      const s = fake.wb.sheet("IoMT Regions");
      s.setCell("C4", 79107); // the analyst's own figure over the add-in's 70,000
      if (refreshFirst) {
        const kept = await refreshTables(PREVIOUS, CHECKS);
        expect(edits(kept).map((e) => [e.address, e.content, e.dataset])).toEqual([
          ["'IoMT Regions'!C4", 79107, 70000],
        ]);
      }
      // the bundled edition says 79,107: the cell equals it, so nothing is listed or written there
      const equal = await refresh();
      expect(s.cell("C4").value).toBe(79107);
      expect(edits(equal)).toEqual([]);
      expect(changes(equal)).toEqual([]);
      // the next edition says 80,000: the cell is still the analyst's
      const next = await refreshTables(NEXT, CHECKS);
      expect(s.cell("C4").value).toBe(79107);
      expect(changes(next)).toEqual([]);
      expect(edits(next).map((e) => [e.address, e.content, e.dataset])).toEqual([["'IoMT Regions'!C4", 79107, 80000]]);
      expect(edits(await refreshTables(NEXT, CHECKS))).toHaveLength(1);
      // until the analyst chooses Overwrite for the cell: then it is the add-in's again
      const over = await refreshTables(NEXT, CHECKS, { overwrite: new Set([NA_2029]) });
      expect(changes(over).map((c) => [c.address, c.what])).toEqual([["'IoMT Regions'!C4", "overwrote an edit"]]);
      expect(s.cell("C4").value).toBe(80000);
      expect(edits(await refreshTables(NEXT, CHECKS))).toEqual([]);
    },
  );

  test("Overwrite my edits gives back a cell of the analyst's that equals the dataset", async () => {
    await insert({ sections: ["regions"] }, PREVIOUS);
    const s = fake.wb.sheet("IoMT Regions");
    s.setCell("C4", 79107);
    s.setCell("B5", 30000); // a second edit, so that the pane offers "Overwrite my edits"
    const equal = await refresh();
    expect(edits(equal).map((e) => e.address)).toEqual(["'IoMT Regions'!B5"]);
    await refresh({ overwrite: "all" });
    // C4 was not written (it already equals the dataset), but it is the add-in's again: the next edition updates it
    const next = await refreshTables(NEXT, CHECKS);
    expect(changes(next).map((c) => [c.address, c.before, c.after, c.what])).toEqual([
      ["'IoMT Regions'!C4", 79107, 80000, "updated"],
    ]);
    expect(edits(next)).toEqual([]);
  });
});
