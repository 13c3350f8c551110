/**
 * The hosting configuration the build writes (dist/staticwebapp.config.json, dist/nginx-iomt.conf) covers what
 * Office needs from a host: functions.json cross-origin and as JSON, and every icon the manifest names without
 * Cache-Control. Checked for the localhost build and for a production base URL with a path.
 */
import fs from "fs";
import path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const { manifestFor } = require("../../webpack.config.js");
const { staticWebAppConfig, nginxSnippet } = require("../../scripts/hosting.js");

type Headers = Record<string, string>;
const HSTS = "max-age=31536000; includeSubDomains";

/** Every file the manifest points at on the add-in's host, as a URL path ("/iomt/assets/icon-16.png"). */
function manifestPaths(xml: string, baseUrl: string): { icons: string[]; metadata: string[] } {
  const urls = Array.from(xml.matchAll(/DefaultValue="(https:\/\/[^"]+)"/g)).map((m) => m[1]);
  for (const u of urls) expect(u.startsWith(baseUrl)).toBe(true);
  const paths = urls.map((u) => new URL(u).pathname);
  return {
    icons: [...new Set(paths.filter((p) => p.endsWith(".png")))],
    metadata: paths.filter((p) => p.endsWith("functions.json")),
  };
}

/** Azure Static Web Apps' route matching: exact, or a trailing wildcard filtered by extension ("/assets/*.png"). */
function swaHeaders(config: any, urlPath: string): Headers | undefined {
  const matches = (route: string): boolean => {
    if (!route.includes("*")) return route === urlPath;
    const [prefix, suffix] = route.split("*");
    return (
      urlPath.startsWith(prefix) &&
      urlPath.endsWith(suffix) &&
      !urlPath.slice(prefix.length, urlPath.length - suffix.length).includes("/")
    );
  };
  const route = config.routes.find((r: any) => matches(r.route));
  return route ? { ...(config.globalHeaders ?? {}), ...route.headers } : undefined;
}

/** nginx: the location block that serves a path (exact `=` first, then regular expressions in order). */
function nginxBlock(conf: string, urlPath: string): string | undefined {
  const blocks = Array.from(conf.matchAll(/location\s+(=|~)\s+(\S+)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g)).map((m) => ({
    kind: m[1],
    pattern: m[2],
    body: m[3],
  }));
  const exact = blocks.find((b) => b.kind === "=" && b.pattern === urlPath);
  if (exact) return exact.body;
  return blocks.find((b) => b.kind === "~" && new RegExp(b.pattern).test(urlPath))?.body;
}

const header = (headers: Headers | undefined, name: string): string | undefined =>
  Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

function checkHosting(swa: any, nginx: string, manifest: string, baseUrl: string): void {
  const { icons, metadata } = manifestPaths(manifest, baseUrl);
  expect(metadata).toHaveLength(1);
  expect(icons.length).toBeGreaterThanOrEqual(4); // 16, 32, 64 and 80 px

  for (const p of metadata) {
    const h = swaHeaders(swa, p);
    expect(header(h, "Access-Control-Allow-Origin")).toBe("*");
    expect(header(h, "Content-Type")).toMatch(/^application\/json\b/);
    const block = nginxBlock(nginx, p);
    expect(block).toMatch(/add_header Access-Control-Allow-Origin "\*" always;/);
    expect(block).toMatch(/default_type "application\/json\b/);
  }
  for (const p of icons) {
    const h = swaHeaders(swa, p);
    expect(h).toBeDefined();
    // an empty value removes the header in Static Web Apps (its defaults include a Cache-Control)
    expect(header(h, "Cache-Control")).toBe("");
    const block = nginxBlock(nginx, p);
    expect(block).toBeDefined();
    expect(block).toMatch(/expires off;/);
    expect(block).not.toMatch(/Cache-Control/i);
    // a location with an add_header of its own inherits none from the server block (no server-wide Cache-Control)
    expect(block).toMatch(/add_header /);
  }
  // every script and JSON file: its type and nosniff; every file: HSTS
  const base = new URL(`${baseUrl}/`).pathname;
  const scripts = [`${base}functions.js`, `${base}estimates.js`, `${base}taskpane.js`, `${base}pane-tools.js`];
  for (const p of [...metadata, ...scripts]) {
    expect(header(swaHeaders(swa, p), "X-Content-Type-Options")).toBe("nosniff");
    expect(nginxBlock(nginx, p)).toMatch(/add_header X-Content-Type-Options "nosniff" always;/);
  }
  for (const p of scripts) {
    expect(header(swaHeaders(swa, p), "Content-Type")).toMatch(/^text\/javascript\b/);
    expect(nginxBlock(nginx, p)).toMatch(/default_type "text\/javascript\b/);
  }
  const pages = [`${base}taskpane.html`, `${base}help.html`, `${base}index.html`];
  for (const p of [...metadata, ...scripts, ...pages, ...icons]) {
    expect(header(swaHeaders(swa, p), "Strict-Transport-Security")).toBe(HSTS);
    expect(nginxBlock(nginx, p)).toContain(`add_header Strict-Transport-Security "${HSTS}" always;`);
  }
  for (const p of pages) {
    expect(header(swaHeaders(swa, p), "Content-Security-Policy")).toMatch(/^default-src 'none'; /);
    expect(nginxBlock(nginx, p)).toMatch(/add_header Content-Security-Policy "default-src 'none'; [^"]+" always;/);
  }
  // the task pane, the help page and the scripts are not icons: no route removes their caching by mistake
  expect(
    header(swaHeaders(swa, `${new URL(baseUrl).pathname.replace(/\/$/, "")}/taskpane.html`), "Cache-Control"),
  ).toBeUndefined();
}

test("the build writes the hosting configuration into dist/", () => {
  for (const f of ["staticwebapp.config.json", "nginx-iomt.conf", "functions.json", "help.html"])
    expect(fs.existsSync(path.join(DIST, f))).toBe(true);
});

test("dist/'s configuration covers functions.json and every icon of dist/manifest.xml", () => {
  const swa = JSON.parse(fs.readFileSync(path.join(DIST, "staticwebapp.config.json"), "utf8"));
  const nginx = fs.readFileSync(path.join(DIST, "nginx-iomt.conf"), "utf8");
  checkHosting(swa, nginx, fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8"), "https://localhost:3000");
  // every icon the manifest names is in the build
  for (const icon of manifestPaths(fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8"), "https://localhost:3000")
    .icons) {
    expect(fs.existsSync(path.join(DIST, icon))).toBe(true);
  }
});

/** The policy of a built page's meta tag (html-webpack-plugin writes it with &#39; for quotes, or plainly). */
function metaPolicy(html: string): string {
  const m = html.match(/<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"/);
  expect(m).not.toBeNull();
  return m![1].replace(/&#39;|&#x27;|&apos;/g, "'").replace(/&amp;/g, "&");
}

test("the pages' Content-Security-Policy header is their meta tag, in dist/ and dist-offline/", () => {
  for (const dist of [DIST, path.join(ROOT, "dist-offline")]) {
    const swa = JSON.parse(fs.readFileSync(path.join(dist, "staticwebapp.config.json"), "utf8"));
    const nginx = fs.readFileSync(path.join(dist, "nginx-iomt.conf"), "utf8");
    for (const page of ["taskpane.html", "help.html", "index.html"]) {
      const policy = metaPolicy(fs.readFileSync(path.join(dist, page), "utf8"));
      expect(policy).toMatch(/^default-src 'none'; script-src /);
      expect(header(swaHeaders(swa, `/${page}`), "Content-Security-Policy")).toBe(policy);
      expect(nginxBlock(nginx, `/${page}`)).toContain(`add_header Content-Security-Policy "${policy}" always;`);
    }
  }
});

test("a production base URL with a path: routes and locations carry the path", () => {
  const baseUrl = "https://addins.example.org/iomt";
  const manifest = manifestFor(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"), baseUrl);
  const swa = staticWebAppConfig(baseUrl);
  const nginx = nginxSnippet(baseUrl);
  checkHosting(swa, nginx, manifest, baseUrl);
  expect(swa.routes.map((r: any) => r.route)).toContain("/iomt/functions.json");
  expect(nginxBlock(nginx, "/functions.json")).toBeUndefined();
});

test("the checks fail on configuration that misses a rule", () => {
  const baseUrl = "https://addins.example.org/iomt";
  const manifest = manifestFor(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"), baseUrl);
  const swa = staticWebAppConfig(baseUrl);
  const noIconRule = { ...swa, routes: swa.routes.filter((r: any) => !r.route.endsWith(".png")) };
  expect(() => checkHosting(noIconRule, nginxSnippet(baseUrl), manifest, baseUrl)).toThrow();
  const noCors = {
    ...swa,
    routes: swa.routes.map((r: any) => ({ ...r, headers: { ...r.headers, "Access-Control-Allow-Origin": undefined } })),
  };
  expect(() => checkHosting(noCors, nginxSnippet(baseUrl), manifest, baseUrl)).toThrow();
  const cachedIcons = nginxSnippet(baseUrl).replace("expires off;", 'add_header Cache-Control "max-age=3600";');
  expect(() => checkHosting(swa, cachedIcons, manifest, baseUrl)).toThrow();
  const { globalHeaders, ...noGlobal } = swa;
  expect(globalHeaders["Strict-Transport-Security"]).toBe(HSTS);
  expect(() => checkHosting(noGlobal, nginxSnippet(baseUrl), manifest, baseUrl)).toThrow();
  const sniffing = nginxSnippet(baseUrl).replace(/ +add_header X-Content-Type-Options "nosniff" always;\n/g, "");
  expect(() => checkHosting(swa, sniffing, manifest, baseUrl)).toThrow();
});
