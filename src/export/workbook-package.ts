/**
 * An .xlsx (or .xlsm) package read and patched as OOXML (ECMA-376 Part 1, SpreadsheetML), for `npm run portable`:
 * the workbook's sheets, their formula cells and values, its tables; and the few edits Make portable and restore
 * make: formula cells rewritten in place (each `<c>` element replaced, every other character of its sheet kept),
 * the add-in's own sheets written, added or removed with their entries in workbook.xml, its relationships and
 * [Content_Types].xml, and a full calculation on load. Every part nothing is asked of stays byte for byte as it
 * was: charts, pivot tables, drawings and images, comments, a VBA project, custom XML, metadata. Parts are read
 * with the linear scanner of xml-scan.ts; nothing in them is trusted.
 */
import { translateFormulaToA1, translateFormulaToR1C1 } from "@borgar/fx";
import { columnLetters } from "../core/excel";
import { singleCell } from "../core/portable";
import {
  attribute,
  decodeXml,
  elementText,
  escapeAttribute,
  escapeText,
  localName,
  prefixOf,
  scanTags,
  spliced,
  XmlError,
  type XmlAttribute,
  type XmlTag,
} from "./xml-scan";
import { ZipPackage } from "./zip-package";

/** A package that is not a workbook this code can patch; the message says why. */
export class PackageError extends Error {
  constructor(
    message: string,
    /** a workbook, but one saved in a form this code does not patch (Strict Open XML) */
    readonly unsupported = false,
  ) {
    super(message);
  }
}

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_TYPE = (t: string) => `${REL_NS}/${t}`;
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/** A sheet of the workbook: its name, visibility ("visible", "hidden", "veryHidden") and worksheet part. */
export interface PackageSheet {
  name: string;
  state: string;
  /** the worksheet part ("xl/worksheets/sheet1.xml"); undefined for a chart sheet or a dialog sheet */
  path?: string;
}

/** A formula cell as the file holds it: its text (a shared formula's other cells: the master's slid to them). */
export interface PackageFormula {
  cell: string;
  formula: string;
  /** array (also a dynamic array, which the file holds as one) or shared, with the array's or group's range */
  kind?: "array" | "shared";
  range?: string;
}

/** A formula to write into a cell: plain, an array formula over `array`, or one cell of a shared formula. */
export interface FormulaWrite {
  cell: string;
  /** the text; empty for a shared formula's other cells */
  formula: string;
  array?: string;
  shared?: { si: number; ref?: string };
}

export type CellValue = number | string | boolean | null;

interface Cell {
  address: string;
  row: number;
  column: number;
  start: number;
  end: number;
  prefix: string;
  attributes: XmlAttribute[];
  f?: { t?: string; ref?: string; si?: string; text?: string };
  t?: string;
  v?: string;
  inline?: string;
}

interface Sheet {
  xml: string;
  cells: Cell[];
  byAddress: Map<string, Cell>;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  start: number;
  end: number;
}

const dirOf = (p: string): string => p.slice(0, p.lastIndexOf("/") + 1);
const relsOf = (p: string): string => `${dirOf(p)}_rels/${p.slice(p.lastIndexOf("/") + 1)}.rels`;

/** A relationship's target as a part name: relative to the source's folder, or from the root when it starts with "/". */
function resolveTarget(source: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : dirOf(source) + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** Scans a part, turning the scanner's refusals into the package's. */
function scan(part: string, xml: string, visit: (tag: XmlTag) => void): void {
  try {
    scanTags(xml, visit);
  } catch (e) {
    if (e instanceof XmlError) throw new PackageError(`its part ${part} cannot be read: ${e.message}`);
    throw e;
  }
}

function text(part: string, xml: string, from: number, to: number): string {
  try {
    return elementText(xml, from, to);
  } catch (e) {
    if (e instanceof XmlError) throw new PackageError(`its part ${part} cannot be read: ${e.message}`);
    throw e;
  }
}

function attr(part: string, tag: XmlTag, name: string): string | undefined {
  try {
    return attribute(tag, name);
  } catch (e) {
    if (e instanceof XmlError) throw new PackageError(`its part ${part} cannot be read: ${e.message}`);
    throw e;
  }
}

/** The text of the `<t>` elements within [from, to), leaving out phonetic runs (`<rPh>`): a string item's text. */
function runsText(part: string, xml: string, tags: XmlTag[]): string {
  let out = "";
  let phonetic = 0;
  let open: number | undefined;
  for (const tag of tags) {
    const name = localName(tag.name);
    if (name === "rPh") phonetic += tag.kind === "open" ? 1 : tag.kind === "close" ? -1 : 0;
    else if (name === "t" && phonetic === 0) {
      if (tag.kind === "open") open = tag.end;
      else if (tag.kind === "close" && open !== undefined) out += text(part, xml, open, tag.start);
    }
  }
  return out;
}

/**
 * A formula's range as Make portable writes it: upper case, and one cell as that cell ("A10"; LibreOffice saves an
 * array formula over one cell as ref="A10:A10").
 */
function canonicalRange(ref: string): string {
  const [from, to] = ref.toUpperCase().split(":");
  return to === undefined || to === from ? from : `${from}:${to}`;
}

/** Slides a shared formula's text from its master cell to another cell of its group, as Excel does. */
export function slideFormula(formula: string, from: string, to: string): string {
  if (from === to) return formula;
  return translateFormulaToA1(translateFormulaToR1C1(formula, from), to, { wrapEdges: false });
}

/** The relationships of a .rels part. */
function relationshipsOf(part: string, xml: string | undefined): Relationship[] {
  const out: Relationship[] = [];
  if (xml === undefined) return out;
  scan(part, xml, (tag) => {
    if (tag.kind === "close" || localName(tag.name) !== "Relationship") return;
    out.push({
      id: attr(part, tag, "Id") ?? "",
      type: attr(part, tag, "Type") ?? "",
      target: attr(part, tag, "Target") ?? "",
      external: attr(part, tag, "TargetMode") === "External",
      start: tag.start,
      end: tag.end,
    });
  });
  return out;
}

/** The element that an open tag starts, up to its close tag; an empty tag is its own element. */
function elementEnd(tags: readonly XmlTag[], i: number): number {
  if (tags[i].kind === "empty") return tags[i].end;
  for (let j = i + 1; j < tags.length; j++) if (tags[j].depth === tags[i].depth) return tags[j].end;
  return tags[i].end;
}

function allTags(part: string, xml: string): XmlTag[] {
  const tags: XmlTag[] = [];
  scan(part, xml, (t) => tags.push(t));
  return tags;
}

export class WorkbookPackage {
  readonly workbookPath: string;
  private readonly sheetCache = new Map<string, Sheet>();
  /** each shared formula master's text in R1C1 form, translated once for all the cells of its group */
  private readonly relative = new WeakMap<Cell, string>();
  private sharedStrings?: string[];
  /** whether a formula was changed, a sheet added or removed: then the workbook calculates in full on load */
  private formulasChanged = false;

  constructor(readonly zip: ZipPackage) {
    const root = relationshipsOf("_rels/.rels", zip.text("_rels/.rels")).find(
      (r) => r.type === REL_TYPE("officeDocument") && !r.external,
    );
    const path = root ? resolveTarget("", root.target) : "xl/workbook.xml";
    if (!zip.has(path)) throw new PackageError(`its workbook part ${path} is missing`);
    this.workbookPath = zip.nameOf(path)!;
    const xml = this.workbookXml();
    let main: string | undefined;
    scan(this.workbookPath, xml, (tag) => {
      if (tag.depth === 0 && tag.kind !== "close")
        main = attr(this.workbookPath, tag, `xmlns${tag.name.includes(":") ? `:${tag.name.split(":")[0]}` : ""}`);
    });
    if (main === STRICT_MAIN_NS)
      throw new PackageError("it is saved as Strict Open XML; save it as an ordinary .xlsx workbook", true);
    if (main !== MAIN_NS) throw new PackageError("its workbook part is not a SpreadsheetML workbook");
  }

  private workbookXml(): string {
    return this.zip.text(this.workbookPath)!;
  }

  private workbookRelsPath(): string {
    return relsOf(this.workbookPath);
  }

  private workbookRels(): Relationship[] {
    return relationshipsOf(this.workbookRelsPath(), this.zip.text(this.workbookRelsPath()));
  }

  /** The workbook's sheets in order, as workbook.xml lists them. */
  sheets(): PackageSheet[] {
    const rels = this.workbookRels();
    const out: PackageSheet[] = [];
    scan(this.workbookPath, this.workbookXml(), (tag) => {
      if (tag.kind === "close" || localName(tag.name) !== "sheet" || tag.depth !== 2) return;
      const name = attr(this.workbookPath, tag, "name") ?? "";
      const id = tag.attributes.find((a) => localName(a.name) === "id" && a.name.includes(":"));
      const rel = id && rels.find((r) => r.id === decodeXml(id.raw));
      const path =
        rel && !rel.external && rel.type === REL_TYPE("worksheet")
          ? resolveTarget(this.workbookPath, rel.target)
          : undefined;
      out.push({
        name,
        state: attr(this.workbookPath, tag, "state") ?? "visible",
        path: path && this.zip.nameOf(path),
      });
    });
    return out;
  }

  private sheetNamed(name: string): PackageSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets().find((s) => s.name.toLowerCase() === lower);
  }

  private strings(): string[] {
    if (this.sharedStrings) return this.sharedStrings;
    const rel = this.workbookRels().find((r) => r.type === REL_TYPE("sharedStrings") && !r.external);
    const path = rel ? resolveTarget(this.workbookPath, rel.target) : undefined;
    const xml = path ? this.zip.text(path) : undefined;
    const out: string[] = [];
    if (xml !== undefined) {
      let item: XmlTag[] | undefined;
      scan(path!, xml, (tag) => {
        const name = localName(tag.name);
        if (name === "si" && tag.kind === "open") item = [];
        else if (name === "si" && tag.kind === "empty") out.push("");
        else if (name === "si" && tag.kind === "close") {
          out.push(runsText(path!, xml, item ?? []));
          item = undefined;
        } else item?.push(tag);
      });
    }
    return (this.sharedStrings = out);
  }

  /** A worksheet's cells, read once. */
  private sheet(path: string): Sheet {
    const known = this.sheetCache.get(path.toLowerCase());
    if (known) return known;
    const xml = this.zip.text(path) ?? "";
    const cells: Cell[] = [];
    let row = 0;
    let column = -1;
    let cell: Cell | undefined;
    let inner: "f" | "v" | undefined;
    let innerStart = 0;
    let inline: XmlTag[] | undefined;
    let inData = false;
    const finish = () => {
      if (inline && cell) cell.inline = runsText(path, xml, inline);
      if (cell) cells.push(cell);
      cell = undefined;
      inline = undefined;
    };
    scan(path, xml, (tag) => {
      const name = localName(tag.name);
      if (name === "sheetData" && tag.depth === 1) {
        inData = tag.kind === "open";
        return;
      }
      if (!inData) return;
      if (cell && tag.depth >= 4) {
        if (inline && name !== "is") inline.push(tag);
        else if (name === "is") inline = tag.kind === "open" ? [] : inline;
        else if ((name === "f" || name === "v") && tag.depth === 4) {
          if (tag.kind === "open") {
            inner = name;
            innerStart = tag.end;
          }
          if (name === "f" && tag.kind !== "close")
            cell.f = { t: attr(path, tag, "t"), ref: attr(path, tag, "ref"), si: attr(path, tag, "si") };
          if (tag.kind === "close" && inner === name) {
            const t = text(path, xml, innerStart, tag.start);
            if (name === "f") cell.f!.text = t;
            else cell.v = t;
            inner = undefined;
          }
        }
        return;
      }
      if (name === "row" && tag.depth === 2 && tag.kind !== "close") {
        const r = attr(path, tag, "r");
        row = r === undefined ? row + 1 : Number(r);
        if (!Number.isSafeInteger(row) || row < 1 || row > 1048576)
          throw new PackageError(`its part ${path} has a row out of range`);
        column = -1;
      } else if (name === "c" && tag.depth === 3) {
        if (tag.kind === "close") {
          if (cell) cell.end = tag.end;
          return finish();
        }
        const r = attr(path, tag, "r");
        const at = r === undefined ? { row: row - 1, column: column + 1 } : singleCell(r.toUpperCase());
        if (!at || at.column > 16383)
          throw new PackageError(`its part ${path} has a cell out of range (${String(r).slice(0, 20)})`);
        column = at.column;
        cell = {
          address: `${columnLetters(at.column)}${at.row + 1}`,
          row: at.row,
          column: at.column,
          start: tag.start,
          end: tag.end,
          prefix: prefixOf(tag.name),
          attributes: tag.attributes,
          t: attr(path, tag, "t"),
        };
        if (tag.kind === "empty") finish();
      }
    });
    const byAddress = new Map<string, Cell>();
    for (const c of cells) byAddress.set(c.address, c);
    const sheet = { xml, cells, byAddress };
    this.sheetCache.set(path.toLowerCase(), sheet);
    return sheet;
  }

  private valueOf(c: Cell): CellValue {
    if (c.t === "inlineStr") return c.inline ?? "";
    if (c.v === undefined) return null;
    if (c.t === "s") {
      const i = Number(c.v);
      const s = this.strings();
      return Number.isInteger(i) && i >= 0 && i < s.length ? s[i] : null;
    }
    if (c.t === "str" || c.t === "e" || c.t === "d") return c.v;
    if (c.t === "b") return c.v === "1" || c.v === "true";
    const n = Number(c.v);
    return c.v.trim() !== "" && Number.isFinite(n) ? n : c.v;
  }

  /** A cell's value as the file holds it (a formula's cached result), or undefined when there is no such cell. */
  cellValue(sheetName: string, address: string): CellValue | undefined {
    const s = this.sheetNamed(sheetName);
    const c = s?.path ? this.sheet(s.path).byAddress.get(address) : undefined;
    return c ? this.valueOf(c) : undefined;
  }

  /** A sheet's values as rows from A1 (a row or cell the file does not hold is empty), at most `maxRows` rows. */
  rows(sheetName: string, maxRows: number): CellValue[][] {
    const s = this.sheetNamed(sheetName);
    const out: CellValue[][] = [];
    if (!s?.path) return out;
    for (const c of this.sheet(s.path).cells) {
      if (c.row >= maxRows) continue;
      while (out.length <= c.row) out.push([]);
      out[c.row][c.column] = this.valueOf(c);
    }
    return out.map((r) => Array.from(r, (v) => v ?? null));
  }

  /** The formula cells of a sheet, shared formulas' other cells with the master's text slid to them. */
  formulas(sheetName: string): PackageFormula[] {
    const s = this.sheetNamed(sheetName);
    if (!s?.path) return [];
    const sheet = this.sheet(s.path);
    const masters = this.sharedMasters(sheet);
    const out: PackageFormula[] = [];
    for (const c of sheet.cells) {
      const f = c.f;
      if (!f || f.t === "dataTable") continue;
      if (f.t === "shared" && f.si !== undefined) {
        const master = masters.get(f.si);
        if (!master?.f?.text) continue;
        const formula = c === master ? f.text! : this.slid(master, c);
        if (formula)
          out.push({
            cell: c.address,
            formula,
            kind: "shared",
            range: master.f.ref === undefined ? undefined : canonicalRange(master.f.ref),
          });
      } else if (f.text) {
        const array = f.t === "array" && f.ref ? { kind: "array" as const, range: canonicalRange(f.ref) } : {};
        out.push({ cell: c.address, formula: f.text, ...array });
      }
    }
    return out;
  }

  /** A shared formula's text slid from its master to another of its cells; "" when it cannot be read. */
  private slid(master: Cell, c: Cell): string {
    try {
      let relative = this.relative.get(master);
      if (relative === undefined)
        this.relative.set(master, (relative = translateFormulaToR1C1(master.f!.text!, master.address)));
      return translateFormulaToA1(relative, c.address, { wrapEdges: false });
    } catch {
      return "";
    }
  }

  /** Each shared formula's master cell (the first of its group that holds the text) by its index. */
  private sharedMasters(sheet: Sheet): Map<string, Cell> {
    const masters = new Map<string, Cell>();
    for (const c of sheet.cells)
      if (c.f?.t === "shared" && c.f.si !== undefined && c.f.text && !masters.has(c.f.si)) masters.set(c.f.si, c);
    return masters;
  }

  /** A shared formula index no cell of the sheet uses. */
  freeSharedIndex(sheetName: string): number {
    const s = this.sheetNamed(sheetName)!;
    let max = -1;
    for (const c of this.sheet(s.path!).cells) if (c.f?.si !== undefined) max = Math.max(max, Number(c.f.si) || 0);
    return max + 1;
  }

  /** The workbook's tables: each one's name and column headers. */
  tables(): Array<{ name: string; headers: string[] }> {
    const out: Array<{ name: string; headers: string[] }> = [];
    for (const path of this.partsOfType(TABLE_TYPE)) {
      const xml = this.zip.text(path)!;
      let name = "";
      const headers: string[] = [];
      scan(path, xml, (tag) => {
        if (tag.kind === "close") return;
        const n = localName(tag.name);
        if (n === "table" && tag.depth === 0) name = attr(path, tag, "displayName") ?? attr(path, tag, "name") ?? "";
        else if (n === "tableColumn" && tag.depth === 2) headers.push(attr(path, tag, "name") ?? "");
      });
      if (name) out.push({ name, headers });
    }
    return out;
  }

  /** The parts [Content_Types].xml gives a content type by Override. */
  private partsOfType(type: string): string[] {
    const out: string[] = [];
    const xml = this.zip.text("[Content_Types].xml") ?? "";
    scan("[Content_Types].xml", xml, (tag) => {
      if (tag.kind === "close" || localName(tag.name) !== "Override") return;
      const name = attr("[Content_Types].xml", tag, "PartName") ?? "";
      if (attr("[Content_Types].xml", tag, "ContentType") === type && this.zip.has(name.replace(/^\//, "")))
        out.push(this.zip.nameOf(name.replace(/^\//, ""))!);
    });
    return out;
  }

  /**
   * Rewrites formula cells of a sheet: each cell's element replaced by one with the same attributes (its style,
   * its cell metadata) but the type and value metadata, holding the formula and no cached value. A shared
   * formula's master that is rewritten leaves its group's other cells each with its own formula.
   */
  writeFormulas(sheetName: string, writes: readonly FormulaWrite[]): void {
    if (!writes.length) return;
    const s = this.sheetNamed(sheetName);
    if (!s?.path) throw new Error(`no worksheet ${sheetName}`);
    const sheet = this.sheet(s.path);
    const masters = this.sharedMasters(sheet);
    const byCell = new Map(writes.map((w) => [w.cell, w]));
    const all: FormulaWrite[] = [...writes];
    const rewritten = new Set<string>();
    for (const w of writes) {
      const c = sheet.byAddress.get(w.cell);
      if (c?.f?.t === "shared" && c.f.si !== undefined && masters.get(c.f.si) === c) rewritten.add(c.f.si);
    }
    if (rewritten.size)
      for (const other of sheet.cells) {
        const si = other.f?.t === "shared" ? other.f.si : undefined;
        if (si === undefined || !rewritten.has(si) || byCell.has(other.address)) continue;
        const formula = this.slid(masters.get(si)!, other);
        if (formula) all.push({ cell: other.address, formula });
      }
    const edits = all.map((w) => {
      const c = sheet.byAddress.get(w.cell);
      if (!c) throw new Error(`no cell ${sheetName}!${w.cell}`);
      return { start: c.start, end: c.end, text: cellXml(c, w) };
    });
    this.putSheet(s.path, spliced(sheet.xml, edits));
    this.formulasChanged = true;
  }

  private putSheet(path: string, xml: string): void {
    this.zip.set(path, xml);
    this.sheetCache.delete(path.toLowerCase());
  }

  /** Replaces a sheet's content with new rows (its entry in workbook.xml, its name and place, kept). */
  replaceSheet(sheetName: string, rows: ReadonlyArray<ReadonlyArray<WrittenValue>>): void {
    const s = this.sheetNamed(sheetName);
    if (!s?.path) throw new Error(`no worksheet ${sheetName}`);
    this.putSheet(s.path, worksheetXml(rows));
    this.formulasChanged = true;
  }

  /** Adds a worksheet after the others: its part, relationship, content type and entry in workbook.xml. */
  addSheet(name: string, rows: ReadonlyArray<ReadonlyArray<WrittenValue>>, state?: "veryHidden" | "hidden"): void {
    let n = 1;
    while (this.zip.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const path = `xl/worksheets/sheet${n}.xml`;
    this.zip.set(path, worksheetXml(rows));
    // the relationship
    const relsPath = this.workbookRelsPath();
    const rels = this.workbookRels();
    let k = rels.length + 1;
    while (rels.some((r) => r.id === `rId${k}`)) k++;
    const id = `rId${k}`;
    const target = relativeTarget(this.workbookPath, path);
    const relsXml =
      this.zip.text(relsPath) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    this.zip.set(
      relsPath,
      beforeClose(
        relsPath,
        relsXml,
        "Relationships",
        (p) => `<${p}Relationship Id="${id}" Type="${REL_TYPE("worksheet")}" Target="${escapeAttribute(target)}"/>`,
      ),
    );
    // the content type
    const types = this.zip.text("[Content_Types].xml")!;
    this.zip.set(
      "[Content_Types].xml",
      beforeClose(
        "[Content_Types].xml",
        types,
        "Types",
        (p) => `<${p}Override PartName="/${escapeAttribute(path)}" ContentType="${WORKSHEET_TYPE}"/>`,
      ),
    );
    // the sheet's entry
    const xml = this.workbookXml();
    let maxId = 0;
    let relPrefix: string | undefined;
    scan(this.workbookPath, xml, (tag) => {
      if (tag.kind === "close") return;
      if (tag.depth === 0)
        for (const a of tag.attributes)
          if (a.name.startsWith("xmlns:") && decodeXml(a.raw) === REL_NS) relPrefix = a.name.slice(6);
      if (localName(tag.name) === "sheet" && tag.depth === 2)
        maxId = Math.max(maxId, Number(attr(this.workbookPath, tag, "sheetId")) || 0);
    });
    const ns = relPrefix ? "" : ` xmlns:r="${REL_NS}"`;
    const rp = relPrefix ?? "r";
    const stateAttr = state ? ` state="${state}"` : "";
    this.zip.set(
      this.workbookPath,
      beforeClose(
        this.workbookPath,
        xml,
        "sheets",
        (p) => `<${p}sheet name="${escapeAttribute(name)}" sheetId="${maxId + 1}"${stateAttr} ${rp}:id="${id}"${ns}/>`,
      ),
    );
    this.formulasChanged = true;
  }

  /** Sets a sheet's visibility in workbook.xml ("veryHidden"). */
  setState(sheetName: string, state: "veryHidden"): void {
    const xml = this.workbookXml();
    const edits: Array<{ start: number; end: number; text: string }> = [];
    scan(this.workbookPath, xml, (tag) => {
      if (tag.kind === "close" || localName(tag.name) !== "sheet" || tag.depth !== 2) return;
      if ((attr(this.workbookPath, tag, "name") ?? "").toLowerCase() !== sheetName.toLowerCase()) return;
      edits.push({ start: tag.start, end: tag.end, text: withAttribute(tag, "state", state) });
    });
    this.zip.set(this.workbookPath, spliced(xml, edits));
  }

  /**
   * Removes sheets: their entries in workbook.xml (defined names local to them dropped, those of later sheets and
   * the views' sheet indexes moved down), their relationships, content types, parts and the parts' relationships.
   */
  removeSheets(names: readonly string[]): void {
    const lower = new Set(names.map((n) => n.toLowerCase()));
    const sheets = this.sheets();
    const gone = sheets.map((s) => lower.has(s.name.toLowerCase()));
    const before: number[] = [0];
    gone.forEach((g, i) => before.push(before[i] + (g ? 1 : 0)));
    const newIndex = (i: number) =>
      Number.isInteger(i) && i >= 0 && i < gone.length ? (gone[i] ? -1 : i - before[i]) : i;
    const xml = this.workbookXml();
    const tags = allTags(this.workbookPath, xml);
    const edits: Array<{ start: number; end: number; text: string }> = [];
    const ids = new Set<string>();
    let index = 0;
    tags.forEach((tag, i) => {
      if (tag.kind === "close") return;
      const name = localName(tag.name);
      if (name === "sheet" && tag.depth === 2) {
        if (gone[index]) {
          const id = tag.attributes.find((a) => localName(a.name) === "id" && a.name.includes(":"));
          if (id) ids.add(decodeXml(id.raw));
          edits.push({ start: tag.start, end: elementEnd(tags, i), text: "" });
        }
        index++;
      } else if (name === "definedName" && tag.depth === 2) {
        const local = attr(this.workbookPath, tag, "localSheetId");
        if (local === undefined) return;
        const moved = newIndex(Number(local));
        if (moved < 0) edits.push({ start: tag.start, end: elementEnd(tags, i), text: "" });
        else if (moved !== Number(local))
          edits.push({ start: tag.start, end: tag.end, text: withAttribute(tag, "localSheetId", String(moved)) });
      } else if (name === "workbookView" && tag.depth === 2) {
        let attributes = tag.attributes;
        for (const a of ["activeTab", "firstSheet"]) {
          const v = attr(this.workbookPath, tag, a);
          const moved = Math.max(0, newIndex(Number(v)));
          if (v !== undefined && moved !== Number(v)) attributes = setAttribute(attributes, a, String(moved));
        }
        if (attributes !== tag.attributes)
          edits.push({ start: tag.start, end: tag.end, text: tagText({ ...tag, attributes }) });
      }
    });
    this.zip.set(this.workbookPath, spliced(xml, edits));
    const relsPath = this.workbookRelsPath();
    const rels = this.workbookRels();
    const relsXml = this.zip.text(relsPath)!;
    const removed = rels.filter((r) => ids.has(r.id));
    this.zip.set(
      relsPath,
      spliced(
        relsXml,
        removed.map((r) => ({ start: r.start, end: r.end, text: "" })),
      ),
    );
    const parts = removed.filter((r) => !r.external).map((r) => resolveTarget(this.workbookPath, r.target));
    for (const p of parts) {
      if (this.zip.has(p)) this.zip.remove(this.zip.nameOf(p)!);
      if (this.zip.has(relsOf(p))) this.zip.remove(this.zip.nameOf(relsOf(p))!);
    }
    this.removeContentTypes(parts);
    this.formulasChanged = true;
  }

  private removeContentTypes(parts: readonly string[]): void {
    const lower = new Set(parts.map((p) => `/${p}`.toLowerCase()));
    const xml = this.zip.text("[Content_Types].xml")!;
    const edits: Array<{ start: number; end: number; text: string }> = [];
    const tags = allTags("[Content_Types].xml", xml);
    tags.forEach((tag, i) => {
      if (tag.kind === "close" || localName(tag.name) !== "Override") return;
      if (lower.has((attr("[Content_Types].xml", tag, "PartName") ?? "").toLowerCase()))
        edits.push({ start: tag.start, end: elementEnd(tags, i), text: "" });
    });
    if (edits.length) this.zip.set("[Content_Types].xml", spliced(xml, edits));
  }

  /**
   * Once formulas changed: the calculation chain (Excel's cache of the order it calculated cells in, which Excel
   * rebuilds when it is missing) is removed, and workbook.xml asks for a full calculation on load
   * (`<calcPr fullCalcOnLoad="1">`), since the rewritten cells carry no cached result.
   */
  private settle(): void {
    if (!this.formulasChanged) return;
    const relsPath = this.workbookRelsPath();
    const chain = this.workbookRels().filter((r) => r.type === REL_TYPE("calcChain"));
    if (chain.length) {
      const relsXml = this.zip.text(relsPath)!;
      this.zip.set(
        relsPath,
        spliced(
          relsXml,
          chain.map((r) => ({ start: r.start, end: r.end, text: "" })),
        ),
      );
      const parts = chain.filter((r) => !r.external).map((r) => resolveTarget(this.workbookPath, r.target));
      for (const p of parts) if (this.zip.has(p)) this.zip.remove(this.zip.nameOf(p)!);
      this.removeContentTypes(parts);
    }
    const xml = this.workbookXml();
    const tags = allTags(this.workbookPath, xml);
    const calc = tags.find((t) => t.depth === 1 && t.kind !== "close" && localName(t.name) === "calcPr");
    if (calc) {
      if (attribute(calc, "fullCalcOnLoad") !== "1")
        this.zip.set(
          this.workbookPath,
          spliced(xml, [{ start: calc.start, end: calc.end, text: withAttribute(calc, "fullCalcOnLoad", "1") }]),
        );
      return;
    }
    // calcPr follows these in CT_Workbook's sequence
    const before = ["definedNames", "externalReferences", "functionGroups", "sheets"];
    const root = tags[0];
    const p = prefixOf(root.name);
    for (const name of before) {
      const i = tags.findIndex((t) => t.depth === 1 && t.kind !== "close" && localName(t.name) === name);
      if (i < 0) continue;
      const at = elementEnd(tags, i);
      this.zip.set(this.workbookPath, spliced(xml, [{ start: at, end: at, text: `<${p}calcPr fullCalcOnLoad="1"/>` }]));
      return;
    }
  }

  /** The package as a file. */
  toBuffer(): Buffer {
    this.settle();
    return this.zip.toBuffer();
  }
}

/** What the add-in writes into its own sheets: numbers, text, and formulas ("=..." unless written as text). */
export type WrittenValue = number | string | { text: string };

/** A worksheet part of the given rows from A1 (text as inline strings, so sharedStrings.xml is left as it is). */
function worksheetXml(rows: ReadonlyArray<ReadonlyArray<WrittenValue>>): string {
  let data = "";
  rows.forEach((row, r) => {
    let cells = "";
    row.forEach((v, c) => {
      if (v === "") return;
      const at = `${columnLetters(c)}${r + 1}`;
      if (typeof v === "number") cells += `<c r="${at}"><v>${v}</v></c>`;
      else if (typeof v === "string" && v.startsWith("=")) cells += `<c r="${at}"><f>${escapeText(v.slice(1))}</f></c>`;
      else {
        const t = typeof v === "string" ? v : v.text;
        if (t !== "") cells += `<c r="${at}" t="inlineStr"><is><t xml:space="preserve">${escapeText(t)}</t></is></c>`;
      }
    });
    if (cells) data += `<row r="${r + 1}">${cells}</row>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${data}</sheetData></worksheet>`;
}

/** A cell's element holding a formula: its attributes kept but the value type and value metadata; no cached value. */
function cellXml(c: Cell, w: FormulaWrite): string {
  const p = c.prefix;
  const kept = c.attributes.filter((a) => a.name !== "t" && a.name !== "vm");
  const attrs = kept.map(attributeText).join("");
  let fAttrs = "";
  if (w.array) fAttrs = ` t="array" ref="${w.array}"`;
  else if (w.shared) fAttrs = ` t="shared"${w.shared.ref ? ` ref="${w.shared.ref}"` : ""} si="${w.shared.si}"`;
  const f = w.formula === "" ? `<${p}f${fAttrs}/>` : `<${p}f${fAttrs}>${escapeText(w.formula)}</${p}f>`;
  return `<${p}c${attrs}>${f}</${p}c>`;
}

/** A tag written again with one attribute set (added at the end when it is not there). */
function withAttribute(tag: XmlTag, name: string, value: string): string {
  return tagText({ ...tag, attributes: setAttribute(tag.attributes, name, value) });
}

function setAttribute(attributes: readonly XmlAttribute[], name: string, value: string): XmlAttribute[] {
  return attributes.some((a) => a.name === name)
    ? attributes.map((a) => (a.name === name ? { name, raw: escapeAttribute(value) } : a))
    : [...attributes, { name, raw: escapeAttribute(value) }];
}

/** An attribute as written again, in double quotes (a value written in single quotes may hold one). */
const attributeText = (a: XmlAttribute): string => ` ${a.name}="${a.raw.split('"').join("&quot;")}"`;

function tagText(tag: XmlTag): string {
  const attrs = tag.attributes.map(attributeText).join("");
  return `<${tag.name}${attrs}${tag.kind === "empty" ? "/>" : ">"}`;
}

/** Inserts an element before the close tag of the root element `root` (or into its empty tag). */
function beforeClose(part: string, xml: string, root: string, element: (prefix: string) => string): string {
  const tags = allTags(part, xml);
  const i = tags.findIndex((t) => t.kind !== "close" && localName(t.name) === root);
  if (i < 0) throw new PackageError(`its part ${part} has no ${root} element`);
  const tag = tags[i];
  const p = prefixOf(tag.name);
  if (tag.kind === "empty")
    return spliced(xml, [
      { start: tag.start, end: tag.end, text: `${tagText({ ...tag, kind: "open" })}${element(p)}</${tag.name}>` },
    ]);
  const end = elementEnd(tags, i);
  const close = end - `</${tag.name}>`.length;
  return spliced(xml, [{ start: close, end: close, text: element(p) }]);
}

/** A part's name relative to another's folder ("worksheets/sheet3.xml" from "xl/workbook.xml"). */
function relativeTarget(source: string, part: string): string {
  const dir = dirOf(source);
  return part.startsWith(dir) ? part.slice(dir.length) : `/${part}`;
}
