// npm run portable -- IN.xlsx OUT.xlsx: rewrites the workbook's IOMT.* formulas into native formulas that calculate
// without the add-in (the same conversion as the task pane's "Make portable"), keeping the originals for restore.
// npm run portable -- --restore IN.xlsx OUT.xlsx puts the original formulas back.
require("./ts-register");
const path = require("path");
const fs = require("fs");
const ExcelJS = require("exceljs");
const { INDEX } = require("../src/data/bundled.ts");
const { makeFilePortable, restoreFile } = require("../src/export/portable.ts");

async function main() {
  const args = process.argv.slice(2);
  const restore = args[0] === "--restore";
  const [input, output] = restore ? args.slice(1) : args;
  if (!input || !output) {
    console.error("Usage: npm run portable -- [--restore] IN.xlsx OUT.xlsx");
    process.exit(2);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.resolve(input));
  if (restore) {
    const r = restoreFile(wb, INDEX);
    if (r.problem) console.log(`Nothing restored. ${r.problem}`);
    for (const s of r.skipped) console.log(`Left ${s.sheet}!${s.cell} as it is: ${s.reason}.`);
    for (const s of r.refused) console.log(`Refused the kept record for ${s.sheet}!${s.cell}: ${s.reason}.`);
    console.log(`Restored ${r.restored} IOMT formula(s).`);
  } else {
    const r = makeFilePortable(wb, INDEX);
    for (const p of r.problems) console.log(`Left ${p.sheet}!${p.cell} as it is: ${p.problem}`);
    console.log(
      `Made ${r.converted.length} formula(s) portable${r.dataSheet ? `; lookup data on sheet '${r.dataSheet}'` : ""}; ${r.problems.length} left as they were.`,
    );
  }
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  await wb.xlsx.writeFile(path.resolve(output));
  console.log(`Wrote ${path.resolve(output)} (${(fs.statSync(output).size / 1024).toFixed(1)} KB).`);
}

main().catch((e) => {
  console.error(`portable failed: ${e.message}`);
  process.exit(1);
});
