/** The refresh report's words for cells: formulas as Excel's formula bar shows them, whatever the formula holds. */
import fc from "fast-check";
import { readableFormula, showCell } from "../../src/core/refresh";

const header = fc.stringMatching(/^[A-Za-z0-9 ]{1,12}$/);
const literal = fc.string({ maxLength: 20 }).map((s) => `"${s.split('"').join('""')}"`);
const thisRow = header.map((h) => `IoMT_Regions[[#This Row],[${h}]]`);
const piece = fc.oneof(literal, thisRow, fc.constantFrom("1", "A1", "+", "&", "(", ")", ",", "[", "]", "'", "SUM("));

test("property: string literals are never changed, and showing a shown formula changes nothing", () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const formula = `=${pieces.join("")}`;
      const shown = readableFormula(formula);
      // each literal of the formula is still there, in order
      let at = 0;
      for (const p of pieces.filter((x) => x.startsWith('"'))) {
        const found = shown.indexOf(p, at);
        expect(found).toBeGreaterThanOrEqual(0);
        at = found + p.length;
      }
      expect(readableFormula(shown)).toBe(shown);
    }),
    { numRuns: 500 },
  );
});

test("a formula of 500 open brackets and apostrophes finishes, left as it is or made readable", () => {
  const formula = `=${"[[#This Row],[".repeat(500)}${"'".repeat(500)}`;
  expect(formula.length).toBeLessThan(8192);
  expect(typeof readableFormula(formula)).toBe("string");
  expect(showCell(`=T[[#This Row],[a]]${"&1".repeat(3000)}`)).toMatch(/^=\[@a\]&1/);
});
