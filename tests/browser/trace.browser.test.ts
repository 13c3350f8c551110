/**
 * Trace to source in the built pane (headless Chromium, the Excel stand-in behind `Excel`): the analyst selects
 * cells in the workbook, and the pane follows the selection and shows where each figure comes from.
 */
import fs from "fs";
import type { Page } from "playwright-core";
import { DIST_OFFLINE, clickIn, excelHostScript, offlinePage, useBrowser } from "../support/browser";

const env = useBrowser([DIST_OFFLINE]);
const SUPPORTED = ["ExcelApi 1.7", "ExcelApi 1.9", "ExcelApi 1.13", "ExcelApi 1.16"];

async function openPane(supported = SUPPORTED, setup = ""): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await offlinePage(env.browser, env.server);
  await page.setViewportSize({ width: 360, height: 900 });
  const host = `${excelHostScript(supported)}\n${setup}`;
  await page.route("**/office-js/office.js", (route) => route.fulfill({ contentType: "text/javascript", body: host }));
  await page.goto(`${env.server.url}/taskpane.html`);
  await page.waitForFunction(() => !/Loading/.test(document.getElementById("host-status")!.textContent ?? ""));
  return { page, errors };
}

const workbook = (page: Page, expr: string) => page.evaluate(`(function (wb) { return ${expr}; })(window.workbook)`);

/** The analyst selects a cell; the pane's trace follows once it names that cell. */
async function select(page: Page, sheet: string, address: string, shown = address): Promise<void> {
  await workbook(page, `wb.select(${JSON.stringify(sheet)}, ${JSON.stringify(address)})`);
  await page.waitForFunction(
    (a) => (document.getElementById("trace-where")!.textContent ?? "").includes(a),
    `!${shown}`,
  );
}
const traceText = async (page: Page) => (await page.textContent("#trace-area")) ?? "";
const marks = (page: Page) => page.locator("#trace-area mark").allTextContents();

async function insertAll(page: Page): Promise<void> {
  await clickIn(page, "insert", "#insert");
  await page.click("#confirm-yes");
  await page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
}

test("the pane follows the selection: reported, derived, estimated, typed, edited and non-IoMT cells", async () => {
  const { page, errors } = await openPane();
  expect(await page.isVisible("#trace-area")).toBe(true);
  await insertAll(page);

  // reported: North America 2029, with its section heading and its sentence, the figure marked
  await select(page, "IoMT Regions", "C4");
  let text = await traceText(page);
  expect(text).toContain("IoMT_Regions · North America · 2029");
  expect(text).toContain("North America, market size 2029: 79,107 USD million");
  expect(text).toContain("Kind: reported");
  expect(text).toContain(
    "Section: Which Will Be the Biggest Region in the Internet Of Medical Things (IoMT) Market in 2029",
  );
  expect(text).toContain("North America will be the largest region in the internet of medical things (IoMT) market");
  expect(await marks(page)).toEqual(["$79,107 million"]);

  // derived: wearable devices 2024, its arithmetic and the two reported figures it stands on, each marked
  await select(page, "IoMT Device types", "B4");
  text = await traceText(page);
  expect(text).toContain("Kind: derived");
  expect(text).toContain("Arithmetic: value 2029 − growth 2024–2029 = 122,211 − 89,809 = 32,402");
  expect(await marks(page)).toEqual(["$122,211 million", "$89,809 million"]);

  // a live formula column of the table
  await select(page, "IoMT Regions", "F5");
  expect(await traceText(page)).toContain("(71,006 / 25,383)^(1/5) − 1 = 22.84%");

  // estimated, and typed by hand with its name in a cell: IOMT.VALUE formulas outside the tables
  await workbook(page, 'wb.sheet("Sheet1").setCell("A1", \'=IOMT.VALUE("USA", 2026)\')');
  await workbook(page, 'wb.sheet("Sheet1").setCell("B1", "Wearables")');
  await workbook(page, 'wb.sheet("Sheet1").setCell("A2", "=IOMT.VALUE(B1, 2029) * 2")');
  await select(page, "Sheet1", "A1");
  text = await traceText(page);
  expect(text).toContain("Kind: estimated");
  expect(text).toMatch(
    /Arithmetic: value 2024 × \(value 2029 \/ value 2024\)\^\(2\/5\) = 25,383 × \(71,006 \/ 25,383\)/,
  );
  expect(await marks(page)).toEqual(["$25,383 million", "$71,006 million"]);
  await select(page, "Sheet1", "A2");
  expect(await traceText(page)).toContain("Wearable devices, market size 2029: 122,211 USD million");
  expect(await marks(page)).toEqual(["$122,211 million"]);

  // edited by the analyst: said plainly, with the dataset's figure beside it
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');
  await select(page, "IoMT Regions", "C4");
  text = await traceText(page);
  expect(text).toContain("You changed this cell");
  expect(await page.getAttribute("#trace-message", "class")).toContain("warn");
  expect(text).toContain("79,107 USD million");
  // the analyst overwrites that edit from the refresh report: the trace of the cell still selected follows
  await clickIn(page, "refresh", "#refresh");
  await page.waitForFunction(() => /Your edits, kept \(1\)/.test(document.getElementById("report")!.textContent ?? ""));
  if (await page.isHidden("#report")) await page.click("#details-toggle");
  await page.click("#report li button");
  await page.waitForFunction(
    () => document.getElementById("trace-message")!.textContent === "Where this figure comes from:",
  );
  expect(await marks(page)).toEqual(["$79,107 million"]);

  // not an IoMT figure, and more than one cell
  await workbook(page, 'wb.sheet("Sheet1").setCell("D5", 5)');
  await select(page, "Sheet1", "D5");
  expect(await page.textContent("#trace-message")).toBe(
    "This cell is not an IoMT figure: it is outside the IoMT tables and calls no IOMT lookup.",
  );
  expect(await page.isHidden("#trace-figures")).toBe(true);
  await select(page, "Sheet1", "A1:B2");
  expect(await page.textContent("#trace-message")).toMatch(/^4 cells are selected: select one cell/);
  expect(errors).toEqual([]);
});

test("one round trip per selection of a table cell; rapid changes trace only the last", async () => {
  const { page } = await openPane();
  await insertAll(page);
  await select(page, "IoMT Regions", "B4");
  await page.evaluate(() => (window as any).excelHandle.resetCounters());
  await select(page, "IoMT Regions", "C5");
  expect(await page.evaluate(() => (window as any).excelHandle.syncCount)).toBe(1);
  expect(await page.evaluate(() => (window as any).excelHandle.maxResponseBytes)).toBeLessThan(2000);

  await page.evaluate(() => (window as any).excelHandle.resetCounters());
  await workbook(
    page,
    'wb.select("IoMT Regions", "B5"), wb.select("IoMT Regions", "C4"), wb.select("IoMT Drivers", "B4")',
  );
  await page.waitForFunction(() => /IoMT_Drivers/.test(document.getElementById("trace-where")!.textContent ?? ""));
  expect(await page.evaluate(() => (window as any).excelHandle.syncCount)).toBe(1);
  expect(await traceText(page)).toContain("the growing adoption of remote patient monitoring is anticipated");
  expect(await marks(page)).toEqual(["1.5%"]);
});

test("text from the workbook is shown as text, never as markup", async () => {
  const { page, errors } = await openPane();
  await insertAll(page);
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("A5", "<img src=x onerror=window.hacked=1>")');
  await select(page, "IoMT Regions", "C5");
  expect(await page.textContent("#trace-message")).toBe(
    "The row '<img src=x onerror=window.hacked=1>' is not one of the dataset's: it holds no IoMT figure.",
  );
  expect(await page.locator("#trace-area img").count()).toBe(0);
  expect(await page.evaluate(() => (window as any).hacked)).toBeUndefined();

  expect(errors).toEqual([]);
});

const DARK_THEME = `window.Office.context.officeTheme = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#363636", controlForegroundColor: "#FFFFFF" };`;

test.each([
  ["light", ""],
  ["dark", DARK_THEME],
])("axe-core finds no violation in the trace, in the %s theme", async (theme, setup) => {
  const { page, errors } = await openPane(SUPPORTED, setup);
  expect(await page.evaluate(() => document.documentElement.dataset.theme === "dark")).toBe(theme === "dark");
  await page.setViewportSize({ width: 350, height: 500 });
  await insertAll(page);
  await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = () =>
    page.evaluate(async () =>
      ((await (window as any).axe.run("#trace-area")).violations as any[]).map((v) => `${v.id}: ${v.nodes.length}`),
    );
  await select(page, "IoMT Device types", "B4");
  expect(await violations()).toEqual([]);
  await workbook(page, 'wb.sheet("IoMT Regions").setCell("C4", 80000)');
  await select(page, "IoMT Regions", "C4");
  expect(await page.textContent("#trace-message")).toMatch(/^You changed this cell/);
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});

test("where Excel reports no selection changes (before ExcelApi 1.9), the selected cell is traced on request", async () => {
  const { page } = await openPane(SUPPORTED.filter((s) => s !== "ExcelApi 1.9"));
  expect(await page.textContent("#trace-message")).toMatch(/does not tell add-ins when the selection changes/);
  await insertAll(page);
  await workbook(page, 'wb.select("IoMT Regions", "C4")');
  await page.click("#trace-now");
  await page.waitForFunction(() => /C4/.test(document.getElementById("trace-where")!.textContent ?? ""));
  expect(await marks(page)).toEqual(["$79,107 million"]);
});
