// Builds the bundled dataset from its sources and runs its consistency checks; fails with the bad entry's name.
require("./ts-register");

let data;
try {
  data = require("../src/data/index.ts");
} catch (e) {
  console.error(`The dataset does not build: ${e.message}`);
  process.exit(1);
}
const failed = data.CHECKS.filter((c) => !c.passed);
for (const c of failed) {
  console.error(`Consistency check failed: ${c.id} (${c.title}): stated ${c.statedLow} to ${c.statedHigh}, computed ${c.computedLow} to ${c.computedHigh}.`);
}
if (failed.length) process.exit(1);
const { info, figures } = data.DATASET;
console.log(`Dataset ${info.id} ${info.version} (edition ${info.edition}): ${figures.length} figures, ${data.CHECKS.length} consistency checks passed.`);
