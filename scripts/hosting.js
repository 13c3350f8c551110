/*
 * What a web host must send for the add-in, and ready configuration for two common static hosts.
 * The build (webpack.config.js) writes both into dist/; tests/build/hosting.test.ts checks that they cover
 * functions.json and every icon the manifest names.
 *
 * - functions.json: Excel reads the custom functions' metadata from Office's own origin, so the host must
 *   allow it cross-origin (Access-Control-Allow-Origin) and send it as JSON. functions.js gets the same CORS
 *   header (harmless; some Excel clients fetch the script rather than run it through taskpane.html), and so does
 *   estimates.js, the part of the functions' script they load on first use (other publishers' estimates).
 * - Icons: "the server hosting an image resource must not add any CACHE-CONTROL directives to the response
 *   header. These directives result in Office automatically substituting a generic or default image."
 *   (https://learn.microsoft.com/javascript/api/manifest/image)
 * - Azure Static Web Apps: route headers override global ones, and "to remove a header, set the value to an
 *   empty string" (https://learn.microsoft.com/azure/static-web-apps/configuration#route-headers); its
 *   default responses carry a Cache-Control, so the icon routes remove it.
 * - nginx: a location with its own add_header inherits none from the server block, so every location repeats
 *   HSTS and nosniff, which also stops a server-wide Cache-Control reaching the icons (with `expires off`).
 * - The pages get their Content-Security-Policy as a header too (scripts/content-security-policy.js, the same
 *   text as their meta tags); a header is enforced before the page is parsed.
 */

const { pagePolicies } = require("./content-security-policy");

/**
 * Sent with every file: HSTS (browsers then refuse plain http to the host for a year,
 * https://www.rfc-editor.org/rfc/rfc6797) and nosniff (a script or JSON served with another type is not run
 * or read as one, https://fetch.spec.whatwg.org/#x-content-type-options-header).
 */
const EVERY_FILE = {
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
};

/**
 * The rules any host must follow, by path relative to the add-in's base URL; `policies` are the pages'
 * Content-Security-Policies (the same text the build writes into their meta tags).
 */
function hostingRules(policies = pagePolicies()) {
  const script = "text/javascript; charset=utf-8";
  const page = (file, why) => ({
    files: [file],
    set: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policies[file] },
    remove: [],
    why,
  });
  return [
    {
      files: ["functions.json"],
      set: { "Access-Control-Allow-Origin": "*", "Content-Type": "application/json; charset=utf-8" },
      remove: [],
      why: "Excel reads the functions' metadata cross-origin, as JSON",
    },
    {
      files: ["functions.js", "estimates.js"],
      set: { "Access-Control-Allow-Origin": "*", "Content-Type": script },
      remove: [],
      why: "the functions' script and the part of it they load on first use (estimates.js), also readable cross-origin",
    },
    {
      files: ["taskpane.js", "pane-tools.js"],
      set: { "Content-Type": script },
      remove: [],
      why: "the task pane's script and its tools, loaded after its first screen (pane-tools.js)",
    },
    page("taskpane.html", "the task pane, under its Content-Security-Policy (also its meta tag)"),
    page("help.html", "the help page, under its Content-Security-Policy (no script)"),
    page("index.html", "the landing page at the base URL, under its Content-Security-Policy (no script)"),
    {
      files: ["assets/*.png"],
      set: { "Content-Type": "image/png" },
      remove: ["Cache-Control"],
      why: "Office caches icons itself and shows generic ones when Cache-Control is sent",
    },
  ];
}

/** The text without its trailing slashes (a scan from the end: /\/+$/ would be quadratic on many slashes). */
function withoutTrailingSlashes(text) {
  let end = text.length;
  while (end > 0 && text[end - 1] === "/") end--;
  return text.slice(0, end);
}

function basePath(baseUrl) {
  return new URL(`${withoutTrailingSlashes(baseUrl)}/`).pathname; // "/" or "/iomt/"
}

/** Azure Static Web Apps configuration; upload it with the files (it belongs at the app's root). */
function staticWebAppConfig(baseUrl, policies) {
  const base = basePath(baseUrl);
  const routes = [];
  for (const rule of hostingRules(policies)) {
    for (const file of rule.files) {
      const headers = { ...rule.set };
      for (const h of rule.remove) headers[h] = "";
      routes.push({ route: `${base}${file}`, headers });
    }
  }
  return {
    routes,
    globalHeaders: { ...EVERY_FILE },
    mimeTypes: { ".json": "application/json", ".js": "text/javascript", ".png": "image/png" },
  };
}

/** An nginx snippet to include inside the server block that serves the add-in's files. */
function nginxSnippet(baseUrl, policies, root = "/var/www/iomt-addin") {
  const base = basePath(baseUrl);
  const quote = (v) => `"${v}"`;
  const lines = [
    `# IoMT Market add-in, served at ${withoutTrailingSlashes(baseUrl)}/ (generated by the build; include in the server block)`,
    `# Files: upload everything in dist/ to ${root}${base === "/" ? "/" : base}`,
    "# Every file: HSTS and nosniff (repeated in each location: one with add_header of its own inherits none)",
    ...Object.entries(EVERY_FILE).map(([h, v]) => `add_header ${h} ${quote(v)} always;`),
    "",
  ];
  for (const rule of hostingRules(policies)) {
    for (const file of rule.files) {
      const [dir, name] = file.includes("/")
        ? [file.slice(0, file.lastIndexOf("/") + 1), file.slice(file.lastIndexOf("/") + 1)]
        : ["", file];
      const location = name.startsWith("*.")
        ? `location ~ ^${base.replace(/\./g, "\\.")}${dir.replace(/\./g, "\\.")}[^/]+\\.${name.slice(2)}$`
        : `location = ${base}${file}`;
      lines.push(`# ${rule.why}`, `${location} {`, `    root ${root};`);
      const type = rule.set["Content-Type"];
      if (type) lines.push(`    types { } default_type ${quote(type)};`);
      for (const [h, v] of Object.entries({ ...rule.set, ...EVERY_FILE }))
        if (h !== "Content-Type") lines.push(`    add_header ${h} ${quote(v)} always;`);
      if (rule.remove.includes("Cache-Control")) lines.push("    expires off;");
      lines.push("}", "");
    }
  }
  return lines.join("\n");
}

module.exports = { staticWebAppConfig, nginxSnippet };
