/**
 * What the pane's status area at the top shows for a queue state: the progress in words while an operation runs,
 * else the last outcome as one line with an icon and a word that say how it went (not colour alone). A problem goes
 * to the alert (role="alert"); anything else to the polite live region, which so gets one line per operation and
 * never the whole report. Pure: the pane renders this.
 */
import type { OutcomeTone, QueueState } from "./queue";

export interface StatusView {
  /** actions that go to Excel are disabled */
  readonly disabled: boolean;
  /** the progress line while an operation runs */
  readonly progress: string | undefined;
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
  const disabled = state.running !== undefined || state.waiting > 0;
  if (state.running !== undefined)
    return { disabled, progress: state.running, message: undefined, polite: state.running, alert: "" };
  if (!state.outcome) return { disabled, progress: undefined, message: undefined, polite: "", alert: "" };
  const { tone, summary } = state.outcome;
  const look = LOOK[tone];
  const spoken = `${look.word}: ${summary}`;
  return {
    disabled,
    progress: undefined,
    message: { tone, ...look, text: summary },
    polite: tone === "bad" ? "" : spoken,
    alert: tone === "bad" ? spoken : "",
  };
}
