/**
 * Refreshes the workbook's IoMT tables from the bundled dataset: reads within the budget (refresh-read.ts),
 * lets core/refresh/refresh.ts decide cell by cell, writes only the cells it names, then the record of what the add-in
 * wrote, then the edition stamp, last.
 *
 * Round trips: one to list the tables, read the workbook's record, the tables' shapes (their names are known in
 * advance) and, as far as they fit the budget, their cells as the plan expects them; one (or more, for large
 * tables, each response filled up to the budget) for the cells not read ahead; one for the record's rows of the tables
 * whose cells do not match the summary in the record's head (none when they all do); one for the JSON of the full cards
 * not known unread (none when every card is); one more when a table must grow, to look below it; one for the number
 * formats of the existing cells to write, when there are any; then the writes.
 */
import {
  parseAddress,
  ownSheetRepairs,
  ownSheetTarget,
  OWN_SHEETS,
  type OwnSheets,
  addressKey,
  cellsCarried,
  REQUEST_BUDGET_BYTES,
  type WriteOp,
} from "../core/excel";
import {
  cardFingerprint,
  recordDigest,
  recordOfCells,
  rowKeyOf,
  recordWrites,
  sameRecord,
  compareEdition,
  type HeldTables,
  planRefresh,
  rowsToAdd,
  styleInCells,
  styleInTable,
  type RefreshContext,
  type RefreshPlan,
  type TableState,
  type RefreshOutcome,
  type TableRecord,
} from "../core/refresh";
import { type DatasetIndex, knownSegmentEntity, linkedSegment } from "../core/functions";
import {
  planSections,
  planWorkbook,
  section,
  sourceLine,
  SECTIONS,
  type DatasetStamp,
  type FormulaStyle,
  type PlanOptions,
  type SectionId,
  type SectionInfo,
  type TablePlan,
} from "../core/plan";
import type { ConsistencyCheck } from "../data/checks";
import { PUBLISHERS_RANGE_AT, queueStructure, type CardKind } from "./insert";
import { reloadSegmentCards } from "./linked-domain";
import { queueOwnSheets } from "./own-sheets";
import {
  queueCellsAhead,
  queueShapes,
  readBelow,
  readFormats,
  readCells,
  readKeyJson,
  readRecords,
  type KeyJsonWanted,
  type CellsAhead,
  type CellsOptions,
  type CellsRead,
  type PlanPair,
  type Shape,
  type ShapesRead,
} from "./refresh-read";
import { applyOps, counted, PartialWriteError } from "./requests";
import { heldOf, queueStamp, queueStampRead, stampOf } from "./stamp";

export interface RefreshOptions {
  /** recreate the tables the workbook held and no longer has */
  recreateMissing?: boolean;
  /** the client can grow tables (ExcelApi 1.13); default true */
  canResize?: boolean;
  /** the client has data types (ExcelApi 1.16) */
  canUseDataTypes?: boolean;
  /** how segment cells carry their cards: "linked" where Excel has linked data types and the domain is registered */
  cards?: CardKind;
  /** replace a newer edition that the workbook holds with the bundled one */
  replaceNewer?: boolean;
  /** overwrite the analyst's edits: all of them, or the cells with these ids (core/refresh/refresh.ts `cellId`) */
  overwrite?: "all" | ReadonlySet<string>;
  /** refresh every IoMT table (default), or only the one holding the selected cell */
  scope?: "all" | "selection";
  /** the formula style for tables whose own formulas and record do not tell (default native) */
  formulas?: FormulaStyle;
  /** placement and charts of recreated tables */
  placement?: PlanOptions["placement"];
  charts?: boolean;
  /**
   * hears how many of the tables in scope are done: 0 once they are known, those with nothing to write once
   * decided, all once the writes have gone through
   */
  onProgress?: (done: number, total: number) => void;
}

/** Whether a sheet-qualified address lies in a table whose header is at `headerAddress` and which has `rows` rows. */
function inTable(selection: string, sheet: string, headerAddress: string, rows: number): boolean {
  const at = parseAddress(selection);
  const header = parseAddress(headerAddress);
  return (
    (at.sheet ?? "").toLowerCase() === sheet.toLowerCase() &&
    at.row >= header.row &&
    at.row <= header.row + rows &&
    at.column >= header.column &&
    at.column < header.column + header.columns
  );
}

/** The plan options that every table of a refresh, and every recreated one, is planned with. */
function sectionOptions(options: RefreshOptions) {
  return {
    sections: SECTIONS.map((s) => s.id),
    placement: options.placement ?? "sheet-per-section",
    charts: options.charts ?? false,
  } as const;
}

/** What the workbook says before anything else is read: its tables, its own sheets, the selection, its stamp. */
interface WorkbookView {
  /** the workbook's tables, by lower-case name */
  present: ReadonlyMap<string, string>;
  own: OwnSheets;
  /** the selection's address, when the refresh is of the selected table */
  selection?: string;
  held: HeldTables;
  heldStamp?: DatasetStamp;
  /** the shapes of the add-in's tables, read in the same request */
  shapes: ShapesRead;
  /** their cells, read ahead in the same request as far as they fit the budget */
  ahead?: CellsAhead;
}

/**
 * Which tables the workbook has, what it records of them, where the selection is, and the shapes of the add-in's
 * tables (whose names are known in advance): one round trip (more for own sheets under other names).
 */
async function readWorkbook(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  readSelection: boolean,
  pairs: readonly PlanPair[],
  canResize: boolean,
  cellsOptions?: CellsOptions,
): Promise<WorkbookView> {
  const tableList = context.workbook.tables.load("items/name");
  const ownRead = queueOwnSheets(context);
  const selection = readSelection ? context.workbook.getSelectedRange().load("address") : undefined;
  const stampRead = queueStampRead(context);
  const shapes = queueShapes(context, pairs, canResize, OWN_SHEETS.record.base);
  const ahead = cellsOptions && queueCellsAhead(context, pairs, cellsOptions, OWN_SHEETS.record.base);
  try {
    await sync();
  } catch (e) {
    // a read ahead outside the sheet (a header in its first two rows) fails the request: read again without it
    if (!ahead) throw e;
    return readWorkbook(context, sync, readSelection, pairs, canResize);
  }
  const own = await ownRead(sync);
  return {
    present: new Map(tableList.items.map((t) => [t.name.toLowerCase(), t.name])),
    own,
    selection: selection?.address,
    held: heldOf(stampRead),
    heldStamp: stampOf(stampRead),
    shapes,
    ahead,
  };
}

/**
 * Every section's table in the native formula style, and in the IOMT.* style when first asked for: only the tables
 * that turn out to be in that style, or that might be, are planned in it.
 */
function planPairs(index: DatasetIndex, checks: readonly ConsistencyCheck[], options: RefreshOptions): PlanPair[] {
  const natives = planSections(index, checks, { ...sectionOptions(options), formulas: "native" });
  return natives.map((native) => {
    let iomt: TablePlan | undefined;
    return {
      native,
      get iomt() {
        return (iomt ??= planSections(index, checks, {
          ...sectionOptions(options),
          sections: [native.section],
          formulas: "iomt",
        })[0]);
      },
    };
  });
}

/** The add-in's tables that the workbook has now or has held. */
function workbookTables(pairs: readonly PlanPair[], workbook: WorkbookView): PlanPair[] {
  return pairs.filter(
    (p) => workbook.present.has(p.native.tableName.toLowerCase()) || workbook.held.has(p.native.tableName),
  );
}

/** The table a refresh of the selection covers: the one holding the selected cell, or undefined when none does. */
function selectedTable(shapes: readonly Shape[], selection: string): Shape | undefined {
  return shapes.find((s) => inTable(selection, s.sheet, s.headerAddress, s.rows + (s.totalsRow ? 1 : 0)));
}

/** Bytes of a key cell's `Range.valueTypes` in a response. */
const VALUE_TYPE_BYTES = 12;

/** A data type's size in a response, estimated from the table's first rows (cards differ little in size). */
function entityBytes(index: DatasetIndex, dataTypes: boolean, p: TablePlan): number {
  return dataTypes && p.segmentKeys
    ? Math.max(
        0,
        ...p.rows
          .slice(0, 32)
          .map((r) => JSON.stringify(knownSegmentEntity(index, String(r[0]), PUBLISHERS_RANGE_AT) ?? "").length),
      ) * 1.5
    : 0;
}

/** The tables to refresh as core/refresh.ts reads them, each with the plan of its formula style. */
interface TablesRead {
  plans: TablePlan[];
  states: Map<string, TableState | undefined>;
  /** each table's formula style, by its plan's name */
  styles: Map<string, FormulaStyle>;
}

/** Each table's state from its shape and cells, and the formula style it is refreshed in. */
function tablesRead(
  tables: readonly PlanPair[],
  shapes: readonly Shape[],
  cells: ReadonlyMap<string, CellsRead>,
  held: HeldTables,
  dataTypes: boolean,
  formulas: FormulaStyle | undefined,
): TablesRead {
  const out: TablesRead = { plans: [], states: new Map(), styles: new Map() };
  for (const p of tables) {
    const shape = shapes.find((s) => s.plan === p);
    const read = shape && cells.get(shape.name);
    const state: TableState | undefined =
      shape && read
        ? {
            tableName: shape.name,
            sheetName: shape.sheet,
            sheetProtected: shape.sheetProtected,
            headerAddress: shape.headerAddress,
            headers: shape.headers,
            body: read.body,
            keyText: read.keyText,
            keyJson: dataTypes ? read.keyJson : undefined,
            totalsRow: shape.totalsRow,
            filtered: shape.filtered,
            lines: read.lines,
            record: read.record,
            recordRefused: shape.recordRefused ?? read.recordRefused,
          }
        : undefined;
    // the style the table shows in its own formulas, else the one it was inserted with; the IOMT.* plan is made
    // only when the two differ (its formulas tell whether the table has an IOMT.* style at all) or it is the one
    const fallback = held.get(p.native.tableName) ?? formulas ?? "native";
    const shown = state && styleInCells(p.native, state);
    const style = shown === undefined || shown === fallback ? fallback : (styleInTable(p.iomt, state!) ?? fallback);
    out.plans.push(style === "iomt" ? p.iomt : p.native);
    out.styles.set(p.native.tableName, style);
    out.states.set(p.native.tableName, state);
  }
  return out;
}

/** The states with, for each table that must and may grow, the cells below it that hold data: one round trip, when any grows. */
async function withOccupiedBelow(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  plans: readonly TablePlan[],
  states: ReadonlyMap<string, TableState | undefined>,
  canResize: boolean,
): Promise<Map<string, TableState | undefined>> {
  const out = new Map(states);
  const growing = plans.filter((p) => {
    const s = states.get(p.tableName);
    return s && !s.sheetProtected && !s.totalsRow && !s.filtered && canResize && rowsToAdd(p, s) > 0;
  });
  if (!growing.length) return out;
  const areas = growing.map((p) => {
    const s = states.get(p.tableName)!;
    const header = parseAddress(s.headerAddress);
    return {
      sheet: s.sheetName,
      row: header.row + 1 + s.body.length,
      column: header.column,
      rows: rowsToAdd(p, s),
      columns: header.columns,
    };
  });
  const occupied = await readBelow(context, sync, areas);
  growing.forEach((p, k) => out.set(p.tableName, { ...states.get(p.tableName)!, occupiedBelow: occupied[k] }));
  return out;
}

/**
 * The states with the number formats of the existing cells the plan writes text into, which decide how that text is
 * typed in (text in a Text cell keeps its apostrophe): read only for those cells, one column range per table column,
 * after the decision, so that a refresh with nothing to change, or one that writes only numbers and formulas, reads
 * no format. Undefined when no such cell is written.
 */
async function withWrittenFormats(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  plan: RefreshPlan,
  states: ReadonlyMap<string, TableState | undefined>,
  budget: number,
): Promise<Map<string, TableState | undefined> | undefined> {
  // per table and sheet column, the first and last body row written
  const spans = new Map<string, Map<number, [number, number]>>();
  for (const a of plan.actions) {
    if (a.kind !== "update") continue;
    const s = states.get(a.tableName);
    if (!s) continue;
    const top = parseAddress(s.headerAddress).row + 1;
    for (const c of a.changes) {
      // a number, a formula or a blank is typed in alike whatever the cell's format (core/excel `cellInput`)
      if (c.what === "added" || typeof c.after !== "string" || c.after === "" || c.after.startsWith("=")) continue;
      const at = parseAddress(c.address);
      const i = at.row - top;
      if (i < 0 || i >= s.body.length) continue;
      const columns = spans.get(a.tableName) ?? new Map<number, [number, number]>();
      spans.set(a.tableName, columns);
      const span = columns.get(at.column);
      columns.set(at.column, span ? [Math.min(span[0], i), Math.max(span[1], i)] : [i, i]);
    }
  }
  if (!spans.size) return undefined;
  const areas = [...spans].flatMap(([tableName, columns]) => {
    const s = states.get(tableName)!;
    const top = parseAddress(s.headerAddress).row + 1;
    return [...columns].map(([column, [first, last]]) => ({
      tableName,
      first,
      area: { sheet: s.sheetName, row: top + first, column, rows: last - first + 1 },
    }));
  });
  const read = await readFormats(
    context,
    sync,
    areas.map((a) => a.area),
    budget,
  );
  const out = new Map(states);
  const formats = new Map<string, string[][]>();
  areas.forEach((a, k) => {
    const s = states.get(a.tableName)!;
    const header = parseAddress(s.headerAddress);
    const rows = formats.get(a.tableName) ?? s.body.map(() => []);
    formats.set(a.tableName, rows);
    read[k].forEach((f, r) => (rows[a.first + r][a.area.column - header.column] = f));
  });
  for (const [tableName, rows] of formats) out.set(tableName, { ...states.get(tableName)!, formats: rows });
  return out;
}

/**
 * The writes of the record of what the add-in wrote, for the tables whose record changed, and whether the record
 * sheet exists once they are queued. They go after the cells, so that a refused request leaves no record of cells
 * not written, on the add-in's record sheet or on a new one whose name no sheet has.
 */
function recordChanges(
  plan: RefreshPlan,
  shapes: readonly Shape[],
  cells: ReadonlyMap<string, CellsRead>,
  recordSheet: { name: string; exists: boolean },
): { ops: WriteOp[]; recordSheetExists: boolean } {
  const ops: WriteOp[] = [];
  let recordSheetExists = recordSheet.exists;
  for (const a of plan.actions) {
    if (a.kind !== "update" && a.kind !== "unchanged") continue;
    const shape = shapes.find((s) => s.name === a.tableName)!;
    if (sameRecord(cells.get(shape.name)?.record, a.record)) continue;
    ops.push(
      ...recordWrites(
        shape.plan.native.tableName,
        a.record,
        shape.recordRows ?? 0,
        { name: recordSheet.name, exists: recordSheetExists },
        a.recordCovers,
      ),
    );
    recordSheetExists = true;
  }
  return { ops, recordSheetExists };
}

/** Everything a refresh writes, decided before the first write. */
interface Writes {
  /** the tables' cells */
  ops: WriteOp[];
  /** the record of what the add-in wrote */
  recordOps: WriteOp[];
  /** the sections to insert again */
  recreate: readonly SectionInfo[];
  /** the formula style of each table held after the refresh (recreated ones are added once inserted) */
  heldAfter: Map<string, FormulaStyle>;
  /** the edition stamp to write, if any */
  stamp?: DatasetStamp;
  stampDiffers: boolean;
  heldDiffers: boolean;
}

/** What the refresh writes: cells, record, tables to recreate, and whether the stamp and the held tables change. */
function writesOf(
  plan: RefreshPlan,
  states: ReadonlyMap<string, TableState | undefined>,
  styles: ReadonlyMap<string, FormulaStyle>,
  recordOps: WriteOp[],
  workbook: WorkbookView,
  bundled: DatasetStamp,
  tablesShown: number,
  options: RefreshOptions,
): Writes {
  const ops: WriteOp[] = plan.actions.flatMap((a) => (a.kind === "update" ? a.ops : []));
  const missing = plan.actions.filter((a) => a.kind === "missing").map((a) => a.tableName);
  const recreate = options.recreateMissing ? SECTIONS.filter((s) => missing.includes(s.tableName)) : [];
  const { held, heldStamp, selection } = workbook;
  const heldAfter = new Map(held);
  for (const [name, s] of states) if (s) heldAfter.set(name, styles.get(name)!);
  // the stamp says which edition the tables hold: it changes only when a table is there to hold it, and a
  // refresh of one table leaves it to a refresh of all
  const stamp = selection === undefined && (tablesShown || recreate.length) ? bundled : undefined;
  return {
    ops,
    recordOps,
    recreate,
    heldAfter,
    stamp,
    stampDiffers: stamp !== undefined && compareEdition(heldStamp, bundled) !== "same",
    heldDiffers: [...heldAfter].some(([k, v]) => held.get(k) !== v) || heldAfter.size !== held.size,
  };
}

/** Inserts the missing tables again, each in the style it was held in, then writes the stamp: syncs until done. */
async function recreateTables(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  index: DatasetIndex,
  checks: readonly ConsistencyCheck[],
  writes: Writes,
  held: HeldTables,
  recordSheet: { name: string; exists: boolean },
  options: RefreshOptions,
  budget: number,
): Promise<void> {
  const { recreate, heldAfter } = writes;
  const dataTypes = options.canUseDataTypes === true;
  const style = (id: SectionId) => held.get(section(id).tableName) ?? options.formulas ?? "native";
  let recordSheetExists = recordSheet.exists;
  for (const formulas of ["native", "iomt"] as const) {
    const sections = recreate.filter((s) => style(s.id) === formulas).map((s) => s.id);
    if (!sections.length) continue;
    const taken = context.workbook.worksheets.load("items/name");
    await sync();
    const recreated = planWorkbook(index, checks, { ...sectionOptions(options), sections, formulas, dataTypes }, [
      ...taken.items.map((s) => s.name),
      recordSheet.name,
    ]);
    const structure = queueStructure(
      context,
      index,
      recreated,
      { name: recordSheet.name, exists: recordSheetExists },
      options.cards,
    );
    recordSheetExists = true;
    await applyOps(context, sync, structure.ops, budget, structure.charts, structure.queued);
  }
  const heldWithRecreated = new Map(heldAfter);
  for (const s of recreate) heldWithRecreated.set(s.tableName, style(s.id));
  queueStamp(context, writes.stamp, heldWithRecreated);
  await sync();
}

/** The failure of a refresh that Excel stopped part-way: the changed cells not written, `done` those that were. */
function failedPart(e: PartialWriteError, plan: RefreshPlan, done: ReadonlySet<string>): RefreshOutcome["failure"] {
  const notWritten = plan.actions
    .flatMap((a) => (a.kind === "update" ? a.changes : []))
    .filter((c) => !done.has(addressKey(c.address)))
    .map((c) => c.address);
  return { message: e.message, code: e.code, ...e.progress, notWritten };
}

/** The tables refresh reads the cells of: all those present, or the one holding the selected cell. */
interface Scope {
  shapes: Shape[];
  tables: PlanPair[];
  /** the selected table, for a refresh of the selection */
  target?: Shape;
}

/** The shapes of the tables the workbook has, narrowed to the selected one; undefined when the selection is in none. */
async function readScope(
  sync: () => Promise<void>,
  tables: PlanPair[],
  workbook: WorkbookView,
): Promise<Scope | undefined> {
  const shapes = (await workbook.shapes(sync, workbook.own.own.record)).filter(
    (s) => tables.includes(s.plan) && workbook.present.has(s.name.toLowerCase()),
  );
  if (workbook.selection === undefined) return { shapes, tables };
  const target = selectedTable(shapes, workbook.selection);
  return target && { shapes: [target], tables: [target.plan], target };
}

/**
 * Each segment's full card, built once per refresh: the same object wherever the refresh asks for it, so that its
 * fingerprint is worked out once and a card taken as unread compares equal at once.
 */
function cardsOnce(index: DatasetIndex): (segment: string) => unknown {
  const built = new Map<string, unknown>();
  return (segment) => {
    if (!built.has(segment)) built.set(segment, knownSegmentEntity(index, segment, PUBLISHERS_RANGE_AT));
    return built.get(segment);
  };
}

/** What core/refresh.ts needs to know of the client and the dataset beyond the tables. */
function refreshContextOf(index: DatasetIndex, options: RefreshOptions): RefreshContext {
  return {
    canResize: options.canResize !== false,
    sourceLine: sourceLine(index.dataset),
    entityOf: options.canUseDataTypes === true ? cardsOnce(index) : undefined,
    linkedOf:
      options.canUseDataTypes === true && options.cards === "linked"
        ? (segment) => linkedSegment(index, segment)
        : undefined,
    overwrite: options.overwrite,
  };
}

/** The key column's place among the body's columns (the plan's key, found by its header; the first if it is gone). */
function keyIndex(shape: Shape): number {
  const key = shape.plan.native.columns[0].header.toLowerCase();
  return Math.max(
    0,
    shape.headers.findIndex((h) => h.trim().toLowerCase() === key),
  );
}

/**
 * The full card a key cell is taken to hold, unread, with its fingerprint: the card the dataset builds now for the
 * segment the cell names, where the cell is a data type (`Range.valueTypes` "Error", as Excel reports an entity:
 * EntityCellValue.basicType), not a formula, and `record` (the table's record; "candidate" while the record is being
 * made from the cells, to be checked against the summary) says the add-in wrote that very card there (README,
 * "Segments as data types").
 */
function knownCard(
  shape: Shape,
  read: CellsRead,
  i: number,
  context: RefreshContext,
  record: TableRecord | "candidate" | undefined,
): { card: unknown; print: string } | undefined {
  if (!record || read.keyTypes[i] !== "Error" || !context.entityOf) return undefined;
  const formula = read.body[i]?.[keyIndex(shape)];
  if (typeof formula === "string" && formula.startsWith("=")) return undefined;
  const card = context.entityOf(read.keyText[i]);
  const print = cardFingerprint(card);
  if (!print) return undefined;
  if (record === "candidate") return { card, print };
  const recorded = record.get(rowKeyOf(read.keyText[i]))?.get(shape.plan.native.columns[0].header);
  return recorded === print ? { card, print } : undefined;
}

/**
 * The records of the tables whose head carries a summary and were not read: the record the cells make, when it has
 * the summary's digest (every cell holds what the add-in wrote); otherwise the record's rows, read now (one more round
 * trip, only for tables with a cell that is not the add-in's).
 */
async function settleRecords(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  shapes: readonly Shape[],
  cells: ReadonlyMap<string, CellsRead>,
  recordSheet: string | undefined,
  refresh: RefreshContext,
  options: CellsOptions,
): Promise<void> {
  const unread = shapes.filter((s) => {
    const read = cells.get(s.name);
    return s.recordSummary !== undefined && read && !read.record && !read.recordRefused;
  });
  const differ: Shape[] = [];
  for (const shape of unread) {
    const read = cells.get(shape.name)!;
    const tableName = shape.plan.native.tableName;
    const candidate = recordOfCells(
      tableName,
      shape.plan.native.columns.map((c) => c.header),
      {
        headers: shape.headers,
        body: read.body,
        keyText: read.keyText,
        keyCard:
          options.dataTypes && options.cards === "types"
            ? (i) => knownCard(shape, read, i, refresh, "candidate")?.print
            : undefined,
      },
    );
    if (candidate && candidate.size === shape.recordRows && recordDigest(tableName, candidate) === shape.recordSummary)
      read.record = candidate;
    else if (read.recordAhead && "record" in read.recordAhead) read.record = read.recordAhead.record;
    else if (read.recordAhead) read.recordRefused = read.recordAhead.refused;
    else differ.push(shape);
  }
  if (differ.length && recordSheet !== undefined)
    await readRecords(context, sync, differ, cells, recordSheet, options.budget);
}

/**
 * The key column's JSON where data types were read by their value types: a cell taken to hold the add-in's card
 * (`knownCard`) gets that card unread, a cell of another type (text the analyst typed) none, and every other data type
 * is read (`valuesAsJson`), so that a card is never written over one that was not read.
 */
async function settleKeyJson(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  shapes: readonly Shape[],
  cells: ReadonlyMap<string, CellsRead>,
  refresh: RefreshContext,
  bytesOf: (p: TablePlan) => number,
  budget: number,
): Promise<void> {
  const wanted: KeyJsonWanted[] = [];
  for (const shape of shapes) {
    const read = cells.get(shape.name);
    if (!read) continue;
    read.keyJson = read.keyTypes.map(() => undefined);
    const rows: number[] = [];
    read.keyTypes.forEach((type, i) => {
      if (type !== "Error") return;
      const known = knownCard(shape, read, i, refresh, read.record);
      if (known) read.keyJson[i] = known.card;
      else rows.push(i);
    });
    if (rows.length) wanted.push({ shape, rows, bytes: Math.max(256, bytesOf(shape.plan.native)) });
  }
  if (!wanted.length) return;
  const json = await readKeyJson(context, sync, wanted, budget);
  for (const w of wanted) {
    const read = cells.get(w.shape.name)!;
    for (const [i, v] of json.get(w.shape.name) ?? []) read.keyJson[i] = v;
  }
}

/** Whether the refresh has nothing at all to write. */
const nothingToWrite = (w: Writes): boolean =>
  !w.ops.length && !w.recordOps.length && !w.recreate.length && !w.stampDiffers && !w.heldDiffers;

/**
 * Writes the cells and the record (the stamp last, unless tables are recreated), then recreates the missing
 * tables and writes the stamp. When Excel stops part-way, the failure: the cells of the requests that went
 * through count as written; a refused request may have applied some of its writes, but none of its cells is
 * reported as written.
 */
async function applyWrites(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  index: DatasetIndex,
  checks: readonly ConsistencyCheck[],
  plan: RefreshPlan,
  writes: Writes,
  held: HeldTables,
  recordSheetAfter: { name: string; exists: boolean },
  options: RefreshOptions,
  budget: number,
): Promise<RefreshOutcome["failure"]> {
  const { ops, recordOps, recreate } = writes;
  try {
    await applyOps(
      context,
      sync,
      [...ops, ...recordOps],
      budget,
      recreate.length ? undefined : () => queueStamp(context, writes.stamp, writes.heldAfter),
    );
  } catch (e) {
    if (!(e instanceof PartialWriteError)) throw e;
    return failedPart(e, plan, cellsCarried(e.written));
  }
  if (!recreate.length) return undefined;
  try {
    await recreateTables(context, sync, index, checks, writes, held, recordSheetAfter, options, budget);
  } catch (e) {
    if (!(e instanceof PartialWriteError)) throw e;
    return failedPart(e, plan, cellsCarried(ops));
  }
  return undefined;
}

/** Refreshes the IoMT tables: reads in phases, lets core/refresh.ts decide, writes, and says what it did. */
export async function refreshTables(
  index: DatasetIndex,
  checks: readonly ConsistencyCheck[],
  options: RefreshOptions = {},
  budget = REQUEST_BUDGET_BYTES,
): Promise<RefreshOutcome> {
  return Excel.run(async (context) => {
    const { sync, count } = counted(context);
    const canResize = options.canResize !== false;
    const dataTypes = options.canUseDataTypes === true;
    const pairs = planPairs(index, checks, options);
    const bundled: DatasetStamp = { version: index.dataset.info.version, edition: index.dataset.info.edition };

    // full cards are read by their value types, and their JSON only where a cell is not known to hold the add-in's
    // card; linked cards by their JSON, whose loaded card tells whether Excel must load it again
    const cards = options.cards === "linked" ? "json" : "types";
    const cellsOptions: CellsOptions = {
      dataTypes,
      cards,
      entityBytes: (p) => (cards === "types" ? (dataTypes ? VALUE_TYPE_BYTES : 0) : entityBytes(index, dataTypes, p)),
      budget,
    };
    const workbook = await readWorkbook(context, sync, options.scope === "selection", pairs, canResize, cellsOptions);
    const outcome = (o: Partial<RefreshOutcome> & Pick<RefreshOutcome, "status">): RefreshOutcome => ({
      plan: { actions: [], blocked: false },
      held: workbook.heldStamp,
      bundled,
      recreated: [],
      stamped: false,
      syncs: count(),
      ...o,
    });
    const tables = workbookTables(pairs, workbook);
    if (!tables.length) return outcome({ status: "no-tables" });
    if (compareEdition(workbook.heldStamp, bundled) === "newer" && !options.replaceNewer)
      return outcome({ status: "newer-edition" });

    const inScope = await readScope(sync, tables, workbook);
    if (!inScope) return outcome({ status: "not-in-table", scope: workbook.selection });
    options.onProgress?.(0, inScope.shapes.length);
    const ahead = workbook.ahead?.(inScope.shapes, workbook.own.own.record);
    const cells = await readCells(
      context,
      sync,
      inScope.shapes,
      { ...cellsOptions, recordSheet: workbook.own.own.record },
      ahead,
    );
    const client = refreshContextOf(index, options);
    await settleRecords(context, sync, inScope.shapes, cells, workbook.own.own.record, client, cellsOptions);
    if (dataTypes && cards === "types")
      await settleKeyJson(context, sync, inScope.shapes, cells, client, (p) => entityBytes(index, true, p), budget);
    const read = tablesRead(inScope.tables, inScope.shapes, cells, workbook.held, dataTypes, options.formulas);
    const states = await withOccupiedBelow(context, sync, read.plans, read.states, canResize);

    const decided = planRefresh(read.plans, states, workbook.held, client);
    const formatted = decided.blocked ? undefined : await withWrittenFormats(context, sync, decided, states, budget);
    // the same decisions, with the written cells typed in as their number formats say
    const plan = formatted ? planRefresh(read.plans, formatted, workbook.held, client) : decided;
    const scope = inScope.target?.name;
    if (plan.blocked) return outcome({ status: "blocked", plan, scope });

    const record = ownSheetTarget(workbook.own, "record");
    const recorded = recordChanges(plan, inScope.shapes, cells, record);
    const writes = writesOf(plan, states, read.styles, recorded.ops, workbook, bundled, inScope.shapes.length, options);
    // linked cards that Excel loaded from an earlier edition: Excel loads them again from the load service
    if (options.cards === "linked" && plan.actions.some((a) => "cardsToReload" in a && a.cardsToReload > 0))
      await reloadSegmentCards(context, sync);
    const written = new Set(writes.ops.map((op) => op.table.toLowerCase()));
    options.onProgress?.(
      inScope.shapes.filter((t) => !written.has(t.name.toLowerCase())).length,
      inScope.shapes.length,
    );
    if (nothingToWrite(writes)) return outcome({ status: "unchanged", plan, scope });
    // a record sheet a LibreOffice save left hidden goes back to very hidden with the record's writes
    writes.recordOps.unshift(...ownSheetRepairs(workbook.own));

    const recordSheetAfter = { name: record.name, exists: recorded.recordSheetExists };
    const failure = await applyWrites(
      context,
      sync,
      index,
      checks,
      plan,
      writes,
      workbook.held,
      recordSheetAfter,
      options,
      budget,
    );
    if (failure) return outcome({ status: "failed", plan, scope, failure });
    options.onProgress?.(inScope.shapes.length, inScope.shapes.length);
    const { ops, recordOps, recreate } = writes;
    return outcome({
      status: ops.length > 0 || recreate.length > 0 ? "updated" : "unchanged",
      plan,
      scope,
      recreated: recreate.map((s) => s.tableName),
      stamped: writes.stampDiffers,
      recorded: recordOps.some((op) => op.kind !== "very-hidden") || writes.heldDiffers,
    });
  });
}
