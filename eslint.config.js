const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");
const regexp = require("eslint-plugin-regexp");

const EDGES = ["functions", "excel", "export", "taskpane", "help"];
/** Import patterns that reach the given folders of src/ (a folder itself, or anything in it). */
const layers = (...folders) => folders.flatMap((f) => [`**/${f}`, `**/${f}/**`, `**/${f}.ts`]);
/** Import patterns, from a file `depth` folders below src/, that reach the given folders of src/. */
const layersFrom = (depth, ...folders) =>
  folders.flatMap((f) => ["", "/**", ".ts"].map((tail) => `${"../".repeat(depth)}${f}${tail}`));

module.exports = tseslint.config(
  { ignores: ["dist/**", "dist-offline/**", "node_modules/**", ".cache/**", "coverage/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-restricted-globals": ["error", "fetch", "XMLHttpRequest", "WebSocket", "eval"],
    },
  },
  {
    // Microsoft's Office.js rules: load before read, sync before read, isNullObject checks, no sync in loops.
    // Only its rules are taken (its recommended set also brings Prettier formatting and an ES6 parser setting).
    files: ["src/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  // Regular expressions: the plugin's recommended rules, and none that can backtrack or move super-linearly (a
  // formula or a file read back is untrusted text; one slow match freezes the pane, the ribbon and the functions).
  {
    files: ["src/**/*.ts", "scripts/**/*.js"],
    plugins: regexp.configs.recommended.plugins,
    rules: {
      ...regexp.configs.recommended.rules,
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": "error",
      "regexp/no-misleading-capturing-group": "error",
      // a pattern built at run time is out of the rules' sight
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='RegExp']",
          message: "Build no RegExp at run time: lint cannot check it.",
        },
        {
          selector: "CallExpression[callee.name='RegExp']",
          message: "Build no RegExp at run time: lint cannot check it.",
        },
      ],
    },
  },
  // The layers: lib (plain math, formatting, dates) imports nothing in src/; data imports only lib; core imports
  // data and lib; the edges (functions, excel, export, taskpane, help) import core, data and lib. The core and
  // the data touch no Office global and no page.
  {
    files: ["src/lib/**/*.ts", "src/data/**/*.ts", "src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        "Office",
        "Excel",
        "CustomFunctions",
        "document",
        "window",
        "fetch",
        "XMLHttpRequest",
        "WebSocket",
        "eval",
      ],
    },
  },
  {
    files: ["src/lib/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: layers("data", "core", ...EDGES) }] },
  },
  {
    files: ["src/data/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: layers("core", ...EDGES) }] },
  },
  // core/functions is the core's own folder of the IOMT functions; only a path that climbs out of src/core (one
  // "../" per folder the file is below src/) reaches an edge
  ...[1, 2, 3].map((depth) => ({
    files: [`src/core/${"*/".repeat(depth - 1)}*.ts`],
    rules: { "no-restricted-imports": ["error", { patterns: layersFrom(depth, ...EDGES) }] },
  })),
  // the custom functions' bundle stays small: no other edge (table builders, Excel writers) reaches it
  {
    files: ["src/functions/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: layers(...EDGES.filter((e) => e !== "functions"), "core/plan") }],
    },
  },
);
