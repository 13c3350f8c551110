/**
 * Refreshes the workbook's IoMT tables from the bundled dataset: reads within the budget (refresh-read.ts),
 * lets core/refresh.ts decide cell by cell, writes only the cells it names, then the record of what the add-in
 * wrote, then the edition stamp, last.
 *
 * Round trips: one to list the tables and read the workbook's record, one for the tables' shapes, one (or
 * more, for large tables) for their cells; one more when a table must grow, to look below it; then the writes.
 */
import { parseAddress } from "../core/a1";
import { recordWrites, sameRecord } from "../core/cell-record";
import { compareEdition, type DatasetStamp } from "../core/edition";
import { knownSegmentEntity } from "../core/entity";
import type { DatasetIndex } from "../core/lookup";
import { ownSheetTarget } from "../core/own-sheets";
import {
  planSections,
  planWorkbook,
  section,
  sourceLine,
  SECTIONS,
  type FormulaStyle,
  type PlanOptions,
  type SectionId,
  type TablePlan,
} from "../core/plan";
import { planRefresh, rowsToAdd, styleInTable, type RefreshContext, type TableState } from "../core/refresh";
import type { RefreshOutcome } from "../core/refresh-report";
import { addressKey, cellsCarried, REQUEST_BUDGET_BYTES, type WriteOp } from "../core/write-batches";
import type { ConsistencyCheck } from "../data/checks";
import { queueStructure } from "./insert";
import { queueOwnSheets } from "./own-sheets";
import { readBelow, readCells, readShapes, type PlanPair } from "./refresh-read";
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
  /** overwrite the analyst's edits: all of them, or the cells with these ids (core/refresh.ts `cellId`) */
  overwrite?: "all" | ReadonlySet<string>;
  /** refresh every IoMT table (default), or only the one holding the selected cell */
  scope?: "all" | "selection";
  /** the formula style for tables whose own formulas and record do not tell (default native) */
  formulas?: FormulaStyle;
  /** placement and charts of recreated tables */
  placement?: PlanOptions["placement"];
  charts?: boolean;
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
    const base = {
      sections: SECTIONS.map((s) => s.id),
      placement: options.placement ?? "sheet-per-section",
      charts: options.charts ?? false,
    } as const;
    const natives = planSections(index, checks, { ...base, formulas: "native" });
    const iomts = planSections(index, checks, { ...base, formulas: "iomt" });
    const bundled: DatasetStamp = { version: index.dataset.info.version, edition: index.dataset.info.edition };

    // 1. which tables the workbook has, and what it records
    const tableList = context.workbook.tables.load("items/name");
    const ownRead = queueOwnSheets(context);
    const selection = options.scope === "selection" ? context.workbook.getSelectedRange().load("address") : undefined;
    const stampRead = queueStampRead(context);
    await sync();
    const own = await ownRead(sync);
    const recordSheet = own.own.record;
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
    let ours: PlanPair[] = natives
      .map((p, i) => ({ native: p, iomt: iomts[i] }))
      .filter((p) => present.has(p.native.tableName.toLowerCase()) || held.has(p.native.tableName));
    if (!ours.length) return outcome({ status: "no-tables" });
    if (compareEdition(heldStamp, bundled) === "newer" && !options.replaceNewer)
      return outcome({ status: "newer-edition" });

    // 2. each table's shape
    const hasRecord = recordSheet !== undefined;
    let shapes = await readShapes(
      context,
      sync,
      ours
        .filter((p) => present.has(p.native.tableName.toLowerCase()))
        .map((plan) => ({ plan, name: present.get(plan.native.tableName.toLowerCase())! })),
      canResize,
      recordSheet,
    );
    if (selection) {
      const target = shapes.find((s) =>
        inTable(selection.address, s.sheet, s.headerAddress, s.rows + (s.totalsRow ? 1 : 0)),
      );
      if (!target) return outcome({ status: "not-in-table", scope: selection.address });
      shapes = [target];
      ours = [target.plan];
    }

    // 3. their cells
    // a data type's size in a response, estimated from the table's first rows (cards differ little in size)
    const entityBytes = (p: TablePlan): number =>
      dataTypes && p.segmentKeys
        ? Math.max(
            0,
            ...p.rows.slice(0, 32).map((r) => JSON.stringify(knownSegmentEntity(index, String(r[0])) ?? "").length),
          ) * 1.5
        : 0;
    const cells = await readCells(context, sync, shapes, { dataTypes, entityBytes, budget, recordSheet });

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
              record: read.record,
              recordRefused: shape.recordRefused ?? read.recordRefused,
            }
          : undefined;
      // the style the table shows in its own formulas, else the one it was inserted with
      const style =
        (state && styleInTable(p.iomt, state)) ?? held.get(p.native.tableName) ?? options.formulas ?? "native";
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
      growing.forEach((p, k) => states.set(p.tableName, { ...states.get(p.tableName)!, occupiedBelow: occupied[k] }));
    }

    const refreshContext: RefreshContext = {
      canResize,
      sourceLine: sourceLine(index.dataset),
      entityOf: dataTypes ? (segment) => knownSegmentEntity(index, segment) : undefined,
      overwrite: options.overwrite,
    };
    const plan = planRefresh(plans, states, held, refreshContext);
    const scope = selection ? shapes[0].name : undefined;
    if (plan.blocked) return outcome({ status: "blocked", plan, scope });

    const ops: WriteOp[] = plan.actions.flatMap((a) => (a.kind === "update" ? a.ops : []));
    // the record of what the add-in wrote goes after the cells, so that a refused request leaves no record of cells not written
    // the record goes on the add-in's record sheet, or on a new one whose name no sheet has
    const record = ownSheetTarget(own, "record");
    let sheetAdded = hasRecord;
    const recordOps: WriteOp[] = [];
    for (const a of plan.actions) {
      if (a.kind !== "update" && a.kind !== "unchanged") continue;
      const shape = shapes.find((s) => s.name === a.tableName)!;
      if (sameRecord(cells.get(shape.name)?.record, a.record)) continue;
      recordOps.push(
        ...recordWrites(shape.plan.native.tableName, a.record, shape.recordRows ?? 0, {
          name: record.name,
          exists: sheetAdded,
        }),
      );
      sheetAdded = true;
    }
    const missing = plan.actions.filter((a) => a.kind === "missing").map((a) => a.tableName);
    const recreate = options.recreateMissing ? SECTIONS.filter((s) => missing.includes(s.tableName)) : [];
    const heldAfter = new Map(held);
    for (const [name, s] of states) if (s) heldAfter.set(name, styles.get(name)!);
    // the stamp says which edition the tables hold: it changes only when a table is there to hold it, and a
    // refresh of one table leaves it to a refresh of all
    const stamp = !selection && (shapes.length || recreate.length) ? bundled : undefined;
    const stampDiffers = stamp !== undefined && compareEdition(heldStamp, bundled) !== "same";
    const heldDiffers = [...heldAfter].some(([k, v]) => held.get(k) !== v) || heldAfter.size !== held.size;
    if (!ops.length && !recordOps.length && !recreate.length && !stampDiffers && !heldDiffers)
      return outcome({ status: "unchanged", plan, scope });

    // the cells of the requests that went through: a refused request may have applied some of its writes, but
    // none of its cells is reported as written
    let cellsWritten = false;
    try {
      await applyOps(
        context,
        sync,
        [...ops, ...recordOps],
        budget,
        recreate.length ? undefined : () => queueStamp(context, stamp, heldAfter),
      );
      cellsWritten = true;
      if (recreate.length) {
        const style = (id: SectionId) => held.get(section(id).tableName) ?? options.formulas ?? "native";
        for (const formulas of ["native", "iomt"] as const) {
          const sections = recreate.filter((s) => style(s.id) === formulas).map((s) => s.id);
          if (!sections.length) continue;
          const taken = context.workbook.worksheets.load("items/name");
          await sync();
          const again = planWorkbook(index, checks, { ...base, sections, formulas, dataTypes }, [
            ...taken.items.map((s) => s.name),
            record.name,
          ]);
          const structure = queueStructure(context, index, again, { name: record.name, exists: sheetAdded });
          sheetAdded = true;
          await applyOps(context, sync, structure.ops, budget, structure.charts);
        }
        for (const s of recreate) heldAfter.set(s.tableName, style(s.id));
        queueStamp(context, stamp, heldAfter);
        await sync();
      }
    } catch (e) {
      if (!(e instanceof PartialWriteError)) throw e;
      const done = cellsCarried(cellsWritten ? ops : e.written);
      const notWritten = plan.actions
        .flatMap((a) => (a.kind === "update" ? a.changes : []))
        .filter((c) => !done.has(addressKey(c.address)))
        .map((c) => c.address);
      return outcome({
        status: "failed",
        plan,
        scope,
        failure: { message: e.message, code: e.code, ...e.progress, notWritten },
      });
    }
    const wroteCells = ops.length > 0 || recreate.length > 0;
    return outcome({
      status: wroteCells ? "updated" : "unchanged",
      plan,
      scope,
      recreated: recreate.map((s) => s.tableName),
      stamped: stampDiffers,
      recorded: recordOps.length > 0 || heldDiffers,
    });
  });
}
