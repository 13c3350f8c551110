/**
 * The pane's Refresh section: scope, the report of what changed (cells, the cells not written yet when Excel
 * stopped part-way, the analyst's edits kept, rows added and kept), "Overwrite my edits" for one refresh or per cell, and "Write to sheet" for the change log.
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
import { appendRefreshLog, refreshTables, type RefreshOptions } from "../excel/workbook";
import { andMore, firstFew } from "../lib/first-few";
import { $, element, reportList } from "./dom";

export interface PanelHost {
  supports(set: string, version: string): boolean;
  busy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T | undefined>;
  /** after a refresh: say which edition the workbook now holds */
  afterRefresh(): Promise<void>;
}

const SHOWN = 50;

/** The last refresh's outcome, for "Write to sheet" and the per-cell overwrite buttons. */
let last: RefreshOutcome | undefined;

/** Refreshes with the client's abilities; each table keeps its formula style, whatever the insert form says. */
export function runRefresh(host: PanelHost, extra: RefreshOptions = {}): Promise<RefreshOutcome> {
  return refreshTables(INDEX, CHECKS, {
    canResize: host.supports("ExcelApi", "1.13"),
    canUseDataTypes: host.supports("ExcelApi", "1.16"),
    ...extra,
  });
}

function list<T>(title: string, items: readonly T[], line: (item: T) => HTMLElement): HTMLElement {
  const section = element("section", undefined, "report-list");
  section.append(element("h3", `${title} (${items.length})`));
  const ul = element("ul");
  const { shown, more } = firstFew(items, SHOWN);
  for (const item of shown) ul.append(line(item));
  if (more) ul.append(element("li", `${andMore(more)}: "Write to sheet" logs them all.`));
  section.append(ul);
  return section;
}

function button(id: string, text: string, onClick: () => void, className = "secondary"): HTMLButtonElement {
  const b = element("button", text, className);
  b.type = "button";
  b.id = id;
  b.addEventListener("click", onClick);
  return b;
}

/** Shows a refresh's report in the pane. */
export function showRefresh(host: PanelHost, outcome: RefreshOutcome): void {
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
        li.append(
          button(
            `overwrite-${e.id}`,
            "Overwrite",
            () => void onOverwrite(host, new Set([e.id]), li.querySelector("button")!),
            "link",
          ),
        );
        return li;
      }),
    );
  }
  const actions = element("div", undefined, "report-actions");
  if (kept.length)
    actions.append(
      button("overwrite-edits", "Overwrite my edits", () => void onOverwrite(host, "all", $("overwrite-edits"))),
    );
  if (outcome.status !== "no-tables")
    actions.append(button("write-log", "Write to sheet", () => void onWriteLog(host)));
  if (actions.childElementCount) parts.push(actions);
  $("report").replaceChildren(...parts);
  $("replace-newer").hidden = outcome.status !== "newer-edition";
}

function scope(): RefreshOptions["scope"] {
  return document.querySelector<HTMLInputElement>('input[name="scope"]:checked')?.value === "selection"
    ? "selection"
    : "all";
}

export async function onRefresh(host: PanelHost, replaceNewer = false): Promise<void> {
  const b = $<HTMLButtonElement>(replaceNewer ? "replace-newer" : "refresh");
  const outcome = await host.busy(b, () =>
    runRefresh(host, { recreateMissing: $<HTMLInputElement>("recreate").checked, replaceNewer, scope: scope() }),
  );
  if (!outcome) return;
  showRefresh(host, outcome);
  await host.afterRefresh();
}

/** Refresh again, overwriting the analyst's edits: all of them, or the cells chosen from the list. */
async function onOverwrite(
  host: PanelHost,
  overwrite: "all" | ReadonlySet<string>,
  b: HTMLButtonElement,
): Promise<void> {
  const outcome = await host.busy(b, () => runRefresh(host, { overwrite, scope: scope() }));
  if (!outcome) return;
  showRefresh(host, outcome);
  await host.afterRefresh();
}

async function onWriteLog(host: PanelHost): Promise<void> {
  if (!last) return;
  const outcome = last;
  const result = await host.busy($<HTMLButtonElement>("write-log"), () =>
    appendRefreshLog(logRows(outcome, new Date().toISOString().slice(0, 19).replace("T", " "))),
  );
  if (!result) return;
  const note = element(
    "p",
    result.blocked
      ? `The log was not written: ${result.blocked}.`
      : `${result.rows} line(s) appended to the IoMT_RefreshLog table.`,
    `status ${result.blocked ? "bad" : "ok"}`,
  );
  note.setAttribute("role", "status");
  $("report").append(note);
}
