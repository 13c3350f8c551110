/** Sheet names in addresses and formulas, quoted as Excel quotes them, and read back by the formula parser. */
import fc from "fast-check";
import { parseA1Ref } from "@borgar/fx";
import { parseAddress, qualified, quoteSheetName } from "../../src/core/excel";
import { parseFormula } from "../../src/core/portable";

describe("quoteSheetName", () => {
  test.each([
    // plain names stay as they are
    ["Sheet1", "Sheet1"],
    ["Data", "Data"],
    ["_Sheet1", "_Sheet1"],
    ["Sheet.1", "Sheet.1"],
    ["my_sheet", "my_sheet"],
    ["ABCD1", "ABCD1"], // four letters: no column
    ["XFE1", "XFE1"], // past the last column, XFD
    ["A1048577", "A1048577"], // past the last row
    ["A0", "A0"],
    ["Q1a", "Q1a"],
    ["RCX", "RCX"],
    ["École1", "École1"], // letters with case are letters, in any script
    ["Überblick", "Überblick"],
    // names that read as an A1 cell, in any case
    ["Q1", "'Q1'"],
    ["q1", "'q1'"],
    ["A1", "'A1'"],
    ["FY2024", "'FY2024'"],
    ["XFD1048576", "'XFD1048576'"],
    ["A01", "'A01'"],
    // names that read as an R1C1 reference
    ["R", "'R'"],
    ["C", "'C'"],
    ["RC", "'RC'"],
    ["rc", "'rc'"],
    ["R1", "'R1'"],
    ["C1", "'C1'"],
    ["R1C1", "'R1C1'"],
    ["R1C", "'R1C'"],
    ["RC12", "'RC12'"],
    ["R2000000C1", "'R2000000C1'"],
    // logicals
    ["TRUE", "'TRUE'"],
    ["false", "'false'"],
    // anything but letters, digits, underscores and dots, or a bad first character
    ["IoMT Regions", "'IoMT Regions'"],
    ["Sheet-1", "'Sheet-1'"],
    ["2024", "'2024'"],
    ["1Q", "'1Q'"],
    [".Sheet", "'.Sheet'"],
    ["It's", "'It''s'"],
    ["O''Brien", "'O''''Brien'"],
    ["Q1 (Overview)", "'Q1 (Overview)'"],
    ["日本", "'日本'"], // letters without case: quoted, which Excel always accepts
    ["Sheet😀", "'Sheet😀'"],
    ["😀Sheet", "'😀Sheet'"],
    ["a+b", "'a+b'"],
  ])("%s → %s", (name, expected) => {
    expect(quoteSheetName(name)).toBe(expected);
  });

  test("qualified addresses use it, and parseAddress reads the name back", () => {
    expect(qualified("Q1", { row: 3, column: 2, rows: 1, columns: 1 })).toBe("'Q1'!C4");
    expect(qualified("It's", "B2:C3")).toBe("'It''s'!B2:C3");
    expect(qualified("Data", "A1")).toBe("Data!A1");
    expect(parseAddress(qualified("It's", "B2:C3"))).toEqual({ sheet: "It's", row: 1, column: 1, rows: 2, columns: 2 });
  });
});

/** Names Excel accepts: 1 to 31 characters, none of : \ / ? * [ ], not starting or ending with an apostrophe. */
const CHARS = [..."AaBCcFQRrXYZz019_. '-+()&!#$%,;=@~^{}ÉéüßЖж日本😀"];
const refLike = fc
  .tuple(fc.constantFrom("", "R", "C", "RC", "Q", "FY", "XFD", "r", "c", "TRUE", "false"), fc.nat(2000000))
  .map(([a, n]) => (n % 3 === 0 ? a : `${a}${n}`))
  .filter((s) => s.length > 0);
const anyName = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 31 })
  .map((cs) => cs.join(""))
  .filter((s) => !s.startsWith("'") && !s.endsWith("'") && [...s].length <= 31 && s.trim() === s && s.length > 0);
const sheetName = fc.oneof(refLike, anyName);

test("property: a quoted name in a formula parses back to the same sheet name", () => {
  fc.assert(
    fc.property(sheetName, fc.constantFrom("A1", "C4", "B2:D9"), (name, cell) => {
      const parsed = parseFormula(`=${qualified(name, cell)}`);
      expect(parsed.root.type).toBe("ReferenceIdentifier");
      const ref = parseA1Ref(String(parsed.root.value));
      expect(ref?.context).toEqual([name]);
      expect(parseAddress(qualified(name, cell)).sheet).toBe(name);
    }),
    { numRuns: 2000 },
  );
});
