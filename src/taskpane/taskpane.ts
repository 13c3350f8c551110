/**
 * The task pane's first screen: the status at the top and the views' shell, shown as soon as Office is ready. Outside
 * Excel (a plain browser) it says so instead of failing; in an Excel that lacks the needed APIs it says what is
 * missing. The tools (./pane-tools.ts: insert, refresh, Share, the trace) follow as a chunk of their own, loaded once
 * the first screen is up; until they arrive the pane's queue holds every action, disabled, with the progress shown.
 * It also registers the ribbon's Refresh command, which runs in the shared runtime without the pane.
 */
import { BUNDLED_FIGURE_COUNT, BUNDLED_INFO } from "../data/bundled-dataset";
import { longDate } from "../lib/dates";
import type { Tone } from "../core/refresh";
import { excelErrorLines } from "../core/excel";
import { $, element, reportList } from "./dom";
import { CommandQueue, type Outcome } from "./queue";
import { bindStatusArea } from "./status-area";
import { bindConfirmStep } from "./confirm-step";
import { applyOfficeTheme } from "./theme";
import { bindViews } from "./views";

/** Requirement sets the pane uses, with what this Excel cannot do without each, in plain words. */
const REQUIREMENTS: Array<{ set: string; version: string; cannot: string }> = [
  { set: "ExcelApi", version: "1.7", cannot: "insert tables" },
  { set: "ExcelApi", version: "1.13", cannot: "add rows to a table on refresh" },
  { set: "ExcelApi", version: "1.16", cannot: "show segments as data types" },
];

const supports = (set: string, version: string): boolean => Office.context.requirements.isSetSupported(set, version);

/** How long the tools wait for a frame before loading anyway: a shared runtime whose pane is hidden draws none. */
const FRAME_WAIT_MS = 100;

/**
 * Resolves once the first screen is drawn: in a task after the next frame (requestAnimationFrame runs before the
 * frame's style, layout and paint; a task it posts runs after them), or after FRAME_WAIT_MS where no frame comes.
 */
const afterFirstScreen = () =>
  new Promise<void>((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      setTimeout(resolve, 0);
    };
    requestAnimationFrame(go);
    setTimeout(go, FRAME_WAIT_MS);
  });

/**
 * The tools, as a chunk of their own (pane-tools.js): asked for once the first screen is drawn, so that running them
 * (the table builders and the dataset's checks) never holds up the frame that shows the pane ready. Where no frame
 * comes (a shared runtime whose pane is hidden), after a short wait: the ribbon's commands need the tools there too.
 */
const loadTools = () => afterFirstScreen().then(() => import(/* webpackChunkName: "pane-tools" */ "./pane-tools"));

function showFacts(): void {
  const info = BUNDLED_INFO;
  $("subtitle").textContent = `${info.title}, edition ${info.edition}.`;
  const facts: Array<[string, string]> = [
    ["Source", `${info.source.publisher}: ${info.source.headline}`],
    ["Date", longDate(info.source.date)],
    ["Dateline", info.source.dateline],
    ["Units", `${info.unit}; rates as fractions (0.25 = 25%)`],
    ["Years", `${info.baseYear} to ${info.forecastYear}`],
    ["Dataset version", info.version],
    ["Figures", `${BUNDLED_FIGURE_COUNT} (reported, derived and not reported)`],
    // counted by the tools when they arrive (./pane-tools.ts showChecks)
    ["Consistency checks", "being counted…"],
  ];
  $("dataset-facts").replaceChildren(...facts.flatMap(([k, v]) => [element("dt", k), element("dd", v)]));
  ($("dataset-facts").lastElementChild as HTMLElement).id = "checks-fact";
}

function setStatus(id: string, text: string, tone: "info" | Tone = "info"): void {
  const el = $(id);
  el.hidden = false;
  el.textContent = text;
  el.className = `status ${tone === "info" ? "" : tone}`.trim();
}

function report(lines: string[], tone: Tone = "ok"): void {
  $("report").replaceChildren(reportList(lines, tone));
}

/** Excel's refusal: its plain words as the outcome, the code in the details. */
function refused(e: unknown): Outcome {
  const lines = excelErrorLines(e);
  report(lines, "bad");
  return { tone: "bad", summary: lines[0] };
}

/** The pane's one queue: every operation that goes to Excel runs through it, one at a time. */
const queue = new CommandQueue(refused);

/** What this Excel cannot do for want of a requirement set, in plain words. */
function missingAbilities(): string[] {
  return REQUIREMENTS.filter((r) => !Office.context.requirements.isSetSupported(r.set, r.version)).map((r) => r.cannot);
}

const orList = (items: string[]): string =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;

/** Says what the page can do where it cannot talk to Excel, and shows the dataset (its checks counted after). */
function withoutExcel(text: string, tone: Tone): void {
  setStatus("host-status", text, tone);
  $("view-dataset").hidden = false;
  loadTools()
    .then((tools) => tools.showChecks())
    .catch(() => ($("checks-fact").textContent = "not counted: the page could not load them"));
}

function start(): void {
  showFacts();
  if (typeof Office === "undefined") {
    withoutExcel(
      "Office.js could not be loaded, so this page cannot talk to Excel. The dataset is shown below.",
      "bad",
    );
    return;
  }
  Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) {
      withoutExcel(
        "This page is running outside Excel. Open it from the IoMT Data button in Excel to insert tables; the dataset is shown below.",
        "warn",
      );
      return;
    }
    // the tools, started once they arrive: asked for below where this Excel can insert tables, else by the ribbon
    let begin!: () => void;
    const ready = new Promise<void>((resolve) => (begin = resolve)).then(loadTools).then((tools) => {
      tools.startTools({ queue, supports, report });
      return tools;
    });
    // the ribbon's Refresh IoMT menu: All IoMT tables, The table at the selection (run once the tools are started)
    const ribbon = (scope: "all" | "selection") => (event: Office.AddinCommands.Event) => {
      begin();
      return ready.then(
        (tools) => tools.refreshFromRibbon(event, scope),
        () => event.completed(),
      );
    };
    Office.actions?.associate("refreshTables", ribbon("all"));
    Office.actions?.associate("refreshSelection", ribbon("selection"));
    applyOfficeTheme(Office.context.officeTheme);
    const missing = missingAbilities();
    if (!supports("ExcelApi", "1.7")) {
      withoutExcel(
        "This version of Excel cannot insert or refresh tables from an add-in. The IOMT.* functions work; to insert tables, update Excel or use Excel on the web.",
        "warn",
      );
      return;
    }
    bindStatusArea(queue);
    bindConfirmStep();
    bindViews({ workbook: { read: "pending" }, bundled: BUNDLED_INFO });
    // Enter in a form control submits its form (HTML's implicit submission): the form never starts an operation
    $("insert-form").addEventListener("submit", (e) => e.preventDefault());
    if (missing.length) {
      setStatus(
        "host-status",
        `Connected to Excel. This version of Excel cannot ${orList(missing)}; the pane says where that matters.`,
        "warn",
      );
    } else {
      // all is well: nothing to say above the views
      setStatus("host-status", "Connected to Excel.", "ok");
      $("host-status").hidden = true;
    }
    // the tools arrive as the queue's first operation: every action waits for them, disabled, the progress shown
    begin();
    void queue.prepare(
      "Getting Insert, Refresh and Share ready…",
      () => ready.then(() => undefined),
      (e) => {
        report([`The add-in's file pane-tools.js did not load: ${e instanceof Error ? e.message : String(e)}`], "bad");
        return {
          tone: "bad",
          summary: "The pane could not load Insert, Refresh and Share. Close the pane and open it again.",
        };
      },
    );
  });
}

start();
