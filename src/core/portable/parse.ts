/**
 * Reads a formula with @borgar/fx (a maintained Excel formula tokenizer and parser) and finds the IOMT.*
 * calls in it: `IOMT.NAME(`, the spelling Excel shows when the add-in is missing, `_xldudf_IOMT_NAME(`,
 * and the file spelling `_xludf.IOMT.NAME(`. Every node keeps its place in the text, so a rewrite can
 * splice new text in and leave the rest of the formula byte for byte as it was.
 */
import { parse, tokenize } from "@borgar/fx";
import { isIomtFunction, type IomtFunction } from "../functions";

export type { IomtFunction };

/** A node of the parse tree with its [start, end) place in the formula text. */
export interface Node {
  type: string;
  loc: [number, number];
  /** the function called: a name, or (for `SUM(A1:B2) (A1)`, an intersection the parser reads as a call) a call */
  callee?: Node;
  name?: unknown;
  arguments?: Array<Node | null>;
  elements?: Node[][];
  value?: unknown;
  raw?: string;
  kind?: string;
  operator?: string;
}

interface Token {
  type: string;
  value: string;
  loc: [number, number];
}

export interface ParsedFormula {
  /** the formula as given, with or without its leading "=" */
  text: string;
  root: Node;
  tokens: readonly Token[];
}

const PREFIXES = ["_xludf.iomt.", "_xldudf_iomt_", "iomt."];

/** The IOMT function a callee name stands for (any case, any of the three spellings), or undefined. */
export function iomtFunctionOf(callee: string): IomtFunction | undefined {
  const lower = callee.toLowerCase();
  for (const prefix of PREFIXES) {
    if (!lower.startsWith(prefix)) continue;
    const name = callee.slice(prefix.length).toUpperCase();
    return isIomtFunction(name) ? name : undefined;
  }
  return undefined;
}

export class FormulaSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormulaSyntaxError";
  }
}

/** Parses a formula ("=..." or the bare expression a file stores). Throws FormulaSyntaxError when it is not a formula Excel would accept. */
export function parseFormula(text: string): ParsedFormula {
  let root: unknown;
  let tokens: Token[];
  try {
    const list = tokenize(text, { withLocation: true, mergeRefs: true, negativeNumbers: true });
    tokens = list as unknown as Token[];
    root = parse(list);
  } catch (e) {
    throw new FormulaSyntaxError(`The formula could not be read: ${(e as Error).message}`);
  }
  if (!root) throw new FormulaSyntaxError("The formula is empty.");
  return { text, root: root as Node, tokens };
}

const isParen = (t: Token, p: "(" | ")"): boolean => t.type === "operator" && t.value === p;

/**
 * The parentheses of a token list, for sourceSpan: depth[k] is the number of "(" minus ")" among the first k
 * tokens, and lows[j][k] the lowest of depth[k .. k + 2^j - 1], so that any stretch's balance and lowest point are
 * found at once, however many nodes ask (each node walked its own tokens before: quadratic in nesting depth).
 */
interface Parentheses {
  depth: Int32Array;
  lows: Int32Array[];
}
const PARENTHESES = new WeakMap<readonly Token[], Parentheses>();

function parenthesesOf(tokens: readonly Token[]): Parentheses {
  const known = PARENTHESES.get(tokens);
  if (known) return known;
  const depth = new Int32Array(tokens.length + 1);
  tokens.forEach((t, i) => (depth[i + 1] = depth[i] + (isParen(t, "(") ? 1 : isParen(t, ")") ? -1 : 0)));
  const lows = [depth];
  for (let width = 1; width * 2 <= depth.length; width *= 2) {
    const below = lows[lows.length - 1];
    const next = new Int32Array(depth.length - width * 2 + 1);
    for (let k = 0; k < next.length; k++) next[k] = Math.min(below[k], below[k + width]);
    lows.push(next);
  }
  const made = { depth, lows };
  PARENTHESES.set(tokens, made);
  return made;
}

/** The lowest of depth[from .. to] (to >= from). */
function lowestDepth({ lows }: Parentheses, from: number, to: number): number {
  const level = 31 - Math.clz32(to - from + 1);
  return Math.min(lows[level][from], lows[level][to - (1 << level) + 1]);
}

/** The first index in [0, n) for which `ok` holds, or n: `ok` must hold for every index after one where it holds. */
function firstWhere(n: number, ok: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A node's whole text. The parser leaves grouping parentheses out of a node's place ("-(-(1))" is placed as
 * "-(-(1"), so the place is widened over the parentheses its text leaves open on either side.
 */
export function sourceSpan(parsed: ParsedFormula, node: Node): [number, number] {
  let [start, end] = node.loc;
  const { tokens } = parsed;
  // the node's tokens: from the first that starts in it, up to the last that ends in it
  const first = firstWhere(tokens.length, (i) => tokens[i].loc[0] >= start);
  const last = firstWhere(tokens.length, (i) => tokens[i].loc[1] > end) - 1;
  if (first >= tokens.length || last < first) return [start, end];
  const parens = parenthesesOf(tokens);
  const balance = parens.depth[last + 1] - parens.depth[first];
  const lowest = Math.min(0, lowestDepth(parens, first + 1, last + 1) - parens.depth[first]);
  for (let need = -lowest, i = first - 1; need > 0 && i >= 0; i--) {
    if (tokens[i].type === "whitespace") continue;
    if (!isParen(tokens[i], "(")) break;
    start = tokens[i].loc[0];
    need--;
  }
  for (let need = balance - lowest, i = last + 1; need > 0 && i < tokens.length; i++) {
    if (tokens[i].type === "whitespace") continue;
    if (!isParen(tokens[i], ")")) break;
    end = tokens[i].loc[1];
    need--;
  }
  return [start, end];
}

/** The direct children of a node: a callee that is not a name, call arguments (omitted ones skipped), operands and array elements. */
function children(node: Node): Node[] {
  const out: Node[] = [];
  if (node.callee && node.callee.type !== "Identifier") out.push(node.callee);
  for (const a of node.arguments ?? []) if (a) out.push(a);
  for (const row of node.elements ?? []) out.push(...row);
  return out;
}

/**
 * The IOMT function a node calls, or undefined. A call's callee may be no name at all: `SUM(A1:B2) (A1)` is an
 * intersection that the parser reads as a call of a call.
 */
export const iomtCallOf = (node: Node): IomtFunction | undefined =>
  node.type === "CallExpression" && typeof node.callee?.name === "string"
    ? iomtFunctionOf(node.callee.name)
    : undefined;

/**
 * The nodes under `node` (itself first) in text order, not going into a node for which `stop` holds. A stack,
 * not recursion: the cost is the number of nodes, however deep they nest.
 */
function walk(node: Node, visit: (n: Node) => void, stop: (n: Node) => boolean): void {
  const stack = [node];
  while (stack.length > 0) {
    const at = stack.pop()!;
    visit(at);
    if (stop(at)) continue;
    const inner = children(at);
    for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
  }
}

/** The IOMT calls of a node that are not inside another IOMT call, in text order. */
export function outermostIomtCalls(node: Node): Node[] {
  const out: Node[] = [];
  walk(
    node,
    (n) => {
      if (iomtCallOf(n)) out.push(n);
    },
    (n) => iomtCallOf(n) !== undefined,
  );
  return out;
}

/** Whether a reference names one cell (A1, $B$7, Sheet!A1), not a range, a whole row or column, or a defined name. */
function isOneCellReference(node: Node): boolean {
  if (node.type !== "ReferenceIdentifier" || typeof node.value !== "string") return false;
  const text = node.value.slice(node.value.lastIndexOf("!") + 1);
  return /^\$?[a-z]{1,3}\$?[1-9]\d{0,6}$/i.test(text);
}

/**
 * Whether a formula calls IOMT.SHARE over anything that may be several cells (a range, a defined name, an
 * expression): its native form is an array (IF over the range), which only array evaluation computes. Without it,
 * Excel 2019 and earlier, LibreOffice, and Excel 365 reading a file's formula without the dynamic-array flag take
 * one cell of the range (implicit intersection) and give #VALUE! where SUM, AVERAGE, MAX or INDEX read it.
 */
export function sharesOverRange(node: Node): boolean {
  let found = false;
  walk(
    node,
    (n) => {
      const values = iomtCallOf(n) === "SHARE" ? n.arguments?.[0] : undefined;
      if (values && values.type !== "Literal" && !isOneCellReference(values)) found = true;
    },
    () => found,
  );
  return found;
}

/** Every IOMT function a formula calls (nested ones too), in text order, with repeats. */
export function iomtCallsIn(node: Node): IomtFunction[] {
  const out: IomtFunction[] = [];
  walk(
    node,
    (n) => {
      const own = iomtCallOf(n);
      if (own) out.push(own);
    },
    () => false,
  );
  return out;
}

/** Whether a formula's text calls any IOMT function (false for text that cannot be parsed). Pass formulas only, not cell text. */
export function callsIomt(text: string): boolean {
  try {
    return iomtCallsIn(parseFormula(text).root).length > 0;
  } catch {
    return false;
  }
}
