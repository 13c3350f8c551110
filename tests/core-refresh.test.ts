/** The refresh planner, on table states as Excel would report them. */
import { CHECKS } from "../src/data";
import { INDEX } from "../src/core/dataset-index";
import { DEFAULT_OPTIONS, planSections, type TablePlan } from "../src/core/plan";
import { canonicalFormula, describeRefresh, planRefresh, refreshTable, type TableState } from "../src/core/refresh";

const plans = planSections(INDEX, CHECKS, DEFAULT_OPTIONS);
const regions = plans.find((t) => t.tableName === "IoMT_Regions")!;

/** The state of a table just inserted from its plan at A3 on sheet 'IoMT Regions', with Excel's [@col] form. */
function inserted(plan: TablePlan, overrides: Partial<TableState> = {}): TableState {
  const excelForm = (c: unknown) => (typeof c === "string" ? c.replace(new RegExp(`${plan.tableName}\\[\\[#This Row\\],\\[([^\\]]+)\\]\\]`, "g"), "[@[$1]]") : c);
  return {
    tableName: plan.tableName,
    sheetName: "IoMT Regions",
    sheetProtected: false,
    headerAddress: `'IoMT Regions'!A3:${String.fromCharCode(64 + plan.columns.length)}3`,
    headers: plan.columns.map((c) => c.header),
    body: plan.rows.map((r) => r.map(excelForm)),
    below: plan.rows.map(() => plan.columns.map(() => "")),
    ...overrides,
  };
}

test("a table just inserted is up to date, even with Excel's own way of writing references", () => {
  expect(refreshTable(regions, inserted(regions))).toEqual({ kind: "unchanged", tableName: "IoMT_Regions", sheetName: "IoMT Regions", entityCells: [] });
});

test("changed values are rewritten, only in the columns that changed", () => {
  const state = inserted(regions);
  const body = state.body.map((r) => [...r]);
  body[0][2] = 1; // user typed over North America 2029
  const a = refreshTable(regions, { ...state, body });
  expect(a.kind).toBe("update");
  if (a.kind !== "update") return;
  expect(a.cellsChanged).toBe(1);
  expect(a.writes).toHaveLength(1);
  expect(a.writes[0].address).toBe("'IoMT Regions'!C4:C5");
  expect(a.writes[0].formulas).toEqual([[79107], [71006]]);
  expect(a.resizeTo).toBeUndefined();
});

test("rows are matched by key wherever the user sorted them", () => {
  const state = inserted(regions);
  const body = [state.body[1], state.body[0]].map((r) => [...r]);
  expect(refreshTable(regions, { ...state, body }).kind).toBe("unchanged");
  body[0][1] = 0;
  const a = refreshTable(regions, { ...state, body });
  if (a.kind !== "update") throw new Error(a.kind);
  expect(a.writes[0].formulas[0]).toEqual([25383]);
});

test("columns are found by header; columns the user added are left alone", () => {
  const state = inserted(regions);
  const headers = ["My notes", ...state.headers];
  const body = state.body.map((r) => ["mine", ...r]);
  body[1][3] = 5; // USA 2029 (shifted by one)
  const a = refreshTable(regions, { ...state, headers, headerAddress: "'IoMT Regions'!A3:Q3", body });
  if (a.kind !== "update") throw new Error(a.kind);
  expect(a.writes.map((w) => w.address)).toEqual(["'IoMT Regions'!D4:D5"]);
});

test("rows whose key is not in the dataset are kept and reported", () => {
  const state = inserted(regions);
  const body = [...state.body.map((r) => [...r]), ["My region", 1, 2, ...state.body[0].slice(3).map(() => "")]];
  body[0][2] = 0;
  const a = refreshTable(regions, { ...state, body });
  if (a.kind !== "update") throw new Error(a.kind);
  expect(a.keptRows).toEqual(["My region"]);
  expect(a.writes[0].formulas).toEqual([[79107], [71006], [2]]);
});

test("missing rows are appended into empty cells; the table grows", () => {
  const state = inserted(regions);
  const body = state.body.slice(0, 1);
  const a = refreshTable(regions, { ...state, body });
  if (a.kind !== "update") throw new Error(a.kind);
  expect(a.rowsAdded).toBe(1);
  expect(a.resizeTo).toBe("'IoMT Regions'!A3:P5");
  expect(a.writes).toHaveLength(regions.columns.length);
  // the key column is written only in the new row
  expect(a.writes[0]).toMatchObject({ address: "'IoMT Regions'!A5", formulas: [["USA"]], numberFormat: [["General"]] });
  expect(a.writes[1].numberFormat).toEqual([[null], ["#,##0.0"]]);
});

test("a table that would grow into cells holding data is blocked, naming them", () => {
  const state = inserted(regions);
  const below = state.below.map((r) => [...r]);
  below[0][4] = "user data";
  const a = refreshTable(regions, { ...state, body: state.body.slice(0, 1), below });
  expect(a).toMatchObject({ kind: "blocked" });
  if (a.kind === "blocked") expect(a.reason).toContain("E5");
});

test("a protected sheet blocks; a missing column blocks; a missing table is reported", () => {
  expect(refreshTable(regions, inserted(regions, { sheetProtected: true }))).toMatchObject({ kind: "blocked", reason: expect.stringContaining("protected") });
  const state = inserted(regions);
  const headers = state.headers.map((h) => (h === "2029" ? "Year 2029" : h));
  expect(refreshTable(regions, { ...state, headers })).toMatchObject({ kind: "blocked", reason: expect.stringContaining("'2029'") });
  expect(refreshTable(regions, undefined)).toEqual({ kind: "missing", tableName: "IoMT_Regions" });
});

test("one blocked table blocks the whole refresh, and the report says which", () => {
  const states = new Map(plans.map((p) => [p.tableName, inserted(p)]));
  states.set("IoMT_Drivers", inserted(plans.find((p) => p.tableName === "IoMT_Drivers")!, { sheetProtected: true, sheetName: "Drivers" }));
  const body = states.get("IoMT_Regions")!.body.map((r) => [...r]);
  body[0][2] = 0;
  states.set("IoMT_Regions", { ...states.get("IoMT_Regions")!, body });
  const r = planRefresh(plans, states);
  expect(r.blocked).toBe(true);
  expect(describeRefresh(r, false).join("\n")).toMatch(/Nothing was changed[\s\S]*'Drivers' is protected/);
});

test("formulas compare by meaning, not spelling", () => {
  expect(canonicalFormula("=RRI(5,T[[#This Row],[2024]],T[[#This Row],[2029]])", "T")).toBe(canonicalFormula("=RRI(5, [@2024], [@[2029]])", "T"));
  expect(canonicalFormula("=_xlfn.RRI(5,[@2024],[@2029])", "T")).toBe(canonicalFormula("=RRI(5,[@2024],[@2029])", "T"));
  expect(canonicalFormula('=IF(A1="a b","",1)', "T")).toBe('=IF(A1="a b","",1)');
  expect(canonicalFormula("=[@X]/SUM(T[[Growth 2024-2029]])", "T")).toBe(canonicalFormula("=[@X]/SUM([Growth 2024-2029])", "T"));
  expect(canonicalFormula("=SUMIFS(T[[2029]],T[[Market]],\"Global\")", "T")).toBe(canonicalFormula("=SUMIFS(T[2029],T[Market],\"Global\")", "T"));
  expect(canonicalFormula("=SUM(T[[A]])", "T")).not.toBe(canonicalFormula("=SUM(U[[A]])", "T"));
  expect(canonicalFormula("=RRI(5,[@2024],[@2029])", "T")).not.toBe(canonicalFormula("=RRI(5,[@2029],[@2024])", "T"));
});

test("data types in the key column are never overwritten by text; refresh rebuilds them", () => {
  const state = inserted(regions);
  const body = state.body.map((r) => ["#VALUE!", ...r.slice(1)]);
  const keyJson = state.body.map((r) => ({ type: "Entity", text: r[0] }));
  const keyText = state.body.map((r) => String(r[0]));
  const a = refreshTable(regions, { ...state, body, keyJson, keyText });
  expect(a.kind).toBe("unchanged");
  if (a.kind !== "unchanged") return;
  expect(a.entityCells.map((c) => [c.address, c.segment])).toEqual([["'IoMT Regions'!A4", "North America"], ["'IoMT Regions'!A5", "USA"]]);
  // a new row in a table of data types gets one too; existing key cells are not in the text writes
  const grown = refreshTable(regions, { ...state, body: body.slice(0, 1), keyJson: keyJson.slice(0, 1), keyText: keyText.slice(0, 1) });
  if (grown.kind !== "update") throw new Error(grown.kind);
  expect(grown.writes[0].address).toBe("'IoMT Regions'!A5");
  expect(grown.entityCells.map((c) => c.segment)).toEqual(["North America", "USA"]);
  expect(grown.entityCells[1].current).toBeUndefined();
});
