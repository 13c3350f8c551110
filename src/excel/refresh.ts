/**
 * Refreshes the workbook's IoMT tables from the bundled dataset. Reads go in requests under the budget (Excel
 * on the web refuses responses over 5 MB), the decision is core/refresh.ts's, and only the cells it names are
 * written; the edition stamp goes last.
 *
 * Round trips: one to list the tables and read the stamp, one for each table's shape, one (or more, for large
 * tables) for their cells; one more when a table must grow, to look below it; then the writes.
 */
import { formatAddress, parseAddress } from "../core/a1";
import { compareEdition, type DatasetStamp } from "../core/edition";
import { segmentEntity } from "../core/entity";
import type { DatasetIndex } from "../core/lookup";
import { planSections, planWorkbook, sourceLine, SECTIONS, type FormulaStyle, type PlanOptions, type TablePlan } from "../core/plan";
import { planRefresh, rowsToAdd, styleInTable, type RefreshContext, type TableState } from "../core/refresh";
import type { RefreshOutcome } from "../core/refresh-report";
import { batchWrites, REQUEST_BUDGET_BYTES, rowSlices, type WriteOp } from "../core/write-batches";
import type { ConsistencyCheck } from "../data/checks";
import { queueStructure } from "./insert";
import { applyOps, counted, PartialWriteError } from "./requests";
import { heldOf, queueStamp, queueStampRead, stampOf } from "./stamp";

export interface RefreshOptions {
  /** recreate the tables the workbook held and no longer has */
  recreateMissing?: boolean;
  /** the client can grow tables (ExcelApi 1.13); default true */
  canResize?: boolean;
  /** the client has data types (ExcelApi 1.16) */
  canUseDataTypes?: boolean;
  /** replace a newer edition that the workbook holds with the bundled one */
  replaceNewer?: boolean;
  /** the formula style for tables whose own formulas and record do not tell (default native) */
  formulas?: FormulaStyle;
  /** placement and charts of recreated tables */
  placement?: PlanOptions["placement"];
  charts?: boolean;
}

/** Excel's refusal of a request or response over its size limit. */
const isPayloadLimit = (e: unknown): boolean => /PayloadSizeLimitExceeded|payload size/i.test(`${(e as { code?: string })?.code ?? ""} ${(e as Error)?.message ?? ""}`);

interface Shape {
  plan: { native: TablePlan; iomt: TablePlan };
  name: string;
  sheet: string;
  sheetProtected: boolean;
  headerAddress: string;
  headers: string[];
  rows: number;
  totalsRow: boolean;
  filtered: boolean;
}

/** Bytes a body row may take in a response: its cells' formulas and number formats, with room to spare. */
function rowBytes(plan: TablePlan, columns: number, entityBytes: number): number {
  const widest = Math.max(64, ...plan.rows.map((r) => JSON.stringify(r).length));
  return Math.ceil(((widest * 1.25) / plan.columns.length) * columns + columns * 16 + entityBytes + 64);
}

type Read = { shape: Shape; start: number; end: number; load: () => () => void };

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
    const all = SECTIONS.map((s) => s.id);
    const base = { sections: all, placement: options.placement ?? "sheet-per-section", charts: options.charts ?? false } as const;
    const natives = planSections(index, checks, { ...base, formulas: "native" });
    const iomts = planSections(index, checks, { ...base, formulas: "iomt" });
    const bundled: DatasetStamp = { version: index.dataset.info.version, edition: index.dataset.info.edition };

    // 1. which tables the workbook has, and what it records
    const tableList = context.workbook.tables.load("items/name");
    const stampRead = queueStampRead(context);
    await sync();
    const held = heldOf(stampRead);
    const heldStamp = stampOf(stampRead);
    const present = new Map(tableList.items.map((t) => [t.name.toLowerCase(), t.name]));
    const outcome = (o: Partial<RefreshOutcome> & Pick<RefreshOutcome, "status">): RefreshOutcome => ({
      plan: { actions: [], blocked: false },
      held: heldStamp,
      bundled,
      recreated: [],
      stamped: false,
      syncs: count(),
      ...o,
    });
    const ours = natives.map((p, i) => ({ native: p, iomt: iomts[i] })).filter((p) => present.has(p.native.tableName.toLowerCase()) || held.has(p.native.tableName));
    if (!ours.length) return outcome({ status: "no-tables" });
    if (compareEdition(heldStamp, bundled) === "newer" && !options.replaceNewer) return outcome({ status: "newer-edition" });

    // 2. each table's shape: sheet, protection, headers, size, Total Row, filter
    const shapeReads = ours
      .filter((p) => present.has(p.native.tableName.toLowerCase()))
      .map((plan) => {
        const table = context.workbook.tables.getItem(present.get(plan.native.tableName.toLowerCase())!).load("name,showTotals");
        const sheet = table.worksheet.load("name");
        sheet.protection.load("protected");
        const header = table.getHeaderRowRange().load("values,address");
        const body = table.getDataBodyRange().load("rowCount");
        // AutoFilter on tables is ExcelApi 1.9; growing needs 1.13 anyway
        const filter = canResize ? table.autoFilter.load("isDataFiltered") : undefined;
        return () =>
          ({
            plan,
            name: table.name,
            sheet: sheet.name,
            sheetProtected: sheet.protection.protected,
            headerAddress: header.address,
            headers: header.values[0].map(String),
            rows: body.rowCount,
            totalsRow: table.showTotals,
            filtered: filter?.isDataFiltered ?? false,
          }) satisfies Shape;
      });
    await sync();
    const shapes = shapeReads.map((read) => read());

    // 3. the cells, in row slices that keep each response under the budget
    const entityBytes = (p: TablePlan): number =>
      dataTypes && p.segmentKeys ? Math.max(0, ...p.rows.map((r) => JSON.stringify(safeEntity(index, String(r[0])) ?? "").length)) * 1.5 : 0;
    const cells = new Map<string, { body: unknown[][]; formats: string[][]; keyText: string[]; keyJson: unknown[]; lines?: [unknown, unknown] }>();
    const readCells = async (limit: number): Promise<void> => {
      cells.clear();
      const reads: Read[] = [];
      for (const shape of shapes) {
        const per = rowBytes(shape.plan.native, shape.headers.length, entityBytes(shape.plan.native));
        cells.set(shape.name, { body: [], formats: [], keyText: [], keyJson: [] });
        const slices = shape.rows ? rowSlices(shape.rows, per, limit) : [[0, 0] as [number, number]];
        for (const [start, end] of slices) {
          reads.push({
            shape,
            start,
            end,
            load: () => {
              const header = parseAddress(shape.headerAddress);
              const ws = context.workbook.worksheets.getItem(shape.sheet);
              const body = end > start ? ws.getRange(formatAddress({ row: header.row + 1 + start, column: header.column, rows: end - start, columns: header.columns })).load("formulas,numberFormat") : undefined;
              const keyColumn = header.column + Math.max(0, shape.headers.findIndex((h) => h.trim().toLowerCase() === shape.plan.native.columns[0].header.toLowerCase()));
              const keys = end > start ? ws.getRange(formatAddress({ row: header.row + 1 + start, column: keyColumn, rows: end - start, columns: 1 })).load(dataTypes ? "text,valuesAsJson" : "text") : undefined;
              const lines = start === 0 && header.row >= 2 ? ws.getRange(formatAddress({ row: header.row - 2, column: header.column, rows: 2, columns: 1 })).load("formulas") : undefined;
              return () => {
                const into = cells.get(shape.name)!;
                if (body && keys) {
                  into.body.push(...body.formulas);
                  into.formats.push(...(body.numberFormat as string[][]));
                  into.keyText.push(...keys.text.map((r) => r[0]));
                  if (dataTypes) into.keyJson.push(...keys.valuesAsJson.map((r) => r[0]));
                }
                if (lines) into.lines = [lines.formulas[0][0], lines.formulas[1][0]];
              };
            },
          });
        }
      }
      const sizeOf = (r: Read): number => (r.end - r.start) * rowBytes(r.shape.plan.native, r.shape.headers.length, entityBytes(r.shape.plan.native)) + 400;
      for (const batch of batchWrites(reads, sizeOf, limit)) {
        const done = batch.map((r) => r.load());
        await sync();
        done.forEach((d) => d());
      }
    };
    // a response larger than estimated (an analyst's long texts) is read again in smaller slices
    for (let limit = budget; ; limit = Math.floor(limit / 4)) {
      try {
        await readCells(limit);
        break;
      } catch (e) {
        if (!isPayloadLimit(e) || limit < 4096) throw e;
      }
    }

    const states = new Map<string, TableState | undefined>();
    const plans: TablePlan[] = [];
    const styles = new Map<string, FormulaStyle>();
    for (const p of ours) {
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
              formats: read.formats,
              keyText: read.keyText,
              keyJson: dataTypes ? read.keyJson : undefined,
              totalsRow: shape.totalsRow,
              filtered: shape.filtered,
              lines: read.lines,
            }
          : undefined;
      // the style the table shows in its own formulas, else the one it was inserted with
      const style = (state && styleInTable(p.iomt, state)) ?? held.get(p.native.tableName) ?? options.formulas ?? "native";
      plans.push(style === "iomt" ? p.iomt : p.native);
      styles.set(p.native.tableName, style);
      states.set(p.native.tableName, state);
    }

    // 4. where a table must grow, what is below it
    const growing = plans.filter((p) => {
      const s = states.get(p.tableName);
      return s && !s.sheetProtected && !s.totalsRow && !s.filtered && canResize && rowsToAdd(p, s) > 0;
    });
    if (growing.length) {
      const below = growing.map((p) => {
        const s = states.get(p.tableName)!;
        const header = parseAddress(s.headerAddress);
        const area = { row: header.row + 1 + s.body.length, column: header.column, rows: rowsToAdd(p, s), columns: header.columns };
        const range = context.workbook.worksheets.getItem(s.sheetName).getRange(formatAddress(area)).load("formulas");
        return () => {
          const occupied: string[] = [];
          range.formulas.forEach((row, i) =>
            row.forEach((v, j) => {
              if (v !== "" && v !== null) occupied.push(formatAddress({ row: area.row + i, column: area.column + j, rows: 1, columns: 1 }));
            }),
          );
          states.set(p.tableName, { ...s, occupiedBelow: occupied });
        };
      });
      await sync();
      below.forEach((read) => read());
    }

    const refreshContext: RefreshContext = {
      canResize,
      sourceLine: sourceLine(index.dataset),
      entityOf: dataTypes ? (segment) => safeEntity(index, segment) : undefined,
    };
    const plan = planRefresh(plans, states, held, refreshContext);
    if (plan.blocked) return outcome({ status: "blocked", plan });

    const ops: WriteOp[] = plan.actions.flatMap((a) => (a.kind === "update" ? a.ops : []));
    const missing = plan.actions.filter((a) => a.kind === "missing").map((a) => a.tableName);
    const recreate = options.recreateMissing ? SECTIONS.filter((s) => missing.includes(s.tableName)) : [];
    const record = new Map(held);
    for (const [name, s] of states) if (s) record.set(name, styles.get(name)!);
    // the stamp says which edition the tables hold: it changes only when a table is there to hold it
    const stampDiffers = compareEdition(heldStamp, bundled) !== "same" && (shapes.length > 0 || recreate.length > 0);
    const recordDiffers = [...record].some(([k, v]) => held.get(k) !== v) || record.size !== held.size;
    if (!ops.length && !recreate.length && !stampDiffers && !recordDiffers) return outcome({ status: "unchanged", plan });
    const stamp = shapes.length || recreate.length ? bundled : undefined;

    try {
      if (recreate.length) {
        await applyOps(context, sync, ops, budget);
        const style = (id: string) => held.get(SECTIONS.find((s) => s.id === id)!.tableName) ?? options.formulas ?? "native";
        for (const formulas of ["native", "iomt"] as const) {
          const sections = recreate.filter((s) => style(s.id) === formulas).map((s) => s.id);
          if (!sections.length) continue;
          const taken = context.workbook.worksheets.load("items/name");
          await sync();
          const again = planWorkbook(index, checks, { ...base, sections, formulas, dataTypes }, taken.items.map((s) => s.name));
          const structure = queueStructure(context, index, again);
          await applyOps(context, sync, structure.ops, budget, structure.charts);
        }
        for (const s of recreate) record.set(s.tableName, style(s.id));
        queueStamp(context, stamp, record);
        await sync();
      } else {
        await applyOps(context, sync, ops, budget, () => queueStamp(context, stamp, record));
      }
    } catch (e) {
      if (!(e instanceof PartialWriteError)) throw e;
      return outcome({ status: "failed", plan, failure: { message: e.message, ...e.progress } });
    }
    return outcome({ status: "updated", plan, recreated: recreate.map((s) => s.tableName), stamped: stamp !== undefined && stampDiffers });
  });
}

function safeEntity(index: DatasetIndex, segment: string): unknown {
  try {
    return segmentEntity(index, segment);
  } catch {
    return undefined;
  }
}
