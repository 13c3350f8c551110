// npm run export [path]: writes the portable workbook (default dist/iomt-market.xlsx) from the same plan
// that the task pane writes into Excel.
require("./ts-register");
const path = require("path");
const fs = require("fs");
const { DATASET, CHECKS } = require("../src/data/index.ts");
const { INDEX } = require("../src/data/bundled.ts");
const { planWorkbook, DEFAULT_OPTIONS } = require("../src/core/plan");
const { planToWorkbook } = require("../src/export/xlsx.ts");

async function main() {
  const out = path.resolve(process.argv[2] || path.join(__dirname, "..", "dist", "iomt-market.xlsx"));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const plan = planWorkbook(INDEX, CHECKS, { ...DEFAULT_OPTIONS, formulas: "native", charts: false });
  await planToWorkbook(plan, DATASET).xlsx.writeFile(out);
  const size = fs.statSync(out).size;
  console.log(
    `Wrote ${out} (${(size / 1024).toFixed(1)} KB): ${plan.tables.length} tables on ${plan.sheets.length} sheets, dataset ${DATASET.info.version}, edition ${DATASET.info.edition}.`,
  );
}

main().catch((e) => {
  console.error(`Export failed: ${e.message}`);
  process.exit(1);
});
