/**
 * The pane's confirmation step, for operations that add sheets or overwrite the analyst's cells: a question with
 * its count in the pane, answered by a button or Escape. Not window.confirm: Office add-ins may not open modal
 * dialogs ("calls to the JavaScript alert, confirm, and prompt functions aren't allowed because they're modal":
 * Privacy and security for Office Add-ins, learn.microsoft.com/office/dev/add-ins/concepts/privacy-and-security).
 */
import { $ } from "./dom";

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What Insert asks before adding sheets. */
export const insertQuestion = (tables: number, sheets: number): string =>
  `Insert ${plural(tables, "table", "tables")} on ${plural(sheets, "new sheet", "new sheets")}? Tables already in the workbook are left for Refresh.`;

/** What "Overwrite my edits" asks before writing over the analyst's cells. */
export const overwriteQuestion = (cells: number): string =>
  `Overwrite ${plural(cells, "cell", "cells")} you changed with the dataset's figures? Refresh lists them again as changed.`;

let pending: ((yes: boolean) => void) | undefined;

function answer(yes: boolean): void {
  const settle = pending;
  pending = undefined;
  $("confirm").hidden = true;
  settle?.(yes);
}

/** Wires the step's buttons; call once. */
export function bindConfirmStep(): void {
  $("confirm-yes").addEventListener("click", () => answer(true));
  $("confirm-no").addEventListener("click", () => answer(false));
  $("confirm").addEventListener("keydown", (e) => {
    if (e.key === "Escape") answer(false);
  });
}

/**
 * Asks `question` in the pane with `yes` as the confirming button's words; resolves true when confirmed, false when
 * cancelled (or when another question replaces it). Focus moves to the confirming button and comes back after.
 */
export function askFirst(question: string, yes: string): Promise<boolean> {
  answer(false);
  const from = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  $("confirm-text").textContent = question;
  $("confirm-yes").textContent = yes;
  $("confirm").hidden = false;
  $("confirm-yes").focus();
  return new Promise((resolve) => {
    pending = (ok) => {
      if (from?.isConnected) from.focus();
      resolve(ok);
    };
  });
}
