/**
 * Every script the add-in ships parses as ES2017, the level every Excel webview supports (older Mac WebKit
 * cannot parse later syntax such as regex lookbehind, and one unparsable bundle stops the whole add-in).
 * acorn checks regular expression syntax at the given ecmaVersion, so a lookbehind fails here too.
 */
import fs from "fs";
import path from "path";
import { parse } from "acorn";

const ROOT = path.resolve(__dirname, "..", "..");
const BUILDS = ["dist", "dist-offline"].map((d) => path.join(ROOT, d));

/** The add-in's own scripts in a build (office.js, copied from Microsoft's package for offline use, is not ours). */
function bundles(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new Error(`${dir} does not exist: run the builds first (npm test does).`);
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".js") && !f.split(path.sep).includes("office-js"))
    .map((f) => path.join(dir, f));
}

const parseErrorAt2017 = (code: string): string | undefined => {
  try {
    parse(code, { ecmaVersion: 2017, sourceType: "script" });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
};

describe.each(BUILDS)("%s", (dir) => {
  const files = bundles(dir);

  test("holds the functions and task pane bundles", () => {
    expect(files.map((f) => path.basename(f)).sort()).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
  });

  test.each(files.map((f) => [path.relative(dir, f), f]))("%s parses as ES2017", (_name, file) => {
    expect(parseErrorAt2017(fs.readFileSync(file, "utf8"))).toBeUndefined();
  });
});

describe("the check itself", () => {
  test.each([
    ["regex lookbehind", "var r = /(?<=a)b/;"],
    ["named capture groups", "var r = /(?<y>\\d{4})/;"],
    ["the s flag", "var r = /a.b/s;"],
    ["optional chaining", "var a = b?.c;"],
    ["nullish coalescing", "var a = b ?? c;"],
    ["object spread", "var a = { ...b };"],
    ["optional catch binding", "try { f(); } catch { g(); }"],
    ["async iteration", "async function f() { for await (const x of y) g(x); }"],
    ["class fields", "class A { x = 1; }"],
    ["bigint", "var n = 1n;"],
  ])("rejects %s", (_what, code) => {
    expect(parseErrorAt2017(code)).toBeDefined();
  });

  test.each([
    ["async functions", "async function f() { await g(); }"],
    ["exponentiation", "var a = 2 ** 3;"],
    ["trailing commas in calls", "f(a, b,);"],
  ])("accepts %s (ES2017)", (_what, code) => {
    expect(parseErrorAt2017(code)).toBeUndefined();
  });
});

test("tsconfig.json and webpack pin the target to ES2017", () => {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8"));
  expect(tsconfig.compilerOptions.target).toBe("ES2017");
  const config = require("../../webpack.config.js")({}, { mode: "production" });
  expect(config.target).toEqual(["web", "es2017"]);
});
