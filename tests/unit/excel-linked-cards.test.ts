/**
 * Segment cards as a linked data type (ExcelApi 1.19, Windows and Mac) and as full cards elsewhere (Excel on the
 * web): the domain's registration, Insert, the segment list and Refresh, on the stand-in with the add-in's own load
 * service (src/functions/functions.ts) answering Excel's requests.
 */
import { useFakeExcel } from "../support/fake-excel";
import { CHECKS, DATASET } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { buildIndex, loadSegmentCards, SEGMENT_DOMAIN, type DatasetIndex } from "../../src/core/functions";
import { DEFAULT_OPTIONS, type PlanOptions } from "../../src/core/plan";
import { describeRefresh } from "../../src/core/refresh";
import { segmentCards } from "../../src/functions/functions";
import { RANGE_AT } from "../support/publishers-range";
import {
  insertSegmentList,
  insertTables,
  refreshTables,
  registerSegmentDomain,
  type CardKind,
  type RefreshOptions,
} from "../../src/excel/workbook";

const fake = useFakeExcel(["Sheet1"]);

/** An earlier edition, whose North America 2029 differs. */
const PREVIOUS: DatasetIndex = buildIndex({
  ...DATASET,
  info: { ...DATASET.info, version: "0.9.0", edition: "2025-06-01" },
  figures: DATASET.figures.map((f) =>
    f.measure === "value" && f.subject === "North America" && f.year === 2029 ? { ...f, value: 70000 } : f,
  ),
});

/** Excel on Windows or Mac: ExcelApi 1.19, and the add-in's load service as functions.json declares it. */
function desktop(): void {
  fake.wb.supportsLinkedEntities = true;
  fake.wb.loadServices.set(SEGMENT_DOMAIN.loadFunctionId, segmentCards);
}

const insert = (cards: CardKind, o: Partial<PlanOptions> = {}) =>
  insertTables(INDEX, CHECKS, { ...DEFAULT_OPTIONS, sections: ["regions"], dataTypes: true, ...o }, undefined, cards);
const refresh = (cards: CardKind, o: RefreshOptions = {}) =>
  refreshTables(INDEX, CHECKS, { canUseDataTypes: true, cards, ...o });

/** The key cells of IoMT_Regions (A4:A5) as stored: the JSON the add-in wrote. */
const keyCells = () => ["A4", "A5"].map((a) => fake.wb.sheet("IoMT Regions").cellJson(a));
const keyText = () => ["A4", "A5"].map((a) => fake.wb.sheet("IoMT Regions").text(a));

function snapshot(): string {
  return JSON.stringify(
    fake.wb.sheets.map((s) => [s.name, [...s.cells.entries()].sort(([a], [b]) => a.localeCompare(b))]),
  );
}

describe("the domain", () => {
  test("is registered once where Excel has ExcelApi 1.19; a second start finds it", async () => {
    desktop();
    expect(await registerSegmentDomain()).toBe(true);
    expect(await registerSegmentDomain()).toBe(true);
    expect(fake.wb.linkedDomains.map((d) => [d.id, d.name, d.dataProvider, d.loadFunctionId])).toEqual([
      ["iomt-segments", "IoMT segments", "IoMT market dataset", "SEGMENTCARDS"],
    ]);
  });

  test("Excel on the web has no domains: registration says so, and nothing is written", async () => {
    const before = snapshot();
    expect(await registerSegmentDomain()).toBe(false);
    expect(fake.wb.linkedDomains).toEqual([]);
    expect(snapshot()).toBe(before);
  });
});

describe("insert and the segment list", () => {
  test("with the domain, segment cells hold linked cards that Excel fills from the load service", async () => {
    desktop();
    await registerSegmentDomain();
    await insert("linked");
    expect(keyCells().map((c) => [c?.type, (c?.id as { entityId: string }).entityId, c?.properties])).toEqual([
      ["LinkedEntity", "northamerica", undefined],
      ["LinkedEntity", "usa", undefined],
    ]);
    // one batched request for both cells, answered from the bundled dataset
    expect(
      fake.wb.loadRequests.map((r) => JSON.parse(r).entities.map((e: { entityId: string }) => e.entityId)),
    ).toEqual([["northamerica", "usa"]]);
    expect(keyText()).toEqual(["North America", "USA"]);
    const card = await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("IoMT Regions").getRange("A4").load("valuesAsJson");
      await ctx.sync();
      return r.valuesAsJson[0][0] as Excel.LinkedEntityCellValue;
    });
    expect(card.properties!["2029 value"]).toMatchObject({ basicValue: 79107 });
  });

  test("a linked insert sends less than one with full cards", async () => {
    await insert("full");
    const full = fake.excel.requests.reduce((a, b) => a + b, 0);
    fake.replace();
    desktop();
    await registerSegmentDomain();
    fake.excel.resetCounters();
    await insert("linked");
    const linked = fake.excel.requests.reduce((a, b) => a + b, 0);
    // two segment cells: each linked cell sends its id and name instead of a card of about 1.8 KB
    expect((full - linked) / 2).toBeGreaterThan(1500);
  });

  test("each key cell is written once, with its card: not with its text first", async () => {
    for (const cards of ["full", "linked"] as const) {
      fake.replace();
      if (cards === "linked") {
        desktop();
        await registerSegmentDomain();
      }
      const writes: Array<[string, string, number, number, number]> = [];
      const write = fake.wb.writeCells.bind(fake.wb);
      jest.spyOn(fake.wb, "writeCells").mockImplementation((target, kind, data, options) => {
        writes.push([target.sheet.name, kind, target.left, target.top, target.bottom]);
        return write(target, kind, data, options);
      });
      await insert(cards);
      expect(keyText()).toEqual(["North America", "USA"]);
      // A4:A5 (column 0, rows 3 and 4 counted from 0): a number format, then the cards; no text or formula
      const key = writes.filter(
        ([sheet, , left, top, bottom]) => sheet === "IoMT Regions" && left === 0 && top <= 4 && bottom >= 3,
      );
      expect([cards, key.map(([, kind]) => kind)]).toEqual([cards, ["numberFormat", "valuesAsJson"]]);
    }
  });

  test("without 1.19 (the web) the cells hold full cards, as before", async () => {
    await insert("full");
    expect(keyCells().map((c) => c?.type)).toEqual(["Entity", "Entity"]);
    expect(fake.wb.loadRequests).toEqual([]);
  });

  test("the segment list writes linked cards with the domain, full ones without", async () => {
    desktop();
    await registerSegmentDomain();
    const names = DATASET.segments.slice(0, 2).map((s) => s.name);
    expect((await insertSegmentList(INDEX, names, true, "linked")).count).toBe(2);
    expect(fake.wb.sheet("Sheet1").cellJson("A1")?.type).toBe("LinkedEntity");
    expect(fake.wb.sheet("Sheet1").text("A2")).toBe(names[1]);
    fake.replace();
    await insertSegmentList(INDEX, names, true, "full");
    expect(fake.wb.sheet("Sheet1").cellJson("A1")?.type).toBe("Entity");
  });
});

describe("refresh", () => {
  test("linked cards Excel loaded from the bundled dataset: nothing to change, nothing written, one round trip", async () => {
    desktop();
    await registerSegmentDomain();
    await insert("linked");
    const before = snapshot();
    const requests = fake.wb.loadRequests.length;
    fake.excel.resetCounters();
    const r = await refresh("linked");
    expect([r.status, r.syncs]).toEqual(["unchanged", 1]);
    expect(snapshot()).toBe(before);
    expect(fake.wb.loadRequests).toHaveLength(requests);
    // Data > Refresh All asks the load service again and changes nothing either
    fake.wb.refreshAll();
    expect(fake.wb.loadRequests).toHaveLength(requests + 1);
    expect((await refresh("linked")).status).toBe("unchanged");
  });

  test("cards Excel loaded from an earlier edition are loaded again; the cells themselves are not written", async () => {
    desktop();
    // the workbook's cards were loaded by an earlier version of the add-in, whose dataset was the previous edition
    fake.wb.loadServices.set(SEGMENT_DOMAIN.loadFunctionId, (request) => loadSegmentCards(PREVIOUS, request, RANGE_AT));
    await registerSegmentDomain();
    await insert("linked");
    const na2029 = async () =>
      Excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("IoMT Regions").getRange("A4").load("valuesAsJson");
        await ctx.sync();
        return (r.valuesAsJson[0][0] as Excel.LinkedEntityCellValue).properties!["2029 value"];
      });
    expect(await na2029()).toMatchObject({ basicValue: 70000 });
    fake.wb.loadServices.set(SEGMENT_DOMAIN.loadFunctionId, segmentCards);
    const stored = JSON.stringify(keyCells());
    const r = await refresh("linked");
    expect(r.plan.actions.find((a) => a.tableName === "IoMT_Regions")).toMatchObject({ cardsToReload: 1 });
    expect(describeRefresh(r)).toContainEqual(
      "IoMT_Regions: up to date. 1 linked card(s) held an earlier edition: Excel loads them again from the add-in.",
    );
    expect(await na2029()).toMatchObject({ basicValue: 79107 });
    expect(JSON.stringify(keyCells())).toBe(stored);
    expect((await refresh("linked")).plan.actions[0]).toMatchObject({ cardsToReload: 0 });
  });

  test("full cards in an Excel with 1.19 stay while they match, and are written linked when they differ", async () => {
    await insert("full");
    desktop();
    await registerSegmentDomain();
    expect((await refresh("linked")).status).toBe("unchanged");
    expect(keyCells().map((c) => c?.type)).toEqual(["Entity", "Entity"]);
    // USA's card from another edition: rebuilt, as a linked card
    const usa = keyCells()[1]!;
    fake.wb
      .sheet("IoMT Regions")
      .setCellJson("A5", { ...usa, properties: { Name: { type: "String", basicValue: "USA" } } });
    const r = await refresh("linked");
    expect(r.plan.actions[0]).toMatchObject({ entitiesUpdated: 1 });
    expect(keyCells().map((c) => c?.type)).toEqual(["Entity", "LinkedEntity"]);
  });

  test("rows are found by the card's id when the cell shows #CONNECT! or #VALUE!: no row is added twice", async () => {
    desktop();
    await registerSegmentDomain();
    await insert("linked");
    // the load service fails (the add-in not loaded): Excel shows #CONNECT!
    fake.wb.loadServices.set(SEGMENT_DOMAIN.loadFunctionId, () => {
      throw new Error("not loaded");
    });
    fake.wb.refreshAll();
    expect(keyText()).toEqual(["#CONNECT!", "#CONNECT!"]);
    const before = snapshot();
    const r = await refresh("linked");
    expect(r.status).toBe("unchanged");
    expect(snapshot()).toBe(before);
    expect(fake.wb.table("IoMT_Regions")!.rows).toHaveLength(2);
    // the same workbook opened in Excel on the web: #VALUE!, only the id and text read back; refresh leaves the cards
    fake.wb.supportsLinkedEntities = false;
    expect(keyText()).toEqual(["#VALUE!", "#VALUE!"]);
    const web = await refresh("full");
    expect(web.status).toBe("unchanged");
    expect(snapshot()).toBe(before);
    expect(fake.wb.table("IoMT_Regions")!.rows).toHaveLength(2);
  });

  test("an analyst's own value in a linked cell is kept: text typed over it, or another provider's data type", async () => {
    desktop();
    await registerSegmentDomain();
    await insert("linked");
    fake.wb.sheet("IoMT Regions").setCell("A4", "North America");
    fake.wb.sheet("IoMT Regions").setCellJson("A5", {
      type: "Entity",
      text: "USA",
      properties: {},
      provider: { description: "Geography" },
    });
    const r = await refresh("linked");
    expect(fake.wb.sheet("IoMT Regions").cell("A4").value).toBe("North America");
    expect(keyCells().map((c) => c?.type)).toEqual([undefined, "Entity"]);
    expect(r.plan.actions[0]).toMatchObject({ edits: [expect.objectContaining({ content: "USA (Geography)" })] });
  });

  test("a new row gets a linked card with the domain, a full card without", async () => {
    desktop();
    await registerSegmentDomain();
    // inserted from an edition without the USA: refresh adds its row
    const withoutUsa = buildIndex({ ...DATASET, segments: DATASET.segments.filter((s) => s.name !== "USA") });
    await insertTables(
      withoutUsa,
      CHECKS,
      { ...DEFAULT_OPTIONS, sections: ["regions"], dataTypes: true },
      undefined,
      "linked",
    );
    expect(fake.wb.table("IoMT_Regions")!.rows).toHaveLength(1);
    await refresh("linked");
    expect(keyCells().map((c) => c?.type)).toEqual(["LinkedEntity", "LinkedEntity"]);
    expect(keyText()).toEqual(["North America", "USA"]);
  });
});
