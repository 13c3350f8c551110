const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");
const regexp = require("eslint-plugin-regexp");

const EDGES = ["functions", "excel", "export", "taskpane", "help"];
/** The core's folders, each with an index.ts that is its public face. */
const CORE = ["functions", "plan", "refresh", "excel", "estimates", "portable", "trace"];
/** Import patterns that reach the given folders of src/ (a folder itself, or anything in it). */
const layers = (...folders) => folders.flatMap((f) => [`**/${f}`, `**/${f}/**`, `**/${f}.ts`]);
/** An import of a file inside a core folder from outside the core (an edge, a test, a script): only its index. */
const INTO_CORE_FOLDER = {
  regex: `(^|/)core/(${CORE.join("|")})/`,
  message: "Import the core folder (its index.ts), not a file inside it.",
};
/** From a core file `depth` folders below src/: a file inside another core folder (its index is the way in). */
const intoOtherCoreFolder = (depth) => ({
  regex: `^(\\./|(\\.\\./){${depth - 1}})(${CORE.join("|")})/`,
  message: "Import the other core folder (its index.ts), not a file inside it.",
});
/** From a core file `depth` folders below src/: an edge. */
const anEdge = (depth) => ({
  regex: `^(\\.\\./){${depth}}(${EDGES.join("|")})(/|\\.ts$|$)`,
  message: "The core imports no edge.",
});
/** Each core folder, with the core folders it may import: the order of the core's folders, lowest first. */
const CORE_BELOW = {
  excel: [],
  estimates: [],
  functions: ["excel", "estimates"],
  plan: ["excel", "functions", "estimates"],
  refresh: ["excel", "functions", "plan", "estimates"],
  portable: ["excel", "functions", "plan", "estimates"],
  trace: ["excel", "functions", "plan", "portable", "estimates"],
};
/** From a file of core folder `folder`, `depth` folders below src/: a core folder not below it. */
const notBelow = (folder, below, depth) => ({
  regex: `^(\\.\\./){${depth - 1}}(${CORE.filter((f) => f !== folder && !below.includes(f)).join("|")})(/|$)`,
  message: `core/${folder} imports only ${below.length ? below.map((f) => `core/${f}`).join(", ") : "no other core folder"}.`,
});
/** The RegExp rules' syntax ban (below), repeated where another no-restricted-syntax entry joins it. */
const NO_RUNTIME_REGEXP = [
  { selector: "NewExpression[callee.name='RegExp']", message: "Build no RegExp at run time: lint cannot check it." },
  { selector: "CallExpression[callee.name='RegExp']", message: "Build no RegExp at run time: lint cannot check it." },
];

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
      "no-restricted-syntax": ["error", ...NO_RUNTIME_REGEXP],
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
  // The core's folders: one folder reaches another through its index.ts (files inside one folder import each
  // other directly), and only a folder below it: excel/ (Excel's terms) imports no other; functions/ imports
  // excel/; plan/ imports those two; refresh/ and portable/ import those three; trace/ those and portable/. A core
  // file sits one to three folders below src/. estimates/ (other publishers' figures on common years) imports no
  // other core folder.
  {
    files: ["src/core/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [anEdge(1), intoOtherCoreFolder(1)] }] },
  },
  ...Object.entries(CORE_BELOW).flatMap(([folder, below]) =>
    [2, 3].map((depth) => ({
      files: [`src/core/${folder}/${"*/".repeat(depth - 2)}*.ts`],
      rules: {
        "no-restricted-imports": [
          "error",
          { patterns: [anEdge(depth), intoOtherCoreFolder(depth), notBelow(folder, below, depth)] },
        ],
      },
    })),
  ),
  // the edges, the tests and the scripts reach a core folder through its index.ts
  {
    files: ["src/excel/**/*.ts", "src/export/**/*.ts", "src/taskpane/**/*.ts", "src/help/**/*.ts", "tests/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [INTO_CORE_FOLDER] }] },
  },
  {
    files: ["scripts/**/*.js", "webpack.config.js"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...NO_RUNTIME_REGEXP,
        {
          selector: `CallExpression[callee.name='require'] > Literal[value=/(^|\\/)core\\/(${CORE.join("|")})\\//]`,
          message: "Require the core folder (its index.ts), not a file inside it.",
        },
      ],
    },
  },
  // the custom functions' bundle stays small: no other edge, and of the core only functions/ and excel/ (no table
  // builder, no refresh, no portable conversion reaches it)
  {
    files: ["src/functions/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: layers(...EDGES.filter((e) => e !== "functions"), "core/plan", "core/refresh", "core/portable"),
              message: "The functions' bundle takes no other edge and of the core only functions/ and excel/.",
            },
            INTO_CORE_FOLDER,
          ],
        },
      ],
    },
  },
);
