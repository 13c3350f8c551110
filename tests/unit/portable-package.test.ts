/**
 * `npm run portable` patches the package: a workbook written part by part as OOXML by the test
 * (tests/support/ooxml-fixture.ts: a chart, an image, a pivot table, threaded comments, data validation,
 * conditional formatting, defined names, a table, dynamic-array metadata, custom XML; and an .xlsm with a VBA
 * project) is made portable and restored, and input and output are compared part by part: the same parts but
 * those expected to change, every other part byte for byte, and within the changed ones only the converted
 * cells, the add-in's sheets' entries and the calculation flags.
 */
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import JSZip from "jszip";
import { DOMParser } from "@xmldom/xmldom";
import { INDEX } from "../../src/data/bundled";
import { callsIomt } from "../../src/core/portable";
import { makeFilePortable, restoreFile } from "../../src/export/portable";
import { openWorkbook } from "../../src/export/workbook-file";
import { CALC_FORMULAS, fixtureParts, fixtureWorkbook, NATIVE_FORMULAS, VBA_PROJECT } from "../support/ooxml-fixture";
import { zipOf } from "../support/zip-bytes";

async function partsOf(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(buf);
  const out = new Map<string, Buffer>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("nodebuffer"));
  return out;
}

/** The parts added, removed and changed from `a` to `b`, each sorted. */
function compare(a: Map<string, Buffer>, b: Map<string, Buffer>) {
  return {
    added: [...b.keys()].filter((n) => !a.has(n)).sort(),
    removed: [...a.keys()].filter((n) => !b.has(n)).sort(),
    changed: [...a.keys()].filter((n) => b.has(n) && !a.get(n)!.equals(b.get(n)!)).sort(),
  };
}

function portable(bytes: Buffer) {
  const book = openWorkbook(bytes, "in.xlsx");
  const report = makeFilePortable(book, INDEX);
  return { report, bytes: book.toBuffer() };
}

function restored(bytes: Buffer) {
  const book = openWorkbook(bytes, "portable.xlsx");
  const report = restoreFile(book, INDEX);
  return { report, bytes: book.toBuffer() };
}

/** The text with the element that holds `marker` cut out (an empty element `<... />` or a cell up to its `</c>`). */
function cut(text: string, marker: string): string {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker}`);
  const start = text.lastIndexOf("<", at);
  const selfClosed = text.indexOf("/>", at);
  const open = text.indexOf(">", at);
  const end = selfClosed === open - 1 ? open + 1 : text.indexOf("</c>", at) + 4;
  return text.slice(0, start) + text.slice(end);
}

const cutAll = (text: string, markers: readonly string[]) => markers.reduce(cut, text);
const cells = (addresses: readonly string[]) => addresses.map((a) => `<c r="${a}"`);
const text = (parts: Map<string, Buffer>, name: string) => parts.get(name)!.toString("utf8");

const xml = (s: string) => new DOMParser().parseFromString(s, "text/xml");
function cellOf(sheet: string, address: string) {
  const c = Array.from(xml(sheet).getElementsByTagName("c")).find((e) => e.getAttribute("r") === address);
  if (!c) throw new Error(`no cell ${address}`);
  return c;
}
const fOf = (c: ReturnType<typeof cellOf>) => c.getElementsByTagName("f")[0];

const CONVERTED = Object.keys(CALC_FORMULAS);

describe.each([
  { kind: ".xlsx", macro: false },
  { kind: ".xlsm with a VBA project", macro: true },
])("a workbook with a chart, an image, a pivot table, threaded comments and more ($kind)", ({ macro }) => {
  let input: Buffer;
  let output: Buffer;
  let report: ReturnType<typeof makeFilePortable>;
  beforeAll(async () => {
    input = await fixtureWorkbook({ macro });
    ({ report, bytes: output } = portable(input));
  });

  test("Make portable changes only the formula sheet, the workbook's lists of sheets and the calculation chain; every other part byte for byte", async () => {
    expect(report.converted.map((c) => c.cell).sort()).toEqual([...CONVERTED].sort());
    expect(report.problems).toEqual([]);
    const a = await partsOf(input);
    const b = await partsOf(output);
    expect(compare(a, b)).toEqual({
      added: ["xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"],
      removed: ["xl/calcChain.xml"],
      changed: ["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/worksheets/sheet2.xml"],
    });
    // the parts exceljs would drop or rewrite are among those copied
    for (const p of [
      "xl/charts/chart1.xml",
      "xl/drawings/drawing1.xml",
      "xl/media/image1.png",
      "xl/pivotTables/pivotTable1.xml",
      "xl/pivotCache/pivotCacheDefinition1.xml",
      "xl/threadedComments/threadedComment1.xml",
      "xl/persons/person.xml",
      "xl/metadata.xml",
      "customXml/item1.xml",
      "xl/sharedStrings.xml",
      "xl/worksheets/sheet1.xml",
      "docProps/app.xml",
    ])
      expect(b.get(p)!.equals(a.get(p)!)).toBe(true);
    if (macro) expect(b.get("xl/vbaProject.bin")!.equals(VBA_PROJECT)).toBe(true);
  });

  test("in the formula sheet only the converted cells differ: data validation, conditional formats, drawing and native formulas stay as they were", async () => {
    const a = text(await partsOf(input), "xl/worksheets/sheet2.xml");
    const b = text(await partsOf(output), "xl/worksheets/sheet2.xml");
    expect(cutAll(b, cells(CONVERTED))).toBe(cutAll(a, cells(CONVERTED)));
    expect(b).toContain("<dataValidations");
    for (const address of CONVERTED) {
      const c = cellOf(b, address);
      expect([address, callsIomt(fOf(c).textContent ?? "")]).toEqual([address, false]);
      // no cached value: the workbook calculates on load
      expect(c.getElementsByTagName("v")).toHaveLength(0);
      expect(c.hasAttribute("t")).toBe(false);
    }
    // the style and the dynamic-array flag (cell metadata) stay on their cells; each formula keeps its kind
    expect(cellOf(b, "B1").getAttribute("s")).toBe("1");
    expect(cellOf(b, "A7").getAttribute("s")).toBe("1");
    expect(cellOf(b, "H1").getAttribute("cm")).toBe("1");
    const kind = (address: string) => {
      const f = fOf(cellOf(b, address));
      return [f.getAttribute("t"), f.getAttribute("ref")];
    };
    expect(kind("E1")).toEqual(["array", "E1:F6"]);
    expect(kind("H1")).toEqual(["array", "H1:H3"]);
    expect(kind("B5")).toEqual(["array", "B5"]);
    for (const address of ["B1", "C1", "C2", "C3", "A7", "A8"]) expect(kind(address)).toEqual([null, null]);
    // the shared group of native formulas is untouched
    expect(fOf(cellOf(b, "D1")).getAttribute("t")).toBe("shared");
    const back = openWorkbook(output, "out.xlsx").formulas("Calc");
    for (const [cell, formula] of Object.entries(NATIVE_FORMULAS))
      expect(back.find((f) => f.cell === cell)?.formula).toBe(formula);
  });

  test("workbook.xml, its relationships and the content types gain the two sheets and lose the calculation chain, nothing else", async () => {
    const a = await partsOf(input);
    const b = await partsOf(output);
    const book = openWorkbook(output, "out.xlsx");
    expect(book.sheets()).toEqual([
      { name: "Data", state: "visible", path: "xl/worksheets/sheet1.xml" },
      { name: "Calc", state: "visible", path: "xl/worksheets/sheet2.xml" },
      { name: "IoMT Lookup", state: "visible", path: "xl/worksheets/sheet3.xml" },
      { name: "IoMT Originals", state: "veryHidden", path: "xl/worksheets/sheet4.xml" },
    ]);
    const workbook = text(b, "xl/workbook.xml");
    expect(workbook).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>');
    expect(
      cutAll(workbook, ['<sheet name="IoMT Lookup"', '<sheet name="IoMT Originals"'])
        .split(' fullCalcOnLoad="1"')
        .join(""),
    ).toBe(text(a, "xl/workbook.xml"));
    const rels = ["worksheets/sheet3.xml", "worksheets/sheet4.xml"].map((t) => `Target="${t}"`);
    expect(cutAll(text(b, "xl/_rels/workbook.xml.rels"), rels)).toBe(
      cut(text(a, "xl/_rels/workbook.xml.rels"), 'Target="calcChain.xml"'),
    );
    const types = ["/xl/worksheets/sheet3.xml", "/xl/worksheets/sheet4.xml"].map((p) => `PartName="${p}"`);
    expect(cutAll(text(b, "[Content_Types].xml"), types)).toBe(
      cut(text(a, "[Content_Types].xml"), 'PartName="/xl/calcChain.xml"'),
    );
  });

  test("restore puts every formula back as the kind it was, removes the add-in's sheets, and leaves every other part as the input had it", async () => {
    const { report: r, bytes: back } = restored(output);
    expect(r.restored).toBe(CONVERTED.length);
    expect(r.removed).toEqual(["IoMT Originals", "IoMT Lookup"]);
    const a = await partsOf(input);
    const b = await partsOf(back);
    expect(compare(a, b)).toEqual({
      added: [],
      removed: ["xl/calcChain.xml"],
      changed: ["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/worksheets/sheet2.xml"],
    });
    expect(text(b, "xl/workbook.xml").split(' fullCalcOnLoad="1"').join("")).toBe(text(a, "xl/workbook.xml"));
    expect(text(b, "xl/_rels/workbook.xml.rels")).toBe(
      cut(text(a, "xl/_rels/workbook.xml.rels"), 'Target="calcChain.xml"'),
    );
    expect(text(b, "[Content_Types].xml")).toBe(cut(text(a, "[Content_Types].xml"), 'PartName="/xl/calcChain.xml"'));
    const sheetA = text(a, "xl/worksheets/sheet2.xml");
    const sheetB = text(b, "xl/worksheets/sheet2.xml");
    expect(cutAll(sheetB, cells(CONVERTED))).toBe(cutAll(sheetA, cells(CONVERTED)));
    // each formula, its kind and its range as the input held them (the shared group under a new index)
    const kinds = (bytes: Buffer) => openWorkbook(bytes, "x.xlsx").formulas("Calc");
    expect(kinds(back)).toEqual(kinds(input));
    expect(fOf(cellOf(sheetB, "C2")).getAttribute("t")).toBe("shared");
    expect(cellOf(sheetB, "H1").getAttribute("cm")).toBe("1");
  });
});

test("the command line writes the same parts as the functions, for an .xlsm, and keeps its macro-enabled content type", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iomt-portable-package-"));
  const input = path.join(dir, "book.xlsm");
  fs.writeFileSync(input, await fixtureWorkbook({ macro: true }));
  const script = path.resolve(__dirname, "..", "..", "scripts", "portable.js");
  const said = execFileSync(process.execPath, [script, input, path.join(dir, "out.xlsm")], { encoding: "utf8" });
  expect(said).toContain(`Made ${CONVERTED.length} formula(s) portable; lookup data on sheet 'IoMT Lookup'`);
  const cli = await partsOf(fs.readFileSync(path.join(dir, "out.xlsm")));
  const direct = await partsOf(portable(fs.readFileSync(input)).bytes);
  expect([...cli.keys()].sort()).toEqual([...direct.keys()].sort());
  for (const [name, bytes] of direct) expect([name, cli.get(name)!.equals(bytes)]).toEqual([name, true]);
  expect(text(cli, "[Content_Types].xml")).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
});

describe("parts that are not XML the patcher accepts are refused, with the part named", () => {
  const withSheet = (sheet: string) => zipOf({ ...fixtureParts(), "xl/worksheets/sheet2.xml": sheet });
  const refusal = async (sheet: string) => {
    const book = openWorkbook(await withSheet(sheet), "bad.xlsx");
    try {
      makeFilePortable(book, INDEX);
    } catch (e) {
      return (e as Error).message;
    }
    return "accepted";
  };

  test("a document type with entities (a billion laughs), an entity of its own, tags that do not nest", async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><f>IOMT.RATE("&lol2;")</f></c></row></sheetData></worksheet>`;
    expect(await refusal(laughs)).toBe(
      "its part xl/worksheets/sheet2.xml cannot be read: it declares a document type or entities, which are refused",
    );
    const entity = laughs.replace(/<!DOCTYPE[^\]]*\]>/, "");
    expect(await refusal(entity)).toBe(
      "its part xl/worksheets/sheet2.xml cannot be read: the entity &lol2; is not one of XML's own",
    );
    expect(await refusal(entity.replace("</f>", "</v>"))).toMatch(/the close tag v does not match its element/);
  });

  test("a sheet of a million unclosed quotes and one of 300,000 cells are read in one pass", async () => {
    expect(await refusal(`<worksheet a="${"'".repeat(1e6)}`)).toMatch(/is not closed/);
    const many = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${Array.from(
      { length: 300 },
      (_, r) => `<row r="${r + 1}">${Array.from({ length: 1000 }, (_, c) => `<c><v>${c}</v></c>`).join("")}</row>`,
    ).join("")}</sheetData></worksheet>`;
    expect(await refusal(many)).toBe("accepted");
  });
});

describe("restore of a patched package edited since", () => {
  let output: Buffer;
  beforeAll(async () => {
    output = portable(await fixtureWorkbook()).bytes;
  });

  const edited = async (edit: (parts: Record<string, string | Buffer>) => void) => {
    const zip = await JSZip.loadAsync(output);
    const parts: Record<string, string | Buffer> = {};
    for (const f of Object.values(zip.files)) if (!f.dir) parts[f.name] = await f.async("nodebuffer");
    edit(parts);
    return zipOf(parts);
  };
  const replaced = (parts: Record<string, string | Buffer>, name: string, from: string, to: string) => {
    const s = parts[name].toString();
    expect(s).toContain(from);
    parts[name] = s.split(from).join(to);
  };

  test('an array formula over one cell saved as ref="B5:B5" (as LibreOffice saves it) is restored', async () => {
    const bytes = await edited((p) =>
      replaced(p, "xl/worksheets/sheet2.xml", '<f t="array" ref="B5">', '<f t="array" ref="B5:B5">'),
    );
    const { report } = restored(bytes);
    expect(report.skipped).toEqual([]);
    expect(report.restored).toBe(CONVERTED.length);
  });

  test("removing the add-in's sheets moves a later sheet's defined names and the active tab down, and drops names local to them", async () => {
    const book = openWorkbook(output, "portable.xlsx");
    book.addSheet("Notes", [["kept"]]);
    const withNotes = book.toBuffer();
    const bytes = await JSZip.loadAsync(withNotes).then(async (zip) => {
      const parts: Record<string, string | Buffer> = {};
      for (const f of Object.values(zip.files)) if (!f.dir) parts[f.name] = await f.async("nodebuffer");
      replaced(parts, "xl/workbook.xml", 'activeTab="0"', 'activeTab="4"');
      replaced(
        parts,
        "xl/workbook.xml",
        "</definedNames>",
        '<definedName name="Later" localSheetId="4">Notes!$A$1</definedName><definedName name="Gone" localSheetId="3">1</definedName></definedNames>',
      );
      return zipOf(parts);
    });
    const { report, bytes: back } = restored(bytes);
    expect(report.removed.sort()).toEqual(["IoMT Lookup", "IoMT Originals"]);
    const workbook = text(await partsOf(back), "xl/workbook.xml");
    expect(workbook).toContain('<definedName name="Later" localSheetId="2">Notes!$A$1</definedName>');
    expect(workbook).not.toContain('name="Gone"');
    expect(workbook).toContain('activeTab="2"');
    expect(workbook).toContain('<definedName name="_xlnm.Print_Area" localSheetId="1">');
    expect(
      openWorkbook(back, "back.xlsx")
        .sheets()
        .map((s) => s.name),
    ).toEqual(["Data", "Calc", "Notes"]);
    expect(openWorkbook(back, "back.xlsx").cellValue("Notes", "A1")).toBe("kept");
  });
});

test("a sheet written with a namespace prefix and cells without addresses (as some generators write them) is patched in the same form", async () => {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:f>IOMT.CAGR(100,200,5)</x:f><x:v>0</x:v></x:c></x:row><x:row><x:c><x:v>1</x:v></x:c><x:c s="1"><x:f>IOMT.PROJECT(100,0.1,1)</x:f></x:c></x:row></x:sheetData></x:worksheet>`;
  const input = await zipOf({ ...fixtureParts(), "xl/worksheets/sheet2.xml": sheet });
  const { report, bytes } = portable(input);
  expect(report.converted.map((c) => `${c.sheet}!${c.cell}`)).toEqual(["Calc!A1", "Calc!B2"]);
  const out = text(await partsOf(bytes), "xl/worksheets/sheet2.xml");
  expect(out).toBe(
    sheet
      .replace(
        '<x:c r="A1"><x:f>IOMT.CAGR(100,200,5)</x:f><x:v>0</x:v></x:c>',
        '<x:c r="A1"><x:f>_xlfn.RRI(5,100,200)</x:f></x:c>',
      )
      .replace("<x:f>IOMT.PROJECT(100,0.1,1)</x:f>", "<x:f>(100*(1+0.1)^1)</x:f>"),
  );
  const back = restored(bytes);
  expect(back.report.restored).toBe(2);
  expect(text(await partsOf(back.bytes), "xl/worksheets/sheet2.xml")).toBe(sheet.replace("<x:v>0</x:v>", ""));
});
