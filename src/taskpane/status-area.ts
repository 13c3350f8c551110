/**
 * The status area at the top of the pane, rendered from the command queue's state: progress while an operation
 * runs, then one message line with "Show details" for the report. Every button that starts an operation (marked
 * data-op) is disabled while one runs or waits; the report is cleared when an operation starts. While it runs, the
 * polite live region holds its start line and the count advances beside it, outside the region.
 */
import { $, element } from "./dom";
import type { CommandQueue } from "./queue";
import { statusView, type StatusView } from "./status-view";

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

/**
 * The count under the progress line, in words and a progress bar (named by the progress line, its value the same
 * words): outside the live region, so a screen reader finds it there without hearing each step.
 */
function showCount(count: StatusView["count"]): void {
  $("status-count").hidden = !count;
  if (!count) return;
  const text = $("status-count-text");
  if (text.textContent !== count.text) text.textContent = count.text;
  const bar = $<HTMLProgressElement>("status-progress");
  bar.max = count.total;
  bar.value = count.done;
  bar.setAttribute("aria-valuetext", count.text);
}

/** The progress line or the outcome's line (polite), or the problem (alert); clears the report when work starts. */
function renderLines(view: StatusView): void {
  const m = view.message;
  if (view.progress !== undefined) $("report").replaceChildren();
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
}

/** Renders the queue's state into the status area on every change; call once. */
export function bindStatusArea(queue: CommandQueue): void {
  $("details-toggle").addEventListener("click", () => setDetailsOpen($("report").hidden));
  // what the live regions hold now: they are rewritten only when it changes, so a step of the count is not announced
  let spoken = "";
  queue.subscribe((state) => {
    const view = statusView(state);
    for (const b of document.querySelectorAll<HTMLButtonElement>("button[data-op]")) b.disabled = view.disabled;
    showCount(view.count);
    const m = view.message;
    const now = JSON.stringify([view.progress, m]);
    if (now !== spoken) {
      spoken = now;
      renderLines(view);
    }
    $("details-toggle").hidden = !m || !$("report").childElementCount;
  });
}
