/** The evaluator of portable lookup formulas over the stand-in's cells (tests/support/formula-values.ts). */
import { FakeWorkbook } from "../support/fake-excel";
import { formulaValue } from "../support/formula-values";

const wb = new FakeWorkbook(["S", "It's"]);
const s = wb.sheet("S");
s.setCells("A1", [
  ["Key", "Value"],
  ["usa", 10],
  ["na", "=B2*2"],
  ["x", ""],
]);
wb.sheet("It's").setCell("C3", 7);
const value = (f: string) => formulaValue(wb, s, f);

test("INDEX and MATCH find a row by key, case-insensitively, through formulas; no match is #N/A", () => {
  expect(value('=INDEX(B1:B4,MATCH("NA",A1:A4,0))')).toBe(20);
  expect(value('=INDEX(B1:B4,MATCH("none",A1:A4,0))')).toEqual({ error: "#N/A" });
  expect(value("=INDEX(B1:B4,9)")).toEqual({ error: "#REF!" });
  expect(value("='It''s'!$C$3+1")).toBe(8);
});

test("operators, IF and the checks behave as Excel's: errors pass through, text is no number", () => {
  expect(value("=IF(ISTEXT(A2),LEN(A2)*2^3,0*LEN(A2)+#VALUE!)")).toBe(24);
  expect(value("=IF(ISNUMBER(A2),1,0*LEN(A2)+#VALUE!)")).toEqual({ error: "#VALUE!" });
  expect(value('=SUBSTITUTE("U.S.A.",".","")&"!"')).toBe("USA!");
  expect(value("=IF(AND(B2>=5,B2<=10,B2=INT(B2)),NA(),1)")).toEqual({ error: "#N/A" });
  expect(value("=1/0")).toEqual({ error: "#DIV/0!" });
  expect(value("=RRI(2,100,121)")).toBeCloseTo(0.1, 12);
});

test("what it does not model throws instead of guessing", () => {
  expect(() => value("=VLOOKUP(1,A1:B4,2,FALSE)")).toThrow(/not modelled/);
  expect(() => value("=INDEX(A1:B4,1)")).toThrow(/not modelled/);
});
