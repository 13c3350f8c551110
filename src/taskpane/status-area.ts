/**
 * The status area at the top of the pane, rendered from the command queue's state: progress while an operation
 * runs, then one message line with "Show details" for the report. Every button that starts an operation (marked
 * data-op) is disabled while one runs or waits; the report is cleared when an operation starts.
 */
import { $, element } from "./dom";
import type { CommandQueue } from "./queue";
import { statusView } from "./status-view";

function message(icon: string, word: string, text: string): HTMLElement[] {
  const mark = element("span", icon, "icon");
  mark.setAttribute("aria-hidden", "true");
  return [mark, element("strong", `${word}:`), element("span", ` ${text}`)];
}

function progressLine(text: string): HTMLElement[] {
  const spinner = element("span", undefined, "spinner");
  spinner.setAttribute("aria-hidden", "true");
  return [spinner, element("span", text)];
}

function setDetailsOpen(open: boolean): void {
  const toggle = $<HTMLButtonElement>("details-toggle");
  toggle.setAttribute("aria-expanded", String(open));
  toggle.textContent = open ? "Hide details" : "Show details";
  $("report").hidden = !open;
}

/** Renders the queue's state into the status area on every change; call once. */
export function bindStatusArea(queue: CommandQueue): void {
  $("details-toggle").addEventListener("click", () => setDetailsOpen($("report").hidden));
  queue.subscribe((state) => {
    const view = statusView(state);
    for (const b of document.querySelectorAll<HTMLButtonElement>("button[data-op]")) b.disabled = view.disabled;
    if (view.progress !== undefined) $("report").replaceChildren();
    const m = view.message;
    // both live regions stay in the page (empty when silent), so each change is announced once
    const line = $("status-line");
    line.replaceChildren(
      ...(view.progress !== undefined
        ? progressLine(view.progress)
        : m && m.tone !== "bad"
          ? message(m.icon, m.word, m.text)
          : []),
    );
    line.className = `message ${view.progress !== undefined ? "progress" : m && m.tone !== "bad" ? m.tone : ""}`.trim();
    $("status-alert").replaceChildren(...(m && m.tone === "bad" ? message(m.icon, m.word, m.text) : []));
    $("details-toggle").hidden = !m || !$("report").childElementCount;
  });
}
