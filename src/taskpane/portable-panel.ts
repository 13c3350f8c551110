/**
 * The pane's Share view: Check workbook, Make portable (whole workbook or selection) and Restore
 * IOMT formulas. The work is done by src/excel/portable.ts; this file only wires the buttons and reports.
 */
import { qualified } from "../core/excel";
import type { Tone } from "../core/refresh";
import { INDEX } from "../data/bundled";
import { checkWorkbook, makePortable, restoreFormulas, type FoundCell, type PortableScope } from "../excel/portable";
import { andMore, firstFew } from "../lib/first-few";
import { $, reportList } from "./dom";
import type { Operation, Outcome } from "./queue";

/** How many cells a report names before it says "and N more". */
const LISTED = 25;

/** Shows the report in the pane's details; gives its first line as the outcome. */
function show(lines: string[], tone: Tone): Outcome {
  $("report").replaceChildren(reportList(lines, tone));
  return { tone, summary: lines[0].replace(/:$/, ".") };
}

const where = (c: { sheet: string; cell: string }): string => qualified(c.sheet, c.cell);

function listed<T>(items: readonly T[], line: (x: T) => string): string[] {
  const { shown, more } = firstFew(items, LISTED);
  return more ? [...shown.map(line), `… ${andMore(more)}.`] : shown.map(line);
}

const names = (c: FoundCell): string => [...new Set(c.calls)].map((n) => `IOMT.${n}`).join(", ");

/**
 * Called when the workbook is found to hold IOMT.* formulas (Check workbook finds some, Restore puts some back): such
 * a workbook asks Excel to load the add-in when it opens (./open-ready.ts), unless the analyst turned that off.
 */
type FormulasFound = () => Promise<void>;

async function onCheck(found: FormulasFound): Promise<Outcome> {
  const { cells, sheetNotes } = await checkWorkbook();
  if (cells.length) await found();
  if (cells.length === 0) {
    return show(
      ["No formula in this workbook calls IOMT.*: it calculates the same without the add-in.", ...sheetNotes],
      sheetNotes.length ? "warn" : "ok",
    );
  }
  return show(
    [
      `${cells.length} cell(s) would show #NAME? without the add-in:`,
      ...listed(cells, (c) => `${where(c)}: ${names(c)}`),
      ...sheetNotes,
    ],
    "warn",
  );
}

async function onMake(): Promise<Outcome> {
  const scope = (document.querySelector<HTMLInputElement>('input[name="portable-scope"]:checked')?.value ??
    "workbook") as PortableScope;
  const r = await makePortable(INDEX, scope);
  const lines: string[] = [];
  if (r.converted.length === 0 && r.problems.length === 0) {
    return show(
      [`No formula in the ${scope === "selection" ? "selection" : "workbook"} calls IOMT.*: nothing to change.`],
      "ok",
    );
  }
  lines.push(
    `${r.converted.length} formula(s) now calculate without the add-in; the originals are kept for Restore IOMT formulas.`,
  );
  if (r.dataSheet) lines.push(`The lookups read the sheet '${r.dataSheet}'; keep it in the workbook.`);
  if (r.keptProblem) lines.push(`${r.keptProblem} Only this run's originals are kept.`);
  if (r.problems.length)
    lines.push(
      `${r.problems.length} formula(s) were left as they were:`,
      ...listed(r.problems, (p) => `${where(p)}: ${p.problem}`),
    );
  return show(lines, r.problems.length ? "warn" : "ok");
}

async function onRestore(found: FormulasFound): Promise<Outcome> {
  const r = await restoreFormulas(INDEX);
  if (r.restored > 0) await found();
  if (r.problem) {
    return show([`Nothing was restored. ${r.problem}`], "warn");
  }
  if (r.restored + r.skipped.length + r.refused.length + r.removed.length === 0 && !r.removeProblem) {
    return show(["This workbook keeps no IOMT formulas to restore."], "ok");
  }
  const lines = [`${r.restored} IOMT formula(s) restored.`];
  if (r.removed.length)
    lines.push(`Every original is back: the sheets ${r.removed.map((n) => `'${n}'`).join(" and ")} were removed.`);
  if (r.removeProblem) lines.push(r.removeProblem);
  if (r.skipped.length)
    lines.push(
      `${r.skipped.length} cell(s) left as they are:`,
      ...listed(r.skipped, (s) => `${where(s)}: ${s.reason}.`),
    );
  if (r.refused.length)
    lines.push(
      `${r.refused.length} kept record(s) refused, nothing written for them:`,
      ...listed(r.refused, (s) => `${where(s)}: ${s.reason}.`),
    );
  return show(lines, r.skipped.length || r.refused.length || r.removeProblem ? "warn" : "ok");
}

/**
 * Wires the Share view's buttons to the pane's queue; call once Excel is ready. `found` is called when Check
 * workbook or Restore finds the workbook holding IOMT.* formulas.
 */
export function setupPortablePanel(
  run: (op: Operation) => Promise<Outcome>,
  found: FormulasFound = async () => undefined,
): void {
  const bind = (id: string, progress: string, work: () => Promise<Outcome>) =>
    $(id).addEventListener("click", () => void run({ progress, work }));
  bind("portable-check", "Checking the workbook for IOMT formulas…", () => onCheck(found));
  bind("portable-make", "Making the formulas portable…", onMake);
  bind("portable-restore", "Restoring the IOMT formulas…", () => onRestore(found));
}
