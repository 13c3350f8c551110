/**
 * The pane's one command queue: it owns the busy state. Operations run one at a time, in the order asked; while
 * one runs (or waits) the state says so, so the views disable every action that goes to Excel. An operation's
 * start clears the previous outcome; its end sets the new one. No DOM here: views render from `QueueState`.
 */

/** How an operation went: good, worth a look, or a problem. */
export type OutcomeTone = "ok" | "warn" | "bad";

/** An operation's outcome: one summary line; the details (the full report) are rendered by the operation. */
export interface Outcome {
  tone: OutcomeTone;
  summary: string;
}

/** How far the running operation has got, as the Excel edge counts it: `done` of `total` tables. */
interface Count {
  readonly done: number;
  readonly total: number;
}

export interface QueueState {
  /** what the running operation is doing, in words ("Refreshing the IoMT tables…"); undefined when idle */
  readonly running: string | undefined;
  /** how far it has got, once the operation has counted its work; undefined before that and when idle */
  readonly count?: Count;
  /** operations asked for while another runs, waiting their turn */
  readonly waiting: number;
  /** the last finished operation's outcome; undefined while one runs or before the first */
  readonly outcome: Outcome | undefined;
  /** the pane could not get ready (`prepare` failed): its actions stay disabled, the outcome says why */
  readonly halted?: boolean;
}

/** Reports how far an operation has got: `done` of `total` (whole numbers, 0 ≤ done ≤ total). */
export type ReportCount = (done: number, total: number) => void;

/**
 * An operation: what it does in words, and the work, which returns its outcome; the work may report its count
 * through `count` (only while it runs: a report after its end is ignored).
 */
export interface Operation {
  progress: string;
  work: (count: ReportCount) => Promise<Outcome>;
}

/** A count as reported, or undefined when it is not whole numbers with 0 ≤ done ≤ total and total > 0. */
function countOf(done: number, total: number): Count | undefined {
  return Number.isInteger(done) && Number.isInteger(total) && total > 0 && done >= 0 && done <= total
    ? { done, total }
    : undefined;
}

export class CommandQueue {
  private state: QueueState = { running: undefined, waiting: 0, outcome: undefined };
  private tail: Promise<void> = Promise.resolve();
  private readonly listeners: Array<(state: QueueState) => void> = [];

  /** @param failed turns an operation's exception into its outcome (the queue never rejects) */
  constructor(private readonly failed: (e: unknown) => Outcome) {}

  get current(): QueueState {
    return this.state;
  }

  get busy(): boolean {
    return this.state.running !== undefined || this.state.waiting > 0;
  }

  /** Calls `listener` on every change of state, and once now. */
  subscribe(listener: (state: QueueState) => void): void {
    this.listeners.push(listener);
    listener(this.state);
  }

  /** Runs `op` after every operation asked for before it; resolves with its outcome once it has ended. */
  run(op: Operation): Promise<Outcome> {
    return this.enqueue(op.progress, op.work) as Promise<Outcome>;
  }

  /**
   * Gets the pane ready as an operation of the queue (the actions wait, disabled, with `progress` shown), without an
   * outcome of its own; when `work` fails, `failed` tells the outcome and the queue halts: the actions stay disabled.
   */
  prepare(progress: string, work: () => Promise<void>, failed: (e: unknown) => Outcome = this.failed): Promise<void> {
    return this.enqueue(progress, async () => {
      try {
        await work();
        return undefined;
      } catch (e) {
        this.set({ halted: true });
        return failed(e);
      }
    }).then(() => undefined);
  }

  private enqueue(progress: string, work: (count: ReportCount) => Promise<Outcome | undefined>) {
    this.set({ waiting: this.state.waiting + 1 });
    const done = this.tail.then(async () => {
      this.set({ running: progress, count: undefined, waiting: this.state.waiting - 1, outcome: undefined });
      let running = true;
      const report: ReportCount = (done, total) => {
        const count = countOf(done, total);
        const now = this.state.count;
        if (!running || !count || (now && now.done === count.done && now.total === count.total)) return;
        this.set({ count });
      };
      let outcome: Outcome | undefined;
      try {
        outcome = await work(report);
      } catch (e) {
        outcome = this.failed(e);
      }
      running = false;
      this.set({ running: undefined, count: undefined, outcome });
      return outcome;
    });
    this.tail = done.then(() => undefined);
    return done;
  }

  private set(change: Partial<QueueState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }
}
