/**
 * The task pane: inserts the dataset as Excel tables and refreshes them. Outside Excel (a plain browser)
 * it says so instead of failing; in an Excel that lacks the needed APIs it says what is missing.
 * It also registers the ribbon's Refresh command, which runs in the shared runtime without the pane.
 */
import { CHECKS, DATASET } from "../data";
import { INDEX } from "../data/bundled";
import { longDate } from "../lib/dates";
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
import { plainExcelError, excelErrorLines } from "../core/excel";
import { yearFields } from "../core/functions";
import { insertSegmentList, insertTables, readStamp, registerSegmentDomain, type CardKind } from "../excel/workbook";
import { onRefresh, runRefresh, showRefresh, type PanelHost } from "./refresh-panel";
import { setupPortablePanel } from "./portable-panel";
import { mountTracePanel } from "./trace-panel";
import { officeStartupHost, setupLoadOnOpen } from "./open-ready";
import { $, element, reportList } from "./dom";
import { CommandQueue, type Operation, type Outcome, type ReportCount } from "./queue";
import { bindStatusArea } from "./status-area";
import { askFirst, bindConfirmStep, insertQuestion } from "./confirm-step";
import { applyOfficeTheme } from "./theme";
import { DIMENSIONS } from "../data/schema";
import { bindViews, showView, update } from "./views";
import { clock } from "./view-state";

/** Requirement sets the pane uses, with what this Excel cannot do without each, in plain words. */
const REQUIREMENTS: Array<{ set: string; version: string; cannot: string }> = [
  { set: "ExcelApi", version: "1.7", cannot: "insert tables" },
  { set: "ExcelApi", version: "1.13", cannot: "add rows to a table on refresh" },
  { set: "ExcelApi", version: "1.16", cannot: "show segments as data types" },
];

/**
 * Segment cards are linked (Excel loads them from the add-in and refreshes them at Data > Refresh All) once the
 * domain is registered, where Excel has ExcelApi 1.19 (Windows and Mac); elsewhere full cards, as before.
 */
let linked: Promise<boolean> = Promise.resolve(false);
const cards = async (): Promise<CardKind> => ((await linked) ? "linked" : "full");

const supports = (set: string, version: string): boolean => Office.context.requirements.isSetSupported(set, version);

/** Asks Excel to load the add-in when this workbook opens (./open-ready.ts); set up when Office is ready. */
let askLoadOnOpen: () => Promise<void> = async () => undefined;

function showFacts(): void {
  const { info } = DATASET;
  $("subtitle").textContent = `${info.title}, edition ${info.edition}.`;
  const facts: Array<[string, string]> = [
    ["Source", `${info.source.publisher}: ${info.source.headline}`],
    ["Date", longDate(info.source.date)],
    ["Dateline", info.source.dateline],
    ["Units", `${info.unit}; rates as fractions (0.25 = 25%)`],
    ["Years", `${info.baseYear} to ${info.forecastYear}`],
    ["Dataset version", info.version],
    ["Figures", `${DATASET.figures.length} (reported, derived and not reported)`],
    ["Consistency checks", `${CHECKS.filter((c) => c.passed).length} of ${CHECKS.length} pass`],
  ];
  $("dataset-facts").replaceChildren(...facts.flatMap(([k, v]) => [element("dt", k), element("dd", v)]));
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

/** Excel's refusal: its plain words as the outcome, the code in the details. */
function refused(e: unknown): Outcome {
  const lines = excelErrorLines(e);
  report(lines, "bad");
  return { tone: "bad", summary: lines[0] };
}

/** The pane's one queue: every operation that goes to Excel runs through it, one at a time. */
const queue = new CommandQueue(refused);
const run = (op: Operation): Promise<Outcome> => queue.run(op);

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

/** What this Excel cannot do for want of a requirement set, in plain words. */
function missingAbilities(): string[] {
  return REQUIREMENTS.filter((r) => !Office.context.requirements.isSetSupported(r.set, r.version)).map((r) => r.cannot);
}

const orList = (items: string[]): string =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;

/**
 * The ribbon's Refresh IoMT menu (all IoMT tables, or the table at the selection): refresh without the pane, in the
 * shared runtime. When there is something the analyst must know (refresh blocked or failed, a table missing, edits
 * of theirs kept), the pane opens on its Refresh view with it; a clean refresh is reported there without opening it.
 */
async function refreshFromRibbon(event: Office.AddinCommands.Event, scope: "all" | "selection"): Promise<void> {
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

/** Says what the page can do where it cannot talk to Excel, and shows the dataset. */
function withoutExcel(text: string, tone: Tone): void {
  setStatus("host-status", text, tone);
  $("view-dataset").hidden = false;
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
    // the ribbon's Refresh IoMT menu: All IoMT tables, The table at the selection
    Office.actions?.associate("refreshTables", (event: Office.AddinCommands.Event) => refreshFromRibbon(event, "all"));
    Office.actions?.associate("refreshSelection", (event: Office.AddinCommands.Event) =>
      refreshFromRibbon(event, "selection"),
    );
    // "Register linked entity data domains in your Office.onReady initialization code" (Microsoft); an Insert or
    // Refresh asked for meanwhile waits for it, so that it writes the cards of the kind Excel can load
    if (supports("ExcelApi", "1.19")) linked = registerSegmentDomain();
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
    buildSectionChoices();
    buildListChoices();
    bindViews({ workbook: { read: "pending" }, bundled: DATASET.info });
    // Enter in a form control submits its form (HTML's implicit submission): the form never starts an operation
    $("insert-form").addEventListener("submit", (e) => e.preventDefault());
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
    setupPortablePanel(run, () => askLoadOnOpen());
    mountTracePanel(supports, queue);
    askLoadOnOpen = setupLoadOnOpen(officeStartupHost());
    void showEdition(true);
  });
}

start();
