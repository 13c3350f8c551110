/**
 * Refresh, decided without Excel: given what the workbook's IoMT tables hold now and what the plan says
 * they should hold, say per table which cells to write, or why nothing may be written.
 *
 * Rules:
 * - Rows are matched by their key (the plan's first column) wherever the analyst sorted them.
 * - Only cells whose content must change are written, values or formulas only: existing cells keep their
 *   number formats; new rows get the dataset's formats. Every other cell of a written block is `null`,
 *   which Office.js leaves as it is.
 * - Three-way: a dataset cell that differs from the dataset is updated only when it still holds what the
 *   add-in last wrote there (its fingerprint in the workbook's record); otherwise it is the analyst's edit,
 *   kept and listed, unless the analyst asks to overwrite it. Without a record (or with one that does not
 *   validate), differing cells are kept. A blank cell that the record has no fingerprint for (its write was
 *   refused part-way) holds no work: it is filled.
 * - A kept edit, and a cell that equals the dataset but no longer holds what the add-in wrote, is recorded as
 *   the analyst's: the cell stays theirs at every later refresh, also while it happens to equal the dataset,
 *   until the analyst asks to overwrite it.
 * - Rows whose key is not in the dataset (the analyst's own, or segments a newer edition dropped) are kept
 *   and reported, never written. Columns the analyst added are never written.
 * - New rows are appended only into empty cells, never under a Total Row or into a filtered table.
 * - The lines the add-in writes above each table (title, source and edition) are refreshed with it, as long
 *   as they still hold what the add-in wrote there.
 * If any table is blocked, nothing at all is written.
 */
import {
  formatAddress,
  parseAddress,
  qualified,
  type Area,
  cellInput,
  sameCell,
  isEntityJson,
  providerOf,
  sameEntity,
  sameLinkedCard,
  type CellWrite,
  type PlanCell,
  type WriteOp,
} from "../excel";
import { ANALYSTS, cardFingerprint, fingerprint, holdsRecorded, rowKeyOf, type TableRecord } from "./cell-record";
import { ENTITY_PROVIDER, linkedSegmentKey } from "../functions";
import type { HeldTables } from "./edition";
import { type FormulaStyle, type TablePlan, isSourceLine, isTableTitle } from "../plan";
import { isBlank } from "../../lib/blank";
import { listFirst } from "../../lib/first-few";

/** What the workbook holds for one IoMT table, as read from Excel. */
export interface TableState {
  tableName: string;
  sheetName: string;
  sheetProtected: boolean;
  /** the header row's address, e.g. "'IoMT Regions'!A3:P3" */
  headerAddress: string;
  headers: readonly string[];
  /** `Range.formulas` of the data body (constants as their values; text without its apostrophe) */
  body: readonly (readonly unknown[])[];
  /** `Range.numberFormat` of the data body, where it was read */
  formats?: readonly (readonly string[])[];
  /** the key column's display text (a data type cell's formula is "#VALUE!"; its text is the name) */
  keyText?: readonly string[];
  /** the key column's cells as JSON, where Excel has data types (ExcelApi 1.16) */
  keyJson?: readonly unknown[];
  /** the table shows a Total Row (Table.showTotals) */
  totalsRow?: boolean;
  /** a filter hides some of its rows (AutoFilter.isDataFiltered) */
  filtered?: boolean;
  /** the formulas of the two cells above the header's first cell: the title and the source line */
  lines?: readonly [unknown, unknown];
  /** addresses of the cells that hold data where refresh would add rows (read once the need is known) */
  occupiedBelow?: readonly string[];
  /** what the add-in last wrote into the table's dataset cells; undefined when the workbook has no record of it */
  record?: TableRecord;
  /** why the workbook's record of the table was not used (it does not validate); `record` is then undefined */
  recordRefused?: string;
}

export interface RefreshContext {
  /** the client can grow tables (ExcelApi 1.13) */
  canResize: boolean;
  /** the line under each table's title, as the bundled dataset writes it */
  sourceLine: string;
  /** a segment's data type as the dataset builds it; absent where the client has no data types */
  entityOf?: (segment: string) => unknown;
  /**
   * a segment's linked cell (its id; Excel fills the card from the add-in's load service), written instead of the
   * full card where the client has linked data types (ExcelApi 1.19) and the domain is registered
   */
  linkedOf?: (segment: string) => unknown;
  /** overwrite the analyst's edits: all of them, or the cells with these ids (see `cellId`) */
  overwrite?: "all" | ReadonlySet<string>;
}

/** A dataset cell's identity across sorting, moving and renaming: table, row key and column header. */
export const cellId = (tableName: string, rowKey: unknown, header: string): string =>
  `${tableName}|${rowKeyOf(rowKey)}|${header}`;

type ChangeKind = "updated" | "added" | "overwrote an edit";

/** A cell refresh writes: where, what it held and what it gets. */
export interface CellChange {
  /** sheet-qualified address */
  address: string;
  before: unknown;
  after: PlanCell;
  what: ChangeKind;
}

/** A dataset cell the analyst changed, kept as it is. */
export interface KeptEdit {
  id: string;
  /** sheet-qualified address */
  address: string;
  /** what the cell holds (a formula as its text) */
  content: unknown;
  /** what the dataset says */
  dataset: PlanCell;
}

/** What one table's refresh does or did, for the report. */
interface TableReport {
  tableName: string;
  sheetName: string;
  cellsChanged: number;
  rowsAdded: number;
  /** keys of rows kept because the dataset does not have them */
  keptRows: string[];
  entitiesUpdated: number;
  /** linked cards whose card, as Excel last loaded it, differs from the dataset: Excel is asked to load them again */
  cardsToReload: number;
  linesUpdated: number;
  /** cells written, with what they held before */
  changes: CellChange[];
  /** the analyst's edits, kept */
  edits: KeptEdit[];
  /** the workbook had no record of what the add-in wrote into this table: differing cells were kept */
  unrecorded: boolean;
  /** why the workbook's record of this table was not used: then `unrecorded` too */
  recordRefused?: string;
  /** the record after this refresh */
  record: TableRecord;
  /** every row of the table after this refresh is one of the record's (none the analyst's, none empty) */
  recordCovers: boolean;
}

export type TableAction =
  | ({ kind: "unchanged" } & TableReport)
  | ({ kind: "update"; ops: WriteOp[] } & TableReport)
  | { kind: "blocked"; tableName: string; sheetName: string; reason: string }
  | { kind: "missing"; tableName: string };

export interface RefreshPlan {
  actions: TableAction[];
  /** true when any table is blocked: then nothing is written */
  blocked: boolean;
}

/** Positions of the plan's columns among the table's headers, by header text. */
function columnPositions(plan: TablePlan, state: TableState): number[] {
  return plan.columns.map((c) => state.headers.findIndex((h) => h.trim().toLowerCase() === c.header.toLowerCase()));
}

interface RowMatch {
  /** per existing row, the plan row it shows, or undefined for a kept row */
  rows: Array<readonly PlanCell[] | undefined>;
  added: readonly PlanCell[][];
  keptRows: string[];
  /** empty rows at the end of the table that take missing rows: written in full, key included */
  filled: ReadonlySet<number>;
}

/** How many rows at the end of the table are wholly empty (as a refresh that Excel refused part-way leaves them). */
function trailingEmptyRows(state: TableState): number {
  let n = 0;
  for (let i = state.body.length - 1; i >= 0; i--) {
    const empty = state.body[i].every(isBlank) && isBlank(state.keyText?.[i]) && !isEntityJson(state.keyJson?.[i]);
    if (!empty) break;
    n++;
  }
  return n;
}

/** Which plan row each existing row shows (by key), which rows are the analyst's, which rows must be added. */
function matchRows(plan: TablePlan, state: TableState, keyColumn: number): RowMatch {
  const planned = new Map(plan.rows.map((row) => [rowKeyOf(row[0]), row]));
  const seen = new Set<string>();
  const keptRows: string[] = [];
  const rows: Array<readonly PlanCell[] | undefined> = state.body.map((cells, i) => {
    const raw = state.keyText?.[i] ?? cells[keyColumn];
    // a linked card names its segment by its id (the segment's key), whatever text the cell shows (#CONNECT!, #VALUE!)
    const k = linkedSegmentKey(state.keyJson?.[i]) ?? rowKeyOf(raw);
    if (k && planned.has(k) && !seen.has(k)) {
      seen.add(k);
      return planned.get(k);
    }
    if (!isBlank(raw)) keptRows.push(String(raw));
    return undefined;
  });
  const missing = plan.rows.filter((row) => !seen.has(rowKeyOf(row[0])));
  // empty rows at the end of the table take the missing rows first, so that refresh stays idempotent
  const free = Math.min(trailingEmptyRows(state), missing.length);
  const first = rows.length - trailingEmptyRows(state);
  for (let k = 0; k < free; k++) rows[first + k] = missing[k];
  return {
    rows,
    added: missing.slice(free),
    keptRows,
    filled: new Set(Array.from({ length: free }, (_, k) => first + k)),
  };
}

/** How many rows refresh must add to a table (0 when it is blocked for another reason or missing). */
export function rowsToAdd(plan: TablePlan, state: TableState | undefined): number {
  if (!state) return 0;
  const positions = columnPositions(plan, state);
  if (positions.some((p) => p < 0)) return 0;
  return matchRows(plan, state, positions[0]).added.length;
}

/**
 * The formula style a table was inserted with, from its own formulas; undefined when they do not tell, or when
 * the table is the same in both styles. `plan` is the table's plan in the IOMT.* style.
 */
export function styleInTable(plan: TablePlan, state: TableState): FormulaStyle | undefined {
  if (
    !plan.rows.some((row) =>
      row.some((cell) => typeof cell === "string" && cell.startsWith("=") && cell.includes("IOMT.")),
    )
  )
    return undefined;
  return styleInCells(plan, state);
}

/**
 * The formula style a table's own formulas show, whatever its plan's style (`plan` gives the formula columns, which
 * are the same in both): IOMT.* where any formula column calls one, native where they hold other formulas.
 */
export function styleInCells(plan: TablePlan, state: TableState): FormulaStyle | undefined {
  const positions = columnPositions(plan, state);
  const columns = plan.columns.map((c, j) => (c.formula ? positions[j] : -1)).filter((p) => p >= 0);
  let native = false;
  for (const row of state.body) {
    for (const c of columns) {
      const f = row[c];
      if (typeof f !== "string" || !f.startsWith("=")) continue;
      if (/IOMT\.|_xldudf_IOMT_/i.test(f)) return "iomt";
      native = true;
    }
  }
  return native ? "native" : undefined;
}

function blocked(tableName: string, sheetName: string, reason: string): TableAction {
  return { kind: "blocked", tableName, sheetName, reason };
}

/** Why a table that must grow cannot, or undefined when it can. */
function growthRefusal(state: TableState, rows: number, context: RefreshContext): string | undefined {
  const { tableName, sheetName } = state;
  const need = `${tableName} needs ${rows} more row(s)`;
  if (!context.canResize) return `${need}, and this version of Excel cannot grow a table (ExcelApi 1.13)`;
  if (state.totalsRow)
    return `${need} above its Total Row; turn the Total Row off (Table Design > Total Row), refresh, then turn it back on`;
  if (state.filtered) return `${need}, but a filter hides some of its rows; clear the filter and refresh again`;
  if (state.occupiedBelow?.length) {
    return `${need}, but cells below it on sheet '${sheetName}' hold data: ${listFirst(state.occupiedBelow)}; move them to let refresh grow the table`;
  }
  return undefined;
}

/** One column's write: the rows from the first to the last that change, `null` for the rest. */
function columnWrite(
  table: string,
  sheet: string,
  top: number,
  column: number,
  cells: Map<number, unknown>,
  kind: "formulas" | "json",
): CellWrite | undefined {
  if (!cells.size) return undefined;
  const rows = [...cells.keys()];
  const [first, last] = [Math.min(...rows), Math.max(...rows)];
  const data: unknown[][] = [];
  for (let i = first; i <= last; i++) data.push([cells.has(i) ? cells.get(i) : null]);
  const address = formatAddress({ row: top + first, column, rows: last - first + 1, columns: 1 });
  return kind === "formulas"
    ? { kind: "cells", table, sheet, address, formulas: data as PlanCell[][] }
    : { kind: "cells", table, sheet, address, json: data };
}

/** What refresh knows of one table once its shape allows a refresh: the parts every phase below reads. */
interface TableView {
  plan: TablePlan;
  state: TableState;
  context: RefreshContext;
  tableName: string;
  sheetName: string;
  /** per plan column, its position among the table's headers */
  positions: readonly number[];
  /** the header row, parsed */
  header: Area;
  /** the sheet row of the table's first body row */
  top: number;
  /** rows the table has now */
  existing: number;
  match: RowMatch;
  /** rows written in full, one block at the end: empty rows there that take missing rows, then the rows appended */
  fresh: ReadonlyArray<readonly [number, readonly PlanCell[]]>;
  /** each plan row's index in the plan */
  planIndex: ReadonlyMap<readonly PlanCell[], number>;
  /** the record's key of each plan row */
  rowKeys: ReadonlyMap<readonly PlanCell[], string>;
}

/** Whether row `i` is written in full (an empty row at the end that takes a missing row, or a row appended). */
const isFresh = (t: TableView, i: number): boolean => t.match.filled.has(i) || i >= t.existing;

/** Why the table cannot be refreshed as it stands (its sheet protected, a dataset column gone), or undefined. */
function shapeRefusal(plan: TablePlan, state: TableState, positions: readonly number[]): string | undefined {
  const { tableName } = plan;
  const { sheetName } = state;
  if (state.sheetProtected) return `sheet '${sheetName}' is protected; unprotect it to refresh ${tableName}`;
  const lost = plan.columns.filter((_, i) => positions[i] < 0).map((c) => `'${c.header}'`);
  if (lost.length)
    return `${tableName} lacks column ${lost.join(", ")}; rename it back, or delete the table and insert it again`;
  return undefined;
}

/** The table as the phases below read it. */
function tableView(
  plan: TablePlan,
  state: TableState,
  context: RefreshContext,
  positions: readonly number[],
  match: RowMatch,
): TableView {
  const header = parseAddress(state.headerAddress);
  const existing = state.body.length;
  return {
    plan,
    state,
    context,
    tableName: plan.tableName,
    sheetName: state.sheetName,
    positions,
    header,
    top: header.row + 1,
    existing,
    match,
    fresh: [
      ...[...match.filled].map((i) => [i, match.rows[i]!] as const),
      ...match.added.map((row, k) => [existing + k, row] as const),
    ],
    planIndex: new Map<readonly PlanCell[], number>(plan.rows.map((row, i) => [row, i])),
    rowKeys: new Map<readonly PlanCell[], string>(plan.rows.map((row) => [row, rowKeyOf(row[0])])),
  };
}

/** What refresh does with one dataset cell of an existing row. */
interface CellDecision {
  /** what the record says of the cell after this refresh: the fingerprint of what the add-in wrote, or ANALYSTS */
  print: string;
  /** the cell's new content, when it is written */
  input?: unknown;
  change?: CellChange;
  /** the analyst's edit, when the cell is kept as it is */
  edit?: KeptEdit;
}

/** Whether an existing dataset cell is written, kept as the analyst's, or left as it is (three-way, by the record). */
function existingCell(
  t: TableView,
  j: number,
  i: number,
  row: readonly PlanCell[],
  address: () => string,
): CellDecision {
  const { state, context, tableName } = t;
  const column = t.plan.columns[j];
  // the key of an existing row matches by definition (and may hold a data type): it is never rewritten
  if (j === 0) return { print: fingerprint(row[0], tableName) };
  const current = state.body[i][t.positions[j]];
  const recorded = state.record?.get(t.rowKeys.get(row)!)?.get(column.header);
  const id = () => cellId(tableName, row[0], column.header);
  const asked = context.overwrite === "all" || (context.overwrite !== undefined && context.overwrite.has(id()));
  if (sameCell(current, row[j], tableName)) {
    // a cell the analyst wrote (a kept edit, or one that no longer holds what the add-in wrote) stays theirs
    // while it equals the dataset: only Overwrite gives it back to the add-in
    const print = fingerprint(row[j], tableName);
    const theirs =
      recorded !== undefined && !asked && recorded !== print && !holdsRecorded(recorded, current, tableName);
    return { print: theirs ? ANALYSTS : print };
  }
  // a blank cell the table's record knows nothing of (in a row whose writes Excel refused part-way) holds no work
  const unwritten = state.record !== undefined && recorded === undefined && isBlank(current);
  const untouched = unwritten || (recorded !== undefined && holdsRecorded(recorded, current, tableName));
  if (untouched || asked)
    return {
      print: fingerprint(row[j], tableName),
      input: cellInput(row[j], state.formats?.[i]?.[t.positions[j]] ?? column.numberFormat),
      change: { address: address(), before: current, after: row[j], what: untouched ? "updated" : "overwrote an edit" },
    };
  return { print: ANALYSTS, edit: { id: id(), address: address(), content: current, dataset: row[j] } };
}

/** What refresh writes in one dataset column, and what the record says of its cells afterwards. */
interface ColumnRefresh {
  /** the number formats of the fresh rows, written before their content */
  formats?: WriteOp;
  /** the column's content: the cells that change, `null` between them */
  write?: CellWrite;
  changes: CellChange[];
  edits: KeptEdit[];
  /** per row key, the record's entry for this column */
  prints: Array<[string, string]>;
}

/** One dataset column's writes: the changed cells of existing rows, then the fresh rows in full with their formats. */
function refreshColumn(t: TableView, j: number): ColumnRefresh {
  const { plan, state, tableName, sheetName, top, fresh } = t;
  const c = t.header.column + t.positions[j];
  const at = (i: number): string => qualified(sheetName, { row: top + i, column: c, rows: 1, columns: 1 });
  const cells = new Map<number, unknown>();
  const out: ColumnRefresh = { changes: [], edits: [], prints: [] };
  t.match.rows.forEach((row, i) => {
    if (!row || isFresh(t, i)) return;
    const decision = existingCell(t, j, i, row, () => at(i));
    out.prints.push([t.rowKeys.get(row)!, decision.print]);
    if (decision.change) {
      cells.set(i, decision.input);
      out.changes.push(decision.change);
    }
    if (decision.edit) out.edits.push(decision.edit);
  });
  for (const [i, row] of fresh) {
    cells.set(i, cellInput(row[j], plan.numberFormats[t.planIndex.get(row)!][j]));
    out.prints.push([t.rowKeys.get(row) ?? rowKeyOf(row[0]), fingerprint(row[j], tableName)]);
    if (!isBlank(row[j]))
      out.changes.push({ address: at(i), before: state.body[i]?.[t.positions[j]] ?? "", after: row[j], what: "added" });
  }
  if (fresh.length) {
    // new rows (one block at the end of the table) get the dataset's number formats, before their content
    out.formats = {
      kind: "cells",
      table: tableName,
      sheet: sheetName,
      address: formatAddress({ row: top + fresh[0][0], column: c, rows: fresh.length, columns: 1 }),
      numberFormat: fresh.map(([, row]) => [plan.numberFormats[t.planIndex.get(row)!][j]]),
    };
  }
  out.write = columnWrite(tableName, sheetName, top, c, cells, "formulas");
  return out;
}

/**
 * The data types of the key column: which are rebuilt (they differ by meaning, or the row is new), which are the
 * analyst's. The add-in's linked cards are never rewritten: Excel fills them from the load service, and one whose
 * loaded card differs from the dataset is counted for Excel to load again.
 */
interface KeyEntities {
  write?: CellWrite;
  edits: KeptEdit[];
  updated: number;
  reload: number;
  /** per row key, the fingerprint of the full card its key cell holds after this refresh (written, or found equal) */
  cards: Map<string, string>;
}
function keyEntities(t: TableView): KeyEntities {
  const { plan, state, context, tableName, sheetName, top } = t;
  const keyColumn = t.header.column + t.positions[0];
  const linkedRow = (i: number): boolean => linkedSegmentKey(state.keyJson?.[i]) !== undefined;
  const entityRow = (i: number): boolean => isEntityJson(state.keyJson?.[i]) || linkedRow(i);
  const { entityOf, linkedOf } = context;
  const cards = new Map<string, string>();
  if (!entityOf || !(plan.dataTypes || state.body.some((_r, i) => entityRow(i))))
    return { edits: [], updated: 0, reload: 0, cards };
  const cells = new Map<number, unknown>();
  const edits: KeptEdit[] = [];
  let updated = 0;
  let reload = 0;
  const holdsCard = (row: readonly PlanCell[], card: unknown) => {
    const print = cardFingerprint(card);
    if (print) cards.set(t.rowKeys.get(row) ?? rowKeyOf(row[0]), print);
  };
  [...t.match.rows, ...t.match.added].forEach((row, i) => {
    if (!row || (!isFresh(t, i) && !entityRow(i))) return;
    const expected = entityOf(String(row[0]));
    if (!isFresh(t, i) && linkedRow(i)) {
      if (linkedOf && expected !== undefined && sameLinkedCard(state.keyJson?.[i], expected) === false) reload++;
      return;
    }
    const provider = isFresh(t, i) ? undefined : providerOf(state.keyJson?.[i]);
    if (provider !== undefined && !provider.includes(ENTITY_PROVIDER)) {
      // another provider's data type (say, Excel's own Geography) that the analyst put there: theirs
      edits.push({
        id: cellId(tableName, row[0], plan.columns[0].header),
        address: qualified(sheetName, { row: top + i, column: keyColumn, rows: 1, columns: 1 }),
        content: `${state.keyText?.[i] ?? row[0]} (${provider})`,
        dataset: row[0],
      });
      return;
    }
    if (expected === undefined) return;
    const current = state.keyJson?.[i];
    if (!isFresh(t, i) && (current === expected || sameEntity(current, expected))) {
      holdsCard(row, expected);
      return;
    }
    const written = (linkedOf && linkedOf(String(row[0]))) ?? expected;
    cells.set(i, written);
    if (written === expected) holdsCard(row, expected);
    if (!isFresh(t, i)) updated++;
  });
  return { write: columnWrite(tableName, sheetName, top, keyColumn, cells, "json"), edits, updated, reload, cards };
}

/**
 * The title and source line above the table, rewritten while they still hold what the add-in wrote there (an
 * analyst's own text in those cells, even one that starts like them, is left alone).
 */
function lineWrites(t: TableView): WriteOp[] {
  const { state, header } = t;
  if (!state.lines) return [];
  const wanted: Array<[(line: string) => boolean, string]> = [
    [isTableTitle, t.plan.title],
    [isSourceLine, t.context.sourceLine],
  ];
  const ops: WriteOp[] = [];
  wanted.forEach(([isAddinLine, text], k) => {
    const now = state.lines![k];
    if (typeof now !== "string" || !isAddinLine(now) || now === text) return;
    const address = formatAddress({ row: header.row - 2 + k, column: header.column, rows: 1, columns: 1 });
    ops.push({
      kind: "cells",
      table: t.tableName,
      sheet: t.sheetName,
      address,
      formulas: [[cellInput(text, "General")]],
    });
  });
  return ops;
}

/**
 * The record after this refresh: every dataset row, with the fingerprint of what its cells now hold from the add-in
 * (of a key cell that holds the add-in's full card, the card's).
 */
function recordAfter(t: TableView, columns: readonly ColumnRefresh[], cards: ReadonlyMap<string, string>): TableRecord {
  const record: TableRecord = new Map(
    [...t.match.rows, ...t.match.added]
      .filter((r): r is readonly PlanCell[] => !!r)
      .map((r) => [rowKeyOf(r[0]), new Map<string, string>()]),
  );
  columns.forEach((column, j) => {
    for (const [key, print] of column.prints)
      record.get(key)!.set(t.plan.columns[j].header, (j === 0 && cards.get(key)) || print);
  });
  return record;
}

/** One table's action: missing, blocked (and why), unchanged, or the writes that bring it to the plan. */
export function refreshTable(plan: TablePlan, state: TableState | undefined, context: RefreshContext): TableAction {
  const tableName = plan.tableName;
  if (!state) return { kind: "missing", tableName };
  const { sheetName } = state;
  const positions = columnPositions(plan, state);
  const refusal = shapeRefusal(plan, state, positions);
  if (refusal) return blocked(tableName, sheetName, refusal);
  const match = matchRows(plan, state, positions[0]);
  const growth = match.added.length ? growthRefusal(state, match.added.length, context) : undefined;
  if (growth) return blocked(tableName, sheetName, growth);

  const t = tableView(plan, state, context, positions, match);
  const columns = plan.columns.map((_, j) => refreshColumn(t, j));
  const entities = keyEntities(t);
  const lines = lineWrites(t);
  const ops: WriteOp[] = [
    ...columns.flatMap((c) => (c.formats ? [c.formats] : [])),
    ...columns.flatMap((c) => (c.write ? [c.write] : [])),
    ...(entities.write ? [entities.write] : []),
    ...lines,
  ];
  const changes = columns.flatMap((c) => c.changes);
  const report: TableReport = {
    tableName,
    sheetName,
    cellsChanged: changes.length,
    rowsAdded: t.fresh.length,
    keptRows: match.keptRows,
    entitiesUpdated: entities.updated,
    cardsToReload: entities.reload,
    linesUpdated: lines.length,
    changes,
    edits: [...columns.flatMap((c) => c.edits), ...entities.edits],
    unrecorded: state.record === undefined,
    recordRefused: state.recordRefused,
    record: recordAfter(t, columns, entities.cards),
    recordCovers: false,
  };
  // the summary needs every row of the table to be the record's: none kept, none empty, none repeated
  report.recordCovers = report.record.size === t.existing + match.added.length;
  if (!ops.length) return { kind: "unchanged", ...report };
  if (match.added.length) {
    // the table grows first, so that the new rows' cells belong to it when they are written
    const address = formatAddress({
      row: t.header.row,
      column: t.header.column,
      rows: 1 + t.existing + match.added.length,
      columns: t.header.columns,
    });
    ops.unshift({ kind: "resize", table: tableName, sheet: sheetName, address });
  }
  return { kind: "update", ops, ...report };
}

/**
 * Every table's action. Tables the workbook has held but no longer has are reported missing; tables it never
 * held are not mentioned.
 */
export function planRefresh(
  plans: readonly TablePlan[],
  states: ReadonlyMap<string, TableState | undefined>,
  held: HeldTables,
  context: RefreshContext,
): RefreshPlan {
  const actions = plans
    .filter((p) => states.get(p.tableName) || held.has(p.tableName))
    .map((p) => refreshTable(p, states.get(p.tableName), context));
  return { actions, blocked: actions.some((a) => a.kind === "blocked") };
}
