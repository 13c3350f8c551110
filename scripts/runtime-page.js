// The JavaScript the add-in's runtime page (taskpane.html, Excel's shared runtime) loads from a build:
// its own scripts in the order the page loads them, with their sizes. office.js, from Microsoft's CDN or
// copied into office-js/ for offline use, is Microsoft's and not counted. Used by npm run bench and the tests.
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

/** The add-in's own scripts that `dir`/taskpane.html loads: [{ file, bytes, gzipped }]. */
function runtimeScripts(dir) {
  const html = fs.readFileSync(path.join(dir, "taskpane.html"), "utf8");
  return [...html.matchAll(/<script\s[^>]*\bsrc=["']?([^"'\s>]+)/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src) && !src.startsWith("office-js/"))
    .map((file) => {
      const code = fs.readFileSync(path.join(dir, file));
      return { file, bytes: code.length, gzipped: zlib.gzipSync(code, { level: 9 }).length };
    });
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

module.exports = { runtimeScripts, kb };
