/** The refresh planner, on table states as Excel reports them (formulas read back, text without its apostrophe). */
import { CHECKS, DATASET } from "../../src/data";
import { RANGE_AT } from "../support/publishers-range";
import { INDEX } from "../../src/data/bundled";
import {
  canonicalFormula,
  cellInput,
  excelNumber,
  sameCell,
  sameEntity,
  entityMeaning,
  planBatches,
  rowSlices,
  type CellWrite,
  type WriteOp,
} from "../../src/core/excel";
import {
  ANALYSTS,
  cardFingerprint,
  fingerprint,
  formatRecord,
  parseRecord,
  readRecordHead,
  recordDigest,
  recordOfCells,
  recordOfRows,
  sameRecord,
  type TableRecord,
  compareEdition,
  formatHeldTables,
  parseHeldTables,
  cellId,
  planRefresh,
  refreshTable,
  rowsToAdd,
  styleInTable,
  type RefreshContext,
  type TableAction,
  type TableState,
  describeRefresh,
  refreshTone,
  type RefreshOutcome,
} from "../../src/core/refresh";
import { segmentEntity } from "../../src/core/functions";
import { DEFAULT_OPTIONS, planSections, sourceLine, type TablePlan } from "../../src/core/plan";

const plans = planSections(INDEX, CHECKS, DEFAULT_OPTIONS);
const iomtPlans = planSections(INDEX, CHECKS, { ...DEFAULT_OPTIONS, formulas: "iomt" });
const regions = plans.find((t) => t.tableName === "IoMT_Regions")!;
const context: RefreshContext = { canResize: true, sourceLine: sourceLine(DATASET) };

/** The state of a table just inserted from its plan at A3 on sheet 'IoMT Regions', with Excel's [@col] form. */
function inserted(plan: TablePlan, overrides: Partial<TableState> = {}): TableState {
  const excelForm = (c: unknown) =>
    typeof c === "string"
      ? c.replace(new RegExp(`${plan.tableName}\\[\\[#This Row\\],\\[([^\\]]+)\\]\\]`, "g"), "[@[$1]]")
      : c;
  return {
    tableName: plan.tableName,
    sheetName: "IoMT Regions",
    sheetProtected: false,
    headerAddress: `'IoMT Regions'!A3:${String.fromCharCode(64 + plan.columns.length)}3`,
    headers: plan.columns.map((c) => c.header),
    body: plan.rows.map((r) => r.map(excelForm)),
    formats: plan.numberFormats.map((r) => [...r]),
    occupiedBelow: [],
    record: recordOfRows(
      plan.tableName,
      plan.columns.map((c) => c.header),
      plan.rows,
    ),
    ...overrides,
  };
}

/** The state as an older edition left it: cell [i][j] holds `value`, which the add-in wrote there. */
function writtenByOlderEdition(
  plan: TablePlan,
  state: TableState,
  i: number,
  j: number,
  value: number | string,
): TableState {
  const body = state.body.map((r) => [...r]);
  body[i][j] = value;
  const record: TableRecord = new Map([...state.record!].map(([k, row]) => [k, new Map(row)]));
  record.get([...record.keys()][i])!.set(plan.columns[j].header, fingerprint(value, plan.tableName));
  return { ...state, body, record };
}

const cellsOf = (a: TableAction): CellWrite[] =>
  a.kind === "update" ? a.ops.filter((o): o is CellWrite => o.kind === "cells") : [];
/** Every cell an action writes content to, as "A4=value". */
function written(a: TableAction): string[] {
  const out: string[] = [];
  for (const w of cellsOf(a)) {
    const [col, row] = [w.address.match(/^[A-Z]+/)![0], Number(w.address.match(/\d+/)![0])];
    (w.formulas ?? w.json ?? []).forEach((r, i) =>
      r.forEach((v) => v !== null && out.push(`${col}${row + i}=${typeof v === "object" ? "json" : v}`)),
    );
  }
  return out;
}

test("a table just inserted is up to date, even with Excel's own way of writing references", () => {
  expect(refreshTable(regions, inserted(regions), context)).toMatchObject({
    kind: "unchanged",
    cellsChanged: 0,
    keptRows: [],
  });
});

test("only the cells that changed are written; every other cell of the block is null (left as it is)", () => {
  const state = writtenByOlderEdition(regions, inserted(regions), 1, 2, 70000); // USA 2029 in an older edition
  const a = refreshTable(regions, state, context);
  expect(a).toMatchObject({ kind: "update", cellsChanged: 1, rowsAdded: 0, edits: [] });
  expect(written(a)).toEqual(["C5=71006"]);
  const ops = cellsOf(a);
  expect(ops).toHaveLength(1);
  expect(ops[0]).toMatchObject({ sheet: "IoMT Regions", address: "C5", formulas: [[71006]] });
  expect(ops[0].numberFormat).toBeUndefined();
  if (a.kind === "update")
    expect(a.changes).toEqual([{ address: "'IoMT Regions'!C5", before: 70000, after: 71006, what: "updated" }]);
});

test("rows are matched by key wherever the analyst sorted them", () => {
  const state = inserted(regions);
  const body = [state.body[1], state.body[0]].map((r) => [...r]);
  expect(refreshTable(regions, { ...state, body }, context).kind).toBe("unchanged");
  const older = writtenByOlderEdition(regions, state, 1, 1, 0);
  const sorted = { ...older, body: [older.body[1], older.body[0]] };
  expect(written(refreshTable(regions, sorted, context))).toEqual(["B4=25383"]);
});

test("columns are found by header; columns the analyst added are never written", () => {
  const older = writtenByOlderEdition(regions, inserted(regions), 1, 2, 5);
  const headers = ["My notes", ...older.headers];
  const body = older.body.map((r) => ["mine", ...r]);
  const a = refreshTable(regions, { ...older, headers, headerAddress: "'IoMT Regions'!A3:Q3", body }, context);
  expect(written(a)).toEqual(["D5=71006"]);
});

test("rows not in the dataset are kept, reported and never written: an analyst's '007, 'TRUE, '-12, '=see memo", () => {
  const state = writtenByOlderEdition(regions, inserted(regions), 0, 2, 0);
  // Range.formulas gives text without its apostrophe: writing these back would make 7, TRUE, -12 and a formula
  const mine = ["My region", "007", "TRUE", "-12", "=see memo", ...state.body[0].slice(5).map(() => "")];
  const body: unknown[][] = [state.body[0].map((x) => x), mine, ...state.body.slice(1).map((r) => [...r])];
  const a = refreshTable(regions, { ...state, body }, context);
  expect(a).toMatchObject({ kind: "update", keptRows: ["My region"] });
  expect(written(a)).toEqual(["C4=79107"]);
  // the same row kept in an otherwise current table is still reported
  const fresh = inserted(regions);
  const unchanged = refreshTable(regions, { ...fresh, body: [fresh.body[0], mine, fresh.body[1]] }, context);
  expect(unchanged).toMatchObject({ kind: "unchanged", keptRows: ["My region"] });
  const outcome = {
    status: "unchanged",
    plan: { actions: [unchanged], blocked: false },
    bundled: DATASET.info,
    recreated: [],
    stamped: false,
    syncs: 3,
  } as RefreshOutcome;
  expect(describeRefresh(outcome).join("\n")).toMatch(
    /IoMT_Regions: up to date\. Kept 1 row\(s\) not in the dataset: My region/,
  );
});

test("three-way: an analyst's edit is kept and listed; a cell the add-in wrote is updated; edits are overwritten only on request", () => {
  // a new edition changes USA 2029; the analyst typed an estimate into Stationary devices-like blank cells of North America
  const older = writtenByOlderEdition(regions, inserted(regions), 1, 2, 70000);
  const body = older.body.map((r) => [...r]);
  body[0][7] = 0.4; // North America "Share stated" is blank in the dataset: the analyst's own figure
  body[0][1] = "=28454*1.02"; // a what-if over a figure
  const state = { ...older, body };
  const a = refreshTable(regions, state, context);
  expect(written(a)).toEqual(["C5=71006"]);
  if (a.kind !== "update") throw new Error(a.kind);
  expect(a.edits.map((e) => [e.address, e.content, e.dataset])).toEqual([
    ["'IoMT Regions'!B4", "=28454*1.02", 28454],
    ["'IoMT Regions'!H4", 0.4, ""],
  ]);
  // the record marks the edits as the analyst's, so they stay edits at the next refresh
  expect(a.record.get("northamerica")!.get("2024")).toBe(ANALYSTS);
  const again = refreshTable(
    regions,
    { ...state, body: body.map((r, i) => (i === 1 ? r.map((x, j) => (j === 2 ? 71006 : x)) : r)), record: a.record },
    context,
  );
  expect(again).toMatchObject({ kind: "unchanged" });
  if (again.kind === "unchanged") expect(again.edits).toHaveLength(2);
  // overwrite all edits for one refresh, or one cell from the list
  expect(written(refreshTable(regions, state, { ...context, overwrite: "all" }))).toEqual([
    "B4=28454",
    "C5=71006",
    "H4=",
  ]);
  const one = refreshTable(regions, state, {
    ...context,
    overwrite: new Set([cellId("IoMT_Regions", "North America", "2024")]),
  });
  expect(written(one)).toEqual(["B4=28454", "C5=71006"]);
  if (one.kind === "update") expect(one.changes.map((c) => c.what)).toEqual(["overwrote an edit", "updated"]);
});

test("three-way: without a record (a workbook from before it existed), differing cells are kept, never overwritten", () => {
  const state = { ...writtenByOlderEdition(regions, inserted(regions), 1, 2, 70000), record: undefined };
  const a = refreshTable(regions, state, context);
  expect(a).toMatchObject({ kind: "unchanged", unrecorded: true });
  if (a.kind === "unchanged") expect(a.edits.map((e) => e.address)).toEqual(["'IoMT Regions'!C5"]);
  expect(written(refreshTable(regions, state, { ...context, overwrite: "all" }))).toEqual(["C5=71006"]);
});

test("three-way: blank cells the record knows nothing of (a row whose writes Excel refused) are filled; a cell the analyst cleared stays cleared", () => {
  const state = inserted(regions);
  // the USA row: only its key was written before Excel refused, and the record (written last) never got it
  const body = state.body.map((r, i) => (i === 1 ? r.map((x, j) => (j === 0 ? x : "")) : [...r]));
  body[0][2] = ""; // the analyst cleared North America 2029, which the add-in wrote
  body[1][4] = 0.5; // and typed a figure of their own into the USA row
  const record: TableRecord = new Map([...state.record!].filter(([k]) => k !== "usa"));
  const a = refreshTable(regions, { ...state, body, record }, context);
  if (a.kind !== "update") throw new Error(a.kind);
  const usa = regions.rows[1];
  const expected = usa
    .map((v, j) => [j, v] as const)
    .filter(([j, v]) => j > 0 && j !== 4 && v !== "")
    .map(([j]) => `'IoMT Regions'!${String.fromCharCode(65 + j)}5`);
  expect(a.changes.map((c) => c.address).sort()).toEqual(expected.sort());
  expect(a.edits.map((e) => e.address).sort()).toEqual(["'IoMT Regions'!C4", "'IoMT Regions'!E5"]);
});

test("the record round-trips through its cells, and fingerprints tell Excel's spellings alike", () => {
  const record = recordOfRows(
    "IoMT_Regions",
    regions.columns.map((c) => c.header),
    regions.rows,
  );
  const cells = formatRecord("IoMT_Regions", record);
  expect(cells[0]).toBe("IoMT_Regions|2|v3");
  const read = parseRecord(cells, "IoMT_Regions");
  expect("record" in read && sameRecord(read.record, record)).toBe(true);
  expect(fingerprint(78643.20000000001, "T")).toBe(fingerprint(78643.2, "T"));
  expect(fingerprint("=RRI(5,T[[#This Row],[2024]],T[[#This Row],[2029]])", "T")).toBe(
    fingerprint("=RRI(5,[@2024],[@2029])", "T"),
  );
  expect(fingerprint("007", "T")).not.toBe(fingerprint(7, "T"));
  expect(fingerprint("", "T")).toMatch(/^[A-Za-z0-9_-]{8}$/);
  expect(parseRecord(["IoMT_Regions|1|v2", "not json", "northamerica|"], "IoMT_Regions")).toEqual({
    refused: "its list of column headers is damaged",
  });
});

test("a segment a newer edition dropped is kept and reported", () => {
  const state = inserted(regions);
  const body = [...state.body, ["Europe", 1000, 2000, "region", ...state.body[0].slice(4).map(() => "")]];
  const a = refreshTable(regions, { ...state, body }, context);
  expect(a).toMatchObject({ kind: "unchanged", keptRows: ["Europe"] });
});

test("new rows are appended with the dataset's formats; existing cells' formats are never written", () => {
  const state = inserted(regions, { body: inserted(regions).body.slice(0, 1) });
  const a = refreshTable(regions, state, context);
  if (a.kind !== "update") throw new Error(a.kind);
  expect(a.rowsAdded).toBe(1);
  expect(a.ops[0]).toEqual({ kind: "resize", table: "IoMT_Regions", sheet: "IoMT Regions", address: "A3:P5" });
  const formats = cellsOf(a).filter((w) => w.numberFormat);
  expect(formats.map((w) => w.address)).toEqual("ABCDEFGHIJKLMNOP".split("").map((c) => `${c}5`));
  expect(formats[1].numberFormat).toEqual([["#,##0.0"]]);
  expect(formats.every((w) => !w.formulas)).toBe(true);
  // text goes with an apostrophe into General cells, so that Excel keeps it as text
  expect(written(a)).toContain("A5='USA");
  expect(written(a).filter((c) => /^[A-P]4=/.test(c))).toEqual([]);
  expect(rowsToAdd(regions, state)).toBe(1);
});

test("a table that must grow is blocked by cells holding data below it, a Total Row, a filter or an old Excel", () => {
  const short = { body: inserted(regions).body.slice(0, 1) };
  const reason = (overrides: Partial<TableState>, ctx = context) => {
    const a = refreshTable(regions, inserted(regions, { ...short, ...overrides }), ctx);
    return a.kind === "blocked" ? a.reason : a.kind;
  };
  expect(reason({ occupiedBelow: ["E5"] })).toMatch(/cells below it on sheet 'IoMT Regions' hold data: E5/);
  expect(reason({ totalsRow: true })).toMatch(/Total Row/);
  expect(reason({ filtered: true })).toMatch(/filter/);
  expect(reason({}, { ...context, canResize: false })).toMatch(/ExcelApi 1\.13/);
  // with nothing to add, a Total Row or a filter does not matter
  expect(refreshTable(regions, inserted(regions, { totalsRow: true, filtered: true }), context).kind).toBe("unchanged");
});

test("a protected sheet blocks; a missing column blocks", () => {
  expect(refreshTable(regions, inserted(regions, { sheetProtected: true }), context)).toMatchObject({
    kind: "blocked",
    reason: expect.stringContaining("protected"),
  });
  const state = inserted(regions);
  const headers = state.headers.map((h) => (h === "2029" ? "Year 2029" : h));
  expect(refreshTable(regions, { ...state, headers }, context)).toMatchObject({
    kind: "blocked",
    reason: expect.stringContaining("'2029'"),
  });
});

test("only tables the workbook has held are reported missing", () => {
  const states = new Map<string, TableState | undefined>([["IoMT_Regions", inserted(regions)]]);
  const r = planRefresh(
    plans,
    states,
    new Map([
      ["IoMT_Regions", "native"],
      ["IoMT_Drivers", "native"],
    ]),
    context,
  );
  expect(r.actions.map((a) => [a.tableName, a.kind])).toEqual([
    ["IoMT_Regions", "unchanged"],
    ["IoMT_Drivers", "missing"],
  ]);
  expect(planRefresh(plans, states, new Map(), context).actions).toHaveLength(1);
});

test("one blocked table blocks the whole refresh, and the report says which", () => {
  const states = new Map(plans.map((p) => [p.tableName, inserted(p)]));
  states.set(
    "IoMT_Drivers",
    inserted(
      plans.find((p) => p.tableName === "IoMT_Drivers")!,
      { sheetProtected: true, sheetName: "Drivers" },
    ),
  );
  const r = planRefresh(plans, states, new Map(), context);
  expect(r.blocked).toBe(true);
  const outcome = {
    status: "blocked",
    plan: r,
    bundled: DATASET.info,
    recreated: [],
    stamped: false,
    syncs: 3,
  } as RefreshOutcome;
  expect(describeRefresh(outcome).join("\n")).toMatch(/Nothing was changed[\s\S]*'Drivers' is protected/);
  expect(refreshTone("blocked")).toBe("bad");
  expect(refreshTone("unchanged")).toBe("ok");
  expect(refreshTone("newer-edition")).toBe("warn");
});

test("the formula style is read from the table's own formulas", () => {
  const iomtRegions = iomtPlans.find((t) => t.tableName === "IoMT_Regions")!;
  expect(styleInTable(iomtRegions, inserted(iomtRegions))).toBe("iomt");
  expect(styleInTable(iomtRegions, inserted(regions))).toBe("native");
  const blank = inserted(regions);
  expect(
    styleInTable(regions, {
      ...blank,
      body: blank.body.map((r) => r.map((c) => (typeof c === "string" && c.startsWith("=") ? "" : c))),
    }),
  ).toBeUndefined();
  // a table inserted with IOMT.* formulas is up to date against the IOMT.* plan
  expect(refreshTable(iomtRegions, inserted(iomtRegions), context).kind).toBe("unchanged");
});

test("the title and source line above the table are refreshed while they hold what the add-in wrote", () => {
  const stale =
    "Source: EINPresswire, 6 January 2026. USD million; rates as percentages. Dataset 0.9.0, edition 2025-06-01.";
  const a = refreshTable(regions, inserted(regions, { lines: [regions.title, stale] }), context);
  expect(a).toMatchObject({ kind: "update", linesUpdated: 1, cellsChanged: 0 });
  expect(written(a)).toEqual([`A2='${context.sourceLine}`]);
  expect(refreshTable(regions, inserted(regions, { lines: [regions.title, context.sourceLine] }), context).kind).toBe(
    "unchanged",
  );
  // an analyst's own text there is left alone
  expect(refreshTable(regions, inserted(regions, { lines: ["My title", "my notes"] }), context).kind).toBe("unchanged");
});

test("data types are compared by meaning: FormattedNumber and Double alike, numberFormat, basicType and key order ignored", () => {
  const entity = segmentEntity(INDEX, "USA", RANGE_AT) as any;
  const reorder = (o: any): any =>
    Array.isArray(o)
      ? o.map(reorder)
      : o && typeof o === "object"
        ? Object.fromEntries(
            Object.keys(o)
              .reverse()
              .map((k) => [k, reorder(o[k])]),
          )
        : o;
  const web = JSON.parse(
    JSON.stringify(entity, (_k, v) =>
      v && v.type === "FormattedNumber" ? { type: "Double", basicValue: v.basicValue, basicType: "Double" } : v,
    ),
  );
  const windows = JSON.parse(JSON.stringify(entity, (k, v) => (k === "numberFormat" ? undefined : v)));
  expect(sameEntity({ ...reorder(web), basicType: "Error", basicValue: "#VALUE!" }, entity)).toBe(true);
  expect(sameEntity(reorder(windows), entity)).toBe(true);
  const changed = { ...entity, properties: { ...entity.properties, "2029 value": { type: "Double", basicValue: 1 } } };
  expect(sameEntity(changed, entity)).toBe(false);
  expect(sameEntity({ ...entity, text: "US" }, entity)).toBe(false);
  const fewer = { ...entity, properties: { ...entity.properties } };
  delete fewer.properties.Growth;
  expect(sameEntity(fewer, entity)).toBe(false);
});

test("data types in the key column are rebuilt only where they differ; never overwritten by text", () => {
  const state = inserted(regions);
  const body = state.body.map((r) => ["#VALUE!", ...r.slice(1)]);
  const readBack = (name: string) =>
    JSON.parse(JSON.stringify(segmentEntity(INDEX, name, RANGE_AT), (k, v) => (k === "numberFormat" ? undefined : v)));
  const keyJson = state.body.map((r) => readBack(String(r[0])));
  const keyText = state.body.map((r) => String(r[0]));
  const dt = { ...context, entityOf: (s: string) => segmentEntity(INDEX, s, RANGE_AT) };
  expect(refreshTable(regions, { ...state, body, keyJson, keyText }, dt)).toMatchObject({
    kind: "unchanged",
    entitiesUpdated: 0,
    cardsToReload: 0,
  });
  keyJson[1] = {
    ...keyJson[1],
    properties: { ...keyJson[1].properties, "2029 value": { type: "Double", basicValue: 1 } },
  };
  const a = refreshTable(regions, { ...state, body, keyJson, keyText }, dt);
  expect(a).toMatchObject({ kind: "update", entitiesUpdated: 1 });
  expect(written(a)).toEqual(["A5=json"]);
  // a new row in a table of data types gets one too
  const grown = refreshTable(
    regions,
    { ...state, body: body.slice(0, 1), keyJson: keyJson.slice(0, 1), keyText: keyText.slice(0, 1) },
    dt,
  );
  expect(written(grown).filter((c) => c.startsWith("A"))).toEqual(["A5='USA", "A5=json"]);
});

test("cells compare the way Excel stores them", () => {
  expect(excelNumber(0.1 + 0.2)).toBe(0.3);
  expect(excelNumber(-0)).toBe(0);
  expect(sameCell(78643.20000000001, 78643.2, "T")).toBe(true);
  expect(sameCell(78643.3, 78643.2, "T")).toBe(false);
  expect(sameCell("", "", "T")).toBe(true);
  expect(sameCell(7, "007", "T")).toBe(false);
  expect(cellInput("2026-01-06", "General")).toBe("'2026-01-06");
  expect(cellInput("2026-01-06", "@")).toBe("2026-01-06");
  expect(cellInput("=1+1", "General")).toBe("=1+1");
  expect(cellInput(5, "General")).toBe(5);
  expect(cellInput("", "General")).toBe("");
});

test("formulas compare by meaning, not spelling", () => {
  expect(canonicalFormula("=RRI(5,T[[#This Row],[2024]],T[[#This Row],[2029]])", "T")).toBe(
    canonicalFormula("=RRI(5, [@2024], [@[2029]])", "T"),
  );
  expect(canonicalFormula("=_xlfn.RRI(5,[@2024],[@2029])", "T")).toBe(canonicalFormula("=RRI(5,[@2024],[@2029])", "T"));
  expect(canonicalFormula('=IF(A1="a b","",1)', "T")).toBe('=IF(A1="a b","",1)');
  expect(canonicalFormula("=[@X]/SUM(T[[Growth 2024-2029]])", "T")).toBe(
    canonicalFormula("=[@X]/SUM([Growth 2024-2029])", "T"),
  );
  expect(canonicalFormula('=SUMIFS(T[[2029]],T[[Market]],"Global")', "T")).toBe(
    canonicalFormula('=SUMIFS(T[2029],T[Market],"Global")', "T"),
  );
  expect(canonicalFormula("=SUM(T[[A]])", "T")).not.toBe(canonicalFormula("=SUM(U[[A]])", "T"));
  expect(canonicalFormula("=SUM(MyT[[A]])", "T")).not.toBe(canonicalFormula("=SUM(T[[A]])", "T"));
  expect(canonicalFormula("=RRI(5,[@2024],[@2029])", "T")).not.toBe(canonicalFormula("=RRI(5,[@2029],[@2024])", "T"));
});

test("editions: a newer workbook is told from an older one; the record of held tables round-trips", () => {
  const bundled = { version: "1.0.0", edition: "2026-01-06" };
  expect(compareEdition(undefined, bundled)).toBe("none");
  expect(compareEdition({ version: "1.0.0", edition: "2025-06-01" }, bundled)).toBe("older");
  expect(compareEdition({ version: "1.0.0", edition: "2027-01-01" }, bundled)).toBe("newer");
  expect(compareEdition({ version: "1.0.10", edition: "2026-01-06" }, bundled)).toBe("newer");
  expect(compareEdition({ version: "0.9.0", edition: "2026-01-06" }, bundled)).toBe("older");
  expect(compareEdition(bundled, bundled)).toBe("same");
  const held = new Map([
    ["IoMT_Regions", "iomt" as const],
    ["IoMT_About", "native" as const],
  ]);
  expect(parseHeldTables(formatHeldTables(held))).toEqual(held);
  expect(parseHeldTables("junk;;=x;IoMT_Drivers=odd")).toEqual(
    new Map([
      ["junk", "native"],
      ["IoMT_Drivers", "native"],
    ]),
  );
  const all = new Map(plans.map((p) => [p.tableName, "native" as const]));
  expect(formatHeldTables(all).length).toBeLessThanOrEqual(255);
});

test("writes are batched under the budget, in order, and large ones sliced by rows", () => {
  const big: WriteOp = {
    kind: "cells",
    table: "T",
    sheet: "S",
    address: "A1:A1000",
    formulas: Array.from({ length: 1000 }, (_, i) => [`'row ${i} ${"x".repeat(100)}`]),
  };
  const batches = planBatches([{ kind: "resize", table: "T", sheet: "S", address: "A1:B2" }, big], 20 * 1024);
  expect(batches.length).toBeGreaterThan(4);
  expect(batches[0][0].kind).toBe("resize");
  for (const b of batches) expect(JSON.stringify(b).length).toBeLessThan(20 * 1024);
  const rows = batches.flat().flatMap((op) => (op.kind === "cells" ? op.formulas! : []));
  expect(rows).toEqual((big as CellWrite).formulas);
  expect(rowSlices(10, 300, 1000)).toEqual([
    [0, 3],
    [3, 6],
    [6, 9],
    [9, 10],
  ]);
});

test("empty rows at the end of a table (a refresh Excel refused part-way) take the missing rows before the table grows", () => {
  const state = inserted(regions);
  const empty = state.body[0].map(() => "");
  const a = refreshTable(regions, { ...state, body: [state.body[0], empty] }, context);
  if (a.kind !== "update") throw new Error(a.kind);
  expect(a.rowsAdded).toBe(1);
  expect(a.ops.some((op) => op.kind === "resize")).toBe(false);
  expect(written(a)).toContain("A5='USA");
  expect(cellsOf(a).find((w) => w.numberFormat && w.address === "C5")!.numberFormat).toEqual([["#,##0.0"]]);
});

test("an analyst's own text above the table is never taken for the add-in's lines, even when it starts like them", () => {
  const mine = refreshTable(
    regions,
    inserted(regions, { lines: ["IoMT market: my regional view", "Source: our sales team, 2026"] }),
    context,
  );
  expect(mine.kind).toBe("unchanged");
  const older =
    "Source: EINPresswire, 6 January 2026. USD million; rates as percentages. Dataset 0.9.0, edition 2025-06-01.";
  expect(written(refreshTable(regions, inserted(regions, { lines: [regions.title, older] }), context))).toEqual([
    `A2='${context.sourceLine}`,
  ]);
});

test("a data type of another provider in the key column is the analyst's: kept and listed, never rebuilt", () => {
  const state = inserted(regions);
  const body = state.body.map((r) => ["#VALUE!", ...r.slice(1)]);
  const keyText = state.body.map((r) => String(r[0]));
  const geography = {
    type: "Entity",
    text: "USA",
    properties: { Population: { type: "Double", basicValue: 335e6 } },
    provider: { description: "Powered by Bing" },
  };
  const keyJson = [segmentEntity(INDEX, "North America", RANGE_AT), geography];
  const a = refreshTable(
    regions,
    { ...state, body, keyText, keyJson },
    { ...context, entityOf: (s: string) => segmentEntity(INDEX, s, RANGE_AT) },
  );
  expect(a.kind).toBe("unchanged");
  if (a.kind === "unchanged")
    expect(a.edits.map((e) => [e.address, e.content])).toEqual([["'IoMT Regions'!A5", "USA (Powered by Bing)"]]);
});

test("a record column that does not validate is refused whole, with a reason in plain words", () => {
  const headers = JSON.stringify(["Segment", "2024"]);
  const print = fingerprint(28454, "IoMT_Regions");
  const good = ["IoMT_Regions|1|v2", headers, `northamerica|${print}${"!".repeat(8)}`];
  const read = parseRecord(good, "IoMT_Regions");
  expect("record" in read && read.record.get("northamerica")).toEqual(
    new Map([
      ["Segment", print],
      ["2024", ANALYSTS],
    ]),
  );
  // an earlier version's record: 4-character fingerprints, no analyst's state
  expect("record" in parseRecord(["IoMT_Regions|1", headers, "northamerica|abcd...."], "IoMT_Regions")).toBe(true);
  const refused = (cells: unknown[], maxRows?: number) => {
    const r = parseRecord(cells, "IoMT_Regions", maxRows);
    return "refused" in r ? r.refused : "read";
  };
  expect(refused(["IoMT_Regions|1", headers, "northamerica|abcd!!!!"])).toBe("its row 1 is damaged");
  expect(refused(["IoMT_Regions|1|v2", headers, `northamerica|${print}`])).toBe("its row 1 is damaged");
  expect(refused(["IoMT_Regions|1|v2", headers, `North America|${print}${print}`])).toBe("its row 1 is damaged");
  expect(refused(["IoMT_Regions|2|v2", headers, good[2], good[2]])).toBe("its row 2 is damaged");
  expect(refused(["IoMT_Regions|2|v2", headers, good[2]])).toBe("it has fewer rows than its count says");
  expect(refused(["IoMT_Regions|1|v2", '["Segment","Segment"]', good[2]])).toBe(
    "its list of column headers is damaged",
  );
  expect(refused(["IoMT_Regions|1|v2", "[" + "[".repeat(20000), good[2]])).toBe(
    "its list of column headers is damaged",
  );
  expect(refused([`IoMT_Regions|${"9".repeat(400)}|v2`])).toMatch(/is more than a worksheet holds/);
  expect(refused(["IoMT_Regions|1048575|v2"])).toMatch(/is more than a worksheet holds/);
  expect(refused(["IoMT_Regions|3|v2"], 2)).toBe(
    "its count of rows (3) is more than the table and the dataset have together (2)",
  );
  expect(refused(["IoMT_Regions|01|v2"])).toMatch(/is not a whole number/);
  expect(refused(["iomt_regions|1|v2", headers, good[2]])).toBe("read");
});

describe("the record's summary", () => {
  const headers = ["Segment", "2024", "2029"];
  const rows = [
    ["North America", 28454, 79107],
    ["USA", 25000, "=1+1"],
  ];
  const record = recordOfRows("IoMT_Regions", headers, rows);

  test("its digest is the record's, whatever the order of rows and columns, and none where a cell is not the add-in's", () => {
    const digest = recordDigest("IoMT_Regions", record)!;
    expect(digest).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const reordered = recordOfRows(
      "IoMT_Regions",
      ["Segment", "2029", "2024"],
      [
        ["USA", "=1+1", 25000],
        ["North America", 79107, 28454],
      ],
    );
    expect(recordDigest("IoMT_Regions", reordered)).toBe(digest);
    expect(recordDigest("IoMT_Devices", record)).not.toBe(digest);
    const edited = recordOfRows("IoMT_Regions", headers, [rows[0], ["USA", 25001, "=1+1"]]);
    expect(recordDigest("IoMT_Regions", edited)).not.toBe(digest);
    const theirs: TableRecord = new Map([...record].map(([k, r]) => [k, new Map(r)]));
    theirs.get("usa")!.set("2029", ANALYSTS);
    expect(recordDigest("IoMT_Regions", theirs)).toBeUndefined();
    const unrecorded: TableRecord = new Map([...record].map(([k, r]) => [k, new Map(r)]));
    unrecorded.get("usa")!.delete("2029");
    expect(recordDigest("IoMT_Regions", unrecorded)).toBeUndefined();
  });

  test("the head carries it only for a record that covers its table; a summary that does not validate is none", () => {
    const [covering] = formatRecord("IoMT_Regions", record, true);
    expect(covering).toBe(`IoMT_Regions|2|v3|${recordDigest("IoMT_Regions", record)}`);
    expect(formatRecord("IoMT_Regions", record)[0]).toBe("IoMT_Regions|2|v3");
    expect(readRecordHead(covering, "IoMT_Regions", 10)).toEqual({
      rows: 2,
      legacy: false,
      summary: recordDigest("IoMT_Regions", record),
    });
    for (const bad of ["", "abc", "A".repeat(15), "A".repeat(17), `${"A".repeat(15)}*`])
      expect(readRecordHead(`IoMT_Regions|2|v3|${bad}`, "IoMT_Regions", 10)).toEqual({ rows: 2, legacy: false });
    expect(readRecordHead("IoMT_Regions|2|v2", "IoMT_Regions", 10)).toEqual({ rows: 2, legacy: false });
    expect(readRecordHead("IoMT_Regions|2", "IoMT_Regions", 10)).toEqual({ rows: 2, legacy: true });
    expect(readRecordHead(`IoMT_Regions|2|v2|${"A".repeat(16)}`, "IoMT_Regions", 10)).toHaveProperty("refused");
    expect(readRecordHead(`IoMT_Regions|2|v3|${"A".repeat(16)}|x`, "IoMT_Regions", 10)).toHaveProperty("refused");
    expect(readRecordHead("IoMT_Regions|2|v4", "IoMT_Regions", 10)).toHaveProperty("refused");
  });

  test("the cells make the record they would have if each held what the add-in wrote; a blank or repeated key makes none", () => {
    const cells = { headers: ["Segment", "Notes", "2029", "2024"], body: rows.map((r) => [r[0], "mine", r[2], r[1]]) };
    const made = recordOfCells("IoMT_Regions", headers, cells)!;
    expect(sameRecord(made, record)).toBe(true);
    expect(recordDigest("IoMT_Regions", made)).toBe(recordDigest("IoMT_Regions", record));
    expect(
      recordOfCells("IoMT_Regions", headers, { ...cells, body: [...cells.body, ["", "", "", ""]] }),
    ).toBeUndefined();
    expect(recordOfCells("IoMT_Regions", headers, { ...cells, body: [...cells.body, cells.body[1]] })).toBeUndefined();
    expect(recordOfCells("IoMT_Regions", [...headers, "2030"], cells)).toBeUndefined();
  });

  test("a card's fingerprint is its meaning: the same as Excel gives it back, another for other text or fields", () => {
    const card = segmentEntity(INDEX, "USA", RANGE_AT);
    const back = JSON.parse(JSON.stringify(card), (_k, v) =>
      v && typeof v === "object" && v.type === "FormattedNumber" ? { basicValue: v.basicValue, type: "Double" } : v,
    );
    expect(sameEntity(back, card)).toBe(true);
    expect(entityMeaning(back)).toBe(entityMeaning(card));
    expect(cardFingerprint(back)).toBe(cardFingerprint(card));
    expect(cardFingerprint({ ...card, text: "US" })).not.toBe(cardFingerprint(card));
    expect(cardFingerprint({ ...card, properties: {} })).not.toBe(cardFingerprint(card));
    expect(cardFingerprint({ type: "String", basicValue: "USA" })).toBeUndefined();
    // written by an insert: the key cell's fingerprint is its card's
    const written = recordOfRows("IoMT_Regions", headers, [rows[1]], () => card);
    expect(written.get("usa")!.get("Segment")).toBe(cardFingerprint(card));
  });
});
