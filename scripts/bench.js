// npm run bench: speed of the IOMT.* functions, as ratios against a baseline measured in the same run.
//  1. each shipped function (dist/functions.js, as Excel's runtime loads it) beside a baseline that does the same
//     work written directly, interleaved over several rounds: median and spread of the ratio;
//  2. lookups in the bundled dataset against a generated dataset 1,000 times larger: the cost must not grow;
//  3. Office.js round trips and request and response sizes of insert and refresh, through the in-memory Excel
//     stand-in, for the bundled dataset, 10x and 100x (insert and a refresh with nothing to change) and 1,000x;
//     and the add-in's own CPU time in a 1,000x refresh, the stand-in's excluded (V8's sampling profiler);
//  4. the JavaScript the runtime page loads (from dist/, as the last build left it), and the task pane's time to
//     ready in headless Chromium at 4x CPU throttling against a page that loads only office.js (dist-offline/);
//  5. formula text that once took exponential time: refresh's canonical form and Make portable's conversion on
//     it, against a plain formula of the same length.
// BENCH_PART runs one part alone: BENCH_PART=functions part 1 (after `npm run build`; BENCH_ROUNDS and
// BENCH_ROUND_MS set its rounds and the faster loop's milliseconds a round), BENCH_PART=office part 3
// (BENCH_PART=office-1000x: only its 1,000x round trips), BENCH_PART=load-time only the task pane's time to ready
// (4.), which needs dist-offline/.
require("./ts-register");
const { associated } = require("../tests/support/custom-functions-standin.ts");
const assert = require("assert");
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const { buildDataset } = require("../src/data/build.ts");
const { IOMT_2026_01_06 } = require("../src/data/iomt-2026-01-06.ts");
const { buildIndex, segmentValue, segmentRate, segmentSource } = require("../src/core/functions");
const { INDEX } = require("../src/data/bundled.ts");

const ROOT = path.join(__dirname, "..");
/**
 * Milliseconds the fastest loop of a comparison takes per round (the calls per round are set from a trial run,
 * the same number for every loop of the comparison), and rounds (the loops alternate within each round).
 */
const ROUND_MS = Number(process.env.BENCH_ROUND_MS || 25);
const ROUNDS = Math.max(5, Number(process.env.BENCH_ROUNDS || 11));
/** The last results, kept a moment, and a sum of them, printed at the end. */
const keep = new Array(16);
let sink = 0;
/** A number from the clock: inputs are read at (i + SHIFT) & mask, which V8 cannot know when it compiles. */
const SHIFT = Date.now() & 0xff;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs, digits, unit = "") =>
  `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}${unit}`;

/**
 * A timing loop of its own for one call site (compiled from text each time, so that every function and every
 * baseline has its own type feedback: no shared, megamorphic call site). It calls fn with arguments read from
 * the input arrays at (i + shift) & mask, keeps each result a moment (no allocation can be optimised away) and
 * adds a piece of it to the sink: a number itself, text its length, an array its size and its last cell.
 */
let sites = 0;
function loopFor(arity) {
  const site = ++sites;
  const args = Array.from({ length: arity }, (_, a) => `in${a}[j]`).join(", ");
  const params = Array.from({ length: arity }, (_, a) => `in${a}`).join(", ");
  return new Function(
    "keep",
    // the site's number makes each text unique: V8 caches compiled text, and the same text would share its feedback
    `return function loop${site}(fn, n, shift, mask, ${params}) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const j = (i + shift) & mask;
        const r = fn(${args});
        keep[i & 15] = r;
        if (typeof r === "number") s += r;
        else if (typeof r === "string") s += r.length;
        else {
          const last = r[r.length - 1];
          const cell = last[last.length - 1];
          s += r.length + last.length + (typeof cell === "number" ? cell : cell.length);
        }
      }
      return s;
    };`,
  )(keep);
}

/** Milliseconds of n calls of fn through its own loop. */
function timed(loop, fn, inputs, n) {
  const mask = inputs[0].length - 1;
  const t0 = performance.now();
  sink += loop(fn, n, SHIFT, mask, ...inputs);
  return performance.now() - t0;
}

/**
 * Loops run in turn, round after round: each in its own loop, warmed up, then ROUNDS rounds of n calls each (n
 * such that the fastest loop takes ROUND_MS and the slowest at most ten times that), the order rotating from
 * round to round. Returns n and each
 * loop's milliseconds per round. Inputs' lengths are 2^k.
 */
function interleave(runs) {
  const loops = runs.map(({ inputs }) => {
    for (const xs of inputs) assert.ok(xs.length > 0 && (xs.length & (xs.length - 1)) === 0, "inputs of 2^k values");
    return loopFor(inputs.length);
  });
  // the trial: the least of three timings of each loop (a stall of the machine only ever adds time)
  const trial = 20_000;
  runs.forEach(({ fn, inputs }, k) => timed(loops[k], fn, inputs, trial));
  const least = runs.map(({ fn, inputs }, k) => Math.min(...[1, 2, 3].map(() => timed(loops[k], fn, inputs, trial))));
  // the fastest loop ROUND_MS a round, the slowest at most 10 times that
  const n = Math.round(
    Math.max(
      trial / 10,
      Math.min(
        5_000_000,
        (trial * ROUND_MS) / Math.max(Math.min(...least), 0.01),
        (trial * 10 * ROUND_MS) / Math.max(...least),
      ),
    ),
  );
  const times = runs.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let step = 0; step < runs.length; step++) {
      const k = (round + step) % runs.length;
      times[k].push(timed(loops[k], runs[k].fn, runs[k].inputs, n));
    }
  }
  return { n, times };
}

const perSecond = (ms, n) => (n / ms) * 1000;
const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(0)} k/s`);

/** The IOMT.* functions as Excel's runtime gets them: dist/functions.js run with the CustomFunctions stand-in. */
function shippedFunctions() {
  const file = path.join(ROOT, "dist", "functions.js");
  if (!fs.existsSync(file)) return undefined;
  globalThis.self ??= globalThis; // webpack's runtime keeps its chunk list on `self`, as in a page
  require(file);
  const fn = (id) => {
    const f = associated.get(id);
    if (!f) throw new Error(`dist/functions.js did not associate ${id}`);
    return f;
  };
  return fn;
}

/**
 * Baselines: the same work as each function, written directly, the floor it could reach. Before the loop, plain
 * tables from the same dataset hold what depends on the dataset only (every year's value, estimates computed
 * the way the dataset defines them; SOURCE's lines, written from their parts; SEGMENTS' columns). Per call, a
 * baseline does what depends on the arguments: checks them as the function does, takes a typed name through a
 * cache of names already seen (normalising it as the dataset's nameKey does on a miss), computes (the
 * calculators), builds the result the function builds per call (SHARE's and SERIES' rows) and turns -0 into 0.
 * Before timing, every baseline is checked to return exactly what its function returns on every input.
 */
function baselines() {
  const info = INDEX.dataset.info;
  const base = info.baseYear;
  const forecast = info.forecastYear;
  const key = (s) =>
    s
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
  /** A typed name to its row of `table` (by key), through a cache of the names seen. */
  const named = (table) => {
    const seen = new Map();
    return (typed) => {
      if (typeof typed !== "string") throw new TypeError("a name is text");
      let row = seen.get(typed);
      if (row === undefined) {
        if (typed.trim() === "") throw new TypeError("a name is required");
        row = table.get(key(typed));
        if (row === undefined) throw new RangeError(`unknown name ${typed}`);
        seen.set(typed, row);
      }
      return row;
    };
  };
  const num = (x) => {
    if (typeof x !== "number" || !Number.isFinite(x)) throw new TypeError("a finite number");
    return x;
  };
  const finite = (x) => {
    if (!Number.isFinite(x)) throw new RangeError("not finite");
    return x === 0 ? 0 : x;
  };
  const yearOf = (y) => {
    if (y === undefined || y === null || y === "") return forecast;
    if (typeof y !== "number" || !Number.isInteger(y) || y < base || y > forecast) throw new RangeError("year");
    return y;
  };
  // segments by the key of their names and aliases: name, every year's value, CAGR, growth, SOURCE's line of
  // each reported year
  const segments = new Map();
  const publisher = info.source.publisher;
  const [yy, mm, dd] = info.source.date.split("-").map(Number);
  const date = `${dd} ${new Date(Date.UTC(yy, mm - 1, dd)).toLocaleString("en-US", { month: "long", timeZone: "UTC" })} ${yy}`;
  for (const [k, e] of INDEX.segments) {
    const figure = (y) => e.values.get(y);
    const start = figure(base)?.value;
    const end = figure(forecast)?.value;
    const values = [];
    const lines = [];
    for (let y = base; y <= forecast; y++) {
      const f = figure(y);
      const own = f && typeof f.value === "number" ? f.value : null;
      values.push(
        own ?? (start == null || end == null ? null : start * Math.pow(end / start, (y - base) / (forecast - base))),
      );
      const printed = f && f.kind === "reported" ? `${f.qualifier ? `${f.qualifier} ` : ""}${f.locator.printed}` : null;
      lines.push(
        printed &&
          `${e.segment.name} ${y}: ${publisher}, ${date}, section '${f.locator.section}': printed as '${printed}' (reported).`,
      );
    }
    segments.set(k, { name: e.segment.name, values, cagr: e.cagr?.value, growth: e.growth?.value, lines });
  }
  const segment = () => named(segments);
  const valueIn = (s, y) => s.values[y - base];
  const dimensions = new Map();
  for (const [d, names] of INDEX.byDimension)
    dimensions.set(
      key(d),
      names.map((n) => [n]),
    );
  for (const [alias, d] of [
    ["end users", "end user"],
    ["device types", "device type"],
  ])
    dimensions.set(key(alias), dimensions.get(key(d)));
  const drivers = new Map();
  for (const [k, d] of INDEX.drivers) drivers.set(k, d.contribution.value);
  return {
    CAGR: (s, e, n) => {
      s = num(s);
      e = num(e);
      n = num(n);
      if (s <= 0 || e < 0 || n <= 0) throw new RangeError("out of range");
      return finite(Math.pow(e / s, 1 / n) - 1);
    },
    PROJECT: (v, r, n) => {
      v = num(v);
      r = num(r);
      n = num(n);
      if (r <= -1) throw new RangeError("rate");
      return finite(v * Math.pow(1 + r, n));
    },
    IMPLIEDTOTAL: (p, s) => {
      p = num(p);
      s = num(s);
      if (s <= 0 || s > 1) throw new RangeError("share");
      return finite(p / s);
    },
    SHARE: (values) => {
      if (!Array.isArray(values) || values.length === 0) throw new TypeError("a range");
      let total = 0;
      for (const row of values) for (const c of row) if (typeof c === "number" && Number.isFinite(c)) total += c;
      if (total === 0) throw new RangeError("total 0");
      return values.map((row) => row.map((c) => (typeof c === "number" ? finite(c / total) : "")));
    },
    VALUE: (() => {
      const find = segment();
      return (name, year) => finite(valueIn(find(name), yearOf(year)));
    })(),
    RATE: (() => {
      const find = segment();
      return (name) => finite(find(name).cagr);
    })(),
    GROWTH: (() => {
      const find = segment();
      return (name) => finite(find(name).growth);
    })(),
    SERIES: (() => {
      const find = segment();
      return (name) => {
        const s = find(name);
        const rows = [];
        for (let y = base; y <= forecast; y++) rows.push([y, finite(valueIn(s, y))]);
        return rows;
      };
    })(),
    SEGMENTS: (() => {
      const find = named(dimensions);
      return (dimension) => find(dimension);
    })(),
    DRIVER: (() => {
      const find = named(drivers);
      return (name) => finite(find(name));
    })(),
    SOURCE: (() => {
      const find = segment();
      return (name, year) => {
        const s = find(name);
        return s.lines[yearOf(year) - base];
      };
    })(),
  };
}

/** A list of 2^k values drawn from `values` in turn. */
const cycle = (values, length = 8) => Array.from({ length }, (_, i) => values[i % values.length]);

/** Each function, its baseline, and inputs: varied numbers, and names as an analyst types them. */
const CASES = [
  [
    "CAGR(start, end, years)",
    "CAGR",
    [cycle([28454, 28455, 25383, 41230]), cycle([79107, 79110, 71006, 98765, 81234]), cycle([5, 4, 6])],
  ],
  [
    "PROJECT(value, rate, years)",
    "PROJECT",
    [cycle([28454, 25383, 41230]), cycle([0.23, 0.2284, 0.19, 0.31, 0.05]), cycle([0, 1, 2, 3, 4, 5])],
  ],
  [
    "IMPLIEDTOTAL(part, share)",
    "IMPLIEDTOTAL",
    [cycle([122211, 122212, 82924, 130121, 71006]), cycle([0.51, 0.34, 0.6])],
  ],
  [
    "SHARE(3x1 range)",
    "SHARE",
    [
      cycle([
        [[122211], [82924], [130121]],
        [[1], [2], [3]],
        [[5.5], [0.25], [7]],
        [[71006], [25383], [79107]],
      ]),
    ],
  ],
  [
    'VALUE("North America", 2029)',
    "VALUE",
    [cycle(["North America", "north america", "NORTH AMERICA", "North-America"]), cycle([2029])],
  ],
  [
    'VALUE("USA", 2025–2028) estimated',
    "VALUE",
    [cycle(["USA", "usa", "U.S.A.", "Usa"]), cycle([2025, 2026, 2027, 2028, 2026])],
  ],
  ['RATE("Wearables")', "RATE", [cycle(["Wearables", "wearable devices", "Wearable devices", "WEARABLES"])]],
  ['GROWTH("USA")', "GROWTH", [cycle(["USA", "usa", "U.S.A.", "Usa"])]],
  ['DRIVER("Telehealth")', "DRIVER", [cycle(["Telehealth", "telehealth", "TELEHEALTH", "Tele-health"])]],
  ['SERIES("USA")', "SERIES", [cycle(["USA", "usa", "U.S.A.", "Usa"])]],
  ['SEGMENTS("end user")', "SEGMENTS", [cycle(["end user", "End user", "end users", "End-users"])]],
  ['SOURCE("USA", 2029)', "SOURCE", [cycle(["USA", "usa", "U.S.A.", "Usa"]), cycle([2029])]],
];

function functionsTable() {
  const shipped = shippedFunctions();
  if (!shipped) {
    console.log("IOMT.* functions: no dist/functions.js yet (npm run build makes it).");
    return;
  }
  const base = baselines();
  const rows = [];
  for (const [label, id, inputs] of CASES) {
    const fn = shipped(id);
    const baseline = base[id];
    for (let j = 0; j < inputs[0].length; j++) {
      const args = inputs.map((xs) => xs[j]);
      assert.deepStrictEqual(baseline(...args), fn(...args), `${label}: the baseline returns what the function does`);
    }
    const {
      n,
      times: [a, b],
    } = interleave([
      { fn, inputs },
      { fn: baseline, inputs },
    ]);
    const ratios = a.map((t, r) => t / b[r]);
    rows.push({
      function: label,
      "calls per round": n.toLocaleString("en-US"),
      "calls/s (median)": fmt(perSecond(median(a), n)),
      "baseline calls/s": fmt(perSecond(median(b), n)),
      "slower than baseline (median)": `${median(ratios).toFixed(2)}x`,
      "spread (min–max)": spread(ratios, 2, "x"),
    });
  }
  console.log(
    `IOMT.* functions of dist/functions.js against baselines doing the same work, ${ROUNDS} interleaved rounds (the faster loop ${ROUND_MS} ms a round), Node ${process.version}`,
  );
  console.table(rows);
}

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

/** The 1,000x dataset, built and indexed BUILD_ROUNDS times (the last one kept), and lookups in it against the bundled one. */
const BUILD_ROUNDS = 5;
function lookupScaling() {
  const buildMs = [];
  let big;
  let bigIndex;
  for (let round = 0; round < BUILD_ROUNDS; round++) {
    big = bigIndex = undefined;
    const t0 = performance.now();
    big = buildDataset(enlarge(IOMT_2026_01_06, 1000));
    bigIndex = buildIndex(big);
    buildMs.push(performance.now() - t0);
  }
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
    ["VALUE(name, 2029)", (ix) => (name) => segmentValue(ix, name, 2029)],
    ["VALUE(name, 2026) estimated", (ix) => (name) => segmentValue(ix, name, 2026)],
    ["RATE(name)", (ix) => (name) => segmentRate(ix, name)],
    ["SOURCE(name)", (ix) => (name) => segmentSource(ix, name)],
  ]) {
    const {
      n,
      times: [small, large, spreadOut],
    } = interleave([
      { fn: make(INDEX), inputs: [same] },
      { fn: make(bigIndex), inputs: [same] },
      { fn: make(bigIndex), inputs: [numbered] },
    ]);
    const ratios = large.map((t, r) => t / small[r]);
    scale.push({
      lookup: label,
      "bundled, same names": fmt(perSecond(median(small), n)),
      "1,000x, same names": fmt(perSecond(median(large), n)),
      "1,000x, 4,096 distinct names (cache misses)": fmt(perSecond(median(spreadOut), n)),
      "cost 1,000x/bundled (median)": `${median(ratios).toFixed(2)}x`,
      "spread (min–max)": spread(ratios, 2, "x"),
    });
  }
  console.log(
    `\nLookup scaling (core lookups from the sources): bundled dataset vs one 1,000 times larger (${big.figures.length.toLocaleString("en-US")} figures; built and indexed in ${(median(buildMs) / 1000).toFixed(2)} s, median of ${BUILD_ROUNDS}, ${spread(
      buildMs.map((ms) => ms / 1000),
      2,
      " s",
    )}); ${ROUNDS} interleaved rounds (the fastest loop ${ROUND_MS} ms a round)`,
  );
  console.table(scale);
  return { big, bigIndex };
}

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
      for (let i = 0; i < calls; i++) {
        const r = fn(text);
        sink += typeof r === "string" ? r.length : 1;
      }
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

/**
 * BENCH_PART=office runs only part 3 (the round trips, the record's size and the add-in's CPU in a 1,000x refresh),
 * with the 1,000x dataset built once; BENCH_PART=office-1000x only the 1,000x rows of its table.
 */
const PART = process.env.BENCH_PART || "all";

(async () => {
  if (PART === "load-time") {
    await loadTime();
    return;
  }
  if (PART.startsWith("office")) {
    const big = buildDataset(enlarge(IOMT_2026_01_06, 1000));
    const bigIndex = buildIndex(big);
    const office = [
      ...(PART === "office-1000x"
        ? []
        : [
            ...(await officeRoundTrips("bundled", INDEX, CHECKS)),
            ...(await scaledRoundTrips(10)),
            ...(await scaledRoundTrips(100)),
          ]),
      ...(await officeRoundTrips("1,000x", bigIndex, consistencyChecks(big))),
    ];
    console.log(
      "\nOffice.js round trips, request and response sizes (budget 1 MB for each, Excel on the web's limit 5 MB)",
    );
    console.table(office);
    console.table(recordSizes);
    if (PART === "office") await addinCpu(bigIndex, consistencyChecks(big));
    return;
  }
  functionsTable();
  if (PART === "functions") return console.log(`\n(sum of the results: ${sink})`);
  const { big, bigIndex } = lookupScaling();
  runtimePage();
  await loadTime();
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
  await addinCpu(bigIndex, consistencyChecks(big));
  console.log(`\n(sum of the results, so that none is optimised away: ${sink})`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * The add-in's own CPU time in a 1,000x refresh, the stand-in's excluded. Each refresh runs twice after its own
 * insert: once under V8's sampling profiler (every 100 µs), whose samples tell the shares (a sample whose stack
 * holds a frame of tests/support/, the Excel stand-in, is the stand-in's; garbage collection, which both cause,
 * and V8's own work, "(program)", apart; every other sample the add-in's), and once without it, whose CPU time
 * (process.cpuUsage: user and system, this process's threads) is split by those shares. Wall clock is shown too:
 * on a busy machine it is the larger.
 */
async function addinCpu(index, checks) {
  const inspector = require("inspector");
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
    );
  const { FakeWorkbook: Workbook, installFakeExcel: install } = require("../tests/support/fake-excel.ts");
  const { insertTables: insert, refreshTables: refresh } = require("../src/excel/workbook.ts");
  const { DEFAULT_OPTIONS: options } = require("../src/core/plan");
  const previous = previousEdition(index.dataset);
  /** A refresh after an insert from `insertIndex`, run by `measure` around it. */
  const refreshAfterInsert = async (insertIndex, measure) => {
    const wb = new Workbook(["Sheet1"]);
    const excel = install(wb);
    try {
      await insert(insertIndex, checks, options);
      return await measure(() => refresh(index, checks));
    } finally {
      excel.uninstall();
    }
  };
  /** The shares of the profile's samples: add-in, stand-in, garbage collection, V8 itself. */
  const shares = (profile) => {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const standIn = new Map();
    const isStandIn = (id) => {
      if (standIn.has(id)) return standIn.get(id);
      const own = /[\\/]tests[\\/]support[\\/]/.test(byId.get(id).callFrame.url);
      const answer = own || (parent.has(id) && isStandIn(parent.get(id)));
      standIn.set(id, answer);
      return answer;
    };
    const ms = { addin: 0, standIn: 0, gc: 0, v8: 0 };
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i + 1] ?? 0;
      const name = byId.get(id).callFrame.functionName;
      if (name === "(idle)") return;
      if (name === "(garbage collector)") ms.gc += dt;
      else if (name === "(program)") ms.v8 += dt;
      else if (isStandIn(id)) ms.standIn += dt;
      else ms.addin += dt;
    });
    const all = ms.addin + ms.standIn + ms.gc + ms.v8;
    return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, v / all]));
  };
  const rows = [];
  for (const [what, insertIndex] of [
    ["refresh, nothing to change", index],
    ["refresh from the previous edition (every 2029 value)", previous],
  ]) {
    const share = await refreshAfterInsert(insertIndex, async (run) => {
      await post("Profiler.enable");
      await post("Profiler.setSamplingInterval", { interval: 100 });
      await post("Profiler.start");
      await run();
      const { profile } = await post("Profiler.stop");
      await post("Profiler.disable");
      return shares(profile);
    });
    const { cpu, wall, status } = await refreshAfterInsert(insertIndex, async (run) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await run();
      const wallMs = performance.now() - t0;
      const used = process.cpuUsage(c0);
      return { cpu: (used.user + used.system) / 1000, wall: wallMs, status: result.status };
    });
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    rows.push({
      operation: what,
      outcome: status,
      "add-in CPU": s(cpu * share.addin),
      "stand-in": s(cpu * share.standIn),
      "garbage collection": s(cpu * share.gc),
      "V8 itself": s(cpu * share.v8),
      "CPU in all": s(cpu),
      "wall clock": s(wall),
    });
  }
  session.disconnect();
  console.log(
    "\nThe add-in's own CPU time in a 1,000x refresh (process CPU time split by V8's sampling profiler; the Excel stand-in, garbage collection and V8 itself apart)",
  );
  console.table(rows);
}

/**
 * The task pane's time to ready: dist-offline/taskpane.html (office.js served locally) in headless Chromium at 4x
 * CPU throttling (Emulation.setCPUThrottlingRate), against a page that loads only office.js, in LOAD_ROUNDS
 * interleaved rounds, each page in a new browser context (nothing cached), both in ms from the start of navigation.
 * Ready is the moment the ready page is on screen: the first frame drawn after the pane's status line leaves
 * "Loading…" (Office.onReady has run; outside Excel the pane says so), with its first screen (taskpane.js: the status
 * and the views' shell, functions.js before it) shown; for the other pages, the first frame after their
 * Office.onReady callback. Drawn, not only set, so that each page pays for laying out what it shows, whether it drew it before or
 * after Office was ready. The moment the status is set (before it is drawn) is printed too. The pane's tools
 * (pane-tools.js: insert, refresh, Share, the trace) load after, their actions disabled until then.
 * A third page is the shared runtime's floor: office.js and the add-in's functions.js as the pane's page runs it
 * (Excel's shared runtime needs the functions associated when the page loads), the same one-line callback as the
 * office.js page, and nothing of the pane: what any page carrying the custom functions costs before its own UI.
 */
const LOAD_ROUNDS = 31;
async function loadTime() {
  const dir = path.join(ROOT, "dist-offline");
  const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(path.join(dir, "taskpane.html")) || !fs.existsSync(chromiumPath)) {
    console.log(
      "\nThe task pane's time to ready: needs dist-offline/ (npm run build:offline) and Chromium at /usr/bin/chromium.",
    );
    return;
  }
  const http = require("http");
  const { chromium } = require("playwright-core");
  // the pages measured beside the pane: office.js and a one-line Office.onReady callback, with or without the
  // add-in's functions.js (the shared runtime's floor), which comes at the end of the body as taskpane.html has it
  const bare = (title, functionsJs) =>
    `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>${title}</title>` +
    (functionsJs ? '<link rel="preload" as="script" href="functions.js">' : "") +
    '<script src="office-js/office.js"></script></head><body><p id="host-status">Loading…</p>' +
    (functionsJs ? '<script src="functions.js"></script>' : "") +
    '<script>Office.onReady(function () { document.getElementById("host-status").textContent = "ready"; });</script>' +
    "</body></html>";
  const officeOnly = bare("office.js only", false);
  const runtimeFloor = bare("office.js and functions.js", true);
  const types = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
  };
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? "/").split("?")[0]);
    if (url === "/office-only.html" || url === "/runtime-floor.html") {
      res.writeHead(200, { "Content-Type": types[".html"] });
      res.end(url === "/office-only.html" ? officeOnly : runtimeFloor);
      return;
    }
    const file = path.join(dir, url);
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    // playwright starts Chromium with a fresh, empty --user-data-dir of its own; no host but this one resolves
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  });
  // when the status leaves "Loading…" for its message (set), and the end of the first frame drawn after that
  // (shown): a task posted from requestAnimationFrame runs once that frame's style, layout and paint are done. The
  // status must hold text: the parser inserts the element before its text "Loading…", and an observer called in
  // between sees it empty (in 5 of 8 loads of the office.js page, which then counted as ready before office.js had
  // started Office)
  const readyAt = () =>
    new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const status = document.getElementById("host-status");
        const text = status?.textContent ?? "";
        if (text.trim() === "" || /Loading/.test(text)) return;
        const set = performance.now();
        observer.disconnect();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ set, shown: performance.now() });
          channel.port2.postMessage(0);
        });
      });
      observer.observe(document, { subtree: true, childList: true, characterData: true });
    });
  const once = async (page) => {
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      await tab.addInitScript(`window.__ready = (${readyAt.toString()})();`);
      await tab.goto(`${origin}/${page}`);
      return await tab.evaluate(() => window.__ready);
    } finally {
      await context.close();
    }
  };
  try {
    const pages = ["taskpane.html", "runtime-floor.html", "office-only.html"];
    for (const page of pages) await once(page);
    const times = new Map(pages.map((page) => [page, []]));
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      // each page first, second and third in turn
      for (let i = 0; i < pages.length; i++) {
        const page = pages[(round + i) % pages.length];
        times.get(page).push(await once(page));
      }
    }
    const [pane, floor, office] = pages.map((page) => times.get(page));
    const ratio = (a, b, key) => a.map((t, r) => t[key] / b[r][key]);
    const at = (list, key) => list.map((t) => t[key]);
    console.log(
      `\nThe task pane's time to ready in headless Chromium at 4x CPU throttling (dist-offline/, office.js local), ${LOAD_ROUNDS} interleaved rounds` +
        "\n(ready: the first frame drawn after the status is set; the pane's first screen shown, functions.js and taskpane.js run, pane-tools.js loads after)",
    );
    const row = (page, list) => ({
      page,
      "ready, drawn (median)": `${median(at(list, "shown")).toFixed(0)} ms`,
      "spread (min–max)": spread(at(list, "shown"), 0, " ms"),
      "status set (median)": `${median(at(list, "set")).toFixed(0)} ms`,
    });
    const ratioRow = (page, a, b) => ({
      page,
      "ready, drawn (median)": `${median(ratio(a, b, "shown")).toFixed(2)}x`,
      "spread (min–max)": spread(ratio(a, b, "shown"), 2, "x"),
      "status set (median)": `${median(ratio(a, b, "set")).toFixed(2)}x`,
    });
    console.table([
      row("taskpane.html", pane),
      row("office.js and functions.js (the shared runtime's floor)", floor),
      row("a page that loads only office.js", office),
      ratioRow("ratio taskpane / office.js only (goal 1.3x)", pane, office),
      ratioRow("ratio floor / office.js only", floor, office),
      ratioRow("ratio taskpane / floor", pane, floor),
    ]);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
