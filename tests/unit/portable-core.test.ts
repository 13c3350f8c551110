/**
 * The conversion of IOMT.* formulas into native ones, without a spreadsheet: what is rewritten, what is left
 * byte for byte, the data sheet's keys and the cases the conversion refuses. The values the native formulas
 * compute are proven in LibreOffice (portable-libreoffice.test.ts).
 */
import fc from "fast-check";
import { nameKey } from "../../src/data/keys";
import { INDEX } from "../../src/data/bundled";
import {
  convertFormula,
  MAX_FORMULA_LENGTH,
  dataLayout,
  dataSheetRows,
  type PortableContext,
  nativeKeyOf,
  mergeOriginals,
  originalsCount,
  originalsRows,
  planRestore,
  readOriginals,
  type OriginalRecord,
  type FormulaKind,
  kindOf,
  callsIomt,
  iomtFunctionOf,
} from "../../src/core/portable";
import { OWN_SHEETS } from "../../src/core/excel";

const DATA_SHEET_NAME = OWN_SHEETS.lookup.base;

const ctx: PortableContext = { tables: [], dataSheet: DATA_SHEET_NAME, file: false };
const convert = (f: string, c: PortableContext = ctx) => convertFormula(f, INDEX, c);

test("calculators become their native equivalents; literal arguments need no checks", () => {
  expect(convert("=IOMT.CAGR(28454,79107,5)").formula).toBe("=RRI(5,28454,79107)");
  expect(convert("IOMT.CAGR(28454,79107,5)", { ...ctx, file: true }).formula).toBe("_xlfn.RRI(5,28454,79107)");
  expect(convert("=IOMT.PROJECT(28454,0.23,5)").formula).toBe("=(28454*(1+0.23)^5)");
  expect(convert("=IOMT.IMPLIEDTOTAL(122211,0.51)").formula).toBe("=(122211/0.51)");
  expect(convert("=IOMT.CAGR(0,1,5)").formula).toBe("=#NUM!");
  expect(convert("=IOMT.PROJECT(1,-1,5)").formula).toBe("=#NUM!");
  expect(convert("=IOMT.IMPLIEDTOTAL(1,1.5)").formula).toBe("=#NUM!");
  expect(convert("=IOMT.CAGR(1,,5)").formula).toBe("=#VALUE!");
});

test("cell arguments are checked as the functions check them and parenthesized inside operators", () => {
  expect(convert("=IOMT.PROJECT(A1+1,B1,C1)").formula).toBe(
    "=IF(AND(ISNUMBER(A1+1),ISNUMBER(B1),ISNUMBER(C1)),IF(B1>-1,(A1+1)*(1+B1)^C1,#NUM!),0*LEN(A1+1)+0*LEN(B1)+0*LEN(C1)+#VALUE!)",
  );
  // the replacement of a call inside an operator is enclosed, so -x^2 keeps its meaning
  expect(convert("=-IOMT.PROJECT(2,0.5,1)^2").formula).toBe("=-(2*(1+0.5)^1)^2");
  expect(convert("=IOMT.SHARE(B2:B4)").formula).toBe(
    '=IF(SUM(B2:B4)=0,#DIV/0!,IF(ISBLANK(B2:B4),"",B2:B4/SUM(B2:B4)))',
  );
});

test("lookups read the data sheet by key; a literal name's key is worked out once", () => {
  const layout = dataLayout(INDEX, DATA_SHEET_NAME);
  const c = convert('=IOMT.VALUE("U.S.A.",2026)');
  expect(c.usesDataSheet).toBe(true);
  expect(c.formula).toBe(
    `=INDEX(${layout.range("values", "Value")},INDEX(${layout.range("names", "Value offset")},MATCH("usa",${layout.range("names", "Key")},0))+3)`,
  );
  expect(convert('=IOMT.VALUE("USA",2031)').formula).toBe("=NA()");
  expect(convert('=IOMT.VALUE("   ")').formula).toBe("=#VALUE!");
  const cell = convert("=IOMT.RATE(A2)").formula;
  expect(cell).toContain('SUBSTITUTE(A2," ","")');
  expect(cell.startsWith("=IF(ISTEXT(A2),")).toBe(true);
});

test("only the IOMT calls change: the rest of the formula, and quoted text that mentions IOMT, stay byte for byte", () => {
  const f = `=SUM('My Sheet'!A1:B2, T[[#This Row],[2029]]) & "IOMT.VALUE(""USA"")" + {1,2;3,4} + IOMT.CAGR(1, 2, 3)  *  _xldudf_IOMT_RATE("USA")`;
  const out = convert(f).formula;
  const at = f.indexOf("IOMT.CAGR(1");
  expect(out.startsWith(f.slice(0, at))).toBe(true);
  expect(out).toContain(`  *  INDEX(`);
  expect(callsIomt(out.slice(1))).toBe(false);
  expect(convert('="IOMT.VALUE(1)"&A1').changed).toBe(false);
});

const nativeFormula = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "SUM(A1:B2)",
        "'IoMT x'!$C$3",
        "T[[#This Row],[2029]]",
        "{1,2;3,4}",
        "#N/A",
        "TRUE",
        "ROUND(1.25,1)",
        "IF(A1>0,1,2)",
      ),
      fc.string({ maxLength: 12 }).map((s) => `"${s.split('"').join('""')}"`),
      fc.double({ min: 0, max: 1e6, noNaN: true }).map((n) => String(n)),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .chain((parts) =>
    fc.tuple(
      fc.constant(parts),
      fc.array(fc.constantFrom("+", "&", " * ", "-", "<>"), {
        minLength: parts.length - 1,
        maxLength: parts.length - 1,
      }),
    ),
  )
  .map(([parts, ops]) => "=" + parts.map((p, i) => (i ? ops[i - 1] : "") + p).join(""));

test("formulas without IOMT calls are never changed (property)", () => {
  fc.assert(
    fc.property(nativeFormula, (f) => {
      const c = convert(f);
      expect(c.changed).toBe(false);
      expect(c.formula).toBe(f);
    }),
    { numRuns: 300 },
  );
});

test("text around an IOMT call stays byte for byte (property)", () => {
  fc.assert(
    fc.property(
      nativeFormula,
      nativeFormula,
      fc.constantFrom('IOMT.VALUE("USA",2026)', "_xldudf_IOMT_CAGR(A1,B1,5)", "iomt.growth(C4)"),
      (a, b, call) => {
        const f = `${a}+${call}&${b.slice(1)}`;
        const out = convert(f).formula;
        expect(out.startsWith(`${a}+`)).toBe(true);
        expect(out.endsWith(`&${b.slice(1)}`)).toBe(true);
        expect(callsIomt(out)).toBe(false);
      },
    ),
    { numRuns: 200 },
  );
});

test("formulas it cannot convert are left as they were, with the reason", () => {
  expect(convert('=IOMT.ENTITY("USA")')).toMatchObject({
    changed: false,
    formula: '=IOMT.ENTITY("USA")',
    reason: "entity",
  });
  expect(convert("=IOMT.RATE(1,2)")).toMatchObject({
    reason: "unconvertible",
    problem: expect.stringMatching(/at most 1 argument/),
  });
  expect(convert('=IOMT.VALUE("x"')).toMatchObject({
    reason: "syntax",
    problem: expect.stringMatching(/could not be read/),
  });
  const long = "=" + Array.from({ length: 30 }, (_, i) => `IOMT.SERIES(A${i + 1},B1,C1)`).join("+");
  const c = convert(long);
  expect(c.changed).toBe(false);
  expect(c.reason).toBe("too-long");
  expect(c.problem).toContain(MAX_FORMULA_LENGTH.toLocaleString("en-US"));
});

test("the three spellings of a call are recognized; other functions are not", () => {
  expect(["IOMT.VALUE", "_xldudf_IOMT_VALUE", "_xludf.IOMT.VALUE", "iomt.value"].map(iomtFunctionOf)).toEqual([
    "VALUE",
    "VALUE",
    "VALUE",
    "VALUE",
  ]);
  expect(["IOMTX.VALUE", "IOMT.NOPE", "VALUE", "_xlfn.RRI"].map(iomtFunctionOf)).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
});

test("every name and alias of the dataset is reachable by its native key, and every key is unique", () => {
  for (const s of INDEX.dataset.segments)
    for (const n of [s.name, ...s.aliases]) expect(nativeKeyOf(n)).toBe(nameKey(n));
  for (const d of INDEX.dataset.drivers)
    for (const n of [d.name, d.title, ...d.aliases]) expect(nativeKeyOf(n)).toBe(nameKey(n));
  const rows = dataSheetRows(INDEX, ctx);
  const layout = dataLayout(INDEX, DATA_SHEET_NAME);
  const keys = rows.slice(1, 1 + layout.rows.names).map((r) => r[11]);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toContain("unitedstatesofamerica");
});

test("the data sheet holds the dataset's figures, estimates as formulas, and =NA() where the source has none", () => {
  const rows = dataSheetRows(INDEX, ctx);
  const usa = rows.findIndex((r) => r[0] === "USA" && r[1] === 2024);
  expect(rows[usa][2]).toBe(25383);
  expect(rows[usa + 5][2]).toBe(71006);
  expect(rows[usa + 2][2]).toBe(
    `=C${usa + 1}*(C${usa + 6}/C${usa + 1})^((B${usa + 3}-B${usa + 1})/(B${usa + 6}-B${usa + 1}))`,
  );
  const iot = rows.findIndex((r) => r[0] === "IoT" && r[1] === 2024);
  expect(rows[iot][2]).toBe("=NA()");
  const iotName = rows.find((r) => r[11] === "iot")!;
  expect(iotName.slice(11, 16)).toEqual(["iot", "IoT", "IoT", 2, 6]);
});

test("with the IoMT tables in the workbook, the data sheet reads their figures", () => {
  const tables = [{ name: "IoMT_Regions", headers: ["Segment", "2024", "2029", "Dimension", "CAGR stated"] }];
  const rows = dataSheetRows(INDEX, { ...ctx, tables });
  const usa = rows.findIndex((r) => r[0] === "USA" && r[1] === 2029);
  expect(rows[usa][2]).toBe(
    '=IF(INDEX(IoMT_Regions[[2029]],MATCH("USA",IoMT_Regions[[Segment]],0))="",NA(),INDEX(IoMT_Regions[[2029]],MATCH("USA",IoMT_Regions[[Segment]],0)))',
  );
  const wearables = rows.findIndex((r) => r[0] === "Wearable devices" && r[1] === 2029);
  expect(typeof rows[wearables][2]).toBe("number");
});

test("arguments keep their grouping parentheses, however deep", () => {
  expect(convert("=IOMT.IMPLIEDTOTAL(-(-(0.51)),((A1)))").formula).toBe(
    "=IF(AND(ISNUMBER(-(-(0.51))),ISNUMBER(A1)),IF(AND(A1>0,A1<=1),(-(-(0.51)))/A1,#NUM!),0*LEN(-(-(0.51)))+0*LEN(A1)+#VALUE!)",
  );
  expect(convert("=IOMT.PROJECT((A1)+B1,0.1,1)").formula).toBe(
    "=IF(ISNUMBER((A1)+B1),((A1)+B1)*(1+0.1)^1,0*LEN((A1)+B1)+#VALUE!)",
  );
});

test("the kept originals: rows and back, newer records replace older ones, restore leaves edited cells alone", () => {
  const fileCtx: PortableContext = { ...ctx, file: true };
  const convertIn = (f: string, form: "excel" | "file") => convertFormula(f, INDEX, form === "file" ? fileCtx : ctx);
  const a: OriginalRecord = {
    sheet: "Model",
    cell: "A1",
    form: "excel",
    original: '=IOMT.VALUE("USA")',
    portable: convertFormula('=IOMT.VALUE("USA")', INDEX, ctx).formula,
  };
  const b: OriginalRecord = {
    sheet: "Model",
    cell: "B2",
    form: "file",
    original: "IOMT.RATE(A1)",
    portable: convertFormula("IOMT.RATE(A1)", INDEX, fileCtx).formula,
  };
  const rows = originalsRows([a, b]);
  expect(originalsCount(rows[0])).toEqual({ count: 2 });
  expect(readOriginals(rows)).toEqual([a, b]);
  expect(
    readOriginals([
      ["Sheet", "Cell"],
      ["Model", "A1"],
    ]),
  ).toEqual([]);
  expect(mergeOriginals([a, b], [{ ...a, original: "=IOMT.RATE(1)" }])).toEqual([
    b,
    { ...a, original: "=IOMT.RATE(1)" },
  ]);
  const plan = (
    records: OriginalRecord[],
    current: (r: OriginalRecord) => string | undefined,
    form: "excel" | "file",
  ) => planRestore(records, { form, current, sheet: () => "present", convert: convertIn });
  const now: Record<string, string | undefined> = { A1: a.portable, B2: "=1+1" };
  const steps = plan([a, b], (r) => now[r.cell], "excel");
  expect(steps.map((s) => [s.write, s.skipped])).toEqual([
    ['=IOMT.VALUE("USA")', undefined],
    [undefined, "edited-since"],
  ]);
  // a file's record restored through Excel gets its "=", and the other way round
  expect(plan([b], () => `=${b.portable}`, "excel")[0].write).toBe("=IOMT.RATE(A1)");
  expect(plan([a], () => a.portable.slice(1), "file")[0].write).toBe('IOMT.VALUE("USA")');
  expect(plan([a], () => undefined, "excel")[0].skipped).toBe("no-formula");
});

test("the kept originals keep each formula's kind and range; records without a kind read as ordinary", () => {
  const base: OriginalRecord = {
    sheet: "Model",
    cell: "A1",
    form: "file",
    original: 'IOMT.SERIES("USA")',
    portable: "x",
  };
  const array: OriginalRecord = { ...base, kind: "array", range: "A1:B6" };
  const shared: OriginalRecord = { ...base, cell: "D2", kind: "shared", range: "D1:D3" };
  const rows = originalsRows([base, array, shared]);
  expect(rows[0].slice(7)).toEqual(["Kind", "Range"]);
  expect(rows[2].slice(7)).toEqual(["array", "A1:B6"]);
  const back = readOriginals(rows);
  expect(back).toEqual([base, array, shared]);
  expect(back.map(kindOf)).toEqual(["ordinary", "array", "shared"]);
  // the layout before kinds: seven columns, header without Kind and Range
  const old = [
    ["Sheet", "Cell", "Form", "Original", "Portable", "Records", 1],
    ["Model", "A1", "file", 'IOMT.SERIES("USA")', "x", "", ""],
  ];
  expect(originalsCount(old[0])).toEqual({ count: 1 });
  expect(readOriginals(old).map(kindOf)).toEqual(["ordinary"]);
  // a kind or range Make portable does not write leaves the row out
  for (const [kind, range] of [
    ["matrix", "A1:B6"],
    ["array", ""],
    ["array", "B6:A1"],
    ["array", "A1:B6:C9"],
    ["shared", "A0:A3"],
    ["", "A1:B6"],
  ])
    expect(readOriginals([rows[0], [...rows[1].slice(0, 7), kind, range]])).toEqual([]);
});

test("restore leaves a record alone whose cell no longer holds its kind, or whose kind the restorer cannot write", () => {
  const fileCtx: PortableContext = { ...ctx, file: true };
  const original = 'IOMT.SERIES("USA")';
  const portable = convertFormula(original, INDEX, fileCtx).formula;
  const record: OriginalRecord = {
    sheet: "Model",
    cell: "A1",
    form: "file",
    original,
    portable,
    kind: "array",
    range: "A1:B6",
  };
  const plan = (held: Pick<OriginalRecord, "kind" | "range">, writable?: FormulaKind[]) =>
    planRestore([record], {
      form: "file",
      current: () => portable,
      currentKind: () => held,
      writable,
      sheet: () => "present",
      convert: (f) => convertFormula(f, INDEX, fileCtx),
    })[0];
  expect(plan({ kind: "array", range: "A1:B6" }).write).toBe(original);
  expect(plan({}).skipped).toBe("edited-since");
  expect(plan({ kind: "array", range: "A1:B5" }).skipped).toBe("edited-since");
  expect(plan({ kind: "array", range: "A1:B6" }, ["ordinary", "shared", "dynamic"]).skipped).toBe("array-not-writable");
  // a shared formula's cell holds a formula of its own once portable
  const shared: OriginalRecord = { ...record, kind: "shared", range: "A1:A3" };
  expect(
    planRestore([shared], {
      form: "file",
      current: () => portable,
      currentKind: () => ({}),
      sheet: () => "present",
      convert: (f) => convertFormula(f, INDEX, fileCtx),
    })[0].write,
  ).toBe(original);
});

test("a formula reading SHARE of a range needs array evaluation; SHARE of one cell or a number does not", () => {
  const arrayEvaluated = (f: string) => convertFormula(f, INDEX, ctx).arrayEvaluated;
  for (const f of [
    "=SUM(IOMT.SHARE(B2:B4))",
    "=INDEX(IOMT.SHARE('My sheet'!B2:B4,10),2)",
    "=IOMT.SHARE(Totals)",
    "=MAX(IOMT.SHARE(B:B))",
    "=ROUND(IOMT.CAGR(1,2,IOMT.SHARE(A1:A3)),2)",
  ])
    expect([f, arrayEvaluated(f)]).toEqual([f, true]);
  for (const f of [
    "=IOMT.SHARE(B2)",
    "=IOMT.SHARE($B$2,10)*2",
    "=IOMT.SHARE(Sheet2!C7)",
    "=IOMT.SHARE(5)",
    '=IOMT.RATE("NA")',
  ])
    expect([f, arrayEvaluated(f)]).toEqual([f, false]);
});
