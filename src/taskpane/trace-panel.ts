/**
 * Trace to source: the pane follows the selection (worksheets.onSelectionChanged, ExcelApi 1.9) and shows where
 * the selected cell's figure comes from: the section heading and the sentence of the press release, the figure
 * highlighted, its kind, and for derived and estimated figures the arithmetic; or, plainly, that the cell is not an
 * IoMT figure or that the analyst changed it. Rapid selection changes are debounced, and a trace that a newer
 * selection overtook is dropped. Everything read from the workbook is shown as text (textContent), never as HTML.
 */
import { CHECKS } from "../data";
import { INDEX } from "../data/bundled";
import { SOURCE_SENTENCES } from "../data/iomt-2026-01-06-sentences";
import { plainExcelError } from "../core/excel";
import { traceFormula, traceTableCell, type CellTrace, type FigureTrace, type TraceSource } from "../core/trace";
import { readSelection, type Selection } from "../excel/selection-read";
import { $, element } from "./dom";
import type { CommandQueue } from "./queue";

const SOURCE: TraceSource = { index: INDEX, sentences: SOURCE_SENTENCES };
/** Selection changes closer together than this are traced once, after the last. */
const DEBOUNCE_MS = 150;
/** Levels of inputs shown under a derived figure. */
const SHOWN_DEPTH = 3;

const KIND_WORDS: Record<FigureTrace["kind"], string> = {
  reported: "reported: stated in the source",
  derived: "derived: computed from reported figures",
  "not reported": "not reported: named in the source without a figure",
  estimated: "estimated: by constant growth between the dataset's years",
};

/** What the pane says about a selection. */
function traceSelection(selection: Selection): CellTrace {
  if (selection.kind === "range")
    return {
      state: "none",
      where: selection.address,
      message: `${selection.rows * selection.columns} cells are selected: select one cell to see where its figure comes from.`,
      figures: [],
    };
  const { address, content, table } = selection;
  if (table?.isHeader)
    return { state: "none", where: address, message: `This is a column header of ${table.table}.`, figures: [] };
  if (table) {
    const t = traceTableCell(SOURCE, CHECKS, table.table, table.rowKey, table.header, content);
    return { ...t, where: `${address} · ${t.where}` };
  }
  if (typeof content === "string" && content.startsWith("="))
    return traceFormula(SOURCE, content, selection.argumentValues, address);
  return {
    state: "none",
    where: address,
    message: "This cell is not an IoMT figure: it is outside the IoMT tables and calls no IOMT lookup.",
    figures: [],
  };
}

/** The sentence with the figure's place marked. */
function sentenceView(trace: FigureTrace): HTMLElement {
  const { sentence, highlight, section } = trace.source!;
  const quote = element("blockquote", undefined, "trace-sentence");
  const [from, to] = highlight;
  quote.append(sentence.slice(0, from), element("mark", sentence.slice(from, to)), sentence.slice(to));
  const wrap = element("div");
  wrap.append(element("p", `Section: ${section}`, "muted trace-section"), quote);
  return wrap;
}

function figureView(trace: FigureTrace, depth: number): HTMLLIElement {
  const item = element("li", undefined, "trace-figure");
  const head = element("p");
  head.append(
    element("strong", trace.label),
    trace.shown ? `: ${trace.qualifier ? `${trace.qualifier} ` : ""}${trace.shown}` : "",
  );
  item.append(head, element("p", `Kind: ${KIND_WORDS[trace.kind]}`, `trace-kind ${trace.kind.replace(" ", "-")}`));
  if (trace.source) item.append(sentenceView(trace));
  if (trace.arithmetic) item.append(element("p", `Arithmetic: ${trace.arithmetic}`, "trace-arithmetic"));
  if (trace.note) item.append(element("p", trace.note, "muted"));
  if (trace.inputs.length && depth < SHOWN_DEPTH) {
    const list = element("ul", undefined, "trace-inputs");
    list.setAttribute("aria-label", `Figures ${trace.label} is computed from`);
    list.append(...trace.inputs.map((i) => figureView(i, depth + 1)));
    item.append(list);
  }
  return item;
}

/** Renders a trace into #trace-area. */
function showTrace(trace: CellTrace): void {
  $("trace-where").textContent = trace.where;
  const message = $("trace-message");
  message.textContent = trace.message;
  message.className = trace.state === "edited" ? "status warn" : trace.state === "none" ? "muted" : "";
  const list = $("trace-figures");
  list.replaceChildren(...trace.figures.map((f) => figureView(f, 0)));
  list.hidden = trace.figures.length === 0;
}

/**
 * Mounts the trace: traces the selection now, after each change, and after each of the pane's operations ends (an
 * Insert, a Refresh or an Overwrite may have changed the cell shown). Where this Excel cannot report selection
 * changes (ExcelApi 1.9), the area says so and offers to trace the selected cell on request.
 */
export function mountTracePanel(supports: (set: string, version: string) => boolean, queue: CommandQueue): void {
  const area = $("trace-area");
  area.hidden = false;
  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const traceNow = async (): Promise<void> => {
    const mine = ++latest;
    try {
      const selection = await readSelection();
      if (mine === latest) showTrace(traceSelection(selection));
    } catch (e) {
      if (mine === latest)
        showTrace({
          state: "none",
          where: "",
          message: `Could not read the selected cell. ${plainExcelError(e)}`,
          figures: [],
        });
    }
  };
  const later = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void traceNow();
    }, DEBOUNCE_MS);
  };
  const button = $<HTMLButtonElement>("trace-now");
  button.addEventListener("click", () => void traceNow());
  if (!supports("ExcelApi", "1.9")) {
    button.hidden = false;
    $("trace-message").textContent =
      "This version of Excel does not tell add-ins when the selection changes (ExcelApi 1.9): select a cell, then Trace the selected cell.";
    return;
  }
  let wasRunning = false;
  queue.subscribe((state) => {
    if (wasRunning && state.running === undefined) later();
    wasRunning = state.running !== undefined;
  });
  void Excel.run(async (context) => {
    context.workbook.worksheets.onSelectionChanged.add(async () => later());
    await context.sync();
  })
    .then(traceNow)
    .catch(() => {
      button.hidden = false;
    });
}
