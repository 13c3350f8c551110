/** The built task pane in a plain browser (no Excel): it says so plainly and still shows the dataset. */
import { DIST_OFFLINE, offlinePage, useBrowser } from "../support/browser";

const env = useBrowser([DIST_OFFLINE]);

test("outside Excel the pane explains itself and shows title, source, date and units", async () => {
  const { page, errors } = await offlinePage(env.browser, env.server);
  await page.goto(`${env.server.url}/taskpane.html`);
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
  const { page } = await offlinePage(env.browser, env.server);
  await page.route("**/office-js/office.js", (route) => route.abort());
  await page.goto(`${env.server.url}/taskpane.html`);
  expect(await page.textContent("#host-status")).toMatch(/Office\.js could not be loaded/);
  expect(await page.textContent("#dataset-facts")).toContain("EINPresswire");
});
