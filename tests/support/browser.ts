/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against pages served from the
 * build on 127.0.0.1. Requests to any other host are refused, so the pages run as they would offline.
 */
import fs from "fs";
import http from "http";
import path from "path";
import { fakeExcelPageScript } from "./fake-excel-page";
import type { AddressInfo } from "net";
import { chromium, type Browser, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..");
export const DIST = path.join(ROOT, "dist");
export const DIST_OFFLINE = path.join(ROOT, "dist-offline");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
};

export interface Server {
  url: string;
  close(): Promise<void>;
}

/** Serves files: `pages` are extra in-memory pages; each path is looked up in `roots` in order. */
function serve(roots: string[], pages: Record<string, string> = {}): Promise<Server> {
  for (const r of roots) {
    if (!fs.existsSync(r)) throw new Error(`${r} does not exist: run the build first (npm test does).`);
  }
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? "/").split("?")[0]);
    if (pages[url] !== undefined) {
      res.writeHead(200, { "Content-Type": TYPES[".html"] });
      res.end(pages[url]);
      return;
    }
    for (const r of roots) {
      const file = path.join(r, url);
      if (file.startsWith(r) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
        fs.createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's chromium (npm test does, as root).`);
  }
  // playwright starts Chromium with a fresh, empty profile of its own (a new --user-data-dir each launch)
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page that may only talk to the test server; it records page errors. */
export async function offlinePage(
  browser: Browser,
  server: Server,
): Promise<{ page: Page; errors: string[]; blocked: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const blocked: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return { page, errors, blocked };
}

/**
 * A page script standing in for office.js inside Excel: Office.onReady reports Excel, requirement sets
 * are those listed as supported, ribbon actions are recorded, and `Excel` is the in-memory stand-in
 * (tests/support/fake-excel.ts, compiled for the browser) over a workbook exposed as window.workbook.
 */
export function excelHostScript(supported: string[] = ["ExcelApi 1.7", "ExcelApi 1.13", "ExcelApi 1.16"]): string {
  const fake = fakeExcelPageScript();
  return `
(function () {
  var exports = {}; var module = { exports: exports };
  var Buffer = { byteLength: function (s) { return new TextEncoder().encode(s).length; } };
  ${fake}
  window.FakeExcel = exports;
  window.workbook = new exports.FakeWorkbook(["Sheet1"]);
  window.excelHandle = exports.installFakeExcel(window.workbook);
})();
window.ribbonActions = {};
window.registeredFunctions = {};
// office.js defines CustomFunctions in every host; the functions bundle registers through it
window.CustomFunctions = { associate: function (id, fn) { window.registeredFunctions[id] = fn; } };
window.Office = {
  HostType: { Excel: "Excel" },
  onReady: function (cb) { var info = { host: "Excel", platform: "OfficeOnline" }; setTimeout(function () { cb && cb(info); }, 0); return Promise.resolve(info); },
  context: { requirements: { isSetSupported: function (set, version) { return ${JSON.stringify(supported)}.indexOf(set + " " + version) >= 0; } } },
  actions: { associate: function (name, fn) { window.ribbonActions[name] = fn; } },
  // SharedRuntime 1.1: the ribbon command opens the pane this way; the test counts the calls
  addin: { showAsTaskpane: function () { window.shownAsTaskpane = (window.shownAsTaskpane || 0) + 1; return Promise.resolve(); } },
};`;
}

export interface BrowserEnv {
  browser: Browser;
  server: Server;
}

/** A test file's browser and server: started before its tests, closed after them. */
export function useBrowser(roots: string[], pages: Record<string, string> = {}): BrowserEnv {
  const env = {} as BrowserEnv;
  beforeAll(async () => {
    env.server = await serve(roots, pages);
    env.browser = await launch();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** The pane's views (src/taskpane/view-state.ts), by their tab. */
export type PaneViewId = "insert" | "refresh" | "share" | "dataset";

/** Opens a view of the pane as a user does: from the welcome, "Choose what to insert", then the view's tab. */
export async function showView(page: Page, view: PaneViewId): Promise<void> {
  await page.waitForSelector("#welcome:not([hidden]), #tabs:not([hidden])");
  if (await page.isVisible("#welcome")) await page.click("#welcome-more");
  if ((await page.getAttribute(`#tab-${view}`, "aria-selected")) !== "true") await page.click(`#tab-${view}`);
}

/** Opens a view, then clicks a control in it. */
export async function clickIn(page: Page, view: PaneViewId, selector: string): Promise<void> {
  await showView(page, view);
  await page.click(selector);
}

/** Opens the options under a view's action (a <details> element), as a user clicks its summary. */
export async function openOptions(page: Page, view: PaneViewId, details: string): Promise<void> {
  await showView(page, view);
  if ((await page.getAttribute(`#${details}`, "open")) === null) await page.click(`#${details} > summary`);
}
