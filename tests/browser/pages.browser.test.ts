/**
 * The pages a newcomer meets, in headless Chromium at a task pane's width (350 px): the landing page at the add-in's
 * base URL (what this is, how to sideload, the manifest and help), the help page, and the task pane opened in a
 * plain browser. None scrolls sideways, none logs a console error, none breaks its Content-Security-Policy.
 */
import fs from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { DIST_OFFLINE, offlinePage, useBrowser } from "../support/browser";

const env = useBrowser([DIST_OFFLINE]);

/** The page at 350×500, with its console errors and CSP violations recorded. */
async function open(file: string): Promise<{ page: Page; problems: string[] }> {
  const { page, errors } = await offlinePage(env.browser, env.server);
  const problems = errors;
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await page.setViewportSize({ width: 350, height: 500 });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP: ${e.violatedDirective}`)),
  );
  await page.goto(`${env.server.url}/${file}`);
  await page.waitForLoadState("load");
  return { page, problems };
}

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("the landing page says what this is and how to sideload, and links to the manifest and help", async () => {
  const { page, problems } = await open("index.html");
  expect(await page.textContent("h1")).toBe("IoMT Market for Excel");
  expect(await page.textContent("main")).toMatch(/Upload My Add-in/);
  for (const href of ["manifest.xml", "help.html", "iomt-market-app.zip"]) {
    expect(await page.locator(`a[href="${href}"]`).count()).toBe(1);
    expect(fs.existsSync(path.join(DIST_OFFLINE, href))).toBe(true);
  }
  expect(await sideways(page)).toBe(0);
  expect(problems).toEqual([]);
});

test("the help page fits 350 px: no sideways scroll, its function table included", async () => {
  const { page, problems } = await open("help.html");
  expect(await page.locator("table").count()).toBeGreaterThan(0);
  expect(await sideways(page)).toBe(0);
  expect(problems).toEqual([]);
});

test("the task pane in a plain browser says it runs outside Excel, without a console error, and fits 350 px", async () => {
  const { page, problems } = await open("taskpane.html");
  // the build with Microsoft's office.js served beside it (dist-offline): office.js loads and reports no Office host
  await page.waitForFunction(() => !/Loading/.test(document.getElementById("host-status")!.textContent ?? ""));
  expect(await page.textContent("#host-status")).toMatch(/outside Excel/);
  expect(await page.isVisible("#dataset-facts")).toBe(true);
  expect(await page.isVisible("#tabs")).toBe(false);
  expect(await sideways(page)).toBe(0);
  expect(problems).toEqual([]);
});
