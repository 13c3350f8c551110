/**
 * Two projects, chosen by folder. "unit" (tests/unit/) needs no build: dataset, core, planner, functions, the Excel
 * stand-in and insert, refresh and sharing on it (`npm run test:unit`, on a clean checkout too). "build"
 * (tests/build/, tests/browser/) reads what the build wrote into dist/ and dist-offline/, or runs Chromium,
 * LibreOffice or xmllint (`npm test` builds first, then runs both). tests/support/ holds what they share.
 */
const common = {
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
  // the CustomFunctions global of Office's runtime, before any module of the add-in loads
  setupFiles: ["<rootDir>/tests/support/custom-functions-standin.ts"],
  setupFilesAfterEnv: ["<rootDir>/tests/support/failure.ts"],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: "unit", roots: ["<rootDir>/tests/unit"] },
    { ...common, displayName: "build", roots: ["<rootDir>/tests/build", "<rootDir>/tests/browser"] },
  ],
};
