#!/usr/bin/env bash
# npm test: everything, on a fresh machine too. Fails loudly at the first step that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step "system packages"
bash scripts/system-deps.sh
step "dataset schema and consistency checks"
node scripts/check-dataset.js
step "types"
npx tsc --noEmit -p .
step "lint (ESLint: layers, core folders, Office.js rules), import cycles, knip (no unused file, export or dependency) and formatting (Prettier, print width 120)"
npx eslint .
node scripts/check-imports.js
npx knip --no-progress
npx prettier --check "**/*.{ts,js,css}"
step "build (dist/, office.js from the CDN)"
npx webpack --mode production
step "build for tests and offline use (dist-offline/, office.js from @microsoft/office-js)"
npx webpack --mode production --env officejs=local --env outDir=dist-offline
step "portable workbook (dist/iomt-market.xlsx)"
node scripts/export.js dist/iomt-market.xlsx
step "tests: the unit project, then the build project (dist/, Chromium, LibreOffice)"
mkdir -p .cache
status=0
npx jest --ci --selectProjects unit build --json --outputFile=.cache/jest-results.json || status=$?
node -e '
  const r = require("./.cache/jest-results.json");
  if (r.numTotalTests === 0) { console.error("No test ran."); process.exit(1); }
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' || status=1
exit $status
