/** The pane's command queue (one owner of the busy state) and the status area's view of its state. */
import { CommandQueue, type Outcome, type QueueState } from "../../src/taskpane/queue";
import { statusView } from "../../src/taskpane/status-view";

/** A promise the test settles by hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setImmediate(r));

function queue(): { q: CommandQueue; states: QueueState[] } {
  const q = new CommandQueue((e) => ({ tone: "bad", summary: `failed: ${String(e)}` }));
  const states: QueueState[] = [];
  q.subscribe((s) => states.push(s));
  return { q, states };
}

test("operations never overlap: the second starts only after the first has ended", async () => {
  const { q } = queue();
  const first = deferred<Outcome>();
  const log: string[] = [];
  const a = q.run({ progress: "Inserting…", work: () => (log.push("a starts"), first.promise) });
  const b = q.run({ progress: "Refreshing…", work: async () => (log.push("b starts"), { tone: "ok", summary: "b" }) });
  await flush();
  expect(log).toEqual(["a starts"]);
  expect(q.current.running).toBe("Inserting…");
  expect(q.current.waiting).toBe(1);
  expect(q.busy).toBe(true);
  log.push("a ends");
  first.resolve({ tone: "ok", summary: "a" });
  expect(await a).toEqual({ tone: "ok", summary: "a" });
  expect(await b).toEqual({ tone: "ok", summary: "b" });
  expect(log).toEqual(["a starts", "a ends", "b starts"]);
  expect(q.busy).toBe(false);
  expect(q.current.outcome).toEqual({ tone: "ok", summary: "b" });
});

test("an operation's start clears the previous outcome; its end sets the new one", async () => {
  const { q, states } = queue();
  await q.run({ progress: "Checking…", work: async () => ({ tone: "warn", summary: "3 cells" }) });
  const second = deferred<Outcome>();
  const done = q.run({ progress: "Making portable…", work: () => second.promise });
  await flush();
  expect(q.current).toEqual({ running: "Making portable…", waiting: 0, outcome: undefined });
  second.resolve({ tone: "ok", summary: "3 formulas" });
  await done;
  expect(states.map((s) => [s.running, s.outcome?.summary])).toEqual([
    [undefined, undefined],
    [undefined, undefined],
    ["Checking…", undefined],
    [undefined, "3 cells"],
    [undefined, "3 cells"],
    ["Making portable…", undefined],
    [undefined, "3 formulas"],
  ]);
});

test("a failing operation becomes a problem outcome, and the queue goes on", async () => {
  const { q } = queue();
  const failed = q.run({
    progress: "Refreshing…",
    work: () => Promise.reject(new Error("InvalidOperationInCellEditMode")),
  });
  const next = q.run({ progress: "Refreshing…", work: async () => ({ tone: "ok", summary: "up to date" }) });
  expect(await failed).toEqual({ tone: "bad", summary: "failed: Error: InvalidOperationInCellEditMode" });
  expect(await next).toEqual({ tone: "ok", summary: "up to date" });
  expect(q.busy).toBe(false);
});

test("the status area: actions disabled and progress in words while running, announced once when done", () => {
  const idle = statusView({ running: undefined, waiting: 0, outcome: undefined });
  expect(idle).toEqual({
    disabled: false,
    progress: undefined,
    count: undefined,
    message: undefined,
    polite: "",
    alert: "",
  });
  const running = statusView({ running: "Refreshing the IoMT tables…", waiting: 0, outcome: undefined });
  expect(running.disabled).toBe(true);
  expect(running.progress).toBe("Refreshing the IoMT tables…");
  expect(running.message).toBeUndefined();
  expect(statusView({ running: undefined, waiting: 1, outcome: undefined }).disabled).toBe(true);

  const ok = statusView({ running: undefined, waiting: 0, outcome: { tone: "ok", summary: "All up to date." } });
  expect(ok.disabled).toBe(false);
  expect(ok.polite).toBe("Done: All up to date.");
  expect(ok.alert).toBe("");
  const bad = statusView({ running: undefined, waiting: 0, outcome: { tone: "bad", summary: "Nothing was changed." } });
  expect(bad.alert).toBe("Problem: Nothing was changed.");
  expect(bad.polite).toBe("");
});

test("the tones differ by icon and word, not colour alone", () => {
  const looks = (["ok", "warn", "bad"] as const).map((tone) => {
    const m = statusView({ running: undefined, waiting: 0, outcome: { tone, summary: "x" } }).message!;
    return [m.icon, m.word];
  });
  expect(new Set(looks.map(([icon]) => icon)).size).toBe(3);
  expect(new Set(looks.map(([, word]) => word)).size).toBe(3);
});

test("the count: an operation reports how far it has got; the queue keeps whole counts within the total, while it runs", async () => {
  const { q, states } = queue();
  const step = deferred<void>();
  let report: ((done: number, total: number) => void) | undefined;
  const done = q.run({
    progress: "Inserting 9 tables…",
    work: async (count) => {
      report = count;
      count(0, 9);
      count(0, 9);
      count(3, 9);
      // not counts: ignored, the last good count stays
      count(10, 9);
      count(-1, 9);
      count(1.5, 9);
      count(0, 0);
      await step.promise;
      return { tone: "ok", summary: "9 tables inserted" };
    },
  });
  await flush();
  expect(q.current.count).toEqual({ done: 3, total: 9 });
  expect(q.current.running).toBe("Inserting 9 tables…");
  step.resolve();
  await done;
  expect(q.current.count).toBeUndefined();
  // a report after the operation has ended changes nothing
  report!(5, 9);
  expect(q.current.count).toBeUndefined();
  expect(states.map((s) => s.count && `${s.count.done}/${s.count.total}`).filter(Boolean)).toEqual(["0/9", "3/9"]);
  // the next operation starts without a count until it reports one
  const next = deferred<Outcome>();
  const second = q.run({ progress: "Refreshing the IoMT tables…", work: () => next.promise });
  await flush();
  expect(q.current.count).toBeUndefined();
  next.resolve({ tone: "ok", summary: "up to date" });
  await second;
});

test("the status area: the count shown in words and counts; what is announced stays the start line", () => {
  const start = statusView({ running: "Refreshing the IoMT tables…", waiting: 0, outcome: undefined });
  expect(start.count).toBeUndefined();
  const third = statusView({
    running: "Refreshing the IoMT tables…",
    count: { done: 3, total: 9 },
    waiting: 0,
    outcome: undefined,
  });
  expect(third.count).toEqual({ done: 3, total: 9, text: "3 of 9 tables" });
  expect(third.progress).toBe("Refreshing the IoMT tables…");
  expect(third.polite).toBe(start.polite);
  expect(
    statusView({ running: "Inserting 1 table…", count: { done: 0, total: 1 }, waiting: 0, outcome: undefined }).count
      ?.text,
  ).toBe("0 of 1 table");
  expect(statusView({ running: undefined, waiting: 0, outcome: { tone: "ok", summary: "x" } }).count).toBeUndefined();
});

test("getting ready: the actions wait, disabled, behind it; it leaves no outcome; operations asked meanwhile run after", async () => {
  const { q } = queue();
  const ready = deferred<void>();
  const log: string[] = [];
  const prepared = q.prepare("Getting the pane ready…", () => ready.promise.then(() => void log.push("ready")));
  const op = q.run({
    progress: "Refreshing…",
    work: async () => (log.push("refresh"), { tone: "ok", summary: "done" }),
  });
  await flush();
  expect(q.current.running).toBe("Getting the pane ready…");
  expect(statusView(q.current).disabled).toBe(true);
  ready.resolve();
  await prepared;
  expect(log[0]).toBe("ready");
  await op;
  expect(log).toEqual(["ready", "refresh"]);
  // the next state has no outcome from getting ready
  const { q: fresh } = queue();
  await fresh.prepare("Getting the pane ready…", async () => undefined);
  expect(fresh.current.outcome).toBeUndefined();
  expect(statusView(fresh.current).disabled).toBe(false);
});

test("getting ready fails: the failure is the outcome, and the actions stay disabled", async () => {
  const { q } = queue();
  await q.prepare("Getting the pane ready…", () => Promise.reject(new Error("chunk load failed")));
  expect(q.current.running).toBeUndefined();
  expect(q.current.outcome).toEqual({ tone: "bad", summary: "failed: Error: chunk load failed" });
  const view = statusView(q.current);
  expect(view.disabled).toBe(true);
  expect(view.alert).toBe("Problem: failed: Error: chunk load failed");
});
