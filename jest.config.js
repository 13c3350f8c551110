/**
 * Two projects. "unit" needs no build: dataset, core, planner, functions, the Excel stand-in and refresh on it
 * (`npm run test:unit`, on a clean checkout too). "build" reads what the build wrote into dist/ and
 * dist-offline/, or runs Chromium, LibreOffice or xmllint (`npm test` builds first, then runs both).
 */
const BUILD_TESTS = [
  "/tests/browser/",
  "/tests/bundles\\.test\\.ts$",
  "/tests/functions-metadata\\.test\\.ts$",
  "/tests/help\\.test\\.ts$",
  "/tests/hosting\\.test\\.ts$",
  "/tests/manifest\\.test\\.ts$",
  "/tests/runtime-page\\.test\\.ts$",
  "/tests/third-party-notices\\.test\\.ts$",
  "libreoffice[^/]*\\.test\\.ts$",
];

const common = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
  // the CustomFunctions global of Office's runtime, before any module of the add-in loads
  setupFiles: ["<rootDir>/scripts/custom-functions-standin.ts"],
  setupFilesAfterEnv: ["<rootDir>/tests/support/failure.ts"],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", ...BUILD_TESTS],
    },
    { ...common, displayName: "build", testRegex: BUILD_TESTS },
  ],
};
