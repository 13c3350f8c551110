/**
 * The README's pictures of the task pane at 350×500 (a task pane's width on a laptop), taken in headless Chromium
 * on the Excel stand-in: the first run, a refresh that kept an edit, a blocked refresh, and the dark theme. Each is
 * checked for what it must show before it is taken. They go to .cache/; `npm run screenshots` writes them to docs/.
 */
import fs from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { DIST_OFFLINE, ROOT, excelHostScript, offlinePage, showView, useBrowser } from "../support/browser";

const env = useBrowser([DIST_OFFLINE]);
const DARK_THEME = `window.Office.context.officeTheme = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#363636", controlForegroundColor: "#FFFFFF" };`;

async function openPane(setup = ""): Promise<Page> {
  const { page } = await offlinePage(env.browser, env.server);
  await page.setViewportSize({ width: 350, height: 500 });
  const host = `${excelHostScript()}\n${setup}`;
  await page.route("**/office-js/office.js", (route) => route.fulfill({ contentType: "text/javascript", body: host }));
  await page.goto(`${env.server.url}/taskpane.html`);
  await page.waitForSelector("#welcome:not([hidden])");
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS ? path.join(ROOT, "docs") : path.join(ROOT, ".cache");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  expect(fs.statSync(file).size).toBeGreaterThan(10000);
}

const workbook = (page: Page, expr: string) => page.evaluate(`(function (wb) { return ${expr}; })(window.workbook)`);

/** Insert from the welcome, then an edit of the analyst's, then Refresh with its details open. */
async function refreshKeepingAnEdit(page: Page): Promise<void> {
  await page.click("#welcome-insert");
  await page.click("#confirm-yes");
  await page.waitForFunction(() => /inserted/.test(document.getElementById("status-line")!.textContent ?? ""));
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');
  await showView(page, "refresh");
  await page.click("#refresh");
  await page.waitForFunction(() =>
    /1 edit of yours kept/.test(document.getElementById("status-line")!.textContent ?? ""),
  );
  await page.click("#details-toggle");
}

test("the first run, a refresh that kept an edit, a blocked refresh", async () => {
  const page = await openPane();
  expect(await page.isVisible("#welcome-insert")).toBe(true);
  await shot(page, "pane-first-run");
  await refreshKeepingAnEdit(page);
  expect(await page.textContent("#report")).toContain("Your edits, kept (1)");
  await shot(page, "pane-refresh-kept-edit");
  await workbook(page, 'wb.sheet("IoMT Drivers").setCell("B4", 0.9)');
  await workbook(page, 'wb.protect("IoMT Drivers")');
  await page.click("#refresh");
  await page.waitForFunction(() => /Problem/.test(document.getElementById("status-alert")!.textContent ?? ""));
  if (await page.isHidden("#report")) await page.click("#details-toggle");
  expect(await page.textContent("#report")).toContain("'IoMT Drivers' is protected");
  await shot(page, "pane-refresh-blocked");
});

test("the dark theme", async () => {
  const page = await openPane(DARK_THEME);
  await refreshKeepingAnEdit(page);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  await shot(page, "pane-dark");
});
