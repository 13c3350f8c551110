/** Segments as data types: the entity builder's content, its fit to Excel's types, and IOMT.ENTITY. */
import { INDEX } from "../../src/data/bundled";
import { DATASET } from "../../src/data";
import { sameEntity } from "../../src/core/excel";
import { RANGE_AT } from "../support/publishers-range";
import {
  entityFields,
  publisherRange,
  segmentEntity,
  type SegmentEntity,
  FormulaError,
} from "../../src/core/functions";
import { PUBLISHER_ESTIMATES } from "../../src/data/estimates";
import { functions } from "../support/typed-functions";
import { OFFICE_READY_TIMEOUT_MS, officeReady } from "../../src/functions/office-ready";

// Compile-time: the builder's output is an Excel.EntityCellValue, and a CellValue (tsc checks these lines).
const asExcel: Excel.EntityCellValue = segmentEntity(INDEX, "USA", RANGE_AT);
const asCell: Excel.CellValue = segmentEntity(INDEX, "Wearables", RANGE_AT);

const prop = (e: SegmentEntity, name: string) => e.properties[name] as any;

describe("the entity of a segment", () => {
  test("fits Excel's types", () => {
    expect(asExcel.type).toBe("Entity");
    expect(asCell.type).toBe("Entity");
  });

  test("North America: values, growth, stated and computed CAGR, share, sources", () => {
    const e = segmentEntity(INDEX, "north america", RANGE_AT);
    expect(e.text).toBe("North America");
    expect(prop(e, "Dimension").basicValue).toBe("region");
    expect(prop(e, "2024 value")).toEqual({ type: "FormattedNumber", basicValue: 28454, numberFormat: "#,##0.0" });
    expect(prop(e, "2029 value").basicValue).toBe(79107);
    expect(prop(e, "Growth").basicValue).toBe(50653);
    expect(prop(e, "CAGR").basicValue).toBe(0.23);
    expect(prop(e, "CAGR stated").basicValue).toBe(0.23);
    expect(prop(e, "CAGR computed").basicValue).toBeCloseTo(0.2269145521, 9);
    expect(prop(e, "Share").basicValue).toBeCloseTo(79107 / 240000, 12);
    expect(prop(e, "Share stated")).toMatchObject({ type: "Error", errorType: "NotAvailable" });
    expect(prop(e, "Kind 2029").basicValue).toBe("reported");
    expect(prop(e, "Source 2029").basicValue).toContain("'$79,107 million'");
    expect(prop(e, "Source 2029").basicValue).toBe(
      "section 'Which Will Be the Biggest Region in the Internet Of Medical Things (IoMT) Market in 2029': printed as '$79,107 million'",
    );
    // the market's drivers in one line, not an array of typed values repeated in every card
    expect(prop(e, "Drivers")).toEqual({
      type: "String",
      basicValue:
        "IoMT market growth a year: Remote patient monitoring 1.5%, Connected medical devices 1.2%, Telehealth 0.7%, Preventive healthcare 0.5%",
    });
  });

  test("a derived 2024 value says so; CAGR falls back to the computed one", () => {
    const e = segmentEntity(INDEX, "Wearable devices", RANGE_AT);
    expect(prop(e, "Kind 2024").basicValue).toBe("derived");
    expect(prop(e, "Source 2024").basicValue).toBe(
      "derived: value 2029 − growth 2024–2029 = 122,211 − 89,809 = 32,402",
    );
    expect(prop(e, "CAGR").basicValue).toBeCloseTo(Math.pow(122211 / 32402, 0.2) - 1, 12);
    expect(prop(e, "Share stated").basicValue).toBe(0.51);
  });

  test("a segment the source does not quantify: #N/A fields, never zero", () => {
    const e = segmentEntity(INDEX, "Patients", RANGE_AT);
    for (const f of ["2024 value", "2029 value", "Growth", "CAGR", "Share"])
      expect(prop(e, f)).toEqual({ type: "Error", errorType: "NotAvailable", basicValue: "#N/A" });
    expect(prop(e, "Kind 2029").basicValue).toBe("not quantified");
    expect(prop(e, "Source 2024").basicValue).toBe("none in the source");
    // the card shows the growth drivers and the sources, not eight rows of #N/A
    expect(e.layouts.card.sections.map((s) => [s.title, s.properties])).toEqual([
      ["Growth 2024-2029, share of global 2029", ["Drivers"]],
      ["Sources", ["Kind 2024", "Source 2024", "Kind 2029", "Source 2029"]],
    ]);
    expect(prop(e, "Source 2029").basicValue).toBe(
      "section 'What will be Largest Segment in the Internet Of Medical Things (IoMT) Market in 2029?': named as 'patients'",
    );
  });

  test("every field is a property; the card shows them in sections; the provider names the source", () => {
    for (const name of ["Global", "IoT", "USA", "Other devices"]) {
      const e = segmentEntity(INDEX, name, RANGE_AT);
      expect(Object.keys(e.properties).sort()).toEqual(entityFields(2024, 2029, name === "Global").sort());
      const shown = e.layouts.card.sections.flatMap((s) => s.properties);
      for (const p of shown) expect(e.properties[p]).toBeDefined();
      expect(e.layouts.card.title).toEqual({ property: "Name" });
      expect(e.provider.description).toBe("EINPresswire, 6 January 2026: IoMT market dataset 1.0.0");
      // no nested entities, so no referencedValues are needed; small enough for Excel on the web
      expect(JSON.stringify(e).match(/"type":"Entity"/g)).toHaveLength(1);
      expect(JSON.stringify(e).length).toBeLessThan(8 * 1024);
    }
  });

  test("compact: each card well under its old 2.45 KB, and nothing in it Excel would assume anyway", () => {
    const cards = DATASET.segments.map((s) => segmentEntity(INDEX, s.name, RANGE_AT));
    const bytes = cards.map((e) => Buffer.byteLength(JSON.stringify(e)));
    // measured 1,801 bytes on average and at most 1,995 (USA); the cards of before were 2,350 and 2,455
    expect(Math.max(...bytes)).toBeLessThanOrEqual(2000);
    expect(bytes.reduce((a, b) => a + b, 0) / bytes.length).toBeLessThanOrEqual(1850);
    for (const e of cards) {
      const json = JSON.stringify(e);
      // a titled section is collapsible by default (CardLayoutSectionStandardProperties); the drivers are one line
      expect(json).not.toContain('"collapsible"');
      expect(json).not.toContain('"type":"Array"');
      // numbers as Excel keeps them: at most 15 significant digits
      for (const v of Object.values(e.properties))
        if (v.type === "FormattedNumber") expect(Number(v.basicValue.toPrecision(15))).toBe(v.basicValue);
      // every property with a value is on the card, once (in the title, the subtitle or one section); a #N/A one is
      // a field for formulas without a row on the card
      const shown = [e.layouts.card.title.property, e.layouts.card.subTitle.property];
      shown.push(...e.layouts.card.sections.flatMap((s) => s.properties));
      const valued = Object.keys(e.properties).filter((k) => e.properties[k].type !== "Error");
      expect([...shown].sort()).toEqual(valued.sort());
      expect(e.layouts.card.sections.every((s) => s.properties.length > 0)).toBe(true);
    }
  });

  test("read back by meaning: #N/A is the same however Excel gives it back, by its type, its basic value or both", () => {
    const e = segmentEntity(INDEX, "Patients", RANGE_AT);
    const withNA = (na: object) => ({
      ...e,
      properties: Object.fromEntries(
        Object.entries(e.properties).map(([k, v]) => [k, v.type === "Error" ? { ...na, basicType: "Error" } : v]),
      ),
    });
    expect(sameEntity(withNA({ type: "Error", basicValue: "#N/A" }), e)).toBe(true);
    expect(sameEntity(withNA({ type: "Error", errorType: "NotAvailable" }), e)).toBe(true);
    expect(sameEntity(withNA({ type: "Error", errorType: "NotAvailable", basicValue: "#N/A" }), e)).toBe(true);
    expect(sameEntity(withNA({ type: "Error", errorType: "Div0", basicValue: "#DIV/0!" }), e)).toBe(false);
    expect(sameEntity(withNA({ type: "Error", basicValue: "#VALUE!" }), e)).toBe(false);
  });

  test("every figure on a card says where it comes from: its kind and its source, the publication on the card", () => {
    for (const s of DATASET.segments) {
      const e = segmentEntity(INDEX, s.name, RANGE_AT);
      const sources = e.layouts.card.sections.find((x) => x.properties.includes("Source 2029"))!;
      expect(sources.properties).toEqual(["Kind 2024", "Source 2024", "Kind 2029", "Source 2029"]);
      for (const year of [2024, 2029]) {
        const value = prop(e, `${year} value`);
        const kind = prop(e, `Kind ${year}`).basicValue;
        const source = prop(e, `Source ${year}`).basicValue as string;
        const figure = DATASET.figures.find((f) => f.subject === s.name && f.year === year && f.measure === "value");
        if (value.type === "FormattedNumber") expect(["reported", "derived"]).toContain(kind);
        if (kind === "reported") expect(source).toContain(`printed as '`);
        if (kind === "derived") expect(source).toMatch(/^derived: /);
        if (figure?.locator && kind !== "derived") expect(source).toContain(`section '${figure.locator.section}'`);
        if (!figure) expect([kind, source]).toEqual(["not quantified", "none in the source"]);
      }
      expect(e.provider.description).toContain(`${DATASET.info.source.publisher}, 6 January 2026`);
    }
  });

  test("the global market's card shows other publishers' 2029 range beside the bundled value", () => {
    const e = segmentEntity(INDEX, "Global", RANGE_AT);
    const [[low, median, high, count]] = publisherRange(PUBLISHER_ESTIMATES, 2029);
    const a = (x: number) => Math.round(x).toLocaleString("en-US");
    expect(prop(e, "Other publishers 2029").basicValue).toBe(
      `${a(low)} to ${a(high)}, median ${a(median)} (${count} publishers)`,
    );
    expect(e.layouts.card.sections[0].properties).toEqual([
      "2024 value",
      "2029 value",
      "Growth",
      "Other publishers 2029",
    ]);
    expect(segmentEntity(INDEX, "USA", RANGE_AT).properties).not.toHaveProperty("Other publishers 2029");
  });

  test("unknown names are #N/A with suggestions, as in IOMT.VALUE", () => {
    expect(() => segmentEntity(INDEX, "Wearable devics", RANGE_AT)).toThrow(FormulaError);
    expect(() => segmentEntity(INDEX, "", RANGE_AT)).toThrow(FormulaError);
  });
});

describe("IOMT.ENTITY", () => {
  const g = globalThis as any;
  afterEach(() => delete g.Office);

  test("gives the entity where the platform supports data types from functions", async () => {
    g.Office = {
      context: {
        requirements: { isSetSupported: (set: string, v: string) => set === "CustomFunctionsRuntime" && v === "1.4" },
      },
    };
    await expect(functions.entity("USA")).resolves.toEqual(segmentEntity(INDEX, "USA", RANGE_AT));
  });

  test("elsewhere a clear #VALUE! message", async () => {
    g.Office = { context: { requirements: { isSetSupported: () => false } } };
    await expect(functions.entity("USA")).rejects.toEqual(
      expect.objectContaining({ code: "#VALUE!", message: expect.stringContaining("CustomFunctionsRuntime 1.4") }),
    );
    delete g.Office;
    await expect(functions.entity("USA")).rejects.toEqual(expect.objectContaining({ code: "#VALUE!" }));
  });

  test("called during startup, it waits for Office.onReady before asking about data types", async () => {
    let started = false;
    let markReady!: () => void;
    const onReadyPromise = new Promise<void>((resolve) => (markReady = resolve));
    g.Office = {
      onReady: () => onReadyPromise,
      // before office.js has initialized, requirement sets are not known yet and read as unsupported
      context: {
        requirements: {
          isSetSupported: (set: string, v: string) => started && set === "CustomFunctionsRuntime" && v === "1.4",
        },
      },
    };
    const early = functions.entity("USA");
    let settled = false;
    early.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    started = true;
    markReady();
    await expect(early).resolves.toEqual(segmentEntity(INDEX, "USA", RANGE_AT));
  });

  test("when Office never becomes ready, #N/A with a message after 5 s instead of pending forever", async () => {
    jest.useFakeTimers();
    try {
      g.Office = { onReady: () => new Promise(() => {}), context: { requirements: { isSetSupported: () => true } } };
      let outcome: unknown;
      functions.entity("USA").then(
        (v) => (outcome = { resolved: v }),
        (e) => (outcome = e),
      );
      await jest.advanceTimersByTimeAsync(OFFICE_READY_TIMEOUT_MS - 1);
      expect(outcome).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      expect(outcome).toEqual(
        expect.objectContaining({
          code: "#N/A",
          message: expect.stringContaining("Office did not become ready within 5 s"),
        }),
      );
      expect(OFFICE_READY_TIMEOUT_MS).toBe(5000);
    } finally {
      jest.useRealTimers();
    }
  });

  test("officeReady: true once Office is ready, false when the injected wait runs out first", async () => {
    let markReady!: () => void;
    const onReadyPromise = new Promise<void>((resolve) => (markReady = resolve));
    g.Office = { onReady: () => onReadyPromise };
    const waiting = officeReady(60000);
    markReady();
    await expect(waiting).resolves.toBe(true);
    g.Office = { onReady: () => new Promise(() => {}) };
    await expect(officeReady(10)).resolves.toBe(false);
    g.Office = { onReady: () => Promise.reject(new Error("no host")) };
    await expect(officeReady(60000)).resolves.toBe(true);
    delete g.Office;
    await expect(officeReady(60000)).resolves.toBe(true);
  });

  test("an unknown segment is #N/A once Office is ready", async () => {
    g.Office = { onReady: () => Promise.resolve({}), context: { requirements: { isSetSupported: () => true } } };
    await expect(functions.entity("constructor")).rejects.toEqual(
      expect.objectContaining({ code: "#N/A", message: expect.stringContaining("Unknown segment 'constructor'") }),
    );
  });
});
