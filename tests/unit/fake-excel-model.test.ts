/**
 * Tests of the Excel stand-in itself (tests/support/fake-excel.ts), its workbook model: worksheets, tables, ranges,
 * formulas, custom properties, data types, and the helpers tests use to set up a workbook as an analyst left it.
 */
import { PAYLOAD_LIMIT, useFakeExcel } from "../support/fake-excel";
import { dataSheet, seedRegions, SHEETS, usedAddress } from "../support/fake-excel-seed";
import { caught } from "../support/failure";

const fake = useFakeExcel(SHEETS);

describe("worksheets", () => {
  test("used range: values only or with formatting; a null object on an empty sheet (ExcelApi 1.4)", async () => {
    fake.wb.sheet("IoMT Data").setCells("B2", [[1, "", "x"]]);
    fake.wb.sheet("IoMT Data").cells.set("9,0", { value: "", formula: "", numberFormat: "0.0%" });
    const [values, all, empty] = await Excel.run(async (ctx) => {
      const v = dataSheet(ctx).getUsedRangeOrNullObject(true).load("address,rowCount,columnCount");
      const a = dataSheet(ctx).getUsedRangeOrNullObject(false).load("address");
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
    expect(fake.wb.sheet("Notes").visibility).toBe("VeryHidden");
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
    expect(fake.wb.findSheet("Notes")).toBeDefined();
    await Excel.run(async (ctx) => {
      const notes = ctx.workbook.worksheets.getItem("Notes");
      notes.visibility = "Hidden";
      notes.delete();
      await ctx.sync();
    });
    expect(fake.wb.findSheet("Notes")).toBeUndefined();
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
    expect(fake.wb.sheetNames()).toEqual(["IoMT Data", "Notes", "Charts", "Sheet1"]);
    expect(fake.wb.activeSheet?.name).toBe("Charts");
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
    fake.wb.protect("IoMT Data");
    const e = await caught(
      Excel.run(async (ctx) => {
        const ws = dataSheet(ctx);
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
    expect(fake.wb.sheet("Notes").cell("A1").value).toBe("queued first");
    expect(fake.wb.sheet("IoMT Data").cell("A1").value).toBe("");
    fake.wb.unprotect("IoMT Data");
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("A1").values = [["ok"]];
      await ctx.sync();
    });
    expect(fake.wb.sheet("IoMT Data").cell("A1").value).toBe("ok");
  });

  test("freezePanes and charts are recorded", async () => {
    seedRegions(fake.wb);
    await Excel.run(async (ctx) => {
      const ws = dataSheet(ctx);
      ws.freezePanes.freezeRows(2);
      const chart = ws.charts.add("ColumnClustered", ws.getRange("B2:D4"), Excel.ChartSeriesBy.columns);
      chart.name = "RegionsChart";
      chart.title.text = "IoMT by region";
      chart.setPosition("F2", "L20");
      await ctx.sync();
    });
    const s = fake.wb.sheet("IoMT Data");
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
    fake.wb.protect("IoMT Data");
    const e = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).charts.add("Pie", dataSheet(ctx).getRange("B2:C4"));
        await ctx.sync();
      }),
    );
    expect([e.code, s.charts.length]).toEqual(["AccessDenied", 1]);
  });
});

describe("tables", () => {
  test("tables.add names the table, makes headers text, and refuses overlaps and name clashes", async () => {
    fake.wb.sheet("IoMT Data").setCells("A1", [
      [2028, 2029],
      [1, 2],
    ]);
    await Excel.run(async (ctx) => {
      const t = dataSheet(ctx).tables.add("A1:B2", true);
      t.load("name,style");
      const header = t.getHeaderRowRange().load("values");
      await ctx.sync();
      expect([t.name, header.values, t.style]).toEqual(["Table1", [["2028", "2029"]], "TableStyleMedium2"]);
      t.name = "IoMT_Years";
      t.style = "TableStyleLight9";
      await ctx.sync();
    });
    expect(fake.wb.table("IoMT_Years")).toMatchObject({
      sheet: "IoMT Data",
      address: "A1:B2",
      headers: ["2028", "2029"],
      rows: [[1, 2]],
      style: "TableStyleLight9",
    });
    const overlap = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).tables.add("B2:C3", true);
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
    expect(fake.wb.tableNames()).toEqual(["IoMT_Years", "Table1"]); // the add before the failing rename stays: no rollback
    const noSheet = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.tables.add("H1:I2", true);
        await ctx.sync();
      }),
    );
    expect(noSheet.code).toBe("InvalidArgument");
  });

  test("a table without headers gets a header row above its data", async () => {
    fake.wb.sheet("IoMT Data").setCells("A1", [[1, 2]]);
    await Excel.run(async (ctx) => {
      dataSheet(ctx).tables.add(dataSheet(ctx).getRange("A1:B1"), false);
      await ctx.sync();
    });
    expect(fake.wb.table("Table1")).toMatchObject({
      address: "A1:B2",
      headers: ["Column1", "Column2"],
      rows: [[1, 2]],
    });
  });

  test("getRange, getHeaderRowRange, getDataBodyRange, worksheet and the workbook's and sheet's collections", async () => {
    seedRegions(fake.wb);
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
    seedRegions(fake.wb);
    const s = fake.wb.sheet("IoMT Data");
    s.setCells("B5", [["Asia", 3, 4]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("IoMT_Regions").resize("B2:D5");
      await ctx.sync();
    });
    expect(fake.wb.table("IoMT_Regions")?.rows).toEqual([
      ["North America", 10, 20],
      ["Europe", 5, 7],
      ["Asia", 3, 4],
    ]);
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      t.resize(dataSheet(ctx).getRange("B2:C3"));
      await ctx.sync();
    });
    expect(fake.wb.table("IoMT_Regions")).toMatchObject({ address: "B2:C3", headers: ["Region", "2028"] });
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
    seedRegions(fake.wb);
    const s = fake.wb.sheet("IoMT Data");
    s.setCell("F2", "=SUM(IoMT_Regions[2029])");
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("IoMT_Regions").getHeaderRowRange().values = [["Region", "2029", "2030"]];
      await ctx.sync();
    });
    expect(fake.wb.table("IoMT_Regions")?.headers).toEqual(["Region", "2029", "2030"]);
    expect(s.cell("F2")).toMatchObject({ formula: "=SUM(IoMT_Regions[2030])", value: 27 });
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("C2:D2").values = [["Region", ""]];
      await ctx.sync();
    });
    expect(fake.wb.table("IoMT_Regions")?.headers).toEqual(["Region", "Region2", "Column3"]);
  });
});

describe("ranges", () => {
  test("values, formulas and numberFormat read and write as 2-D arrays", async () => {
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1:C2");
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
    expect(fake.wb.sheet("IoMT Data").cell("B1")).toEqual({ value: 42, formula: "42", numberFormat: "0" });
  });

  test("a 2-D array must match the range's dimensions; a single value applies to every cell", async () => {
    for (const wrong of [
      [[1, 2]],
      [[1], [2]],
      [[1, 2], [3]],
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ]) {
      const e = await caught(
        Excel.run(async (ctx) => {
          dataSheet(ctx).getRange("A1:B2").values = wrong;
          await ctx.sync();
        }),
      );
      expect(e.code).toBe("InvalidArgument");
    }
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1:B3");
      r.numberFormat = "0.0" as any;
      r.values = 5 as any;
      dataSheet(ctx).getRange("C1:C3").formulas = "=SUM(IoMT_Nope[x])" as any;
      dataSheet(ctx).getRange("D1:D2").values = "'007" as any;
      await ctx.sync();
    });
    const s = fake.wb.sheet("IoMT Data");
    expect(s.values("A1:B3")).toEqual([
      [5, 5],
      [5, 5],
      [5, 5],
    ]);
    expect(["A1", "B3"].map((a) => s.cell(a).numberFormat)).toEqual(["0.0", "0.0"]);
    expect(["C1", "C3"].map((a) => s.cell(a).formula)).toEqual(["=SUM(IoMT_Nope[x])", "=SUM(IoMT_Nope[x])"]);
    expect(s.values("D1:D2")).toEqual([["007"], ["007"]]);
    // valuesAsJson documents no single value for a range: refused
    const json = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).getRange("E1:E2").valuesAsJson = { type: "Double", basicValue: 1 } as any;
        await ctx.sync();
      }),
    );
    expect(json.code).toBe("InvalidArgument");
  });

  test("a formula given as a single value is filled: relative A1 references move with each cell, as Fill moves them", async () => {
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("C2:D3").formulas =
        `=B1+$B$1+B$1+$B1+'Q1 B1'!B1+"B1"+T[[#This Row],[B1]]+LOG10(A1)+SUM(A1:B2)` as any;
      await ctx.sync();
    });
    const s = fake.wb.sheet("IoMT Data");
    expect(s.cell("C2").formula).toBe(`=B1+$B$1+B$1+$B1+'Q1 B1'!B1+"B1"+T[[#This Row],[B1]]+LOG10(A1)+SUM(A1:B2)`);
    expect(s.cell("D3").formula).toBe(`=C2+$B$1+C$1+$B2+'Q1 B1'!C2+"B1"+T[[#This Row],[B1]]+LOG10(B2)+SUM(B2:C3)`);
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("A5:A6").formulas = "=A1048576" as any;
      await ctx.sync();
    });
    expect(s.cell("A6").formula).toBe("=#REF!");
  });

  test("address (quoted sheet name), rowCount, getCell, getResizedRange, worksheet; outside the sheet is InvalidArgument", async () => {
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("B2:D5");
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
        dataSheet(ctx).getRange("A1").getResizedRange(-1, 0).load("address");
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
    expect(fake.wb.activeSheet?.name).toBe("Notes");
  });

  test("bold, wrapText and column width; a format read over cells that differ is null", async () => {
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1:B1");
      r.format.font.bold = true;
      r.format.wrapText = true;
      r.format.columnWidth = 120;
      const f = r.format.load("columnWidth,wrapText");
      r.format.font.load("bold");
      const mixed = dataSheet(ctx).getRange("A1:A2").format.font.load("bold");
      const untouched = dataSheet(ctx).getRange("C1").format.load("columnWidth");
      await ctx.sync();
      expect([f.columnWidth, f.wrapText, f.font.bold, mixed.bold, untouched.columnWidth]).toEqual([
        120,
        true,
        true,
        null,
        48,
      ]);
    });
  });
});

describe("formulas", () => {
  test("number literals, SUM over a table column, #REF! and #UNSUPPORTED", async () => {
    seedRegions(fake.wb);
    const s = fake.wb.sheet("IoMT Data");
    s.setCells("F1", [
      ["=42"],
      ["=SUM(IoMT_Regions[2029])"],
      ["=SUM(IoMT_Regions[2040])"],
      ["=SUM(Other[2029])"],
      ["=A1*2"],
    ]);
    expect(s.values("F1:F5")).toEqual([[42], [27], ["#REF!"], ["#REF!"], ["#UNSUPPORTED"]]);
    await Excel.run(async (ctx) => {
      const f = dataSheet(ctx).getRange("F2").load("values,formulas");
      await ctx.sync();
      expect([f.values, f.formulas]).toEqual([[[27]], [["=SUM(IoMT_Regions[2029])"]]]);
    });
  });

  test("a user's SUM follows new values and a table rename, and breaks when the table is deleted", async () => {
    seedRegions(fake.wb);
    const s = fake.wb.sheet("IoMT Data");
    s.setCell("F2", "=SUM(IoMT_Regions[2029])");
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      dataSheet(ctx).getRange("D3:D4").values = [[100], [1]];
      t.name = "Regions";
      await ctx.sync();
    });
    expect(s.cell("F2")).toMatchObject({ formula: "=SUM(Regions[2029])", value: 101 });
    fake.wb.deleteTable("Regions");
    expect(s.cell("F2")).toMatchObject({ formula: "=SUM(#REF!)", value: "#REF!" });
    fake.wb.sheet("Notes").setCells("A1", [
      ["Region", "2029"],
      ["x", 1],
    ]);
    fake.wb.addTable("Notes", "A1:B2", "Regions");
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
    expect(fake.wb.customProperty("IOMT.VERSION")).toBe("2");
    expect([...fake.wb.customProps.values()].map((p) => p.key)).toEqual(["IoMT.version"]);
    fake.wb.setCustomProperty("long", "x".repeat(300));
    expect(fake.wb.customProperty("long")).toHaveLength(255); // Excel desktop trims to 255 characters
  });

  test("suspendApiCalculationUntilNextSync is counted", async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      await ctx.sync();
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      await ctx.sync();
    });
    expect(fake.wb.calculationSuspensions).toBe(2);
  });
});

describe("FakeWorkbook helpers", () => {
  test("sheets, protection, tables and cells can be inspected and changed directly", async () => {
    seedRegions(fake.wb);
    fake.wb.renameSheet("Notes", "Read Me");
    fake.wb.moveSheet("Read Me", 0);
    fake.wb.protect("Read Me");
    expect(fake.wb.sheetNames()).toEqual(["Read Me", "IoMT Data"]);
    expect(fake.wb.sheet("Read Me").isProtected).toBe(true);
    fake.wb.unprotect("Read Me");
    expect(fake.wb.sheet("Read Me").isProtected).toBe(false);
    expect(fake.wb.table("IoMT_Regions")).toEqual({
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
    expect(fake.wb.table("nope")).toBeUndefined();
    expect(fake.wb.sheet("IoMT Data").cell("C3")).toEqual({ value: 10, formula: "10", numberFormat: "General" });
    expect(await usedAddress("IoMT Data")).toBe("'IoMT Data'!B2:D4");
    fake.wb.deleteTable("IoMT_Regions");
    expect(fake.wb.tableNames()).toEqual([]);
    expect(fake.wb.sheet("IoMT Data").cells.size).toBe(0);
    fake.wb.deleteSheet("Read Me");
    expect(fake.wb.sheetNames()).toEqual(["IoMT Data"]);
    expect(() => fake.wb.deleteSheet("IoMT Data")).toThrow(/at least one/);
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
    dataSheet(ctx).getRange(address).load("valuesAsJson");

  test("plain cells read as CellValues; a formula cell has the type of its result", async () => {
    fake.wb.sheet("IoMT Data").setCells("A1", [["x", 42, true, "", "=SUM(Nope[x])", "=1.5"]]);
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1:F1");
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
    fake.wb.entityReadback = "exact";
    const written = wearables();
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1:B3");
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
    const s = fake.wb.sheet("IoMT Data");
    expect(s.cellJson("A1")).toEqual(wearables());
    expect(s.cellJson("B1")).toBeUndefined();
    expect(s.cellJson("Z9")).toBeUndefined();
    expect(s.cell("A1").value).toBe("#VALUE!");
    expect(s.text("A1")).toBe("Wearables");
    expect(s.cell("A2")).toEqual({ value: 0.25, formula: "0.25", numberFormat: "0%" });
  });

  test("Empty clears a cell and replaces an entity; values and formulas replace one; numberFormat keeps it", async () => {
    const s = fake.wb.sheet("IoMT Data");
    s.setCellJson("A1", wearables());
    s.setCellJson("A2", wearables());
    s.setCellJson("A3", wearables());
    s.setCellJson("A4", wearables());
    s.setCell("A5", "x");
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("A1").values = [["plain"]];
      dataSheet(ctx).getRange("A2").formulas = [["=42"]];
      dataSheet(ctx).getRange("A3").valuesAsJson = [[{ type: "Empty" }]];
      dataSheet(ctx).getRange("A4").numberFormat = [["0.0"]];
      dataSheet(ctx).getRange("A5").valuesAsJson = [[{ type: "Empty" }]];
      await ctx.sync();
      const r = json(ctx, "A1:A5");
      await ctx.sync();
      expect(r.valuesAsJson.map((row) => row[0].type)).toEqual(["String", "Double", "Empty", "Entity", "Empty"]);
    });
    expect(["A1", "A2", "A3", "A4"].map((a) => s.cellJson(a) !== undefined)).toEqual([false, false, false, true]);
    expect(s.values("A1:A3")).toEqual([["plain"], [42], [""]]);
    expect(await usedAddress("IoMT Data")).toBe("'IoMT Data'!A1:A4");
  });

  test("writes follow the rules of values: dimensions, protection, atomic syncs, payload accounting", async () => {
    const wrong = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).getRange("A1:B1").valuesAsJson = [[wearables()]];
        await ctx.sync();
      }),
    );
    expect(wrong.code).toBe("InvalidArgument");
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("A1").valuesAsJson = wearables() as any;
      await ctx.sync();
    }); // one cell takes one value
    expect(fake.wb.sheet("IoMT Data").cellJson("A1")).toEqual(wearables());
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("A2:B2").valuesAsJson = [[null as any, { type: "Double", basicValue: 3 }]];
      await ctx.sync();
    });
    expect(fake.wb.sheet("IoMT Data").values("A2:B2")).toEqual([["", 3]]); // null leaves a cell unchanged

    fake.wb.protect("IoMT Data");
    const denied = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).getRange("C1").valuesAsJson = [[wearables()]];
        await ctx.sync();
      }),
    );
    expect(denied.code).toBe("AccessDenied");
    fake.wb.unprotect("IoMT Data");

    fake.excel.resetCounters();
    const big = {
      ...wearables(),
      properties: { Notes: { type: "String", basicValue: "n".repeat(6 * 1024 * 1024) } },
    } as Excel.EntityCellValue;
    const tooBig = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).getRange("Z1").values = [["first"]];
        dataSheet(ctx).getRange("C1").valuesAsJson = [[big]];
        await ctx.sync();
      }),
    );
    expect(tooBig.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.excel.maxRequestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(await usedAddress("IoMT Data")).toBe("'IoMT Data'!A1:B2");
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
        dataSheet(ctx).getRange("A1").valuesAsJson = [[wearables()]];
        dataSheet(ctx).getRange("B1").valuesAsJson = [[bad as any]]; // queuing does not throw
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidArgument");
    expect(fake.wb.sheet("IoMT Data").cellJson("A1")).toMatchObject({ type: "Entity", text: "Wearables" });
    expect(fake.wb.sheet("IoMT Data").cells.size).toBe(1);
  });

  test("text displays plain cells as strings and entities as their text; it needs a load", async () => {
    fake.wb.sheet("IoMT Data").setCells("A1", [["Europe", 42, 1.5, "", "=SUM(IoMT_Missing[x])"]]);
    fake.wb.sheet("IoMT Data").setCellJson("F1", wearables());
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1:F1");
      expect(caught(() => r.text).code).toBe("PropertyNotLoaded");
      r.load("text");
      await ctx.sync();
      expect(r.text).toEqual([["Europe", "42", "1.5", "", "#REF!", "Wearables"]]);
    });
  });

  test("a table's data body reads and writes valuesAsJson; on a null object the read fails", async () => {
    seedRegions(fake.wb);
    fake.wb.entityReadback = "exact";
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
    expect(fake.wb.table("IoMT_Regions")?.rows[0]).toEqual(["#VALUE!", 10, 20]);
  });

  test("an entity written into a header becomes its text (headers are text)", async () => {
    seedRegions(fake.wb);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("IoMT_Regions").getHeaderRowRange().getCell(0, 0).valuesAsJson = [[wearables()]];
      await ctx.sync();
    });
    expect(fake.wb.table("IoMT_Regions")?.headers).toEqual(["Wearables", "2028", "2029"]);
    expect(fake.wb.sheet("IoMT Data").cellJson("B2")).toBeUndefined();
  });

  test("SUM over a table column ignores entity cells; FakeSheet helpers show #VALUE! and the JSON", async () => {
    seedRegions(fake.wb);
    const s = fake.wb.sheet("IoMT Data");
    s.setCell("F2", "=SUM(IoMT_Regions[2029])");
    expect(s.cell("F2").value).toBe(27);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("IoMT_Regions").getDataBodyRange().getCell(0, 2).valuesAsJson = [[wearables()]];
      await ctx.sync();
      const f = dataSheet(ctx).getRange("F2").load("values,valuesAsJson");
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

  test("valueTypes (ExcelApi 1.1) gives each cell's type; an entity is Error, as its basicType says, whatever its card", async () => {
    const s = fake.wb.sheet("IoMT Data");
    s.setCells("A1", [["x", 42, true, "", "=SUM(Nope[x])"]]);
    s.setCellJson("F1", wearables());
    s.setCellJson("G1", { ...wearables(), properties: {}, provider: { description: "Geography" } });
    const read = () =>
      Excel.run(async (ctx) => {
        const r = dataSheet(ctx).getRange("A1:G1");
        expect(caught(() => r.valueTypes).code).toBe("PropertyNotLoaded");
        r.load("valueTypes");
        await ctx.sync();
        return r.valueTypes;
      });
    expect(await read()).toEqual([["String", "Double", "Boolean", "Empty", "Error", "Error", "Error"]]);
    // valueTypes is older than data types: it reads where valuesAsJson fails
    fake.wb.supportsDataTypes = false;
    expect((await read())[0][5]).toBe("Error");
  });

  test("supportsDataTypes = false: loading or writing valuesAsJson fails at sync with ApiNotFound", async () => {
    fake.wb.supportsDataTypes = false;
    fake.wb.sheet("IoMT Data").setCell("A1", 5);
    const load = await caught(
      Excel.run(async (ctx) => {
        json(ctx, "A1");
        await ctx.sync();
      }),
    );
    expect(load.code).toBe("ApiNotFound");
    const write = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).getRange("B1").values = [["queued first"]];
        dataSheet(ctx).getRange("A1").valuesAsJson = [[wearables()]]; // queuing does not throw
        await ctx.sync();
      }),
    );
    expect(write.code).toBe("ApiNotFound");
    expect(fake.wb.sheet("IoMT Data").values("A1:B1")).toEqual([[5, "queued first"]]); // no rollback
    const onNull = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.tables.getItemOrNullObject("Nope").getDataBodyRange().load("valuesAsJson");
        await ctx.sync();
      }),
    );
    expect(onNull.code).toBe("ApiNotFound");
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1").load(); // a bare load skips the missing API
      await ctx.sync();
      expect([r.values, r.text]).toEqual([[[5]], [["5"]]]);
      expect(caught(() => r.valuesAsJson).code).toBe("PropertyNotLoaded");
    });
    fake.wb.supportsDataTypes = true;
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1").load();
      await ctx.sync();
      expect(r.valuesAsJson).toEqual([[{ type: "Double", basicValue: 5, basicType: "Double" }]]);
    });
  });
});

describe("ranges: where they start", () => {
  test("rowIndex and columnIndex are the first cell's, zero-based; a used range gives them too", async () => {
    fake.wb.sheet("IoMT Data").setCell("C5", 1);
    fake.wb.sheet("IoMT Data").setCell("E9", 2);
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("B3:D4").load("rowIndex,columnIndex,rowCount,columnCount");
      const used = dataSheet(ctx).getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount");
      await ctx.sync();
      expect([r.rowIndex, r.columnIndex, r.rowCount, r.columnCount]).toEqual([2, 1, 2, 3]);
      expect([used.rowIndex, used.columnIndex, used.rowCount, used.columnCount]).toEqual([4, 2, 5, 3]);
    });
  });
});

describe("linked entities (ExcelApi 1.19; Windows and Mac, not Excel on the web)", () => {
  const DOMAIN: Excel.LinkedEntityDataDomainCreateOptions = {
    id: "fruit",
    name: "Fruit",
    dataProvider: "Orchard",
    loadFunctionId: "FRUITS",
  };
  const linked = (entityId: string, text = entityId): Excel.LinkedEntityCellValue => ({
    type: "LinkedEntity",
    id: { entityId, domainId: "fruit", serviceId: 268436224, culture: "en-US" },
    text,
  });
  /** A load service that answers each id with a card of one property, as the page's sample does. */
  const service = (request: string) => {
    const { domainId, entities } = JSON.parse(request);
    return {
      entities: entities.map((e: { entityId: string; culture: string }) => ({
        type: "LinkedEntity",
        id: { entityId: e.entityId, domainId, serviceId: 268436224, culture: e.culture },
        text: e.entityId.toUpperCase(),
        properties: { Weight: { type: "FormattedNumber", basicValue: 1.5, numberFormat: "0.0" } },
      })),
    };
  };
  const desktop = () => {
    fake.wb.supportsLinkedEntities = true;
    fake.wb.loadServices.set("FRUITS", service);
  };
  const register = () =>
    Excel.run(async (ctx) => {
      ctx.workbook.linkedEntityDataDomains.add(DOMAIN);
      await ctx.sync();
    });
  const write = (address: string, values: Excel.CellValue[][]) =>
    Excel.run(async (ctx) => {
      dataSheet(ctx).getRange(address).valuesAsJson = values;
      await ctx.sync();
    });
  const read = (address: string) =>
    Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange(address).load("valuesAsJson,text,values");
      await ctx.sync();
      return r;
    });

  test("Excel on the web (the default): no data domains, and a linked value is refused", async () => {
    const e = await caught(register());
    expect(e.code).toBe("ApiNotFound");
    expect((await caught(write("A1", [[linked("apple")]]))).code).toBe("InvalidArgument");
    expect(fake.wb.sheet("IoMT Data").cellJson("A1")).toBeUndefined();
  });

  test("a data domain needs its options; ids and names are unique; periodic refresh needs 300 s or more", async () => {
    desktop();
    await register();
    expect(fake.wb.linkedDomains.map((d) => [d.id, d.loadFunctionId, d.supportedRefreshModes])).toEqual([
      ["fruit", "FRUITS", ["Manual"]],
    ]);
    expect((await caught(register())).code).toBe("ItemAlreadyExists");
    const add = (options: object) =>
      caught(
        Excel.run(async (ctx) => {
          ctx.workbook.linkedEntityDataDomains.add(options as Excel.LinkedEntityDataDomainCreateOptions);
          await ctx.sync();
        }),
      );
    expect((await add({ ...DOMAIN, id: "veg", name: "Veg", loadFunctionId: "" })).code).toBe("InvalidArgument");
    expect((await add({ ...DOMAIN, id: "v!g", name: "Veg" })).code).toBe("InvalidArgument");
    const periodic = { ...DOMAIN, id: "veg", name: "Veg", supportedRefreshModes: ["Periodic"] };
    expect((await add({ ...periodic, periodicRefreshInterval: 299 })).code).toBe("InvalidArgument");
    await add({ ...periodic, periodicRefreshInterval: 300 }).catch(() => undefined);
    const items = await Excel.run(async (ctx) => {
      const domains = ctx.workbook.linkedEntityDataDomains.load("items/id");
      await ctx.sync();
      return domains.items.map((d) => (d as unknown as { id: string }).id);
    });
    expect(items).toEqual(["fruit", "veg"]);
  });

  test("a linked value needs the add-in service id, a culture, and ids without exclamation marks", async () => {
    desktop();
    const bad = [
      { ...linked("apple"), id: { ...linked("apple").id, serviceId: 1 } },
      { ...linked("apple"), id: { ...linked("apple").id, culture: "" } },
      linked("ap!ple"),
      { ...linked("apple"), id: { ...linked("apple").id, domainId: "fr!uit" } },
    ];
    for (const v of bad) expect((await caught(write("A1", [[v as Excel.CellValue]]))).code).toBe("InvalidArgument");
  });

  test("Excel loads the cards after the sync that wrote them, in one batch per domain, in request order", async () => {
    desktop();
    await register();
    const seen = await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1:A2");
      r.valuesAsJson = [[linked("apple", "Apple")], [linked("pear", "Pear")]];
      r.load("valuesAsJson,text");
      await ctx.sync();
      return { json: r.valuesAsJson.map((row) => row[0]), text: r.text };
    });
    // the read in the writing sync sees only the id and the text
    expect(seen.text).toEqual([["Apple"], ["Pear"]]);
    expect((seen.json[0] as Excel.LinkedEntityCellValue).properties).toBeUndefined();
    expect(fake.wb.loadRequests.map((r) => JSON.parse(r))).toEqual([
      {
        domainId: "fruit",
        entities: [
          { entityId: "apple", culture: "en-US" },
          { entityId: "pear", culture: "en-US" },
        ],
      },
    ]);
    const after = await read("A1:A2");
    expect(after.text).toEqual([["APPLE"], ["PEAR"]]);
    expect(after.values).toEqual([["#VALUE!"], ["#VALUE!"]]);
    const card = after.valuesAsJson[0][0] as Excel.LinkedEntityCellValue;
    expect([card.type, card.id.entityId, card.basicType, card.basicValue]).toEqual([
      "LinkedEntity",
      "apple",
      "Error",
      "#VALUE!",
    ]);
    // reshaped as entities are on the web readback: the number's format is dropped
    expect(card.properties!.Weight).toMatchObject({ basicValue: 1.5 });
    expect((card.properties!.Weight as { numberFormat?: string }).numberFormat).toBeUndefined();
  });

  test("Refresh All and LinkedEntityDataDomain.refresh() call the service again; reads do not", async () => {
    desktop();
    await register();
    await write("A1", [[linked("apple")]]);
    await read("A1");
    expect(fake.wb.loadRequests).toHaveLength(1);
    fake.wb.refreshAll();
    expect(fake.wb.loadRequests).toHaveLength(2);
    await Excel.run(async (ctx) => {
      ctx.workbook.linkedEntityDataDomains.getItem("fruit").refresh();
      await ctx.sync();
    });
    expect(fake.wb.loadRequests).toHaveLength(3);
  });

  test("a service that throws, or answers out of order, leaves the whole batch #CONNECT!", async () => {
    desktop();
    await register();
    fake.wb.loadServices.set("FRUITS", () => {
      throw new Error("down");
    });
    await write("A1:A2", [[linked("apple")], [linked("pear")]]);
    expect((await read("A1:A2")).text).toEqual([["#CONNECT!"], ["#CONNECT!"]]);
    fake.wb.loadServices.set("FRUITS", (request: string) => ({ entities: service(request).entities.reverse() }));
    fake.wb.refreshAll();
    expect((await read("A1:A2")).text).toEqual([["#CONNECT!"], ["#CONNECT!"]]);
    fake.wb.loadServices.set("FRUITS", (request: string) => ({ entities: service(request).entities.slice(1) }));
    fake.wb.refreshAll();
    expect((await read("A1:A2")).text).toEqual([["#CONNECT!"], ["#CONNECT!"]]);
    // the id stays in the cell: a later refresh that succeeds brings the card
    fake.wb.loadServices.set("FRUITS", service);
    fake.wb.refreshAll();
    expect((await read("A1:A2")).text).toEqual([["APPLE"], ["PEAR"]]);
  });

  test("a service that answers with a Promise: the cells wait, with no card, until it settles; a rejection is #CONNECT!", async () => {
    desktop();
    await register();
    let answer!: () => void;
    const later = new Promise<void>((r) => (answer = r));
    fake.wb.loadServices.set("FRUITS", (request: string) => later.then(() => service(request)));
    await write("A1:A2", [[linked("apple", "Apple")], [linked("pear", "Pear")]]);
    expect((await read("A1:A2")).text).toEqual([["Apple"], ["Pear"]]);
    // asked once: the next syncs do not ask again while the answer is outstanding
    await read("A1");
    expect(fake.wb.loadRequests).toHaveLength(1);
    answer();
    await fake.wb.linkedLoadsSettled();
    expect((await read("A1:A2")).text).toEqual([["APPLE"], ["PEAR"]]);
    fake.wb.loadServices.set("FRUITS", () => Promise.reject(new Error("not loaded")));
    fake.wb.refreshAll();
    await fake.wb.linkedLoadsSettled();
    expect((await read("A1:A2")).text).toEqual([["#CONNECT!"], ["#CONNECT!"]]);
  });

  test("a domain that is not registered cannot be reached: #CONNECT!", async () => {
    desktop();
    await write("A1", [[linked("apple")]]);
    expect((await read("A1")).text).toEqual([["#CONNECT!"]]);
    expect(fake.wb.loadRequests).toEqual([]);
  });

  test("a workbook saved with linked cards, opened on the web: #VALUE!, and only the id and text read back", async () => {
    desktop();
    await register();
    await write("A1", [[linked("apple", "Apple")]]);
    fake.wb.supportsLinkedEntities = false;
    const r = await read("A1");
    expect(r.text).toEqual([["#VALUE!"]]);
    const json = r.valuesAsJson[0][0] as Excel.LinkedEntityCellValue;
    expect([json.type, json.id.entityId, json.properties]).toEqual(["LinkedEntity", "apple", undefined]);
  });
});
