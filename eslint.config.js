const tseslint = require("typescript-eslint");

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
    files: ["src/core/**/*.ts", "src/data/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "Office", "Excel", "CustomFunctions", "document", "window", "fetch", "XMLHttpRequest", "WebSocket", "eval"],
      "no-restricted-imports": ["error", { patterns: ["**/functions/**", "**/excel/**", "**/export/**", "**/taskpane/**"] }],
    },
  },
);
