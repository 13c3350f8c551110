/**
 * An in-memory stand-in for the subset of the Office.js Excel API the add-in uses.
 *
 * State (sheets, cells, tables, charts, custom properties) lives in a FakeWorkbook and survives
 * across Excel.run calls. The proxies follow Office.js rules: everything is queued and applied at
 * context.sync(); scalar properties must be load()ed and synced before they are read; *OrNullObject
 * lookups yield null objects; objects are bound to their Excel.run. Request and response sizes are measured
 * against Excel on the web's 5 MB limit.
 *
 * It is stricter than kind: each behaviour below cites where it comes from, and where the sources are unclear
 * the harsher reading is modelled.
 * - A request is not a transaction: when an operation fails, the operations before it in that request stay
 *   applied. Office.js documents no rollback; OfficeExtension.Error.traceMessages "contains all trace messages
 *   that were executed before the error occurred" (learn.microsoft.com/javascript/api/office/officeextension.error).
 * - Strings are taken as typing (see `enter`); numbers are kept to 15 significant digits.
 * - Tables can have a totals row and a filter; rows can be hidden.
 * - Entities read back reshaped as real Excel reshapes them (`FakeWorkbook.entityReadback`).
 * - A sync can fail part-way: `FakeWorkbook.onSync` lets a test act between syncs (a co-author), and
 *   `FakeWorkbook.failAfterWrites` makes Excel refuse in the middle of a request (the user editing a cell).
 *
 * Data types (ExcelApi 1.16): Range.valuesAsJson reads every cell as a CellValue and writes entities and
 * typed constants (String, Double, FormattedNumber, Boolean, Empty). An entity cell keeps its JSON; its
 * values/formulas read "#VALUE!" and its text is the entity's `text`. FakeWorkbook.supportsDataTypes = false
 * simulates an older Excel: valuesAsJson then fails at sync with ApiNotFound.
 */

export type Scalar = number | string | boolean;
export interface CellInfo { value: Scalar; formula: string; numberFormat: string }
export interface TableInfo {
  name: string; sheet: string; address: string; headers: string[]; rows: Scalar[][];
  style: string; showBandedRows: boolean; showFilterButton: boolean;
  /** The totals row's values, when the table shows one. */
  totals?: Scalar[];
}
export interface ChartRecord {
  id: string; name: string; type: string; source: string; seriesBy: string; title: string;
  top: number; left: number; width: number; height: number; startCell?: string; endCell?: string; deleted?: boolean;
}
export interface FakeExcelHandle {
  syncCount: number;
  requests: number[];
  maxRequestBytes: number;
  /** Bytes of data each sync's loads brought back (counted like requests against the 5 MB limit). */
  responses: number[];
  maxResponseBytes: number;
  resetCounters(): void;
  uninstall(): void;
}

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
const DEFAULT_COLUMN_WIDTH = 48;

// ---------------------------------------------------------------- errors

/** Like OfficeExtension.Error: a `code`, and a message that starts with the code. */
export class FakeExcelError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message };
  }
}
function fail(code: string, message: string): never {
  throw new FakeExcelError(code, message);
}
function badArg(message: string): never {
  return fail("InvalidArgument", message);
}
const notLoaded = (prop: string, type: string): FakeExcelError =>
  new FakeExcelError("PropertyNotLoaded", `The property '${prop}' of ${type} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);

// ---------------------------------------------------------------- addresses

interface Area { r0: number; c0: number; r1: number; c1: number }
interface RangeRef extends Area { sheet: FakeSheet }

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}
function a1(a: Area): string {
  const tl = `${colName(a.c0)}${a.r0 + 1}`;
  return a.r0 === a.r1 && a.c0 === a.c1 ? tl : `${tl}:${colName(a.c1)}${a.r1 + 1}`;
}
/** Excel quotes a sheet name unless it is a plain identifier that cannot be read as a cell. */
function quoteSheet(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RC]\d*$|^R\d*C\d*$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}
const fullAddress = (r: RangeRef): string => `${quoteSheet(r.sheet.name)}!${a1(r)}`;

function parseA1(address: string): { sheet?: string; area: Area } {
  const m = /^(?:(?:'((?:[^']|'')+)'|([^'!]+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(String(address).trim());
  if (!m) return badArg(`'${address}' is not an A1 address the fake supports (like "B2" or "B2:D9").`);
  const [ra, ca] = [Number(m[4]) - 1, colIndex(m[3])];
  const [rb, cb] = m[5] ? [Number(m[6]) - 1, colIndex(m[5])] : [ra, ca];
  const area = { r0: Math.min(ra, rb), c0: Math.min(ca, cb), r1: Math.max(ra, rb), c1: Math.max(ca, cb) };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], area };
}
function refOf(sheet: FakeSheet, a: Area): RangeRef {
  const ok = [a.r0, a.c0, a.r1, a.c1].every(Number.isInteger) && a.r0 >= 0 && a.c0 >= 0 &&
    a.r0 <= a.r1 && a.c0 <= a.c1 && a.r1 < MAX_ROWS && a.c1 < MAX_COLS;
  if (!ok) badArg(`The range (rows ${a.r0}..${a.r1}, columns ${a.c0}..${a.c1}) is outside the worksheet or empty.`);
  return { sheet, r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 };
}
const overlaps = (a: Area, b: Area): boolean => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
const headerArea = (a: Area): Area => ({ ...a, r1: a.r0 });
function grid<T>(a: Area, f: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = a.r0; r <= a.r1; r++) {
    const row: T[] = [];
    for (let c = a.c0; c <= a.c1; c++) row.push(f(r, c));
    out.push(row);
  }
  return out;
}
const display = (v: Scalar): string => (typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

// ---------------------------------------------------------------- cells and formulas

/** `entity`: the JSON of an entity cell (its value and formula are then "#VALUE!"). */
interface Cell { value: Scalar; formula: string; numberFormat: string; fmt?: Record<string, unknown>; entity?: Record<string, unknown> }
const EMPTY: Cell = { value: "", formula: "", numberFormat: "General" };
/** The cell without its content: number format and formatting only. */
function shell(cur: Cell): Omit<Cell, "value" | "formula"> {
  return cur.fmt === undefined ? { numberFormat: cur.numberFormat } : { numberFormat: cur.numberFormat, fmt: cur.fmt };
}
/**
 * A text constant. Text that looks like a formula is stored as a constant ('=...), never evaluated. The
 * apostrophe is not part of the value: Excel keeps it as the cell's prefix character, and Range.values and
 * Range.formulas read the text without it (learn.microsoft.com/office/vba/api/excel.range.prefixcharacter), so
 * text read back and written again is typed again ("'007" reads "007", which writes back as the number 7).
 */
const textCell = (cur: Cell, v: string): Cell => ({ ...shell(cur), value: v, formula: v.startsWith("=") ? `'${v}` : v });
const ENTITY_VALUE = "#VALUE!";
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*%$/;
const THOUSANDS = /^([+-]?)\d{1,3}(,\d{3})+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Excel's date serial: days since 1899-12-30 (the 1900 system, with its phantom 29 February 1900). */
const dateSerial = (y: number, m: number, d: number): number => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
/**
 * Excel keeps 15 significant digits: "Number precision: 15 digits" (support.microsoft.com, "Excel specifications
 * and limits"); 0.1 + 0.2 is stored as 0.3, 1234567890123456789 as 1234567890123460000.
 */
const excelNumber = (n: number): number => (n === 0 ? 0 : Number(n.toPrecision(15)));
/** Matches structured references: Table[Col], Table[[#This Row],[Col]], Table[#All]. */
const STRUCT_REF = /([A-Za-z_\\][\w.\\]*)\[((?:[^[\]]|\[[^[\]]*\])*)\]/g;

/** A number typed into a cell; a General cell takes the number format the typing implies. */
function typedNumber(cur: Cell, n: number, impliedFormat?: string): Cell {
  const numberFormat = impliedFormat && cur.numberFormat === "General" ? impliedFormat : cur.numberFormat;
  const value = excelNumber(n);
  return { ...shell(cur), numberFormat, value, formula: String(value) };
}

/**
 * What Excel stores when a value is entered through `values`, `formulas` or typing. Office.js: "If the
 * returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a
 * formula" (Range.values, ExcelApi 1.1). A string is taken as Excel takes typing, unless the cell's format is
 * Text ("@"), which keeps whatever is typed as text (support.microsoft.com, "Format numbers as text"):
 * - numbers ("007" → 7, "1e3", "-12", "+5", "1,234"); percentages ("15%" → 0.15, a General cell becomes "0%");
 *   TRUE/FALSE in any case; ISO dates ("2026-01-06" → 46028, a General cell becomes "m/d/yyyy");
 * - "=..." is a formula, and so is "+..." or "-..." that is not a number ("-abc" → "=-abc", which is #NAME?);
 * - a leading apostrophe keeps the rest as text.
 */
function enter(cur: Cell, v: unknown): Cell {
  const keep = shell(cur);
  if (typeof v === "number") return Number.isFinite(v) ? typedNumber(cur, v) : badArg(`Cannot write ${v} to a cell.`);
  if (typeof v === "boolean") return { ...keep, value: v, formula: String(v).toUpperCase() };
  if (typeof v !== "string") return badArg(`Cannot write a value of type ${v === undefined ? "undefined" : typeof v} to a cell.`);
  if (cur.numberFormat === "@") return textCell(cur, v.startsWith("'") ? v.slice(1) : v);
  if (v.startsWith("'")) return textCell(cur, v.slice(1));
  if (v.length > 1 && v.startsWith("=")) return { ...keep, value: "", formula: v };
  const t = v.trim();
  if (NUMERIC.test(t)) return typedNumber(cur, Number(t));
  const pct = PERCENT.exec(t);
  if (pct) return typedNumber(cur, Number(pct[1]) / 100, pct[1].includes(".") ? "0.00%" : "0%");
  const th = THOUSANDS.exec(t);
  if (th) return typedNumber(cur, Number(t.replace(/,/g, "")), th[3] ? "#,##0.00" : "#,##0");
  if (/^(true|false)$/i.test(t)) return { ...keep, value: t.toLowerCase() === "true", formula: t.toUpperCase() };
  const date = ISO_DATE.exec(t);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const real = new Date(Date.UTC(y, m - 1, d));
    if (y >= 1900 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d) return typedNumber(cur, dateSerial(y, m, d), "m/d/yyyy");
  }
  if (/^[+-]/.test(t) && t.length > 1) return { ...keep, value: "", formula: `=${t}` };
  return textCell(cur, v);
}
/** Rounds every number in a data type's JSON to 15 significant digits, as Excel stores numbers. */
function excelJson(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? excelNumber(v) : v;
  if (Array.isArray(v)) return v.map(excelJson);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, excelJson(x)]));
}
/** What a valuesAsJson entry stores: an entity, or a typed constant. Anything else is an InvalidArgument. */
function enterJson(cur: Cell, v: unknown): Cell {
  const o = (v !== null && typeof v === "object" && !Array.isArray(v) ? v : {}) as Record<string, unknown>;
  const bv = o.basicValue;
  const bad = (why: string): never => badArg(`Range.valuesAsJson: ${why} (got ${JSON.stringify(v)?.slice(0, 120)}).`);
  switch (o.type) {
    case "Entity":
      if (o.text !== undefined && typeof o.text !== "string") bad("an entity's text must be a string");
      if (o.properties !== undefined && (o.properties === null || typeof o.properties !== "object" || Array.isArray(o.properties))) bad("an entity's properties must be an object");
      return { ...shell(cur), value: ENTITY_VALUE, formula: ENTITY_VALUE, entity: excelJson(o) as Record<string, unknown> };
    case "String":
      return typeof bv === "string" ? textCell(cur, bv) : bad("a String needs a string basicValue");
    case "Double":
      return typeof bv === "number" && Number.isFinite(bv) ? enter(cur, bv) : bad("a Double needs a finite number basicValue");
    case "FormattedNumber":
      if (typeof bv !== "number" || !Number.isFinite(bv) || typeof o.numberFormat !== "string") bad("a FormattedNumber needs a finite number basicValue and a string numberFormat");
      return enter({ ...cur, numberFormat: o.numberFormat as string }, bv);
    case "Boolean":
      return typeof bv === "boolean" ? enter(cur, bv) : bad("a Boolean needs a boolean basicValue");
    case "Empty":
      return { ...shell(cur), value: "", formula: "" };
    default:
      return bad("the fake supports only Entity, String, Double, FormattedNumber, Boolean and Empty cell values");
  }
}
const ERROR_TYPES: Record<string, string> = {
  "#VALUE!": "Value", "#REF!": "Ref", "#N/A": "NotAvailable", "#DIV/0!": "Div0", "#NAME?": "Name",
  "#NUM!": "Num", "#NULL!": "Null", "#SPILL!": "Spill", "#CALC!": "Calc", "#FIELD!": "Field", "#BUSY!": "Busy",
};
const isError = (v: Scalar): v is string => typeof v === "string" && /^#[A-Z/0!?]+/.test(v);
const valueType = (v: Scalar): "Empty" | "Double" | "Boolean" | "Error" | "String" =>
  v === "" ? "Empty" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : isError(v) ? "Error" : "String";
/** A plain (non-entity) value as Office.js reports it in valuesAsJson. */
function plainJson(v: Scalar): Record<string, unknown> {
  const type = valueType(v);
  const out: Record<string, unknown> = { type, basicValue: v, basicType: type };
  if (type === "Error" && ERROR_TYPES[v as string]) out.errorType = ERROR_TYPES[v as string];
  return out;
}

/**
 * How Excel hands back the JSON of an entity it stored:
 * - "web": a FormattedNumber comes back as a Double without its numberFormat (office-js #5866, Excel on the web);
 * - "windows": a FormattedNumber keeps its type but loses its numberFormat (office-js #6100, Windows 2508);
 * - "exact": as written.
 * Except in "exact", every typed value also gains its basicType (and nested entities their basicValue), and every
 * object's keys come back in another order, all of it recursively through properties and arrays.
 */
export type EntityReadback = "web" | "windows" | "exact";
const BASIC_TYPES: Record<string, string> = {
  String: "String", Double: "Double", FormattedNumber: "Double", Boolean: "Boolean", Empty: "Empty", Error: "Error", Entity: "Error", Array: "Error",
};
function readBack(v: unknown, mode: Exclude<EntityReadback, "exact">): unknown {
  if (Array.isArray(v)) return v.map((x) => readBack(x, mode));
  if (v === null || typeof v !== "object") return v;
  const o: Record<string, unknown> = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, readBack(x, mode)]));
  if (o.type === "FormattedNumber") {
    delete o.numberFormat;
    if (mode === "web") o.type = "Double";
  }
  if (typeof o.type === "string" && BASIC_TYPES[o.type] && o.basicType === undefined) {
    o.basicType = BASIC_TYPES[o.type];
    if (o.type === "Entity" && o.basicValue === undefined) o.basicValue = ENTITY_VALUE;
  }
  return Object.fromEntries(Object.entries(o).reverse());
}
/** The JSON of an entity cell as valuesAsJson reads it: the stored entity, reshaped, with basic type Error. */
function entityJson(e: Record<string, unknown>, mode: EntityReadback): Record<string, unknown> {
  const out = mode === "exact" ? clone(e) : (readBack(e, mode) as Record<string, unknown>);
  return { ...out, basicType: "Error", basicValue: ENTITY_VALUE };
}

/** Excel functions a formula of the add-in or of an analyst may call; others are #NAME?. */
const KNOWN_FUNCTIONS = new Set([
  "ABS", "AND", "AVERAGE", "CONCAT", "COUNT", "COUNTA", "COUNTIF", "FIELDVALUE", "IF", "IFERROR", "IFNA", "INDEX",
  "ISBLANK", "ISERROR", "ISNUMBER", "LET", "MATCH", "MAX", "MIN", "NOT", "OR", "POWER", "ROUND", "RRI", "SQRT",
  "SUM", "SUMIFS", "SUBTOTAL", "TEXT", "VLOOKUP", "XLOOKUP",
]);

/** Column names a structured reference's bracket part refers to (special items like #All skipped). */
function refColumns(inner: string): string[] {
  if (!inner.includes("[")) return inner.startsWith("#") || inner === "" ? [] : [inner];
  return [...inner.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]).filter((c) => !c.startsWith("#"));
}

// ---------------------------------------------------------------- workbook state

/** `area` includes the header row and, when `showTotals`, the totals row (its last row). */
interface TableState {
  id: string; name: string; sheet: FakeSheet; area: Area; style: string;
  showBandedRows: boolean; showBandedColumns: boolean; showFilterButton: boolean; deleted?: boolean;
  showTotals: boolean;
  /** The column a filter is applied to (by header), when one is. */
  filter?: { column: string };
}
/** The data body of a table: below the header row, above the totals row. */
const bodyArea = (t: TableState): Area => ({ ...t.area, r0: t.area.r0 + 1, r1: t.area.r1 - (t.showTotals ? 1 : 0) });
interface PropRecord { key: string; value: unknown; deleted?: boolean }
type WriteKind = "values" | "formulas" | "numberFormat" | "valuesAsJson";

export class FakeSheet {
  isProtected = false;
  frozenRows = 0;
  frozenColumns = 0;
  autofitCount = 0;
  deleted = false;
  cells = new Map<string, Cell>();
  columnWidths = new Map<number, number>();
  /** Rows hidden by the user or by a table's filter (0-based). */
  hiddenRows = new Set<number>();
  charts: ChartRecord[] = [];
  constructor(readonly workbook: FakeWorkbook, public name: string, readonly id: string) {}

  get(r: number, c: number): Cell { return this.cells.get(`${r},${c}`) ?? EMPTY; }
  put(r: number, c: number, cell: Cell): void {
    const blank = cell.value === "" && cell.formula === "" && cell.numberFormat === "General" && !cell.fmt;
    if (blank) this.cells.delete(`${r},${c}`);
    else this.cells.set(`${r},${c}`, cell);
  }
  /** Types into one cell, as a user would ("=..." enters a formula). Ignores protection. */
  setCell(address: string, value: Scalar): void { this.setCells(address, [[value]]); }
  /** Types a block of values starting at the top-left cell. Ignores protection. */
  setCells(topLeft: string, rows: Scalar[][]): void {
    const { area } = parseA1(topLeft);
    const ref = refOf(this, { r0: area.r0, c0: area.c0, r1: area.r0 + rows.length - 1, c1: area.c0 + (rows[0]?.length ?? 1) - 1 });
    this.workbook._write(ref, "formulas", rows, false);
  }
  cell(address: string): CellInfo {
    const { r0, c0 } = parseA1(address).area;
    const c = this.get(r0, c0);
    return { value: this.workbook._value(this, r0, c0), formula: c.formula, numberFormat: c.numberFormat };
  }
  values(address: string): Scalar[][] { return grid(parseA1(address).area, (r, c) => this.workbook._value(this, r, c)); }
  /** The stored JSON of an entity cell (a copy), or undefined for a plain cell. */
  cellJson(address: string): Record<string, unknown> | undefined {
    const { r0, c0 } = parseA1(address).area;
    const e = this.get(r0, c0).entity;
    return e && clone(e);
  }
  /** Writes one valuesAsJson entry (an entity or a typed constant) into a cell. Ignores protection. */
  setCellJson(address: string, json: object): void {
    const { area } = parseA1(address);
    this.workbook._write(refOf(this, { ...area, r1: area.r0, c1: area.c0 }), "valuesAsJson", [[json]], false);
  }
  /** Display text of a cell: an entity's text, else its value as text. */
  text(address: string): string { const { r0, c0 } = parseA1(address).area; return this.workbook._text(this, r0, c0); }
  /** Formatting set through the API on one cell (bold, color, fill, wrapText, horizontalAlignment...). */
  format(address: string): Record<string, unknown> { const { r0, c0 } = parseA1(address).area; return { ...this.get(r0, c0).fmt }; }
  /** Address (no sheet prefix) of the used range, or undefined when the sheet is empty. */
  usedAddress(valuesOnly = true): string | undefined { const u = this.workbook._usedRange(this, valuesOnly); return u && a1(u); }
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tableStates: TableState[] = [];
  readonly customProps = new Map<string, PropRecord>();
  /** Calls of application.suspendApiCalculationUntilNextSync(). */
  calculationSuspensions = 0;
  /** Custom property keys and string values are trimmed to this length (Excel desktop); null = no limit (web). */
  customPropertyLimit: number | null = 255;
  /** Data types (Range.valuesAsJson, ExcelApi 1.16); false = an older Excel, where they fail with ApiNotFound. */
  supportsDataTypes = true;
  activeSheet: FakeSheet | undefined;
  /** The user's selection (Range.select() moves it); A1 of the first sheet at first. */
  selection: RangeRef | undefined;
  /** How entities read back through valuesAsJson; the harshest ("web") unless a test needs another. */
  entityReadback: EntityReadback = "web";
  /**
   * Called at the start of each sync, before its operations run, with the sync's number (1-based, counted since
   * installFakeExcel or resetCounters): a test can act there as a co-author would between two syncs.
   */
  onSync?: (n: number) => void;
  /** Armed by failAfterWrites. */
  _failure: { count: number; code: string } | undefined;
  /** Names of custom functions Excel knows (e.g. "IOMT.CAGR"); other IOMT.* names are #NAME?. */
  readonly customFunctions = new Set<string>();
  private nextId = 1;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.addSheet(n);
    this.activeSheet = this.sheets[0];
  }

  // ---- helpers for tests: direct state access, no protection or sync rules
  addSheet(name: string): FakeSheet { return this._addSheet(name); }
  sheet(name: string): FakeSheet { return this._sheetNamed(name) ?? fail("ItemNotFound", `No worksheet named '${name}'.`); }
  sheetNames(): string[] { return this.sheets.map((s) => s.name); }
  renameSheet(oldName: string, newName: string): void { this._renameSheet(this.sheet(oldName), newName); }
  moveSheet(name: string, position: number): void { this._moveSheet(this.sheet(name), position); }
  deleteSheet(name: string): void { this._deleteSheet(this.sheet(name)); }
  protect(name: string): void { this.sheet(name).isProtected = true; }
  unprotect(name: string): void { this.sheet(name).isProtected = false; }
  /** Inserts a table over `address` (first row = headers) as a user would; returns its name. */
  addTable(sheetName: string, address: string, name?: string): string {
    const s = this.sheet(sheetName);
    return this._addTable(refOf(s, parseA1(address).area), true, name, false).name;
  }
  /**
   * The next sync that holds more than `count` write operations applies exactly `count` of them, then fails
   * with `code`, as Excel does when the user starts editing a cell in the middle of a request
   * (InvalidOperationInCellEditMode: "The operation isn't available while Excel is in Edit cell mode",
   * learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling). Fires once.
   */
  failAfterWrites(count: number, code = "InvalidOperationInCellEditMode"): void { this._failure = { count, code }; }
  /** Turns a table's totals row on or off, as a user would (Table Design > Total Row); ignores protection. */
  setTotals(tableName: string, on: boolean): void { this._setTotals(this.tableNamed(tableName), on); }
  /** Filters a table as a user would: body rows whose `columnHeader` cell shows none of `keepValues` are hidden. */
  filterTable(tableName: string, columnHeader: string, keepValues: Scalar[]): void {
    const t = this.tableNamed(tableName);
    const c = this._headers(t).findIndex((h) => h.toLowerCase() === columnHeader.toLowerCase());
    if (c < 0) fail("ItemNotFound", `Table '${tableName}' has no column '${columnHeader}'.`);
    const keep = new Set(keepValues.map(display));
    const body = bodyArea(t);
    for (let r = body.r0; r <= body.r1; r++) {
      if (keep.has(this._text(t.sheet, r, t.area.c0 + c))) t.sheet.hiddenRows.delete(r);
      else t.sheet.hiddenRows.add(r);
    }
    t.filter = { column: this._headers(t)[c] };
  }
  /** Hides the rows of `address` (e.g. "5:7" or "A5:A7") on a sheet, as a user would. */
  hideRows(sheetName: string, address: string): void {
    const s = this.sheet(sheetName);
    const rows = /^\$?(\d+):\$?(\d+)$/.exec(address.trim());
    const area = rows ? { r0: Number(rows[1]) - 1, c0: 0, r1: Number(rows[2]) - 1, c1: 0 } : parseA1(address).area;
    for (let r = area.r0; r <= area.r1; r++) s.hiddenRows.add(r);
  }
  private tableNamed(name: string): TableState { return this._table(name) ?? fail("ItemNotFound", `No table named '${name}'.`); }
  /** Deletes the table and clears its cells; formulas that referred to it become #REF!. */
  deleteTable(name: string): void { this._dropTable(this.tableNamed(name), true); }
  table(name: string): TableInfo | undefined {
    const t = this._table(name);
    if (!t) return undefined;
    const info: TableInfo = {
      name: t.name, sheet: t.sheet.name, address: a1(t.area), headers: this._headers(t),
      rows: grid(bodyArea(t), (r, c) => this._value(t.sheet, r, c)),
      style: t.style, showBandedRows: t.showBandedRows, showFilterButton: t.showFilterButton,
    };
    if (t.showTotals) info.totals = grid({ ...t.area, r0: t.area.r1 }, (r, c) => this._value(t.sheet, r, c))[0];
    return info;
  }
  tableNames(): string[] { return this.tableStates.map((t) => t.name); }
  customProperty(key: string): unknown { return this.customProps.get(key.toLowerCase())?.value; }
  setCustomProperty(key: string, value: string | number | boolean | Date): void { this._setProp(key, value); }

  // ---- engine (used by the proxies at sync time)
  _needDataTypes(): void {
    if (!this.supportsDataTypes) fail("ApiNotFound", "The API you are trying to use could not be found. It may be available in a newer version of Excel (Range.valuesAsJson needs ExcelApi 1.16).");
  }
  _guard(sheet: FakeSheet): void {
    if (sheet.isProtected) fail("AccessDenied", `The cell or chart you're trying to change is on a protected sheet ('${sheet.name}'). To make a change, unprotect the sheet.`);
  }
  _sheetNamed(name: string): FakeSheet | undefined {
    const k = String(name).toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k);
  }
  _table(key: string, sheet?: FakeSheet): TableState | undefined {
    const k = String(key).toLowerCase();
    return this.tableStates.find((t) => (t.name.toLowerCase() === k || t.id === key) && (!sheet || t.sheet === sheet));
  }
  private freshName(prefix: string, taken: (n: string) => boolean): string {
    for (let i = 1; ; i++) if (!taken(`${prefix}${i}`)) return `${prefix}${i}`;
  }
  private checkSheetName(name: unknown, self?: FakeSheet): string {
    if (typeof name !== "string" || name.length < 1 || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name) || name.toLowerCase() === "history") {
      badArg(`'${String(name)}' is not a valid worksheet name.`);
    }
    const other = this._sheetNamed(name as string);
    if (other && other !== self) fail("ItemAlreadyExists", `A worksheet named '${name}' already exists.`);
    return name as string;
  }
  _addSheet(name?: string): FakeSheet {
    const n = name === undefined ? this.freshName("Sheet", (x) => !!this._sheetNamed(x)) : this.checkSheetName(name);
    const s = new FakeSheet(this, n, `{${String(this.nextId++).padStart(8, "0")}-0000-4000-8000-000000000000}`);
    this.sheets.push(s);
    return s;
  }
  _renameSheet(s: FakeSheet, name: unknown): void { s.name = this.checkSheetName(name, s); }
  _moveSheet(s: FakeSheet, position: unknown): void {
    if (!Number.isInteger(position) || (position as number) < 0 || (position as number) >= this.sheets.length) badArg(`Invalid worksheet position ${String(position)}.`);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    this.sheets.splice(position as number, 0, s);
  }
  _deleteSheet(s: FakeSheet): void {
    if (this.sheets.length === 1) fail("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    for (const t of this.tableStates.filter((x) => x.sheet === s)) this._dropTable(t, false);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    s.deleted = true;
    if (this.activeSheet === s) this.activeSheet = this.sheets[0];
  }
  /** A range on `sheet`: an A1 address (an optional sheet prefix must name this sheet) or a table name. */
  _rangeOn(sheet: FakeSheet, address: string): RangeRef {
    const t = this._table(address, sheet);
    if (t && /^[A-Za-z_\\]/.test(address)) return { sheet, ...t.area };
    const p = parseA1(address);
    if (p.sheet !== undefined && p.sheet.toLowerCase() !== sheet.name.toLowerCase()) badArg(`'${address}' is not on worksheet '${sheet.name}'.`);
    return refOf(sheet, p.area);
  }
  /** A range from a workbook-level address, which needs a sheet prefix unless `sheet` is given. */
  _rangeFor(address: string, sheet?: FakeSheet): RangeRef {
    if (sheet) return this._rangeOn(sheet, address);
    const p = parseA1(address);
    if (p.sheet === undefined) badArg(`'${address}' needs a sheet name (like "Sheet1!A1:C4").`);
    return this._rangeOn(this._sheetNamed(p.sheet!) ?? fail("ItemNotFound", `No worksheet named '${p.sheet}'.`), address);
  }
  _usedRange(s: FakeSheet, valuesOnly: boolean): RangeRef | undefined {
    let a: Area | undefined;
    for (const [k, cell] of s.cells) {
      if (valuesOnly && cell.value === "" && cell.formula === "") continue;
      const [r, c] = k.split(",").map(Number);
      a = a ? { r0: Math.min(a.r0, r), c0: Math.min(a.c0, c), r1: Math.max(a.r1, r), c1: Math.max(a.c1, c) } : { r0: r, c0: c, r1: r, c1: c };
    }
    return a && { sheet: s, ...a };
  }

  // ---- values, formulas and table headers
  _value(sheet: FakeSheet, r: number, c: number, depth = 0): Scalar {
    const cell = sheet.get(r, c);
    return cell.formula.startsWith("=") ? this.evaluate(cell.formula, depth) : cell.value;
  }
  /** What the cell shows: an entity's text, else the (evaluated) value as text. */
  _text(sheet: FakeSheet, r: number, c: number): string {
    const e = sheet.get(r, c).entity;
    return e ? (typeof e.text === "string" ? e.text : "") : display(this._value(sheet, r, c));
  }
  /** The cell as a CellValue: an entity's JSON (basic value #VALUE!), else the type of its (evaluated) value. */
  _json(sheet: FakeSheet, r: number, c: number): Record<string, unknown> {
    const e = sheet.get(r, c).entity;
    return e ? entityJson(e, this.entityReadback) : plainJson(this._value(sheet, r, c));
  }
  /**
   * Evaluates what the stand-in models and never pretends about the rest:
   * - a number literal; SUM(Table[Column]); SUBTOTAL(109, Table[Column]) (visible rows only, as Excel's 1xx codes);
   * - a reference to a missing table or column, or a deleted one, is #REF!;
   * - a name Excel does not know is #NAME?: an unknown function (IOMT.* too, unless the test registered it in
   *   `customFunctions`, as the add-in's runtime would) or an undefined name ("=see memo", "=-abc");
   * - anything else Excel would calculate is "#UNSUPPORTED" (known, not modelled).
   */
  private evaluate(formula: string, depth: number): Scalar {
    if (depth > 32) return 0; // a circular reference: Excel shows 0
    const body = formula.slice(1).trim();
    if (NUMERIC.test(body)) return excelNumber(Number(body));
    for (const m of body.matchAll(STRUCT_REF)) {
      const t = this._table(m[1]);
      const headers = t ? this._headers(t).map((h) => h.toLowerCase()) : [];
      if (!t || refColumns(m[2]).some((col) => !headers.includes(col.toLowerCase()))) return "#REF!";
    }
    if (body.includes("#REF!")) return "#REF!";
    if (this.unknownName(body)) return "#NAME?";
    const agg = /^(SUM|SUBTOTAL)\(\s*(?:(109|9)\s*,\s*)?([A-Za-z_\\][\w.\\]*)\[([^[\]]+)\]\s*\)$/i.exec(body);
    if (!agg || (agg[1].toUpperCase() === "SUBTOTAL") !== (agg[2] !== undefined)) return "#UNSUPPORTED";
    const t = this._table(agg[3])!;
    const c = t.area.c0 + this._headers(t).findIndex((h) => h.toLowerCase() === agg[4].toLowerCase());
    const body2 = bodyArea(t);
    const visibleOnly = agg[2] === "109";
    let total = 0;
    for (let r = body2.r0; r <= body2.r1; r++) {
      if (visibleOnly && t.sheet.hiddenRows.has(r)) continue;
      const v = this._value(t.sheet, r, c, depth + 1);
      if (typeof v === "number") total += v;
    }
    return excelNumber(total);
  }
  /** Whether a formula names a function or a name Excel does not know (string literals and table references aside). */
  private unknownName(body: string): boolean {
    const bare = body.replace(/"(?:[^"]|"")*"/g, '""').replace(STRUCT_REF, "0").replace(/\[[^[\]]*\]/g, "0").replace(/\[[^[\]]*\]/g, "0");
    for (const m of bare.matchAll(/(?<![\w.$\\])('[^']+'!|[A-Za-z_][\w.]*!)?([A-Za-z_\\][\w.\\]*)(\s*\()?/g)) {
      const name = m[2].toUpperCase();
      if (m[3]) {
        const fn = name.replace(/^_XLFN\./, "");
        if (!KNOWN_FUNCTIONS.has(fn) && ![...this.customFunctions].some((f) => f.toUpperCase() === fn)) return true;
      } else if (!m[1] && !/^(TRUE|FALSE)$/.test(name) && !/^\$?[A-Z]{1,3}\$?\d+$/.test(name.replace(/\$/g, "")) && !this._table(m[2])) {
        return true;
      }
    }
    return false;
  }
  _headers(t: TableState): string[] {
    return grid(headerArea(t.area), (r, c) => display(this._value(t.sheet, r, c)))[0];
  }
  /** Rewrites structured references to `tableName` in every formula of the workbook. */
  private rewriteRefs(tableName: string, f: (name: string, inner: string) => string): void {
    const k = tableName.toLowerCase();
    for (const s of this.sheets) {
      for (const [key, cell] of s.cells) {
        if (!cell.formula.startsWith("=")) continue;
        const formula = cell.formula.replace(STRUCT_REF, (m, name: string, inner: string) => (name.toLowerCase() === k ? f(name, inner) : m));
        if (formula !== cell.formula) s.cells.set(key, { ...cell, formula });
      }
    }
  }
  /**
   * Keeps a table's header cells valid, as Excel does: constant text, never empty ("Column1"),
   * unique ("Sales2"). When `before` is given, renamed columns are renamed in formulas too.
   */
  private normalizeHeaders(t: TableState, before?: string[]): void {
    const { sheet, area } = t;
    const seen = new Set<string>();
    const now: string[] = [];
    for (let c = area.c0; c <= area.c1; c++) {
      let h = this._text(sheet, area.r0, c);
      if (h === "") h = `Column${c - area.c0 + 1}`;
      if (seen.has(h.toLowerCase())) {
        let n = 2;
        while (seen.has(`${h}${n}`.toLowerCase())) n++;
        h = `${h}${n}`;
      }
      seen.add(h.toLowerCase());
      now.push(h);
      const cell = sheet.get(area.r0, c);
      if (cell.value !== h || cell.formula !== h || cell.entity) sheet.put(area.r0, c, { ...shell(cell), value: h, formula: h });
    }
    const renames = new Map<string, string>();
    before?.forEach((old, i) => { if (i < now.length && old !== now[i]) renames.set(old.toLowerCase(), now[i]); });
    if (renames.size === 0) return;
    const rename = (col: string): string => renames.get(col.toLowerCase()) ?? col;
    this.rewriteRefs(t.name, (name, inner) => `${name}[${inner.includes("[")
      ? inner.replace(/\[([^\]]*)\]/g, (m, col: string) => (col.startsWith("#") ? m : `[${rename(col)}]`))
      : inner.startsWith("#") ? inner : rename(inner)}]`);
  }
  /** Runs a cell mutation, then re-syncs the headers of tables whose header row it touched. */
  private mutate(ref: RangeRef, fn: () => void): void {
    const hit = this.tableStates.filter((t) => t.sheet === ref.sheet && overlaps(headerArea(t.area), ref));
    const before = hit.map((t) => this._headers(t));
    fn();
    hit.forEach((t, i) => this.normalizeHeaders(t, before[i]));
  }
  _write(ref: RangeRef, kind: WriteKind, data: unknown, guard = true): void {
    if (guard) this._guard(ref.sheet);
    const rows = ref.r1 - ref.r0 + 1, cols = ref.c1 - ref.c0 + 1;
    const input: unknown[][] = Array.isArray(data) ? data
      : rows * cols === 1 ? [[data]]
      : badArg(`Range.${kind}: a single value cannot be assigned to the ${rows}x${cols} range ${fullAddress(ref)}; pass a ${rows}x${cols} 2-D array.`);
    if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols)) {
      badArg(`Range.${kind}: the number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${cols} at ${fullAddress(ref)}).`);
    }
    const out: Array<[number, number, Cell]> = [];
    input.forEach((row, i) => row.forEach((v, j) => {
      if (v === null) return; // null leaves the cell unchanged
      const r = ref.r0 + i, c = ref.c0 + j, cur = ref.sheet.get(r, c);
      if (kind === "valuesAsJson") out.push([r, c, enterJson(cur, v)]);
      else if (kind !== "numberFormat") out.push([r, c, enter(cur, v)]);
      else out.push([r, c, typeof v === "string" ? { ...cur, numberFormat: v } : badArg(`Range.numberFormat: expected strings, got ${typeof v}.`)]);
    }));
    this.mutate(ref, () => out.forEach(([r, c, cell]) => ref.sheet.put(r, c, cell)));
  }
  _clear(ref: RangeRef, applyTo: unknown): void {
    this._guard(ref.sheet);
    const mode = String(applyTo ?? "All").toLowerCase();
    if (!["all", "contents", "formats"].includes(mode)) badArg(`Range.clear: unsupported applyTo '${String(applyTo)}'.`);
    this.mutate(ref, () => {
      for (const [k, cell] of [...ref.sheet.cells]) {
        const [r, c] = k.split(",").map(Number);
        if (!overlaps(ref, { r0: r, c0: c, r1: r, c1: c })) continue;
        ref.sheet.put(r, c, mode === "all" ? EMPTY : mode === "contents" ? { ...shell(cell), value: "", formula: "" } : { ...cell, numberFormat: "General", fmt: undefined });
      }
    });
  }
  _format(ref: RangeRef, key: string, v: unknown): void {
    this._guard(ref.sheet);
    grid(ref, (r, c) => { const cur = ref.sheet.get(r, c); ref.sheet.put(r, c, { ...cur, fmt: { ...cur.fmt, [key]: v } }); });
  }
  _setColumnWidth(ref: RangeRef, width: unknown): void {
    this._guard(ref.sheet);
    if (typeof width !== "number" || !(width >= 0)) badArg(`Invalid column width ${String(width)}.`);
    for (let c = ref.c0; c <= ref.c1; c++) ref.sheet.columnWidths.set(c, width as number);
  }
  _autofit(ref: RangeRef): void {
    this._guard(ref.sheet);
    ref.sheet.autofitCount++;
    for (let c = ref.c0; c <= ref.c1; c++) {
      let longest = 0;
      for (let r = ref.r0; r <= ref.r1; r++) longest = Math.max(longest, this._text(ref.sheet, r, c).length);
      if (longest > 0) ref.sheet.columnWidths.set(c, Math.round(longest * 6 + 10));
    }
  }

  // ---- tables
  private checkTableName(name: unknown, self?: TableState): string {
    const valid = typeof name === "string" && name.length <= 255 && /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) &&
      !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RC]$|^R\d*C\d*$/i.test(name);
    if (!valid) badArg(`'${String(name)}' is not a valid table name.`);
    const other = this._table(name as string);
    if (other && other !== self) fail("ItemAlreadyExists", `A table named '${name}' already exists.`);
    return name as string;
  }
  _addTable(ref: RangeRef, hasHeaders: boolean, name?: string, guard = true): TableState {
    const { sheet } = ref;
    if (guard) this._guard(sheet);
    // Without headers Excel inserts a header row above the data; a lone header row gets an empty data row.
    const area = refOf(sheet, { ...ref, r1: ref.r1 + (!hasHeaders || ref.r0 === ref.r1 ? 1 : 0) });
    if (this.tableStates.some((t) => t.sheet === sheet && overlaps(t.area, area))) badArg("A table can't overlap another table.");
    const tableName = name === undefined ? this.freshName("Table", (n) => !!this._table(n)) : this.checkTableName(name);
    if (!hasHeaders) {
      const moved = [...sheet.cells].filter(([k]) => { const [r, c] = k.split(",").map(Number); return r >= area.r0 && c >= area.c0 && c <= area.c1; });
      if (this.tableStates.some((t) => t.sheet === sheet && overlaps(t.area, { ...area, r1: MAX_ROWS - 1 }))) badArg("The fake cannot shift another table down.");
      moved.forEach(([k]) => sheet.cells.delete(k));
      moved.forEach(([k, cell]) => { const [r, c] = k.split(",").map(Number); if (r + 1 < MAX_ROWS) sheet.put(r + 1, c, cell); });
    }
    const t: TableState = { id: String(this.nextId++), name: tableName, sheet, area: { r0: area.r0, c0: area.c0, r1: area.r1, c1: area.c1 }, style: "TableStyleMedium2", showBandedRows: true, showBandedColumns: false, showFilterButton: true, showTotals: false };
    this.tableStates.push(t);
    this.normalizeHeaders(t);
    return t;
  }
  _renameTable(t: TableState, name: unknown): void {
    this._guard(t.sheet);
    const old = t.name;
    t.name = this.checkTableName(name, t);
    this.rewriteRefs(old, (_name, inner) => `${t.name}[${inner}]`);
  }
  /**
   * Table.resize (ExcelApi 1.13). The header row and top-left cell stay. With a totals row, the new range's last
   * row becomes the totals row, and nothing moves: the old totals cells stay where they were, so they become body
   * cells that new rows written there overwrite. A filtered table cannot be resized: Excel refuses to shift or
   * write rows through a filter (office-js #994: rows of a filtered table are not deleted; #224: data written to a
   * filtered range lands in the wrong rows), modelled as InvalidOperation.
   */
  _resizeTable(t: TableState, ref: RangeRef): void {
    this._guard(t.sheet);
    if (ref.sheet !== t.sheet || ref.r0 !== t.area.r0 || ref.c0 !== t.area.c0) {
      badArg(`Table.resize: the new range ${fullAddress(ref)} must keep the header row and top-left cell of ${fullAddress({ sheet: t.sheet, ...t.area })}.`);
    }
    if (ref.r1 - ref.r0 < (t.showTotals ? 2 : 1)) badArg("Table.resize: a table needs a header row and at least one data row (and its totals row).");
    this.refuseFiltered(t, "resized");
    const area = { r0: ref.r0, c0: ref.c0, r1: ref.r1, c1: ref.c1 };
    if (this.tableStates.some((o) => o !== t && o.sheet === t.sheet && overlaps(o.area, area))) badArg("A table can't overlap another table.");
    const removed = this._headers(t).slice(area.c1 - area.c0 + 1).map((h) => h.toLowerCase());
    t.area = area;
    if (removed.length) this.rewriteRefs(t.name, (name, inner) => (refColumns(inner).some((c) => removed.includes(c.toLowerCase())) ? "#REF!" : `${name}[${inner}]`));
    this.normalizeHeaders(t);
  }
  private refuseFiltered(t: TableState, what: string): void {
    if (t.filter) fail("InvalidOperation", `Table '${t.name}' has a filter applied; it cannot be ${what} until the filter is cleared.`);
  }
  /**
   * Table.showTotals (ExcelApi 1.3). Turning it on takes the row below the body as the totals row, with "Total"
   * in the first column and SUBTOTAL(109, ...) in the last, as Excel does; if that row holds anything, Excel
   * would have to shift cells, which the stand-in refuses (InvalidOperation). Turning it off clears that row.
   */
  _setTotals(t: TableState, on: boolean): void {
    if (on === t.showTotals) return;
    const row = on ? t.area.r1 + 1 : t.area.r1;
    const rowArea: Area = { ...t.area, r0: row, r1: row };
    if (on) {
      refOf(t.sheet, rowArea);
      const held = grid(rowArea, (r, c) => t.sheet.get(r, c)).flat().some((cell) => cell.formula !== "" || cell.value !== "" || cell.entity);
      if (held) fail("InvalidOperation", `Cannot show the totals row of '${t.name}': ${fullAddress({ sheet: t.sheet, ...rowArea })} is not empty.`);
      if (this.tableStates.some((o) => o !== t && o.sheet === t.sheet && overlaps(o.area, rowArea))) fail("InvalidOperation", "The totals row would overlap another table.");
      const headers = this._headers(t);
      t.area = { ...t.area, r1: row };
      t.showTotals = true;
      const last = rowArea.c1;
      if (last > rowArea.c0) t.sheet.put(row, rowArea.c0, enter(t.sheet.get(row, rowArea.c0), "Total"));
      t.sheet.put(row, last, enter(t.sheet.get(row, last), `=SUBTOTAL(109,${t.name}[${headers[headers.length - 1]}])`));
    } else {
      grid(rowArea, (r, c) => t.sheet.put(r, c, { ...shell(t.sheet.get(r, c)), value: "", formula: "" }));
      t.area = { ...t.area, r1: row - 1 };
      t.showTotals = false;
    }
  }
  _dropTable(t: TableState, clearCells: boolean): void {
    if (clearCells) for (let r = t.area.r0; r <= t.area.r1; r++) for (let c = t.area.c0; c <= t.area.c1; c++) t.sheet.cells.delete(`${r},${c}`);
    this.tableStates.splice(this.tableStates.indexOf(t), 1);
    t.deleted = true;
    this.rewriteRefs(t.name, () => "#REF!");
  }

  // ---- charts and custom properties
  _addChart(sheet: FakeSheet, type: unknown, source: RangeRef, seriesBy: unknown): { sheet: FakeSheet; chart: ChartRecord } {
    this._guard(sheet);
    const name = this.freshName("Chart ", (n) => sheet.charts.some((c) => c.name === n));
    const chart: ChartRecord = { id: `{chart-${this.nextId++}}`, name, type: String(type), source: fullAddress(source), seriesBy: String(seriesBy ?? "Auto"), title: "", top: 0, left: 0, width: 360, height: 216 };
    sheet.charts.push(chart);
    return { sheet, chart };
  }
  _setProp(key: unknown, value: unknown): PropRecord {
    if (typeof key !== "string" || key === "") badArg("A custom property needs a non-empty string key.");
    if (!["string", "number", "boolean"].includes(typeof value) && !(value instanceof Date)) badArg(`Unsupported custom property value type ${typeof value}.`);
    const lim = this.customPropertyLimit;
    const k = lim === null ? (key as string) : (key as string).slice(0, lim);
    const v = lim !== null && typeof value === "string" ? value.slice(0, lim) : value;
    const existing = this.customProps.get(k.toLowerCase());
    if (existing) { existing.value = v; return existing; }
    const rec = { key: k, value: v };
    this.customProps.set(k.toLowerCase(), rec);
    return rec;
  }
}

// ---------------------------------------------------------------- request context

const NULL = Symbol("NullObject");
type OpKind = "nav" | "load" | "write";
/** What a sync's loads bring back: `data` (measured against the response limit) and how it lands in the proxies. */
interface Reply { data: unknown[]; commits: Array<() => void> }
interface Op { kind: OpKind; json: unknown; run(reply: Reply): void }
/** `need`: fails (at sync) when the API is missing from this Excel; such props are left out of a bare load(). */
type Prop = { get(b: any, wb: FakeWorkbook): unknown; set?(b: any, v: any, wb: FakeWorkbook): void; need?(wb: FakeWorkbook): void };
type PCtor<T extends P> = new (ctx: Ctx, parent: P | null, resolve: (pb: any) => any, desc?: unknown, kind?: OpKind) => T;

const toJson = (a: unknown): unknown => (a instanceof P ? `[${a._type}]` : a);
const isDead = (b: any): boolean => !!b && typeof b === "object" &&
  (b.deleted === true || (b.sheet instanceof FakeSheet && b.sheet.deleted) || b.table?.deleted === true || b.chart?.deleted === true);

class Ctx {
  ops: Op[] = [];
  bound: P[] = [];
  closed = false;
  readonly workbook: WorkbookP;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  constructor(readonly handle: FakeExcelHandle, readonly wb: FakeWorkbook) {
    this.workbook = new WorkbookP(this, null, () => wb);
  }
  get application(): ApplicationP { return this.workbook.application; }
  assertOpen(): void {
    if (this.closed) fail("InvalidObjectPath", "This object belongs to an Excel.run batch that has finished; Office.js objects cannot be used across Excel.run calls.");
  }
  checkArg(a: unknown): void {
    if (a instanceof P && a._ctx !== this) fail("InvalidObjectPath", `The ${a._type} passed in belongs to a different Excel.run batch.`);
  }
  queue(op: Op): void { this.assertOpen(); this.ops.push(op); }
  /**
   * One round trip. The request is measured first: over 5 MB, Excel on the web rejects it whole
   * (RequestPayloadSizeLimitExceeded). Then the operations run in order, and a failing one stops the request
   * with the operations before it applied: no rollback. The loaded data is measured last: over 5 MB, the sync
   * fails with ResponsePayloadSizeLimitExceeded ("The response payload size has exceeded the limit", Excel
   * error codes; "Excel on the web has a payload size limit for requests and responses of 5MB", resource limits
   * for Office Add-ins), and as the docs say nothing of undoing the request, its writes stay applied.
   */
  async sync(): Promise<void> {
    this.assertOpen();
    const ops = this.ops;
    this.ops = [];
    const h = this.handle;
    const wb = this.wb;
    h.syncCount++;
    wb.onSync?.(h.syncCount);
    const bytes = Buffer.byteLength(JSON.stringify(ops.map((o) => o.json)), "utf8");
    h.requests.push(bytes);
    h.maxRequestBytes = Math.max(h.maxRequestBytes, bytes);
    if (bytes > PAYLOAD_LIMIT) fail("RequestPayloadSizeLimitExceeded", `The request payload size (${bytes} bytes) has exceeded the limit (${PAYLOAD_LIMIT} bytes).`);
    const armed = wb._failure;
    const failAt = armed && ops.filter((o) => o.kind === "write").length > armed.count ? armed.count : -1;
    if (failAt >= 0) wb._failure = undefined;
    const reply: Reply = { data: [], commits: [] };
    this.bound = [];
    let i = 0;
    try {
      for (let writes = 0; i < ops.length; i++) {
        if (ops[i].kind === "write" && writes++ === failAt) {
          fail(armed!.code, "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by pressing Enter or Tab, or by selecting another cell, and then try again.");
        }
        ops[i].run(reply);
      }
      const response = Buffer.byteLength(JSON.stringify(reply.data), "utf8");
      h.responses.push(response);
      h.maxResponseBytes = Math.max(h.maxResponseBytes, response);
      if (response > PAYLOAD_LIMIT) fail("ResponsePayloadSizeLimitExceeded", `The response payload size (${response} bytes) has exceeded the limit (${PAYLOAD_LIMIT} bytes).`);
    } catch (e) {
      for (const p of this.bound) p._binding = undefined;
      if (e instanceof FakeExcelError && i < ops.length) e.debugInfo.errorLocation = JSON.stringify(ops[i].json).slice(0, 200);
      throw e;
    }
    for (const p of this.bound) p._synced = true;
    for (const c of reply.commits) c();
  }
}

class ClientResult<T> {
  _ok = false;
  _v: T | undefined;
  get value(): T { if (!this._ok) throw notLoaded("value", "ClientResult"); return this._v as T; }
}

// ---------------------------------------------------------------- proxies

/** Base proxy: binds lazily (in queue order) at sync; NULL binding = null object. */
class P {
  static type = "Object";
  static props: Record<string, Prop> = {};
  static navs: string[] = [];
  _binding: any;
  _synced = false;
  readonly _loaded = new Map<string, unknown>();
  private readonly _kids = new Map<string, P>();

  /** With `desc`, creation is queued (bound at sync); without it the proxy is bound now. */
  constructor(readonly _ctx: Ctx, readonly _parent: P | null, readonly _resolve: (pb: any) => any, desc?: unknown, kind: OpKind = "nav") {
    if (desc === undefined) {
      this._binding = _resolve(undefined);
      this._synced = true;
    } else {
      _ctx.queue({ kind, json: desc, run: () => { this._bind(); } });
    }
  }
  get _type(): string { return (this.constructor as typeof P).type; }
  _bind(): any {
    if (this._binding === undefined) {
      const pb = this._parent ? this._parent._live() : undefined;
      const b = pb === NULL ? NULL : this._resolve(pb);
      if (b === undefined) fail("ItemNotFound", `The requested ${this._type} does not exist.`);
      this._binding = b;
      this._ctx.bound.push(this);
    }
    return this._binding;
  }
  _live(): any {
    const b = this._bind();
    if (b !== NULL && isDead(b)) fail("ItemNotFound", `This ${this._type} no longer exists.`);
    return b;
  }
  get isNullObject(): boolean {
    if (!this._synced) throw notLoaded("isNullObject", this._type);
    return this._binding === NULL;
  }
  _read(prop: string): unknown {
    if (this._synced && this._binding === NULL) fail("InvalidObjectPath", `Cannot read ${this._type}.${prop}: this is a null object (isNullObject is true).`);
    if (!this._loaded.has(prop)) throw notLoaded(prop, this._type);
    return this._loaded.get(prop);
  }
  /** A property assignment: queued; the assigned value is readable locally at once (as in Office.js). */
  _write(prop: string, value: unknown, apply: (b: any) => void, need?: () => void): void {
    this._ctx.queue({ kind: "write", json: { set: `${this._type}.${prop}`, value }, run: () => { need?.(); const b = this._live(); if (b !== NULL) apply(b); } });
    this._loaded.set(prop, value);
  }
  _call(name: string, args: unknown[], apply: (b: any) => void): void {
    args.forEach((a) => this._ctx.checkArg(a));
    this._ctx.queue({ kind: "write", json: { call: `${this._type}.${name}`, args: args.map(toJson) }, run: () => { const b = this._live(); if (b !== NULL) apply(b); } });
  }
  _nav<T extends P>(cls: PCtor<T>, name: string, args: unknown[], resolve: (b: any) => any, kind: OpKind = "nav"): T {
    this._ctx.assertOpen();
    args.forEach((a) => this._ctx.checkArg(a));
    return new cls(this._ctx, this, resolve, { [`${this._type}.${name}`]: args.map(toJson) }, kind);
  }
  _kid<T extends P>(cls: PCtor<T>, name: string, resolve: (b: any) => any = (b) => b): T {
    let k = this._kids.get(name);
    if (!k) this._kids.set(name, (k = this._nav(cls, name, [], resolve)));
    return k as T;
  }
  load(spec?: unknown): this {
    this._ctx.assertOpen();
    const cls = this.constructor as typeof P;
    const own = new Set<string>();
    const all = (): string[] => Object.keys(cls.props).filter((k) => { try { cls.props[k].need?.(this._ctx.wb); return true; } catch { return false; } });
    for (const path of parseLoad(spec) ?? all()) {
      const [head, ...rest] = path.split("/");
      if (head in cls.props && rest.length === 0) own.add(head);
      else if (cls.navs.includes(head)) ((this as any)[head] as P).load(rest.length ? rest.join("/") : undefined);
      else badArg(`The fake ${cls.type} has no loadable property '${path}' (supported: ${[...Object.keys(cls.props), ...cls.navs].join(", ")}).`);
    }
    const names = [...own];
    this._ctx.queue({
      kind: "load", json: { load: `${cls.type}:${names.join(",")}` }, run: (reply) => {
        names.forEach((k) => cls.props[k].need?.(this._ctx.wb));
        const b = this._live();
        if (b === NULL) return;
        const vals = names.map((k) => [k, cls.props[k].get(b, this._ctx.wb)] as const);
        reply.data.push(vals);
        reply.commits.push(() => vals.forEach(([k, v]) => this._loaded.set(k, v)));
      },
    });
    return this;
  }
  track(): this { return this; }
  untrack(): this { return this; }
  toJSON(): Record<string, unknown> { return Object.fromEntries(this._loaded); }
}

function parseLoad(spec: unknown): string[] | null {
  if (spec === undefined || spec === null) return null;
  if (typeof spec === "string") return spec.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => parseLoad(s) ?? []);
  if (typeof spec !== "object") return badArg(`Cannot load ${String(spec)}.`);
  const o = spec as Record<string, unknown>;
  if (o.$all) return null;
  const out = typeof o.select === "string" ? parseLoad(o.select)! : [];
  for (const [k, v] of Object.entries(o)) {
    if (k === "select" || k === "expand" || k.startsWith("$")) continue;
    if (v === true) out.push(k);
    else if (v && typeof v === "object") out.push(...(parseLoad(v) ?? [""]).map((p) => (p ? `${k}/${p}` : k)));
  }
  return out;
}

function def(cls: typeof P, type: string, props: Record<string, Prop>, navs: string[] = []): void {
  Object.assign(cls, { type, props, navs });
  for (const [k, p] of Object.entries(props)) {
    Object.defineProperty(cls.prototype, k, {
      configurable: true,
      get(this: P) { return this._read(k); },
      set(this: P, v: unknown) {
        const set = p.set ?? badArg(`${type}.${k} is read-only.`);
        this._write(k, v, (b) => set(b, v, this._ctx.wb), p.need && (() => p.need!(this._ctx.wb)));
      },
    });
  }
}

/** Collections: `items` (after load("items/...")), getItem, getItemOrNullObject, getCount, count. */
class CollP extends P {
  static itemType: PCtor<P>;
  static list: (b: any, wb: FakeWorkbook) => unknown[];
  static find: (b: any, key: string, wb: FakeWorkbook) => unknown;
  get items(): P[] { return this._read("items") as P[]; }
  private get cls(): typeof CollP { return this.constructor as typeof CollP; }
  getItem(key: string): P {
    const { cls } = this;
    return this._nav(cls.itemType, "getItem", [key], (b) => cls.find(b, key, this._ctx.wb) ?? fail("ItemNotFound", `${(cls.itemType as unknown as typeof P).type} '${key}' was not found.`));
  }
  getItemOrNullObject(key: string): P {
    const { cls } = this;
    return this._nav(cls.itemType, "getItemOrNullObject", [key], (b) => cls.find(b, key, this._ctx.wb) ?? NULL);
  }
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this._ctx.queue({ kind: "load", json: { call: `${this._type}.getCount` }, run: (reply) => {
      const b = this._live();
      const n = b === NULL ? 0 : this.cls.list(b, this._ctx.wb).length;
      reply.data.push(n);
      reply.commits.push(() => { result._v = n; result._ok = true; });
    } });
    return result;
  }
  override load(spec?: unknown): this {
    this._ctx.assertOpen();
    const { cls } = this;
    const itemCls = cls.itemType as unknown as typeof P;
    const own: string[] = [];
    const itemProps = new Set<string>();
    let items = false;
    for (const path of parseLoad(spec) ?? ["items"]) {
      const p = path.startsWith("items/") ? path.slice(6) : path;
      if (path === "items") { items = true; Object.keys(itemCls.props).forEach((k) => itemProps.add(k)); }
      else if (path in cls.props) own.push(path);
      else if (p in itemCls.props) { items = true; itemProps.add(p); }
      else badArg(`The fake ${cls.type} cannot load '${path}' (item properties: ${Object.keys(itemCls.props).join(", ")}).`);
    }
    this._ctx.queue({ kind: "load", json: { load: `${cls.type}:${[...own, ...itemProps].join(",")}` }, run: (reply) => {
      const b = this._live();
      if (b === NULL) return;
      const wb = this._ctx.wb;
      const ownVals = own.map((k) => [k, cls.props[k].get(b, wb)] as const);
      const list = cls.list(b, wb);
      const rows = list.map((ib) => [...itemProps].map((k) => [k, itemCls.props[k].get(ib, wb)] as const));
      reply.data.push(ownVals, items ? rows : []);
      reply.commits.push(() => {
        ownVals.forEach(([k, v]) => this._loaded.set(k, v));
        if (!items) return;
        this._loaded.set("items", list.map((ib, i) => {
          const item = new cls.itemType(this._ctx, null, () => ib);
          rows[i].forEach(([k, v]) => item._loaded.set(k, v));
          return item;
        }));
      });
    } });
    return this;
  }
}
function defColl(cls: typeof CollP, type: string, itemType: PCtor<P>, list: typeof CollP.list, find: typeof CollP.find): void {
  def(cls, type, { count: { get: (b, wb) => list(b, wb).length } });
  Object.assign(cls, { itemType, list, find });
}

const str = (v: unknown): string => String(v);
const bool = (key: "showBandedRows" | "showBandedColumns" | "showFilterButton"): Prop => ({
  get: (t: TableState) => t[key],
  set: (t: TableState, v, wb) => { wb._guard(t.sheet); t[key] = !!v; },
});
const fmtProp = (key: string, dflt: unknown): Prop => ({
  get: (b: RangeRef) => uniform(grid(b, (r, c) => b.sheet.get(r, c).fmt?.[key] ?? dflt).flat()),
  set: (b: RangeRef, v, wb) => wb._format(b, key, v),
});
/** Office.js reads a format property as null when the cells disagree. */
const uniform = (vs: unknown[]): unknown => (vs.every((v) => v === vs[0]) ? vs[0] : null);

class WorkbookP extends P {
  get worksheets(): WorksheetsP { return this._kid(WorksheetsP, "worksheets"); }
  get tables(): TablesP { return this._kid(TablesP, "tables", () => ({})); }
  get properties(): DocPropsP { return this._kid(DocPropsP, "properties"); }
  get application(): ApplicationP { return this._kid(ApplicationP, "application"); }
  getActiveWorksheet(): WorksheetP { return this._nav(WorksheetP, "getActiveWorksheet", [], (wb: FakeWorkbook) => wb.activeSheet); }
  getSelectedRange(): RangeP {
    return this._nav(RangeP, "getSelectedRange", [], (wb: FakeWorkbook) => wb.selection ?? (wb.sheets[0] && { sheet: wb.sheets[0], r0: 0, c0: 0, r1: 0, c1: 0 }));
  }
}
def(WorkbookP, "Workbook", {}, ["worksheets", "tables", "properties", "application"]);

class ApplicationP extends P {
  suspendApiCalculationUntilNextSync(): void { this._call("suspendApiCalculationUntilNextSync", [], (wb: FakeWorkbook) => { wb.calculationSuspensions++; }); }
  calculate(type?: string): void { this._call("calculate", [type], () => undefined); }
}
def(ApplicationP, "Application", { calculationMode: { get: () => "Automatic" } });

class WorksheetsP extends CollP {
  add(name?: string): WorksheetP { return this._nav(WorksheetP, "add", [name], (wb: FakeWorkbook) => wb._addSheet(name), "write"); }
  getActiveWorksheet(): WorksheetP { return this._nav(WorksheetP, "getActiveWorksheet", [], (wb: FakeWorkbook) => wb.activeSheet); }
}

class WorksheetP extends P {
  get protection(): ProtectionP { return this._kid(ProtectionP, "protection"); }
  get tables(): TablesP { return this._kid(TablesP, "tables", (s) => ({ sheet: s })); }
  get charts(): ChartsP { return this._kid(ChartsP, "charts"); }
  get freezePanes(): FreezePanesP { return this._kid(FreezePanesP, "freezePanes"); }
  getRange(address: string): RangeP { return this._nav(RangeP, "getRange", [address], (s) => this._ctx.wb._rangeOn(s, address)); }
  getCell(row: number, column: number): RangeP { return this._nav(RangeP, "getCell", [row, column], (s) => refOf(s, { r0: row, c0: column, r1: row, c1: column })); }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeP {
    return this._nav(RangeP, "getRangeByIndexes", [row, column, rows, columns], (s) => refOf(s, { r0: row, c0: column, r1: row + rows - 1, c1: column + columns - 1 }));
  }
  getUsedRange(valuesOnly = false): RangeP {
    return this._nav(RangeP, "getUsedRange", [valuesOnly], (s) => this._ctx.wb._usedRange(s, valuesOnly) ?? refOf(s, { r0: 0, c0: 0, r1: 0, c1: 0 }));
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeP {
    return this._nav(RangeP, "getUsedRangeOrNullObject", [valuesOnly], (s) => this._ctx.wb._usedRange(s, valuesOnly) ?? NULL);
  }
  activate(): void { this._call("activate", [], (s) => { this._ctx.wb.activeSheet = s; }); }
  delete(): void { this._call("delete", [], (s) => this._ctx.wb._deleteSheet(s)); }
}
def(WorksheetP, "Worksheet", {
  name: { get: (s: FakeSheet) => s.name, set: (s, v, wb) => wb._renameSheet(s, v) },
  id: { get: (s: FakeSheet) => s.id },
  position: { get: (s: FakeSheet, wb) => wb.sheets.indexOf(s), set: (s, v, wb) => wb._moveSheet(s, v) },
  visibility: { get: () => "Visible" },
}, ["protection", "tables", "charts", "freezePanes"]);
defColl(WorksheetsP, "WorksheetCollection", WorksheetP, (wb: FakeWorkbook) => wb.sheets,
  (wb: FakeWorkbook, key) => wb._sheetNamed(key) ?? wb.sheets.find((s) => s.id === key));

class ProtectionP extends P {
  protect(options?: unknown, password?: string): void { this._call("protect", [options ?? null, password ? "***" : null], (s: FakeSheet) => { s.isProtected = true; }); }
  unprotect(password?: string): void { this._call("unprotect", [password ? "***" : null], (s: FakeSheet) => { s.isProtected = false; }); }
}
def(ProtectionP, "WorksheetProtection", { protected: { get: (s: FakeSheet) => s.isProtected } });

class FreezePanesP extends P {
  freezeRows(count = 1): void { this._call("freezeRows", [count], (s: FakeSheet) => { s.frozenRows = count; }); }
  freezeColumns(count = 1): void { this._call("freezeColumns", [count], (s: FakeSheet) => { s.frozenColumns = count; }); }
  unfreeze(): void { this._call("unfreeze", [], (s: FakeSheet) => { s.frozenRows = 0; s.frozenColumns = 0; }); }
}
def(FreezePanesP, "WorksheetFreezePanes", {});

class TablesP extends CollP {
  /** On a worksheet the address may omit the sheet; on the workbook it needs one (or pass a Range). */
  add(address: string | RangeP, hasHeaders: boolean): TableP {
    return this._nav(TableP, "add", [address, hasHeaders], (b: { sheet?: FakeSheet }) => {
      const ref: RangeRef | typeof NULL = address instanceof RangeP ? address._live() : this._ctx.wb._rangeFor(address, b.sheet);
      if (ref === NULL) return badArg("Cannot add a table over a null range.");
      if (b.sheet && ref.sheet !== b.sheet) badArg("The range is on another worksheet.");
      return this._ctx.wb._addTable(ref, !!hasHeaders);
    }, "write");
  }
}

class TableP extends P {
  get worksheet(): WorksheetP { return this._kid(WorksheetP, "worksheet", (t: TableState) => t.sheet); }
  get rows(): TableRowsP { return this._kid(TableRowsP, "rows"); }
  get columns(): TableColumnsP { return this._kid(TableColumnsP, "columns"); }
  get autoFilter(): AutoFilterP { return this._kid(AutoFilterP, "autoFilter"); }
  getRange(): RangeP { return this._nav(RangeP, "getRange", [], (t: TableState) => ({ sheet: t.sheet, ...t.area })); }
  /** ExcelApi 1.1; a table without a totals row has none (ItemNotFound). */
  getTotalRowRange(): RangeP {
    return this._nav(RangeP, "getTotalRowRange", [], (t: TableState) =>
      (t.showTotals ? { sheet: t.sheet, ...t.area, r0: t.area.r1 } : fail("ItemNotFound", `Table '${t.name}' has no totals row.`)));
  }
  getHeaderRowRange(): RangeP { return this._nav(RangeP, "getHeaderRowRange", [], (t: TableState) => ({ sheet: t.sheet, ...headerArea(t.area) })); }
  getDataBodyRange(): RangeP { return this._nav(RangeP, "getDataBodyRange", [], (t: TableState) => ({ sheet: t.sheet, ...bodyArea(t) })); }
  resize(newRange: string | RangeP): void {
    this._call("resize", [newRange], (t: TableState) => {
      const ref = newRange instanceof RangeP ? newRange._live() : this._ctx.wb._rangeFor(newRange, parseA1(newRange).sheet === undefined ? t.sheet : undefined);
      if (ref === NULL) badArg("Cannot resize a table to a null range.");
      this._ctx.wb._resizeTable(t, ref);
    });
  }
  delete(): void { this._call("delete", [], (t: TableState) => { this._ctx.wb._guard(t.sheet); this._ctx.wb._dropTable(t, true); }); }
}
def(TableP, "Table", {
  name: { get: (t: TableState) => t.name, set: (t, v, wb) => wb._renameTable(t, v) },
  id: { get: (t: TableState) => t.id },
  style: { get: (t: TableState) => t.style, set: (t: TableState, v, wb) => { wb._guard(t.sheet); t.style = str(v); } },
  showBandedRows: bool("showBandedRows"),
  showBandedColumns: bool("showBandedColumns"),
  showFilterButton: bool("showFilterButton"),
  showHeaders: { get: () => true },
  showTotals: { get: (t: TableState) => t.showTotals, set: (t: TableState, v, wb) => { wb._guard(t.sheet); wb._setTotals(t, !!v); } },
}, ["worksheet", "rows", "columns", "autoFilter"]);

/** Table.autoFilter (ExcelApi 1.9): `enabled` while the table shows filter buttons or is filtered. */
class AutoFilterP extends P {}
def(AutoFilterP, "AutoFilter", {
  enabled: { get: (t: TableState) => t.showFilterButton || t.filter !== undefined },
  isDataFiltered: { get: (t: TableState) => t.filter !== undefined },
});
defColl(TablesP, "TableCollection", TableP,
  (b: { sheet?: FakeSheet }, wb) => wb.tableStates.filter((t) => !b.sheet || t.sheet === b.sheet),
  (b: { sheet?: FakeSheet }, key, wb) => wb._table(key, b.sheet));

class TableRowsP extends P {
  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this._ctx.queue({ kind: "load", json: { call: "TableRowCollection.getCount" }, run: (reply) => {
      const t = this._live();
      const n = t === NULL ? 0 : bodyArea(t).r1 - t.area.r0;
      reply.data.push(n);
      reply.commits.push(() => { result._v = n; result._ok = true; });
    } });
    return result;
  }
}
def(TableRowsP, "TableRowCollection", { count: { get: (t: TableState) => bodyArea(t).r1 - t.area.r0 } });

interface ColRef { table: TableState; index: number }
const colArea = (b: ColRef, wb: FakeWorkbook): Area => {
  if (b.index >= wb._headers(b.table).length) fail("ItemNotFound", "The table column no longer exists.");
  return { ...b.table.area, c0: b.table.area.c0 + b.index, c1: b.table.area.c0 + b.index };
};
class TableColumnP extends P {
  getRange(): RangeP { return this._nav(RangeP, "getRange", [], (b: ColRef) => ({ sheet: b.table.sheet, ...colArea(b, this._ctx.wb) })); }
  getHeaderRowRange(): RangeP { return this._nav(RangeP, "getHeaderRowRange", [], (b: ColRef) => ({ sheet: b.table.sheet, ...headerArea(colArea(b, this._ctx.wb)) })); }
  getDataBodyRange(): RangeP {
    return this._nav(RangeP, "getDataBodyRange", [], (b: ColRef) => { const a = colArea(b, this._ctx.wb); return { sheet: b.table.sheet, ...a, r0: a.r0 + 1, r1: bodyArea(b.table).r1 }; });
  }
}
def(TableColumnP, "TableColumn", {
  name: {
    get: (b: ColRef, wb) => { colArea(b, wb); return wb._headers(b.table)[b.index]; },
    set: (b: ColRef, v, wb) => wb._write({ sheet: b.table.sheet, ...headerArea(colArea(b, wb)) }, "values", [[v]]),
  },
  index: { get: (b: ColRef) => b.index },
  id: { get: (b: ColRef) => b.index + 1 },
});
class TableColumnsP extends CollP {
  getItemAt(index: number): TableColumnP {
    return this._nav(TableColumnP, "getItemAt", [index], (t: TableState) =>
      Number.isInteger(index) && index >= 0 && index < this._ctx.wb._headers(t).length ? { table: t, index } : fail("ItemNotFound", `No column at index ${index}.`));
  }
}
defColl(TableColumnsP, "TableColumnCollection", TableColumnP,
  (t: TableState, wb) => wb._headers(t).map((_h, index) => ({ table: t, index })),
  (t: TableState, key, wb) => {
    const index = wb._headers(t).findIndex((h, i) => h.toLowerCase() === String(key).toLowerCase() || String(i + 1) === String(key));
    return index < 0 ? undefined : { table: t, index };
  });

class RangeP extends P {
  get format(): RangeFormatP { return this._kid(RangeFormatP, "format"); }
  get worksheet(): WorksheetP { return this._kid(WorksheetP, "worksheet", (b: RangeRef) => b.sheet); }
  private area(name: string, args: unknown[], f: (b: RangeRef) => Area): RangeP {
    return this._nav(RangeP, name, args, (b: RangeRef) => refOf(b.sheet, f(b)));
  }
  getCell(row: number, column: number): RangeP { return this.area("getCell", [row, column], (b) => ({ r0: b.r0 + row, c0: b.c0 + column, r1: b.r0 + row, c1: b.c0 + column })); }
  getRow(row: number): RangeP { return this.area("getRow", [row], (b) => ({ ...b, r0: b.r0 + row, r1: b.r0 + row })); }
  getColumn(column: number): RangeP { return this.area("getColumn", [column], (b) => ({ ...b, c0: b.c0 + column, c1: b.c0 + column })); }
  getLastRow(): RangeP { return this.area("getLastRow", [], (b) => ({ ...b, r0: b.r1 })); }
  getRowsBelow(count = 1): RangeP { return this.area("getRowsBelow", [count], (b) => ({ ...b, r0: b.r1 + 1, r1: b.r1 + count })); }
  getRowsAbove(count = 1): RangeP { return this.area("getRowsAbove", [count], (b) => ({ ...b, r0: b.r0 - count, r1: b.r0 - 1 })); }
  getColumnsAfter(count = 1): RangeP { return this.area("getColumnsAfter", [count], (b) => ({ ...b, c0: b.c1 + 1, c1: b.c1 + count })); }
  getColumnsBefore(count = 1): RangeP { return this.area("getColumnsBefore", [count], (b) => ({ ...b, c0: b.c0 - count, c1: b.c0 - 1 })); }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeP {
    return this.area("getResizedRange", [deltaRows, deltaColumns], (b) => ({ ...b, r1: b.r1 + deltaRows, c1: b.c1 + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeP {
    return this.area("getOffsetRange", [rowOffset, columnOffset], (b) => ({ r0: b.r0 + rowOffset, c0: b.c0 + columnOffset, r1: b.r1 + rowOffset, c1: b.c1 + columnOffset }));
  }
  getBoundingRect(other: string | RangeP): RangeP {
    return this.area("getBoundingRect", [other], (b) => {
      const o: RangeRef | typeof NULL = other instanceof RangeP ? other._live() : this._ctx.wb._rangeOn(b.sheet, other);
      if (o === NULL || o.sheet !== b.sheet) badArg("getBoundingRect needs a range on the same worksheet.");
      const r = o as RangeRef;
      return { r0: Math.min(b.r0, r.r0), c0: Math.min(b.c0, r.c0), r1: Math.max(b.r1, r.r1), c1: Math.max(b.c1, r.c1) };
    });
  }
  clear(applyTo?: string): void { this._call("clear", [applyTo ?? "All"], (b: RangeRef) => this._ctx.wb._clear(b, applyTo)); }
  select(): void { this._call("select", [], (b: RangeRef) => { this._ctx.wb.selection = { ...b }; this._ctx.wb.activeSheet = b.sheet; }); }
}
def(RangeP, "Range", {
  address: { get: (b: RangeRef) => fullAddress(b) },
  addressLocal: { get: (b: RangeRef) => fullAddress(b) },
  values: { get: (b: RangeRef, wb) => grid(b, (r, c) => wb._value(b.sheet, r, c)), set: (b, v, wb) => wb._write(b, "values", v) },
  formulas: {
    get: (b: RangeRef) => grid(b, (r, c) => { const x = b.sheet.get(r, c); return x.formula.startsWith("=") ? x.formula : x.value; }),
    set: (b, v, wb) => wb._write(b, "formulas", v),
  },
  numberFormat: { get: (b: RangeRef) => grid(b, (r, c) => b.sheet.get(r, c).numberFormat), set: (b, v, wb) => wb._write(b, "numberFormat", v) },
  valuesAsJson: {
    get: (b: RangeRef, wb) => grid(b, (r, c) => wb._json(b.sheet, r, c)),
    set: (b, v, wb) => wb._write(b, "valuesAsJson", v),
    need: (wb) => wb._needDataTypes(),
  },
  text: { get: (b: RangeRef, wb) => grid(b, (r, c) => wb._text(b.sheet, r, c)) },
  valueTypes: { get: (b: RangeRef, wb) => grid(b, (r, c) => valueType(wb._value(b.sheet, r, c))) },
  rowCount: { get: (b: RangeRef) => b.r1 - b.r0 + 1 },
  columnCount: { get: (b: RangeRef) => b.c1 - b.c0 + 1 },
  cellCount: { get: (b: RangeRef) => (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1) },
  rowIndex: { get: (b: RangeRef) => b.r0 },
  /** ExcelApi 1.2: true when every row is hidden, false when none is, null when some are. */
  rowHidden: {
    get: (b: RangeRef) => {
      let hidden = 0;
      for (let r = b.r0; r <= b.r1; r++) if (b.sheet.hiddenRows.has(r)) hidden++;
      return hidden === 0 ? false : hidden === b.r1 - b.r0 + 1 ? true : null;
    },
  },
  columnIndex: { get: (b: RangeRef) => b.c0 },
}, ["format", "worksheet"]);

class RangeFormatP extends P {
  get font(): FontP { return this._kid(FontP, "font"); }
  get fill(): FillP { return this._kid(FillP, "fill"); }
  autofitColumns(): void { this._call("autofitColumns", [], (b: RangeRef) => this._ctx.wb._autofit(b)); }
  autofitRows(): void { this._call("autofitRows", [], (b: RangeRef) => this._ctx.wb._guard(b.sheet)); }
}
def(RangeFormatP, "RangeFormat", {
  columnWidth: {
    get: (b: RangeRef) => uniform(grid({ ...b, r1: b.r0 }, (_r, c) => b.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH)[0]),
    set: (b: RangeRef, v, wb) => wb._setColumnWidth(b, v),
  },
  wrapText: fmtProp("wrapText", false),
  horizontalAlignment: fmtProp("horizontalAlignment", "General"),
  verticalAlignment: fmtProp("verticalAlignment", "Bottom"),
}, ["font", "fill"]);

class FontP extends P {}
def(FontP, "RangeFont", {
  bold: fmtProp("bold", false), italic: fmtProp("italic", false), color: fmtProp("color", "#000000"),
  size: fmtProp("size", 11), name: fmtProp("fontName", "Calibri"),
});
class FillP extends P {
  clear(): void { this._call("clear", [], (b: RangeRef) => this._ctx.wb._format(b, "fill", undefined)); }
}
def(FillP, "RangeFill", { color: fmtProp("fill", "#FFFFFF") });

interface ChartRef { sheet: FakeSheet; chart: ChartRecord }
const chartProp = (key: "name" | "type" | "title" | "top" | "left" | "width" | "height", num = false): Prop => ({
  get: (b: ChartRef) => b.chart[key],
  set: (b: ChartRef, v, wb) => {
    wb._guard(b.sheet);
    if (num && typeof v !== "number") badArg(`Chart.${key} must be a number.`);
    Object.assign(b.chart, { [key]: num ? v : str(v) });
  },
});
class ChartsP extends CollP {
  add(type: string, sourceData: RangeP, seriesBy?: string): ChartP {
    return this._nav(ChartP, "add", [type, sourceData, seriesBy ?? "Auto"], (s: FakeSheet) => {
      const src = sourceData instanceof RangeP ? sourceData._live() : badArg("charts.add needs a Range as its source.");
      return src === NULL ? badArg("Cannot chart a null range.") : this._ctx.wb._addChart(s, type, src, seriesBy);
    }, "write");
  }
}
class ChartP extends P {
  get title(): ChartTitleP { return this._kid(ChartTitleP, "title"); }
  setPosition(startCell: string | RangeP, endCell?: string | RangeP): void {
    this._call("setPosition", [startCell, endCell ?? null], (b: ChartRef) => {
      this._ctx.wb._guard(b.sheet);
      const at = (x: string | RangeP): string => a1(x instanceof RangeP ? x._live() : this._ctx.wb._rangeOn(b.sheet, x));
      b.chart.startCell = at(startCell);
      b.chart.endCell = endCell === undefined ? undefined : at(endCell);
    });
  }
  delete(): void {
    this._call("delete", [], (b: ChartRef) => { this._ctx.wb._guard(b.sheet); b.sheet.charts.splice(b.sheet.charts.indexOf(b.chart), 1); b.chart.deleted = true; });
  }
}
def(ChartP, "Chart", {
  name: chartProp("name"), chartType: chartProp("type"), id: { get: (b: ChartRef) => b.chart.id },
  top: chartProp("top", true), left: chartProp("left", true), width: chartProp("width", true), height: chartProp("height", true),
}, ["title"]);
class ChartTitleP extends P {}
def(ChartTitleP, "ChartTitle", { text: chartProp("title"), visible: { get: (b: ChartRef) => b.chart.title !== "" } });
defColl(ChartsP, "ChartCollection", ChartP, (s: FakeSheet) => s.charts.map((chart) => ({ sheet: s, chart })), (s: FakeSheet, key) => {
  const chart = s.charts.find((c) => c.name.toLowerCase() === String(key).toLowerCase() || c.id === key);
  return chart && { sheet: s, chart };
});

class DocPropsP extends P {
  get custom(): CustomPropsP { return this._kid(CustomPropsP, "custom"); }
}
def(DocPropsP, "DocumentProperties", {}, ["custom"]);
class CustomPropsP extends CollP {
  /** Upserts: an existing key (case-insensitive) gets the new value. */
  add(key: string, value: unknown): CustomPropP { return this._nav(CustomPropP, "add", [key, value], (wb: FakeWorkbook) => wb._setProp(key, value), "write"); }
  deleteAll(): void { this._call("deleteAll", [], (wb: FakeWorkbook) => { wb.customProps.forEach((p) => { p.deleted = true; }); wb.customProps.clear(); }); }
}
class CustomPropP extends P {
  delete(): void { this._call("delete", [], (p: PropRecord) => { this._ctx.wb.customProps.delete(p.key.toLowerCase()); p.deleted = true; }); }
}
def(CustomPropP, "CustomProperty", {
  key: { get: (p: PropRecord) => p.key },
  value: { get: (p: PropRecord) => p.value, set: (p: PropRecord, v, wb) => wb._setProp(p.key, v) },
  type: { get: (p: PropRecord) => (p.value instanceof Date ? "Date" : typeof p.value === "number" ? (Number.isInteger(p.value) ? "Number" : "Float") : typeof p.value === "boolean" ? "Boolean" : "String") },
});
defColl(CustomPropsP, "CustomPropertyCollection", CustomPropP, (wb: FakeWorkbook) => [...wb.customProps.values()],
  (wb: FakeWorkbook, key) => wb.customProps.get(String(key).toLowerCase()));

// ---------------------------------------------------------------- installation

/** Office.js string enums: Excel.ChartType.columnClustered === "ColumnClustered", etc. */
const stringEnum = (): Record<string, string> =>
  new Proxy({}, { get: (_t, k) => (typeof k === "string" && /^[a-z]/.test(k) ? k.charAt(0).toUpperCase() + k.slice(1) : undefined) });
const ENUMS = ["CellValueType", "RangeValueType", "ChartType", "ChartSeriesBy", "ClearApplyTo", "HorizontalAlignment", "VerticalAlignment", "ErrorCodes", "DocumentPropertyType", "SheetVisibility", "CalculationType", "BuiltInTableStyle"];

/** Sets globalThis.Excel (and OfficeExtension) to the fake over `wb`; uninstall() restores them. */
export function installFakeExcel(wb: FakeWorkbook): FakeExcelHandle {
  const g = globalThis as any;
  const prev = { Excel: g.Excel, OfficeExtension: g.OfficeExtension };
  const handle: FakeExcelHandle = {
    syncCount: 0,
    requests: [],
    maxRequestBytes: 0,
    responses: [],
    maxResponseBytes: 0,
    resetCounters() {
      handle.syncCount = 0;
      handle.requests.length = 0;
      handle.maxRequestBytes = 0;
      handle.responses.length = 0;
      handle.maxResponseBytes = 0;
    },
    uninstall() {
      for (const k of ["Excel", "OfficeExtension"] as const) {
        if (prev[k] === undefined) delete g[k];
        else g[k] = prev[k];
      }
    },
  };
  /** Fresh context per run; pending operations are synced when the batch's promise resolves. */
  async function run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1];
    if (typeof batch !== "function") return badArg("Excel.run needs a batch function.");
    const ctx = new Ctx(handle, wb);
    try {
      const ret = batch(ctx);
      if (!ret || typeof ret.then !== "function") fail("RunMustReturnPromise", 'The batch function passed to the ".run" method didn\'t return a promise.');
      const result = (await ret) as T;
      if (ctx.ops.some((o) => o.kind !== "nav")) await ctx.sync();
      return result;
    } finally {
      ctx.closed = true;
    }
  }
  g.Excel = { run, ...Object.fromEntries(ENUMS.map((e) => [e, stringEnum()])) };
  g.OfficeExtension = { Error: FakeExcelError, ErrorCodes: stringEnum() };
  return handle;
}
