/** What the pane shows from what it knows: the welcome, the workbook's state, the selected view, the tab bar's keys. */
import { clock, paneView, tabAfterKey, VIEWS, type PaneFacts } from "../../src/taskpane/view-state";

const bundled = { version: "1.0.0", edition: "2026-01-06" };
const facts = (change: Partial<PaneFacts>): PaneFacts => ({ workbook: { read: "pending" }, bundled, ...change });

test("a workbook without IoMT tables opens on the welcome; one that holds them opens on Refresh", () => {
  expect(paneView(facts({})).mode).toBe("loading");
  const empty = paneView(facts({ workbook: { read: "done", stamp: undefined } }));
  expect(empty.mode).toBe("welcome");
  expect(empty.edition.text).toBe("No IoMT tables in this workbook yet. The add-in's edition: 2026-01-06.");
  const held = paneView(facts({ workbook: { read: "done", stamp: bundled } }));
  expect(held.mode).toBe("views");
  expect(held.selected).toBe("refresh");
  expect(held.edition).toEqual({ tone: "ok", text: "Dataset edition 2026-01-06, the add-in's own." });
});

test("leaving the welcome shows the views on Insert; the view chosen stays chosen", () => {
  const left = paneView(facts({ workbook: { read: "done", stamp: undefined }, welcomeDismissed: true }));
  expect(left.mode).toBe("views");
  expect(left.selected).toBe("insert");
  expect(paneView(facts({ workbook: { read: "done", stamp: bundled }, chosen: "share" })).selected).toBe("share");
});

test("a workbook that cannot be read shows the views and says why, not the welcome", () => {
  const view = paneView(facts({ workbook: { read: "failed", why: "Excel is editing a cell." } }));
  expect(view.mode).toBe("views");
  expect(view.edition.tone).toBe("warn");
  expect(view.edition.text).toMatch(/Could not read .* Excel is editing a cell\.$/);
});

test("an older edition asks for Refresh; a newer one offers the add-in's edition instead", () => {
  const older = paneView(facts({ workbook: { read: "done", stamp: { version: "0.9.0", edition: "2025-06-30" } } }));
  expect(older.edition.tone).toBe("warn");
  expect(older.edition.text).toMatch(/older than the add-in's 1\.0\.0 \(edition 2026-01-06\)\. Refresh updates it\.$/);
  expect(older.replaceNewer).toBe(false);
  const newer = paneView(facts({ workbook: { read: "done", stamp: { version: "2.0.0", edition: "2027-01-01" } } }));
  expect(newer.edition.text).toMatch(/newer than this add-in's 1\.0\.0/);
  expect(newer.replaceNewer).toBe(true);
});

test("the last refresh: its time and its one line, edits kept included; none yet says so", () => {
  expect(paneView(facts({})).lastRefresh).toEqual({ tone: "info", text: "Not refreshed since the add-in started." });
  const last = { time: "14:02", tone: "ok" as const, summary: "All 9 tables up to date · 1 edit of yours kept" };
  expect(paneView(facts({ lastRefresh: last })).lastRefresh).toEqual({
    tone: "ok",
    text: "Last refresh 14:02: All 9 tables up to date · 1 edit of yours kept",
  });
  // a blocked one keeps its tone, so the state line is marked as a problem
  const blocked = { time: "14:05", tone: "bad" as const, summary: "Nothing was changed." };
  expect(paneView(facts({ lastRefresh: blocked })).lastRefresh.tone).toBe("bad");
});

test("arrow keys move along the tab bar and wrap; Home and End go to the ends; other keys do nothing", () => {
  expect(VIEWS.map((v) => v.label)).toEqual(["Insert", "Refresh", "Share", "Dataset"]);
  expect(tabAfterKey("insert", "ArrowRight")).toBe("refresh");
  expect(tabAfterKey("dataset", "ArrowRight")).toBe("insert");
  expect(tabAfterKey("insert", "ArrowLeft")).toBe("dataset");
  expect(tabAfterKey("share", "Home")).toBe("insert");
  expect(tabAfterKey("refresh", "End")).toBe("dataset");
  expect(tabAfterKey("refresh", "Enter")).toBeUndefined();
  expect(tabAfterKey("refresh", "ArrowDown")).toBeUndefined();
});

test("the clock is the local time in hours and minutes", () => {
  expect(clock(new Date(2026, 0, 6, 9, 5, 59))).toBe("09:05");
  expect(clock(new Date(2026, 0, 6, 23, 0))).toBe("23:00");
});
