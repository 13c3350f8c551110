/**
 * The pane's tools, loaded as a chunk of their own once the first screen is shown (./taskpane.ts): insert, refresh,
 * the segment list, Share and the trace, with the workbook's edition read on opening. Until they arrive the queue
 * holds every action, disabled and marked busy.
 */
import { CHECKS, DATASET } from "../data";
import { INDEX } from "../data/bundled";
import {
  DEFAULT_OPTIONS,
  SECTIONS,
  planWorkbook,
  type FormulaStyle,
  type Placement,
  type PlanOptions,
  type SectionId,
} from "../core/plan";
import { edits, type Tone } from "../core/refresh";
import { plainExcelError } from "../core/excel";
import { yearFields } from "../core/functions";
import { insertSegmentList, insertTables, readStamp, registerSegmentDomain, type CardKind } from "../excel/workbook";
import { onRefresh, runRefresh, showRefresh, type PanelHost } from "./refresh-panel";
import { setupPortablePanel } from "./portable-panel";
import { mountTracePanel } from "./trace-panel";
import { officeStartupHost, setupLoadOnOpen } from "./open-ready";
import { $ } from "./dom";
import type { CommandQueue, Operation, Outcome, ReportCount } from "./queue";
import { askFirst, insertQuestion } from "./confirm-step";
import { DIMENSIONS } from "../data/schema";
import { showView, update } from "./views";
import { clock } from "./view-state";

/** What the tools need from the first screen. */
export interface Pane {
  /** the pane's one queue */
  queue: CommandQueue;
  supports(set: string, version: string): boolean;
  /** shows a report in the status area's details */
  report(lines: string[], tone?: Tone): void;
}

let pane: Pane;
const run = (op: Operation): Promise<Outcome> => pane.queue.run(op);
const supports = (set: string, version: string): boolean => pane.supports(set, version);
const report = (lines: string[], tone: Tone = "ok"): void => pane.report(lines, tone);

/**
 * Segment cards are linked (Excel loads them from the add-in and refreshes them at Data > Refresh All) once the
 * domain is registered, where Excel has ExcelApi 1.19 (Windows and Mac); elsewhere full cards, as before.
 */
let linked: Promise<boolean> = Promise.resolve(false);
const cards = async (): Promise<CardKind> => ((await linked) ? "linked" : "full");

/** Asks Excel to load the add-in when this workbook opens (./open-ready.ts); set up when Office is ready. */
let askLoadOnOpen: () => Promise<void> = async () => undefined;

/** The dataset's consistency checks, in the Dataset view's facts. */
export function showChecks(): void {
  $("checks-fact").textContent = `${CHECKS.filter((c) => c.passed).length} of ${CHECKS.length} pass`;
}

function buildSectionChoices(): void {
  const fieldset = $("sections");
  for (const s of SECTIONS) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.name = "section";
    box.value = s.id;
    box.checked = true;
    label.append(box, ` ${s.label}`);
    fieldset.appendChild(label);
  }
}

function chosenOptions(): PlanOptions {
  const form = $<HTMLFormElement>("insert-form");
  const sections = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="section"]:checked')).map(
    (b) => b.value as SectionId,
  );
  const radio = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
  return {
    sections,
    placement: (radio("placement") ?? DEFAULT_OPTIONS.placement) as Placement,
    formulas: (radio("formulas") ?? DEFAULT_OPTIONS.formulas) as FormulaStyle,
    charts: $<HTMLInputElement>("charts").checked,
    dataTypes: $<HTMLInputElement>("data-types").checked && supports("ExcelApi", "1.16"),
  };
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

async function insert(options: PlanOptions, progress: ReportCount): Promise<Outcome> {
  const result = await insertTables(INDEX, CHECKS, options, undefined, await cards(), progress);
  const lines = result.plan.sheets.map(
    (s) =>
      `Sheet '${s.name}': ${s.tables.map((t) => `${t.table.tableName} (${t.table.rows.length} rows)`).join(", ")}.`,
  );
  for (const name of result.skipped) lines.push(`${name} is already in the workbook: Refresh updates it.`);
  const inserted = result.plan.tables.length;
  if (!inserted) lines.unshift("Nothing inserted.");
  report(lines, inserted ? "ok" : "warn");
  if (inserted) await askLoadOnOpen();
  await showEdition();
  const skipped = result.skipped.length ? ` · ${count(result.skipped.length, "table", "tables")} already there` : "";
  return inserted
    ? {
        tone: "ok",
        summary: `${count(inserted, "table", "tables")} inserted on ${count(result.plan.sheets.length, "sheet", "sheets")}${skipped}`,
      }
    : { tone: "warn", summary: `Nothing inserted${skipped}` };
}

/** Insert with the options chosen; from the welcome, the views open on Insert once it is confirmed. */
async function onInsert(fromWelcome = false): Promise<void> {
  const options = chosenOptions();
  if (!options.sections.length) {
    void run({
      progress: "Checking the choices…",
      work: async () => {
        report(["Choose at least one section to insert."], "warn");
        return { tone: "warn", summary: "Choose at least one section to insert." };
      },
    });
    return;
  }
  const plan = planWorkbook(INDEX, CHECKS, options);
  const tables = count(plan.tables.length, "table", "tables");
  if (!(await askFirst(insertQuestion(plan.tables.length, plan.sheets.length), `Insert ${tables}`))) return;
  if (fromWelcome) update({ chosen: "insert" });
  void run({ progress: `Inserting ${tables}…`, work: (progress) => insert(options, progress) });
}

/** What the refresh panel needs from the pane. */
const host: PanelHost = {
  supports,
  cards,
  run,
  afterRefresh: async (summary) => {
    update({ lastRefresh: { time: clock(new Date()), tone: summary.tone, summary: summary.summary } });
    await showEdition();
  },
};

/** Reads the workbook's dataset edition into the pane's state; on opening, a workbook with IoMT tables asks to load on open. */
async function showEdition(opening = false): Promise<void> {
  try {
    const held = await readStamp();
    if (held && opening) void askLoadOnOpen();
    update({ workbook: { read: "done", stamp: held } });
  } catch (e) {
    update({ workbook: { read: "failed", why: plainExcelError(e) } });
  }
}

function buildListChoices(): void {
  const select = $<HTMLSelectElement>("list-dimension");
  const all = document.createElement("option");
  all.value = "";
  all.textContent = "All segments";
  select.appendChild(all);
  for (const d of DIMENSIONS) {
    const o = document.createElement("option");
    o.value = d;
    o.textContent = d.charAt(0).toUpperCase() + d.slice(1);
    select.appendChild(o);
  }
}

function onInsertList(): void {
  const dimension = $<HTMLSelectElement>("list-dimension").value;
  const names = DATASET.segments.filter((s) => !dimension || s.dimension === dimension).map((s) => s.name);
  const dataTypes = supports("ExcelApi", "1.16");
  void run({
    progress: `Writing ${count(names.length, "segment", "segments")} at the selection…`,
    work: async () => {
      const result = await insertSegmentList(INDEX, names, dataTypes, await cards());
      if (result.blocked) {
        const line = `Nothing was written: ${result.blocked}.`;
        report([line], "bad");
        return { tone: "bad", summary: line };
      }
      report([
        `${result.count} segment(s) written to ${result.address}${dataTypes ? ` as data types: select a cell and click its icon for the card, or type =A1.[${yearFields(DATASET.info.baseYear, DATASET.info.forecastYear).endValue}]` : " as text (this Excel has no data types)"}.`,
      ]);
      return { tone: "ok", summary: `${count(result.count, "segment", "segments")} written to ${result.address}` };
    },
  });
}

/**
 * The ribbon's Refresh IoMT menu (all IoMT tables, or the table at the selection): refresh without the pane, in the
 * shared runtime. When there is something the analyst must know (refresh blocked or failed, a table missing, edits
 * of theirs kept), the pane opens on its Refresh view with it; a clean refresh is reported there without opening it.
 */
export async function refreshFromRibbon(event: Office.AddinCommands.Event, scope: "all" | "selection"): Promise<void> {
  try {
    let kept = 0;
    const outcome = await run({
      progress: scope === "selection" ? "Refreshing the table at the selection…" : "Refreshing the IoMT tables…",
      work: async (progress) => {
        const result = await runRefresh(host, { scope, onProgress: progress });
        kept = edits(result).length;
        const summary = showRefresh(host, result);
        await host.afterRefresh(summary);
        return summary;
      },
    });
    if (outcome.tone !== "ok" || kept > 0) {
      showView("refresh");
      await Office.addin.showAsTaskpane().catch(() => undefined);
    }
  } finally {
    event.completed();
  }
}

/** Wires the tools into the first screen and reads the workbook's edition; call once, when Office is ready. */
export function startTools(first: Pane): void {
  pane = first;
  showChecks();
  // "Register linked entity data domains in your Office.onReady initialization code" (Microsoft): done as soon as
  // the tools arrive; an Insert or Refresh asked for meanwhile waits for it, so that it writes the cards of the kind
  // Excel can load
  if (supports("ExcelApi", "1.19")) linked = registerSegmentDomain();
  buildSectionChoices();
  buildListChoices();
  $("insert").addEventListener("click", () => void onInsert());
  $("welcome-insert").addEventListener("click", () => void onInsert(true));
  $("refresh").addEventListener("click", () => void onRefresh(host));
  $("replace-newer").addEventListener("click", () => void onRefresh(host, true));
  $("insert-list").addEventListener("click", onInsertList);
  if (!supports("ExcelApi", "1.16")) {
    const box = $<HTMLInputElement>("data-types");
    box.disabled = true;
    const note = $("data-types-note");
    note.hidden = false;
    note.textContent =
      "This version of Excel has no data types: segment names are inserted as text, and refresh keeps working.";
  }
  setupPortablePanel(run, () => askLoadOnOpen());
  mountTracePanel(supports, pane.queue);
  askLoadOnOpen = setupLoadOnOpen(officeStartupHost());
  void showEdition(true);
}
