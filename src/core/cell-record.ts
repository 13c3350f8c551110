/**
 * The workbook's record of what the add-in last wrote into each dataset cell: a 4-character fingerprint per
 * cell, keyed by table, row key and column header, so that sorting rows, moving columns and renaming sheets
 * do not confuse it. Refresh compares a cell's content with its fingerprint to tell an analyst's edit from a
 * figure the add-in wrote (see README, "An analyst's edits survive refresh").
 *
 * Layout on the add-in's very hidden record sheet (own-sheets.ts, `IoMT record` unless an analyst's sheet has that
 * name): one column per IoMT table (in section order); row 1 holds "table|rows", row 2 the column headers (JSON),
 * then one row per table row: "rowKey|fingerprints".
 */
import { formatAddress } from "./a1";
import { canonicalFormula, cellInput, excelNumber } from "./cell-compare";
import { ownSheetOps } from "./own-sheets";
import { SECTIONS, type PlanCell } from "./plan";
import type { WriteOp } from "./write-batches";
import { nameKey } from "../data/keys";

/** Rows above a table's record: "table|rows" and the headers. */
export const RECORD_HEAD_ROWS = 2;
const WIDTH = 4;
const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A cell's content as Excel stores it, in one string: numbers to 15 digits, formulas in one spelling. */
export function canonicalCell(x: unknown, tableName: string): string {
  if (x === "" || x === null || x === undefined) return "e";
  if (typeof x === "number") return `n${excelNumber(x)}`;
  if (typeof x === "boolean") return `b${x}`;
  const s = String(x);
  return s.startsWith("=") ? `f${canonicalFormula(s, tableName)}` : `s${s}`;
}

/** 24 bits of FNV-1a over the canonical content, as 4 characters. */
export function fingerprint(x: unknown, tableName: string): string {
  let h = 0x811c9dc5;
  const s = canonicalCell(x, tableName);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = "";
  for (let k = 0; k < WIDTH; k++) out += DIGITS[(h >>> (6 * k)) & 63];
  return out;
}

/** A table's record: per row key, per column header, the fingerprint of what the add-in wrote. */
export type TableRecord = Map<string, Map<string, string>>;

export const rowKeyOf = (key: unknown): string => nameKey(String(key ?? ""));

/** The record of a table as the add-in writes it from its plan rows. */
export function recordOfRows(
  tableName: string,
  headers: readonly string[],
  rows: readonly (readonly PlanCell[])[],
): TableRecord {
  return new Map(
    rows.map((row) => [rowKeyOf(row[0]), new Map(headers.map((h, j) => [h, fingerprint(row[j], tableName)]))]),
  );
}

/** The cells of one table's record column, top to bottom. */
export function formatRecord(tableName: string, record: TableRecord): string[] {
  const headers = [...new Set([...record.values()].flatMap((r) => [...r.keys()]))];
  const lines = [...record].map(([key, cells]) => `${key}|${headers.map((h) => cells.get(h) ?? "....").join("")}`);
  return [`${tableName}|${lines.length}`, JSON.stringify(headers), ...lines];
}

/** How many record rows follow the head of a record column ("table|rows"), or 0. */
export function recordLength(head: unknown): number {
  const m = /\|(\d+)$/.exec(String(head ?? ""));
  return m ? Number(m[1]) : 0;
}

/** Reads a record column back; malformed parts are skipped (a cell without a fingerprint counts as not recorded). */
export function parseRecord(cells: readonly unknown[]): TableRecord {
  const record: TableRecord = new Map();
  let headers: string[] = [];
  try {
    const parsed = JSON.parse(String(cells[1] ?? "[]"));
    if (Array.isArray(parsed)) headers = parsed.map(String);
  } catch {
    return record;
  }
  for (const line of cells.slice(RECORD_HEAD_ROWS)) {
    const text = String(line ?? "");
    const bar = text.lastIndexOf("|");
    if (bar < 0) continue;
    const prints = text.slice(bar + 1);
    const row = new Map<string, string>();
    headers.forEach((h, j) => {
      const f = prints.slice(j * WIDTH, (j + 1) * WIDTH);
      if (f.length === WIDTH && f !== "....") row.set(h, f);
    });
    record.set(text.slice(0, bar), row);
  }
  return record;
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
 * keeps them so.
 */
export function recordWrites(
  tableName: string,
  record: TableRecord,
  oldLength: number,
  sheet: { name: string; exists: boolean },
): WriteOp[] {
  const column = recordColumn(tableName);
  if (column < 0) return [];
  const cells = formatRecord(tableName, record);
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
