/**
 * Tests of the Excel stand-in itself (tests/support/fake-excel.ts), its Office.js protocol: Excel.run and
 * context.sync, load and PropertyNotLoaded, null objects, the request payload, a writer as the add-in writes.
 */
import { PAYLOAD_LIMIT, type Scalar, useFakeExcel } from "../support/fake-excel";
import { dataSheet, seedRegions, SHEETS } from "../support/fake-excel-seed";
import { caught } from "../support/failure";

const fake = useFakeExcel(SHEETS);

describe("Excel.run and context.sync", () => {
  test("each run gets a fresh context, returns the batch result, and state persists across runs", async () => {
    const seen: Excel.RequestContext[] = [];
    await Excel.run(async (ctx) => {
      seen.push(ctx);
      dataSheet(ctx).getRange("A1:B1").values = [["x", 2]];
      await ctx.sync();
    });
    const values = await Excel.run(async (ctx) => {
      seen.push(ctx);
      const r = dataSheet(ctx).getRange("A1:B1").load("values");
      await ctx.sync();
      return r.values;
    });
    expect(values).toEqual([["x", 2]]);
    expect(seen[0]).not.toBe(seen[1]);
  });

  test("objects from one run cannot be used in another (loaded values stay readable)", async () => {
    fake.wb.sheet("IoMT Data").setCell("A1", 5);
    const r = await Excel.run(async (ctx) => {
      const range = dataSheet(ctx).getRange("A1").load("values");
      await ctx.sync();
      return range;
    });
    expect(r.values).toEqual([[5]]);
    expect(caught(() => r.load("address")).code).toBe("InvalidObjectPath");
    expect(
      caught(() => {
        r.values = [[6]];
      }).message,
    ).toMatch(/across Excel.run/);
    const e = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).tables.add(r, true);
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidObjectPath");
    expect(fake.wb.sheet("IoMT Data").cell("A1").value).toBe(5);
  });

  test("sync applies queued writes in order, counts round trips, and pending writes sync when the batch ends", async () => {
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1");
      r.values = [[1]];
      r.values = [[2]];
      expect(fake.wb.sheet("IoMT Data").cell("A1").value).toBe(""); // nothing applied before sync
      await ctx.sync();
      expect(fake.wb.sheet("IoMT Data").cell("A1").value).toBe(2);
      r.values = [[3]]; // no explicit sync: Excel.run flushes it
    });
    expect(fake.wb.sheet("IoMT Data").cell("A1").value).toBe(3);
    expect(fake.excel.syncCount).toBe(2);
    await Excel.run(async (ctx) => {
      dataSheet(ctx).load("name");
      await ctx.sync();
    });
    expect(fake.excel.syncCount).toBe(3);
  });

  test("the batch must return a promise", async () => {
    const e = await caught(Excel.run((() => 1) as any));
    expect(e.code).toBe("RunMustReturnPromise");
  });
});

describe("loading and PropertyNotLoaded", () => {
  test("a property is readable only after load() and a sync", async () => {
    fake.wb.sheet("IoMT Data").setCell("A1", 1);
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1");
      expect(caught(() => r.values).message).toContain("PropertyNotLoaded");
      expect(caught(() => r.isNullObject).code).toBe("PropertyNotLoaded");
      r.load("values");
      expect(caught(() => r.values).code).toBe("PropertyNotLoaded");
      expect(caught(() => r.address).message).toContain("PropertyNotLoaded");
      await ctx.sync();
      expect(r.values).toEqual([[1]]);
      expect(r.isNullObject).toBe(false);
      expect(caught(() => r.address).code).toBe("PropertyNotLoaded");
      expect(caught(() => dataSheet(ctx).name).code).toBe("PropertyNotLoaded");
    });
  });

  test("an assigned property reads back the assigned value without a load, as in Office.js", async () => {
    seedRegions(fake.wb);
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      t.name = "Regions";
      expect(t.name).toBe("Regions");
      await ctx.sync();
    });
    expect(fake.wb.tableNames()).toEqual(["Regions"]);
  });

  test("load takes a comma list, an array or nothing (every property); collections load items/ paths", async () => {
    seedRegions(fake.wb);
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      const a = t.getRange().load("address, rowCount");
      const b = t.getRange().load(["text"]);
      const all = t.getHeaderRowRange().load();
      const sheets = ctx.workbook.worksheets.load("items/name");
      const tables = dataSheet(ctx).tables.load("items/name");
      await ctx.sync();
      expect([a.address, a.rowCount, b.text[1]]).toEqual(["'IoMT Data'!B2:D4", 3, ["North America", "10", "20"]]);
      expect([all.address, all.values, all.columnCount]).toEqual([
        "'IoMT Data'!B2:D2",
        [["Region", "2028", "2029"]],
        3,
      ]);
      expect(sheets.items.map((s) => s.name)).toEqual(["IoMT Data", "Notes"]);
      expect(tables.items.map((x) => x.name)).toEqual(["IoMT_Regions"]);
      expect(caught(() => t.getRange().load("nonsense")).code).toBe("InvalidArgument");
      expect(caught(() => ctx.workbook.worksheets.load("name")).code).toBe("InvalidArgument");
    });
  });
});

describe("null objects", () => {
  test("a missing item is a null object; chained calls and loads on it do not fail, reads do", async () => {
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItemOrNullObject("IoMT_Regions");
      const body = t.getDataBodyRange().getResizedRange(2, 0).load("values,address");
      const ws = t.worksheet.load("name");
      ws.protection.load("protected");
      await ctx.sync();
      expect(t.isNullObject).toBe(true);
      expect(body.isNullObject).toBe(true);
      expect(ws.isNullObject).toBe(true);
      expect(caught(() => t.name).code).toBe("InvalidObjectPath");
      expect(() => body.values).toThrow(/null object/);
      body.values = [[1]]; // ignored on a null object
      await ctx.sync();
    });
    expect(fake.wb.sheet("IoMT Data").cells.size).toBe(0);
  });

  test("an existing item found with *OrNullObject is not null", async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject("notes").load("name");
      await ctx.sync();
      expect(ws.isNullObject).toBe(false);
      expect(ws.name).toBe("Notes");
    });
  });
});

describe("request payload", () => {
  test("each sync's payload size is recorded; resetCounters clears the counters", async () => {
    await Excel.run(async (ctx) => {
      await ctx.sync();
      dataSheet(ctx).getRange("A1:B1").values = [["a".repeat(1000), 1]];
      await ctx.sync();
    });
    expect(fake.excel.requests).toHaveLength(2);
    expect(fake.excel.requests[1]).toBeGreaterThan(1000);
    expect(fake.excel.requests[1]).toBeGreaterThan(fake.excel.requests[0]);
    expect(fake.excel.maxRequestBytes).toBe(fake.excel.requests[1]);
    fake.excel.resetCounters();
    expect([fake.excel.syncCount, fake.excel.requests, fake.excel.maxRequestBytes]).toEqual([0, [], 0]);
  });

  test("a request over 5 MB is rejected whole with RequestPayloadSizeLimitExceeded", async () => {
    const rows: Scalar[][] = Array.from({ length: 2000 }, () => ["x".repeat(3000)]);
    const e = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).getRange("Z1").values = [["first"]];
        dataSheet(ctx).getRange("A1:A2000").values = rows;
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.excel.maxRequestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(fake.wb.sheet("IoMT Data").cells.size).toBe(0); // the request never ran: nothing of it applied
  });
});

describe("a typical writer", () => {
  /** Refreshes IoMT_Regions in place with `rows`, as the task pane would. */
  async function refresh(rows: Scalar[][]): Promise<boolean> {
    return Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItemOrNullObject("IoMT_Regions");
      const body = t.getDataBodyRange().load("values,formulas,address,rowCount");
      const ws = t.worksheet.load("name");
      ws.protection.load("protected");
      await ctx.sync();
      if (t.isNullObject) return false;
      if (ws.protection.protected) throw new Error("protected");
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      t.resize(t.getHeaderRowRange().getResizedRange(rows.length, 0));
      body.getResizedRange(rows.length - body.rowCount, 0).values = rows;
      await ctx.sync();
      return true;
    });
  }

  test("a user's formula keeps working after a refresh that adds a row", async () => {
    expect(await refresh([["x", 1, 2]])).toBe(false);
    seedRegions(fake.wb);
    const s = fake.wb.sheet("IoMT Data");
    s.setCell("F2", "=SUM(IoMT_Regions[2029])");
    fake.excel.resetCounters();
    expect(
      await refresh([
        ["North America", 11, 21],
        ["Europe", 6, 8],
        ["Asia", 3, 4],
      ]),
    ).toBe(true);
    expect(fake.excel.syncCount).toBe(2);
    expect(fake.wb.table("IoMT_Regions")).toMatchObject({
      address: "B2:D5",
      rows: [
        ["North America", 11, 21],
        ["Europe", 6, 8],
        ["Asia", 3, 4],
      ],
    });
    expect(s.cell("F2").value).toBe(33);
    expect(fake.wb.calculationSuspensions).toBe(1);
  });
});

describe("selection events and the tables at a range", () => {
  const changes = (): Promise<Excel.WorksheetSelectionChangedEventArgs> =>
    new Promise((resolve) => {
      void Excel.run(async (ctx) => {
        ctx.workbook.worksheets.onSelectionChanged.add(async (args) => resolve(args));
        await ctx.sync();
      });
    });

  test("a handler is told after the selection moves, with the address only, and reads the cells itself", async () => {
    fake.wb.sheet("IoMT Data").setCell("C3", 42);
    const told = changes();
    await new Promise((r) => setTimeout(r, 0));
    fake.wb.select("IoMT Data", "C3");
    const args = await told;
    expect(args).toEqual({
      address: "C3",
      worksheetId: fake.wb.sheet("IoMT Data").id,
      type: "WorksheetSelectionChanged",
    });
    const value = await Excel.run(async (ctx) => {
      const r = ctx.workbook.getSelectedRange().load("values,address");
      await ctx.sync();
      return [r.address, r.values];
    });
    expect(value).toEqual(["'IoMT Data'!C3", [[42]]]);
  });

  test("add() takes effect only at the sync that sends it; remove() ends it, in the same request context", async () => {
    const result = await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.onSelectionChanged.add(async () => undefined);
      expect(fake.wb.selectionHandlers.size).toBe(0);
      await ctx.sync();
      expect(fake.wb.selectionHandlers.size).toBe(1);
      r.remove();
      expect(fake.wb.selectionHandlers.size).toBe(1);
      await ctx.sync();
      expect(fake.wb.selectionHandlers.size).toBe(0);
      return ctx.workbook.worksheets.onSelectionChanged.add(async () => undefined);
    });
    expect(fake.wb.selectionHandlers.size).toBe(1);
    // "remove an event handler … with the same request context that added it" (Work with Events using the Excel
    // JavaScript API): a result kept past its Excel.run cannot remove its handler
    expect(caught(() => result.remove()).code).toBe("InvalidObjectPath");
    expect(fake.wb.selectionHandlers.size).toBe(1);
  });

  test("getTables: the tables a range overlaps (or lies within), and none elsewhere", async () => {
    seedRegions(fake.wb);
    const names = await Excel.run(async (ctx) => {
      const sheet = dataSheet(ctx);
      const inside = sheet.getRange("C3").getTables(false).load("items/name");
      const outside = sheet.getRange("F9").getTables(false).load("items/name");
      const contained = sheet.getRange("C3").getTables(true).load("items/name");
      await ctx.sync();
      return [inside, outside, contained].map((c) => c.items.map((t) => t.name));
    });
    expect(names).toEqual([["IoMT_Regions"], [], []]);
  });

  test("a row's cells within a table: getEntireRow then getIntersectionOrNullObject, or a null object", async () => {
    seedRegions(fake.wb);
    const [row, none] = await Excel.run(async (ctx) => {
      const sheet = dataSheet(ctx);
      const table = ctx.workbook.tables.getItem("IoMT_Regions").getRange();
      const r = sheet.getRange("D3").getEntireRow().getIntersectionOrNullObject(table).load("address,values");
      const n = sheet.getRange("D9").getEntireRow().getIntersectionOrNullObject(table).load("address");
      await ctx.sync();
      return [r, n];
    });
    expect([row.address, row.values]).toEqual(["'IoMT Data'!B3:D3", [["North America", 10, 20]]]);
    expect(none.isNullObject).toBe(true);
  });
});
