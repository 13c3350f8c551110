/**
 * The workbook's record of what the add-in last wrote into each dataset cell: a 48-bit fingerprint per cell
 * (8 characters), keyed by table, row key and column header, so that sorting rows, moving columns and renaming
 * sheets do not confuse it. Refresh compares a cell's content with its fingerprint to tell an analyst's edit
 * from a figure the add-in wrote; a cell the analyst wrote is marked as theirs at the first refresh that finds
 * it, and stays theirs until they choose Overwrite (see README, "An analyst's edits survive refresh").
 *
 * Layout on the add-in's very hidden record sheet (own-sheets.ts, `IoMT record` unless an analyst's sheet has that
 * name): one column per IoMT table (in section order); row 1 holds "table|rows|v3", row 2 the column headers
 * (JSON), then one row per table row: "rowKey|fingerprints". Records written by earlier versions ("table|rows|v2",
 * the same rows; "table|rows", 4-character fingerprints of 24 bits) are still read.
 *
 * The table's summary: where every row of the table is the record's and every recorded cell holds what the add-in
 * wrote (no cell the analyst's, none unrecorded), row 1 is "table|rows|v3|digest", a 96-bit digest of the record
 * (`recordDigest`). Refresh then reads the cells first: when the record it makes of them (`recordOfCells`) has that
 * digest, every cell holds what the add-in wrote and the record's rows need not be read. A summary that does not
 * validate, or does not match, only means that the record's rows are read. Earlier versions refuse a "v3" head and
 * treat the table as having no record (every difference kept as an edit), the safe side.
 *
 * Everything read back is untrusted: a record that does not validate (a count that is no whole number a table
 * could have, another table's name, damaged headers or fingerprints) is refused with a reason, and refresh then
 * treats the table as having no record: every difference from the dataset is kept as an edit.
 */
import {
  entityMeaning,
  formatAddress,
  canonicalFormula,
  cellInput,
  excelNumber,
  ownSheetOps,
  type PlanCell,
  type WriteOp,
} from "../excel";
import { SECTIONS } from "../plan";
import { nameKey } from "../../data/keys";
import { isBlank } from "../../lib/blank";

/** Rows above a table's record: "table|rows|v3" and the headers. */
export const RECORD_HEAD_ROWS = 2;
/** Rows and columns of a worksheet, and characters of a cell ("Excel specifications and limits"). */
const EXCEL_ROWS = 1048576;
const EXCEL_COLUMNS = 16384;
const CELL_CHARS = 32767;
/** Characters of a fingerprint: 8 now (48 bits), 4 in records of earlier versions (24 bits). */
const WIDTH = 8;
const LEGACY_WIDTH = 4;
const FORMAT = "v3";
/** The format of records written by the previous version: the same rows, no summary. */
const PREVIOUS_FORMAT = "v2";
/** Characters of a summary's digest: 96 bits. */
const DIGEST_WIDTH = 16;
const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DIGIT_SET = new Set(DIGITS);
/**
 * In the record, a cell the analyst wrote (a refresh kept their edit, or found it changed to the dataset's own
 * figure): theirs, whatever it holds, until they choose Overwrite.
 */
export const ANALYSTS = "!";
const NOT_RECORDED = ".";

/** A cell's content as Excel stores it, in one string: numbers to 15 digits, formulas in one spelling. */
function canonicalCell(x: unknown, tableName: string): string {
  if (isBlank(x)) return "e";
  if (typeof x === "number") return `n${excelNumber(x)}`;
  if (typeof x === "boolean") return `b${x}`;
  const s = String(x);
  return s.startsWith("=") ? `f${canonicalFormula(s, tableName)}` : `s${s}`;
}

/** 24 bits as 4 characters, 6 bits each, lowest first. */
const digits24 = (h: number): string => {
  let out = "";
  for (let k = 0; k < 4; k++) out += DIGITS[(h >>> (6 * k)) & 63];
  return out;
};

/** The fingerprint of records written by earlier versions: 24 bits of FNV-1a, as 4 characters. */
export function legacyFingerprint(x: unknown, tableName: string): string {
  let h = 0x811c9dc5;
  const s = canonicalCell(x, tableName);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return digits24(h);
}

/**
 * 48 bits of cyrb53 (bryc, public domain: github.com/bryc/code, jshash/experimental/cyrb53.js) over the
 * canonical content, as 8 characters: two 32-bit multiply-xor lanes mixed at the end, so that each output bit
 * depends on every input character. Finding a value with the same fingerprint as a given one by trying values
 * takes about 2^47 tries (the 24 bits before took 2^23, about a minute).
 */
export function fingerprint(x: unknown, tableName: string): string {
  // a formula column holds one formula in every row: its fingerprint is worked out once
  if (typeof x !== "string" || !x.startsWith("=")) return fingerprintOf(canonicalCell(x, tableName));
  let known = formulaPrints.get(tableName);
  if (!known || known.size >= FORMULA_PRINTS) formulaPrints.set(tableName, (known = new Map()));
  let print = known.get(x);
  if (print === undefined) known.set(x, (print = fingerprintOf(canonicalCell(x, tableName))));
  return print;
}

/** Fingerprints of formulas worked out before, per table; forgotten past a bound. */
const formulaPrints = new Map<string, Map<string, string>>();
const FORMULA_PRINTS = 4096;

function fingerprintOf(s: string): string {
  const lanes = new Cyrb53(0);
  lanes.add(s);
  return lanes.digits();
}

/** cyrb53's two lanes, fed string by string, with a seed (0 is the fingerprint's). */
class Cyrb53 {
  private h1: number;
  private h2: number;
  constructor(seed: number) {
    this.h1 = 0xdeadbeef ^ seed;
    this.h2 = 0x41c6ce57 ^ seed;
  }
  add(s: string): void {
    let { h1, h2 } = this;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }
  /** 48 bits of the mixed lanes, as 8 characters. */
  digits(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return digits24(h1 & 0xffffff) + digits24(((h1 >>> 24) | ((h2 & 0xffff) << 8)) & 0xffffff);
  }
}

/** The fingerprint of a data type as written, by meaning (core/excel `entityMeaning`, as refresh compares cards). */
export function cardFingerprint(card: unknown): string | undefined {
  if (card === null || typeof card !== "object") return undefined;
  let print = cardPrints.get(card);
  if (print === undefined) {
    const meaning = entityMeaning(card);
    if (meaning === undefined) return undefined;
    cardPrints.set(card, (print = fingerprintOf(`c${meaning}`)));
  }
  return print;
}
const cardPrints = new WeakMap<object, string>();

/**
 * Whether a cell still holds what the add-in wrote there, by its recorded fingerprint (of either width); never
 * for a cell marked as the analyst's.
 */
export function holdsRecorded(recorded: string, x: unknown, tableName: string): boolean {
  if (recorded.length === WIDTH) return fingerprint(x, tableName) === recorded;
  if (recorded.length === LEGACY_WIDTH) return legacyFingerprint(x, tableName) === recorded;
  return false;
}

/**
 * A table's record: per row key, per column header, the fingerprint of what the add-in wrote, or `ANALYSTS`
 * for a cell that is the analyst's.
 */
export type TableRecord = Map<string, Map<string, string>>;

/** Row keys worked out before (a refresh asks for each row's key once per cell); forgotten past a bound. */
const rowKeys = new Map<string, string>();
const ROW_KEYS = 1 << 16;

export function rowKeyOf(key: unknown): string {
  const s = String(key ?? "");
  let k = rowKeys.get(s);
  if (k === undefined) {
    if (rowKeys.size >= ROW_KEYS) rowKeys.clear();
    rowKeys.set(s, (k = nameKey(s)));
  }
  return k;
}

/**
 * The record of a table as the add-in writes it from its plan rows; `cardOf` gives the data type written into a
 * row's key cell, whose fingerprint is then the key's (`cardFingerprint`), where the key cells hold full cards.
 */
export function recordOfRows(
  tableName: string,
  headers: readonly string[],
  rows: readonly (readonly PlanCell[])[],
  cardOf?: (row: readonly PlanCell[]) => unknown,
): TableRecord {
  return new Map(
    rows.map((row) => {
      const card = cardOf && cardFingerprint(cardOf(row));
      return [
        rowKeyOf(row[0]),
        new Map(headers.map((h, j) => [h, (j === 0 && card) || fingerprint(row[j], tableName)])),
      ];
    }),
  );
}

/** A separator no fingerprint, row key or header's JSON holds as it is fed to the digest. */
const SEPARATOR = "\u0000";

/**
 * The summary's digest of a table's record: 96 bits (two cyrb53 of other seeds) over the table's name, its headers
 * (sorted) and every row (sorted by key) with its fingerprints, header by header: the same whatever the order of the
 * table's rows and columns. Undefined when a cell of the record is the analyst's or unrecorded: there is no summary.
 */
export function recordDigest(tableName: string, record: TableRecord): string | undefined {
  const headers = [...new Set([...record.values()].flatMap((r) => [...r.keys()]))].sort();
  const lanes = [new Cyrb53(0x5eed), new Cyrb53(0xcafe)];
  const add = (s: string) => lanes.forEach((l) => (l.add(s), l.add(SEPARATOR)));
  add(tableName.toLowerCase());
  add(JSON.stringify(headers));
  for (const key of [...record.keys()].sort()) {
    add(key);
    const row = record.get(key)!;
    for (const h of headers) {
      const print = row.get(h);
      if (print === undefined || print.length !== WIDTH || print === ANALYSTS) return undefined;
      lanes.forEach((l) => l.add(print));
    }
  }
  return lanes.map((l) => l.digits()).join("");
}

/** What the add-in reads of a table's cells, to make the record they would have if every one held its writing. */
export interface CellsOfTable {
  /** the table's headers, as its header row has them */
  headers: readonly string[];
  /** `Range.formulas` of the body */
  body: readonly (readonly unknown[])[];
  /** the key column's text, where it was read */
  keyText?: readonly string[];
  /** the fingerprint of the data type a row's key cell is taken to hold (see README), else undefined */
  keyCard?: (row: number) => string | undefined;
}

/**
 * The record the table's cells would have if each held what the add-in wrote there: each row by its key, each of
 * `headers` (the plan's) with the fingerprint of what it holds. Undefined when a header is missing, or a row's key
 * is blank or repeated (no record the add-in wrote has such rows).
 */
export function recordOfCells(
  tableName: string,
  headers: readonly string[],
  cells: CellsOfTable,
): TableRecord | undefined {
  const positions = headers.map((h) => cells.headers.findIndex((x) => x.trim().toLowerCase() === h.toLowerCase()));
  if (positions.some((p) => p < 0)) return undefined;
  const record: TableRecord = new Map();
  for (let i = 0; i < cells.body.length; i++) {
    const row = cells.body[i];
    const key = rowKeyOf(cells.keyText?.[i] ?? row[positions[0]]);
    if (!key || record.has(key)) return undefined;
    const card = cells.keyCard?.(i);
    record.set(
      key,
      new Map(
        headers.map((h, j) => [
          h,
          // the key cell is never written over: its text stands for it (a data type's formula is #VALUE!)
          j === 0
            ? (card ?? fingerprint(cells.keyText?.[i] ?? row[positions[0]], tableName))
            : fingerprint(row[positions[j]], tableName),
        ]),
      ),
    );
  }
  return record;
}

/** A recorded state as the record's cells spell it: a fingerprint, or a row of dots or of "!" as wide as one. */
const slot = (state: string | undefined): string =>
  state === undefined ? NOT_RECORDED.repeat(WIDTH) : state === ANALYSTS ? ANALYSTS.repeat(WIDTH) : state;

/**
 * The cells of one table's record column, top to bottom. `covers`: every row of the table is one of the record's
 * (none the analyst's, none empty); the head then carries the summary, where every cell is recorded as the add-in's.
 */
export function formatRecord(tableName: string, record: TableRecord, covers = false): string[] {
  const headers = [...new Set([...record.values()].flatMap((r) => [...r.keys()]))];
  const lines = [...record].map(([key, cells]) => `${key}|${headers.map((h) => slot(cells.get(h))).join("")}`);
  const digest = covers ? recordDigest(tableName, record) : undefined;
  const head = `${tableName}|${lines.length}|${FORMAT}${digest ? `|${digest}` : ""}`;
  return [head, JSON.stringify(headers), ...lines];
}

/**
 * What a record column's head says: how many rows follow it, in which format and, where it validates, the summary's
 * digest; or why it is refused.
 */
export type RecordHead = { rows: number; legacy: boolean; summary?: string } | { refused: string };

/** A record read back: the record, or why it was refused. */
export type RecordRead = { record: TableRecord } | { refused: string };

/** A value read back from the workbook, short enough to quote in a message. */
const quote = (s: string): string => `"${s.length > 24 ? `${s.slice(0, 24)}…` : s}"`;

const KNOWN_TABLES = new Set(SECTIONS.map((s) => s.tableName.toLowerCase()));

/**
 * Reads the head of a table's record column ("table|rows|v3" with or without "|digest", or "table|rows|v2" and
 * "table|rows" from earlier versions):
 * undefined when the cell is empty (no record), a refusal when it is not a head the add-in wrote for this table
 * or its count is not a whole number of rows this table could have: at most `maxRows` (the table's rows and the
 * dataset's together: the record holds one row per dataset row the table showed), and what a worksheet holds.
 */
export function readRecordHead(head: unknown, tableName: string, maxRows: number): RecordHead | undefined {
  if (isBlank(head)) return undefined;
  if (typeof head !== "string" || head.length > CELL_CHARS)
    return { refused: "its first cell is not a record's heading" };
  const parts = head.split("|");
  const name = parts[0];
  if (!KNOWN_TABLES.has(name.toLowerCase()))
    return { refused: `it names a table the add-in does not know (${quote(name)})` };
  if (name.toLowerCase() !== tableName.toLowerCase()) return { refused: `it names another table (${quote(name)})` };
  const format = parts[2];
  if (
    parts.length < 2 ||
    parts.length > 4 ||
    (parts.length === 3 && format !== FORMAT && format !== PREVIOUS_FORMAT) ||
    (parts.length === 4 && format !== FORMAT)
  )
    return { refused: "its first cell is not a record's heading" };
  const count = parts[1];
  if (!/^\d+$/.test(count) || (count.length > 1 && count.startsWith("0")))
    return { refused: `its count of rows (${quote(count)}) is not a whole number` };
  const rows = count.length > 7 ? Infinity : Number(count);
  if (rows > EXCEL_ROWS - RECORD_HEAD_ROWS)
    return { refused: `its count of rows (${quote(count)}) is more than a worksheet holds` };
  if (rows > maxRows)
    return {
      refused: `its count of rows (${count}) is more than the table and the dataset have together (${maxRows})`,
    };
  // a summary that does not validate is no summary: the record's rows are read
  const digest = parts[3];
  const summary =
    digest !== undefined && digest.length === DIGEST_WIDTH && [...digest].every((ch) => DIGIT_SET.has(ch))
      ? digest
      : undefined;
  return { rows, legacy: parts.length === 2, ...(summary ? { summary } : {}) };
}

/** The column headers of a record: a JSON array of distinct strings, in one cell. */
function readHeaders(cell: unknown): string[] | undefined {
  if (typeof cell !== "string" || cell.length > CELL_CHARS) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length > EXCEL_COLUMNS || !parsed.every((h) => typeof h === "string"))
    return undefined;
  const headers = parsed as string[];
  return new Set(headers).size === headers.length ? headers : undefined;
}

/** One record row's fingerprints, header by header, or undefined when the row is damaged. */
function readLine(line: unknown, headers: readonly string[], width: number): [string, Map<string, string>] | undefined {
  if (typeof line !== "string" || line.length > CELL_CHARS) return undefined;
  const bar = line.indexOf("|");
  if (bar < 0) return undefined;
  const key = line.slice(0, bar);
  const prints = line.slice(bar + 1);
  // a row key is a name's matching key: letters and digits only
  if (rowKeyOf(key) !== key || prints.length !== headers.length * width) return undefined;
  const row = new Map<string, string>();
  for (let j = 0; j < headers.length; j++) {
    const f = prints.slice(j * width, (j + 1) * width);
    if (f === NOT_RECORDED.repeat(width)) continue;
    if (width === WIDTH && f === ANALYSTS.repeat(width)) row.set(headers[j], ANALYSTS);
    else if ([...f].every((ch) => DIGIT_SET.has(ch))) row.set(headers[j], f);
    else return undefined;
  }
  return [key, row];
}

/**
 * Reads a record column back (its head, its headers and as many rows as the head counts), or says why it is
 * refused: anything malformed refuses the whole record of the table, never part of it.
 */
export function parseRecord(
  cells: readonly unknown[],
  tableName: string,
  maxRows = EXCEL_ROWS - RECORD_HEAD_ROWS,
): RecordRead {
  const head = readRecordHead(cells[0], tableName, maxRows);
  if (!head) return { refused: "its first cell is empty" };
  if ("refused" in head) return head;
  if (cells.length < RECORD_HEAD_ROWS + head.rows) return { refused: "it has fewer rows than its count says" };
  const headers = readHeaders(cells[1]);
  if (!headers) return { refused: "its list of column headers is damaged" };
  const record: TableRecord = new Map();
  for (let i = 0; i < head.rows; i++) {
    const line = readLine(cells[RECORD_HEAD_ROWS + i], headers, head.legacy ? LEGACY_WIDTH : WIDTH);
    if (!line || record.has(line[0])) return { refused: `its row ${i + 1} is damaged` };
    record.set(line[0], line[1]);
  }
  return { record };
}

export function sameRecord(a: TableRecord | undefined, b: TableRecord): boolean {
  if (!a || a.size !== b.size) return false;
  for (const [key, row] of b) {
    const other = a.get(key);
    if (!other || other.size !== row.size) return false;
    for (const [h, f] of row) if (other.get(h) !== f) return false;
  }
  return true;
}

/** The record sheet's column of a table (its place among the sections), or -1. */
export const recordColumn = (tableName: string): number =>
  SECTIONS.findIndex((s) => s.tableName.toLowerCase() === tableName.toLowerCase());

/** The address of a record column's head (its first two rows), for every table: "A1:I2". */
export const RECORD_HEADS = formatAddress({ row: 0, column: 0, rows: RECORD_HEAD_ROWS, columns: SECTIONS.length });

/**
 * Writes a table's record column on the record sheet (adding the very hidden, marked sheet first when it does not
 * exist); rows of a longer record before are emptied. Record cells are text: written with an apostrophe so Excel
 * keeps them so. `covers`: the table holds the record's rows and no other (so after an insert), so that the head
 * may carry the summary.
 */
export function recordWrites(
  tableName: string,
  record: TableRecord,
  oldLength: number,
  sheet: { name: string; exists: boolean },
  covers = true,
): WriteOp[] {
  const column = recordColumn(tableName);
  if (column < 0) return [];
  const cells = formatRecord(tableName, record, covers);
  const total = Math.max(cells.length, oldLength + RECORD_HEAD_ROWS);
  const formulas = Array.from({ length: total }, (_, i) => [i < cells.length ? cellInput(cells[i], "General") : ""]);
  const ops: WriteOp[] = sheet.exists ? [] : ownSheetOps("record", sheet.name);
  ops.push({
    kind: "cells",
    table: sheet.name,
    sheet: sheet.name,
    address: formatAddress({ row: 0, column, rows: total, columns: 1 }),
    formulas,
  });
  return ops;
}
