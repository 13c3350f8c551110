/**
 * The built task pane in headless Chromium with the in-memory Excel stand-in behind `Excel`: a user clicks
 * through insert and refresh, by mouse and by keyboard; the workbook and what the pane says are checked;
 * axe-core finds no accessibility violations; a screenshot is taken for the README.
 */
import fs from "fs";
import { RANGE_AT } from "../support/publishers-range";
import path from "path";
import type { Page } from "playwright-core";
import {
  DIST_OFFLINE,
  ROOT,
  clickIn,
  excelHostScript,
  offlinePage,
  openOptions,
  showView,
  useBrowser,
} from "../support/browser";

const env = useBrowser([DIST_OFFLINE]);

async function openPane(supported?: string[], setup = ""): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await offlinePage(env.browser, env.server);
  await page.setViewportSize({ width: 360, height: 900 });
  const host = `${excelHostScript(supported)}\n${setup}`;
  await page.route("**/office-js/office.js", (route) => route.fulfill({ contentType: "text/javascript", body: host }));
  await page.goto(`${env.server.url}/taskpane.html`);
  await page.waitForFunction(() => !/Loading/.test(document.getElementById("host-status")!.textContent ?? ""));
  await page.waitForSelector("#welcome:not([hidden]), #tabs:not([hidden]), #view-dataset:not([hidden])");
  return { page, errors };
}

const workbook = (page: Page, expr: string) => page.evaluate(`(function (wb) { return ${expr}; })(window.workbook)`);
const reportText = (page: Page) => page.textContent("#report");
/** Insert, confirmed in the pane's confirmation step. */
async function insertChosen(page: Page): Promise<void> {
  await clickIn(page, "insert", "#insert");
  await page.click("#confirm-yes");
}
/** The report is shown on request, under the status line. */
async function showDetails(page: Page): Promise<void> {
  if (await page.isHidden("#report")) await page.click("#details-toggle");
}

test("insert then refresh, as a user clicks", async () => {
  const { page, errors } = await openPane();
  expect(await page.textContent("#host-status")).toBe("Connected to Excel.");
  expect(await page.textContent("#edition-status")).toMatch(/No IoMT tables in this workbook yet/);
  expect(await page.locator('input[name="section"]:checked').count()).toBe(10);
  expect(await page.isChecked('input[name="formulas"][value="native"]')).toBe(true);

  await insertChosen(page);
  await page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await workbook(page, "wb.tableNames().length")).toBe(10);
  expect(await reportText(page)).toContain("IoMT_Regions (2 rows)");
  await page.waitForFunction(() =>
    /the add-in's own/.test(document.getElementById("edition-status")!.textContent ?? ""),
  );

  // the analyst types an estimate over a figure and builds on a table: refresh keeps the edit and lists it
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');
  await workbook(page, 'wb.sheet("Sheet1").setCell("A1", "=SUM(IoMT_Regions[2029])")');
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() => /Your edits, kept \(1\)/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await workbook(page, 'wb.sheet("IoMT Regions").cell("C4").value')).toBe(80000);
  expect(await reportText(page)).toContain("'IoMT Regions'!C4: 80000 (dataset: 79107)");
  expect(await reportText(page)).toContain("IoMT_Drivers: up to date.");
  expect(await page.getAttribute("#report ul", "class")).toContain("ok");

  // the change log goes to its own table on request
  await showDetails(page);
  await page.click("#write-log");
  await page.waitForFunction(() =>
    /appended to the IoMT_RefreshLog table/.test(document.getElementById("report")!.textContent ?? ""),
  );
  expect(await workbook(page, 'wb.table("IoMT_RefreshLog").rows.length')).toBe(1);

  fs.mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
  // the README's pictures of the pane are tests/browser/screenshots.browser.test.ts's
  const shot = path.join(ROOT, ".cache", "taskpane.png");
  await page.screenshot({ path: shot, fullPage: true });
  expect(fs.statSync(shot).size).toBeGreaterThan(10000);

  // the log replaced the report; refresh again, then overwrite that one edit from the list
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() => /Your edits, kept \(1\)/.test(document.getElementById("report")!.textContent ?? ""));
  await showDetails(page);
  expect(await page.getAttribute("#report li button", "aria-label")).toBe("Overwrite IoMT Regions C4");
  await page.click("#report li button");
  await page.waitForFunction(() => /IoMT_Regions: 1 cell/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await workbook(page, 'wb.sheet("IoMT Regions").cell("C4").value')).toBe(79107);
  expect(await workbook(page, 'wb.sheet("Sheet1").cell("A1").value')).toBe(79107 + 71006);
  expect(await reportText(page)).toContain("'IoMT Regions'!C4: 80000 → 79107 (overwrote an edit)");
  expect(errors).toEqual([]);
});

test("Excel refusing part-way (the user is editing a cell): the pane lists nothing as changed that was not written, and says what to do", async () => {
  const { page, errors } = await openPane();
  // Insert, refused at its first write: plain words, the code only as a detail
  await workbook(page, "wb.failAfterWrites(0)");
  await insertChosen(page);
  await page.waitForFunction(() =>
    /Excel is editing a cell/.test(document.getElementById("report")!.textContent ?? ""),
  );
  expect(await page.locator("#report ul.report li").allTextContents()).toEqual([
    "Excel is editing a cell: press Enter or Esc, then try again.",
    "Excel's code, for support: InvalidOperationInCellEditMode.",
  ]);
  await insertChosen(page);
  await page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await workbook(page, "wb.tableNames().length")).toBe(10);
  // two edits of the analyst's, one over a formula; the refresh keeps them
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("F4", "=1")');
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() => /Your edits, kept \(2\)/.test(document.getElementById("report")!.textContent ?? ""));
  // "Overwrite my edits", while the user starts editing a cell: Excel refuses the first write
  await workbook(page, "wb.failAfterWrites(0)");
  await showDetails(page);
  await page.click("#overwrite-edits");
  expect(await page.textContent("#confirm-text")).toMatch(/^Overwrite 2 cells you changed/);
  await page.click("#confirm-yes");
  await page.waitForFunction(() => /Not written yet \(2\)/.test(document.getElementById("report")!.textContent ?? ""));
  const text = (await reportText(page)) ?? "";
  expect(text).toContain("Excel is editing a cell: press Enter or Esc, then refresh again.");
  expect(text).not.toMatch(/Cells changed/);
  expect(text).toMatch(/'IoMT Regions'!F4: =1, to become =IF\(OR\(\[@2024\]="",\[@2029\]=""\)/);
  expect(text).not.toContain("#This Row");
  // Excel's code only as the report's last line, for support
  const lines = await page.locator("#report ul.report li").allTextContents();
  expect(lines.slice(0, -1).join("\n")).not.toContain("InvalidOperationInCellEditMode");
  expect(lines[lines.length - 1]).toBe("Excel's code, for support: InvalidOperationInCellEditMode.");
  expect(await page.getAttribute("#report ul", "class")).toContain("bad");
  expect(await workbook(page, 'wb.sheet("IoMT Regions").cell("C4").value')).toBe(80000);
  expect(errors).toEqual([]);
});

test("a refresh that would overwrite a user's cells changes nothing and says where", async () => {
  const { page } = await openPane();
  await openOptions(page, "insert", "insert-options");
  await page.click('input[name="section"][value="overview"]');
  await insertChosen(page);
  await page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await workbook(page, "wb.tableNames().includes('IoMT_Overview')")).toBe(false);
  await workbook(page, 'wb.sheet("IoMT Drivers").setCell("B4", 0.9)');
  await workbook(page, 'wb.protect("IoMT Drivers")');
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() => /Nothing was changed/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await reportText(page)).toContain("'IoMT Drivers' is protected");
  expect(await workbook(page, 'wb.sheet("IoMT Drivers").cell("B4").value')).toBe(0.9);
});

test("axe-core finds no accessibility violations, before and after an insert", async () => {
  const { page } = await openPane();
  // evaluated from the test, not added as a <script>: the pane's Content-Security-Policy refuses inline scripts
  await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = () =>
    page.evaluate(async () =>
      ((await (window as any).axe.run(document)).violations as any[]).map((v) => `${v.id}: ${v.nodes.length}`),
    );
  expect(await violations()).toEqual([]);
  await insertChosen(page);
  await page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await violations()).toEqual([]);
});

test("the ribbon's Refresh command runs in the shared runtime and completes its event", async () => {
  const { page } = await openPane();
  await insertChosen(page);
  await page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  const ribbonRefresh = () =>
    page.evaluate(
      () => new Promise((resolve) => (window as any).ribbonActions.refreshTables({ completed: () => resolve(true) })),
    );
  // a clean refresh is reported in the pane without opening it
  expect(await ribbonRefresh()).toBe(true);
  expect(await page.evaluate(() => (window as any).shownAsTaskpane ?? 0)).toBe(0);
  expect(await page.textContent("#status-line")).toMatch(/All 10 tables up to date$/);
  // an edit kept is something the analyst must know: the pane opens on Refresh with it
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C5", 5)');
  expect(await ribbonRefresh()).toBe(true);
  expect(await workbook(page, 'wb.sheet("IoMT Regions").cell("C5").value')).toBe(5);
  expect(await page.evaluate(() => (window as any).shownAsTaskpane)).toBe(1);
  expect(await page.getAttribute("#tab-refresh", "aria-selected")).toBe("true");
  expect(await page.textContent("#status-line")).toMatch(/1 edit of yours kept/);
  expect(await page.textContent("#last-refresh")).toMatch(/^Last refresh \d\d:\d\d: .*1 edit of yours kept$/);
  expect(await reportText(page)).toMatch(/Kept 1 edit\(s\) of yours/);

  // blocked: the pane opens with the report
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C5", 6)');
  await workbook(page, 'wb.protect("IoMT Regions")');
  await showView(page, "share");
  expect(await ribbonRefresh()).toBe(true);
  expect(await page.evaluate(() => (window as any).shownAsTaskpane)).toBe(2);
  expect(await page.getAttribute("#tab-refresh", "aria-selected")).toBe("true");
  expect(await reportText(page)).toMatch(/Nothing was changed[\s\S]*'IoMT Regions' is protected/);
  expect(await page.getAttribute("#report ul", "class")).toContain("bad");
  expect(await workbook(page, 'wb.sheet("IoMT Regions").cell("C5").value')).toBe(6);
});

test("the ribbon's Refresh IoMT menu: The table at the selection refreshes that table alone", async () => {
  const { page, errors } = await openPane();
  await insertChosen(page);
  await page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');
  await workbook(page, 'wb.sheet("IoMT Drivers").setCell("B4", 0.9)');
  await page.evaluate(() =>
    (window as any).Excel.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem("IoMT Regions").getRange("B4").select();
      await ctx.sync();
    }),
  );
  const completed = await page.evaluate(
    () => new Promise((resolve) => (window as any).ribbonActions.refreshSelection({ completed: () => resolve(true) })),
  );
  expect(completed).toBe(true);
  expect(await page.textContent("#status-line")).toBe("✓Done: The table is up to date · 1 edit of yours kept");
  // the kept edit opened the pane on Refresh; the other table's edit was not looked at
  expect(await page.evaluate(() => (window as any).shownAsTaskpane)).toBe(1);
  expect(await reportText(page)).toContain("'IoMT Regions'!C4: 80000");
  expect(await reportText(page)).not.toContain("IoMT Drivers");
  expect(errors).toEqual([]);
});

test("a workbook of a newer edition: refresh leaves it, the pane offers to replace it", async () => {
  const { page } = await openPane();
  await insertChosen(page);
  await page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  await workbook(page, 'wb.setCustomProperty("IoMT dataset edition", "2030-01-01")');
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C5", 5)');
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() => /newer than this add-in/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await workbook(page, 'wb.sheet("IoMT Regions").cell("C5").value')).toBe(5);
  expect(await page.isVisible("#replace-newer")).toBe(true);
  await clickIn(page, "refresh", "#replace-newer");
  await page.waitForFunction(() => /Workbook stamped/.test(document.getElementById("report")!.textContent ?? ""));
  // a figure the analyst typed stays theirs, whichever edition replaces which
  expect(await workbook(page, 'wb.sheet("IoMT Regions").cell("C5").value')).toBe(5);
  expect(await workbook(page, 'wb.customProperty("IoMT dataset edition")')).toBe("2026-01-06");
  expect(await page.isVisible("#replace-newer")).toBe(false);
});

test("an Excel without the needed requirement sets gets an explanation, not a failure", async () => {
  const { page, errors } = await openPane([]);
  expect(await page.textContent("#host-status")).toMatch(/^This version of Excel cannot insert or refresh tables/);
  expect(await page.isHidden("#tabs")).toBe(true);
  expect(await page.isHidden("#welcome")).toBe(true);
  expect(await page.isVisible("#dataset-facts")).toBe(true);
  const partial = await openPane(["ExcelApi 1.7"]);
  expect(await partial.page.textContent("#host-status")).toBe(
    "Connected to Excel. This version of Excel cannot add rows to a table on refresh or show segments as data types; the pane says where that matters.",
  );
  expect(await partial.page.isVisible("#welcome-insert")).toBe(true);
  expect(errors).toEqual([]);
});

test("a segment's card, rendered from its entity", async () => {
  const { cardHtml } = await import("../support/card");
  const { segmentEntity } = await import("../../src/core/functions");
  const { INDEX } = await import("../../src/data/bundled");
  const page = await env.browser.newPage();
  await page.setViewportSize({ width: 380, height: 300 });
  await page.setContent(cardHtml(segmentEntity(INDEX, "Wearable devices", RANGE_AT)));
  expect(await page.textContent("main")).toContain("122,211.0");
  expect(await page.textContent("main")).toContain("Data provided by EINPresswire, 6 January 2026");
  const shot = process.env.UPDATE_SCREENSHOTS
    ? path.join(ROOT, "docs", "card.png")
    : path.join(ROOT, ".cache", "card.png");
  await page.locator("main").screenshot({ path: shot });
  expect(fs.statSync(shot).size).toBeGreaterThan(5000);
});

test("on opening, the pane says when the workbook's data is older (or newer) than the bundled edition", async () => {
  const stamped = (version: string, edition: string) =>
    `window.workbook.setCustomProperty("IoMT dataset version", "${version}"); window.workbook.setCustomProperty("IoMT dataset edition", "${edition}");`;
  const older = await openPane(undefined, stamped("0.9.0", "2025-06-30"));
  await older.page.waitForSelector("#workbook-state:not([hidden])");
  expect(await older.page.textContent("#edition-status")).toMatch(
    /holds dataset 0\.9\.0 \(edition 2025-06-30\), older than the add-in's 1\.0\.0/,
  );
  const newer = await openPane(undefined, stamped("2.0.0", "2027-01-01"));
  await newer.page.waitForSelector("#workbook-state:not([hidden])");
  expect(await newer.page.textContent("#edition-status")).toMatch(/newer than this add-in's 1\.0\.0/);
});

test("share with anyone: check, make portable and restore, as a user clicks", async () => {
  const { page, errors } = await openPane();
  await workbook(page, 'wb.sheet("Sheet1").setCell("A1", "=IOMT.VALUE(\\"USA\\",2026)")');
  await workbook(page, 'wb.sheet("Sheet1").setCell("A2", "=ROUND(IOMT.CAGR(28454,79107,5),4)")');
  await clickIn(page, "share", "#portable-check");
  await page.waitForFunction(() => /would show #NAME\?/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await page.textContent("#report")).toContain("Sheet1!A2: IOMT.CAGR");
  // Excel refusing the first write (the user is editing a cell) gets plain words, the code only as a detail
  await workbook(page, "wb.failAfterWrites(0)");
  await clickIn(page, "share", "#portable-make");
  await page.waitForFunction(() =>
    /Excel is editing a cell: press Enter or Esc, then try again\./.test(
      document.getElementById("report")!.textContent ?? "",
    ),
  );
  expect(await page.textContent("#report")).not.toMatch(/InvalidOperationInCellEditMode[\s\S]*Excel's code/);
  await clickIn(page, "share", "#portable-make");
  await page.waitForFunction(() =>
    /calculate without the add-in/.test(document.getElementById("report")!.textContent ?? ""),
  );
  expect(await workbook(page, 'wb.sheet("Sheet1").cell("A2").formula')).not.toMatch(/IOMT/);
  await clickIn(page, "share", "#portable-check");
  await page.waitForFunction(() =>
    /No formula in this workbook calls IOMT/.test(document.getElementById("report")!.textContent ?? ""),
  );
  await clickIn(page, "share", "#portable-restore");
  await page.waitForFunction(() => /restored/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await workbook(page, 'wb.sheet("Sheet1").cell("A2").formula')).toBe("=ROUND(IOMT.CAGR(28454,79107,5),4)");
  expect(errors).toEqual([]);
});

/**
 * Holds every Excel.run of the stand-in until the test calls `window.releaseExcel()`: Excel at a slow round
 * trip, without a timer. `window.excelRuns` counts the batches started.
 */
const HOLD_EXCEL = `(function () {
  var real = Excel.run;
  var release;
  var gate = new Promise(function (r) { release = r; });
  window.excelRuns = 0;
  window.releaseExcel = function () { release(); };
  Excel.run = function () { var args = arguments; window.excelRuns++; return gate.then(function () { return real.apply(null, args); }); };
})()`;

test("at 350×500, while Excel works: progress in words at the top, every writing action disabled, no overlap", async () => {
  const { page, errors } = await openPane();
  await page.setViewportSize({ width: 350, height: 500 });
  await insertChosen(page);
  await page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await page.textContent("#status-line")).toBe("✓Done: 10 tables inserted on 10 sheets");
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');

  await page.evaluate(HOLD_EXCEL);
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() => /Refreshing/.test(document.getElementById("status-line")!.textContent ?? ""));
  expect(await page.textContent("#status-line")).toBe("Refreshing the IoMT tables…");
  // the previous result is cleared, the status line is in view, every action that goes to Excel is disabled
  expect(await page.textContent("#report")).toBe("");
  expect(await page.isHidden("#details-toggle")).toBe(true);
  // the view's action and the status area are both in view without scrolling
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const box = (await page.locator("#status-line").boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(500);
  const ops = [
    "welcome-insert",
    "insert",
    "insert-list",
    "refresh",
    "portable-check",
    "portable-make",
    "portable-restore",
  ];
  for (const id of ops) expect(await page.isDisabled(`#${id}`)).toBe(true);
  // a click on a disabled action starts nothing; the ribbon's command waits its turn
  await page.evaluate(() => document.getElementById("insert")!.click());
  const ribbon = page.evaluate(
    () => new Promise((resolve) => (window as any).ribbonActions.refreshTables({ completed: () => resolve(true) })),
  );
  expect(await page.evaluate(() => (window as any).excelRuns)).toBe(1);

  await page.evaluate(() => (window as any).releaseExcel());
  expect(await ribbon).toBe(true);
  await page.waitForFunction(() => !document.querySelector("button[data-op]:disabled"));
  // the refresh and its edition read, then the ribbon's refresh and its edition read
  expect(await page.evaluate(() => (window as any).excelRuns)).toBe(4);
  expect(await workbook(page, "wb.tableNames().length")).toBe(10);
  // one line, announced once; the report on request
  expect(await page.textContent("#status-line")).toBe("✓Done: All 10 tables up to date · 1 edit of yours kept");
  expect(await page.getAttribute("#status-line", "role")).toBe("status");
  expect(await page.textContent("#status-alert")).toBe("");
  expect(await page.isHidden("#report")).toBe(true);
  await page.click("#details-toggle");
  expect(await page.getAttribute("#details-toggle", "aria-expanded")).toBe("true");
  expect(await page.isVisible("#report")).toBe(true);
  expect(await reportText(page)).toContain("Your edits, kept (1)");
  expect(errors).toEqual([]);
});

test("a problem is an alert, told apart by icon and word; axe finds nothing at 350×500 with the details open", async () => {
  const { page } = await openPane();
  await page.setViewportSize({ width: 350, height: 500 });
  await insertChosen(page);
  await page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  await workbook(page, 'wb.sheet("IoMT Drivers").setCell("B4", 0.9)');
  await workbook(page, 'wb.protect("IoMT Drivers")');
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() =>
    /Nothing was changed/.test(document.getElementById("status-alert")!.textContent ?? ""),
  );
  expect(await page.textContent("#status-alert")).toBe(
    "✕Problem: Nothing was changed: refresh would have to overwrite or could not write.",
  );
  expect(await page.getAttribute("#status-alert", "role")).toBe("alert");
  expect(await page.textContent("#status-line")).toBe("");
  await page.click("#details-toggle");
  await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () =>
    ((await (window as any).axe.run(document)).violations as any[]).map((v) => `${v.id}: ${v.nodes.length}`),
  );
  expect(violations).toEqual([]);
});

test("Enter in a form control never starts an operation", async () => {
  const { page } = await openPane();
  await page.setViewportSize({ width: 350, height: 500 });
  await openOptions(page, "insert", "insert-options");
  await page.focus('input[name="section"][value="overview"]');
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("overview");
  await page.keyboard.press("Enter");
  await page.focus('input[name="placement"][value="one-sheet"]');
  await page.keyboard.press("Enter");
  await page.focus("#charts");
  await page.keyboard.press("Enter");
  // operations run one after another: an insert started by Enter would have run before this check
  await clickIn(page, "share", "#portable-check");
  await page.waitForFunction(() => /No formula/.test(document.getElementById("status-line")!.textContent ?? ""));
  expect(await workbook(page, "wb.tableNames().length")).toBe(0);
});

test("Insert says how many sheets it adds, Overwrite how many cells, before acting; Cancel and Escape do nothing", async () => {
  const { page } = await openPane();
  await page.setViewportSize({ width: 350, height: 500 });
  await openOptions(page, "insert", "insert-options");
  await page.click('input[name="section"][value="overview"]');
  await clickIn(page, "insert", "#insert");
  expect(await page.textContent("#confirm-text")).toBe(
    "Insert 9 tables on 9 new sheets? Tables already in the workbook are left for Refresh.",
  );
  expect(await page.textContent("#confirm-yes")).toBe("Insert 9 tables");
  const box = (await page.locator("#confirm-yes").boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(500);
  await page.click("#confirm-no");
  expect(await page.isHidden("#confirm")).toBe(true);
  await page.click('input[name="placement"][value="one-sheet"]');
  await clickIn(page, "insert", "#insert");
  expect(await page.textContent("#confirm-text")).toMatch(/^Insert 9 tables on 1 new sheet\?/);
  await page.keyboard.press("Escape");
  expect(await page.isHidden("#confirm")).toBe(true);
  // an operation after both answers: an insert, had either started one, would have run before it
  await clickIn(page, "share", "#portable-check");
  await page.waitForFunction(() => /No formula/.test(document.getElementById("status-line")!.textContent ?? ""));
  expect(await workbook(page, "wb.tableNames().length")).toBe(0);

  await openOptions(page, "insert", "insert-options");
  await page.click('input[name="placement"][value="sheet-per-section"]');
  await clickIn(page, "insert", "#insert");
  await page.click("#confirm-yes");
  await page.waitForFunction(() => /inserted/.test(document.getElementById("status-line")!.textContent ?? ""));
  expect(await workbook(page, "wb.tableNames().length")).toBe(9);
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C5", 80001)');
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() =>
    /2 edits of yours kept/.test(document.getElementById("status-line")!.textContent ?? ""),
  );
  await showDetails(page);
  await page.click("#overwrite-edits");
  expect(await page.textContent("#confirm-text")).toMatch(
    /^Overwrite 2 cells you changed with the dataset's figures\?/,
  );
  expect(await page.textContent("#confirm-yes")).toBe("Overwrite 2 cells");
  await page.click("#confirm-no");
  expect(await workbook(page, 'wb.sheet("IoMT Regions").cell("C4").value')).toBe(80000);
  await page.click("#overwrite-edits");
  await page.click("#confirm-yes");
  await page.waitForFunction(() => /2 cells updated/.test(document.getElementById("status-line")!.textContent ?? ""));
  expect(await workbook(page, 'wb.sheet("IoMT Regions").cell("C4").value')).not.toBe(80000);
});

const DARK_THEME = `window.Office.context.officeTheme = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#363636", controlForegroundColor: "#FFFFFF" };`;

test("Excel's dark theme: the pane goes dark, and axe finds nothing with a kept edit and a blocked refresh", async () => {
  const { page, errors } = await openPane(undefined, DARK_THEME);
  await page.setViewportSize({ width: 350, height: 500 });
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(38, 38, 38)");
  await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = () =>
    page.evaluate(async () =>
      ((await (window as any).axe.run(document)).violations as any[]).map((v) => `${v.id}: ${v.nodes.length}`),
    );
  expect(await violations()).toEqual([]);
  await insertChosen(page);
  await page.waitForFunction(() => /inserted/.test(document.getElementById("status-line")!.textContent ?? ""));
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() =>
    /1 edit of yours kept/.test(document.getElementById("status-line")!.textContent ?? ""),
  );
  await showDetails(page);
  expect(await violations()).toEqual([]);
  await workbook(page, 'wb.sheet("IoMT Drivers").setCell("B4", 0.9)');
  await workbook(page, 'wb.protect("IoMT Drivers")');
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() => /Problem/.test(document.getElementById("status-alert")!.textContent ?? ""));
  await showDetails(page);
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});

test("forced colours (Windows high contrast): the tones still differ, by sign and by the rule's style", async () => {
  const { page } = await openPane();
  await page.emulateMedia({ forcedColors: "active" });
  await insertChosen(page);
  await page.waitForFunction(() => /inserted/.test(document.getElementById("status-line")!.textContent ?? ""));
  const look = (selector: string) =>
    page.evaluate((s) => {
      const el = document.querySelector(s)!;
      const style = getComputedStyle(el);
      return `${style.borderLeftStyle} ${style.listStyleType}`;
    }, selector);
  const ok = await look("#report ul.report");
  await workbook(page, 'wb.sheet("IoMT Drivers").setCell("B4", 0.9)');
  await workbook(page, 'wb.protect("IoMT Drivers")');
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() => /Problem/.test(document.getElementById("status-alert")!.textContent ?? ""));
  const bad = await look("#report ul.report");
  expect(ok).not.toBe(bad);
  expect(await page.textContent("#status-alert")).toMatch(/^✕Problem: /);
});
