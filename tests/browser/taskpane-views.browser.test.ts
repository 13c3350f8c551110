/**
 * The pane's views at the size Office gives a task pane on a laptop (350×500): the first-run welcome, then the tab
 * bar's Insert, Refresh, Share and Dataset. In every view the main action and the status area are in view without
 * scrolling, the trace area is shown, axe-core (wcag2a, wcag2aa, best-practice) finds nothing in the light and dark
 * Office themes, the busy state disables every writing action, and the keyboard alone gets through.
 */
import fs from "fs";
import type { Page } from "playwright-core";
import { DIST_OFFLINE, excelHostScript, offlinePage, showView, useBrowser, type PaneViewId } from "../support/browser";

const env = useBrowser([DIST_OFFLINE]);
const WIDTH = 350;
const HEIGHT = 500;

const DARK_THEME = `window.Office.context.officeTheme = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#363636", controlForegroundColor: "#FFFFFF" };`;

async function openPane(setup = ""): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await offlinePage(env.browser, env.server);
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  const host = `${excelHostScript()}\n${setup}`;
  await page.route("**/office-js/office.js", (route) => route.fulfill({ contentType: "text/javascript", body: host }));
  await page.goto(`${env.server.url}/taskpane.html`);
  await page.waitForSelector("#welcome:not([hidden]), #tabs:not([hidden])");
  return { page, errors };
}

/** The view's main action (the Dataset view's is its first fact: where the figures come from). */
const MAIN: Record<PaneViewId, string> = {
  insert: "#insert",
  refresh: "#refresh",
  share: "#portable-make",
  dataset: "#dataset-facts > dd:first-of-type",
};

/** Whether the element is shown and wholly inside the 350×500 viewport with the page not scrolled. */
async function inView(page: Page, selector: string): Promise<boolean> {
  if (!(await page.isVisible(selector))) return false;
  if ((await page.evaluate(() => window.scrollY)) !== 0) return false;
  const box = (await page.locator(selector).boundingBox())!;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= WIDTH && box.y + box.height <= HEIGHT;
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window)))
    await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "best-practice"] },
    });
    return (result.violations as any[]).map((v) => `${v.id}: ${v.nodes.map((n: any) => n.target).join(" ")}`);
  });
}

const workbook = (page: Page, expr: string) => page.evaluate(`(function (wb) { return ${expr}; })(window.workbook)`);

/** The trace area is in the page and no hidden element holds it. */
const traceShown = (page: Page) =>
  page.evaluate(() => {
    const el = document.getElementById("trace-area");
    return !!el && el.closest("[hidden]") === null;
  });

/** From the welcome: insert the tables and wait for the outcome. */
async function insertFromWelcome(page: Page): Promise<void> {
  await page.click("#welcome-insert");
  await page.click("#confirm-yes");
  await page.waitForFunction(() => /inserted/.test(document.getElementById("status-line")!.textContent ?? ""));
}

for (const theme of ["light", "dark"] as const) {
  test(`${theme} theme at 350×500: the welcome, then every view with its action and its outcome in view; axe finds nothing`, async () => {
    const { page, errors } = await openPane(theme === "dark" ? DARK_THEME : "");
    expect(await page.evaluate(() => document.documentElement.dataset.theme ?? "light")).toBe(theme);
    // first run: what the add-in is, two function examples, one primary action, help
    expect(await page.isVisible("#tabs")).toBe(false);
    expect(await page.locator("#welcome code").allTextContents()).toEqual([
      '=IOMT.VALUE("North America", 2029)',
      "=IOMT.CAGR(28454, 79107, 5)",
    ]);
    expect(await page.locator("#welcome button.primary").count()).toBe(1);
    expect(await inView(page, "#welcome-insert")).toBe(true);
    expect(await page.getAttribute('#welcome a[href="help.html"]', "target")).toBe("_blank");
    expect(await traceShown(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await insertFromWelcome(page);
    // after the insert: the workbook's state and the tab bar, on Insert
    expect(await page.isVisible("#welcome")).toBe(false);
    expect(await page.textContent("#edition-status")).toMatch(/^Dataset edition \d{4}-\d\d-\d\d, the add-in's own\.$/);
    expect(await page.textContent("#last-refresh")).toBe("Not refreshed since the add-in started.");
    expect(await page.getAttribute("#tab-insert", "aria-selected")).toBe("true");

    await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');
    await showView(page, "refresh");
    await page.click("#refresh");
    await page.waitForFunction(() =>
      /1 edit of yours kept/.test(document.getElementById("status-line")!.textContent ?? ""),
    );
    expect(await page.textContent("#last-refresh")).toMatch(/^Last refresh \d\d:\d\d: .*1 edit of yours kept$/);

    for (const view of ["insert", "refresh", "share", "dataset"] as const) {
      await showView(page, view);
      expect(await page.getAttribute(`#tab-${view}`, "aria-selected")).toBe("true");
      expect(await page.locator('[role="tabpanel"]:visible').count()).toBe(1);
      expect([view, await inView(page, MAIN[view])]).toEqual([view, true]);
      expect(await inView(page, "#status-line")).toBe(true);
      expect(await traceShown(page)).toBe(true);
      // the options are collapsed under the action
      expect(await page.locator("details[open]").count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    }
    // a blocked refresh: the alert is in view on the Refresh view, and axe finds nothing with the details open
    await workbook(page, 'wb.protect("IoMT Regions")');
    await workbook(page, 'wb.sheet("IoMT Regions").setCell("C5", 1)');
    await showView(page, "refresh");
    await page.click("#refresh");
    await page.waitForFunction(() => /Problem/.test(document.getElementById("status-alert")!.textContent ?? ""));
    expect(await inView(page, "#status-alert")).toBe(true);
    expect(await inView(page, "#refresh")).toBe(true);
    if (await page.isHidden("#report")) await page.click("#details-toggle");
    // with the details open, the view's action is still in view
    expect(await page.isVisible("#report")).toBe(true);
    expect(await inView(page, "#refresh")).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

/** Holds every Excel.run of the stand-in until `window.releaseExcel()`: Excel at a slow round trip, no timer. */
const HOLD_EXCEL = `(function () {
  var real = Excel.run;
  var release;
  var gate = new Promise(function (r) { release = r; });
  window.releaseExcel = function () { release(); };
  Excel.run = function () { var args = arguments; return gate.then(function () { return real.apply(null, args); }); };
})()`;

test("while Excel works, every view disables its writing actions and shows the progress in view", async () => {
  const { page, errors } = await openPane();
  await insertFromWelcome(page);
  await page.evaluate(HOLD_EXCEL);
  await showView(page, "refresh");
  await page.click("#refresh");
  await page.waitForFunction(() => /Refreshing/.test(document.getElementById("status-line")!.textContent ?? ""));
  const writing: Record<PaneViewId, string[]> = {
    insert: ["#insert", "#insert-list"],
    refresh: ["#refresh", "#replace-newer"],
    share: ["#portable-make", "#portable-check", "#portable-restore"],
    dataset: [],
  };
  for (const view of ["insert", "refresh", "share", "dataset"] as const) {
    // the tabs still work while Excel is busy: only what writes to the workbook waits
    await showView(page, view);
    for (const id of writing[view]) expect(await page.isDisabled(id)).toBe(true);
    expect(await page.textContent("#status-line")).toBe("Refreshing the IoMT tables…");
    expect(await inView(page, "#status-line")).toBe(true);
  }
  await page.evaluate(() => (window as any).releaseExcel());
  await page.waitForFunction(() => !document.querySelector("button[data-op]:disabled"));
  expect(await page.textContent("#status-line")).toMatch(/^✓Done: All 10 tables up to date$/);
  expect(errors).toEqual([]);
});

/**
 * Holds every round trip of the stand-in (each context.sync) until `window.stepExcel()` lets the oldest one go:
 * Excel at a slow round trip, one at a time, no timer. `window.heldSyncs` says how many wait.
 */
const STEP_EXCEL = `(function () {
  var real = Excel.run;
  var held = [];
  window.heldSyncs = 0;
  window.stepExcel = function () { var next = held.shift(); window.heldSyncs = held.length; if (next) next(); };
  Excel.run = function () {
    var args = Array.prototype.slice.call(arguments);
    var batch = args[args.length - 1];
    args[args.length - 1] = function (context) {
      var sync = context.sync.bind(context);
      context.sync = function () {
        return new Promise(function (go) { held.push(go); window.heldSyncs = held.length; }).then(sync);
      };
      return batch(context);
    };
    return real.apply(null, args);
  };
})()`;

/** What the status area shows while a round trip waits. */
interface Step {
  line: string;
  count: string | undefined;
  bar: string | undefined;
  writingEnabled: string[];
  /** changes to the polite live region since the first step */
  liveChanges: number;
}

/**
 * Lets the held round trips go one by one until the operation's outcome shows, noting the status area at each.
 */
async function stepThrough(page: Page): Promise<Step[]> {
  const steps: Step[] = [];
  const ended = () => page.evaluate(() => !document.querySelector("#status-line .spinner"));
  for (let i = 0; i < 40; i++) {
    await page.waitForFunction(() => (window as any).heldSyncs > 0 || !document.querySelector("#status-line .spinner"));
    if (await ended()) break;
    steps.push(
      await page.evaluate(() => {
        const count = document.getElementById("status-count")!;
        const bar = document.getElementById("status-progress") as HTMLProgressElement;
        return {
          line: document.getElementById("status-line")!.textContent ?? "",
          count: count.hidden ? undefined : (document.getElementById("status-count-text")!.textContent ?? ""),
          bar: count.hidden ? undefined : `${bar.value}/${bar.max} ${bar.getAttribute("aria-valuetext")}`,
          writingEnabled: Array.from(document.querySelectorAll<HTMLButtonElement>("button[data-op]"))
            .filter((b) => !b.disabled)
            .map((b) => b.id),
          liveChanges: (window as any).liveChanges ?? 0,
        };
      }),
    );
    if (steps.length === 1)
      await page.evaluate(() => {
        const w = window as any;
        w.liveObserver?.disconnect();
        w.liveChanges = 0;
        w.liveObserver = new MutationObserver((m) => (w.liveChanges += m.length));
        w.liveObserver.observe(document.getElementById("status-line")!, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
        });
      });
    await page.evaluate(() => (window as any).stepExcel());
  }
  expect(await ended()).toBe(true);
  return steps;
}

test("round trip by round trip: the count advances in words and numbers, the live region keeps its start line, writing waits", async () => {
  const { page, errors } = await openPane();
  await page.evaluate(STEP_EXCEL);
  await page.click("#welcome-insert");
  await page.click("#confirm-yes");
  const insert = await stepThrough(page);
  const counts = insert.map((s) => s.count).filter((c) => c !== undefined);
  // the count is real: none of the ten tables while their writes wait, all ten once they went through
  expect(counts[0]).toBe("0 of 10 tables");
  expect(counts[counts.length - 1]).toBe("10 of 10 tables");
  expect(insert.map((s) => s.bar).filter((b) => b !== undefined)).toContain("10/10 10 of 10 tables");
  for (const step of insert) {
    expect(step.line).toBe("Inserting 10 tables…");
    expect(step.writingEnabled).toEqual([]);
  }
  // while the count advanced, the polite region was left alone: the start line is announced once
  expect(insert.length).toBeGreaterThan(1);
  expect(insert[insert.length - 1].liveChanges).toBe(0);
  expect(await page.textContent("#status-line")).toMatch(/^✓Done: 10 tables inserted on \d+ sheets$/);
  expect(await page.isHidden("#status-count")).toBe(true);

  // a kept edit, then Overwrite my edits: nine tables have nothing to write once decided, the tenth once written
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');
  await showView(page, "refresh");
  await page.click("#refresh");
  await stepThrough(page);
  if (await page.isHidden("#report")) await page.click("#details-toggle");
  await page.click("#overwrite-edits");
  await page.click("#confirm-yes");
  const overwrite = await stepThrough(page);
  const after = overwrite.map((s) => s.count).filter((c) => c !== undefined);
  expect(after).toContain("9 of 10 tables");
  expect(after[after.length - 1]).toBe("10 of 10 tables");
  expect(after.indexOf("9 of 10 tables")).toBeLessThan(after.indexOf("10 of 10 tables"));
  for (const step of overwrite) {
    expect(step.line).toBe("Overwriting 1 cell with the dataset's figures…");
    expect(step.writingEnabled).toEqual([]);
  }
  expect(overwrite[overwrite.length - 1].liveChanges).toBe(0);
  expect(await workbook(page, 'wb.sheet("IoMT Regions").cell("C4").value')).not.toBe(80000);
  expect(errors).toEqual([]);
});

/** Opens the pane with the tools' chunk (pane-tools.js) held until the returned `release` answers it. */
async function openWithToolsHeld(
  answer: "serve" | "fail",
): Promise<{ page: Page; errors: string[]; release: () => void }> {
  const { page, errors } = await offlinePage(env.browser, env.server);
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  await page.route("**/office-js/office.js", (route) =>
    route.fulfill({ contentType: "text/javascript", body: excelHostScript() }),
  );
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/pane-tools.js", async (route) => {
    await held;
    if (answer === "serve") await route.continue();
    else await route.abort("connectionrefused");
  });
  // the page's load event waits for the held chunk too
  await page.goto(`${env.server.url}/taskpane.html`, { waitUntil: "domcontentloaded" });
  return { page, errors, release };
}

const enabledActions = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLButtonElement>("button[data-op]"))
      .filter((b) => !b.disabled)
      .map((b) => b.id),
  );

test("the first screen comes before the tools: every action disabled and the wait shown until pane-tools.js arrives", async () => {
  const { page, errors, release } = await openWithToolsHeld("serve");
  // ready: the status set (connected, nothing to say), the progress in view, every action disabled
  await page.waitForFunction(() =>
    /Getting Insert, Refresh and Share ready/.test(document.getElementById("status-line")!.textContent ?? ""),
  );
  expect(await page.textContent("#host-status")).toBe("Connected to Excel.");
  expect(await inView(page, "#status-line")).toBe(true);
  expect(await enabledActions(page)).toEqual([]);
  expect(await page.locator("button[data-op]").count()).toBeGreaterThan(5);
  release();
  // the tools arrive: the workbook is read, the welcome shown, its action enabled, no outcome of the wait itself
  await page.waitForSelector("#welcome:not([hidden])");
  await page.waitForFunction(() => !document.querySelector("button[data-op]:disabled"));
  expect(await page.textContent("#status-line")).toBe("");
  expect(await page.textContent("#checks-fact")).toMatch(/^\d+ of \d+ pass$/);
  await insertFromWelcome(page);
  expect(errors).toEqual([]);
});

test("the tools fail to load: the pane says so as a problem, and its actions stay disabled", async () => {
  const { page, release } = await openWithToolsHeld("fail");
  await page.waitForFunction(() =>
    /Getting Insert, Refresh and Share ready/.test(document.getElementById("status-line")!.textContent ?? ""),
  );
  release();
  await page.waitForFunction(() => /Problem/.test(document.getElementById("status-alert")!.textContent ?? ""));
  expect(await page.textContent("#status-alert")).toContain(
    "The pane could not load Insert, Refresh and Share. Close the pane and open it again.",
  );
  expect(await page.isVisible("#status-alert")).toBe(true);
  expect(await enabledActions(page)).toEqual([]);
});

test("forced colours: the selected tab is marked by a bar in a system colour, not by colour alone", async () => {
  const { page } = await openPane();
  await page.emulateMedia({ forcedColors: "active" });
  await insertFromWelcome(page);
  const look = (id: string) =>
    page.evaluate((s) => {
      const style = getComputedStyle(document.getElementById(s)!);
      return { bar: `${style.borderBottomStyle} ${style.borderBottomColor}`, weight: style.fontWeight };
    }, id);
  const selected = await look("tab-insert");
  const other = await look("tab-refresh");
  expect(selected.bar).not.toBe(other.bar);
  expect(Number(selected.weight)).toBeGreaterThan(Number(other.weight));
  expect(await axeViolations(page)).toEqual([]);
});

test("keyboard only: the welcome's action, the tab bar's arrow keys, each view's action", async () => {
  const { page } = await openPane();
  const focused = () => page.evaluate(() => document.activeElement?.id ?? "");
  const tabTo = async (id: string) => {
    for (let i = 0; i < 30 && (await focused()) !== id; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe(id);
  };
  // the welcome: the primary action comes right after the header's help link
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  expect(await focused()).toBe("welcome-insert");
  await page.keyboard.press("Enter");
  expect(await focused()).toBe("confirm-yes");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /inserted/.test(document.getElementById("status-line")!.textContent ?? ""));
  expect(await workbook(page, "wb.tableNames().length")).toBe(10);

  // one Tab stop for the tab bar (the selected tab); arrows move along it and show each view
  await tabTo("tab-insert");
  expect(await page.getAttribute("#tab-refresh", "tabindex")).toBe("-1");
  await page.keyboard.press("ArrowRight");
  expect(await focused()).toBe("tab-refresh");
  expect(await page.isVisible("#view-refresh")).toBe(true);
  expect(await page.isVisible("#view-insert")).toBe(false);
  await page.keyboard.press("End");
  expect(await focused()).toBe("tab-dataset");
  await page.keyboard.press("ArrowRight");
  expect(await focused()).toBe("tab-insert");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  expect(await focused()).toBe("tab-share");

  // from the Refresh tab, Tab reaches its action; Space runs it
  await page.keyboard.press("ArrowLeft");
  expect(await focused()).toBe("tab-refresh");
  await tabTo("refresh");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => /up to date/.test(document.getElementById("status-line")!.textContent ?? ""));
  // the options open from the keyboard too
  await tabTo("tab-refresh");
  await page.keyboard.press("Home");
  await page.keyboard.press("Tab");
  for (let i = 0; i < 5 && !(await page.evaluate(() => document.activeElement?.tagName === "SUMMARY")); i++)
    await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  expect(await page.getAttribute("#insert-options", "open")).not.toBeNull();
});

test("the welcome's Choose what to insert opens the Insert view with its options", async () => {
  const { page } = await openPane();
  await page.click("#welcome-more");
  expect(await page.isVisible("#welcome")).toBe(false);
  expect(await page.getAttribute("#tab-insert", "aria-selected")).toBe("true");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-insert");
  expect(await page.isVisible('input[name="section"][value="regions"]')).toBe(true);
  expect(await inView(page, "#insert")).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
});
