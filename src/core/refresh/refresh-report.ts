/**
 * What a refresh did, as data the pane and the ribbon command show: a status that sets the message's tone,
 * and lines in plain words.
 */
import { parseStructRef, stringifyStructRef, tokenize } from "@borgar/fx";
import { excelNumber, excelCodeDetail, plainExcelError } from "../excel";
import type { DatasetStamp } from "../plan";
import type { CellChange, KeptEdit, RefreshPlan } from "./refresh";
import { isBlank } from "../../lib/blank";

export type RefreshStatus =
  /** cells were written */
  | "updated"
  /** everything already matched the bundled dataset: nothing was written */
  | "unchanged"
  /** a foreseeable refusal (protected sheet, cells in the way, missing column...): nothing was written */
  | "blocked"
  /** the workbook holds a newer edition than the add-in's: nothing was written */
  | "newer-edition"
  /** Excel refused part-way: some tables were written, some not */
  | "failed"
  /** the workbook holds no IoMT table */
  | "no-tables"
  /** a refresh of the table at the selection, with the selection outside every IoMT table */
  | "not-in-table";

export interface RefreshFailure {
  /** Excel's error message, as it gave it (shown only where its code has no plain words, see excel-errors.ts) */
  message: string;
  /** Excel's error code (Excel.ErrorCodes), when it gave one */
  code?: string;
  /** tables whose writes all went through */
  completed: string[];
  /** tables whose writes were in the refused request: some of their cells may be written */
  partial: string[];
  /** tables that were not written at all */
  untouched: string[];
  /**
   * the cells refresh meant to change whose request did not go through (sheet-qualified addresses): those of
   * the refused request (some of which Excel may have written before it stopped) and of the requests after it
   */
  notWritten: string[];
}

export interface RefreshOutcome {
  status: RefreshStatus;
  plan: RefreshPlan;
  /** the edition the workbook held before the refresh */
  held?: DatasetStamp;
  bundled: DatasetStamp;
  /** tables recreated because they had been deleted */
  recreated: string[];
  /** the edition stamp was written */
  stamped: boolean;
  /** the workbook's record (of the tables it holds, or of what the add-in wrote into them) was written */
  recorded?: boolean;
  failure?: RefreshFailure;
  /** context.sync() round trips */
  syncs: number;
  /** a refresh of one table: its name (or the selection's address when it is in none) */
  scope?: string;
}

export type Tone = "ok" | "warn" | "bad";

/** The tone of a refresh's message: its status decides, never its text. */
export function refreshTone(status: RefreshStatus): Tone {
  return status === "updated" || status === "unchanged"
    ? "ok"
    : status === "failed" || status === "blocked"
      ? "bad"
      : "warn";
}

const names = (list: readonly string[]): string => (list.length ? list.join(", ") : "none");

const editsLine = (a: { edits: readonly unknown[] }): string =>
  a.edits.length ? ` Kept ${a.edits.length} edit(s) of yours.` : "";

/** A few lines for the pane: what refresh did or why it did nothing. */
export function describeRefresh(outcome: RefreshOutcome): string[] {
  const { plan, bundled, held } = outcome;
  const lines: string[] = [];
  switch (outcome.status) {
    case "newer-edition":
      return [
        `Nothing was changed: this workbook holds dataset ${held?.version} (edition ${held?.edition}), newer than this add-in's ${bundled.version} (edition ${bundled.edition}).`,
        'Update the add-in to refresh, or choose "Replace with the bundled edition" to go back to the bundled figures.',
      ];
    case "no-tables":
      return ["There are no IoMT tables in this workbook yet: insert them first."];
    case "not-in-table":
      return [
        `Nothing was changed: the selection (${outcome.scope}) is not in an IoMT table. Select a cell in one, or refresh all IoMT tables.`,
      ];
    case "blocked":
      lines.push("Nothing was changed: refresh would have to overwrite or could not write:");
      for (const a of plan.actions) if (a.kind === "blocked") lines.push(`• ${a.reason}.`);
      return lines;
    case "failed": {
      const f = outcome.failure!;
      const written = changes(outcome).length;
      const missing = f.notWritten.length;
      lines.push(`Excel stopped the refresh part-way. ${plainExcelError(f, "refresh again")}`);
      lines.push(
        `${written} cell(s) written; ${missing} not written yet${missing ? " (Excel may have written a few of them before it stopped)" : ""}. Tables completed: ${names(f.completed)}. Partly written: ${names(f.partial)}. Not touched: ${names(f.untouched)}.`,
      );
      lines.push(
        "Refreshing again finishes the work: it writes only what still differs from the dataset. The edition stamp was not changed.",
      );
      const detail = excelCodeDetail(f);
      if (detail) lines.push(detail);
      return lines;
    }
  }
  for (const a of plan.actions) {
    if (a.kind === "blocked") continue;
    if (a.kind === "missing") {
      if (!outcome.recreated.includes(a.tableName))
        lines.push(
          `${a.tableName}: not in the workbook (deleted or renamed); tick "Recreate" and refresh to insert it again.`,
        );
      continue;
    }
    const kept = a.keptRows.length
      ? ` Kept ${a.keptRows.length} row(s) not in the dataset: ${a.keptRows.slice(0, 5).join(", ")}${a.keptRows.length > 5 ? ", …" : ""}.`
      : "";
    const reload = a.cardsToReload
      ? ` ${a.cardsToReload} linked card(s) held an earlier edition: Excel loads them again from the add-in.`
      : "";
    if (a.kind === "unchanged") {
      lines.push(`${a.tableName}: up to date.${kept}${reload}${editsLine(a)}`);
      continue;
    }
    const parts = [`${a.cellsChanged} cell(s) updated`, `${a.rowsAdded} row(s) added`];
    if (a.entitiesUpdated) parts.push(`${a.entitiesUpdated} data type(s) rebuilt`);
    if (a.linesUpdated) parts.push("source line updated");
    lines.push(`${a.tableName}: ${parts.join(", ")}.${kept}${reload}${editsLine(a)}`);
  }
  for (const a of plan.actions) {
    if (a.kind === "blocked" || a.kind === "missing" || a.recordRefused === undefined) continue;
    lines.push(
      `${a.tableName}: the workbook's record of what the add-in wrote there was not used, because ${a.recordRefused}. Cells that differ from the dataset are kept as your edits, and a new record was written. Choose "Overwrite my edits" to take the dataset's figures.`,
    );
  }
  if (
    plan.actions.some(
      (a) => a.kind !== "blocked" && a.kind !== "missing" && a.unrecorded && !a.recordRefused && a.edits.length,
    )
  ) {
    lines.push(
      'This workbook has no record of what the add-in wrote into some tables (they were inserted by an earlier version): cells there that differ from the dataset are kept as your edits. Choose "Overwrite my edits" to take the dataset\'s figures.',
    );
  }
  for (const name of outcome.recreated) lines.push(`${name}: recreated on a new sheet.`);
  if (outcome.stamped) lines.push(`Workbook stamped with dataset ${bundled.version}, edition ${bundled.edition}.`);
  if (outcome.status === "unchanged" && !outcome.stamped) {
    const kept = edits(outcome).length > 0;
    if (outcome.recorded)
      lines.unshift(
        `${kept ? "Every difference from the dataset is an edit of yours, kept" : "Everything is up to date"}; only the workbook's record of what the add-in wrote was brought up to date.`,
      );
    else
      lines.unshift(
        kept
          ? "Nothing was written: every difference from the dataset is an edit of yours, kept."
          : "Everything is up to date: nothing was written.",
      );
  }
  return lines;
}

const planned = (outcome: RefreshOutcome): CellChange[] =>
  outcome.plan.actions.flatMap((a) => (a.kind === "update" ? a.changes : []));

/** Every cell a refresh wrote, with what it held before: when Excel refused part-way, only those whose request went through. */
export function changes(outcome: RefreshOutcome): CellChange[] {
  const notWritten = new Set(outcome.failure?.notWritten ?? []);
  return planned(outcome).filter((c) => !notWritten.has(c.address));
}

/** The cells a refresh that Excel refused part-way meant to change and did not (or not surely) write. */
export function notWritten(outcome: RefreshOutcome): CellChange[] {
  const missing = new Set(outcome.failure?.notWritten ?? []);
  return planned(outcome).filter((c) => missing.has(c.address));
}

/** Every edit of the analyst's that a refresh kept. */
export const edits = (outcome: RefreshOutcome): KeptEdit[] =>
  outcome.plan.actions.flatMap((a) => (a.kind === "update" || a.kind === "unchanged" ? a.edits : []));

const MAX_READABLE = 8192;

/**
 * A formula as Excel's formula bar shows it in a table: `Table[[#This Row],[2029]]` as `[@2029]`,
 * `Table[[#This Row],[Global 2029]]` as `[@[Global 2029]]`, `Table[[Share stated]]` as `Table[Share stated]`.
 * Anything else, and any formula the parser cannot read, is left as it is.
 */
export function readableFormula(formula: string): string {
  if (!formula.startsWith("=") || !formula.includes("[") || formula.length > MAX_READABLE) return formula;
  try {
    const tokens = tokenize(formula, { mergeRefs: true });
    return tokens
      .map((t) => {
        if (t.type !== "structured") return t.value;
        const ref = parseStructRef(t.value);
        if (!ref || ref.context?.length) return t.value;
        const thisRow = ref.sections?.length === 1 && ref.sections[0] === "this row";
        if (thisRow) return stringifyStructRef({ ...ref, table: "" });
        return ref.sections?.length ? t.value : stringifyStructRef(ref);
      })
      .join("");
  } catch {
    return formula;
  }
}

/** A cell's content in one line: numbers as Excel would show them in General, formulas as the formula bar shows them, text as it is. */
export function showCell(x: unknown): string {
  if (isBlank(x)) return "(blank)";
  if (typeof x === "number") return String(excelNumber(x));
  return readableFormula(String(x));
}

export const LOG_HEADERS = [
  "Date",
  "Edition from",
  "Edition to",
  "Table",
  "Cell",
  "Before",
  "After",
  "What happened",
] as const;

/**
 * The refresh's change log, one row per cell changed, edit kept, row added and row kept: what "Write to
 * sheet" appends to the IoMT_RefreshLog table. A refresh that changed nothing logs one line saying so.
 */
export function logRows(outcome: RefreshOutcome, date: string): string[][] {
  const from = outcome.held ? `${outcome.held.version} (${outcome.held.edition})` : "none";
  const to = `${outcome.bundled.version} (${outcome.bundled.edition})`;
  const rows: string[][] = [];
  const missing = new Set(outcome.failure?.notWritten ?? []);
  for (const a of outcome.plan.actions) {
    if (a.kind !== "update" && a.kind !== "unchanged") continue;
    const row = (cell: string, before: unknown, after: unknown, what: string) =>
      rows.push([date, from, to, a.tableName, cell, showCell(before), showCell(after), what]);
    if (a.kind === "update")
      for (const c of a.changes) row(c.address, c.before, c.after, missing.has(c.address) ? "not written yet" : c.what);
    for (const e of a.edits) row(e.address, e.content, e.dataset, "kept your edit");
    for (const k of a.keptRows) row("", k, "", "kept a row not in the dataset");
  }
  if (!rows.length)
    rows.push([
      date,
      from,
      to,
      outcome.scope ?? "all IoMT tables",
      "",
      "",
      "",
      outcome.status === "unchanged" ? "nothing to change" : outcome.status,
    ]);
  return rows;
}
