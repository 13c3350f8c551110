/**
 * The add-in's own sheets (record, originals, lookup data) are recognised by their mark and visibility, never by
 * name alone: an analyst's visible sheet named like one of them, in any case, survives Insert, Refresh, Make
 * portable and Restore cell for cell (its IOMT formulas are converted and restored like any other sheet's), and
 * the add-in's sheets take another name. On the strict Excel stand-in.
 */
import { CHECKS } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import {
  findOwnSheets,
  freeSheetName,
  isOwnSheet,
  MARK_CELL,
  MARK_COLUMN,
  namedLike,
  OWN_SHEETS,
  ownSheetMark,
  type OwnSheetKind,
  columnIndex,
} from "../../src/core/excel";
import { DEFAULT_OPTIONS, SECTIONS } from "../../src/core/plan";
import { dataSheetRows, ORIGINALS_WIDTH, callsIomt } from "../../src/core/portable";
import { checkWorkbook, makePortable, restoreFormulas } from "../../src/excel/portable";
import { insertTables, refreshTables } from "../../src/excel/workbook";
import { edits } from "../../src/core/refresh";
import { type FakeSheet, useFakeExcel } from "../support/fake-excel";

describe("the mark", () => {
  test("lies right of every layout: the lookup data, the record's columns and the originals", () => {
    expect(columnIndex(MARK_CELL.replace(/\d+$/, ""))).toBe(MARK_COLUMN);
    const lookupWidth = dataSheetRows(INDEX, { tables: [], dataSheet: "IoMT Lookup", file: false })[0].length;
    for (const width of [lookupWidth, SECTIONS.length, ORIGINALS_WIDTH]) expect(width).toBeLessThan(MARK_COLUMN);
  });

  test("claims the very hidden kinds only when (very) hidden and marked, never visible; the lookup sheet when marked", () => {
    const marked = (kind: OwnSheetKind) => ownSheetMark(kind);
    expect(isOwnSheet("record", { name: "IoMT record", visibility: "VeryHidden", mark: marked("record") })).toBe(true);
    expect(isOwnSheet("record", { name: "iomt RECORD (2)", visibility: "veryHidden", mark: marked("record") })).toBe(
      true,
    );
    expect(isOwnSheet("record", { name: "IoMT record", visibility: "Visible", mark: marked("record") })).toBe(false);
    // hidden, as LibreOffice saves a very hidden sheet
    expect(isOwnSheet("record", { name: "IoMT record", visibility: "Hidden", mark: marked("record") })).toBe(true);
    expect(isOwnSheet("originals", { name: "IoMT Originals", visibility: "hidden", mark: marked("originals") })).toBe(
      true,
    );
    expect(isOwnSheet("originals", { name: "IoMT Originals", visibility: "Hidden", mark: "IoMT add-in sheet" })).toBe(
      false,
    );
    expect(isOwnSheet("record", { name: "IoMT record", visibility: "VeryHidden" })).toBe(false);
    expect(isOwnSheet("record", { name: "IoMT record", visibility: "VeryHidden", mark: marked("originals") })).toBe(
      false,
    );
    expect(isOwnSheet("originals", { name: "My notes", visibility: "VeryHidden", mark: marked("originals") })).toBe(
      false,
    );
    expect(isOwnSheet("lookup", { name: "IoMT Lookup", visibility: "Visible", mark: marked("lookup") })).toBe(true);
    expect(isOwnSheet("lookup", { name: "IoMT Lookup", visibility: "Visible", mark: "" })).toBe(false);
    for (const name of ["IoMT Lookup (0)", "IoMT Lookup (02)", "IoMT Lookup ()", "IoMT Lookup (2", "IoMT Lookups"])
      expect(namedLike("lookup", name)).toBe(false);
    expect(namedLike("lookup", "IOMT LOOKUP (12)")).toBe(true);
  });

  test("a free name is the base name, else the first 'base (n)' no sheet has, ignoring case as Excel does", () => {
    expect(freeSheetName("record", ["Sheet1"])).toBe("IoMT record");
    expect(freeSheetName("record", ["iomt RECORD"])).toBe("IoMT record (2)");
    expect(freeSheetName("lookup", ["IoMT Lookup", "iomt lookup (2)"])).toBe("IoMT Lookup (3)");
    const own = findOwnSheets([
      { name: "IoMT Lookup (2)", visibility: "Visible", mark: ownSheetMark("lookup") },
      { name: "IoMT Lookup", visibility: "Visible", mark: ownSheetMark("lookup") },
      { name: "IoMT Originals", visibility: "Visible", mark: ownSheetMark("originals") },
    ]);
    // two marked lookup sheets (a copy): the one with the base name
    expect(own.own).toEqual({ lookup: "IoMT Lookup" });
    expect(own.notVeryHidden).toEqual({ originals: "IoMT Originals" });
    // a very hidden marked sheet before a hidden one, whatever their names
    const two = findOwnSheets([
      { name: "IoMT Originals", visibility: "Hidden", mark: ownSheetMark("originals") },
      { name: "IoMT Originals (2)", visibility: "VeryHidden", mark: ownSheetMark("originals") },
    ]);
    expect([two.own, two.onlyHidden]).toEqual([{ originals: "IoMT Originals (2)" }, {}]);
  });
});

/** Every cell of a sheet, as stored: what "cell for cell" compares. */
const cellsOf = (s: FakeSheet) => JSON.stringify([...s.cells].sort(([a], [b]) => a.localeCompare(b)));

const ANALYST_FORMULA = '=IOMT.VALUE("USA",2029)*2';

describe.each([
  ["IoMT record", "record"],
  ["IOMT RECORD", "record"],
  ["IoMT Lookup", "lookup"],
  ["iomt lookup", "lookup"],
  ["IoMT Originals", "originals"],
  ["IOMT ORIGINALS", "originals"],
] as const)("an analyst's visible sheet named '%s'", (name, kind) => {
  const fake = useFakeExcel(["Sheet1", name], (wb) => {
    const mine = wb.sheet(name);
    mine.setCells("A1", [
      ["My notes", 42, "=1+1"],
      ["Sheet", "Cell", "Form"],
      ["Records", 3, ANALYST_FORMULA],
    ]);
    mine.setCell("D9", '=IOMT.RATE("Wearables")');
    mine.setCell(MARK_CELL, "my own AF1");
    wb.sheet("Sheet1").setCell("B2", '=IOMT.GROWTH("RTM")');
  });

  test("survives Insert, Refresh, Make portable and Restore cell for cell; the add-in's sheet takes another name", async () => {
    const mine = fake.wb.sheet(name);
    const before = cellsOf(mine);
    await insertTables(INDEX, CHECKS, DEFAULT_OPTIONS);
    expect(cellsOf(mine)).toBe(before);
    expect(mine.visibility).toBe("Visible");
    const record = kind === "record" ? "IoMT record (2)" : "IoMT record";
    expect(fake.wb.sheet(record).visibility).toBe("VeryHidden");
    expect(fake.wb.sheet(record).cell(MARK_CELL).value).toBe(ownSheetMark("record"));
    expect(fake.wb.sheet(record).cell("B1").value).toMatch(/^IoMT_Regions\|2\|v3\|[A-Za-z0-9_-]{16}$/);

    // an analyst's edit in a table is kept: the record on the add-in's sheet is read, not the analyst's sheet
    fake.wb.sheet("IoMT Regions").setCell("C4", 12345);
    const r = await refreshTables(INDEX, CHECKS);
    expect(edits(r).map((e) => e.address)).toEqual(["'IoMT Regions'!C4"]);
    expect(cellsOf(mine)).toBe(before);

    const check = await checkWorkbook();
    expect(check.cells.filter((c) => c.sheet === name).map((c) => c.cell)).toEqual(["C3", "D9"]);
    const made = await makePortable(INDEX, "workbook");
    expect(made.converted.filter((c) => c.sheet === name).map((c) => c.cell)).toEqual(["C3", "D9"]);
    const lookup = kind === "lookup" ? "IoMT Lookup (2)" : "IoMT Lookup";
    const originals = kind === "originals" ? "IoMT Originals (2)" : "IoMT Originals";
    expect(made.dataSheet).toBe(lookup);
    expect(fake.wb.sheet(lookup).cell(MARK_CELL).value).toBe(ownSheetMark("lookup"));
    expect(fake.wb.sheet(originals).visibility).toBe("VeryHidden");
    expect(fake.wb.sheet(originals).cell(MARK_CELL).value).toBe(ownSheetMark("originals"));
    // the analyst's IOMT formulas are converted like any other sheet's; the rest of the sheet is as it was
    expect(callsIomt(mine.cell("C3").formula)).toBe(false);
    expect(mine.cell("C3").formula).toContain(`'${lookup}'!`);
    expect(mine.cell("A1").value).toBe("My notes");
    expect(mine.cell(MARK_CELL).value).toBe("my own AF1");
    expect(mine.visibility).toBe("Visible");

    const back = await restoreFormulas(INDEX);
    expect(back.refused).toEqual([]);
    expect(back.restored).toBe(made.converted.length);
    expect(cellsOf(mine)).toBe(before);
    expect(fake.wb.sheet("Sheet1").cell("B2").formula).toBe('=IOMT.GROWTH("RTM")');
  });
});

describe("a workbook saved by LibreOffice (very hidden sheets saved as hidden)", () => {
  const fake = useFakeExcel(["Sheet1", "Notes"], (wb) => {
    wb.sheet("Sheet1").setCell("A1", '=IOMT.RATE("Wearables")');
    wb.sheet("Sheet1").setCell("A2", '=IOMT.GROWTH("RTM")');
  });
  const libreOfficeSave = () => {
    for (const s of fake.wb.sheets) if (s.visibility === "VeryHidden") fake.wb.setSheetVisibility(s, "Hidden");
  };

  test("Check workbook reports the add-in's sheets no longer very hidden; Make portable and Restore set them back", async () => {
    await insertTables(INDEX, CHECKS, { ...DEFAULT_OPTIONS, sections: ["regions"] });
    fake.wb.selection = { sheet: fake.wb.sheet("Sheet1"), top: 0, left: 0, bottom: 0, right: 0 };
    await makePortable(INDEX, "selection");
    libreOfficeSave();
    expect(fake.wb.sheet(OWN_SHEETS.originals.base).visibility).toBe("Hidden");
    expect(fake.wb.sheet(OWN_SHEETS.record.base).visibility).toBe("Hidden");
    const check = await checkWorkbook();
    expect(check.sheetNotes).toEqual([
      expect.stringMatching(/'IoMT record' is hidden but no longer very hidden .*LibreOffice/),
      expect.stringMatching(/'IoMT Originals' is hidden but no longer very hidden/),
    ]);
    // Make portable writes to the add-in's originals sheet (not a new one beside it) and sets both back
    fake.wb.selection = { sheet: fake.wb.sheet("Sheet1"), top: 1, left: 0, bottom: 1, right: 0 };
    await makePortable(INDEX, "selection");
    expect(fake.wb.sheets.map((s) => s.name)).not.toContain("IoMT Originals (2)");
    expect(fake.wb.sheet(OWN_SHEETS.originals.base).visibility).toBe("VeryHidden");
    expect(fake.wb.sheet(OWN_SHEETS.record.base).visibility).toBe("VeryHidden");
    expect((await checkWorkbook()).sheetNotes).toEqual([]);

    libreOfficeSave();
    fake.wb.sheet("Sheet1").setCell("A2", "=2+2"); // edited since, so its record stays
    const back = await restoreFormulas(INDEX);
    expect(back.problem).toBeUndefined();
    expect(back.restored).toBe(1);
    expect(fake.wb.sheet("Sheet1").cell("A1").formula).toBe('=IOMT.RATE("Wearables")');
    expect(fake.wb.sheet(OWN_SHEETS.originals.base).visibility).toBe("VeryHidden");
  });

  test("Refresh claims the record sheet left hidden (edits are told from the record) and sets it back", async () => {
    await insertTables(INDEX, CHECKS, { ...DEFAULT_OPTIONS, sections: ["regions"] });
    libreOfficeSave();
    const regions = fake.wb.sheet("IoMT Regions");
    regions.setCell("C4", 12345);
    const first = await refreshTables(INDEX, CHECKS);
    expect(edits(first).map((e) => e.address)).toEqual(["'IoMT Regions'!C4"]);
    expect(fake.wb.sheets.map((s) => s.name)).not.toContain("IoMT record (2)");
    const id = edits(first)[0].id;
    const r = await refreshTables(INDEX, CHECKS, { overwrite: new Set([id]) });
    expect(r.status).toBe("updated");
    expect(fake.wb.sheet(OWN_SHEETS.record.base).visibility).toBe("VeryHidden");
  });

  test("an analyst's VISIBLE sheet carrying the mark is never claimed", async () => {
    const notes = fake.wb.sheet("Notes");
    fake.wb.renameSheet("Notes", OWN_SHEETS.originals.base);
    notes.setCell(MARK_CELL, ownSheetMark("originals"));
    const check = await checkWorkbook();
    expect(check.sheetNotes).toEqual([]);
    const back = await restoreFormulas(INDEX);
    expect(back.problem).toMatch(/carries the add-in's mark but is visible/);
    const made = await makePortable(INDEX, "workbook");
    expect(made.converted.length).toBe(2);
    expect(fake.wb.sheet("IoMT Originals (2)").visibility).toBe("VeryHidden");
    expect(notes.visibility).toBe("Visible");
  });
});

describe("a workbook of the previous version", () => {
  const fake = useFakeExcel(["Sheet1"]);

  test("its sheets (no mark) are not claimed: no record, so every difference is kept as an edit", async () => {
    await insertTables(INDEX, CHECKS, { ...DEFAULT_OPTIONS, sections: ["regions"] });
    // the previous version wrote the same record without the mark
    fake.wb.sheet(OWN_SHEETS.record.base).setCell(MARK_CELL, "");
    const old = cellsOf(fake.wb.sheet(OWN_SHEETS.record.base));
    fake.wb.sheet("IoMT Regions").setCell("C4", 12345);
    const r = await refreshTables(INDEX, CHECKS);
    expect(edits(r).map((e) => e.address)).toEqual(["'IoMT Regions'!C4"]);
    expect(fake.wb.sheet("IoMT Regions").cell("C4").value).toBe(12345);
    // its record now lives on a marked sheet beside the old one, which keeps every cell
    expect(fake.wb.sheet("IoMT record (2)").cell(MARK_CELL).value).toBe(ownSheetMark("record"));
    expect(cellsOf(fake.wb.sheet("IoMT record"))).toBe(old);
  });
});
