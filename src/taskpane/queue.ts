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

export interface QueueState {
  /** what the running operation is doing, in words ("Refreshing the IoMT tables…"); undefined when idle */
  readonly running: string | undefined;
  /** operations asked for while another runs, waiting their turn */
  readonly waiting: number;
  /** the last finished operation's outcome; undefined while one runs or before the first */
  readonly outcome: Outcome | undefined;
}

/** An operation: what it does in words, and the work, which returns its outcome. */
export interface Operation {
  progress: string;
  work: () => Promise<Outcome>;
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
    this.set({ waiting: this.state.waiting + 1 });
    const done = this.tail.then(async () => {
      this.set({ running: op.progress, waiting: this.state.waiting - 1, outcome: undefined });
      let outcome: Outcome;
      try {
        outcome = await op.work();
      } catch (e) {
        outcome = this.failed(e);
      }
      this.set({ running: undefined, outcome });
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
