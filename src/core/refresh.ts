/**
 * Refresh, decided without Excel: given what the workbook's IoMT tables hold now and what the plan says
 * they should hold, say per table what to write, or why nothing may be written.
 *
 * Rules: rows are matched by their key (first plan column) wherever the user sorted them; only the plan's
 * columns are written (columns the user added to a table are left alone); rows whose key is not in the
 * dataset are kept; new rows are appended only into empty cells; number formats the user changed on
 * existing cells are kept. If any table is blocked (protected sheet, occupied cells, a missing column),
 * nothing at all is written.
 */
import { formatAddress, parseAddress, qualified } from "./a1";
import type { PlanCell, TablePlan } from "./plan";

/** What the workbook holds for one IoMT table, as read from Excel (or from a file). */
export interface TableState {
  tableName: string;
  sheetName: string;
  sheetProtected: boolean;
  /** the header row's address, e.g. "'IoMT Regions'!A3:P3" */
  headerAddress: string;
  headers: readonly string[];
  /** formulas of the data body (constants as their values) */
  body: readonly (readonly unknown[])[];
  /** formulas of the rows below the table, as many as refresh may need to add */
  below: readonly (readonly unknown[])[];
  /** the key column's display text (a data type cell's formula is "#VALUE!"; its text is the name) */
  keyText?: readonly string[];
  /** the key column's cells as JSON, where Excel has data types (ExcelApi 1.16) */
  keyJson?: readonly unknown[];
}

/** Whether a cell's JSON is a data type (entity). */
export const isEntityJson = (x: unknown): boolean => typeof x === "object" && x !== null && (x as { type?: unknown }).type === "Entity";

export interface ColumnWrite {
  /** sheet-qualified address of the cells to write */
  address: string;
  formulas: PlanCell[][];
  /** number formats, for the cells of new rows only (null keeps the cell's format) */
  numberFormat: (string | null)[][];
}

/** A key cell that holds (or, in a new row, will hold) a segment's data type. */
export interface EntityCell {
  address: string;
  segment: string;
  /** its JSON now; undefined for a new row */
  current?: unknown;
}

export type TableAction =
  | { kind: "unchanged"; tableName: string; sheetName: string; entityCells: EntityCell[] }
  | {
      kind: "update";
      tableName: string;
      sheetName: string;
      entityCells: EntityCell[];
      /** the whole table's new address (header and body) when rows are added */
      resizeTo?: string;
      writes: ColumnWrite[];
      cellsChanged: number;
      rowsAdded: number;
      /** keys of rows kept because the dataset does not have them */
      keptRows: string[];
    }
  | { kind: "blocked"; tableName: string; sheetName: string; reason: string }
  | { kind: "missing"; tableName: string };

export interface RefreshPlan {
  actions: TableAction[];
  /** true when any table is blocked: then nothing is written */
  blocked: boolean;
}

const key = (x: unknown): string => String(x ?? "").trim().toLowerCase();

/**
 * Formulas as Excel may give them back: `Table[[#This Row],[X]]`, `Table[@X]`, `[@[X]]` and `[@X]` are the
 * same reference; spaces outside strings and the `_xlfn.` prefix do not count.
 */
export function canonicalFormula(x: unknown, tableName: string): unknown {
  if (typeof x !== "string" || !x.startsWith("=")) return x;
  let f = x.replace(/_xlfn\./gi, "");
  const escaped = tableName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  f = f.replace(new RegExp(`${escaped}\\[\\[#This Row\\],\\[((?:'.|[^\\]])+)\\]\\]`, "gi"), "[@$1]");
  f = f.replace(new RegExp(`${escaped}\\[@`, "gi"), "[@");
  f = f.replace(/\[@\[((?:'.|[^\]])+)\]\]/g, "[@$1]");
  // inside its own table Excel may drop the table's name, and the second brackets of a plain column
  f = f.replace(new RegExp(`(?<![A-Za-z0-9_.])${escaped}\\[`, "gi"), "[");
  f = f.replace(/\[\[((?:'.|[^\][@#,])+)\]\]/g, "[$1]");
  // drop spaces outside string literals
  return f.replace(/("[^"]*")|\s+/g, (_m, str) => str ?? "");
}

function sameCell(current: unknown, planned: PlanCell, tableName: string): boolean {
  if (typeof planned === "number") return typeof current === "number" && current === planned;
  if (planned.startsWith("=")) return canonicalFormula(current, tableName) === canonicalFormula(planned, tableName);
  return (current ?? "") === planned;
}

const isEmpty = (x: unknown): boolean => x === "" || x === null || x === undefined;

export function planRefresh(plans: readonly TablePlan[], states: ReadonlyMap<string, TableState | undefined>): RefreshPlan {
  const actions = plans.map((p) => refreshTable(p, states.get(p.tableName)));
  return { actions, blocked: actions.some((a) => a.kind === "blocked") };
}

export function refreshTable(plan: TablePlan, state: TableState | undefined): TableAction {
  const tableName = plan.tableName;
  if (!state) return { kind: "missing", tableName };
  const { sheetName } = state;
  if (state.sheetProtected) {
    return { kind: "blocked", tableName, sheetName, reason: `sheet '${sheetName}' is protected; unprotect it to refresh ${tableName}` };
  }
  // Plan columns by header, wherever the user moved them.
  const positions = plan.columns.map((c) => state.headers.findIndex((h) => key(h) === key(c.header)));
  const lost = plan.columns.filter((_, i) => positions[i] < 0).map((c) => `'${c.header}'`);
  if (lost.length) {
    return { kind: "blocked", tableName, sheetName, reason: `${tableName} lacks column ${lost.join(", ")}; rename it back, or delete the table and insert it again` };
  }
  const keyColumn = positions[0];
  const keyOf = (i: number): unknown => state.keyText?.[i] ?? state.body[i][keyColumn];
  const entityRow = (i: number): boolean => isEntityJson(state.keyJson?.[i]);
  const planned = new Map(plan.rows.map((row) => [key(row[0]), row]));
  // New body in the user's row order: dataset rows updated in place, other rows kept.
  const rowsPlan: Array<PlanCell[] | undefined> = [];
  const seen = new Set<string>();
  const keptRows: string[] = [];
  state.body.forEach((_row, i) => {
    const k = key(keyOf(i));
    if (planned.has(k) && !seen.has(k)) {
      rowsPlan.push(planned.get(k));
      seen.add(k);
    } else {
      rowsPlan.push(undefined);
      if (!isEmpty(keyOf(i))) keptRows.push(String(keyOf(i)));
    }
  });
  const added = plan.rows.filter((row) => !seen.has(key(row[0])));
  const header = parseAddress(state.headerAddress);
  const bodyTop = header.row + 1;
  if (added.length) {
    const blocking: string[] = [];
    for (let i = 0; i < added.length; i++) {
      const below = state.below[i] ?? [];
      for (let c = 0; c < header.columns; c++) {
        if (!isEmpty(below[c])) blocking.push(formatAddress({ row: bodyTop + state.body.length + i, column: header.column + c, rows: 1, columns: 1 }));
      }
    }
    if (blocking.length) {
      const list = blocking.slice(0, 6).join(", ") + (blocking.length > 6 ? ` and ${blocking.length - 6} more` : "");
      return {
        kind: "blocked",
        tableName,
        sheetName,
        reason: `${tableName} needs ${added.length} more row(s), but cells below it on sheet '${sheetName}' hold data: ${list}; move them to let refresh grow the table`,
      };
    }
  }
  const allRows = [...rowsPlan, ...added];
  let cellsChanged = 0;
  const writes: ColumnWrite[] = [];
  plan.columns.forEach((_column, j) => {
    const c = positions[j];
    // The key column of existing rows matches by definition (and may hold data types): only new rows are written.
    const first = j === 0 ? state.body.length : 0;
    let changed = false;
    const formulas: PlanCell[][] = [];
    const numberFormat: (string | null)[][] = [];
    for (let i = first; i < allRows.length; i++) {
      const row = allRows[i];
      const existing = i < state.body.length;
      const current = existing ? state.body[i][c] : "";
      if (!existing || (row && !sameCell(current, row[j], tableName))) {
        if (existing || (row && !isEmpty(row[j]))) cellsChanged++;
        changed = true;
      }
      formulas.push([row ? row[j] : (current as PlanCell)]);
      const planIndex = row ? plan.rows.indexOf(row) : -1;
      numberFormat.push([existing || planIndex < 0 ? null : plan.numberFormats[planIndex][j]]);
    }
    if (changed) {
      writes.push({
        address: qualified(sheetName, { row: bodyTop + first, column: header.column + c, rows: allRows.length - first, columns: 1 }),
        formulas,
        numberFormat,
      });
    }
  });
  // Data types in the key column: existing ones are rebuilt and compared by the writer; new rows get them too.
  const entityTable = plan.dataTypes || state.body.some((_r, i) => entityRow(i));
  const entityCells: EntityCell[] = [];
  allRows.forEach((row, i) => {
    if (!row || !entityTable || (i < state.body.length && !entityRow(i))) return;
    entityCells.push({
      address: qualified(sheetName, { row: bodyTop + i, column: header.column + keyColumn, rows: 1, columns: 1 }),
      segment: String(row[0]),
      current: i < state.body.length ? state.keyJson?.[i] : undefined,
    });
  });
  if (!writes.length) return { kind: "unchanged", tableName, sheetName, entityCells };
  return {
    kind: "update",
    tableName,
    sheetName,
    entityCells,
    resizeTo: added.length ? qualified(sheetName, { row: header.row, column: header.column, rows: 1 + allRows.length, columns: header.columns }) : undefined,
    writes,
    cellsChanged,
    rowsAdded: added.length,
    keptRows,
  };
}

/** A few lines for the pane: what refresh did or why it did nothing. */
export function describeRefresh(plan: RefreshPlan, applied: boolean): string[] {
  const lines: string[] = [];
  const blocked = plan.actions.filter((a) => a.kind === "blocked");
  if (blocked.length) {
    lines.push("Nothing was changed: refresh would have to overwrite or could not write:");
    for (const a of blocked) if (a.kind === "blocked") lines.push(`• ${a.reason}.`);
    return lines;
  }
  for (const a of plan.actions) {
    if (a.kind === "update") {
      const kept = a.keptRows.length ? `; kept ${a.keptRows.length} row(s) not in the dataset` : "";
      lines.push(`${a.tableName}: ${a.cellsChanged} cell(s) updated, ${a.rowsAdded} row(s) added, 0 removed${kept}.`);
    } else if (a.kind === "unchanged") {
      lines.push(`${a.tableName}: up to date.`);
    } else if (a.kind === "missing") {
      lines.push(`${a.tableName}: not in the workbook (deleted or renamed); insert it again to recreate it.`);
    }
  }
  if (!applied) lines.unshift("Refresh was not applied.");
  return lines;
}
