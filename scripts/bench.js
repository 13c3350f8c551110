// npm run bench: speed of the IOMT.* functions in Node, as ratios against a baseline measured in the same run.
//  1. each function over 1,000,000 calls, beside the same arithmetic (or a bare Map lookup) written inline;
//  2. lookups in the bundled dataset against a generated dataset 1,000 times larger: the cost must not grow;
//  3. Office.js round trips and request and response sizes of insert and refresh, through the in-memory Excel
//     stand-in, for the bundled dataset, 10x and 100x (insert and a refresh with nothing to change) and 1,000x;
//  4. the JavaScript the runtime page loads (from dist/, as the last build left it);
//  5. formula text that once took exponential time: refresh's canonical form and Make portable's conversion on
//     it, against a plain formula of the same length.
require("./ts-register");
require("../tests/support/custom-functions-standin.ts");
const { performance } = require("perf_hooks");
const functions = require("../src/functions/functions.ts");
const { buildDataset } = require("../src/data/build.ts");
const { IOMT_2026_01_06 } = require("../src/data/iomt-2026-01-06.ts");
const { buildIndex, segmentValue, segmentRate, segmentSource } = require("../src/core/functions");
const { INDEX } = require("../src/data/bundled.ts");

const N = Number(process.env.BENCH_CALLS || 1_000_000);
let sink = 0;
const consume = (x) => {
  sink += typeof x === "number" ? x : typeof x === "string" ? x.length : Array.isArray(x) ? x.length : 1;
};

/** Best of three runs of n calls: calls per second. */
function rate(fn, n = N) {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) consume(fn(i));
    best = Math.min(best, performance.now() - t0);
  }
  return (n / best) * 1000;
}

const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(0)} k/s`);
const rows = [];
function compare(name, fn, baselineName, baseline) {
  const a = rate(fn);
  const b = rate(baseline);
  rows.push([name, fmt(a), baselineName, fmt(b), (b / a).toFixed(1)]);
}

const key = new Map([
  ["northamerica", 79107],
  ["usa", 71006],
]);
const shareRange = [[122211], [82924], [130121]];

compare(
  "CAGR(28454, 79107+i%7, 5)",
  (i) => functions.cagr(28454, 79107 + (i % 7), 5),
  "inline Math.pow",
  (i) => Math.pow((79107 + (i % 7)) / 28454, 1 / 5) - 1,
);
compare(
  "PROJECT(28454, 0.23, i%6)",
  (i) => functions.project(28454, 0.23, i % 6),
  "inline v*(1+r)^n",
  (i) => 28454 * Math.pow(1.23, i % 6),
);
compare(
  "IMPLIEDTOTAL(122211, 0.51)",
  (i) => functions.impliedTotal(122211 + (i % 3), 0.51),
  "inline part/share",
  (i) => (122211 + (i % 3)) / 0.51,
);
compare(
  "SHARE(3x1 range)",
  () => functions.share(shareRange),
  "inline map/sum",
  () => {
    const t = shareRange[0][0] + shareRange[1][0] + shareRange[2][0];
    return shareRange.map((r) => [r[0] / t]);
  },
);
compare(
  'VALUE("North America", 2029)',
  () => functions.value("North America", 2029),
  "inline Map.get",
  () => key.get("northamerica"),
);
compare(
  'VALUE("USA", 2026) estimated',
  () => functions.value("USA", 2026),
  "inline estimate",
  () => 25383 * Math.pow(71006 / 25383, 2 / 5),
);
compare(
  'RATE("Wearables")',
  () => functions.rate("Wearables"),
  "inline Map.get",
  () => key.get("usa"),
);
compare(
  'GROWTH("USA")',
  () => functions.growth("USA"),
  "inline Map.get",
  () => key.get("usa"),
);
compare(
  'DRIVER("Telehealth")',
  () => functions.driver("Telehealth"),
  "inline Map.get",
  () => key.get("usa"),
);
compare(
  'SERIES("USA")',
  () => functions.series("USA"),
  "inline 6-row loop",
  () => {
    const out = [];
    for (let y = 2024; y <= 2029; y++) out.push([y, 25383 * Math.pow(71006 / 25383, (y - 2024) / 5)]);
    return out;
  },
);
compare(
  'SEGMENTS("end user")',
  () => functions.segments("end user"),
  "inline Map.get",
  () => key.get("usa"),
);
compare(
  'SOURCE("USA", 2029)',
  () => functions.source("USA", 2029),
  "inline template",
  (i) => `USA 2029: printed as '$71,006 million' ${i}`,
);

console.log(`IOMT.* functions, ${N.toLocaleString("en-US")} calls each (best of 3), Node ${process.version}`);
console.table(
  rows.map(([f, a, b, c, r]) => ({
    function: f,
    "calls/s": a,
    baseline: b,
    "baseline calls/s": c,
    "slower than baseline": `${r}x`,
  })),
);

// A dataset 1,000 times larger: every segment, figure and derivation copied with a numbered name.
function enlarge(raw, times) {
  const copy = (name, k) => (k === 0 ? name : `${name} #${k}`);
  const segments = [];
  const figures = [];
  const derivations = [];
  for (let k = 0; k < times; k++) {
    for (const s of raw.segments)
      segments.push({ ...s, name: copy(s.name, k), aliases: s.aliases.map((a) => copy(a, k)) });
    const isSegment = new Set(raw.segments.map((s) => s.name));
    for (const f of raw.figures) {
      if (!isSegment.has(f.subject) && k > 0) continue;
      figures.push({
        ...f,
        subject: isSegment.has(f.subject) ? copy(f.subject, k) : f.subject,
        ...(f.of ? { of: copy(f.of, k) } : {}),
      });
    }
    for (const d of raw.derivations) derivations.push({ ...d, subject: copy(d.subject, k) });
  }
  return { ...raw, segments, figures, derivations };
}

const t0 = performance.now();
const big = buildDataset(enlarge(IOMT_2026_01_06, 1000));
const bigIndex = buildIndex(big);
const buildMs = performance.now() - t0;
const names = [
  "North America",
  "USA",
  "Wearable devices",
  "Global",
  "Healthcare providers",
  "wearables",
  "US",
  "Real-time monitoring",
];
const numbered = Array.from({ length: 4096 }, (_, i) => `${names[i % names.length]} #${1 + ((i * 7919) % 999)}`);
const same = Array.from({ length: 4096 }, (_, i) => names[i % names.length]);
const scale = [];
for (const [label, make] of [
  ["VALUE(name, 2029)", (ix, list) => (i) => segmentValue(ix, list[i & 4095], 2029)],
  ["VALUE(name, 2026) estimated", (ix, list) => (i) => segmentValue(ix, list[i & 4095], 2026)],
  ["RATE(name)", (ix, list) => (i) => segmentRate(ix, list[i & 4095])],
  ["SOURCE(name)", (ix, list) => (i) => segmentSource(ix, list[i & 4095])],
]) {
  const small = rate(make(INDEX, same));
  const large = rate(make(bigIndex, same));
  const spread = rate(make(bigIndex, numbered));
  scale.push({
    lookup: label,
    "bundled, same names": fmt(small),
    "1,000x, same names": fmt(large),
    "1,000x, 4,096 distinct names (cache misses)": fmt(spread),
    "cost ratio 1,000x/bundled": (small / large).toFixed(2),
  });
}
console.log(
  `\nLookup scaling: bundled dataset vs one 1,000 times larger (${big.figures.length.toLocaleString("en-US")} figures; built and indexed in ${buildMs.toFixed(0)} ms)`,
);
console.table(scale);
if (sink === 42) console.log("");

// 3. Office.js round trips and request sizes of insert and refresh, through the in-memory Excel stand-in
//    (which measures each request's payload), for the bundled dataset and the one 1,000 times larger, each row
//    beside its goal (ROUND_TRIP_GOALS) and whether it meets it.
const { FakeWorkbook, installFakeExcel, PAYLOAD_LIMIT } = require("../tests/support/fake-excel.ts");
const { insertTables, refreshTables, REQUEST_BUDGET_BYTES } = require("../src/excel/workbook.ts");
const { DEFAULT_OPTIONS } = require("../src/core/plan");
const RECORD_SHEET = require("../src/core/excel").OWN_SHEETS.record.base;
const { consistencyChecks } = require("../src/data/checks.ts");
const { CHECKS } = require("../src/data/index.ts");

/** The edition before `dataset`: every 2029 value 10% lower, stamped 0.9.0 of 2025-06-01. */
function previousEdition(dataset) {
  return buildIndex({
    ...dataset,
    info: { ...dataset.info, version: "0.9.0", edition: "2025-06-01" },
    figures: dataset.figures.map((f) =>
      f.measure === "value" && f.year === 2029 && typeof f.value === "number"
        ? { ...f, value: Math.round(f.value * 0.9) }
        : f,
    ),
  });
}

/**
 * The goals for round trips and sizes (round trips counted by the stand-in), by dataset and operation: at most
 * `syncs` round trips, `requestMB` of all requests and `responseMB` of all responses; null where there is none.
 */
const ROUND_TRIP_GOALS = {
  "insert all sections": {
    bundled: { syncs: 2 },
    "10x": { syncs: 2 },
    "100x": { syncs: 2 },
    "1,000x": { syncs: 10, requestMB: 8 },
  },
  "insert all sections, data types": { "1,000x": { syncs: 40 } },
  "refresh, nothing to change": {
    bundled: { syncs: 1 },
    "10x": { syncs: 1 },
    "100x": { syncs: 2 },
    "1,000x": { syncs: 20, responseMB: 18 },
  },
  "refresh from the previous edition (every 2029 value)": { "1,000x": { syncs: 22 } },
  "refresh, data types, nothing to change": { "1,000x": { syncs: 25 } },
};
const MB = 1024 * 1024;
/** The goal of a row of the round-trip table, and whether the row meets it (and every request and response the 1 MB budget). */
function goalOf(dataset, operation, syncs, requests, responses, largest) {
  const g = ROUND_TRIP_GOALS[operation]?.[dataset];
  const budget = largest <= REQUEST_BUDGET_BYTES;
  if (!g) return { goal: "within 1 MB each", met: budget ? "yes" : "NO" };
  const parts = [`≤${g.syncs} syncs`];
  if (g.requestMB) parts.push(`≤${g.requestMB} MB of requests`);
  if (g.responseMB) parts.push(`≤${g.responseMB} MB read`);
  const ok =
    budget &&
    syncs <= g.syncs &&
    (!g.requestMB || requests <= g.requestMB * MB) &&
    (!g.responseMB || responses <= g.responseMB * MB);
  return { goal: parts.join(", "), met: ok ? "yes" : "NO" };
}

/** Characters of the record of what the add-in wrote (the very hidden sheet), after an insert of every section. */
const recordSizes = [];

/** The round trips of every operation, or (`few`) only of inserting and of a refresh with nothing to change. */
async function officeRoundTrips(label, index, checks, few = false) {
  const rows = [];
  const kb = (n) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);
  const previous = previousEdition(index.dataset);
  const run = async (options, steps, insertIndex = index) => {
    const wb = new FakeWorkbook(["Sheet1"]);
    const excel = installFakeExcel(wb);
    try {
      await insertTables(insertIndex, checks, options);
      for (const [what, prepare, fn] of steps) {
        prepare(wb);
        excel.resetCounters();
        const t0 = performance.now();
        const result = await fn();
        const ms = performance.now() - t0;
        const total = excel.requests.reduce((a, b) => a + b, 0);
        const read = excel.responses.reduce((a, b) => a + b, 0);
        rows.push({
          dataset: label,
          operation: what,
          outcome: result.status,
          "context.sync() calls": excel.syncCount,
          "largest request": kb(excel.maxRequestBytes),
          "largest response": kb(excel.maxResponseBytes),
          "of the 5 MB limit": `${((100 * Math.max(excel.maxRequestBytes, excel.maxResponseBytes)) / PAYLOAD_LIMIT).toFixed(1)}%`,
          "all requests": kb(total),
          "all responses": kb(read),
          "time in stand-in": `${ms.toFixed(0)} ms`,
          ...goalOf(label, what, excel.syncCount, total, read, Math.max(excel.maxRequestBytes, excel.maxResponseBytes)),
        });
      }
    } finally {
      excel.uninstall();
    }
  };
  const nothing = () => undefined;
  // an analyst overwrote every 2029 value of every segment table: refresh rewrites those cells
  const overwrite2029 = (wb) => {
    for (const name of wb.tableNames()) {
      const t = wb.table(name);
      const j = t.headers.indexOf("2029");
      if (j < 0) continue;
      const first = Number(t.address.split(":")[0].replace(/^[A-Z]+/, "")) + 1;
      wb.sheet(t.sheet).setCells(
        `${String.fromCharCode(65 + j)}${first}`,
        t.rows.map(() => [1]),
      );
    }
  };
  const insertStep = (what, options) => [
    what,
    nothing,
    () => insertTables(index, checks, options).then(() => ({ status: "inserted" })),
  ];
  const insertRow = async (what, options) => {
    const wb = new FakeWorkbook(["Sheet1"]);
    const excel = installFakeExcel(wb);
    try {
      const t0 = performance.now();
      await insertStep(what, options)[2]();
      const total = excel.requests.reduce((a, b) => a + b, 0);
      const read = excel.responses.reduce((a, b) => a + b, 0);
      rows.push({
        dataset: label,
        operation: what,
        outcome: "inserted",
        "context.sync() calls": excel.syncCount,
        "largest request": kb(excel.maxRequestBytes),
        "largest response": kb(excel.maxResponseBytes),
        "of the 5 MB limit": `${((100 * Math.max(excel.maxRequestBytes, excel.maxResponseBytes)) / PAYLOAD_LIMIT).toFixed(1)}%`,
        "all requests": kb(total),
        "all responses": kb(read),
        "time in stand-in": `${(performance.now() - t0).toFixed(0)} ms`,
        ...goalOf(label, what, excel.syncCount, total, read, Math.max(excel.maxRequestBytes, excel.maxResponseBytes)),
      });
    } finally {
      excel.uninstall();
    }
  };
  await insertRow("insert all sections", DEFAULT_OPTIONS);
  if (few) {
    await run(DEFAULT_OPTIONS, [["refresh, nothing to change", nothing, () => refreshTables(index, checks)]]);
    return rows;
  }
  {
    const wb = new FakeWorkbook(["Sheet1"]);
    const excel = installFakeExcel(wb);
    try {
      await insertTables(index, checks, DEFAULT_OPTIONS);
      const record = wb.sheet(RECORD_SHEET);
      const chars = [...record.cells.values()].reduce((n, c) => n + String(c.value).length, 0);
      const cells = wb
        .tableNames()
        .reduce((n, name) => n + wb.table(name).rows.length * wb.table(name).headers.length, 0);
      recordSizes.push({
        dataset: label,
        "dataset cells": cells.toLocaleString("en-US"),
        "record cells": record.cells.size.toLocaleString("en-US"),
        "record size": kb(chars),
        "characters per dataset cell": (chars / cells).toFixed(1),
      });
    } finally {
      excel.uninstall();
    }
  }
  await insertRow("insert all sections, data types", { ...DEFAULT_OPTIONS, dataTypes: true });
  await run(DEFAULT_OPTIONS, [
    ["refresh, nothing to change", nothing, () => refreshTables(index, checks)],
    ["refresh, every 2029 value an analyst's edit (kept)", overwrite2029, () => refreshTables(index, checks)],
    ["refresh, overwrite those edits", nothing, () => refreshTables(index, checks, { overwrite: "all" })],
  ]);
  await run(
    DEFAULT_OPTIONS,
    [["refresh from the previous edition (every 2029 value)", nothing, () => refreshTables(index, checks)]],
    previous,
  );
  await run({ ...DEFAULT_OPTIONS, dataTypes: true }, [
    ["refresh, data types, nothing to change", nothing, () => refreshTables(index, checks, { canUseDataTypes: true })],
  ]);
  return rows;
}

// 5. Formula text that once took exponential time, against a plain formula of the same length, in the same run.
function formulaText() {
  const { canonicalFormula, OWN_SHEETS } = require("../src/core/excel");
  const { convertFormula } = require("../src/core/portable");
  const ctx = { tables: [], dataSheet: OWN_SHEETS.lookup.base, file: false };
  /** Best of three: milliseconds per call of fn(text), over enough calls to take a while. */
  const ms = (fn, text, calls) => {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) consume(fn(text));
      best = Math.min(best, (performance.now() - t0) / calls);
    }
    return best;
  };
  const plain = (length) => `=${"A1+".repeat(length)}`.slice(0, length - 1) + "1";
  const nested = (name, levels, inner, rest) => {
    let f = inner;
    for (let i = 0; i < levels; i++) f = `IOMT.${name}(${f}${rest})`;
    return `=${f}`;
  };
  const rows = [];
  const row = (operation, fn, text, baselineText, calls, outcome) => {
    const a = ms(fn, text, calls);
    const b = ms(fn, baselineText, calls);
    rows.push({
      operation,
      characters: text.length.toLocaleString("en-US"),
      outcome: outcome(fn(text)),
      "ms per call": a.toFixed(3),
      "baseline ms (same length, plain)": b.toFixed(3),
      "ratio to baseline": `${(a / b).toFixed(1)}x`,
    });
  };
  const canonical = (f) => canonicalFormula(f, "IoMT_Regions");
  const same = () => "canonical";
  for (const [what, f] of [
    ['canonical form, ="[[ + 5,000 apostrophes + "', `="[[${"'".repeat(5000)}"`],
    ["canonical form, =T[[ + 5,000 apostrophes", `=IoMT_Regions[[${"'".repeat(5000)}`],
  ])
    row(what, canonical, f, plain(f.length), 200, same);
  const convert = (f) => convertFormula(f, INDEX, ctx);
  // the baseline has the same calls under a name that is not IOMT's: the same parse, nothing to convert
  const notIomt = (f) => f.split("IOMT.").join("IOMX.");
  const outcome = (c) =>
    c.changed ? `converted, ${c.formula.length.toLocaleString("en-US")} chars` : "left as it was";
  for (const [what, f] of [
    ["Make portable, IOMT.PROJECT 64 levels on cells", nested("PROJECT", 64, "A1", ",A2,A3")],
    ["Make portable, IOMT.PROJECT 64 levels, literal rate and years", nested("PROJECT", 64, "A1", ",0.05,3")],
    ["Make portable, IOMT.VALUE 200 levels", nested("VALUE", 200, "A1", "")],
    ["Make portable, IOMT.VALUE nested to 8,192 characters", nested("VALUE", 681, "A1", "")],
  ])
    row(what, convert, f, notIomt(f), 20, outcome);
  console.log(
    "\nFormula text that once took exponential time (canonical form: refresh's comparison; Make portable: the conversion), best of 3",
  );
  console.table(rows);
}

// 4. The JavaScript the runtime page loads (taskpane.html in Excel's shared runtime), from the last build.
function runtimePage() {
  const { runtimeScripts, kb } = require("./runtime-page.js");
  const dist = require("path").join(__dirname, "..", "dist");
  if (!require("fs").existsSync(require("path").join(dist, "taskpane.html"))) {
    console.log("\nThe runtime page's JavaScript: no dist/ yet (npm run build makes it).");
    return;
  }
  const scripts = runtimeScripts(dist);
  const total = scripts.reduce((t, s) => ({ bytes: t.bytes + s.bytes, gzipped: t.gzipped + s.gzipped }), {
    bytes: 0,
    gzipped: 0,
  });
  console.log(
    "\nThe JavaScript the runtime page loads (dist/taskpane.html, besides office.js), minified; KB = 1,000 bytes",
  );
  console.table(
    [...scripts, { file: "all", ...total }].map((s) => ({ file: s.file, size: kb(s.bytes), gzipped: kb(s.gzipped) })),
  );
}

/** Insert and a refresh with nothing to change on a dataset `times` larger than the bundled one. */
async function scaledRoundTrips(times) {
  const data = buildDataset(enlarge(IOMT_2026_01_06, times));
  return officeRoundTrips(`${times}x`, buildIndex(data), consistencyChecks(data), true);
}

(async () => {
  runtimePage();
  formulaText();
  const office = [
    ...(await officeRoundTrips("bundled", INDEX, CHECKS)),
    ...(await scaledRoundTrips(10)),
    ...(await scaledRoundTrips(100)),
    ...(await officeRoundTrips("1,000x", bigIndex, consistencyChecks(big))),
  ];
  console.log(
    `\nOffice.js round trips, request and response sizes (budget ${(REQUEST_BUDGET_BYTES / 1024 / 1024).toFixed(0)} MB for each, Excel on the web's limit 5 MB)`,
  );
  console.table(office);
  console.log(
    "\nThe record of what the add-in wrote into each dataset cell (very hidden sheet 'IoMT record'), after inserting every section",
  );
  console.table(recordSizes);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
