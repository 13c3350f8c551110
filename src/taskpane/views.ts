/**
 * Renders the pane's views from its facts (./view-state.ts): the welcome, the workbook's state, the tab bar
 * (role="tablist", arrow keys, Home and End, one Tab stop: the selected tab) and its panels. The pane changes its
 * facts with `update`; every change renders the whole view again.
 */
import { $ } from "./dom";
import { paneView, tabAfterKey, VIEWS, type PaneFacts, type ViewId } from "./view-state";

let facts: PaneFacts | undefined;

const tab = (id: ViewId) => $<HTMLButtonElement>(`tab-${id}`);

function render(): void {
  if (!facts) return;
  const view = paneView(facts);
  $("welcome").hidden = view.mode !== "welcome";
  const inViews = view.mode === "views";
  $("workbook-state").hidden = !inViews;
  $("tabs").hidden = !inViews;
  for (const { id } of VIEWS) {
    const selected = inViews && id === view.selected;
    tab(id).setAttribute("aria-selected", String(selected));
    tab(id).tabIndex = id === view.selected ? 0 : -1;
    $(`view-${id}`).hidden = !selected;
  }
  const edition = $("edition-status");
  edition.textContent = view.edition.text;
  edition.className = `state-line ${view.edition.tone}`;
  const last = $("last-refresh");
  last.textContent = view.lastRefresh.text;
  last.className = `state-line muted ${view.lastRefresh.tone}`;
  $("replace-newer").hidden = !view.replaceNewer;
}

/** Changes what the pane knows and renders it. */
export function update(change: Partial<PaneFacts>): void {
  if (!facts) return;
  facts = { ...facts, ...change };
  render();
}

/** Shows the view chosen (its tab selected, its panel shown), leaving the welcome when it was shown. */
export function showView(id: ViewId, focus = false): void {
  update({ chosen: id, welcomeDismissed: true });
  if (focus) tab(id).focus();
}

/** Wires the tab bar and the welcome's way to the views; renders the first facts. Call once. */
export function bindViews(first: PaneFacts): void {
  facts = first;
  for (const { id } of VIEWS) tab(id).addEventListener("click", () => showView(id));
  $("tabs").addEventListener("keydown", (e) => {
    const current = VIEWS.find((v) => tab(v.id) === document.activeElement)?.id;
    const next = current && tabAfterKey(current, e.key);
    if (!next) return;
    e.preventDefault();
    showView(next, true);
  });
  // "Choose what to insert": the Insert view with its options open
  $("welcome-more").addEventListener("click", () => {
    $<HTMLDetailsElement>("insert-options").open = true;
    showView("insert", true);
  });
  render();
}
