/**
 * What the pane's status area at the top shows for a queue state: the progress in words while an operation runs
 * (its start line, announced once) and, once the operation has counted its work, how far it has got in words and
 * counts (shown beside it, outside the live region: a screen reader hears the start and the outcome, not each
 * step, and finds the count in the progress bar), else the last outcome as one line with an icon and a word that
 * say how it went (not colour alone). A problem goes to the alert (role="alert"); anything else to the polite live
 * region, which so gets one line per operation and never the whole report. Pure: the pane renders this.
 */
import type { OutcomeTone, QueueState } from "./queue";

export interface StatusView {
  /** actions that go to Excel are disabled */
  readonly disabled: boolean;
  /** the progress line while an operation runs: its words, as it started */
  readonly progress: string | undefined;
  /** how far it has got, in words and counts ("3 of 9 tables"), once it has counted; shown, not announced */
  readonly count: { done: number; total: number; text: string } | undefined;
  /** the outcome's line, with its tone, icon and word; undefined while running or before the first */
  readonly message: { tone: OutcomeTone; icon: string; word: string; text: string } | undefined;
  /** the polite live region's text */
  readonly polite: string;
  /** the alert's text: only a problem */
  readonly alert: string;
}

const LOOK: Record<OutcomeTone, { icon: string; word: string }> = {
  ok: { icon: "✓", word: "Done" },
  warn: { icon: "!", word: "Check" },
  bad: { icon: "✕", word: "Problem" },
};

export function statusView(state: QueueState): StatusView {
  const disabled = state.running !== undefined || state.waiting > 0 || state.halted === true;
  if (state.running !== undefined) {
    const c = state.count;
    const count = c && { ...c, text: `${c.done} of ${c.total} ${c.total === 1 ? "table" : "tables"}` };
    // the polite region keeps the start line: a step of the count changes what is shown, never what is announced
    return { disabled, progress: state.running, count, message: undefined, polite: state.running, alert: "" };
  }
  if (!state.outcome)
    return { disabled, progress: undefined, count: undefined, message: undefined, polite: "", alert: "" };
  const { tone, summary } = state.outcome;
  const look = LOOK[tone];
  const spoken = `${look.word}: ${summary}`;
  return {
    disabled,
    progress: undefined,
    count: undefined,
    message: { tone, ...look, text: summary },
    polite: tone === "bad" ? "" : spoken,
    alert: tone === "bad" ? spoken : "",
  };
}
