/** The built task pane in a plain browser (no Excel): it says so plainly and still shows the dataset. */
import type { Browser } from "playwright-core";
import { DIST_OFFLINE, launch, offlinePage, serve, type Server } from "../support/browser";

let browser: Browser;
let server: Server;

beforeAll(async () => {
  server = await serve([DIST_OFFLINE]);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("outside Excel the pane explains itself and shows title, source, date and units", async () => {
  const { page, errors } = await offlinePage(browser, server);
  await page.goto(`${server.url}/taskpane.html`);
  await page.waitForFunction(() => !/Loading/.test(document.getElementById("host-status")!.textContent ?? ""));
  expect(await page.textContent("#host-status")).toMatch(/outside Excel/);
  const facts = await page.textContent("#dataset-facts");
  expect(facts).toContain("EINPresswire");
  expect(facts).toContain("6 January 2026");
  expect(facts).toContain("USD million");
  expect(await page.textContent("#subtitle")).toContain("Internet of Medical Things (IoMT) Market");
  expect(errors).toEqual([]);
});

test("the pane says so when office.js cannot be loaded at all", async () => {
  const { page } = await offlinePage(browser, server);
  await page.route("**/office-js/office.js", (route) => route.abort());
  await page.goto(`${server.url}/taskpane.html`);
  expect(await page.textContent("#host-status")).toMatch(/Office\.js could not be loaded/);
  expect(await page.textContent("#dataset-facts")).toContain("EINPresswire");
});
