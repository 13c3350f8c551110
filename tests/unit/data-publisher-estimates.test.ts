import { PUBLISHER_ESTIMATES, assembleEstimates } from "../../src/data/estimates";
import { RAW_PUBLISHER_ESTIMATES } from "../../src/data/publisher-estimates";
import { PUBLISHER_PAGES } from "../../src/data/publisher-pages";
import { publisherChecks } from "../../src/data/publisher-checks";
import { CHECKS, DATASET } from "../../src/data";
import { readSourceList, sourceRows, type SourceRow } from "../support/publisher-sources";

const rows = sourceRows(readSourceList());
const rowOf = (address: string): SourceRow | undefined => rows.find((r) => r.address === address);
/** A printed money figure in the source list's spelling: "USD 230.69 billion" -> "$230.69 billion". */
const listSpelling = (printed: string) => printed.replace(/^(?:USD |US\$ )/, "$");
/** "$60.03 billion (2024)" entries of a cell, split at ";" */
const entries = (cell: string) =>
  cell
    .split(";")
    .map((e) => e.trim())
    .filter((e) => e !== "—");

describe("other publishers' estimates against the source list", () => {
  test("the list has eleven publishers and the dataset one entry for each, by address", () => {
    expect(rows).toHaveLength(11);
    expect(PUBLISHER_ESTIMATES.map((p) => p.address).sort()).toEqual(rows.map((r) => r.address).sort());
  });

  test.each(PUBLISHER_ESTIMATES.map((p) => [p.publisher, p] as const))("%s: every figure is in its row", (_n, p) => {
    const row = rowOf(p.address)!;
    const cells = [...entries(row.base), ...entries(row.forecast)];
    for (const f of p.figures) {
      const stated = `${listSpelling(f.printed)} (${f.year})`;
      const hit = cells.find((c) => c === stated || c === `more than ${stated}`);
      expect(hit).toBeDefined();
      // a floor in the list is a floor in the dataset ("to surpass" on the page), and the other way round
      expect(f.qualifier === "surpass").toBe(hit!.startsWith("more than"));
    }
  });

  test.each(PUBLISHER_ESTIMATES.map((p) => [p.publisher, p] as const))("%s: its CAGR and years", (_n, p) => {
    const row = rowOf(p.address)!;
    if (!p.cagr) {
      expect(row.cagr).toBe("—");
      return;
    }
    expect(row.cagr === p.cagr.printed || row.cagr.startsWith(`${p.cagr.printed} (`)).toBe(true);
    const years = /\((\d{4})–(\d{4})\)/.exec(row.cagr);
    if (years) {
      expect([p.cagr.from, p.cagr.to]).toEqual([Number(years[1]), Number(years[2])]);
    } else {
      // the list gives no years: the page's record says where they were read from
      expect(PUBLISHER_PAGES[p.publisher].window).toMatch(/title's years|base year/);
    }
  });

  test("every global figure of the list is in the dataset; the others are named in the page's scope", () => {
    for (const row of rows) {
      const p = PUBLISHER_ESTIMATES.find((e) => e.address === row.address)!;
      const listed = new Set(p.figures.map((f) => `${listSpelling(f.printed)} (${f.year})`));
      for (const cell of [...entries(row.base), ...entries(row.forecast)]) {
        const global = /^(?:more than )?(\$[\d,.]+ (?:million|billion) \(\d{4}\))$/.exec(cell);
        if (global) expect(listed).toContain(global[1]);
        else expect(PUBLISHER_PAGES[p.publisher].scope).toContain(cell.split(" $")[0]);
      }
    }
  });

  test("each page has a title, a scope and how it was checked", () => {
    expect(Object.keys(PUBLISHER_PAGES).sort()).toEqual(PUBLISHER_ESTIMATES.map((p) => p.publisher).sort());
    for (const page of Object.values(PUBLISHER_PAGES)) {
      expect(page.title.length).toBeGreaterThan(10);
      expect(page.scope.length).toBeGreaterThan(10);
      expect(page.pageCheck).toMatch(/^Checked against the (stored copy|source list only)/);
    }
    // the words of each CAGR's years, where the page prints a CAGR
    for (const p of PUBLISHER_ESTIMATES) expect(PUBLISHER_PAGES[p.publisher].window !== undefined).toBe(!!p.cagr);
  });

  test("the bundled release is one of the publishers, with the bundled dataset's 2029 floor", () => {
    const seed = PUBLISHER_ESTIMATES.find((p) => p.address.includes("einpresswire.com"))!;
    const global = DATASET.figures.find((f) => f.subject === "Global" && f.measure === "value" && f.year === 2029)!;
    expect(seed.figures).toEqual([expect.objectContaining({ year: 2029, value: global.value, qualifier: "surpass" })]);
    expect(global.qualifier).toBe("surpass");
  });
});

describe("reading the printed figures", () => {
  test("values in USD million and their rounding step, read from the text", () => {
    const gvr = PUBLISHER_ESTIMATES.find((p) => p.publisher === "Grand View Research")!;
    expect(gvr.figures[0]).toMatchObject({ value: 230690, step: 10, qualifier: undefined });
    expect(gvr.cagr).toMatchObject({ rate: 0.182, step: 0.001 });
    const vision = PUBLISHER_ESTIMATES.find((p) => p.publisher === "Vision Research Reports")!;
    expect(vision.figures[1]).toMatchObject({ value: 1166520, qualifier: "about" });
  });

  test("a figure the reader cannot read is an error, not a blank", () => {
    const [name, address, , cagr] = RAW_PUBLISHER_ESTIMATES[1];
    const bad = [[name, address, [[2024, "USD 230.69 bn"]], cagr] as const];
    expect(() => assembleEstimates(bad)).toThrow(/Grand View Research: cannot read "USD 230.69 bn"/);
    const badRate = [[name, address, RAW_PUBLISHER_ESTIMATES[1][2], ["$18", 2025, 2030]] as const];
    expect(() => assembleEstimates(badRate)).toThrow(/cannot read the CAGR/);
  });
});

describe("the publishers' consistency checks", () => {
  const checks = publisherChecks(PUBLISHER_ESTIMATES);
  const check = (publisher: string) => checks.find((c) => c.id === `publisher-cagr:${publisher}`);

  test("one check per publisher with a CAGR and a value at each end of its window", () => {
    expect(checks.map((c) => c.id.replace("publisher-cagr:", "")).sort()).toEqual(
      [
        "Dimension Market Research",
        "Fortune Business Insights",
        "Market.us",
        "Mordor Intelligence",
        "Reports and Insights",
        "Virtue Market Research",
        "Vision Research Reports",
      ].sort(),
    );
  });

  test("the printed CAGR against its values, within the rounding of each", () => {
    const mordor = check("Mordor Intelligence")!;
    // (125.49 / 56.07)^(1/5) − 1 = 17.48%
    expect(mordor.computed).toBeCloseTo(Math.pow(125490 / 56070, 1 / 5) - 1, 12);
    expect(mordor.passed).toBe(true);
    expect(mordor.statedLow).toBeCloseTo(0.17475, 12);
    expect(mordor.computedLow).toBeLessThan(mordor.computed);
    // 60.10 (2024) to 137.49 (2030) is 14.8% a year over six years, not 18%; the page's figures fit five
    const virtue = check("Virtue Market Research")!;
    expect(virtue.passed).toBe(false);
    expect(virtue.explanation).toContain("over the window's 5 years instead: 18.00%");
    expect(check("Fortune Business Insights")!.passed).toBe(true);
  });

  test("a page whose values do not fit its CAGR fails", () => {
    const [name, address, figures] = RAW_PUBLISHER_ESTIMATES[3];
    const raw = [[name, address, figures, ["17.58%", 2025, 2030]] as const];
    expect(publisherChecks(assembleEstimates(raw))[0].passed).toBe(false);
  });

  test("each check's intervals hold its figures", () => {
    for (const c of checks) {
      expect(c.statedLow).toBeLessThanOrEqual(c.stated);
      expect(c.stated).toBeLessThanOrEqual(c.statedHigh);
      expect(c.computedLow).toBeLessThanOrEqual(c.computed);
      expect(c.computed).toBeLessThanOrEqual(c.computedHigh);
    }
  });

  test("the checks table's checks include them, after the bundled dataset's", () => {
    expect(CHECKS.slice(-checks.length)).toEqual(checks);
  });
});
