const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");

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
  {
    files: ["src/core/**/*.ts", "src/data/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "Office", "Excel", "CustomFunctions", "document", "window", "fetch", "XMLHttpRequest", "WebSocket", "eval"],
      "no-restricted-imports": ["error", { patterns: ["**/functions/**", "**/excel/**", "**/export/**", "**/taskpane/**"] }],
    },
  },
);
