/**
 * Inserts the chosen sections as Excel tables on new sheets: one read, then the structure and the data in
 * budget-sized requests, charts after their data (so Excel sees the categories), the edition stamp last.
 */
import {
  bodyWrites,
  OP_FRAMING,
  utf8Bytes,
  formatAddress,
  cellInput,
  ownSheetTarget,
  REQUEST_BUDGET_BYTES,
  type WriteOp,
  TABLE_STYLE,
} from "../core/excel";
import { recordOfRows, recordWrites, compareEdition } from "../core/refresh";
import { type DatasetIndex, estimatesRangeAt, knownSegmentEntity, linkedSegment } from "../core/functions";
import { planWorkbook, section, sourceLine, type Plan, type PlanOptions } from "../core/plan";
import type { ConsistencyCheck } from "../data/checks";
import { PUBLISHER_ESTIMATES } from "../data/estimates";
import { queueOwnSheets } from "./own-sheets";
import { applyOps, counted } from "./requests";
import { heldOf, queueStamp, queueStampRead, stampOf } from "./stamp";

export interface InsertResult {
  plan: Plan;
  skipped: string[];
  syncs: number;
  /** the workbook holds a newer edition: its stamp was kept */
  keptNewerStamp: boolean;
}

/**
 * How segment cells carry their cards: "full", the whole card in the cell (ExcelApi 1.16), or "linked", the
 * segment's id that Excel fills from the add-in's load service (ExcelApi 1.19 with the domain registered).
 */
export type CardKind = "full" | "linked";

/** Other publishers' range of the global market in a year, for the global segment's card. */
export const PUBLISHERS_RANGE_AT = estimatesRangeAt(PUBLISHER_ESTIMATES);

/** A segment's data type as the cell gets it; undefined for a name the dataset does not know. */
export const cardOf = (index: DatasetIndex, segment: string, cards: CardKind): unknown =>
  cards === "linked" ? linkedSegment(index, segment) : knownSegmentEntity(index, segment, PUBLISHERS_RANGE_AT);

/**
 * Queues the structure of a plan's sheets (sheets, title and source lines, headers, empty tables, column
 * widths, frozen panes; no sync) and returns the writes that fill the tables, and the charts to add after them.
 * The tables' record goes on `recordSheet` (added, very hidden and marked, when it does not exist).
 */
export function queueStructure(
  context: Excel.RequestContext,
  index: DatasetIndex,
  plan: Plan,
  recordSheet: { name: string; exists: boolean },
  cards: CardKind = "full",
): { ops: WriteOp[]; charts: () => void; queued: number } {
  const ops: WriteOp[] = [];
  // the size of what is queued here (no sync), estimated as write-batches.ts estimates writes
  let queued = 0;
  // the record of what the add-in wrote, after the cells it describes
  const recordOps: WriteOp[] = [];
  const charts: Array<() => void> = [];
  const source = sourceLine(index.dataset);
  for (const sheet of plan.sheets) {
    const ws = context.workbook.worksheets.add(sheet.name);
    const widths: number[] = [];
    queued += 2 * OP_FRAMING;
    for (const placed of sheet.tables) {
      const t = placed.table;
      queued += utf8Bytes(JSON.stringify([t.title, source, t.columns.map((c) => c.header)])) + 12 * OP_FRAMING;
      queued += 5 * t.columns.length + (t.chart ? 6 * OP_FRAMING : 0);
      const title = ws.getRange(formatAddress({ row: placed.titleRow, column: 0, rows: 2, columns: 1 }));
      title.formulas = [[cellInput(t.title, "General")], [cellInput(source, "General")]] as string[][];
      title.format.font.bold = true;
      const header = ws.getRange(
        formatAddress({ row: placed.headerRow, column: 0, rows: 1, columns: t.columns.length }),
      );
      header.numberFormat = [t.columns.map(() => "@")];
      header.values = [t.columns.map((c) => c.header)];
      header.format.wrapText = true;
      const area = { row: placed.headerRow, column: 0, rows: 1 + t.rows.length, columns: t.columns.length };
      const table = ws.tables.add(ws.getRange(formatAddress(area)), true);
      table.name = t.tableName;
      table.style = TABLE_STYLE;
      if (t.rows.length) {
        const base = { kind: "cells" as const, table: t.tableName, sheet: sheet.name };
        const top = placed.headerRow + 1;
        const keyed = t.dataTypes ? t.rows.map((row) => cardOf(index, String(row[0]), cards)) : undefined;
        if (keyed?.every((card) => card !== undefined)) {
          // every key cell gets its card: the key column's text would only be written over, so it gets its number
          // format alone, and the other columns their content
          const key = bodyWrites(base, { row: top, column: 0 }, t.rows, t.numberFormats, 1);
          ops.push(...key.filter((op) => !op.formulas && op.fill?.formula === undefined));
          const rest = <T>(rows: readonly (readonly T[])[]): T[][] => rows.map((r) => r.slice(1));
          ops.push(
            ...bodyWrites(base, { row: top, column: 1 }, rest(t.rows), rest(t.numberFormats), t.columns.length - 1),
          );
        } else ops.push(...bodyWrites(base, { row: top, column: 0 }, t.rows, t.numberFormats, t.columns.length));
        if (keyed) {
          const keys = formatAddress({ row: top, column: 0, rows: t.rows.length, columns: 1 });
          ops.push({ ...base, address: keys, json: keyed.map((card) => [card ?? null]) });
        }
      }
      recordOps.push(
        ...recordWrites(
          t.tableName,
          recordOfRows(
            t.tableName,
            t.columns.map((c) => c.header),
            t.rows,
            t.dataTypes && cards === "full" ? (row) => cardOf(index, String(row[0]), cards) : undefined,
          ),
          0,
          { name: recordSheet.name, exists: recordSheet.exists || recordOps.length > 0 },
        ),
      );
      t.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.width)));
      if (t.chart) {
        const chart = t.chart;
        charts.push(() => {
          const rows = chart.rows === undefined ? area.rows : 1 + chart.rows;
          const data = ws.getRange(formatAddress({ ...area, columns: chart.columns, rows }));
          const added = ws.charts.add(chart.type as Excel.ChartType, data, Excel.ChartSeriesBy.columns);
          added.name = `${t.tableName}_Chart`;
          added.title.text = chart.title;
          added.setPosition(
            formatAddress({ row: placed.headerRow, column: t.columns.length + 1, rows: 1, columns: 1 }),
          );
        });
      }
    }
    // a cell's columnWidth is its whole column's width
    const top = sheet.tables[0]?.headerRow ?? 0;
    queued += 2 * OP_FRAMING * widths.length;
    widths.forEach(
      (w, i) => (ws.getRange(formatAddress({ row: top, column: i, rows: 1, columns: 1 })).format.columnWidth = w * 6.5),
    );
    if (sheet.freezeRows) ws.freezePanes.freezeRows(sheet.freezeRows);
  }
  return { ops: [...ops, ...recordOps], charts: () => charts.forEach((add) => add()), queued };
}

/**
 * Inserts the chosen sections on new sheets; sections whose table is already in the workbook are left to refresh.
 * `onProgress` hears how many of the tables to insert are written: 0 once they are planned, then after each request.
 */
export async function insertTables(
  index: DatasetIndex,
  checks: readonly ConsistencyCheck[],
  options: PlanOptions,
  budget = REQUEST_BUDGET_BYTES,
  cards: CardKind = "full",
  onProgress?: (done: number, total: number) => void,
): Promise<InsertResult> {
  return Excel.run(async (context) => {
    const { sync, count } = counted(context);
    const ownRead = queueOwnSheets(context);
    const tables = context.workbook.tables.load("items/name");
    const stampRead = queueStampRead(context);
    await sync();
    const own = await ownRead(sync);
    const existing = tables.items.map((t) => t.name);
    const plan = planWorkbook(index, checks, options, own.names, existing);
    const wanted = new Set(options.sections.map((id) => section(id).tableName.toLowerCase()));
    const skipped = existing.filter((n) => wanted.has(n.toLowerCase()));
    const keptNewerStamp = compareEdition(stampOf(stampRead), plan.stamp) === "newer";
    if (plan.tables.length) {
      const held = heldOf(stampRead);
      for (const t of plan.tables) held.set(t.tableName, options.formulas);
      // the structure goes in the first request, so the data fill tables that already exist
      const recordSheet = ownSheetTarget(
        own,
        "record",
        plan.sheets.map((s) => s.name),
      );
      const { ops, charts, queued } = queueStructure(context, index, plan, recordSheet, cards);
      const total = plan.tables.length;
      // a table counts as inserted once every write of its own has gone through (its record lives in a sheet apart)
      const inserting = new Set(plan.tables.map((t) => t.tableName));
      onProgress?.(0, total);
      await applyOps(
        context,
        sync,
        ops,
        budget,
        () => {
          charts();
          context.workbook.worksheets.getItem(plan.sheets[0].name).activate();
          queueStamp(context, keptNewerStamp ? undefined : plan.stamp, held);
        },
        queued,
        onProgress && ((tables) => onProgress(tables.filter((t) => inserting.has(t)).length, total)),
      );
      onProgress?.(total, total);
    }
    return { plan, skipped, syncs: count(), keptNewerStamp };
  });
}
