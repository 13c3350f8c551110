/**
 * Tests of the in-memory Excel stand-in itself (tests/support/fake-excel.ts): the Office.js protocol, then the
 * workbook model, then the behaviours where it is as strict as real Excel.
 */
import { FakeExcelHandle, FakeWorkbook, installFakeExcel, PAYLOAD_LIMIT, Scalar } from "./support/fake-excel";
import { caught } from "./support/failure";

let wb: FakeWorkbook;
let h: FakeExcelHandle;

beforeEach(() => {
  wb = new FakeWorkbook(["IoMT Data", "Notes"]);
  h = installFakeExcel(wb);
});
afterEach(() => h.uninstall());

/** IoMT_Regions on 'IoMT Data'!B2:D4: Region | 2028 | 2029, two data rows. */
function seedRegions(): void {
  wb.sheet("IoMT Data").setCells("B2", [
    ["Region", "2028", "2029"],
    ["North America", 10, 20],
    ["Europe", 5, 7],
  ]);
  wb.addTable("IoMT Data", "B2:D4", "IoMT_Regions");
}
const data = (ctx: Excel.RequestContext): Excel.Worksheet => ctx.workbook.worksheets.getItem("IoMT Data");

describe("Excel.run and context.sync", () => {
  test("each run gets a fresh context, returns the batch result, and state persists across runs", async () => {
    const seen: Excel.RequestContext[] = [];
    await Excel.run(async (ctx) => {
      seen.push(ctx);
      data(ctx).getRange("A1:B1").values = [["x", 2]];
      await ctx.sync();
    });
    const values = await Excel.run(async (ctx) => {
      seen.push(ctx);
      const r = data(ctx).getRange("A1:B1").load("values");
      await ctx.sync();
      return r.values;
    });
    expect(values).toEqual([["x", 2]]);
    expect(seen[0]).not.toBe(seen[1]);
  });

  test("objects from one run cannot be used in another (loaded values stay readable)", async () => {
    wb.sheet("IoMT Data").setCell("A1", 5);
    const r = await Excel.run(async (ctx) => {
      const range = data(ctx).getRange("A1").load("values");
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
        data(ctx).tables.add(r, true);
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidObjectPath");
    expect(wb.sheet("IoMT Data").cell("A1").value).toBe(5);
  });

  test("sync applies queued writes in order, counts round trips, and pending writes sync when the batch ends", async () => {
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1");
      r.values = [[1]];
      r.values = [[2]];
      expect(wb.sheet("IoMT Data").cell("A1").value).toBe(""); // nothing applied before sync
      await ctx.sync();
      expect(wb.sheet("IoMT Data").cell("A1").value).toBe(2);
      r.values = [[3]]; // no explicit sync: Excel.run flushes it
    });
    expect(wb.sheet("IoMT Data").cell("A1").value).toBe(3);
    expect(h.syncCount).toBe(2);
    await Excel.run(async (ctx) => {
      data(ctx).load("name");
      await ctx.sync();
    });
    expect(h.syncCount).toBe(3);
  });

  test("the batch must return a promise", async () => {
    const e = await caught(Excel.run((() => 1) as any));
    expect(e.code).toBe("RunMustReturnPromise");
  });
});

describe("loading and PropertyNotLoaded", () => {
  test("a property is readable only after load() and a sync", async () => {
    wb.sheet("IoMT Data").setCell("A1", 1);
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1");
      expect(caught(() => r.values).message).toContain("PropertyNotLoaded");
      expect(caught(() => r.isNullObject).code).toBe("PropertyNotLoaded");
      r.load("values");
      expect(caught(() => r.values).code).toBe("PropertyNotLoaded");
      expect(caught(() => r.address).message).toContain("PropertyNotLoaded");
      await ctx.sync();
      expect(r.values).toEqual([[1]]);
      expect(r.isNullObject).toBe(false);
      expect(caught(() => r.address).code).toBe("PropertyNotLoaded");
      expect(caught(() => data(ctx).name).code).toBe("PropertyNotLoaded");
    });
  });

  test("an assigned property reads back the assigned value without a load, as in Office.js", async () => {
    seedRegions();
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      t.name = "Regions";
      expect(t.name).toBe("Regions");
      await ctx.sync();
    });
    expect(wb.tableNames()).toEqual(["Regions"]);
  });

  test("load takes a comma list, an array or nothing (every property); collections load items/ paths", async () => {
    seedRegions();
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      const a = t.getRange().load("address, rowCount");
      const b = t.getRange().load(["text"]);
      const all = t.getHeaderRowRange().load();
      const sheets = ctx.workbook.worksheets.load("items/name");
      const tables = data(ctx).tables.load("items/name");
      await ctx.sync();
      expect([a.address, a.rowCount, b.text[1]]).toEqual(["'IoMT Data'!B2:D4", 3, ["North America", "10", "20"]]);
      expect([all.address, all.values, all.rowHidden]).toEqual([
        "'IoMT Data'!B2:D2",
        [["Region", "2028", "2029"]],
        false,
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
    expect(wb.sheet("IoMT Data").cells.size).toBe(0);
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

describe("worksheets", () => {
  test("used range: values only or with formatting; a null object on an empty sheet (ExcelApi 1.4)", async () => {
    wb.sheet("IoMT Data").setCells("B2", [[1, "", "x"]]);
    wb.sheet("IoMT Data").cells.set("9,0", { value: "", formula: "", numberFormat: "0.0%" });
    const [values, all, empty] = await Excel.run(async (ctx) => {
      const v = data(ctx).getUsedRangeOrNullObject(true).load("address,rowCount,columnCount");
      const a = data(ctx).getUsedRangeOrNullObject(false).load("address");
      const e = ctx.workbook.worksheets.getItem("Notes").getUsedRangeOrNullObject(true).load("address");
      await ctx.sync();
      return [[v.address, v.rowCount, v.columnCount], a.address, e.isNullObject];
    });
    expect(values).toEqual(["'IoMT Data'!B2:D2", 1, 3]);
    expect(all).toBe("'IoMT Data'!A2:D10");
    expect(empty).toBe(true);
  });

  test("visibility: very hidden sheets; the last visible sheet cannot be hidden", async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Notes").visibility = "VeryHidden";
      await ctx.sync();
    });
    expect(wb.sheet("Notes").visibility).toBe("VeryHidden");
    const e = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("IoMT Data").visibility = "Hidden";
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperation");
    const bad = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Notes").visibility = "Gone" as Excel.SheetVisibility;
        await ctx.sync();
      }),
    );
    expect(bad.code).toBe("InvalidArgument");
  });

  test("Worksheet.delete: a very hidden sheet only once set hidden; never the last visible sheet", async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Notes").visibility = "VeryHidden";
      await ctx.sync();
    });
    const hidden = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Notes").delete();
        await ctx.sync();
      }),
    );
    expect(hidden.code).toBe("InvalidOperation");
    expect(wb.findSheet("Notes")).toBeDefined();
    await Excel.run(async (ctx) => {
      const notes = ctx.workbook.worksheets.getItem("Notes");
      notes.visibility = "Hidden";
      notes.delete();
      await ctx.sync();
    });
    expect(wb.findSheet("Notes")).toBeUndefined();
    const last = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("IoMT Data").delete();
        await ctx.sync();
      }),
    );
    expect(last.code).toBe("InvalidOperation");
  });

  test("getItem of a missing sheet fails at sync with ItemNotFound", async () => {
    const e = await caught(
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Nope"); // no throw when queued
        ws.load("name");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemNotFound");
  });

  test("add and activate; names are unique regardless of case", async () => {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("Charts");
      const unnamed = ctx.workbook.worksheets.add();
      ws.load("name");
      unnamed.load("name");
      ws.activate();
      await ctx.sync();
      expect([ws.name, unnamed.name]).toEqual(["Charts", "Sheet1"]);
    });
    expect(wb.sheetNames()).toEqual(["IoMT Data", "Notes", "Charts", "Sheet1"]);
    expect(wb.activeSheet?.name).toBe("Charts");
    const e = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add("iomt DATA");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ItemAlreadyExists");
    const bad = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add("a/b");
        await ctx.sync();
      }),
    );
    expect(bad.code).toBe("InvalidArgument");
  });

  test("protection.protected is loadable; a write to a protected sheet fails with AccessDenied, after the writes before it", async () => {
    wb.protect("IoMT Data");
    const e = await caught(
      Excel.run(async (ctx) => {
        const ws = data(ctx);
        ws.protection.load("protected");
        await ctx.sync();
        expect(ws.protection.protected).toBe(true);
        ctx.workbook.worksheets.getItem("Notes").getRange("A1").values = [["queued first"]];
        ws.getRange("A1").values = [["blocked"]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("AccessDenied");
    expect(e.message).toContain("protected");
    // A request is not a transaction: Office.js documents no rollback, so the write queued first stays applied.
    expect(wb.sheet("Notes").cell("A1").value).toBe("queued first");
    expect(wb.sheet("IoMT Data").cell("A1").value).toBe("");
    wb.unprotect("IoMT Data");
    await Excel.run(async (ctx) => {
      data(ctx).getRange("A1").values = [["ok"]];
      await ctx.sync();
    });
    expect(wb.sheet("IoMT Data").cell("A1").value).toBe("ok");
  });

  test("freezePanes and charts are recorded", async () => {
    seedRegions();
    await Excel.run(async (ctx) => {
      const ws = data(ctx);
      ws.freezePanes.freezeRows(2);
      const chart = ws.charts.add("ColumnClustered", ws.getRange("B2:D4"), Excel.ChartSeriesBy.columns);
      chart.name = "RegionsChart";
      chart.title.text = "IoMT by region";
      chart.setPosition("F2", "L20");
      await ctx.sync();
    });
    const s = wb.sheet("IoMT Data");
    expect(s.frozenRows).toBe(2);
    expect(s.charts).toEqual([
      {
        type: "ColumnClustered",
        name: "RegionsChart",
        source: "'IoMT Data'!B2:D4",
        seriesBy: "Columns",
        title: "IoMT by region",
        startCell: "F2",
        endCell: "L20",
      },
    ]);
    wb.protect("IoMT Data");
    const e = await caught(
      Excel.run(async (ctx) => {
        data(ctx).charts.add("Pie", data(ctx).getRange("B2:C4"));
        await ctx.sync();
      }),
    );
    expect([e.code, s.charts.length]).toEqual(["AccessDenied", 1]);
  });
});

describe("tables", () => {
  test("tables.add names the table, makes headers text, and refuses overlaps and name clashes", async () => {
    wb.sheet("IoMT Data").setCells("A1", [
      [2028, 2029],
      [1, 2],
    ]);
    await Excel.run(async (ctx) => {
      const t = data(ctx).tables.add("A1:B2", true);
      t.load("name,style");
      const header = t.getHeaderRowRange().load("values");
      await ctx.sync();
      expect([t.name, header.values, t.style]).toEqual(["Table1", [["2028", "2029"]], "TableStyleMedium2"]);
      t.name = "IoMT_Years";
      t.style = "TableStyleLight9";
      await ctx.sync();
    });
    expect(wb.table("IoMT_Years")).toMatchObject({
      sheet: "IoMT Data",
      address: "A1:B2",
      headers: ["2028", "2029"],
      rows: [[1, 2]],
      style: "TableStyleLight9",
    });
    const overlap = await caught(
      Excel.run(async (ctx) => {
        data(ctx).tables.add("B2:C3", true);
        await ctx.sync();
      }),
    );
    expect(overlap.code).toBe("InvalidArgument");
    const clash = await caught(
      Excel.run(async (ctx) => {
        const t = ctx.workbook.tables.add("'IoMT Data'!E1:F2", true);
        t.name = "iomt_years";
        await ctx.sync();
      }),
    );
    expect(clash.code).toBe("ItemAlreadyExists");
    expect(wb.tableNames()).toEqual(["IoMT_Years", "Table1"]); // the add before the failing rename stays: no rollback
    const noSheet = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.tables.add("H1:I2", true);
        await ctx.sync();
      }),
    );
    expect(noSheet.code).toBe("InvalidArgument");
  });

  test("a table without headers gets a header row above its data", async () => {
    wb.sheet("IoMT Data").setCells("A1", [[1, 2]]);
    await Excel.run(async (ctx) => {
      data(ctx).tables.add(data(ctx).getRange("A1:B1"), false);
      await ctx.sync();
    });
    expect(wb.table("Table1")).toMatchObject({ address: "A1:B2", headers: ["Column1", "Column2"], rows: [[1, 2]] });
  });

  test("getRange, getHeaderRowRange, getDataBodyRange, worksheet and the workbook's and sheet's collections", async () => {
    seedRegions();
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("iomt_regions");
      const [all, header, body] = [t.getRange(), t.getHeaderRowRange(), t.getDataBodyRange()].map((r) =>
        r.load("address,values"),
      );
      const ws = t.worksheet.load("name");
      const onNotes = ctx.workbook.worksheets.getItem("Notes").tables.load("items/name");
      const elsewhere = ctx.workbook.worksheets.getItem("Notes").tables.getItemOrNullObject("IoMT_Regions");
      await ctx.sync();
      expect([all.address, header.address, body.address]).toEqual([
        "'IoMT Data'!B2:D4",
        "'IoMT Data'!B2:D2",
        "'IoMT Data'!B3:D4",
      ]);
      expect(body.values).toEqual([
        ["North America", 10, 20],
        ["Europe", 5, 7],
      ]);
      expect([ws.name, onNotes.items, elsewhere.isNullObject]).toEqual(["IoMT Data", [], true]);
    });
  });

  test("resize grows over the rows below, shrinking leaves the cells, and the top-left must stay", async () => {
    seedRegions();
    const s = wb.sheet("IoMT Data");
    s.setCells("B5", [["Asia", 3, 4]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("IoMT_Regions").resize("B2:D5");
      await ctx.sync();
    });
    expect(wb.table("IoMT_Regions")?.rows).toEqual([
      ["North America", 10, 20],
      ["Europe", 5, 7],
      ["Asia", 3, 4],
    ]);
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      t.resize(data(ctx).getRange("B2:C3"));
      await ctx.sync();
    });
    expect(wb.table("IoMT_Regions")).toMatchObject({ address: "B2:C3", headers: ["Region", "2028"] });
    expect(s.values("B4:D5")).toEqual([
      ["Europe", 5, 7],
      ["Asia", 3, 4],
    ]);
    const e = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.tables.getItem("IoMT_Regions").resize("B3:C5");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
  });

  test("writing header cells changes the headers (made unique) and renames the column in formulas", async () => {
    seedRegions();
    const s = wb.sheet("IoMT Data");
    s.setCell("F2", "=SUM(IoMT_Regions[2029])");
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("IoMT_Regions").getHeaderRowRange().values = [["Region", "2029", "2030"]];
      await ctx.sync();
    });
    expect(wb.table("IoMT_Regions")?.headers).toEqual(["Region", "2029", "2030"]);
    expect(s.cell("F2")).toMatchObject({ formula: "=SUM(IoMT_Regions[2030])", value: 27 });
    await Excel.run(async (ctx) => {
      data(ctx).getRange("C2:D2").values = [["Region", ""]];
      await ctx.sync();
    });
    expect(wb.table("IoMT_Regions")?.headers).toEqual(["Region", "Region2", "Column3"]);
  });
});

describe("ranges", () => {
  test("values, formulas and numberFormat read and write as 2-D arrays", async () => {
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1:C2");
      r.values = [
        ["Name", "42", "=1.5"],
        [true, null, "'007"],
      ];
      r.numberFormat = [
        ["@", "0", "0.0"],
        ["General", "0%", "@"],
      ];
      r.formulas = [
        [null, null, null],
        [null, "=SUM(Nope[x])", null],
      ];
      r.load("values,formulas,numberFormat,text");
      await ctx.sync();
      expect(r.values).toEqual([
        ["Name", 42, 1.5],
        [true, "#REF!", "007"],
      ]);
      expect(r.formulas).toEqual([
        ["Name", 42, "=1.5"],
        [true, "=SUM(Nope[x])", "007"],
      ]);
      expect(r.numberFormat).toEqual([
        ["@", "0", "0.0"],
        ["General", "0%", "@"],
      ]);
    });
    expect(wb.sheet("IoMT Data").cell("B1")).toEqual({ value: 42, formula: "42", numberFormat: "0" });
  });

  test("writes must match the range's dimensions; a scalar only fits a single cell", async () => {
    const wrong = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("A1:B2").values = [[1, 2]];
        await ctx.sync();
      }),
    );
    expect(wrong.code).toBe("InvalidArgument");
    const scalar = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("A1:B2").values = 5 as any;
        await ctx.sync();
      }),
    );
    expect(scalar.code).toBe("InvalidArgument");
    await Excel.run(async (ctx) => {
      data(ctx).getRange("A1").values = 5 as any;
      await ctx.sync();
    });
    expect(wb.sheet("IoMT Data").cell("A1").value).toBe(5);
  });

  test("address (quoted sheet name), rowCount, getCell, getResizedRange, worksheet; outside the sheet is InvalidArgument", async () => {
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("B2:D5");
      const notes = ctx.workbook.worksheets.getItem("Notes").getRange("A1").load("address");
      const got = [r, r.getCell(1, 2), r.getResizedRange(1, -1)].map((x) => x.load("address,rowCount"));
      const ws = r.worksheet.load("name");
      await ctx.sync();
      expect(got.map((x) => [x.address, x.rowCount])).toEqual([
        ["'IoMT Data'!B2:D5", 4],
        ["'IoMT Data'!D3", 1],
        ["'IoMT Data'!B2:C6", 5],
      ]);
      expect([notes.address, ws.name]).toEqual(["Notes!A1", "IoMT Data"]);
    });
    const e = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("A1").getResizedRange(-1, 0).load("address");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
  });

  test("select moves the selection that getSelectedRange reads", async () => {
    await Excel.run(async (ctx) => {
      const first = ctx.workbook.getSelectedRange().load("address");
      await ctx.sync();
      expect(first.address).toBe("'IoMT Data'!A1");
      ctx.workbook.worksheets.getItem("Notes").getRange("B3").select();
      const now = ctx.workbook.getSelectedRange().load("address");
      await ctx.sync();
      expect(now.address).toBe("Notes!B3");
    });
    expect(wb.activeSheet?.name).toBe("Notes");
  });

  test("bold, wrapText and column width; a format read over cells that differ is null", async () => {
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1:B1");
      r.format.font.bold = true;
      r.format.wrapText = true;
      r.format.columnWidth = 120;
      const f = r.format.load("columnWidth,wrapText");
      r.format.font.load("bold");
      const mixed = data(ctx).getRange("A1:A2").format.font.load("bold");
      const untouched = data(ctx).getRange("C1").format.load("columnWidth");
      await ctx.sync();
      expect([f.columnWidth, f.wrapText, f.font.bold, mixed.bold, untouched.columnWidth]).toEqual([
        120,
        true,
        true,
        null,
        48,
      ]);
    });
    expect(wb.sheet("IoMT Data").format("A1")).toEqual({ bold: true, wrapText: true });
  });
});

describe("formulas", () => {
  test("number literals, SUM over a table column, #REF! and #UNSUPPORTED", async () => {
    seedRegions();
    const s = wb.sheet("IoMT Data");
    s.setCells("F1", [
      ["=42"],
      ["=SUM(IoMT_Regions[2029])"],
      ["=SUM(IoMT_Regions[2040])"],
      ["=SUM(Other[2029])"],
      ["=A1*2"],
    ]);
    expect(s.values("F1:F5")).toEqual([[42], [27], ["#REF!"], ["#REF!"], ["#UNSUPPORTED"]]);
    await Excel.run(async (ctx) => {
      const f = data(ctx).getRange("F2").load("values,formulas");
      await ctx.sync();
      expect([f.values, f.formulas]).toEqual([[[27]], [["=SUM(IoMT_Regions[2029])"]]]);
    });
  });

  test("a user's SUM follows new values and a table rename, and breaks when the table is deleted", async () => {
    seedRegions();
    const s = wb.sheet("IoMT Data");
    s.setCell("F2", "=SUM(IoMT_Regions[2029])");
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      data(ctx).getRange("D3:D4").values = [[100], [1]];
      t.name = "Regions";
      await ctx.sync();
    });
    expect(s.cell("F2")).toMatchObject({ formula: "=SUM(Regions[2029])", value: 101 });
    wb.deleteTable("Regions");
    expect(s.cell("F2")).toMatchObject({ formula: "=SUM(#REF!)", value: "#REF!" });
    wb.sheet("Notes").setCells("A1", [
      ["Region", "2029"],
      ["x", 1],
    ]);
    wb.addTable("Notes", "A1:B2", "Regions");
    expect(s.cell("F2").value).toBe("#REF!"); // a new table of the same name does not revive it
  });
});

describe("custom properties and application", () => {
  test("custom.add adds or sets by key ignoring case; getItemOrNullObject and items read values; desktop trims to 255", async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.properties.custom.add("IoMT.version", "1");
      ctx.workbook.properties.custom.add("iomt.VERSION", "2");
      const p = ctx.workbook.properties.custom.getItemOrNullObject("IoMT.Version").load("value");
      const none = ctx.workbook.properties.custom.getItemOrNullObject("missing");
      const all = ctx.workbook.properties.custom.load("items/value");
      await ctx.sync();
      expect([p.value, none.isNullObject]).toEqual(["2", true]);
      expect(all.items.map((x) => x.value)).toEqual(["2"]);
    });
    expect(wb.customProperty("IOMT.VERSION")).toBe("2");
    expect([...wb.customProps.values()].map((p) => p.key)).toEqual(["IoMT.version"]);
    wb.setCustomProperty("long", "x".repeat(300));
    expect(wb.customProperty("long")).toHaveLength(255); // Excel desktop trims to 255 characters
  });

  test("suspendApiCalculationUntilNextSync is counted", async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      await ctx.sync();
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      await ctx.sync();
    });
    expect(wb.calculationSuspensions).toBe(2);
  });
});

describe("request payload", () => {
  test("each sync's payload size is recorded; resetCounters clears the counters", async () => {
    await Excel.run(async (ctx) => {
      await ctx.sync();
      data(ctx).getRange("A1:B1").values = [["a".repeat(1000), 1]];
      await ctx.sync();
    });
    expect(h.requests).toHaveLength(2);
    expect(h.requests[1]).toBeGreaterThan(1000);
    expect(h.requests[1]).toBeGreaterThan(h.requests[0]);
    expect(h.maxRequestBytes).toBe(h.requests[1]);
    h.resetCounters();
    expect([h.syncCount, h.requests, h.maxRequestBytes]).toEqual([0, [], 0]);
  });

  test("a request over 5 MB is rejected whole with RequestPayloadSizeLimitExceeded", async () => {
    const rows: Scalar[][] = Array.from({ length: 2000 }, () => ["x".repeat(3000)]);
    const e = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("Z1").values = [["first"]];
        data(ctx).getRange("A1:A2000").values = rows;
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(h.maxRequestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(wb.sheet("IoMT Data").cells.size).toBe(0); // the request never ran: nothing of it applied
  });
});

describe("FakeWorkbook helpers", () => {
  test("sheets, protection, tables and cells can be inspected and changed directly", () => {
    seedRegions();
    wb.renameSheet("Notes", "Read Me");
    wb.moveSheet("Read Me", 0);
    wb.protect("Read Me");
    expect(wb.sheetNames()).toEqual(["Read Me", "IoMT Data"]);
    expect(wb.sheet("Read Me").isProtected).toBe(true);
    wb.unprotect("Read Me");
    expect(wb.sheet("Read Me").isProtected).toBe(false);
    expect(wb.table("IoMT_Regions")).toEqual({
      name: "IoMT_Regions",
      sheet: "IoMT Data",
      address: "B2:D4",
      headers: ["Region", "2028", "2029"],
      rows: [
        ["North America", 10, 20],
        ["Europe", 5, 7],
      ],
      style: "TableStyleMedium2",
    });
    expect(wb.table("nope")).toBeUndefined();
    expect(wb.sheet("IoMT Data").cell("C3")).toEqual({ value: 10, formula: "10", numberFormat: "General" });
    expect(wb.sheet("IoMT Data").usedAddress()).toBe("B2:D4");
    wb.deleteTable("IoMT_Regions");
    expect(wb.tableNames()).toEqual([]);
    expect(wb.sheet("IoMT Data").cells.size).toBe(0);
    wb.deleteSheet("Read Me");
    expect(wb.sheetNames()).toEqual(["IoMT Data"]);
    expect(() => wb.deleteSheet("IoMT Data")).toThrow(/at least one/);
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
    seedRegions();
    const s = wb.sheet("IoMT Data");
    s.setCell("F2", "=SUM(IoMT_Regions[2029])");
    h.resetCounters();
    expect(
      await refresh([
        ["North America", 11, 21],
        ["Europe", 6, 8],
        ["Asia", 3, 4],
      ]),
    ).toBe(true);
    expect(h.syncCount).toBe(2);
    expect(wb.table("IoMT_Regions")).toMatchObject({
      address: "B2:D5",
      rows: [
        ["North America", 11, 21],
        ["Europe", 6, 8],
        ["Asia", 3, 4],
      ],
    });
    expect(s.cell("F2").value).toBe(33);
    expect(wb.calculationSuspensions).toBe(1);
  });
});

describe("data types (Range.valuesAsJson, ExcelApi 1.16)", () => {
  const wearables = (): Excel.EntityCellValue => ({
    type: "Entity",
    text: "Wearables",
    properties: {
      Name: { type: "String", basicValue: "Wearables" },
      "2029 value": { type: "FormattedNumber", basicValue: 12.5, numberFormat: "#,##0.0" },
    },
    layouts: { card: { title: { property: "Name" } } },
    provider: { description: "IoMT dataset" },
  });
  const json = (ctx: Excel.RequestContext, address: string): Excel.Range =>
    data(ctx).getRange(address).load("valuesAsJson");

  test("plain cells read as CellValues; a formula cell has the type of its result", async () => {
    wb.sheet("IoMT Data").setCells("A1", [["x", 42, true, "", "=SUM(Nope[x])", "=1.5"]]);
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1:F1");
      expect(caught(() => r.valuesAsJson).code).toBe("PropertyNotLoaded");
      r.load("valuesAsJson");
      await ctx.sync();
      expect(r.valuesAsJson).toEqual([
        [
          { type: "String", basicValue: "x", basicType: "String" },
          { type: "Double", basicValue: 42, basicType: "Double" },
          { type: "Boolean", basicValue: true, basicType: "Boolean" },
          { type: "Empty", basicValue: "", basicType: "Empty" },
          { type: "Error", basicValue: "#REF!", basicType: "Error", errorType: "Ref" },
          { type: "Double", basicValue: 1.5, basicType: "Double" },
        ],
      ]);
    });
  });

  test("an entity is stored as a deep copy; values and formulas read #VALUE!, text the entity's text", async () => {
    wb.entityReadback = "exact";
    const written = wearables();
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1:B3");
      r.valuesAsJson = [
        [written, { type: "String", basicValue: "42" }],
        [
          { type: "FormattedNumber", basicValue: 0.25, numberFormat: "0%" },
          { type: "Boolean", basicValue: false },
        ],
        [
          { type: "Double", basicValue: 7 },
          { type: "String", basicValue: "=1+1" },
        ],
      ];
      await ctx.sync();
      (written.properties!.Name as Excel.StringCellValue).basicValue = "changed after the sync";
      r.load("valuesAsJson,values,formulas,text,numberFormat");
      await ctx.sync();
      expect(r.valuesAsJson[0][0]).toEqual({ ...wearables(), basicType: "Error", basicValue: "#VALUE!" });
      expect(r.valuesAsJson[0][1]).toEqual({ type: "String", basicValue: "42", basicType: "String" }); // not parsed as a number
      expect(r.values).toEqual([
        ["#VALUE!", "42"],
        [0.25, false],
        [7, "=1+1"],
      ]);
      expect(r.formulas).toEqual([
        ["#VALUE!", "42"],
        [0.25, false],
        [7, "=1+1"],
      ]); // "=1+1" stays text
      expect(r.text[0]).toEqual(["Wearables", "42"]);
      expect(r.numberFormat).toEqual([
        ["General", "General"],
        ["0%", "General"],
        ["General", "General"],
      ]);
      (r.valuesAsJson[0][0] as Excel.EntityCellValue).text = "mutated read"; // reads are copies too
    });
    const s = wb.sheet("IoMT Data");
    expect(s.cellJson("A1")).toEqual(wearables());
    expect(s.cellJson("B1")).toBeUndefined();
    expect(s.cellJson("Z9")).toBeUndefined();
    expect(s.cell("A1").value).toBe("#VALUE!");
    expect(s.text("A1")).toBe("Wearables");
    expect(s.cell("A2")).toEqual({ value: 0.25, formula: "0.25", numberFormat: "0%" });
  });

  test("Empty clears a cell and replaces an entity; values and formulas replace one; numberFormat keeps it", async () => {
    const s = wb.sheet("IoMT Data");
    s.setCellJson("A1", wearables());
    s.setCellJson("A2", wearables());
    s.setCellJson("A3", wearables());
    s.setCellJson("A4", wearables());
    s.setCell("A5", "x");
    await Excel.run(async (ctx) => {
      data(ctx).getRange("A1").values = [["plain"]];
      data(ctx).getRange("A2").formulas = [["=42"]];
      data(ctx).getRange("A3").valuesAsJson = [[{ type: "Empty" }]];
      data(ctx).getRange("A4").numberFormat = [["0.0"]];
      data(ctx).getRange("A5").valuesAsJson = [[{ type: "Empty" }]];
      await ctx.sync();
      const r = json(ctx, "A1:A5");
      await ctx.sync();
      expect(r.valuesAsJson.map((row) => row[0].type)).toEqual(["String", "Double", "Empty", "Entity", "Empty"]);
    });
    expect(["A1", "A2", "A3", "A4"].map((a) => s.cellJson(a) !== undefined)).toEqual([false, false, false, true]);
    expect(s.values("A1:A3")).toEqual([["plain"], [42], [""]]);
    expect(s.usedAddress()).toBe("A1:A4");
  });

  test("writes follow the rules of values: dimensions, protection, atomic syncs, payload accounting", async () => {
    const wrong = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("A1:B1").valuesAsJson = [[wearables()]];
        await ctx.sync();
      }),
    );
    expect(wrong.code).toBe("InvalidArgument");
    await Excel.run(async (ctx) => {
      data(ctx).getRange("A1").valuesAsJson = wearables() as any;
      await ctx.sync();
    }); // one cell takes one value
    expect(wb.sheet("IoMT Data").cellJson("A1")).toEqual(wearables());
    await Excel.run(async (ctx) => {
      data(ctx).getRange("A2:B2").valuesAsJson = [[null as any, { type: "Double", basicValue: 3 }]];
      await ctx.sync();
    });
    expect(wb.sheet("IoMT Data").values("A2:B2")).toEqual([["", 3]]); // null leaves a cell unchanged

    wb.protect("IoMT Data");
    const denied = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("C1").valuesAsJson = [[wearables()]];
        await ctx.sync();
      }),
    );
    expect(denied.code).toBe("AccessDenied");
    wb.unprotect("IoMT Data");

    h.resetCounters();
    const big = {
      ...wearables(),
      properties: { Notes: { type: "String", basicValue: "n".repeat(6 * 1024 * 1024) } },
    } as Excel.EntityCellValue;
    const tooBig = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("Z1").values = [["first"]];
        data(ctx).getRange("C1").valuesAsJson = [[big]];
        await ctx.sync();
      }),
    );
    expect(tooBig.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(h.maxRequestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(wb.sheet("IoMT Data").usedAddress()).toBe("A1:B2");
  });

  test.each([
    ["an unsupported type", { type: "Array", elements: [[{ type: "String", basicValue: "a" }]] }],
    ["a plain scalar", 5],
    ["a Double with a string", { type: "Double", basicValue: "1" }],
    ["a FormattedNumber without numberFormat", { type: "FormattedNumber", basicValue: 1 }],
    ["a Boolean with a number", { type: "Boolean", basicValue: 1 }],
    ["a String with a number", { type: "String", basicValue: 1 }],
    ["an entity with a non-string text", { type: "Entity", text: 1 }],
  ])("%s fails at sync with InvalidArgument; the write queued before it stays", async (_name, bad) => {
    const e = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("A1").valuesAsJson = [[wearables()]];
        data(ctx).getRange("B1").valuesAsJson = [[bad as any]]; // queuing does not throw
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    expect(wb.sheet("IoMT Data").cellJson("A1")).toMatchObject({ type: "Entity", text: "Wearables" });
    expect(wb.sheet("IoMT Data").cells.size).toBe(1);
  });

  test("text displays plain cells as strings and entities as their text; it needs a load", async () => {
    wb.sheet("IoMT Data").setCells("A1", [["Europe", 42, 1.5, "", "=SUM(IoMT_Missing[x])"]]);
    wb.sheet("IoMT Data").setCellJson("F1", wearables());
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1:F1");
      expect(caught(() => r.text).code).toBe("PropertyNotLoaded");
      r.load("text");
      await ctx.sync();
      expect(r.text).toEqual([["Europe", "42", "1.5", "", "#REF!", "Wearables"]]);
    });
  });

  test("a table's data body reads and writes valuesAsJson; on a null object the read fails", async () => {
    seedRegions();
    wb.entityReadback = "exact";
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      const keys = t.getDataBodyRange().getCell(0, 0).getResizedRange(1, 0);
      keys.valuesAsJson = [[wearables()], [{ type: "String", basicValue: "Europe" }]];
      const body = t.getDataBodyRange().getCell(0, 0).getResizedRange(1, 0).load("valuesAsJson,address");
      const header = t.getHeaderRowRange().getCell(0, 0).load("values,valuesAsJson");
      const missingBody = ctx.workbook.tables.getItemOrNullObject("Nope").getDataBodyRange().load("valuesAsJson");
      await ctx.sync();
      expect(body.address).toBe("'IoMT Data'!B3:B4");
      expect(body.valuesAsJson).toEqual([
        [{ ...wearables(), basicType: "Error", basicValue: "#VALUE!" }],
        [{ type: "String", basicValue: "Europe", basicType: "String" }],
      ]);
      expect(header.values).toEqual([["Region"]]);
      expect(header.valuesAsJson).toEqual([[{ type: "String", basicValue: "Region", basicType: "String" }]]);
      expect(missingBody.isNullObject).toBe(true);
      expect(caught(() => missingBody.valuesAsJson).code).toBe("InvalidObjectPath");
    });
    expect(wb.table("IoMT_Regions")?.rows[0]).toEqual(["#VALUE!", 10, 20]);
  });

  test("an entity written into a header becomes its text (headers are text)", async () => {
    seedRegions();
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("IoMT_Regions").getHeaderRowRange().getCell(0, 0).valuesAsJson = [[wearables()]];
      await ctx.sync();
    });
    expect(wb.table("IoMT_Regions")?.headers).toEqual(["Wearables", "2028", "2029"]);
    expect(wb.sheet("IoMT Data").cellJson("B2")).toBeUndefined();
  });

  test("SUM over a table column ignores entity cells; FakeSheet helpers show #VALUE! and the JSON", async () => {
    seedRegions();
    const s = wb.sheet("IoMT Data");
    s.setCell("F2", "=SUM(IoMT_Regions[2029])");
    expect(s.cell("F2").value).toBe(27);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("IoMT_Regions").getDataBodyRange().getCell(0, 2).valuesAsJson = [[wearables()]];
      await ctx.sync();
      const f = data(ctx).getRange("F2").load("values,valuesAsJson");
      await ctx.sync();
      expect(f.values).toEqual([[7]]);
      expect(f.valuesAsJson).toEqual([[{ type: "Double", basicValue: 7, basicType: "Double" }]]);
    });
    expect(s.cell("D3")).toMatchObject({ value: "#VALUE!" });
    expect(s.cellJson("D3")).toMatchObject({ type: "Entity", text: "Wearables" });
    expect(s.cell("F2").value).toBe(7);
    s.setCell("D3", 100); // typing over the entity
    expect([s.cellJson("D3"), s.cell("F2").value]).toEqual([undefined, 107]);
  });

  test("supportsDataTypes = false: loading or writing valuesAsJson fails at sync with ApiNotFound", async () => {
    wb.supportsDataTypes = false;
    wb.sheet("IoMT Data").setCell("A1", 5);
    const load = await caught(
      Excel.run(async (ctx) => {
        json(ctx, "A1");
        await ctx.sync();
      }),
    );
    expect(load.code).toBe("ApiNotFound");
    const write = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("B1").values = [["queued first"]];
        data(ctx).getRange("A1").valuesAsJson = [[wearables()]]; // queuing does not throw
        await ctx.sync();
      }),
    );
    expect(write.code).toBe("ApiNotFound");
    expect(wb.sheet("IoMT Data").values("A1:B1")).toEqual([[5, "queued first"]]); // no rollback
    const onNull = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.tables.getItemOrNullObject("Nope").getDataBodyRange().load("valuesAsJson");
        await ctx.sync();
      }),
    );
    expect(onNull.code).toBe("ApiNotFound");
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1").load(); // a bare load skips the missing API
      await ctx.sync();
      expect([r.values, r.text]).toEqual([[[5]], [["5"]]]);
      expect(caught(() => r.valuesAsJson).code).toBe("PropertyNotLoaded");
    });
    wb.supportsDataTypes = true;
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1").load();
      await ctx.sync();
      expect(r.valuesAsJson).toEqual([[{ type: "Double", basicValue: 5, basicType: "Double" }]]);
    });
  });
});

describe("strict: a request is not a transaction", () => {
  test("the operations before a failing one stay applied; proxies bound in the failed request stay unusable", async () => {
    wb.sheet("IoMT Data").setCell("B1", 5);
    wb.protect("Notes");
    let read: Excel.Range | undefined;
    const e = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("A1").values = [["applied"]];
        read = data(ctx).getRange("B1").load("values");
        ctx.workbook.worksheets.getItem("Notes").getRange("A1").values = [["refused"]];
        data(ctx).getRange("A2").values = [["after the failure"]];
        await ctx.sync();
      }),
    );
    // Office.js documents no rollback; OfficeExtension.Error.traceMessages holds what "executed before the error".
    expect(e.code).toBe("AccessDenied");
    expect(e.debugInfo.errorLocation).toContain("Range.values");
    expect(wb.sheet("IoMT Data").values("A1:A2")).toEqual([["applied"], [""]]);
    expect(wb.sheet("Notes").cell("A1").value).toBe("");
    expect(caught(() => read!.values).code).toBe("PropertyNotLoaded");
  });
});

describe("strict: strings are taken as typing", () => {
  const typed = async (
    value: string,
    numberFormat = "General",
  ): Promise<{ value: Scalar; formula: string; numberFormat: string }> => {
    const s = wb.sheet("IoMT Data");
    s.cells.clear();
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1");
      r.numberFormat = [[numberFormat]];
      r.values = [[value]];
      await ctx.sync();
    });
    return s.cell("A1");
  };

  test.each([
    ["007", 7, "7", "General"],
    ["1e3", 1000, "1000", "General"],
    ["-12", -12, "-12", "General"],
    ["+5", 5, "5", "General"],
    [" 42 ", 42, "42", "General"],
    ["1,234", 1234, "1234", "#,##0"],
    ["15%", 0.15, "0.15", "0%"],
    ["1.5%", 0.015, "0.015", "0.00%"],
    ["TRUE", true, "TRUE", "General"],
    ["fAlSe", false, "FALSE", "General"],
    ["2026-01-06", 46028, "46028", "m/d/yyyy"],
    ["2026-02-30", "2026-02-30", "2026-02-30", "General"],
    ["=1.5", 1.5, "=1.5", "General"],
    ["-abc", "#NAME?", "=-abc", "General"],
    ["+abc", "#NAME?", "=+abc", "General"],
    ["+x1", "#UNSUPPORTED", "=+x1", "General"], // X1 is a cell: a formula Excel computes, which the stand-in does not model
    ["-", "-", "-", "General"],
    ["'007", "007", "007", "General"],
    ["'=1+1", "=1+1", "'=1+1", "General"],
    ["Europe", "Europe", "Europe", "General"],
  ])("%j written to a General cell: value %j, formula %j, format %j", async (input, value, formula, numberFormat) => {
    expect(await typed(input)).toEqual({ value, formula, numberFormat });
  });

  test("a cell formatted as text keeps strings as text; a percentage keeps a format that is not General", async () => {
    expect(await typed("007", "@")).toEqual({ value: "007", formula: "007", numberFormat: "@" });
    expect(await typed("=1+1", "@")).toEqual({ value: "=1+1", formula: "'=1+1", numberFormat: "@" });
    expect(await typed("15%", "0.0")).toEqual({ value: 0.15, formula: "0.15", numberFormat: "0.0" });
    expect(await typed("2026-01-06", "#,##0")).toMatchObject({ value: 46028, numberFormat: "#,##0" });
  });

  test("formulas takes strings the same way; null leaves a cell unchanged", async () => {
    const s = wb.sheet("IoMT Data");
    s.setCell("C1", "kept");
    await Excel.run(async (ctx) => {
      data(ctx).getRange("A1:C1").formulas = [["007", "-12", null]];
      await ctx.sync();
    });
    expect(s.values("A1:C1")).toEqual([[7, -12, "kept"]]);
  });

  test("text reads back without its apostrophe, so writing back what was read types it again", async () => {
    const s = wb.sheet("IoMT Data");
    s.setCells("A1", [["'007", "'TRUE", "'-12", "'=see memo"]]);
    const read = await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1:D1").load("values,formulas");
      await ctx.sync();
      expect(r.values).toEqual([["007", "TRUE", "-12", "=see memo"]]);
      return r.formulas;
    });
    expect(read).toEqual([["007", "TRUE", "-12", "=see memo"]]);
    await Excel.run(async (ctx) => {
      data(ctx).getRange("A1:D1").formulas = read;
      await ctx.sync();
    });
    expect(s.values("A1:D1")).toEqual([[7, true, -12, "#NAME?"]]);
    expect(s.cell("D1").formula).toBe("=see memo");
  });

  test("formulas the stand-in cannot evaluate do not pretend: unknown names are #NAME?, known functions #UNSUPPORTED", async () => {
    const s = wb.sheet("IoMT Data");
    s.setCells("A1", [
      [
        "=see memo",
        "=IOMT.CAGR(1,2,3)",
        "=NOSUCH(1)",
        "=RRI(5,1,2)",
        "=A1*2",
        '=IF(TRUE,"memo",1)',
        "=_xlfn.RRI(5,1,2)",
        "=1e3",
      ],
    ]);
    expect(s.values("A1:H1")).toEqual([
      ["#NAME?", "#NAME?", "#NAME?", "#UNSUPPORTED", "#UNSUPPORTED", "#UNSUPPORTED", "#UNSUPPORTED", 1000],
    ]);
    wb.customFunctions.add("IOMT.CAGR");
    expect(s.cell("B1").value).toBe("#UNSUPPORTED");
    expect(s.cell("C1").value).toBe("#NAME?");
  });
});

describe("strict: totals rows", () => {
  test("showTotals takes the row below the body; getTotalRowRange, getRange and getDataBodyRange follow it", async () => {
    seedRegions();
    const none = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.tables.getItem("IoMT_Regions").getTotalRowRange().load("address");
        await ctx.sync();
      }),
    );
    expect(none.code).toBe("ItemNotFound");
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions").load("showTotals");
      await ctx.sync();
      expect(t.showTotals).toBe(false);
      t.showTotals = true;
      const [all, body, totals] = [t.getRange(), t.getDataBodyRange(), t.getTotalRowRange()].map((r) =>
        r.load("address"),
      );
      body.load("rowCount");
      t.load("showTotals");
      await ctx.sync();
      expect([all.address, body.address, totals.address]).toEqual([
        "'IoMT Data'!B2:D5",
        "'IoMT Data'!B3:D4",
        "'IoMT Data'!B5:D5",
      ]);
      expect([t.showTotals, body.rowCount]).toEqual([true, 2]);
    });
    expect(wb.table("IoMT_Regions")).toMatchObject({
      address: "B2:D5",
      rows: [
        ["North America", 10, 20],
        ["Europe", 5, 7],
      ],
      totals: ["Total", "", 27],
    });
    expect(wb.sheet("IoMT Data").cell("D5").formula).toBe("=SUBTOTAL(109,IoMT_Regions[2029])");
    wb.setTotals("IoMT_Regions", false);
    expect(wb.table("IoMT_Regions")?.address).toBe("B2:D4");
    expect(wb.table("IoMT_Regions")?.totals).toBeUndefined();
    expect(wb.sheet("IoMT Data").usedAddress()).toBe("B2:D4");
  });

  test("a totals row cannot take a row that holds data", async () => {
    seedRegions();
    wb.sheet("IoMT Data").setCell("C5", "analyst's note");
    const e = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.tables.getItem("IoMT_Regions").showTotals = true;
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperation");
    expect(() => wb.setTotals("IoMT_Regions", true)).toThrow(/not empty/);
    expect(wb.table("IoMT_Regions")?.address).toBe("B2:D4");
    expect(wb.table("IoMT_Regions")?.totals).toBeUndefined();
    expect(wb.sheet("IoMT Data").cell("C5").value).toBe("analyst's note");
  });

  test("resize keeps the totals row as the last row without moving its cells, so new rows overwrite the old totals", async () => {
    seedRegions();
    wb.setTotals("IoMT_Regions", true);
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      t.resize("B2:D6");
      data(ctx).getRange("B5:D5").values = [["Asia", 3, 4]];
      await ctx.sync();
    });
    expect(wb.table("IoMT_Regions")).toMatchObject({
      address: "B2:D6",
      rows: [
        ["North America", 10, 20],
        ["Europe", 5, 7],
        ["Asia", 3, 4],
      ],
      totals: ["", "", ""],
    });
    const e = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.tables.getItem("IoMT_Regions").resize("B2:D3");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument"); // a header, one body row and the totals row at least
  });
});

describe("strict: filters and hidden rows", () => {
  test("filterTable hides the rows that do not match; autoFilter reports it; SUBTOTAL(109) skips them, SUM does not", async () => {
    seedRegions();
    const s = wb.sheet("IoMT Data");
    s.setCells("F1", [["=SUM(IoMT_Regions[2029])"], ["=SUBTOTAL(109,IoMT_Regions[2029])"]]);
    await Excel.run(async (ctx) => {
      const f = ctx.workbook.tables.getItem("IoMT_Regions").autoFilter.load("enabled,isDataFiltered");
      await ctx.sync();
      expect([f.enabled, f.isDataFiltered]).toEqual([true, false]);
    });
    wb.filterTable("IoMT_Regions", "region", ["Europe"]);
    expect(s.values("F1:F2")).toEqual([[27], [7]]);
    await Excel.run(async (ctx) => {
      const f = ctx.workbook.tables.getItem("IoMT_Regions").autoFilter.load("enabled,isDataFiltered");
      const rows = ["B3", "B4", "B3:B4"].map((a) => data(ctx).getRange(a).load("rowHidden"));
      await ctx.sync();
      expect([f.enabled, f.isDataFiltered]).toEqual([true, true]);
      expect(rows.map((r) => r.rowHidden)).toEqual([true, false, null]);
    });
    expect(() => wb.filterTable("IoMT_Regions", "2035", [1])).toThrow(/no column/);
  });

  test("a filtered table cannot be resized (InvalidOperation); writes still reach its hidden rows", async () => {
    seedRegions();
    wb.filterTable("IoMT_Regions", "Region", ["Europe"]);
    const e = await caught(
      Excel.run(async (ctx) => {
        const t = ctx.workbook.tables.getItem("IoMT_Regions");
        t.getDataBodyRange().getCell(0, 1).getResizedRange(0, 1).values = [[11, 21]];
        t.resize("B2:D5");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperation");
    expect(wb.table("IoMT_Regions")).toMatchObject({
      address: "B2:D4",
      rows: [
        ["North America", 11, 21],
        ["Europe", 5, 7],
      ],
    });
  });

  test("hideRows hides whole rows; rowHidden needs a load; writes reach hidden rows", async () => {
    wb.hideRows("Notes", "2:3");
    wb.hideRows("Notes", "A5");
    await Excel.run(async (ctx) => {
      const notes = ctx.workbook.worksheets.getItem("Notes");
      const r = notes.getRange("A2:C3");
      expect(caught(() => r.rowHidden).code).toBe("PropertyNotLoaded");
      r.load("rowHidden");
      const mixed = notes.getRange("A3:A4").load("rowHidden");
      const five = notes.getRange("A5").load("rowHidden");
      r.values = [
        [1, 2, 3],
        [4, 5, 6],
      ];
      await ctx.sync();
      expect([r.rowHidden, mixed.rowHidden, five.rowHidden]).toEqual([true, null, true]);
    });
    expect(wb.sheet("Notes").values("A2:C3")).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
});

describe("strict: data types read back as Excel reshapes them", () => {
  const written = (): Excel.EntityCellValue =>
    ({
      type: "Entity",
      text: "USA",
      properties: {
        Name: { type: "String", basicValue: "USA" },
        "2029 value": { type: "FormattedNumber", basicValue: 71006, numberFormat: "#,##0.0" },
        Years: { type: "Array", elements: [[{ type: "FormattedNumber", basicValue: 0.23, numberFormat: "0%" }]] },
      },
    }) as Excel.EntityCellValue;
  const readBack = async (): Promise<any> => {
    wb.sheet("IoMT Data").setCellJson("A1", written());
    return Excel.run(async (ctx) => {
      const r = data(ctx).getRange("A1").load("valuesAsJson");
      await ctx.sync();
      return r.valuesAsJson[0][0];
    });
  };

  test("by default (the web) FormattedNumber comes back as Double without numberFormat, keys reordered, basicType added", async () => {
    expect(wb.entityReadback).toBe("web");
    const got = await readBack();
    expect(got.properties["2029 value"]).toEqual({ type: "Double", basicValue: 71006, basicType: "Double" });
    expect(got.properties.Years.elements[0][0]).toEqual({ type: "Double", basicValue: 0.23, basicType: "Double" });
    expect(got.properties.Name).toEqual({ type: "String", basicValue: "USA", basicType: "String" });
    expect(Object.keys(got).slice(0, 3)).not.toEqual(Object.keys(written())); // ["type", "text", "properties"]
    expect(Object.keys(got.properties)).toEqual(["Years", "2029 value", "Name"]);
    expect(JSON.stringify(got)).not.toBe(JSON.stringify({ ...written(), basicType: "Error", basicValue: "#VALUE!" }));
    expect(got).toMatchObject({ type: "Entity", text: "USA", basicType: "Error", basicValue: "#VALUE!" });
    expect(wb.sheet("IoMT Data").cellJson("A1")).toEqual(written()); // the stored entity is unchanged
  });

  test("windows keeps FormattedNumber but drops numberFormat; exact gives back what was written", async () => {
    wb.entityReadback = "windows";
    const win = await readBack();
    expect(win.properties["2029 value"]).toEqual({ type: "FormattedNumber", basicValue: 71006, basicType: "Double" });
    wb.entityReadback = "exact";
    expect(await readBack()).toEqual({ ...written(), basicType: "Error", basicValue: "#VALUE!" });
  });
});

describe("strict: numbers keep 15 significant digits", () => {
  test("numbers written, typed, computed or held in a data type are rounded to 15 significant digits", async () => {
    const s = wb.sheet("IoMT Data");
    await Excel.run(async (ctx) => {
      data(ctx).getRange("A1:D1").values = [
        [0.1 + 0.2, 1234567890123456789, "3.14159265358979323", 122211 - 89809.00000000001],
      ];
      await ctx.sync();
    });
    expect(s.values("A1:D1")).toEqual([[0.3, 1234567890123460000, 3.14159265358979, 32402]]);
    expect(0.1 + 0.2).not.toBe(0.3);
    wb.entityReadback = "exact";
    s.setCellJson("A2", { type: "Entity", text: "x", properties: { v: { type: "Double", basicValue: 0.1 + 0.2 } } });
    expect((s.cellJson("A2") as any).properties.v.basicValue).toBe(0.3);
  });
});

describe("strict: responses count against the 5 MB limit", () => {
  test("each sync's loaded data is measured; resetCounters clears it", async () => {
    wb.sheet("IoMT Data").setCell("A1", "a".repeat(1000));
    await Excel.run(async (ctx) => {
      data(ctx).getRange("B1").values = [["a".repeat(5000)]];
      await ctx.sync();
      data(ctx).getRange("A1").load("values");
      await ctx.sync();
    });
    expect(h.responses).toHaveLength(2);
    expect(h.responses[0]).toBeLessThan(100); // a write brings nothing back
    expect(h.responses[1]).toBeGreaterThan(1000);
    expect(h.maxResponseBytes).toBe(h.responses[1]);
    h.resetCounters();
    expect([h.responses, h.maxResponseBytes]).toEqual([[], 0]);
  });

  test("a sync whose loads exceed 5 MB fails with ResponsePayloadSizeLimitExceeded; its writes stay applied", async () => {
    wb.sheet("IoMT Data").setCells(
      "A1",
      Array.from({ length: 2000 }, () => ["x".repeat(3000)]),
    );
    let big: Excel.Range | undefined;
    const e = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("Z1").values = [["written"]];
        big = data(ctx).getRange("A1:A2000").load("values");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(h.maxResponseBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(h.maxRequestBytes).toBeLessThan(1000);
    expect(wb.sheet("IoMT Data").cell("Z1").value).toBe("written");
    expect(caught(() => big!.values).code).toBe("PropertyNotLoaded");
  });
});

describe("ranges: where they start", () => {
  test("rowIndex and columnIndex are the first cell's, zero-based; a used range gives them too", async () => {
    wb.sheet("IoMT Data").setCell("C5", 1);
    wb.sheet("IoMT Data").setCell("E9", 2);
    await Excel.run(async (ctx) => {
      const r = data(ctx).getRange("B3:D4").load("rowIndex,columnIndex,rowCount,columnCount");
      const used = data(ctx).getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount");
      await ctx.sync();
      expect([r.rowIndex, r.columnIndex, r.rowCount, r.columnCount]).toEqual([2, 1, 2, 3]);
      expect([used.rowIndex, used.columnIndex, used.rowCount, used.columnCount]).toEqual([4, 2, 5, 3]);
    });
  });
});

describe("strict: syncs that fail part-way", () => {
  test("onSync runs at the start of each sync with its number, so a co-author can protect a sheet between read and write", async () => {
    seedRegions();
    const seen: number[] = [];
    wb.onSync = (n) => {
      seen.push(n);
      if (n === 2) wb.protect("IoMT Data");
    };
    const e = await caught(
      Excel.run(async (ctx) => {
        const ws = data(ctx);
        ws.protection.load("protected");
        await ctx.sync();
        expect(ws.protection.protected).toBe(false);
        ctx.workbook.worksheets.getItem("Notes").getRange("A1").values = [["before"]];
        ws.getRange("C3").values = [[11]];
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("AccessDenied");
    expect(seen).toEqual([1, 2]);
    expect(wb.sheet("Notes").cell("A1").value).toBe("before");
    expect(wb.sheet("IoMT Data").cell("C3").value).toBe(10);
    h.resetCounters();
    wb.onSync = (n) => seen.push(n * 10);
    await Excel.run(async (ctx) => {
      await ctx.sync();
    });
    expect(seen).toEqual([1, 2, 10]);
  });

  test("failAfterWrites applies exactly `count` writes of the next larger request, fails, and fires once", async () => {
    const s = wb.sheet("IoMT Data");
    wb.failAfterWrites(2);
    await Excel.run(async (ctx) => {
      // two writes: not more than the count, so it stays armed
      data(ctx).getRange("A1").values = [[1]];
      data(ctx).getRange("A2").values = [[2]];
      await ctx.sync();
    });
    const write3 = (ctx: Excel.RequestContext): void => {
      data(ctx).getRange("B1").values = [["one"]];
      const r = data(ctx).getRange("B1").load("values"); // a load is not a write
      data(ctx).getRange("B2").values = [["two"]];
      data(ctx).getRange("B3").values = [["three"]];
      void r;
    };
    const e = await caught(
      Excel.run(async (ctx) => {
        write3(ctx);
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperationInCellEditMode");
    expect(s.values("B1:B3")).toEqual([["one"], ["two"], [""]]);
    s.cells.clear();
    await Excel.run(async (ctx) => {
      write3(ctx);
      await ctx.sync();
    });
    expect(s.values("B1:B3")).toEqual([["one"], ["two"], ["three"]]);
    wb.failAfterWrites(0, "AccessDenied");
    const first = await caught(
      Excel.run(async (ctx) => {
        data(ctx).getRange("C1").values = [["x"]];
        await ctx.sync();
      }),
    );
    expect([first.code, s.cell("C1").value]).toEqual(["AccessDenied", ""]);
  });
});
