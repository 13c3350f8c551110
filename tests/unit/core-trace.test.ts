/**
 * Trace to source, without Excel: a cell of an IoMT table (by table, row key and header) or a formula calling
 * IOMT.* lookups leads to the sentence of the press release its figure stands in, its kind and its arithmetic.
 */
import { CHECKS, DATASET } from "../../src/data";
import { INDEX } from "../../src/data/bundled";
import { SOURCE_SENTENCES } from "../../src/data/iomt-2026-01-06-sentences";
import { SECTION } from "../../src/data/iomt-2026-01-06";
import { DEFAULT_OPTIONS, SECTIONS, planSections } from "../../src/core/plan";
import {
  lookupArgumentCells,
  sectionOf,
  sourcePlace,
  traceFormula,
  traceTableCell,
  type FigureTrace,
  type TraceSource,
} from "../../src/core/trace";
import { readSeed, seedSections } from "../support/seed";
import { segmentValue } from "../../src/core/functions";
import { formatAmount, formatPercent } from "../../src/lib/format";

const SOURCE: TraceSource = { index: INDEX, sentences: SOURCE_SENTENCES };
const cell = (table: string, key: unknown, header: string, content: unknown) =>
  traceTableCell(SOURCE, CHECKS, table, key, header, content);
const formula = (text: string, cells: Record<string, unknown> = {}) =>
  traceFormula(SOURCE, text, new Map(Object.entries(cells)), "Sheet1!A1");
/** The highlighted text of a trace's sentence. */
const highlighted = (t: FigureTrace): string =>
  t.source!.sentence.slice(t.source!.highlight[0], t.source!.highlight[1]);

describe("the source's sentences", () => {
  const sections = seedSections(readSeed());
  test("each sentence names a figure of the dataset for its heading, and each heading has its sentences", () => {
    const headings = new Set<string>(Object.values(SECTION));
    for (const s of SOURCE_SENTENCES) expect(headings).toContain(sectionOf(SOURCE, s));
    expect(new Set(SOURCE_SENTENCES.map((s) => sectionOf(SOURCE, s)))).toEqual(headings);
  });
  test.each(SOURCE_SENTENCES.map((s) => [s.text.slice(0, 50), s] as const))(
    "%s… stands word for word as a whole sentence under its heading",
    (_t, s) => {
      const body = sections.get(sectionOf(SOURCE, s)!)!;
      const at = body.indexOf(s.text);
      expect(at).toBeGreaterThanOrEqual(0);
      // a whole sentence: it starts a paragraph or follows a full stop (or the dateline's quote), and ends one
      const before = body.slice(Math.max(0, at - 2), at);
      expect(at === 0 || /(\. |\n|")$/.test(before) || body[at - 1] === "\n").toBe(true);
      expect(s.text).toMatch(/[.?]$/);
    },
  );

  const located = DATASET.figures.filter((f) => f.locator);
  test.each(located.map((f) => [f.id, f] as const))("%s: its sentence holds it, highlighted as printed", (_id, f) => {
    const place = sourcePlace(SOURCE, f)!;
    expect(place.section).toBe(f.locator!.section);
    expect(place.sentence.slice(...place.highlight).toLowerCase()).toBe(f.locator!.printed.toLowerCase());
  });

  test("of three sentences with 'largest segment', each segment gets its own", () => {
    const sentenceOf = (subject: string) => sourcePlace(SOURCE, INDEX.rank(subject)!)!.sentence;
    expect(sentenceOf("Wearable devices")).toMatch(/^The wearable devices market/);
    expect(sentenceOf("Real-time monitoring")).toMatch(/^The real-time monitoring market/);
    expect(sentenceOf("Healthcare providers")).toMatch(/^The healthcare providers market/);
  });

  test("in a sentence with three figures, each growth is highlighted after its own opportunity", () => {
    const t = formula('=IOMT.GROWTH("Healthcare providers")').figures[0];
    expect(highlighted(t)).toBe("$89,308 million");
    const before = t.source!.sentence.slice(0, t.source!.highlight[0]);
    expect(before.endsWith("the IoMT-enabled healthcare providers market by ")).toBe(true);
  });
});

describe("a cell of an IoMT table", () => {
  test("reported: North America 2029 in IoMT_Regions", () => {
    const t = cell("IoMT_Regions", "North America", "2029", 79107);
    expect(t.state).toBe("figure");
    expect(t.where).toBe("IoMT_Regions · North America · 2029");
    const [f] = t.figures;
    expect(f.kind).toBe("reported");
    expect(f.shown).toBe("79,107 USD million");
    expect(f.source!.section).toBe(SECTION.region);
    expect(f.source!.sentence).toMatch(/^North America will be the largest region/);
    expect(highlighted(f)).toBe("$79,107 million");
    expect(f.arithmetic).toBeUndefined();
  });

  test("derived: wearable devices 2024, with the arithmetic from the reported figures and their sentences", () => {
    const [f] = cell("IoMT_DeviceTypes", "Wearable devices", "2024", 32402).figures;
    expect(f.kind).toBe("derived");
    expect(f.arithmetic).toBe("value 2029 − growth 2024–2029 = 122,211 − 89,809 = 32,402");
    expect(f.source).toBeUndefined();
    expect(f.inputs.map((i) => [i.kind, highlighted(i)])).toEqual([
      ["reported", "$122,211 million"],
      ["reported", "$89,809 million"],
    ]);
  });

  test("derived in two steps: the global growth stands on the derived 2024 value, traced in turn", () => {
    const [f] = formula('=IOMT.GROWTH("Global")').figures;
    expect(f.kind).toBe("derived");
    const start = f.inputs.find((i) => i.label === "Global, market size 2024")!;
    expect(start.kind).toBe("derived");
    expect(start.inputs.map((i) => highlighted(i))).toEqual(["$240 billion", "25%"]);
  });

  test("a live formula column: CAGR computed, whatever formula style the table was inserted with", () => {
    for (const formulas of ["native", "iomt"] as const) {
      const table = planSections(INDEX, CHECKS, { ...DEFAULT_OPTIONS, formulas }).find(
        (t) => t.tableName === "IoMT_Regions",
      )!;
      const content = table.rows[0][table.columns.findIndex((c) => c.header === "CAGR computed")];
      const t = cell("IoMT_Regions", "North America", "CAGR computed", content);
      expect(t.state).toBe("figure");
      expect(t.figures[0].kind).toBe("derived");
      expect(t.figures[0].arithmetic).toBe(
        "(value 2029 / value 2024)^(1/5) − 1 = (79,107 / 28,454)^(1/5) − 1 = 22.69%",
      );
    }
  });

  test("a formula read back in Excel's short spelling is still the add-in's", () => {
    const t = cell("IoMT_Regions", "USA", "Growth 2024-2029", '=IF(OR([@2024]="",[@2029]=""),"",[@2029]-[@2024])');
    expect(t.state).toBe("figure");
    expect(t.figures[0].arithmetic).toBe("value 2029 − value 2024 = 71,006 − 25,383 = 45,623");
  });

  test("not reported: a segment the source names without a figure", () => {
    const t = cell("IoMT_DeviceTypes", "Stationary devices", "2029", "");
    expect(t.state).toBe("figure");
    expect(t.message).toMatch(/blank: the source gives no figure/);
    const [f] = t.figures;
    expect(f.kind).toBe("not reported");
    expect(f.shown).toBe("");
    expect(highlighted(f)).toBe("stationary devices");
  });

  test("a figure the source does not give for a quantified segment says which, without a naming sentence", () => {
    const t = cell("IoMT_DeviceTypes", "Wearable devices", "CAGR stated", "");
    expect(t.message).toMatch(/blank: the source gives no figure/);
    expect(t.figures[0]).toMatchObject({
      kind: "not reported",
      note: "The source gives no CAGR stated for Wearable devices.",
    });
    expect(t.figures[0].source).toBeUndefined();
    expect(cell("IoMT_Overview", "IoT", "2024", "").figures[0].note).toBe(
      "The source gives no market size 2024 for IoT.",
    );
    // a lookup gives the function's own error, word for word
    expect(formula('=IOMT.VALUE("IoT", 2024)').message).toMatch(
      /IOMT.VALUE gives #N\/A: The source gives IoT only for 2029, not 2024\./,
    );
    expect(formula('=IOMT.RATE("Patients")').message).toMatch(/IOMT.RATE gives #N\/A: Patients is not quantified/);
    expect(formula('=IOMT.VALUE("Wearable")').state).toBe("figure");
    expect(formula('=IOMT.VALUE("Wearabel")').message).toMatch(/Did you mean 'Wearable devices'/);
  });

  test("text read from the workbook is quoted short", () => {
    const t = cell("IoMT_Regions", "x".repeat(30000), "2029", 1);
    expect(t.message).toBe(`The row '${"x".repeat(57)}…' is not one of the dataset's: it holds no IoMT figure.`);
    expect(t.where.length).toBeLessThan(120);
  });

  test("edited: a typed estimate over a figure is the analyst's, and the dataset's figure is shown beside it", () => {
    const t = cell("IoMT_Regions", "North America", "2029", 80000);
    expect(t.state).toBe("edited");
    expect(t.message).toMatch(/^You changed this cell/);
    expect(t.figures[0].shown).toBe("79,107 USD million");
    expect(cell("IoMT_Regions", "North America", "CAGR computed", "=0.3").state).toBe("edited");
  });

  test("rows sorted, keys in another case: matched by the row key", () => {
    expect(cell("iomt_regions", "north america", "2024", 28454).figures[0].kind).toBe("reported");
  });

  test("drivers, opportunities and checks", () => {
    const d = cell("IoMT_Drivers", "Telehealth", "Contribution to annual growth", 0.007).figures[0];
    expect([d.kind, d.shown, highlighted(d)]).toEqual(["reported", "0.7%", "0.7%"]);
    const o = cell("IoMT_Opportunities", "IoMT-enabled wearable devices", "Growth 2024-2029", 89809).figures[0];
    expect(highlighted(o)).toBe("$89,809 million");
    const check = CHECKS[0];
    const table = planSections(INDEX, CHECKS, DEFAULT_OPTIONS).find((t) => t.tableName === "IoMT_Checks")!;
    const c = cell("IoMT_Checks", check.title, "Computed", table.rows[0][6]).figures[0];
    expect(c.kind).toBe("derived");
    expect(c.arithmetic).toBe(check.explanation);
    expect(c.inputs.length).toBe(check.inputs.length);
  });

  test("every cell of every table the add-in inserts is traced or says why not", () => {
    for (const t of planSections(INDEX, CHECKS, { ...DEFAULT_OPTIONS, sections: SECTIONS.map((s) => s.id) }))
      for (const row of t.rows)
        t.columns.forEach((c, j) => {
          const traced = cell(t.tableName, row[0], c.header, row[j]);
          if (t.tableName === "IoMT_About") expect(traced.state).toBe("none");
          else {
            expect([t.tableName, c.header, traced.state]).toEqual([t.tableName, c.header, "figure"]);
            expect(traced.figures.length).toBeGreaterThan(0);
            // a number the add-in wrote is the number the trace shows (as its figure, or as the figure's inputs)
            const v = row[j];
            // (the Other publishers table's Year column names the year of the row's estimate, not a figure)
            if (typeof v === "number" && traced.figures[0].kind === "reported" && c.header !== "Year")
              expect([`${formatAmount(v)} USD million`, formatPercent(v)]).toContain(traced.figures[0].shown);
          }
        });
  });

  test("another publisher's estimate leads to its page: printed as the page prints it, or carried by its own CAGR", () => {
    const printed = cell("IoMT_Estimates", "Grand View Research, 2024", "USD million", 230690);
    expect(printed.state).toBe("figure");
    expect(printed.figures[0].kind).toBe("reported");
    expect(highlighted(printed.figures[0])).toBe("USD 230.69 billion");
    expect(printed.figures[0].note).toMatch(/grandviewresearch\.com.*not a figure of the bundled press release/);
    const carried = cell("IoMT_Estimates", "Grand View Research, 2029", "USD million", 0).figures[0];
    expect(carried.kind).toBe("estimated");
    expect(carried.arithmetic).toMatch(/^230,690 \(2024\) × \(1 \+ 18\.2%\)\^5 = /);
    expect(carried.inputs.map((f) => f.shown)).toEqual(["230,690 USD million"]);
    const none = cell("IoMT_Estimates", "UnivDatos, 2029", "USD million", "").figures[0];
    expect(none.kind).toBe("not reported");
    expect(none.note).toMatch(/outside the CAGR's years/);
  });

  test("an analyst's own row or column, and the About table, hold no IoMT figure", () => {
    expect(cell("IoMT_Regions", "Europe", "2029", 5).state).toBe("none");
    expect(cell("IoMT_Regions", "North America", "My notes", "x").message).toMatch(
      /'My notes' is not one of the add-in's/,
    );
    expect(cell("IoMT_About", "Dataset version", "Value", "1.0.0").state).toBe("none");
    expect(cell("Sales", "North America", "2029", 1).message).toBe("This cell is not in an IoMT table.");
  });
});

describe("a formula calling IOMT.* lookups", () => {
  test("reported, with literal arguments", () => {
    const t = formula('=IOMT.VALUE("North America", 2029)');
    expect(t.state).toBe("figure");
    expect(highlighted(t.figures[0])).toBe("$79,107 million");
  });

  test("estimated: a year between the dataset's, with the constant-growth arithmetic", () => {
    const [f] = formula('=IOMT.VALUE("USA", 2026)').figures;
    expect(f.kind).toBe("estimated");
    const v = formatAmount(Number(segmentValue(INDEX, "USA", 2026).toFixed(1)));
    // the same number IOMT.VALUE gives, to the digit shown
    expect(f.arithmetic).toBe(
      `value 2024 × (value 2029 / value 2024)^(2/5) = 25,383 × (71,006 / 25,383)^(2/5) = ${v}: constant growth of 22.84% a year`,
    );
    expect(f.shown).toBe(`${v} USD million`);
    expect(f.inputs.map((i) => [i.kind, highlighted(i)])).toEqual([
      ["reported", "$25,383 million"],
      ["reported", "$71,006 million"],
    ]);
  });

  test("arguments from cells: the edge reads the cells named, and the trace takes their values", () => {
    const text = "=IOMT.VALUE(A2, 'My sheet'!$B$7) / IOMT.RATE(A2) + IOMT.CAGR(1, 2, 3)";
    expect(lookupArgumentCells(text)).toEqual([
      { text: "A2", address: "A2" },
      { text: "'My sheet'!$B$7", sheet: "My sheet", address: "B7" },
    ]);
    const t = formula(text, { A2: "Wearables", "'My sheet'!$B$7": 2024 });
    expect(t.figures.map((f) => [f.label, f.kind])).toEqual([
      ["Wearable devices, market size 2024", "derived"],
      ["Wearable devices, CAGR 2024–2029", "derived"],
    ]);
  });

  test("driver, series and the spelling Excel shows without the add-in", () => {
    expect(formula('=IOMT.DRIVER("RPM")').figures[0].shown).toBe("1.5%");
    expect(formula('=IOMT.SERIES("USA")').figures.map((f) => f.kind)).toEqual([
      "reported",
      "estimated",
      "estimated",
      "estimated",
      "estimated",
      "reported",
    ]);
    expect(formula('=_xldudf_IOMT_VALUE("USA")').figures[0].shown).toBe("71,006 USD million");
  });

  test("what the function would refuse is said, with its error", () => {
    expect(formula('=IOMT.VALUE("Europe")').message).toMatch(/IOMT.VALUE gives #N\/A: Unknown segment 'Europe'/);
    expect(formula('=IOMT.VALUE("USA", 2031)').message).toMatch(/years 2024 to 2029; year 2031/);
    expect(formula('=IOMT.VALUE("USA", 2029)', {}).state).toBe("figure");
    expect(formula("=IOMT.VALUE(B1:B3)").message).toMatch(/worked out by a formula or a range/);
  });

  test("no lookup: not an IoMT figure", () => {
    expect(formula("=IOMT.CAGR(1, 2, 3)").state).toBe("none");
    expect(formula("=SUM(A1:A3)").message).toMatch(/^This cell is not an IoMT figure/);
    expect(formula("=(((").state).toBe("none");
  });

  test("a formula with thousands of nested lookups is traced in bounded time and work", () => {
    const deep = `=${"IOMT.VALUE(".repeat(300)}"USA"${")".repeat(300)}`;
    expect(formula(deep).state).toBe("none");
    const many = `=${Array.from({ length: 2000 }, () => 'IOMT.VALUE("USA")').join("+")}`;
    const t = formula(many);
    expect(t.figures.length).toBe(6);
    expect(t.message).toMatch(/1994 more IOMT lookups are not shown/);
  });
});
