/**
 * The built pages under their own Content-Security-Policy (the meta tag the build writes): the task pane with
 * the Excel stand-in, with Microsoft's real office.js outside Excel (from dist-offline/ and, for the CDN build,
 * from appsforoffice.microsoft.com served from @microsoft/office-js), and the help page. Any CSP violation
 * fails, and so does any request that is neither the page's own files nor office.js's.
 */
import fs from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { DIST, DIST_OFFLINE, clickIn, excelHostScript, offlinePage, openOptions, useBrowser } from "../support/browser";

const { OFFICE_JS_CDN, contentSecurityPolicy } = require("../../webpack.config.js");
const OFFICE_JS_DIR = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
const CDN_FOLDER = "https://appsforoffice.microsoft.com/lib/1/hosted/";

const env = useBrowser([DIST_OFFLINE]);
const cdnEnv = useBrowser([DIST]);

interface Watched {
  page: Page;
  errors: string[];
  violations: () => Promise<string[]>;
  requests: string[];
}

/** A page that records CSP violations (event and console) and every request it makes. */
async function watchedPage(which: typeof env): Promise<Watched> {
  const { page, errors } = await offlinePage(which.browser, which.server);
  const consoleViolations: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleViolations.push(m.text());
  });
  page.on("request", (r) => requests.push(r.url()));
  // init scripts run before the page's own and are not subject to its policy
  await page.addInitScript(() => {
    (window as any).cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as any).cspViolations.push(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      ),
    );
  });
  const violations = async () => [
    ...((await page.evaluate(() => (window as any).cspViolations)) as string[]),
    ...consoleViolations,
  ];
  return { page, errors, violations, requests };
}

/** The pane's own files: what the build wrote (and the help page's). */
function ownFile(serverUrl: string, url: string, dir: string): boolean {
  if (!url.startsWith(`${serverUrl}/`)) return false;
  const rel = decodeURIComponent(url.slice(serverUrl.length + 1).split("?")[0]);
  return (
    !rel.startsWith("office-js/") && fs.existsSync(path.join(dir, rel)) && fs.statSync(path.join(dir, rel)).isFile()
  );
}

function unexpectedRequests(requests: string[], serverUrl: string, dir: string, officeJsFolder: string): string[] {
  return requests.filter((u) => !ownFile(serverUrl, u, dir) && !u.startsWith(officeJsFolder));
}

const cspOf = (page: Page) => page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");

test("the pane's policy is the build's: own files, office.js, nothing else", async () => {
  const offline = fs.readFileSync(path.join(DIST_OFFLINE, "taskpane.html"), "utf8");
  const cdn = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  expect(offline).toContain(contentSecurityPolicy({}));
  expect(OFFICE_JS_CDN).toBe(`${CDN_FOLDER}office.js`);
  expect(cdn).toContain(contentSecurityPolicy({ officeJsFolder: CDN_FOLDER }));
  // office.js by its folder, not the whole origin
  expect(cdn).toContain(`script-src 'self' ${CDN_FOLDER};`);
  for (const html of [offline, cdn]) {
    // the policy comes before any script, or it would not apply to it
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script [^>]*>[^<]+<\/script>/); // no inline script
    expect(html).not.toMatch(/ on[a-z]+=/); // no inline handlers
  }
  expect(contentSecurityPolicy({})).toMatch(/default-src 'none'.*script-src 'self';.*connect-src 'none'/);
  expect(contentSecurityPolicy({})).not.toMatch(/unsafe-eval|\*/);
});

test("every built page carries the policy", () => {
  for (const dir of [DIST, DIST_OFFLINE]) {
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith(".html"));
    expect(pages.sort()).toEqual(["help.html", "index.html", "taskpane.html"]);
    for (const p of pages)
      expect(fs.readFileSync(path.join(dir, p), "utf8")).toMatch(
        /<meta http-equiv="?Content-Security-Policy"? content="default-src 'none'/,
      );
  }
});

test("the pane in Excel (stand-in): insert and refresh under the policy, no violation, only its own files", async () => {
  const w = await watchedPage(env);
  await w.page.route("**/office-js/office.js", (route) =>
    route.fulfill({ contentType: "text/javascript", body: excelHostScript() }),
  );
  await w.page.goto(`${env.server.url}/taskpane.html`);
  expect(await cspOf(w.page)).toContain("default-src 'none'");
  await w.page.waitForFunction(() =>
    /Connected to Excel/.test(document.getElementById("host-status")!.textContent ?? ""),
  );
  await openOptions(w.page, "insert", "insert-options");
  await w.page.check("#charts");
  await clickIn(w.page, "insert", "#insert");
  await w.page.click("#confirm-yes");
  await w.page.waitForFunction(() => /Sheet 'IoMT/.test(document.getElementById("report")!.textContent ?? ""));
  await clickIn(w.page, "refresh", "#refresh");
  await w.page.waitForFunction(() => /up to date|updated/.test(document.getElementById("report")!.textContent ?? ""));
  expect(await w.violations()).toEqual([]);
  expect(w.errors).toEqual([]);
  expect(unexpectedRequests(w.requests, env.server.url, DIST_OFFLINE, `${env.server.url}/office-js/`)).toEqual([]);
  expect(w.requests).toEqual(
    expect.arrayContaining([
      `${env.server.url}/taskpane.js`,
      `${env.server.url}/functions.js`,
      `${env.server.url}/taskpane.css`,
    ]),
  );
});

test("the pane with Microsoft's office.js outside Excel (dist-offline): no violation, only its own and office.js's files", async () => {
  const w = await watchedPage(env);
  await w.page.goto(`${env.server.url}/taskpane.html`);
  await w.page.waitForFunction(() => !/Loading/.test(document.getElementById("host-status")!.textContent ?? ""));
  await w.page.waitForTimeout(500); // office.js loads its further scripts after onReady
  expect(await w.page.textContent("#host-status")).toMatch(/outside Excel/);
  expect(await w.violations()).toEqual([]);
  expect(unexpectedRequests(w.requests, env.server.url, DIST_OFFLINE, `${env.server.url}/office-js/`)).toEqual([]);
  expect(w.requests).toContain(`${env.server.url}/office-js/office.js`);
});

test("the pane's policy lets the functions load estimates.js, their part loaded on first use", async () => {
  const w = await watchedPage(env);
  await w.page.goto(`${env.server.url}/taskpane.html`);
  await w.page.waitForFunction(() => !/Loading/.test(document.getElementById("host-status")!.textContent ?? ""));
  expect(w.requests).not.toContain(`${env.server.url}/estimates.js`);
  // the chunk as the functions ask for it: webpack's loader of functions.js (a chunk joining through iomtChunks
  // runs with the loader), with the chunk's id as functions.js names it
  const [, id] = /\.e\((\d+)\)/.exec(fs.readFileSync(path.join(DIST_OFFLINE, "functions.js"), "utf8"))!;
  const loaded = await w.page.evaluate(
    (chunk) =>
      new Promise<string>((resolve) =>
        (window as any).iomtChunks.push([
          [-1],
          {},
          (load: any) =>
            load.e(chunk).then(
              () => resolve("loaded"),
              (e: Error) => resolve(e.message),
            ),
        ]),
      ),
    Number(id),
  );
  expect(loaded).toBe("loaded");
  expect(w.requests).toContain(`${env.server.url}/estimates.js`);
  expect(await w.violations()).toEqual([]);
  expect(unexpectedRequests(w.requests, env.server.url, DIST_OFFLINE, `${env.server.url}/office-js/`)).toEqual([]);
});

test("the CDN build with office.js from appsforoffice.microsoft.com: no violation, only its own and office.js's files", async () => {
  const w = await watchedPage(cdnEnv);
  const cdnServed: string[] = [];
  // Microsoft's CDN, answered from the same files in @microsoft/office-js (no network here)
  await w.page.route(`${CDN_FOLDER}**`, (route) => {
    const rel = route.request().url().slice(CDN_FOLDER.length).split("?")[0];
    const file = path.join(OFFICE_JS_DIR, rel);
    if (!file.startsWith(OFFICE_JS_DIR) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
    cdnServed.push(rel);
    return route.fulfill({ contentType: "text/javascript", body: fs.readFileSync(file) });
  });
  await w.page.goto(`${cdnEnv.server.url}/taskpane.html`);
  expect(await cspOf(w.page)).toContain(`script-src 'self' ${CDN_FOLDER};`);
  await w.page.waitForFunction(() => !/Loading/.test(document.getElementById("host-status")!.textContent ?? ""));
  await w.page.waitForTimeout(500);
  expect(await w.page.textContent("#host-status")).toMatch(/outside Excel/);
  expect(cdnServed).toContain("office.js");
  expect(await w.violations()).toEqual([]);
  expect(unexpectedRequests(w.requests, cdnEnv.server.url, DIST, CDN_FOLDER)).toEqual([]);

  // another path on Microsoft's origin is refused: the policy names office.js's folder only
  const elsewhere = "https://appsforoffice.microsoft.com/lib/beta/hosted/other.js";
  await w.page.route(elsewhere, (route) =>
    route.fulfill({ contentType: "text/javascript", body: "window.elsewhere = true;" }),
  );
  await w.page.evaluate((src) => {
    const s = document.createElement("script");
    s.src = src;
    document.body.appendChild(s);
  }, elsewhere);
  await w.page.waitForFunction(() => (window as any).cspViolations.length > 0);
  expect((await w.violations()).some((v) => v.includes("script-src") && v.includes("/lib/beta/"))).toBe(true);
  expect(await w.page.evaluate(() => (window as any).elsewhere)).toBeUndefined();
});

test("the help page: no script, no violation, only its own files", async () => {
  const w = await watchedPage(cdnEnv);
  await w.page.goto(`${cdnEnv.server.url}/help.html`);
  await w.page.waitForLoadState("load");
  expect(await cspOf(w.page)).toContain("script-src 'none'");
  expect(await w.page.textContent("h1")).toContain("IoMT Market");
  expect(await w.violations()).toEqual([]);
  expect(unexpectedRequests(w.requests, cdnEnv.server.url, DIST, "(none)")).toEqual([]);
  expect(w.requests).toContain(`${cdnEnv.server.url}/help.css`);
});

test("the request check flags foreign hosts and files the build does not hold", () => {
  const own = env.server.url;
  const flagged = unexpectedRequests(
    [
      `${own}/taskpane.js`,
      `${own}/assets/icon-32.png`,
      `${own}/office-js/office.js`,
      `${own}/tracker.js`,
      "https://example.org/x.js",
      `${CDN_FOLDER}office.js`,
    ],
    own,
    DIST_OFFLINE,
    `${own}/office-js/`,
  );
  expect(flagged).toEqual([`${own}/tracker.js`, "https://example.org/x.js", `${CDN_FOLDER}office.js`]);
});

test("the watch itself sees violations: a foreign image and an injected inline script are refused", async () => {
  const w = await watchedPage(env);
  await w.page.route("**/office-js/office.js", (route) =>
    route.fulfill({ contentType: "text/javascript", body: excelHostScript() }),
  );
  await w.page.goto(`${env.server.url}/taskpane.html`);
  await w.page.waitForFunction(() =>
    /Connected to Excel/.test(document.getElementById("host-status")!.textContent ?? ""),
  );
  await w.page.evaluate(() => {
    const img = document.createElement("img");
    img.src = "https://tracker.example.org/pixel.png";
    document.body.appendChild(img);
    const s = document.createElement("script");
    s.textContent = "window.injected = true;";
    document.body.appendChild(s);
  });
  await w.page.waitForTimeout(200);
  const v = await w.violations();
  expect(v.some((x) => /img-src/.test(x))).toBe(true);
  expect(v.some((x) => /script-src/.test(x))).toBe(true);
  expect(await w.page.evaluate(() => (window as any).injected)).toBeUndefined();
});
