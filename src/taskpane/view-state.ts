/**
 * What the pane shows, from what it knows: the first-run welcome while the workbook holds no IoMT tables, else the
 * workbook's state (edition, last refresh, edits kept) above the views Insert, Refresh, Share and Dataset in a tab
 * bar. Pure: the pane renders this (./views.ts), and the choices are tested without a browser.
 */
import type { DatasetStamp } from "../core/plan";
import { compareEdition } from "../core/refresh";
import type { OutcomeTone } from "./queue";

export type ViewId = "insert" | "refresh" | "share" | "dataset";

/** The tab bar, in order: each view's tab label. */
export const VIEWS: ReadonlyArray<{ id: ViewId; label: string }> = [
  { id: "insert", label: "Insert" },
  { id: "refresh", label: "Refresh" },
  { id: "share", label: "Share" },
  { id: "dataset", label: "Dataset" },
];

/** The last refresh since the add-in started: when, how it went, and how many of the analyst's edits it kept. */
interface LastRefresh {
  /** the local time, "14:02" */
  time: string;
  tone: OutcomeTone;
  summary: string;
}

/** What the pane knows when it renders. */
export interface PaneFacts {
  /** the workbook's dataset stamp: not read yet, unreadable, or read (undefined: no IoMT tables) */
  workbook: { read: "pending" } | { read: "failed"; why: string } | { read: "done"; stamp: DatasetStamp | undefined };
  /** the dataset the add-in carries */
  bundled: DatasetStamp;
  lastRefresh?: LastRefresh;
  /** the view the analyst chose last, if any */
  chosen?: ViewId;
  /** the analyst left the welcome for the views without inserting */
  welcomeDismissed?: boolean;
}

export interface PaneView {
  /** "loading" until the workbook is read; "welcome" on a workbook without IoMT tables; else the views */
  mode: "loading" | "welcome" | "views";
  /** the view whose tab is selected */
  selected: ViewId;
  /** the workbook's state, one line each: its edition, its last refresh */
  edition: { tone: "info" | "ok" | "warn"; text: string };
  lastRefresh: { tone: OutcomeTone | "info"; text: string };
  /** offer "Replace with the add-in's edition" (the workbook holds a newer one) */
  replaceNewer: boolean;
}

/** The edition line of the workbook's state. */
function editionLine(workbook: PaneFacts["workbook"], bundled: DatasetStamp): PaneView["edition"] {
  if (workbook.read === "pending") return { tone: "info", text: "Reading the workbook…" };
  if (workbook.read === "failed")
    return { tone: "warn", text: `Could not read which dataset edition this workbook holds. ${workbook.why}` };
  const held = workbook.stamp;
  if (!held)
    return { tone: "info", text: `No IoMT tables in this workbook yet. The add-in's edition: ${bundled.edition}.` };
  const order = compareEdition(held, bundled);
  if (order === "older")
    return {
      tone: "warn",
      text: `This workbook holds dataset ${held.version} (edition ${held.edition}), older than the add-in's ${bundled.version} (edition ${bundled.edition}). Refresh updates it.`,
    };
  if (order === "newer")
    return {
      tone: "warn",
      text: `This workbook holds dataset ${held.version} (edition ${held.edition}), newer than this add-in's ${bundled.version} (edition ${bundled.edition}). Refresh leaves it as it is; update the add-in, or replace it with the add-in's edition.`,
    };
  return { tone: "ok", text: `Dataset edition ${held.edition}, the add-in's own.` };
}

/** The last-refresh line of the workbook's state. */
function lastRefreshLine(last: LastRefresh | undefined): PaneView["lastRefresh"] {
  return last
    ? { tone: last.tone, text: `Last refresh ${last.time}: ${last.summary}` }
    : { tone: "info", text: "Not refreshed since the add-in started." };
}

export function paneView(facts: PaneFacts): PaneView {
  const { workbook } = facts;
  const holdsTables = workbook.read === "done" && workbook.stamp !== undefined;
  const mode =
    workbook.read === "pending"
      ? "loading"
      : workbook.read === "done" && !workbook.stamp && !facts.welcomeDismissed
        ? "welcome"
        : "views";
  const replaceNewer =
    workbook.read === "done" && !!workbook.stamp && compareEdition(workbook.stamp, facts.bundled) === "newer";
  return {
    mode,
    selected: facts.chosen ?? (holdsTables ? "refresh" : "insert"),
    edition: editionLine(workbook, facts.bundled),
    lastRefresh: lastRefreshLine(facts.lastRefresh),
    replaceNewer,
  };
}

/**
 * The tab an arrow key moves to in the tab bar (WAI-ARIA Authoring Practices, Tabs: Left and Right wrap around,
 * Home and End go to the first and the last); undefined for any other key.
 */
export function tabAfterKey(current: ViewId, key: string): ViewId | undefined {
  const at = VIEWS.findIndex((v) => v.id === current);
  const n = VIEWS.length;
  const to =
    key === "ArrowRight"
      ? (at + 1) % n
      : key === "ArrowLeft"
        ? (at - 1 + n) % n
        : key === "Home"
          ? 0
          : key === "End"
            ? n - 1
            : -1;
  return to < 0 ? undefined : VIEWS[to].id;
}

/** A local time as the state line shows it: "09:05". */
export function clock(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}
