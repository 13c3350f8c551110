/**
 * The record's summary and the cards read by their value types: a refresh reads the record's rows only when the
 * cells do not match the summary in its head, and the JSON of a full card only where the cell is not known to hold
 * the add-in's card; every promise of "An analyst's edits survive refresh" holds either way (README).
 */
import { useFakeExcel } from "../support/fake-excel";
import { CHECKS, DATASET } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { columnLetters, OWN_SHEETS } from "../../src/core/excel";
import { changes, describeRefresh, edits, recordColumn } from "../../src/core/refresh";
import { buildIndex } from "../../src/data/dataset-index";
import { DEFAULT_OPTIONS, type PlanOptions } from "../../src/core/plan";
import { insertTables, refreshTables, registerSegmentDomain, type RefreshOptions } from "../../src/excel/workbook";
import { SEGMENT_DOMAIN, type DatasetIndex } from "../../src/core/functions";
import { segmentCards } from "../../src/functions/functions";

const RECORD_SHEET = OWN_SHEETS.record.base;
const fake = useFakeExcel(["Sheet1"]);

/** The edition before the bundled one: North America 2029 was 70,000 and the USA's 60,000. */
const PREVIOUS = buildIndex({
  ...DATASET,
  info: { ...DATASET.info, version: "0.9.0", edition: "2025-06-01" },
  figures: DATASET.figures.map((f) =>
    f.measure === "value" && f.year === 2029 && f.subject === "North America"
      ? { ...f, value: 70000 }
      : f.measure === "value" && f.year === 2029 && f.subject === "USA"
        ? { ...f, value: 60000 }
        : f,
  ),
});

const insert = (o: Partial<PlanOptions> = {}, index = INDEX) =>
  insertTables(index, CHECKS, { ...DEFAULT_OPTIONS, sections: ["regions"], ...o });
const refresh = (o: RefreshOptions = {}, index: DatasetIndex = INDEX, budget?: number) =>
  refreshTables(index, CHECKS, o, budget);

const regions = () => fake.wb.sheet("IoMT Regions");
const recordCell = (row: number) => `${columnLetters(recordColumn("IoMT_Regions"))}${row}`;
const head = () => String(fake.wb.sheet(RECORD_SHEET).cell(recordCell(1)).value);
const setRecord = (row: number, text: string) => fake.wb.sheet(RECORD_SHEET).setCell(recordCell(row), `'${text}`);
/** The record's rows damaged: refused whole wherever they are read. */
const damageRows = () => setRecord(3, "northamerica|not a row of fingerprints");
const refusedWhy = (r: Awaited<ReturnType<typeof refresh>>) => describeRefresh(r).join("\n");
/** The budgets a table's record is read under: read ahead in the first request, and read after it. */
const BUDGETS = [undefined, 12 * 1024];

describe("the summary in the record's head", () => {
  test("an insert writes it: the table's name, its rows, v3 and a 96-bit digest", async () => {
    await insert();
    expect(head()).toMatch(/^IoMT_Regions\|2\|v3\|[A-Za-z0-9_-]{16}$/);
  });

  test.each(BUDGETS)(
    "cells that match it are refreshed without the record's rows: nothing to change (budget %p)",
    async (budget) => {
      await insert();
      damageRows();
      const r = await refresh({}, INDEX, budget);
      expect(r.status).toBe("unchanged");
      expect(refusedWhy(r)).not.toMatch(/not used|no record/);
      expect(r.plan.actions[0]).toMatchObject({ unrecorded: false, edits: [] });
    },
  );

  test.each(BUDGETS)(
    "cells that match it are refreshed without the record's rows: a new edition updates them (budget %p)",
    async (budget) => {
      await insert({}, PREVIOUS);
      damageRows();
      const r = await refresh({}, INDEX, budget);
      expect(changes(r).map((c) => [c.address, c.before, c.after, c.what])).toEqual([
        ["'IoMT Regions'!C4", 70000, 79107, "updated"],
        ["'IoMT Regions'!C5", 60000, 71006, "updated"],
      ]);
      expect(edits(r)).toEqual([]);
      expect(refusedWhy(r)).not.toMatch(/not used|no record/);
      // the record is written again, whole and with a summary of the new edition's cells
      expect(head()).toMatch(/^IoMT_Regions\|2\|v3\|[A-Za-z0-9_-]{16}$/);
      expect((await refresh()).status).toBe("unchanged");
    },
  );

  test.each(BUDGETS)(
    "a cell the analyst changed makes the cells differ from it: the record's rows are read (budget %p)",
    async (budget) => {
      await insert({}, PREVIOUS);
      regions().setCell("C5", 65000);
      const r = await refresh({}, INDEX, budget);
      // three-way, by the record: the untouched cell updated, the analyst's kept
      expect(changes(r).map((c) => c.address)).toEqual(["'IoMT Regions'!C4"]);
      expect(edits(r).map((e) => [e.address, e.content])).toEqual([["'IoMT Regions'!C5", 65000]]);
      expect(regions().cell("C5").value).toBe(65000);
      // a record with a cell of the analyst's has no summary
      expect(head()).toBe("IoMT_Regions|2|v3");
    },
  );

  test("it saves reading the record's rows: fewer bytes and round trips than a record without one", async () => {
    await insert({ sections: ["regions", "deviceTypes", "applications", "endUsers", "drivers"] });
    const budget = 12 * 1024;
    const measure = async () => {
      fake.excel.resetCounters();
      expect((await refresh({}, INDEX, budget)).status).toBe("unchanged");
      return [fake.excel.syncCount, fake.excel.responses.reduce((a, b) => a + b, 0)];
    };
    const [withSummary, bytesWith] = await measure();
    // the same record as the previous version writes it: its rows must be read
    const record = fake.wb.sheet(RECORD_SHEET);
    for (let column = 0; column < 12; column++) {
      const at = `${columnLetters(column)}1`;
      const text = String(record.cell(at).value ?? "");
      if (text.includes("|v3|")) record.setCell(at, `'${text.replace(/\|v3\|.*$/, "|v2")}`);
    }
    const [without, bytesWithout] = await measure();
    expect(withSummary).toBeLessThan(without);
    expect(bytesWith).toBeLessThan(bytesWithout);
  });

  test.each([
    ["too short", "IoMT_Regions|2|v3|abc"],
    ["a character no digest has", "IoMT_Regions|2|v3|ABCDEFGHIJKLMNO*"],
    ["empty", "IoMT_Regions|2|v3|"],
    ["well formed, of other cells", "IoMT_Regions|2|v3|AAAAAAAAAAAAAAAA"],
  ])("a summary %s is no proof: the record's rows are read and used", async (_what, forged) => {
    await insert({}, PREVIOUS);
    regions().setCell("C5", 65000);
    setRecord(1, forged);
    const r = await refresh();
    expect(changes(r).map((c) => c.address)).toEqual(["'IoMT Regions'!C4"]);
    expect(edits(r).map((e) => e.address)).toEqual(["'IoMT Regions'!C5"]);
    expect(refusedWhy(r)).not.toMatch(/not used|no record/);
  });

  test("a row the analyst added makes the cells differ from it: the record is read, the row kept", async () => {
    await insert({}, PREVIOUS);
    damageRows();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("IoMT Regions");
      ctx.workbook.tables.getItem("IoMT_Regions").resize(sheet.getRange("A3:P6"));
      sheet.getRange("A6:C6").values = [["Europe", 1, 2]];
      await ctx.sync();
    });
    const r = await refresh();
    // the damaged rows are read now: refused, and every difference is kept as an edit (the safe side)
    expect(refusedWhy(r)).toMatch(/not used/);
    expect(changes(r)).toEqual([]);
    expect(regions().cell("C4").value).toBe(70000);
  });

  test("an analyst's cell stays theirs when it holds again what the add-in wrote, though the cells then match the first summary", async () => {
    await insert({}, PREVIOUS);
    const first = head();
    regions().setCell("C5", 65000);
    await refresh({}, PREVIOUS); // marks C5 as the analyst's
    expect(head()).toBe("IoMT_Regions|2|v3");
    regions().setCell("C5", 60000); // what the add-in wrote: the cells are those the first summary was made of
    expect(first).toMatch(/\|[A-Za-z0-9_-]{16}$/);
    const r = await refresh();
    expect(regions().cell("C5").value).toBe(60000);
    expect(changes(r).map((c) => c.address)).toEqual(["'IoMT Regions'!C4"]);
    expect(edits(r).map((e) => [e.address, e.content, e.dataset])).toEqual([["'IoMT Regions'!C5", 60000, 71006]]);
  });

  test("a record in the previous version's format (v2: the same rows, no summary) is honoured, and written next as v3", async () => {
    await insert({}, PREVIOUS);
    // the previous version refuses a v3 head and writes its own record: the same rows under a v2 head
    setRecord(1, "IoMT_Regions|2|v2");
    regions().setCell("C5", 65000);
    const r = await refresh();
    expect(changes(r).map((c) => c.address)).toEqual(["'IoMT Regions'!C4"]);
    expect(edits(r).map((e) => e.address)).toEqual(["'IoMT Regions'!C5"]);
    expect(head()).toBe("IoMT_Regions|2|v3");
    // Overwrite gives the cell back to the add-in: the record then has a summary again
    await refresh({ overwrite: "all" });
    expect(regions().cell("C5").value).toBe(71006);
    expect(head()).toMatch(/^IoMT_Regions\|2\|v3\|[A-Za-z0-9_-]{16}$/);
    damageRows();
    expect((await refresh()).status).toBe("unchanged");
  });
});

describe("full cards read by their value types", () => {
  const dataTypes = { canUseDataTypes: true } as const;
  const keyJson = (address: string) => regions().cellJson(address);

  test("with nothing to change, a refresh reads no card: about what it reads of a table of text", async () => {
    await insert({ sections: ["regions", "deviceTypes", "applications", "endUsers"] });
    fake.excel.resetCounters();
    expect((await refresh(dataTypes)).status).toBe("unchanged");
    const text = fake.excel.responses.reduce((a, b) => a + b, 0);
    fake.replace();
    await insert({ sections: ["regions", "deviceTypes", "applications", "endUsers"], dataTypes: true });
    const before = JSON.stringify([...regions().cells.entries()]);
    fake.excel.resetCounters();
    expect((await refresh(dataTypes)).status).toBe("unchanged");
    const cards = fake.excel.responses.reduce((a, b) => a + b, 0);
    expect(cards).toBeLessThan(text * 1.1);
    expect(fake.excel.requests.reduce((a, b) => a + b, 0)).toBeLessThan(16 * 1024);
    expect(JSON.stringify([...regions().cells.entries()])).toBe(before);
    // Excel without valuesAsJson: a refresh that reads no card still runs, and finds nothing to change
    fake.wb.supportsDataTypes = false;
    expect((await refresh(dataTypes)).status).toBe("unchanged");
  });

  test("a new edition's cards are written where the record says the add-in wrote the previous ones", async () => {
    await insert({ dataTypes: true }, PREVIOUS);
    const r = await refresh(dataTypes);
    expect(r.plan.actions[0]).toMatchObject({ entitiesUpdated: 2 });
    expect(JSON.stringify(keyJson("A5"))).toContain("71006");
    expect((await refresh(dataTypes)).status).toBe("unchanged");
  });

  test("a card replaced by a plain value is the analyst's: no card is written over it", async () => {
    await insert({ dataTypes: true }, PREVIOUS);
    regions().setCell("A5", "USA"); // typed over the card
    for (const index of [PREVIOUS, INDEX]) {
      const r = await refresh(dataTypes, index);
      expect(keyJson("A5")).toBeUndefined();
      expect(regions().cell("A5").value).toBe("USA");
      expect(r.status).not.toBe("failed");
    }
    expect(keyJson("A4")).toMatchObject({ type: "Entity", text: "North America" });
    expect(JSON.stringify(keyJson("A4"))).toContain("79107");
  });

  test("another provider's data type over a card is never written over; read, kept and listed once the card changes", async () => {
    await insert({ dataTypes: true }, PREVIOUS);
    const geography = { type: "Entity", text: "USA", properties: {}, provider: { description: "Geography" } };
    regions().setCellJson("A5", geography);
    await refresh(dataTypes, PREVIOUS);
    expect(keyJson("A5")).toMatchObject({ provider: { description: "Geography" } });
    const r = await refresh(dataTypes);
    expect(keyJson("A5")).toMatchObject({ provider: { description: "Geography" } });
    expect(edits(r).map((e) => [e.address, e.content])).toContainEqual(["'IoMT Regions'!A5", "USA (Geography)"]);
    expect(r.plan.actions[0]).toMatchObject({ entitiesUpdated: 1 });
  });

  test("a card of another segment pasted over one is found by its text: neither card is written over", async () => {
    await insert({ dataTypes: true }, PREVIOUS);
    const northAmerica = keyJson("A4")!;
    regions().setCellJson("A5", northAmerica);
    const r = await refresh(dataTypes);
    expect(r.status).not.toBe("failed");
    expect(keyJson("A5")).toMatchObject({ text: "North America" });
    expect(regions().cell("C5").value).toBe(60000);
  });

  test("without a record every card is read and compared: a card from another edition is rebuilt", async () => {
    await insert({ dataTypes: true }, PREVIOUS);
    for (let row = 1; row <= 4; row++) setRecord(row, "");
    const r = await refresh(dataTypes);
    expect(r.plan.actions[0]).toMatchObject({ entitiesUpdated: 2, unrecorded: true });
    expect(JSON.stringify(keyJson("A5"))).toContain("71006");
  });
});

describe("linked cards", () => {
  test("are read with their JSON, and a table of them that matches its summary needs no record's rows", async () => {
    fake.wb.supportsLinkedEntities = true;
    fake.wb.loadServices.set(SEGMENT_DOMAIN.loadFunctionId, segmentCards);
    await registerSegmentDomain();
    await insertTables(
      PREVIOUS,
      CHECKS,
      { ...DEFAULT_OPTIONS, sections: ["regions"], dataTypes: true },
      undefined,
      "linked",
    );
    expect(head()).toMatch(/^IoMT_Regions\|2\|v3\|[A-Za-z0-9_-]{16}$/);
    damageRows();
    const r = await refresh({ canUseDataTypes: true, cards: "linked" });
    expect(refusedWhy(r)).not.toMatch(/not used|no record/);
    expect(changes(r).map((c) => [c.address, c.what])).toEqual([
      ["'IoMT Regions'!C4", "updated"],
      ["'IoMT Regions'!C5", "updated"],
    ]);
    // Excel fills linked cards from the load service: refresh never writes them
    expect(["A4", "A5"].map((a) => regions().cellJson(a)?.type)).toEqual(["LinkedEntity", "LinkedEntity"]);
    expect(r.plan.actions[0]).toMatchObject({ entitiesUpdated: 0 });
  });
});
