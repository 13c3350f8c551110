/**
 * Reads a formula with @borgar/fx (a maintained Excel formula tokenizer and parser) and finds the IOMT.*
 * calls in it: `IOMT.NAME(`, the spelling Excel shows when the add-in is missing, `_xldudf_IOMT_NAME(`,
 * and the file spelling `_xludf.IOMT.NAME(`. Every node keeps its place in the text, so a rewrite can
 * splice new text in and leave the rest of the formula byte for byte as it was.
 */
import { parse, tokenize } from "@borgar/fx";

/** The IOMT.* functions, by the name after the namespace. */
export const IOMT_FUNCTIONS = [
  "CAGR",
  "PROJECT",
  "SHARE",
  "IMPLIEDTOTAL",
  "VALUE",
  "RATE",
  "GROWTH",
  "SERIES",
  "SEGMENTS",
  "DRIVER",
  "SOURCE",
  "ENTITY",
] as const;
export type IomtFunction = (typeof IOMT_FUNCTIONS)[number];

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
    return (IOMT_FUNCTIONS as readonly string[]).includes(name) ? (name as IomtFunction) : undefined;
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
 * A node's whole text. The parser leaves grouping parentheses out of a node's place ("-(-(1))" is placed as
 * "-(-(1"), so the place is widened over the parentheses its text leaves open on either side.
 */
export function sourceSpan(parsed: ParsedFormula, node: Node): [number, number] {
  let [start, end] = node.loc;
  const { tokens } = parsed;
  const first = tokens.findIndex((t) => t.loc[0] >= start);
  let last = first;
  let balance = 0;
  let lowest = 0;
  for (let i = first; i >= 0 && i < tokens.length && tokens[i].loc[1] <= end; i++) {
    if (isParen(tokens[i], "(")) balance++;
    if (isParen(tokens[i], ")")) balance--;
    lowest = Math.min(lowest, balance);
    last = i;
  }
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
export function children(node: Node): Node[] {
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
