/**
 * The pane's Refresh section: scope, the report of what changed (cells, the cells not written yet when Excel
 * stopped part-way, the analyst's edits kept, rows added and kept), "Overwrite my edits" for one refresh or per cell, and "Add to the change log" (the IoMT_RefreshLog table).
 * The message's tone comes from the refresh's status, never from its text.
 */
import { CHECKS } from "../data";
import { INDEX } from "../data/bundled";
import {
  changes,
  describeRefresh,
  edits,
  logRows,
  notWritten,
  refreshTone,
  showCell,
  type RefreshOutcome,
} from "../core/refresh";
import { appendRefreshLog, refreshTables, type CardKind, type RefreshOptions } from "../excel/workbook";
import { andMore, firstFew } from "../lib/first-few";
import { $, element, reportList } from "./dom";
import type { Operation, Outcome } from "./queue";
import { refreshSummary } from "./refresh-summary";
import { askFirst, overwriteQuestion } from "./confirm-step";

export interface PanelHost {
  supports(set: string, version: string): boolean;
  /** how segment cells carry their cards: "linked" once the linked data type's domain is registered (ExcelApi 1.19) */
  cards(): Promise<CardKind>;
  /** runs an operation through the pane's one queue */
  run(op: Operation): Promise<Outcome>;
  /** after a refresh: note its outcome in the workbook's state and read which edition the workbook now holds */
  afterRefresh(summary: Outcome): Promise<void>;
}

const SHOWN = 50;

/** The last refresh's outcome, for "Add to the change log" and the per-cell overwrite buttons. */
let last: RefreshOutcome | undefined;

/** Refreshes with the client's abilities; each table keeps its formula style, whatever the insert form says. */
export async function runRefresh(host: PanelHost, extra: RefreshOptions = {}): Promise<RefreshOutcome> {
  return refreshTables(INDEX, CHECKS, {
    canResize: host.supports("ExcelApi", "1.13"),
    canUseDataTypes: host.supports("ExcelApi", "1.16"),
    cards: await host.cards(),
    ...extra,
  });
}

function list<T>(title: string, items: readonly T[], line: (item: T) => HTMLElement): HTMLElement {
  const section = element("section", undefined, "report-list");
  section.append(element("h3", `${title} (${items.length})`));
  const ul = element("ul");
  const { shown, more } = firstFew(items, SHOWN);
  for (const item of shown) ul.append(line(item));
  if (more) ul.append(element("li", `${andMore(more)}: "Add to the change log" lists them all.`));
  section.append(ul);
  return section;
}

/** 'IoMT Regions'!C4 as a screen reader should say it: IoMT Regions C4. */
function spokenAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return address;
  const sheet = address.slice(0, bang);
  const unquoted = sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
  return `${unquoted} ${address.slice(bang + 1)}`;
}

/**
 * A button that starts an operation (data-op: disabled while one runs). The report is made while its operation
 * still runs (the workbook's edition is read after it), so the button starts disabled and is enabled with every
 * other when the operation ends (./status-area.ts).
 */
function button(id: string, text: string, onClick: () => void, className = ""): HTMLButtonElement {
  const b = element("button", text, className);
  b.type = "button";
  b.id = id;
  b.dataset.op = "";
  b.disabled = true;
  b.addEventListener("click", onClick);
  return b;
}

/** Shows a refresh's report in the pane's details; gives its one-line outcome. */
export function showRefresh(host: PanelHost, outcome: RefreshOutcome): Outcome {
  last = outcome;
  const parts: HTMLElement[] = [reportList(describeRefresh(outcome), refreshTone(outcome.status))];
  const changed = changes(outcome);
  if (changed.length) {
    parts.push(
      list("Cells changed", changed, (c) =>
        element(
          "li",
          `${c.address}: ${showCell(c.before)} → ${showCell(c.after)}${c.what === "updated" ? "" : ` (${c.what})`}`,
        ),
      ),
    );
  }
  const pending = notWritten(outcome);
  if (pending.length) {
    parts.push(
      list("Not written yet", pending, (c) =>
        element("li", `${c.address}: ${showCell(c.before)}, to become ${showCell(c.after)}`),
      ),
    );
  }
  const kept = edits(outcome);
  if (kept.length) {
    parts.push(
      list("Your edits, kept", kept, (e) => {
        const li = element("li", `${e.address}: ${showCell(e.content)} (dataset: ${showCell(e.dataset)}) `);
        const overwrite = button(`overwrite-${e.id}`, "Overwrite", () => onOverwrite(host, new Set([e.id])), "link");
        overwrite.setAttribute("aria-label", `Overwrite ${spokenAddress(e.address)}`);
        li.append(overwrite);
        return li;
      }),
    );
  }
  const actions = element("div", undefined, "report-actions");
  if (kept.length)
    actions.append(button("overwrite-edits", "Overwrite my edits", () => void confirmOverwrite(host, kept.length)));
  if (outcome.status !== "no-tables")
    actions.append(button("write-log", "Add to the change log", () => onWriteLog(host)));
  if (actions.childElementCount) parts.push(actions);
  $("report").replaceChildren(...parts);
  return refreshSummary(outcome);
}

function scope(): RefreshOptions["scope"] {
  return document.querySelector<HTMLInputElement>('input[name="scope"]:checked')?.value === "selection"
    ? "selection"
    : "all";
}

/** Refreshes, then shows the report and the workbook's edition. */
function refresh(host: PanelHost, progress: string, extra: RefreshOptions): void {
  void host.run({
    progress,
    work: async (progress) => {
      const summary = showRefresh(host, await runRefresh(host, { ...extra, onProgress: progress }));
      await host.afterRefresh(summary);
      return summary;
    },
  });
}

export function onRefresh(host: PanelHost, replaceNewer = false): void {
  const s = scope();
  refresh(
    host,
    replaceNewer
      ? "Replacing with the bundled edition…"
      : s === "selection"
        ? "Refreshing the table at the selection…"
        : "Refreshing the IoMT tables…",
    {
      recreateMissing: $<HTMLInputElement>("recreate").checked,
      replaceNewer,
      scope: s,
    },
  );
}

async function confirmOverwrite(host: PanelHost, cells: number): Promise<void> {
  if (await askFirst(overwriteQuestion(cells), `Overwrite ${cells} ${cells === 1 ? "cell" : "cells"}`))
    onOverwrite(host, "all");
}

/** Refresh again, overwriting the analyst's edits: all of them, or the cells chosen from the list. */
function onOverwrite(host: PanelHost, overwrite: "all" | ReadonlySet<string>): void {
  const n = overwrite === "all" ? (last ? edits(last).length : 0) : overwrite.size;
  refresh(host, `Overwriting ${n} ${n === 1 ? "cell" : "cells"} with the dataset's figures…`, {
    overwrite,
    scope: scope(),
  });
}

function onWriteLog(host: PanelHost): void {
  if (!last) return;
  const outcome = last;
  void host.run({
    progress: "Writing the change log…",
    work: async () => {
      const result = await appendRefreshLog(logRows(outcome, new Date().toISOString().slice(0, 19).replace("T", " ")));
      const line = result.blocked
        ? `The log was not written: ${result.blocked}.`
        : `${result.rows} line(s) appended to the IoMT_RefreshLog table.`;
      $("report").replaceChildren(reportList([line], result.blocked ? "bad" : "ok"));
      return { tone: result.blocked ? "bad" : "ok", summary: line };
    },
  });
}
