/**
 * The task pane: shows the bundled dataset and, inside Excel, inserts and refreshes its tables.
 * Outside Excel (a plain browser) it says so instead of failing.
 */
import { DATASET } from "../data";
import { longDate } from "../core/lookup";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function showFacts(): void {
  const { info } = DATASET;
  $("subtitle").textContent = `${info.title}, edition ${info.edition}`;
  const facts: Array<[string, string]> = [
    ["Source", `${info.source.publisher}: ${info.source.headline}`],
    ["Date", longDate(info.source.date)],
    ["Dateline", info.source.dateline],
    ["Units", `${info.unit}; rates as fractions (0.25 = 25%)`],
    ["Years", `${info.baseYear} to ${info.forecastYear}`],
    ["Dataset version", info.version],
    ["Figures", `${DATASET.figures.length} (reported, derived and not reported)`],
  ];
  const list = $("dataset-facts");
  list.replaceChildren(
    ...facts.flatMap(([k, v]) => {
      const dt = document.createElement("dt");
      dt.textContent = k;
      const dd = document.createElement("dd");
      dd.textContent = v;
      return [dt, dd];
    }),
  );
}

export function setStatus(text: string, tone: "info" | "ok" | "warn" | "bad" = "info"): void {
  const el = $("host-status");
  el.textContent = text;
  el.className = `status ${tone === "info" ? "" : tone}`.trim();
}

function start(): void {
  showFacts();
  if (typeof Office === "undefined") {
    setStatus("Office.js could not be loaded, so this page cannot talk to Excel. The dataset is shown below.", "bad");
    return;
  }
  Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) {
      setStatus(
        "This page is running outside Excel. Open it from the IoMT Data button in Excel to insert tables; the dataset is shown below.",
        "warn",
      );
      return;
    }
    setStatus("Connected to Excel.", "ok");
  });
}

start();
