/**
 * The runtime page (taskpane.html, Excel's shared runtime) loads functions.js, then taskpane.js, which takes
 * the dataset, its index and the core from functions.js: one copy of each, built once. functions.js stays
 * small and holds no table builder; the pane's tools come after its first screen, as pane-tools.js. Reads the builds in dist/ and dist-offline/.
 */
import fs from "fs";
import path from "path";

const { runtimeScripts } = require("../../scripts/runtime-page.js");
const ROOT = path.resolve(__dirname, "..", "..");
/** A section heading of the source, as the bundled dataset holds it: in the bundle that holds the dataset. */
const DATASET_TEXT = "Which Will Be the Biggest Region in the Internet Of Medical Things (IoMT) Market in 2029";
/** Text of the code that assembles the dataset, of the lookups and of the table builders. */
const ASSEMBLY_TEXT = "cannot read a figure from";
const LOOKUP_TEXT = "Did you mean";
const TABLE_TEXT = "[#This Row]";
/** A publisher the other publishers' estimates hold. */
const PUBLISHER_TEXT = "Grand View Research";

describe.each(["dist", "dist-offline"])("%s/taskpane.html", (build) => {
  const dir = path.join(ROOT, build);
  const scripts: Array<{ file: string; bytes: number }> = runtimeScripts(dir);
  const code = new Map(scripts.map((s) => [s.file, fs.readFileSync(path.join(dir, s.file), "utf8")]));
  const count = (text: string, file: string): number => code.get(file)!.split(text).length - 1;
  const everywhere = (text: string): number => scripts.reduce((n, s) => n + count(text, s.file), 0);

  test("loads functions.js, then taskpane.js", () => {
    expect(scripts.map((s) => s.file)).toEqual(["functions.js", "taskpane.js"]);
  });

  test("asks for its scripts in its head, before office.js, in the order it runs them", () => {
    const html = fs.readFileSync(path.join(dir, "taskpane.html"), "utf8");
    const officeJs = html.search(/<script\s[^>]*\bsrc=["']?[^"'\s>]*office\.js/);
    expect(officeJs).toBeGreaterThan(0);
    const head = html.slice(0, officeJs);
    const links = [...head.matchAll(/<link\s[^>]*>/g)].map((m) => m[0]);
    const preloaded = links
      .filter((tag) => /\brel=["']?preload\b/.test(tag) && /\bas=["']?script\b/.test(tag))
      .map((tag) => /\bhref=["']?([^"'\s>]+)/.exec(tag)?.[1]);
    expect(preloaded).toEqual(scripts.map((s) => s.file));
    // after the policy, so that it applies to them
    const policy = head.indexOf("Content-Security-Policy");
    expect(policy).toBeGreaterThan(0);
    expect(policy).toBeLessThan(head.search(/\brel=["']?preload\b/));
  });

  test("one copy of the dataset, of its assembly and of the lookups, all in functions.js", () => {
    for (const text of [DATASET_TEXT, ASSEMBLY_TEXT, LOOKUP_TEXT]) {
      expect([text, count(text, "functions.js")]).toEqual([text, 1]);
      expect([text, everywhere(text)]).toEqual([text, 1]);
    }
  });

  test("other publishers' estimates are a chunk of their own (estimates.js), not loaded when the page starts", () => {
    const html = fs.readFileSync(path.join(dir, "taskpane.html"), "utf8");
    expect(html).not.toContain("estimates.js");
    // the publishers' figures and addresses are in the chunk, not in functions.js
    const chunk = fs.readFileSync(path.join(dir, "estimates.js"), "utf8");
    for (const text of [PUBLISHER_TEXT, "grandviewresearch.com"]) {
      expect([text, chunk.includes(text)]).toEqual([text, true]);
      expect([text, count(text, "functions.js")]).toEqual([text, 0]);
    }
    // functions.js names the chunk's file (in webpack's map of chunk names), which it loads from beside the page on first use
    expect(count('"estimates"', "functions.js")).toBe(1);
  });

  test("functions.js is at most 30 KB and holds no table builder", () => {
    const functions = scripts.find((s) => s.file === "functions.js")!;
    expect(functions.bytes).toBeLessThanOrEqual(30_000);
    expect(count(TABLE_TEXT, "functions.js")).toBe(0);
  });

  test("the pane's tools (the table builders among them) are a chunk of their own (pane-tools.js), not loaded when the page starts", () => {
    const html = fs.readFileSync(path.join(dir, "taskpane.html"), "utf8");
    expect(html).not.toContain("pane-tools.js");
    const tools = fs.readFileSync(path.join(dir, "pane-tools.js"), "utf8");
    expect(tools.split(TABLE_TEXT).length - 1).toBeGreaterThan(0);
    expect(count(TABLE_TEXT, "taskpane.js")).toBe(0);
    // taskpane.js asks for the chunk; functions.js, which carries webpack's runtime, only names it
    expect(count('"pane-tools"', "functions.js")).toBe(1);
  });
});

/** Each `font-family` value of a stylesheet, its names unquoted and spaced alike. */
const fontFamilies = (css: string): string[] =>
  [...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/font-family\s*:\s*([^;}]+)/g)].map((m) =>
    m[1]
      .split(",")
      .map((name) => name.trim().replace(/^["']|["']$/g, ""))
      .join(","),
  );

describe.each(["dist", "dist-offline"])("%s stylesheets", (build) => {
  // The build minifies them; each font name missing on a machine is a font lookup before the pane's first layout
  // (system-ui stands for the platform's UI font in one lookup), so the build keeps the lists as written.
  test.each([
    ["taskpane.css", "src/taskpane/taskpane.css"],
    ["help.css", "src/help/help.css"],
  ])("%s names the fonts its source names, in its order", (file, source) => {
    const built = fontFamilies(fs.readFileSync(path.join(ROOT, build, file), "utf8"));
    const written = fontFamilies(fs.readFileSync(path.join(ROOT, source), "utf8"));
    expect(written.length).toBeGreaterThan(0);
    expect(built).toEqual(written);
  });
});
