/**
 * Applies plans to the open workbook through Excel.run, in few round trips: one read of the workbook's
 * IoMT state, then one write (more only when a write would pass the request size budget).
 */
import { formatAddress, parseAddress } from "../core/a1";
import {
  planWorkbook,
  sourceLine,
  STAMP_KEYS,
  SECTIONS,
  type DatasetStamp,
  type Plan,
  type PlanOptions,
  type TablePlan,
} from "../core/plan";
import { planRefresh, type EntityCell, type RefreshPlan, type TableAction, type TableState } from "../core/refresh";
import { segmentEntity, type SegmentEntity } from "../core/entity";
import type { DatasetIndex } from "../core/lookup";
import type { ConsistencyCheck } from "../data/checks";

/** Excel on the web refuses requests over 5 MB; stay well below it. */
export const REQUEST_BUDGET_BYTES = 1024 * 1024;
const TABLE_STYLE = "TableStyleMedium2";

export interface InsertResult {
  plan: Plan;
  skipped: string[];
  syncs: number;
}

export interface RefreshResult {
  refresh: RefreshPlan;
  applied: boolean;
  recreated: string[];
  /** key cells whose data type was written anew */
  entitiesUpdated: number;
  syncs: number;
}

/** Counts round trips so the pane and the tests can report them. */
function counted(context: Excel.RequestContext): { sync: () => Promise<void>; count: () => number } {
  let n = 0;
  return {
    sync: async () => {
      n++;
      await context.sync();
    },
    count: () => n,
  };
}

/** Values and formats for a block of cells, written in one request or sliced across several. */
export interface CellWrite {
  sheet: string;
  address: string;
  formulas?: unknown[][];
  /** null keeps a cell's number format */
  numberFormat?: (string | null)[][];
  /** data types (valuesAsJson), written after formulas */
  json?: unknown[][];
}

const rowsOf = (w: CellWrite): number => (w.formulas ?? w.json ?? []).length;
const writeBytes = (w: CellWrite): number =>
  JSON.stringify(w.formulas ?? null).length + JSON.stringify(w.numberFormat ?? null).length + JSON.stringify(w.json ?? null).length + 200;

/**
 * Queues the structure of a plan's sheets: sheets, titles, headers, tables, column widths, charts, frozen
 * panes and the edition stamp (no sync). Returns the tables' data, to be written in budget-sized batches.
 */
function queueSheets(context: Excel.RequestContext, plan: Plan, source: string): CellWrite[] {
  const data: CellWrite[] = [];
  for (const sheet of plan.sheets) {
    const ws = context.workbook.worksheets.add(sheet.name);
    const widths: number[] = [];
    for (const placed of sheet.tables) {
      const t = placed.table;
      const title = ws.getRange(formatAddress({ row: placed.titleRow, column: 0, rows: 2, columns: 1 }));
      title.values = [[t.title], [source]];
      title.format.font.bold = true;
      const header = ws.getRange(formatAddress({ row: placed.headerRow, column: 0, rows: 1, columns: t.columns.length }));
      header.numberFormat = [t.columns.map(() => "@")];
      header.values = [t.columns.map((c) => c.header)];
      header.format.wrapText = true;
      const area = { row: placed.headerRow, column: 0, rows: 1 + t.rows.length, columns: t.columns.length };
      const table = ws.tables.add(ws.getRange(formatAddress(area)), true);
      table.name = t.tableName;
      table.style = TABLE_STYLE;
      data.push({
        sheet: sheet.name,
        address: formatAddress({ ...area, row: placed.headerRow + 1, rows: t.rows.length }),
        formulas: t.rows.map((r) => [...r]),
        numberFormat: t.numberFormats.map((r) => [...r]),
      });
      t.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.width)));
      if (t.chart) {
        const chartSource = ws.getRange(formatAddress({ ...area, columns: t.chart.columns }));
        const chart = ws.charts.add(t.chart.type as Excel.ChartType, chartSource, Excel.ChartSeriesBy.columns);
        chart.name = `${t.tableName}_Chart`;
        chart.title.text = t.chart.title;
        chart.setPosition(formatAddress({ row: placed.headerRow, column: t.columns.length + 1, rows: 1, columns: 1 }));
      }
    }
    // a cell's columnWidth is its whole column's width
    const top = sheet.tables[0]?.headerRow ?? 0;
    widths.forEach((w, i) => (ws.getRange(formatAddress({ row: top, column: i, rows: 1, columns: 1 })).format.columnWidth = w * 6.5));
    if (sheet.freezeRows) ws.freezePanes.freezeRows(sheet.freezeRows);
  }
  stamp(context, plan.stamp);
  return data;
}

/** The key columns of the tables a plan writes as data types, as one write per table. */
function entityColumns(index: DatasetIndex, plan: Plan): CellWrite[] {
  return plan.sheets.flatMap((sheet) =>
    sheet.tables
      .filter((p) => p.table.dataTypes && p.table.rows.length)
      .map((p) => ({
        sheet: sheet.name,
        address: formatAddress({ row: p.headerRow + 1, column: 0, rows: p.table.rows.length, columns: 1 }),
        json: p.table.rows.map((row) => [safeEntity(index, String(row[0])) ?? { type: "String", basicValue: String(row[0]) }]),
      })),
  );
}

function stamp(context: Excel.RequestContext, s: DatasetStamp): void {
  context.workbook.properties.custom.add(STAMP_KEYS.version, s.version);
  context.workbook.properties.custom.add(STAMP_KEYS.edition, s.edition);
}

/**
 * Writes cell blocks in as few requests as the budget allows: `first` queues work that must come before the
 * data (structure, table growth) and `last` work that must come after; calculation is suspended in each.
 */
async function applyWrites(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  writes: readonly CellWrite[],
  budget: number,
  first: () => void,
  last: () => void,
): Promise<void> {
  const batches = batchWrites(writes.flatMap((w) => sliceWrite(w, budget)), writeBytes, budget);
  if (!batches.length) batches.push([]);
  for (let i = 0; i < batches.length; i++) {
    context.workbook.application.suspendApiCalculationUntilNextSync();
    if (i === 0) first();
    for (const w of batches[i]) {
      const range = context.workbook.worksheets.getItem(w.sheet).getRange(w.address);
      if (w.numberFormat?.some((r) => r.some((f) => f !== null))) {
        range.numberFormat = w.numberFormat.map((r) => r.map((f) => f ?? "General"));
      }
      if (w.formulas) range.formulas = w.formulas;
      if (w.json) range.valuesAsJson = w.json as Excel.CellValue[][];
    }
    if (i === batches.length - 1) last();
    await sync();
  }
}

/** Inserts the chosen sections on new sheets; sections whose table is already in the workbook are left to refresh. */
export async function insertTables(
  index: DatasetIndex,
  checks: readonly ConsistencyCheck[],
  options: PlanOptions,
  budget = REQUEST_BUDGET_BYTES,
): Promise<InsertResult> {
  return Excel.run(async (context) => {
    const { sync, count } = counted(context);
    const sheets = context.workbook.worksheets.load("items/name");
    const tables = context.workbook.tables.load("items/name");
    await sync();
    const existing = tables.items.map((t) => t.name);
    const plan = planWorkbook(index, checks, options, sheets.items.map((s) => s.name), existing);
    const wanted = new Set(options.sections.map((id) => SECTIONS.find((s) => s.id === id)!.tableName.toLowerCase()));
    const skipped = existing.filter((n) => wanted.has(n.toLowerCase()));
    if (plan.tables.length) {
      // the structure is queued first, so the data batches fill tables that already exist
      const data = queueSheets(context, plan, sourceLine(index.dataset));
      await applyWrites(context, sync, [...data, ...entityColumns(index, plan)], budget, () => undefined, () => {
        context.workbook.worksheets.getItem(plan.sheets[0].name).activate();
      });
    }
    return { plan, skipped, syncs: count() };
  });
}

interface TableProxies {
  table: Excel.Table;
  header: Excel.Range;
  body: Excel.Range;
  below: Excel.Range;
  sheet: Excel.Worksheet;
  keys: Excel.Range;
}

/** Queues loads of everything refresh needs to know about one table (no sync). */
function queueTableRead(context: Excel.RequestContext, plan: TablePlan, dataTypes: boolean): TableProxies {
  const table = context.workbook.tables.getItemOrNullObject(plan.tableName);
  table.load("name");
  const header = table.getHeaderRowRange().load("values,address");
  const body = table.getDataBodyRange().load("formulas,address,rowCount");
  const below = table.getRange().getRowsBelow(Math.max(1, plan.rows.length)).load("formulas");
  const sheet = table.worksheet.load("name");
  sheet.protection.load("protected");
  const keys = table.columns.getItemOrNullObject(plan.columns[0].header).getDataBodyRange().load(dataTypes ? "text,valuesAsJson" : "text");
  return { table, header, body, below, sheet, keys };
}

function tableState(p: TableProxies, dataTypes: boolean): TableState | undefined {
  if (p.table.isNullObject) return undefined;
  const keysFound = !p.keys.isNullObject;
  return {
    tableName: p.table.name,
    sheetName: p.sheet.name,
    sheetProtected: p.sheet.protection.protected,
    headerAddress: p.header.address,
    headers: p.header.values[0].map(String),
    body: p.body.formulas,
    below: p.below.formulas,
    keyText: keysFound ? p.keys.text.map((r) => r[0]) : undefined,
    keyJson: keysFound && dataTypes ? p.keys.valuesAsJson.map((r) => r[0]) : undefined,
  };
}

/** Reads the IoMT tables of a plan: one round trip. `dataTypes`: the client has ExcelApi 1.16. */
export async function readTableStates(
  context: Excel.RequestContext,
  plans: readonly TablePlan[],
  sync: () => Promise<void>,
  dataTypes = false,
): Promise<Map<string, TableState | undefined>> {
  const proxies = plans.map((p) => [p.tableName, queueTableRead(context, p, dataTypes)] as const);
  await sync();
  return new Map(proxies.map(([name, p]) => [name, tableState(p, dataTypes)]));
}

/** A data type as Excel gives it back, without the read-only fields it adds, for comparing. */
function comparable(x: unknown): string {
  return JSON.stringify(x, (k, v) => (k === "basicType" || k === "basicValue" && typeof v === "string" && v.startsWith("#") ? undefined : v));
}

/** Writes for key cells whose data type is missing or differs from the dataset's. */
function entityWrites(index: DatasetIndex, cells: readonly EntityCell[]): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const cell of cells) {
    const entity = safeEntity(index, cell.segment);
    if (!entity || (cell.current !== undefined && comparable(cell.current) === comparable(entity))) continue;
    const area = parseAddress(cell.address);
    writes.push({ sheet: area.sheet!, address: formatAddress(area), json: [[entity]] });
  }
  return writes;
}

function safeEntity(index: DatasetIndex, segment: string): SegmentEntity | undefined {
  try {
    return segmentEntity(index, segment);
  } catch {
    return undefined;
  }
}

/** Splits writes into batches that stay under the request budget. */
export function batchWrites<T>(items: readonly T[], size: (x: T) => number, budget = REQUEST_BUDGET_BYTES): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    if (current.length && bytes + n > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += n;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Cuts a write into row slices so that no single write passes the budget. */
function sliceWrite(w: CellWrite, budget: number): CellWrite[] {
  const rows = rowsOf(w);
  const bytes = writeBytes(w);
  if (bytes <= budget || rows < 2) return [w];
  const area = parseAddress(w.address);
  const step = Math.ceil(rows / (Math.ceil(bytes / budget) + 1));
  const out: CellWrite[] = [];
  for (let start = 0; start < rows; start += step) {
    const n = Math.min(step, rows - start);
    const part = <T>(x: T[] | undefined): T[] | undefined => x?.slice(start, start + n);
    out.push({
      sheet: w.sheet,
      address: formatAddress({ row: area.row + start, column: area.column, rows: n, columns: area.columns }),
      formulas: part(w.formulas),
      numberFormat: part(w.numberFormat),
      json: part(w.json),
    });
  }
  return out;
}

/**
 * Rewrites every IoMT table of the plan from the dataset. One read, then one write unless the writes pass
 * the request budget. If any table is blocked, nothing is written.
 */
export async function refreshTables(
  index: DatasetIndex,
  checks: readonly ConsistencyCheck[],
  options: PlanOptions & { recreateMissing?: boolean; canResize?: boolean; canUseDataTypes?: boolean },
  budget = REQUEST_BUDGET_BYTES,
): Promise<RefreshResult> {
  return Excel.run(async (context) => {
    const { sync, count } = counted(context);
    const all = planWorkbook(index, checks, { ...options, sections: SECTIONS.map((s) => s.id) });
    const sheets = context.workbook.worksheets.load("items/name");
    const held = {
      version: context.workbook.properties.custom.getItemOrNullObject(STAMP_KEYS.version).load("value"),
      edition: context.workbook.properties.custom.getItemOrNullObject(STAMP_KEYS.edition).load("value"),
    };
    const dataTypes = options.canUseDataTypes === true;
    const states = await readTableStates(context, all.tables, sync, dataTypes);
    // Refresh every IoMT table that is in the workbook; the options only choose formulas for new rows.
    const present = all.tables.filter((t) => states.get(t.tableName));
    let refresh = planRefresh(all.tables, states);
    if (options.canResize === false) refresh = withoutGrowth(refresh);
    if (refresh.blocked) return { refresh, applied: false, recreated: [], entitiesUpdated: 0, syncs: count() };
    const writes: CellWrite[] = [];
    for (const a of refresh.actions) {
      if (a.kind !== "update") continue;
      for (const w of a.writes) {
        const area = parseAddress(w.address);
        writes.push({ sheet: area.sheet ?? a.sheetName, address: formatAddress(area), formulas: w.formulas, numberFormat: w.numberFormat });
      }
    }
    const missing = refresh.actions.filter((a) => a.kind === "missing").map((a) => a.tableName);
    const recreate = options.recreateMissing ? all.tables.filter((t) => missing.includes(t.tableName)).map((t) => t.section) : [];
    const entityCells = dataTypes ? refresh.actions.flatMap((a) => (a.kind === "update" || a.kind === "unchanged" ? a.entityCells : [])) : [];
    const entities = entityWrites(index, entityCells);
    const entitiesChanged = entities.length > 0;
    const stampChanged = present.length > 0 && (held.version.isNullObject || held.edition.isNullObject || held.version.value !== all.stamp.version || held.edition.value !== all.stamp.edition);
    if (!writes.length && !recreate.length && !stampChanged && !entitiesChanged) return { refresh, applied: true, recreated: [], entitiesUpdated: 0, syncs: count() };
    await applyWrites(
      context,
      sync,
      [...writes, ...entities],
      budget,
      () => {
        // table growth first, so the new rows' cells belong to the table when they are written
        for (const a of refresh.actions) {
          if (a.kind !== "update" || !a.resizeTo) continue;
          const area = parseAddress(a.resizeTo);
          const ws = context.workbook.worksheets.getItem(area.sheet ?? a.sheetName);
          context.workbook.tables.getItem(a.tableName).resize(ws.getRange(formatAddress(area)));
        }
      },
      () => {
        if (recreate.length) {
          const plan = planWorkbook(index, checks, { ...options, sections: recreate }, sheets.items.map((s) => s.name));
          // recreated tables are small: their data goes with the last batch
          for (const w of queueSheets(context, plan, sourceLine(index.dataset))) {
            const range = context.workbook.worksheets.getItem(w.sheet).getRange(w.address);
            if (w.numberFormat) range.numberFormat = w.numberFormat.map((r) => r.map((f) => f ?? "General"));
            if (w.formulas) range.formulas = w.formulas;
          }
        } else {
          stamp(context, all.stamp);
        }
      },
    );
    return { refresh, applied: true, recreated: recreate.map((id) => SECTIONS.find((s) => s.id === id)!.tableName), entitiesUpdated: entities.length, syncs: count() };
  });
}

/** Where the Excel client cannot resize tables (before ExcelApi 1.13), a table that must grow blocks refresh. */
export function withoutGrowth(refresh: RefreshPlan): RefreshPlan {
  const actions = refresh.actions.map((a): TableAction =>
    a.kind === "update" && a.resizeTo
      ? { kind: "blocked", tableName: a.tableName, sheetName: a.sheetName, reason: `${a.tableName} needs ${a.rowsAdded} more row(s), and this version of Excel cannot grow a table (ExcelApi 1.13)` }
      : a,
  );
  return { actions, blocked: actions.some((a) => a.kind === "blocked") };
}

/** The dataset edition the workbook holds, from its custom document properties (one round trip). */
export async function readStamp(): Promise<DatasetStamp | undefined> {
  return Excel.run(async (context) => {
    const version = context.workbook.properties.custom.getItemOrNullObject(STAMP_KEYS.version).load("value");
    const edition = context.workbook.properties.custom.getItemOrNullObject(STAMP_KEYS.edition).load("value");
    await context.sync();
    if (version.isNullObject || edition.isNullObject) return undefined;
    return { version: String(version.value), edition: String(edition.value) };
  });
}

export interface ListResult {
  /** the cells written, e.g. "Sheet1!B2:B19"; undefined when nothing was written */
  address?: string;
  /** why nothing was written */
  blocked?: string;
  count: number;
}

/**
 * Writes a column of segments (all, or one dimension's) at the selected cell: as data types where Excel has
 * them, else as text. Stops without writing when a target cell holds something or the sheet is protected.
 */
export async function insertSegmentList(index: DatasetIndex, names: readonly string[], asDataTypes: boolean): Promise<ListResult> {
  return Excel.run(async (context) => {
    const start = context.workbook.getSelectedRange().getCell(0, 0);
    const target = start.getResizedRange(names.length - 1, 0).load("formulas,address");
    const sheet = start.worksheet.load("name");
    sheet.protection.load("protected");
    await context.sync();
    if (sheet.protection.protected) return { blocked: `sheet '${sheet.name}' is protected`, count: 0 };
    const taken = target.formulas.map((r, i) => (r[0] === "" ? undefined : i)).filter((i): i is number => i !== undefined);
    if (taken.length) {
      const area = parseAddress(target.address);
      const cells = taken.slice(0, 6).map((i) => formatAddress({ row: area.row + i, column: area.column, rows: 1, columns: 1 }));
      return { blocked: `cells ${cells.join(", ")}${taken.length > 6 ? ` and ${taken.length - 6} more` : ""} hold data; select an empty column`, count: 0 };
    }
    if (asDataTypes) {
      target.valuesAsJson = names.map((n) => [segmentEntity(index, n) as unknown as Excel.CellValue]);
    } else {
      target.values = names.map((n) => [n]);
    }
    await context.sync();
    return { address: target.address, count: names.length };
  });
}
