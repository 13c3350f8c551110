// npm run portable -- IN.xlsx OUT.xlsx: rewrites the workbook's IOMT.* formulas into native formulas that calculate
// without the add-in (the same conversion as the task pane's "Make portable"), keeping the originals for restore.
// The package is patched: only those cells, the add-in's own sheets and the parts that list them change; every
// other part (charts, pivot tables, images, comments, a VBA project, ...) is copied byte for byte.
// npm run portable -- --restore IN.xlsx OUT.xlsx puts the original formulas back.
// OUT is replaced atomically (src/export/workbook-file.ts) and may not be IN unless --in-place is given
// (then OUT may be left out); nothing is printed as done before the file is written.
require("./ts-register");
const path = require("path");
const fs = require("fs");
const { INDEX } = require("../src/data/bundled.ts");
const { makeFilePortable, restoreFile } = require("../src/export/portable.ts");
const { qualified } = require("../src/core/excel");
const {
  packageFailure,
  readWorkbookFile,
  sameFile,
  writeFileAtomically,
  WorkbookFileError,
} = require("../src/export/workbook-file.ts");

const USAGE = "Usage: npm run portable -- [--restore] IN.xlsx OUT.xlsx   (or [--restore] --in-place IN.xlsx)";

function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

function parseArgs(args) {
  const flags = new Set(args.filter((a) => a.startsWith("--")));
  const files = args.filter((a) => !a.startsWith("--"));
  for (const f of flags) if (f !== "--restore" && f !== "--in-place") fail(`Unknown option ${f}.\n${USAGE}`, 2);
  const inPlace = flags.has("--in-place");
  const [input, output = inPlace ? input : undefined] = files;
  if (!input || !output || files.length > 2) fail(USAGE, 2);
  if (inPlace && !sameFile(input, output) && path.resolve(input) !== path.resolve(output))
    fail(`--in-place rewrites IN itself: give no OUT, or IN again.\n${USAGE}`, 2);
  if (!inPlace && (sameFile(input, output) || path.resolve(input) === path.resolve(output)))
    fail(
      `OUT is the same file as IN (${input}); refused, so that a failed write cannot cost the only copy. Give another OUT, or --in-place to replace IN (atomically).`,
      2,
    );
  return { restore: flags.has("--restore"), input, output };
}

async function main() {
  const { restore, input, output } = parseArgs(process.argv.slice(2));
  const wb = readWorkbookFile(input);
  const lines = [];
  let bytes;
  try {
    convert(wb, restore, lines);
    bytes = wb.toBuffer();
  } catch (e) {
    throw packageFailure(input, e);
  }
  const written = writeFileAtomically(output, bytes);
  for (const line of lines) console.log(line);
  console.log(`Wrote ${written} (${(fs.statSync(written).size / 1024).toFixed(1)} KB).`);
}

/** Make portable or restore, the report's lines added to `lines`. */
function convert(wb, restore, lines) {
  if (restore) {
    const r = restoreFile(wb, INDEX);
    if (r.problem) lines.push(`Nothing restored. ${r.problem}`);
    for (const s of r.skipped) lines.push(`Left ${qualified(s.sheet, s.cell)} as it is: ${s.reason}.`);
    for (const s of r.refused) lines.push(`Refused the kept record for ${qualified(s.sheet, s.cell)}: ${s.reason}.`);
    lines.push(`Restored ${r.restored} IOMT formula(s).`);
    if (r.removed.length) lines.push(`Removed the add-in's sheets: ${r.removed.map((n) => `'${n}'`).join(", ")}.`);
  } else {
    const r = makeFilePortable(wb, INDEX);
    if (r.keptProblem) lines.push(`${r.keptProblem} Only this run's originals are kept.`);
    for (const p of r.problems) lines.push(`Left ${qualified(p.sheet, p.cell)} as it is: ${p.problem}`);
    lines.push(
      `Made ${r.converted.length} formula(s) portable${r.dataSheet ? `; lookup data on sheet '${r.dataSheet}'` : ""}; ${r.problems.length} left as they were.`,
    );
  }
}

main().catch((e) => {
  if (e instanceof WorkbookFileError) fail(`Cannot ${e.action} ${e.message}.`);
  fail(`portable failed: ${e && e.message ? e.message : e}`);
});
