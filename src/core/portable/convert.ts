/**
 * Turns a formula's IOMT.* calls into native formulas and leaves every other character as it was: the calls
 * are found in the parse tree and spliced over by place. Calculators become their native equivalents;
 * lookups become INDEX/MATCH over the data sheet the workbook carries (data-sheet.ts).
 */
import type { DatasetIndex } from "../lookup";
import { nativeCagr, nativeImpliedTotal, nativeProject, nativeShare } from "./calculators";
import { dataLayout, type DataLayout, type PortableContext } from "./data-sheet";
import { nativeDriver, nativeSegmentLookup, nativeSegments, nativeSeries, nativeYearLookup } from "./lookups";
import { argOf, type Arg } from "./native";
import {
  FormulaSyntaxError,
  iomtCallsIn,
  iomtFunctionOf,
  outermostIomtCalls,
  parseFormula,
  sourceSpan,
  type IomtFunction,
  type Node,
  type ParsedFormula,
} from "./parse";

/** Excel's longest formula, in characters. */
export const MAX_FORMULA_LENGTH = 8192;

export interface Conversion {
  /** the converted formula, or the formula as it was when nothing changed or it could not be converted */
  formula: string;
  changed: boolean;
  /** the IOMT functions the formula calls, in text order */
  calls: IomtFunction[];
  /** whether the converted formula reads the data sheet */
  usesDataSheet: boolean;
  /** why the formula was left as it was, when it calls IOMT functions but could not be converted */
  problem?: string;
}

const LOOKUPS: readonly IomtFunction[] = ["VALUE", "RATE", "GROWTH", "SERIES", "SEGMENTS", "DRIVER", "SOURCE"];
const ARITY: Record<IomtFunction, [number, number]> = {
  CAGR: [3, 3],
  PROJECT: [3, 3],
  IMPLIEDTOTAL: [2, 2],
  SHARE: [1, 2],
  VALUE: [1, 2],
  RATE: [1, 1],
  GROWTH: [1, 1],
  SERIES: [1, 3],
  SEGMENTS: [0, 1],
  DRIVER: [1, 1],
  SOURCE: [1, 2],
  ENTITY: [1, 1],
};

class Unconvertible extends Error {}

/** A converter for one workbook: the data sheet's layout is worked out once. */
export function portableConverter(index: DatasetIndex, ctx: PortableContext): (formula: string) => Conversion {
  const layout = dataLayout(index, ctx.dataSheet);
  return (formula) => convertWith(formula, layout, ctx);
}

/** Converts one formula ("=..." as Excel shows it, or the bare text a file stores, as `ctx.file` says). */
export function convertFormula(formula: string, index: DatasetIndex, ctx: PortableContext): Conversion {
  return convertWith(formula, dataLayout(index, ctx.dataSheet), ctx);
}

function convertWith(formula: string, layout: DataLayout, ctx: PortableContext): Conversion {
  const unchanged = (calls: IomtFunction[], problem?: string): Conversion => ({
    formula,
    changed: false,
    calls,
    usesDataSheet: false,
    problem,
  });
  let parsed: ParsedFormula;
  try {
    parsed = parseFormula(formula);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return unchanged([], e.message);
    throw e;
  }
  const root = parsed.root;
  const calls = iomtCallsIn(root);
  if (calls.length === 0) return unchanged(calls);
  if (calls.includes("ENTITY"))
    return unchanged(calls, "IOMT.ENTITY returns a data type, which no native formula can give.");
  let converted: string;
  try {
    converted = splice(formula, 0, formula.length, outermostIomtCalls(root), (call) =>
      convertCall(parsed, call, layout, ctx),
    );
  } catch (e) {
    if (e instanceof Unconvertible) return unchanged(calls, e.message);
    throw e;
  }
  const length = converted.length + (ctx.file ? 1 : 0);
  if (length > MAX_FORMULA_LENGTH) {
    return unchanged(
      calls,
      `The native formula would be ${length.toLocaleString("en-US")} characters long, over Excel's ${MAX_FORMULA_LENGTH.toLocaleString("en-US")}.`,
    );
  }
  return { formula: converted, changed: true, calls, usesDataSheet: calls.some((c) => LOOKUPS.includes(c)) };
}

/** The text from `start` to `end` with each of `calls` (in text order, inside the span) replaced. */
function splice(
  text: string,
  start: number,
  end: number,
  calls: readonly Node[],
  replace: (call: Node) => string,
): string {
  let out = "";
  let at = start;
  for (const call of calls) {
    out += text.slice(at, call.loc[0]) + replace(call);
    at = call.loc[1];
  }
  return out + text.slice(at, end);
}

/** A node's whole text (with its grouping parentheses) with the IOMT calls inside it converted. */
function rewrite(parsed: ParsedFormula, node: Node, layout: DataLayout, ctx: PortableContext): string {
  const [start, end] = sourceSpan(parsed, node);
  return splice(parsed.text, start, end, outermostIomtCalls(node), (call) => convertCall(parsed, call, layout, ctx));
}

function convertCall(parsed: ParsedFormula, call: Node, layout: DataLayout, ctx: PortableContext): string {
  const name = iomtFunctionOf(call.callee!.name)!;
  const given = call.arguments ?? [];
  const [, most] = ARITY[name];
  if (given.length > most)
    throw new Unconvertible(`IOMT.${name} takes at most ${most} arguments; this call has ${given.length}.`);
  const args: Array<Arg | undefined> = given.map((a) => (a ? argOf(a, rewrite(parsed, a, layout, ctx)) : undefined));
  return enclose(nativeOf(name, args, layout, ctx));
}

function nativeOf(name: IomtFunction, args: Array<Arg | undefined>, layout: DataLayout, ctx: PortableContext): string {
  const required = (n: number): Arg[] | undefined => {
    const out = args.slice(0, n);
    return out.length === n && out.every((a) => a !== undefined) ? (out as Arg[]) : undefined;
  };
  const missing = "#VALUE!";
  switch (name) {
    case "CAGR": {
      const a = required(3);
      return a ? nativeCagr(a, ctx.file) : missing;
    }
    case "PROJECT": {
      const a = required(3);
      return a ? nativeProject(a) : missing;
    }
    case "IMPLIEDTOTAL": {
      const a = required(2);
      return a ? nativeImpliedTotal(a) : missing;
    }
    case "SHARE":
      return args[0] ? nativeShare(args[0], args[1]) : missing;
    case "VALUE":
      return nativeYearLookup(layout, "Value", args);
    case "SOURCE":
      return nativeYearLookup(layout, "Source", args);
    case "RATE":
      return nativeSegmentLookup(layout, "Rate", args[0]);
    case "GROWTH":
      return nativeSegmentLookup(layout, "Growth", args[0]);
    case "DRIVER":
      return nativeDriver(layout, args[0]);
    case "SERIES":
      return nativeSeries(layout, args);
    case "SEGMENTS":
      return nativeSegments(layout, args[0]);
    default:
      throw new Unconvertible(`IOMT.${name} has no native formula.`);
  }
}

/** The native text where the call stood: parenthesized unless it is one call, reference or error already. */
function enclose(native: string): string {
  let root: Node;
  try {
    root = parseFormula(native).root;
  } catch (e) {
    throw new Error(`A converted call does not parse (${(e as Error).message}): ${native}`);
  }
  const whole = root.loc[0] === 0 && root.loc[1] === native.length;
  return whole && (root.type === "CallExpression" || root.type === "ErrorLiteral") ? native : `(${native})`;
}
