/**
 * Opening ready in the built pane (headless Chromium, the Excel stand-in behind `Excel`, and the strict stand-in of
 * Office.addin's startup behaviour and the workbook's settings from tests/support/office-startup.ts).
 */
import type { Page } from "playwright-core";
import { DIST_OFFLINE, clickIn, excelHostScript, offlinePage, showView, useBrowser } from "../support/browser";
import { startupStandIn } from "../support/office-startup";

const env = useBrowser([DIST_OFFLINE]);
const SUPPORTED = ["ExcelApi 1.7", "ExcelApi 1.13", "ExcelApi 1.16", "SharedRuntime 1.1"];

/** The pane with the startup stand-in merged into the Office stand-in (window.startup records the calls). */
async function openPane(supported = SUPPORTED): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await offlinePage(env.browser, env.server);
  const setup = `
window.startup = (${startupStandIn.toString()})({});
Office.StartupBehavior = window.startup.office.StartupBehavior;
Office.AsyncResultStatus = window.startup.office.AsyncResultStatus;
Office.context.document = window.startup.office.context.document;
Office.addin.setStartupBehavior = window.startup.office.addin.setStartupBehavior;
Office.addin.getStartupBehavior = window.startup.office.addin.getStartupBehavior;`;
  const host = `${excelHostScript(supported)}\n${setup}`;
  await page.route("**/office-js/office.js", (route) => route.fulfill({ contentType: "text/javascript", body: host }));
  await page.goto(`${env.server.url}/taskpane.html`);
  await page.waitForFunction(() => !/Loading/.test(document.getElementById("host-status")!.textContent ?? ""));
  return { page, errors };
}

const calls = (page: Page) => page.evaluate(() => (window as any).startup.calls as string[]);

test("Insert asks Excel to load the add-in with the workbook; the pane's setting turns it off", async () => {
  const { page, errors } = await openPane();
  await showView(page, "dataset");
  await page.waitForSelector("#load-on-open-setting", { state: "visible" });
  expect(await page.isChecked("#load-on-open")).toBe(false);
  expect(await page.textContent("#load-on-open-note")).toMatch(/#NAME\? or #BUSY!/);
  expect(await calls(page)).toEqual([]);

  await clickIn(page, "insert", "#insert");
  await page.click("#confirm-yes");
  await page.waitForFunction(() => (document.getElementById("load-on-open") as HTMLInputElement).checked);
  await showView(page, "dataset");
  expect(await calls(page)).toEqual(["Load"]);
  expect(await page.textContent("#load-on-open-note")).toMatch(/next time this workbook is opened/);

  await page.click("#load-on-open");
  await page.waitForFunction(() => /#BUSY!/.test(document.getElementById("load-on-open-note")!.textContent ?? ""));
  expect(await calls(page)).toEqual(["Load", "None"]);
  expect(
    await page.evaluate(() => (window as any).startup.office.context.document.settings.get("iomt.loadOnOpen")),
  ).toBe("off");
  expect(await page.evaluate(() => (window as any).startup.reopen())).toBe(false);
  expect(errors).toEqual([]);
});

test("Make portable asks nothing; an Excel without the shared runtime shows no setting", async () => {
  const { page, errors } = await openPane();
  await showView(page, "dataset");
  await page.waitForSelector("#load-on-open-setting", { state: "visible" });
  await page.evaluate(() => (window as any).workbook.sheet("Sheet1").setCell("A1", '=IOMT.VALUE("USA")'));
  await clickIn(page, "share", "#portable-make");
  await page.waitForFunction(() => (document.getElementById("report")!.textContent ?? "").length > 0);
  expect(await calls(page)).toEqual([]);

  const old = await openPane(SUPPORTED.slice(0, 3));
  await clickIn(old.page, "insert", "#insert");
  await old.page.click("#confirm-yes");
  await old.page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await old.page.isHidden("#load-on-open-setting")).toBe(true);
  expect(await calls(old.page)).toEqual([]);
  expect([...errors, ...old.errors]).toEqual([]);
});

test("a workbook of IOMT formulas typed by hand, no tables: Check workbook and Restore ask to load it on open", async () => {
  const { page, errors } = await openPane();
  await showView(page, "dataset");
  await page.waitForSelector("#load-on-open-setting", { state: "visible" });
  // no IOMT formula: Check asks nothing
  await page.evaluate(() => (window as any).workbook.sheet("Sheet1").setCell("B1", "=SUM(1,2)"));
  await clickIn(page, "share", "#portable-check");
  await page.waitForFunction(() =>
    /No formula in this workbook calls IOMT/.test(document.getElementById("report")!.textContent ?? ""),
  );
  expect(await calls(page)).toEqual([]);

  await page.evaluate(() => (window as any).workbook.sheet("Sheet1").setCell("A1", '=IOMT.VALUE("USA")'));
  await clickIn(page, "share", "#portable-check");
  await page.waitForFunction(() => (document.getElementById("load-on-open") as HTMLInputElement).checked);
  expect(await calls(page)).toEqual(["Load"]);
  expect(await page.textContent("#load-on-open-note")).toMatch(/next time this workbook is opened/);

  // made portable (asks nothing), then restored: the IOMT formulas are back, and so is the request
  await clickIn(page, "share", "#portable-make");
  await page.waitForFunction(() =>
    /now calculate without the add-in/.test(document.getElementById("report")!.textContent ?? ""),
  );
  expect(await calls(page)).toEqual(["Load"]);
  await clickIn(page, "share", "#portable-restore");
  await page.waitForFunction(() =>
    /IOMT formula\(s\) restored/.test(document.getElementById("report")!.textContent ?? ""),
  );
  expect(await calls(page)).toEqual(["Load", "Load"]);

  // turned off by the analyst: Check finds the formulas and asks nothing
  await clickIn(page, "dataset", "#load-on-open");
  await page.waitForFunction(() => !(document.getElementById("load-on-open") as HTMLInputElement).checked);
  await clickIn(page, "share", "#portable-check");
  await page.waitForFunction(() => /would show #NAME\?/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await calls(page)).toEqual(["Load", "Load", "None"]);
  expect(errors).toEqual([]);
});
