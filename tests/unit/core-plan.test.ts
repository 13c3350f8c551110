/** The sheet planner: names, headers, formats, formulas, not-quantified rows, placement, unique sheet names. */
import { CHECKS } from "../../src/data";
import { RANGE_AT } from "../support/publishers-range";
import { INDEX } from "../../src/data/bundled";
import { buildIndex } from "../../src/data/dataset-index";
import { figureId } from "../../src/data/keys";
import { segmentEntity } from "../../src/core/functions";
import {
  DEFAULT_OPTIONS,
  planSections,
  planWorkbook,
  section,
  SECTIONS,
  type PlanOptions,
  type TablePlan,
} from "../../src/core/plan";
import { FORMAT, thisRow, uniqueSheetName } from "../../src/core/excel";

const plan = (o: Partial<PlanOptions> = {}) => planSections(INDEX, CHECKS, { ...DEFAULT_OPTIONS, ...o });
const byName = (tables: TablePlan[], name: string) => tables.find((t) => t.tableName === name)!;
const column = (t: TablePlan, header: string) => t.columns.findIndex((c) => c.header === header);
const cell = (t: TablePlan, key: string, header: string) => t.rows.find((r) => r[0] === key)![column(t, header)];

describe("sections and names", () => {
  test("all ten sections by default, with stable table names", () => {
    expect(plan().map((t) => t.tableName)).toEqual([
      "IoMT_Overview",
      "IoMT_Regions",
      "IoMT_DeviceTypes",
      "IoMT_Applications",
      "IoMT_EndUsers",
      "IoMT_Drivers",
      "IoMT_Opportunities",
      "IoMT_Estimates",
      "IoMT_Checks",
      "IoMT_About",
    ]);
    for (const t of plan()) expect(t.tableName).toMatch(/^IoMT_[A-Za-z]+$/);
  });
  test("a choice of sections", () => {
    expect(plan({ sections: ["drivers", "regions"] }).map((t) => t.section)).toEqual(["regions", "drivers"]);
  });
  test("headers are stable and unique in each table; every row has every column", () => {
    for (const t of plan()) {
      const headers = t.columns.map((c) => c.header);
      expect(new Set(headers.map((h) => h.toLowerCase())).size).toBe(headers.length);
      for (const r of t.rows) expect(r).toHaveLength(headers.length);
      expect(t.numberFormats).toHaveLength(t.rows.length);
      for (const r of t.numberFormats) expect(r).toHaveLength(headers.length);
    }
    expect(
      byName(plan(), "IoMT_Regions")
        .columns.slice(0, 3)
        .map((c) => c.header),
    ).toEqual(["Segment", "2024", "2029"]);
  });
});

describe("values and formats", () => {
  const tables = plan();
  const regions = byName(tables, "IoMT_Regions");
  const devices = byName(tables, "IoMT_DeviceTypes");
  test("numbers are numbers, with number formats", () => {
    expect(cell(regions, "North America", "2029")).toBe(79107);
    expect(cell(regions, "USA", "2024")).toBe(25383);
    expect(cell(regions, "USA", "CAGR stated")).toBe(0.23);
    expect(regions.numberFormats[0][column(regions, "2029")]).toBe(FORMAT.usdPrecise);
    expect(regions.numberFormats[0][column(regions, "CAGR stated")]).toBe(FORMAT.percent);
    expect(cell(devices, "Wearable devices", "Share stated")).toBe(0.51);
  });
  test("segments the source does not quantify are rows with empty values and a note, never zero", () => {
    for (const name of ["Stationary devices", "Implantable devices", "Other devices"]) {
      expect(cell(devices, name, "2024")).toBe("");
      expect(cell(devices, name, "2029")).toBe("");
      expect(cell(devices, name, "Note")).toBe("not quantified in the source");
      expect(cell(devices, name, "Kind 2029")).toBe("not quantified");
    }
    for (const t of tables) for (const r of t.rows) for (const c of r) expect(c === 0).toBe(false);
  });
  test("every row names its source", () => {
    expect(cell(regions, "North America", "Source 2029")).toContain("$79,107 million");
    expect(cell(devices, "Wearable devices", "Kind 2024")).toBe("derived");
  });
  test("the checks table carries each check's figures and a live status", () => {
    const checks = byName(tables, "IoMT_Checks");
    expect(checks.rows).toHaveLength(CHECKS.length);
    expect(String(checks.rows[0][column(checks, "Status")])).toMatch(/^=IF\(/);
    const fractionRow = checks.rows.findIndex((r) => r[2] === "fraction");
    expect(checks.numberFormats[fractionRow][column(checks, "Stated")]).toBe("0.000%");
  });
  test("the about table defines the kinds", () => {
    const about = byName(tables, "IoMT_About");
    const fields = about.rows.map((r) => r[0]);
    for (const f of ["reported", "derived", "estimated", "not quantified", "Dataset edition", "Units", "Publisher"])
      expect(fields).toContain(f);
  });
});

describe("formulas", () => {
  test("native by default: RRI and division over structured references in the [#This Row] form", () => {
    const regions = byName(plan(), "IoMT_Regions");
    const f = String(cell(regions, "USA", "CAGR computed"));
    expect(f).toBe(
      `=IF(OR(${thisRow("IoMT_Regions", "2024")}="",${thisRow("IoMT_Regions", "2029")}=""),"",RRI(5,IoMT_Regions[[#This Row],[2024]],IoMT_Regions[[#This Row],[2029]]))`,
    );
    expect(String(cell(regions, "USA", "Share of global computed"))).toContain(
      "IoMT_Regions[[#This Row],[2029]]/IoMT_Regions[[#This Row],[Global 2029]]",
    );
    expect(String(cell(regions, "USA", "Growth 2024-2029"))).toContain(
      "IoMT_Regions[[#This Row],[2029]]-IoMT_Regions[[#This Row],[2024]]",
    );
    for (const t of plan())
      for (const r of t.rows)
        for (const c of r) if (String(c).startsWith("=")) expect(String(c)).not.toMatch(/IOMT\.|\[@/);
  });
  test("IOMT.* functions when chosen", () => {
    const tables = plan({ formulas: "iomt" });
    const devices = byName(tables, "IoMT_DeviceTypes");
    expect(String(cell(devices, "Wearable devices", "CAGR computed"))).toContain("IOMT.CAGR(");
    expect(String(cell(devices, "Wearable devices", "Implied total"))).toContain("IOMT.IMPLIEDTOTAL(");
    expect(String(cell(devices, "Wearable devices", "Share of global computed"))).toContain("IOMT.SHARE(");
  });
  test("derived columns are marked as formula columns and hold formulas in every row", () => {
    for (const t of plan()) {
      t.columns.forEach((c, j) => {
        if (c.formula) for (const r of t.rows) expect(String(r[j]).startsWith("=")).toBe(true);
      });
    }
  });
  test("special characters in headers are escaped in structured references", () => {
    expect(thisRow("T", "a[b]#c'")).toBe("T[[#This Row],[a'[b']'#c'']]");
  });
});

describe("the Other publishers table", () => {
  const t = planSections(INDEX, CHECKS, { ...DEFAULT_OPTIONS, sections: ["estimates"], charts: true })[0];
  test("one row per publisher and year, the forecast year first, with its kind, basis and source", () => {
    expect(t.tableName).toBe("IoMT_Estimates");
    expect(t.rows).toHaveLength(22);
    expect(new Set(t.rows.map((r) => r[0])).size).toBe(22);
    const gvr = t.rows.find((r) => r[0] === "Grand View Research, 2029")!;
    expect(gvr.slice(1, 5)).toEqual([
      expect.closeTo(230690 * 1.182 ** 5, 6),
      "Grand View Research",
      2029,
      "extrapolated",
    ]);
    expect(gvr[5]).toBe("230,690 (2024) × (1 + 18.2%)^5 = 532,250.6 USD million");
    expect(gvr[6]).toBe(
      "https://www.grandviewresearch.com/industry-analysis/internet-of-medical-things-iomt-market-report",
    );
    const univ = t.rows.find((r) => r[0] === "UnivDatos, 2024")!;
    expect(univ.slice(1, 5)).toEqual(["", "UnivDatos", 2024, "none"]);
    expect(univ[5]).toMatch(/^No printed figure lies within the CAGR's years 2021–2027/);
    expect(t.rows.slice(0, 11).every((r) => r[3] === 2029)).toBe(true);
  });

  test("its chart is the 2029 football field: the first 11 rows, the bundled release marked in its name", () => {
    expect(t.chart).toMatchObject({ type: "BarClustered", columns: 2, rows: 11 });
    expect(t.chart!.title).toContain("2029");
    const bundled = t.rows.slice(0, 11).find((r) => String(r[0]).includes("bundled release"))!;
    expect(bundled.slice(1, 5)).toEqual([
      240000,
      "The Business Research Company (the bundled release, via EINPresswire)",
      2029,
      "printed (floor)",
    ]);
    expect(planSections(INDEX, CHECKS, { ...DEFAULT_OPTIONS, sections: ["estimates"] })[0].chart).toBeUndefined();
  });
});

describe("placement", () => {
  test("one sheet per section, names made unique against the workbook", () => {
    const p = planWorkbook(INDEX, CHECKS, DEFAULT_OPTIONS, ["Sheet1", "IoMT Regions", "iomt overview"]);
    expect(p.sheets.map((s) => s.name)).toEqual([
      "IoMT Overview (2)",
      "IoMT Regions (2)",
      "IoMT Device types",
      "IoMT Applications",
      "IoMT End users",
      "IoMT Drivers",
      "IoMT Opportunities",
      "IoMT Other publishers",
      "IoMT Checks",
      "IoMT About",
    ]);
    for (const s of p.sheets) {
      expect(s.tables).toHaveLength(1);
      expect(s.tables[0].headerRow).toBe(2);
      expect(s.freezeRows).toBe(3);
    }
  });
  test("all sections on one sheet, stacked without overlap", () => {
    const p = planWorkbook(INDEX, CHECKS, { ...DEFAULT_OPTIONS, placement: "one-sheet" }, ["IoMT Data"]);
    expect(p.sheets).toHaveLength(1);
    expect(p.sheets[0].name).toBe("IoMT Data (2)");
    const placed = p.sheets[0].tables;
    for (let i = 1; i < placed.length; i++) {
      const prevEnd = placed[i - 1].headerRow + placed[i - 1].table.rows.length;
      expect(placed[i].titleRow).toBeGreaterThan(prevEnd + 1);
    }
  });
  test("tables already in the workbook are left out of an insert", () => {
    const p = planWorkbook(INDEX, CHECKS, DEFAULT_OPTIONS, [], ["IoMT_Regions", "iomt_about"]);
    expect(p.tables.map((t) => t.tableName)).not.toContain("IoMT_Regions");
    expect(p.tables.map((t) => t.tableName)).not.toContain("IoMT_About");
    expect(p.tables).toHaveLength(SECTIONS.length - 2);
  });
  test("unique sheet names follow Excel's rules", () => {
    expect(uniqueSheetName("IoMT Regions", [])).toBe("IoMT Regions");
    expect(uniqueSheetName("IoMT Regions", ["iomt regions", "IoMT Regions (2)"])).toBe("IoMT Regions (3)");
    expect(uniqueSheetName("a/b:c?d*e[f]g", [])).toBe("a b c d e f g");
    const long = uniqueSheetName("x".repeat(40), ["x".repeat(31)]);
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long.endsWith("(2)")).toBe(true);
  });
  test("charts where they help, when asked", () => {
    expect(plan().some((t) => t.chart)).toBe(false);
    const withCharts = plan({ charts: true });
    expect(byName(withCharts, "IoMT_Regions").chart).toMatchObject({ type: "ColumnClustered", columns: 3 });
    expect(byName(withCharts, "IoMT_About").chart).toBeUndefined();
  });
  test("the plan stamps the dataset edition", () => {
    expect(planWorkbook(INDEX, CHECKS, DEFAULT_OPTIONS).stamp).toEqual({ version: "1.0.0", edition: "2026-01-06" });
  });
});

describe("one registry, one kind label, years from the dataset", () => {
  test("every table takes its name and title from its section's record", () => {
    for (const t of plan()) {
      expect(t.tableName).toBe(section(t.section).tableName);
      expect(t.title).toBe(`IoMT market: ${section(t.section).label}`);
    }
  });

  test("a figure the dataset lacks reads as in the cards: not quantified", () => {
    const overview = byName(plan(), "IoMT_Overview");
    expect(cell(overview, "IoT", "2024")).toBe("");
    expect(cell(overview, "IoT", "Kind 2024")).toBe("not quantified");
    expect((segmentEntity(INDEX, "IoT", RANGE_AT).properties["Kind 2024"] as { basicValue: string }).basicValue).toBe(
      "not quantified",
    );
  });

  test("year headers, formulas and titles follow the dataset's years", () => {
    const shift = <T extends { year?: number; fromYear?: number; toYear?: number }>(f: T): T => ({
      ...f,
      ...(f.year !== undefined ? { year: f.year + 1 } : {}),
      ...(f.fromYear !== undefined ? { fromYear: f.fromYear + 1, toYear: f.toYear! + 1 } : {}),
    });
    const d = INDEX.dataset;
    const later = buildIndex({
      ...d,
      info: { ...d.info, baseYear: 2025, forecastYear: 2030 },
      figures: d.figures.map((f) => {
        const g = shift(f);
        return { ...g, id: figureId(g) };
      }),
    });
    const tables = planSections(later, CHECKS, { ...DEFAULT_OPTIONS, charts: true });
    const regions = byName(tables, "IoMT_Regions");
    expect(regions.columns.map((c) => c.header)).toEqual(
      expect.arrayContaining([
        "2025",
        "2030",
        "Growth 2025-2030",
        "Global 2030",
        "Kind 2025",
        "Kind 2030",
        "Source 2030",
      ]),
    );
    expect(regions.columns.map((c) => c.header)).not.toContain("2024");
    expect(cell(regions, "USA", "2030")).toBe(71006);
    expect(cell(regions, "USA", "CAGR computed")).toBe(
      '=IF(OR(IoMT_Regions[[#This Row],[2025]]="",IoMT_Regions[[#This Row],[2030]]=""),"",RRI(5,IoMT_Regions[[#This Row],[2025]],IoMT_Regions[[#This Row],[2030]]))',
    );
    expect(regions.chart?.title).toBe("Regions and countries: 2025 vs 2030 (USD million)");
    expect(byName(tables, "IoMT_Overview").columns.map((c) => c.header)).toContain("Qualifier 2030");
    expect(byName(tables, "IoMT_Opportunities").columns[1].header).toBe("Growth 2025-2030");
  });
});
