/**
 * Reading the selected cell for trace to source, on the Excel stand-in: one request whatever the cell, a second only
 * for the cells a lookup's arguments name; a selection of many cells is never read; tables sorted, moved or with
 * data types are found by name, and the cell's header and row key are read one cell each.
 */
import { useFakeExcel } from "../support/fake-excel";
import { CHECKS } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { DEFAULT_OPTIONS } from "../../src/core/plan";
import { insertTables } from "../../src/excel/workbook";
import { readSelection } from "../../src/excel/selection-read";

const fake = useFakeExcel(["Sheet1"]);

const read = async (sheet: string, address: string) => {
  fake.wb.select(sheet, address);
  fake.excel.resetCounters();
  const selection = await readSelection();
  return { selection, syncs: fake.excel.syncCount, response: fake.excel.maxResponseBytes };
};

describe("reading the selection", () => {
  beforeEach(async () => {
    await insertTables(INDEX, CHECKS, { ...DEFAULT_OPTIONS, dataTypes: true });
  });

  test("a cell of an IoMT table: its content, header and row key, in one request of a few hundred bytes", async () => {
    const { selection, syncs, response } = await read("IoMT Regions", "C4");
    expect(syncs).toBe(1);
    expect(response).toBeLessThan(1000);
    expect(selection).toEqual({
      kind: "cell",
      address: "'IoMT Regions'!C4",
      content: 79107,
      argumentValues: new Map(),
      table: { table: "IoMT_Regions", header: "2029", rowKey: "North America", isHeader: false },
    });
  });

  test("the header row, and a cell beside the table (its column's header is not its own)", async () => {
    expect((await read("IoMT Regions", "C3")).selection).toMatchObject({ table: { isHeader: true } });
    const beside = (await read("IoMT Regions", "C9")).selection;
    expect(beside).toMatchObject({ kind: "cell" });
    expect("table" in beside).toBe(false);
  });

  test("a table moved on its sheet is still found, by name", async () => {
    fake.wb.insertColumns("IoMT Regions", "A", 2);
    const { selection } = await read("IoMT Regions", "E4");
    expect(selection).toMatchObject({ table: { table: "IoMT_Regions", header: "2029", rowKey: "North America" } });
  });

  test("a lookup whose arguments name cells: a second request reads those cells, on their sheets", async () => {
    fake.wb.addSheet("My sheet");
    fake.wb.sheet("My sheet").setCell("B7", 2024);
    fake.wb.sheet("Sheet1").setCell("B1", "Wearables");
    fake.wb.sheet("Sheet1").setCell("A1", "=IOMT.VALUE(B1, 'My sheet'!$B$7) + IOMT.RATE(Nowhere!A1)");
    const { selection, syncs } = await read("Sheet1", "A1");
    expect(syncs).toBe(2);
    expect(selection).toMatchObject({
      kind: "cell",
      content: "=IOMT.VALUE(B1, 'My sheet'!$B$7) + IOMT.RATE(Nowhere!A1)",
    });
    if (selection.kind !== "cell") throw new Error("a cell was selected");
    // a reference to a sheet the workbook lacks is left unread
    expect([...selection.argumentValues]).toEqual([
      ["B1", "Wearables"],
      ["'My sheet'!$B$7", 2024],
    ]);
  });

  test("a plain cell in one request; many cells are not read at all", async () => {
    fake.wb.sheet("Sheet1").setCell("A1", 5);
    expect(await read("Sheet1", "A1")).toMatchObject({ syncs: 1, selection: { content: 5 } });
    const many = await read("Sheet1", "A1:Z5000");
    expect(many.selection).toEqual({ kind: "range", address: "Sheet1!A1:Z5000", rows: 5000, columns: 26 });
    expect(many.syncs).toBe(1);
    expect(many.response).toBeLessThan(1000);
  });
});
