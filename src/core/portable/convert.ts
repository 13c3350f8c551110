/**
 * Turns a formula's IOMT.* calls into native formulas and leaves every other character as it was: the calls
 * are found in the parse tree and spliced over by place. Calculators become their native equivalents;
 * lookups become INDEX/MATCH over the data sheet the workbook carries (data-sheet.ts).
 *
 * A native formula repeats its arguments, so nested calls multiply the length (three times a level for
 * IOMT.PROJECT over cells). The text is built as shared parts whose length is counted as a number (native.ts):
 * a formula over Excel's limit is left as it was without ever being written out, and the work and memory
 * grow with the formula's own length, never with the length it would have.
 */
import { functionInfo, type DatasetIndex, type NativeForm } from "../functions";
import { nativeCagr, nativeImpliedTotal, nativeProject, nativeShare } from "./calculators";
import { dataLayout, type DataLayout, type PortableContext } from "./data-sheet";
import {
  nativeDriver,
  nativeEstimateRange,
  nativeEstimates,
  nativeSegmentLookup,
  nativeSegments,
  nativeSeries,
  nativeYearLookup,
} from "./lookups";
import { argOf, f, joinText, Text, type Arg, type Piece } from "./native";
import {
  FormulaSyntaxError,
  iomtCallsIn,
  iomtCallOf,
  outermostIomtCalls,
  parseFormula,
  sourceSpan,
  type IomtFunction,
  type Node,
  type ParsedFormula,
  sharesOverRange,
} from "./parse";
import type { ConversionReason } from "./reasons";

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
  /**
   * Whether the converted formula needs array evaluation (IOMT.SHARE over a range: parse.ts sharesOverRange), so
   * that a file writes it as an array formula over its cell (`<f t="array">`) where it is not one already.
   */
  arrayEvaluated?: boolean;
  /** why the formula was left as it was, when it calls IOMT functions but could not be converted */
  reason?: ConversionReason;
  /** the particulars in words (the length, the syntax error), where the reason has any (reasons.ts words the rest) */
  problem?: string;
}

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
  const unchanged = (calls: IomtFunction[], reason?: ConversionReason, problem?: string): Conversion => ({
    formula,
    changed: false,
    calls,
    usesDataSheet: false,
    reason,
    problem,
  });
  let parsed: ParsedFormula;
  try {
    parsed = parseFormula(formula);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return unchanged([], "syntax", e.message);
    throw e;
  }
  const root = parsed.root;
  const calls = iomtCallsIn(root);
  if (calls.length === 0) return unchanged(calls);
  if (calls.map(functionInfo).some((info) => info.native === null)) return unchanged(calls, "entity");
  let converted: Text;
  try {
    converted = splice(formula, 0, formula.length, outermostIomtCalls(root), (call) =>
      convertCall(parsed, call, layout, ctx),
    );
  } catch (e) {
    if (e instanceof Unconvertible) return unchanged(calls, "unconvertible", e.message);
    throw e;
  }
  const extra = ctx.file ? 1 : 0;
  const length = converted.length + extra;
  if (length > MAX_FORMULA_LENGTH) {
    return unchanged(
      calls,
      "too-long",
      `The native formula would be ${countText(length)} characters long, over Excel's ${MAX_FORMULA_LENGTH.toLocaleString("en-US")}.`,
    );
  }
  return {
    formula: joinText(converted, MAX_FORMULA_LENGTH - extra),
    changed: true,
    calls,
    usesDataSheet: calls.some((c) => functionInfo(c).role === "lookup"),
    arrayEvaluated: sharesOverRange(root),
  };
}

/** A length for the pane: exact while a number can say it exactly, else its order of magnitude. */
function countText(n: number): string {
  if (Number.isSafeInteger(n)) return n.toLocaleString("en-US");
  if (!Number.isFinite(n)) return "more than 10^308";
  return `about 10^${Math.floor(Math.log10(n))}`;
}

/** The text from `start` to `end` with each of `calls` (in text order, inside the span) replaced. */
function splice(
  text: string,
  start: number,
  end: number,
  calls: readonly Node[],
  replace: (call: Node) => Piece,
): Text {
  const parts: Piece[] = [];
  let at = start;
  for (const call of calls) {
    parts.push(text.slice(at, call.loc[0]), replace(call));
    at = call.loc[1];
  }
  parts.push(text.slice(at, end));
  return new Text(parts);
}

/** A node's whole text (with its grouping parentheses) with the IOMT calls inside it converted. */
function rewrite(parsed: ParsedFormula, node: Node, layout: DataLayout, ctx: PortableContext): Piece {
  const [start, end] = sourceSpan(parsed, node);
  return splice(parsed.text, start, end, outermostIomtCalls(node), (call) => convertCall(parsed, call, layout, ctx));
}

function convertCall(parsed: ParsedFormula, call: Node, layout: DataLayout, ctx: PortableContext): Piece {
  const info = functionInfo(iomtCallOf(call)!);
  const given = call.arguments ?? [];
  if (given.length > info.maxArgs)
    throw new Unconvertible(
      `IOMT.${info.name} takes at most ${info.maxArgs} arguments; this call has ${given.length}.`,
    );
  const args: Array<Arg | undefined> = given.map((a) => (a ? argOf(a, rewrite(parsed, a, layout, ctx)) : undefined));
  // convertWith leaves a formula alone before it gets here when any call has no native form
  if (info.native === null) throw new Unconvertible(withoutNativeForm(info.name));
  // a required argument left out gives #VALUE!, as for the functions
  const complete = args.length >= info.minArgs && args.slice(0, info.minArgs).every((a) => a !== undefined);
  return enclose(complete ? NATIVE[info.native](args, layout, ctx) : "#VALUE!");
}

/** Why a function's calls stay as they are. */
function withoutNativeForm(name: IomtFunction): string {
  return functionInfo(name).result === "entity"
    ? `IOMT.${name} returns a data type, which no native formula can give.`
    : `IOMT.${name} has no native formula.`;
}

/** Builds a call's native formula from its arguments: the required ones are given, later ones may be undefined. */
type NativeBuilder = (args: Array<Arg | undefined>, layout: DataLayout, ctx: PortableContext) => Piece;

/** The native formula of each form the registry names. */
const NATIVE: Record<NativeForm, NativeBuilder> = {
  rri: ([s, e, n], _, ctx) => nativeCagr([s!, e!, n!], ctx.file),
  growthPower: ([v, r, n]) => nativeProject([v!, r!, n!]),
  ratio: ([part, s]) => nativeImpliedTotal([part!, s!]),
  share: ([values, total]) => nativeShare(values!, total),
  valueInYear: (args, layout) => nativeYearLookup(layout, "Value", args),
  sourceInYear: (args, layout) => nativeYearLookup(layout, "Source", args),
  segmentRate: ([segment], layout) => nativeSegmentLookup(layout, "Rate", segment),
  segmentGrowth: ([segment], layout) => nativeSegmentLookup(layout, "Growth", segment),
  driver: ([name], layout) => nativeDriver(layout, name),
  series: (args, layout) => nativeSeries(layout, args),
  segments: ([dimension], layout) => nativeSegments(layout, dimension),
  estimates: ([year], layout) => nativeEstimates(layout, year),
  estimateRange: ([year], layout) => nativeEstimateRange(layout, year),
};

/** The native text where the call stood: parenthesized unless it is one call or an error already. */
function enclose(native: Piece): Piece {
  const shape = shapeOf(native);
  return isOneCall(shape) || ERRORS.includes(shape) ? native : f`(${native})`;
}

const ERRORS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"];

/**
 * A native text's own characters, with each part it holds (an argument, a check) as "~". Every part is a whole
 * expression, its parentheses closed within it, so the shape tells what the text is at its top level as the text
 * itself would, without joining it (it may be far too long to join).
 */
function shapeOf(native: Piece): string {
  let at = native;
  for (;;) {
    if (typeof at === "string") return at;
    const parts = at.parts.filter((part) => part.length > 0);
    if (parts.length !== 1) return parts.map((part) => (typeof part === "string" ? part : "~")).join("");
    at = parts[0];
  }
}

/**
 * Whether a native text's shape is one function call as a whole, NAME(...), its first parenthesis closing at the
 * end. Text literals, quoted sheet names and brackets are stepped over: a parenthesis in them does not count.
 */
function isOneCall(text: string): boolean {
  let i = 0;
  while (i < text.length && /^[\w.]$/.test(text[i])) i++;
  if (i === 0 || text[i] !== "(") return false;
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return false;
      i = close; // a doubled quote closes and opens again: the same as stepping over it
    } else if (c === "[") {
      let brackets = 0;
      for (; i < text.length; i++) {
        if (text[i] === "'") i++;
        else if (text[i] === "[") brackets++;
        else if (text[i] === "]" && --brackets === 0) break;
      }
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i === text.length - 1;
  }
  return false;
}
