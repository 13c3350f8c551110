/**
 * What a refresh did, as data the pane and the ribbon command show: a status that sets the message's tone,
 * and lines in plain words.
 */
import type { DatasetStamp } from "./edition";
import type { RefreshPlan } from "./refresh";

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
  | "no-tables";

export interface RefreshFailure {
  /** Excel's error, as it gave it */
  message: string;
  /** tables whose writes all went through */
  completed: string[];
  /** tables whose writes were in the refused request: some of their cells may be written */
  partial: string[];
  /** tables that were not written at all */
  untouched: string[];
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
  failure?: RefreshFailure;
  /** context.sync() round trips */
  syncs: number;
}

export type Tone = "ok" | "warn" | "bad";

/** The tone of a refresh's message: its status decides, never its text. */
export function refreshTone(status: RefreshStatus): Tone {
  return status === "updated" || status === "unchanged" ? "ok" : status === "failed" || status === "blocked" ? "bad" : "warn";
}

const names = (list: readonly string[]): string => (list.length ? list.join(", ") : "none");

/** A few lines for the pane: what refresh did or why it did nothing. */
export function describeRefresh(outcome: RefreshOutcome): string[] {
  const { plan, bundled, held } = outcome;
  const lines: string[] = [];
  switch (outcome.status) {
    case "newer-edition":
      return [
        `Nothing was changed: this workbook holds dataset ${held?.version} (edition ${held?.edition}), newer than this add-in's ${bundled.version} (edition ${bundled.edition}).`,
        "Update the add-in to refresh, or choose \"Replace with the bundled edition\" to go back to the bundled figures.",
      ];
    case "no-tables":
      return ["There are no IoMT tables in this workbook yet: insert them first."];
    case "blocked":
      lines.push("Nothing was changed: refresh would have to overwrite or could not write:");
      for (const a of plan.actions) if (a.kind === "blocked") lines.push(`• ${a.reason}.`);
      return lines;
    case "failed": {
      const f = outcome.failure!;
      lines.push(`Excel refused part of the refresh: ${f.message}`);
      lines.push(`Completed: ${names(f.completed)}. Partly written: ${names(f.partial)}. Not touched: ${names(f.untouched)}.`);
      lines.push("Refresh again to finish: it writes only what still differs from the dataset. The edition stamp was not changed.");
      return lines;
    }
  }
  for (const a of plan.actions) {
    if (a.kind === "blocked") continue;
    if (a.kind === "missing") {
      if (!outcome.recreated.includes(a.tableName)) lines.push(`${a.tableName}: not in the workbook (deleted or renamed); tick "Recreate" and refresh to insert it again.`);
      continue;
    }
    const kept = a.keptRows.length ? ` Kept ${a.keptRows.length} row(s) not in the dataset: ${a.keptRows.slice(0, 5).join(", ")}${a.keptRows.length > 5 ? ", …" : ""}.` : "";
    if (a.kind === "unchanged") {
      lines.push(`${a.tableName}: up to date.${kept}`);
      continue;
    }
    const parts = [`${a.cellsChanged} cell(s) updated`, `${a.rowsAdded} row(s) added`];
    if (a.entitiesUpdated) parts.push(`${a.entitiesUpdated} data type(s) rebuilt`);
    if (a.linesUpdated) parts.push("source line updated");
    lines.push(`${a.tableName}: ${parts.join(", ")}.${kept}`);
  }
  for (const name of outcome.recreated) lines.push(`${name}: recreated on a new sheet.`);
  if (outcome.stamped) lines.push(`Workbook stamped with dataset ${bundled.version}, edition ${bundled.edition}.`);
  if (outcome.status === "unchanged") lines.unshift("Everything is up to date: nothing was written.");
  return lines;
}
