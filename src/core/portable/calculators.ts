/**
 * The IOMT calculators as native formulas, with the same error cases as the functions (src/core/functions/calc.ts)
 * wherever native Excel can tell them apart:
 * - CAGR(s, e, n) -> RRI(n, s, e); #NUM! if s <= 0, e < 0 or n <= 0;
 * - PROJECT(v, r, n) -> v*(1+r)^n; #NUM! if r <= -1;
 * - IMPLIEDTOTAL(p, s) -> p/s; #NUM! if s <= 0 or s > 1;
 * - SHARE(values[, total]) -> values/SUM(values) or values/total; blanks stay blank; #DIV/0! if the total is 0.
 * Every number argument that is not a literal number is checked: text, TRUE/FALSE or a blank cell gives #VALUE!,
 * an error passes through. A required argument left out gives #VALUE!.
 */
import { comparison, f, futureFunction, guarded, operand, requireNumbers, type Arg, type Piece } from "./native";

export function nativeCagr([s, e, n]: Arg[], file: boolean): Piece {
  const body = guarded(
    [comparison(s, ">", 0), comparison(e, ">=", 0), comparison(n, ">", 0)],
    f`${futureFunction("RRI", file)}(${n.text},${s.text},${e.text})`,
    "#NUM!",
  );
  return requireNumbers([s, e, n], body);
}

export function nativeProject([v, r, n]: Arg[]): Piece {
  return requireNumbers(
    [v, r, n],
    guarded([comparison(r, ">", -1)], f`${operand(v)}*(1+${operand(r)})^${operand(n)}`, "#NUM!"),
  );
}

export function nativeImpliedTotal([part, s]: Arg[]): Piece {
  return requireNumbers(
    [part, s],
    guarded([comparison(s, ">", 0), comparison(s, "<=", 1)], f`${operand(part)}/${operand(s)}`, "#NUM!"),
  );
}

/**
 * values/SUM(values), or values/total (a blank total cell counts as none). A range gives a range of shares (it spills where Excel spills); blank
 * cells give blanks, text #VALUE! in its own place. The total must be a number; 0 gives #DIV/0!.
 */
export function nativeShare(values: Arg, total: Arg | undefined): Piece {
  if (!total) {
    return f`IF(SUM(${values.text})=0,#DIV/0!,IF(ISBLANK(${values.text}),"",${operand(values)}/SUM(${values.text})))`;
  }
  const body = requireNumbers(
    [total],
    guarded(
      [comparison(total, "<>", 0)],
      f`IF(ISBLANK(${values.text}),"",${operand(values)}/${operand(total)})`,
      "#DIV/0!",
    ),
  );
  // a blank total cell counts as no total, as for the function
  return total.literal === undefined && !total.numeric
    ? f`IF(ISBLANK(${total.text}),${nativeShare(values, undefined)},${body})`
    : body;
}
