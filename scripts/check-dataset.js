// Builds the bundled dataset from its entries, checking each against the schema, and runs its consistency
// checks; fails with the bad entry's name. The bundles only assemble what passed here.
require("./ts-register");
const { buildDataset } = require("../src/data/build.ts");
const { consistencyChecks } = require("../src/data/checks.ts");
const { IOMT_2026_01_06 } = require("../src/data/iomt-2026-01-06.ts");

let dataset;
let checks;
try {
  dataset = buildDataset(IOMT_2026_01_06);
  checks = consistencyChecks(dataset);
} catch (e) {
  console.error(`The dataset does not build: ${e.message}`);
  process.exit(1);
}
const failed = checks.filter((c) => !c.passed);
for (const c of failed) {
  console.error(
    `Consistency check failed: ${c.id} (${c.title}): stated ${c.statedLow} to ${c.statedHigh}, computed ${c.computedLow} to ${c.computedHigh}.`,
  );
}
if (failed.length) process.exit(1);
const { info, figures } = dataset;
console.log(
  `Dataset ${info.id} ${info.version} (edition ${info.edition}): ${figures.length} figures, ${checks.length} consistency checks passed.`,
);
