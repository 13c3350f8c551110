/**
 * The built dist/functions.js in a real browser page with office.js and Office's custom functions runtime
 * from @microsoft/office-js: it registers every id in functions.json, and the registered functions
 * calculate and fail as specified.
 */
import fs from "fs";
import path from "path";
import type { Page } from "playwright-core";
import {
  IOMT_FUNCTIONS,
  SEGMENT_DOMAIN,
  loadSegmentCards,
  publisherEstimates,
  publisherRange,
} from "../../src/core/functions";
import { INDEX } from "../../src/data/bundled";
import { PUBLISHER_ESTIMATES } from "../../src/data/estimates";
import { RANGE_AT } from "../support/publishers-range";
import { DIST, DIST_OFFLINE, offlinePage, useBrowser } from "../support/browser";

const HARNESS = `<!doctype html><html><head><meta charset="utf-8"><title>functions</title>
<script src="office-js/office.js"></script>
<script src="office-js/custom-functions-runtime.js"></script>
<script>
  window.registered = {};
  const associate = CustomFunctions.associate.bind(CustomFunctions);
  CustomFunctions.associate = function (id, fn) { window.registered[id] = fn; return associate(id, fn); };
  window.call = function (id, args) {
    try {
      const r = window.registered[id].apply(null, args);
      return { ok: r instanceof CustomFunctions.Error ? undefined : encode(r), returnedError: r instanceof CustomFunctions.Error ? encode(r) : undefined };
    } catch (e) {
      return { thrown: encode(e), isCustomFunctionsError: e instanceof CustomFunctions.Error };
    }
  };
  window.callAsync = async function (id, args) {
    try {
      return { ok: encode(await window.registered[id].apply(null, args)) };
    } catch (e) {
      return { thrown: encode(e), isCustomFunctionsError: e instanceof CustomFunctions.Error };
    }
  };
  function encode(x) {
    if (x instanceof CustomFunctions.Error) return { error: x.code, message: x.message || "" };
    if (Array.isArray(x)) return x.map(encode);
    if (typeof x === "number" && !Number.isFinite(x)) return { bad: String(x) };
    if (x instanceof Error) return { foreign: x.name + ": " + x.message };
    return x;
  }
</script>
<script src="functions.js"></script></head><body></body></html>`;

const env = useBrowser([DIST, DIST_OFFLINE], { "/harness.html": HARNESS });
let page: Page;
let errors: string[];
/** The paths the harness page requested, in order. */
const requested: string[] = [];

beforeAll(async () => {
  ({ page, errors } = await offlinePage(env.browser, env.server));
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${env.server.url}/harness.html`);
  await page.waitForFunction(() => Object.keys((window as any).registered).length > 0);
});

const call = (id: string, ...args: unknown[]) =>
  page.evaluate(([i, a]) => (window as any).call(i, a), [id, args] as const);
/** Rows with every number to 9 decimals: the page's Math.pow may differ from Node's in the last bit. */
const close = (rows: Array<Array<string | number>>) =>
  rows.map((row) => row.map((c) => (typeof c === "number" ? expect.closeTo(c, 9) : c)));
/** A call of a function that answers through a promise, settled in the page. */
const callAsync = (on: Page, id: string, ...args: unknown[]) =>
  on.evaluate(([i, a]) => (window as any).callAsync(i, a), [id, args] as const);

test("dist/functions.js registers exactly the ids of dist/functions.json", async () => {
  const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"));
  const ids = metadata.functions.map((f: { id: string }) => f.id).sort();
  const registered = (await page.evaluate(() => Object.keys((window as any).registered))).sort();
  expect(registered).toEqual(ids);
  expect(ids).toEqual([...IOMT_FUNCTIONS, SEGMENT_DOMAIN.loadFunctionId].sort());
});

test("functions.js touches no DOM when it loads: only webpack's loader of estimates.js does, on first use", async () => {
  const bundle = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
  // the chunk loader finds or adds one script element; nothing else in the bundle reaches the page
  const loader = ['document.getElementsByTagName("script")', 'document.createElement("script")', "document.head."];
  for (const use of loader) expect([use, bundle.split(use).length - 1]).toEqual([use, 1]);
  const rest = loader.reduce((b, use) => b.split(use).join(""), bundle);
  expect(rest).not.toMatch(/\bdocument\.|\bwindow\.document|getElementById|querySelector/);
  // in the page: no script added and estimates.js not asked for, until a function needs it
  expect(await page.evaluate(() => [...document.scripts].some((e) => /estimates\.js$/.test(e.src)))).toBe(false);
  expect(requested).not.toContain("/estimates.js");
});

test("IOMT.ESTIMATES and IOMT.RANGE load estimates.js on first use, once, and answer as the core does", async () => {
  expect(requested).not.toContain("/estimates.js");
  expect(await callAsync(page, "ESTIMATES", 2029)).toEqual({
    ok: close(publisherEstimates(PUBLISHER_ESTIMATES, 2029)),
  });
  expect(requested.filter((p) => p === "/estimates.js")).toHaveLength(1);
  expect(await callAsync(page, "RANGE", 2024)).toEqual({ ok: close(publisherRange(PUBLISHER_ESTIMATES, 2024)) });
  expect(await callAsync(page, "RANGE")).toEqual({ ok: close(publisherRange(PUBLISHER_ESTIMATES, 2029)) });
  expect(await callAsync(page, "RANGE", 2040)).toEqual({
    thrown: { error: "#N/A", message: "The publishers' figures span 2012 to 2034; year 2040 is not one of them." },
    isCustomFunctionsError: true,
  });
  // the linked cards' load service, also in the chunk: the global card carries the publishers' range
  const request = JSON.stringify({ domainId: SEGMENT_DOMAIN.id, entities: [{ entityId: "global", culture: "en-US" }] });
  const cards = await callAsync(page, "SEGMENTCARDS", request);
  expect(cards.ok.entities[0].properties["Other publishers 2029"]).toEqual(
    loadSegmentCards(INDEX, request, RANGE_AT).entities[0].properties["Other publishers 2029"],
  );
  expect(requested.filter((p) => p === "/estimates.js")).toHaveLength(1);
});

test("when estimates.js cannot be loaded: #N/A with the reason, and a later call loads it", async () => {
  const { page: other } = await offlinePage(env.browser, env.server);
  try {
    await other.route("**/estimates.js", (route) => route.abort());
    await other.goto(`${env.server.url}/harness.html`);
    await other.waitForFunction(() => Object.keys((window as any).registered).length > 0);
    expect(await callAsync(other, "ESTIMATES", 2029)).toEqual({
      thrown: {
        error: "#N/A",
        message: expect.stringMatching(/^Other publishers' estimates did not load \(.+\); recalculate/),
      },
      isCustomFunctionsError: true,
    });
    await other.unroute("**/estimates.js");
    expect(await callAsync(other, "RANGE", 2029)).toEqual({ ok: close(publisherRange(PUBLISHER_ESTIMATES, 2029)) });
  } finally {
    await other.close();
  }
});

test("calculators compute in the page", async () => {
  expect((await call("CAGR", 28454, 79107, 5)).ok).toBeCloseTo(Math.pow(79107 / 28454, 1 / 5) - 1, 14);
  expect((await call("PROJECT", 100, 0.25, 2)).ok).toBeCloseTo(156.25, 12);
  expect((await call("IMPLIEDTOTAL", 122211, 0.51)).ok).toBeCloseTo(122211 / 0.51, 9);
  expect((await call("SHARE", [[1], [3], [""], ["x"]])).ok).toEqual([
    [0.25],
    [0.75],
    [""],
    [{ error: "#VALUE!", message: expect.stringContaining("row 4") }],
  ]);
});

test("lookups answer from the bundled dataset", async () => {
  expect((await call("VALUE", "north america", 2029)).ok).toBe(79107);
  expect((await call("VALUE", "US")).ok).toBe(71006);
  expect((await call("RATE", "USA")).ok).toBe(0.23);
  expect((await call("GROWTH", "Wearables")).ok).toBe(89809);
  expect((await call("DRIVER", "remote patient monitoring")).ok).toBe(0.015);
  expect((await call("SERIES", "Global", 2024, 2026)).ok).toHaveLength(3);
  expect((await call("SEGMENTS", "device type")).ok).toEqual([
    ["Wearable devices"],
    ["Stationary devices"],
    ["Implantable devices"],
    ["Other devices"],
  ]);
  expect((await call("SOURCE", "North America", 2029)).ok).toContain("$79,107 million");
});

test("errors are CustomFunctions.Error with the right code and message", async () => {
  expect(await call("CAGR", 0, 1, 1)).toMatchObject({ thrown: { error: "#NUM!" }, isCustomFunctionsError: true });
  expect(await call("SHARE", [[0], [0]])).toMatchObject({ thrown: { error: "#DIV/0!" }, isCustomFunctionsError: true });
  expect(await call("VALUE", "Stationary devices")).toMatchObject({
    thrown: { error: "#N/A", message: "Stationary devices is not quantified in the source." },
  });
  expect(await call("VALUE", "Wearable devics")).toMatchObject({
    thrown: { error: "#N/A", message: expect.stringContaining("Did you mean 'Wearable devices'?") },
  });
  expect(await call("VALUE", "USA", 2030)).toMatchObject({
    thrown: { error: "#N/A", message: expect.stringContaining("2024 to 2029") },
  });
  expect(await call("CAGR", "abc", 1, 1)).toMatchObject({ thrown: { error: "#VALUE!" }, isCustomFunctionsError: true });
});

test("hostile inputs give values or CustomFunctions.Error, never anything else", async () => {
  const hostile = [
    NaN,
    Infinity,
    -Infinity,
    1e308,
    -1e308,
    5e-324,
    -0,
    0,
    "",
    "x".repeat(5000),
    "🩺 wearable",
    null,
    true,
    [[]],
    [],
    [[1, 2], [3]],
  ];
  const ids = [...IOMT_FUNCTIONS];
  const outcomes = await page.evaluate(
    async ([ids, hostile]) => {
      const bad: string[] = [];
      const reg = (window as any).registered;
      const CF = (window as any).CustomFunctions;
      const okCell = (x: unknown): boolean =>
        (typeof x === "number" && Number.isFinite(x)) || typeof x === "string" || x instanceof CF.Error;
      for (const id of ids) {
        for (const a of hostile)
          for (const b of hostile) {
            try {
              let r = reg[id](a, b, a);
              // IOMT.ENTITY is asynchronous (it waits for Office.onReady): its promise settles like the others' results
              if (r && typeof r.then === "function") r = await r;
              const cells = Array.isArray(r) ? r.flat() : [r];
              if (Array.isArray(r) && (r.length === 0 || r[0].length === 0)) bad.push(`${id} returned an empty array`);
              for (const c of cells)
                if (!okCell(c) && !(id === "ENTITY" && c && (c as any).type === "Entity"))
                  bad.push(`${id}(${String(a)}, ${String(b)}) returned ${String(c)}`);
            } catch (e) {
              if (!(e instanceof CF.Error)) bad.push(`${id}(${String(a)}, ${String(b)}) threw ${String(e)}`);
            }
          }
      }
      return bad;
    },
    [ids, hostile] as const,
  );
  expect(outcomes).toEqual([]);
  expect(errors.filter((e) => !/Cannot redefine property: context/.test(e))).toEqual([]);
});
