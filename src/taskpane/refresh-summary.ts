/**
 * A refresh's outcome in one line for the status area ("All 9 tables up to date · 1 edit kept"); the full report
 * is the details. Pure.
 */
import { changes, describeRefresh, edits, refreshTone, type RefreshOutcome } from "../core/refresh";
import type { Outcome } from "./queue";

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function refreshSummary(outcome: RefreshOutcome): Outcome {
  const tone = refreshTone(outcome.status);
  if (outcome.status !== "updated" && outcome.status !== "unchanged") {
    const first = describeRefresh(outcome)[0] ?? "";
    return { tone, summary: first.replace(/:$/, ".") };
  }
  const actions = outcome.plan.actions;
  const present = actions.filter((a) => a.kind === "update" || a.kind === "unchanged").length;
  const missing = actions.filter((a) => a.kind === "missing").length - outcome.recreated.length;
  const written = changes(outcome).length;
  const parts = [
    written
      ? `${count(present, "table", "tables")} refreshed: ${count(written, "cell", "cells")} updated`
      : present === 1
        ? "The table is up to date"
        : `All ${present} tables up to date`,
  ];
  const kept = edits(outcome).length;
  if (kept) parts.push(`${count(kept, "edit", "edits")} of yours kept`);
  if (outcome.recreated.length) parts.push(`${count(outcome.recreated.length, "table", "tables")} recreated`);
  if (missing > 0) parts.push(`${count(missing, "table", "tables")} missing`);
  return { tone: missing > 0 ? "warn" : tone, summary: parts.join(" · ") };
}
