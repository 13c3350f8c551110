/**
 * Tests of the Excel stand-in itself (tests/support/fake-excel.ts), where it is as strict as real Excel: no
 * rollback, strings taken as typing, totals rows, filters, data types reshaped, 15 digits, payload limits, syncs
 * that fail part-way.
 */
import { PAYLOAD_LIMIT, type Scalar, useFakeExcel } from "../support/fake-excel";
import { dataSheet, seedRegions, SHEETS, usedAddress } from "../support/fake-excel-seed";
import { caught } from "../support/failure";

const fake = useFakeExcel(SHEETS);

describe("strict: a request is not a transaction", () => {
  test("the operations before a failing one stay applied; proxies bound in the failed request stay unusable", async () => {
    fake.wb.sheet("IoMT Data").setCell("B1", 5);
    fake.wb.protect("Notes");
    let read: Excel.Range | undefined;
    const e = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).getRange("A1").values = [["applied"]];
        read = dataSheet(ctx).getRange("B1").load("values");
        ctx.workbook.worksheets.getItem("Notes").getRange("A1").values = [["refused"]];
        dataSheet(ctx).getRange("A2").values = [["after the failure"]];
        await ctx.sync();
      }),
    );
    // Office.js documents no rollback; OfficeExtension.Error.traceMessages holds what "executed before the error".
    expect(e.code).toBe("AccessDenied");
    expect(e.debugInfo.errorLocation).toContain("Range.values");
    expect(fake.wb.sheet("IoMT Data").values("A1:A2")).toEqual([["applied"], [""]]);
    expect(fake.wb.sheet("Notes").cell("A1").value).toBe("");
    expect(caught(() => read!.values).code).toBe("PropertyNotLoaded");
  });
});

describe("strict: strings are taken as typing", () => {
  const typed = async (
    value: string,
    numberFormat = "General",
  ): Promise<{ value: Scalar; formula: string; numberFormat: string }> => {
    const s = fake.wb.sheet("IoMT Data");
    s.cells.clear();
    await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1");
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
    const s = fake.wb.sheet("IoMT Data");
    s.setCell("C1", "kept");
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("A1:C1").formulas = [["007", "-12", null]];
      await ctx.sync();
    });
    expect(s.values("A1:C1")).toEqual([[7, -12, "kept"]]);
  });

  test("text reads back without its apostrophe, so writing back what was read types it again", async () => {
    const s = fake.wb.sheet("IoMT Data");
    s.setCells("A1", [["'007", "'TRUE", "'-12", "'=see memo"]]);
    const read = await Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1:D1").load("values,formulas");
      await ctx.sync();
      expect(r.values).toEqual([["007", "TRUE", "-12", "=see memo"]]);
      return r.formulas;
    });
    expect(read).toEqual([["007", "TRUE", "-12", "=see memo"]]);
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("A1:D1").formulas = read;
      await ctx.sync();
    });
    expect(s.values("A1:D1")).toEqual([[7, true, -12, "#NAME?"]]);
    expect(s.cell("D1").formula).toBe("=see memo");
  });

  test("formulas the stand-in cannot evaluate do not pretend: unknown names are #NAME?, known functions #UNSUPPORTED", async () => {
    const s = fake.wb.sheet("IoMT Data");
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
    fake.wb.customFunctions.add("IOMT.CAGR");
    expect(s.cell("B1").value).toBe("#UNSUPPORTED");
    expect(s.cell("C1").value).toBe("#NAME?");
  });
});

describe("strict: totals rows", () => {
  test("showTotals takes the row below the body; getRange and getDataBodyRange follow it", async () => {
    seedRegions(fake.wb);
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions").load("showTotals");
      await ctx.sync();
      expect(t.showTotals).toBe(false);
      t.showTotals = true;
      const [all, body] = [t.getRange(), t.getDataBodyRange()].map((r) => r.load("address"));
      body.load("rowCount");
      t.load("showTotals");
      await ctx.sync();
      expect([all.address, body.address]).toEqual(["'IoMT Data'!B2:D5", "'IoMT Data'!B3:D4"]);
      expect([t.showTotals, body.rowCount]).toEqual([true, 2]);
    });
    expect(fake.wb.table("IoMT_Regions")).toMatchObject({
      address: "B2:D5",
      rows: [
        ["North America", 10, 20],
        ["Europe", 5, 7],
      ],
      totals: ["Total", "", 27],
    });
    expect(fake.wb.sheet("IoMT Data").cell("D5").formula).toBe("=SUBTOTAL(109,IoMT_Regions[2029])");
    fake.wb.setTotals("IoMT_Regions", false);
    expect(fake.wb.table("IoMT_Regions")?.address).toBe("B2:D4");
    expect(fake.wb.table("IoMT_Regions")?.totals).toBeUndefined();
    expect(await usedAddress("IoMT Data")).toBe("'IoMT Data'!B2:D4");
  });

  test("a totals row cannot take a row that holds data", async () => {
    seedRegions(fake.wb);
    fake.wb.sheet("IoMT Data").setCell("C5", "analyst's note");
    const e = await caught(
      Excel.run(async (ctx) => {
        ctx.workbook.tables.getItem("IoMT_Regions").showTotals = true;
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperation");
    expect(() => fake.wb.setTotals("IoMT_Regions", true)).toThrow(/not empty/);
    expect(fake.wb.table("IoMT_Regions")?.address).toBe("B2:D4");
    expect(fake.wb.table("IoMT_Regions")?.totals).toBeUndefined();
    expect(fake.wb.sheet("IoMT Data").cell("C5").value).toBe("analyst's note");
  });

  test("resize keeps the totals row as the last row without moving its cells, so new rows overwrite the old totals", async () => {
    seedRegions(fake.wb);
    fake.wb.setTotals("IoMT_Regions", true);
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("IoMT_Regions");
      t.resize("B2:D6");
      dataSheet(ctx).getRange("B5:D5").values = [["Asia", 3, 4]];
      await ctx.sync();
    });
    expect(fake.wb.table("IoMT_Regions")).toMatchObject({
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
    seedRegions(fake.wb);
    const s = fake.wb.sheet("IoMT Data");
    s.setCells("F1", [["=SUM(IoMT_Regions[2029])"], ["=SUBTOTAL(109,IoMT_Regions[2029])"]]);
    await Excel.run(async (ctx) => {
      const f = ctx.workbook.tables.getItem("IoMT_Regions").autoFilter.load("isDataFiltered");
      await ctx.sync();
      expect(f.isDataFiltered).toBe(false);
    });
    fake.wb.filterTable("IoMT_Regions", "region", ["Europe"]);
    expect(s.values("F1:F2")).toEqual([[27], [7]]);
    await Excel.run(async (ctx) => {
      const f = ctx.workbook.tables.getItem("IoMT_Regions").autoFilter.load("isDataFiltered");
      await ctx.sync();
      expect(f.isDataFiltered).toBe(true);
    });
    expect(() => fake.wb.filterTable("IoMT_Regions", "2035", [1])).toThrow(/no column/);
  });

  test("a filtered table cannot be resized (InvalidOperation); writes still reach its hidden rows", async () => {
    seedRegions(fake.wb);
    fake.wb.filterTable("IoMT_Regions", "Region", ["Europe"]);
    const e = await caught(
      Excel.run(async (ctx) => {
        const t = ctx.workbook.tables.getItem("IoMT_Regions");
        t.getDataBodyRange().getCell(0, 1).getResizedRange(0, 1).values = [[11, 21]];
        t.resize("B2:D5");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("InvalidOperation");
    expect(fake.wb.table("IoMT_Regions")).toMatchObject({
      address: "B2:D4",
      rows: [
        ["North America", 11, 21],
        ["Europe", 5, 7],
      ],
    });
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
    fake.wb.sheet("IoMT Data").setCellJson("A1", written());
    return Excel.run(async (ctx) => {
      const r = dataSheet(ctx).getRange("A1").load("valuesAsJson");
      await ctx.sync();
      return r.valuesAsJson[0][0];
    });
  };

  test("by default (the web) FormattedNumber comes back as Double without numberFormat, keys reordered, basicType added", async () => {
    expect(fake.wb.entityReadback).toBe("web");
    const got = await readBack();
    expect(got.properties["2029 value"]).toEqual({ type: "Double", basicValue: 71006, basicType: "Double" });
    expect(got.properties.Years.elements[0][0]).toEqual({ type: "Double", basicValue: 0.23, basicType: "Double" });
    expect(got.properties.Name).toEqual({ type: "String", basicValue: "USA", basicType: "String" });
    expect(Object.keys(got).slice(0, 3)).not.toEqual(Object.keys(written())); // ["type", "text", "properties"]
    expect(Object.keys(got.properties)).toEqual(["Years", "2029 value", "Name"]);
    expect(JSON.stringify(got)).not.toBe(JSON.stringify({ ...written(), basicType: "Error", basicValue: "#VALUE!" }));
    expect(got).toMatchObject({ type: "Entity", text: "USA", basicType: "Error", basicValue: "#VALUE!" });
    expect(fake.wb.sheet("IoMT Data").cellJson("A1")).toEqual(written()); // the stored entity is unchanged
  });

  test("windows keeps FormattedNumber but drops numberFormat; exact gives back what was written", async () => {
    fake.wb.entityReadback = "windows";
    const win = await readBack();
    expect(win.properties["2029 value"]).toEqual({ type: "FormattedNumber", basicValue: 71006, basicType: "Double" });
    fake.wb.entityReadback = "exact";
    expect(await readBack()).toEqual({ ...written(), basicType: "Error", basicValue: "#VALUE!" });
  });
});

describe("strict: an entity's properties are data types with their basic value", () => {
  const write = (properties: Record<string, unknown>) =>
    Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("A1").valuesAsJson = [[{ type: "Entity", text: "x", properties } as Excel.CellValue]];
      await ctx.sync();
    });

  test("a property without its basicValue, or a FormattedNumber without its numberFormat, is refused", async () => {
    await expect(write({ v: { type: "Error", errorType: "NotAvailable" } })).rejects.toMatchObject({
      code: "InvalidArgument",
    });
    await expect(write({ v: { type: "FormattedNumber", basicValue: 1 } })).rejects.toMatchObject({
      code: "InvalidArgument",
    });
    await expect(write({ v: "text" })).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(fake.wb.sheet("IoMT Data").cellJson("A1")).toBeUndefined();
  });

  test("an error with its basicValue, and a list whose basicValue Excel computes, are taken", async () => {
    await write({
      na: { type: "Error", errorType: "NotAvailable", basicValue: "#N/A" },
      list: { type: "Array", elements: [[{ type: "String", basicValue: "a" }]] },
    });
    expect(fake.wb.sheet("IoMT Data").cellJson("A1")?.properties).toMatchObject({ na: { basicValue: "#N/A" } });
  });
});

describe("strict: numbers keep 15 significant digits", () => {
  test("numbers written, typed, computed or held in a data type are rounded to 15 significant digits", async () => {
    const s = fake.wb.sheet("IoMT Data");
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("A1:D1").values = [
        [0.1 + 0.2, 1234567890123456789, "3.14159265358979323", 122211 - 89809.00000000001],
      ];
      await ctx.sync();
    });
    expect(s.values("A1:D1")).toEqual([[0.3, 1234567890123460000, 3.14159265358979, 32402]]);
    expect(0.1 + 0.2).not.toBe(0.3);
    fake.wb.entityReadback = "exact";
    s.setCellJson("A2", { type: "Entity", text: "x", properties: { v: { type: "Double", basicValue: 0.1 + 0.2 } } });
    expect((s.cellJson("A2") as any).properties.v.basicValue).toBe(0.3);
  });
});

describe("strict: responses count against the 5 MB limit", () => {
  test("each sync's loaded data is measured; resetCounters clears it", async () => {
    fake.wb.sheet("IoMT Data").setCell("A1", "a".repeat(1000));
    await Excel.run(async (ctx) => {
      dataSheet(ctx).getRange("B1").values = [["a".repeat(5000)]];
      await ctx.sync();
      dataSheet(ctx).getRange("A1").load("values");
      await ctx.sync();
    });
    expect(fake.excel.responses).toHaveLength(2);
    expect(fake.excel.responses[0]).toBeLessThan(100); // a write brings nothing back
    expect(fake.excel.responses[1]).toBeGreaterThan(1000);
    expect(fake.excel.maxResponseBytes).toBe(fake.excel.responses[1]);
    fake.excel.resetCounters();
    expect([fake.excel.responses, fake.excel.maxResponseBytes]).toEqual([[], 0]);
  });

  test("a sync whose loads exceed 5 MB fails with ResponsePayloadSizeLimitExceeded; its writes stay applied", async () => {
    fake.wb.sheet("IoMT Data").setCells(
      "A1",
      Array.from({ length: 2000 }, () => ["x".repeat(3000)]),
    );
    let big: Excel.Range | undefined;
    const e = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).getRange("Z1").values = [["written"]];
        big = dataSheet(ctx).getRange("A1:A2000").load("values");
        await ctx.sync();
      }),
    );
    expect(e.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(fake.excel.maxResponseBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(fake.excel.maxRequestBytes).toBeLessThan(1000);
    expect(fake.wb.sheet("IoMT Data").cell("Z1").value).toBe("written");
    expect(caught(() => big!.values).code).toBe("PropertyNotLoaded");
  });
});

describe("strict: syncs that fail part-way", () => {
  test("onSync runs at the start of each sync with its number, so a co-author can protect a sheet between read and write", async () => {
    seedRegions(fake.wb);
    const seen: number[] = [];
    fake.wb.onSync = (n) => {
      seen.push(n);
      if (n === 2) fake.wb.protect("IoMT Data");
    };
    const e = await caught(
      Excel.run(async (ctx) => {
        const ws = dataSheet(ctx);
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
    expect(fake.wb.sheet("Notes").cell("A1").value).toBe("before");
    expect(fake.wb.sheet("IoMT Data").cell("C3").value).toBe(10);
    fake.excel.resetCounters();
    fake.wb.onSync = (n) => seen.push(n * 10);
    await Excel.run(async (ctx) => {
      await ctx.sync();
    });
    expect(seen).toEqual([1, 2, 10]);
  });

  test("failAfterWrites applies exactly `count` writes of the next larger request, fails, and fires once", async () => {
    const s = fake.wb.sheet("IoMT Data");
    fake.wb.failAfterWrites(2);
    await Excel.run(async (ctx) => {
      // two writes: not more than the count, so it stays armed
      dataSheet(ctx).getRange("A1").values = [[1]];
      dataSheet(ctx).getRange("A2").values = [[2]];
      await ctx.sync();
    });
    const write3 = (ctx: Excel.RequestContext): void => {
      dataSheet(ctx).getRange("B1").values = [["one"]];
      const r = dataSheet(ctx).getRange("B1").load("values"); // a load is not a write
      dataSheet(ctx).getRange("B2").values = [["two"]];
      dataSheet(ctx).getRange("B3").values = [["three"]];
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
    fake.wb.failAfterWrites(0, "AccessDenied");
    const first = await caught(
      Excel.run(async (ctx) => {
        dataSheet(ctx).getRange("C1").values = [["x"]];
        await ctx.sync();
      }),
    );
    expect([first.code, s.cell("C1").value]).toEqual(["AccessDenied", ""]);
  });
});
