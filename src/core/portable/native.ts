/**
 * Building blocks of native formulas: arguments rendered once and placed safely inside operators, the type
 * checks that give #VALUE! as the IOMT.* functions do (passing an argument's own error through), and the
 * function names a file must store with the _xlfn. prefix.
 */
import { iomtFunctionOf, type IomtFunction, type Node } from "./parse";

/** A converted argument: its formula text and, when it is a literal, what it is known to be. */
export interface Arg {
  text: string;
  /** the literal's value when the argument is a number or text literal */
  literal?: number | string;
  /** a reference, a number or a function call: safe next to any operator without parentheses */
  atomic: boolean;
  /** an IOMT call that gives a number or an error, never text or a blank: it needs no type check */
  numeric: boolean;
}

const NUMERIC: readonly IomtFunction[] = ["CAGR", "PROJECT", "IMPLIEDTOTAL", "VALUE", "RATE", "GROWTH", "DRIVER"];

export function argOf(node: Node, text: string): Arg {
  const literal =
    node.type === "Literal" && (typeof node.value === "number" || typeof node.value === "string")
      ? node.value
      : undefined;
  const unsignedNumber = typeof literal === "number" && !(node.raw ?? "").startsWith("-");
  const atomic =
    unsignedNumber ||
    typeof literal === "string" ||
    node.type === "ReferenceIdentifier" ||
    node.type === "CallExpression";
  const called = node.type === "CallExpression" && node.callee ? iomtFunctionOf(node.callee.name) : undefined;
  return {
    text,
    literal,
    atomic,
    numeric: typeof literal === "number" || (called !== undefined && NUMERIC.includes(called)),
  };
}

/** The argument where an operator needs it: parenthesized unless it is atomic. */
export const p = (a: Arg): string => (a.atomic ? a.text : `(${a.text})`);

export const isNumberLiteral = (a: Arg): boolean => typeof a.literal === "number";
export const isTextLiteral = (a: Arg): boolean => typeof a.literal === "string";

/**
 * `body` where every argument in `numbers` is a number; otherwise the first argument's own error, or #VALUE!
 * (text, TRUE/FALSE and blank cells are not numbers, as for the IOMT.* functions). Literal numbers need no check,
 * and neither does a lone argument that is a number or an error (an IOMT call): its error passes through `body`
 * by itself. With more than one such argument every one is checked, so that the first one's error wins, as the
 * functions see errors before anything else.
 */
export function requireNumbers(numbers: readonly Arg[], body: string): string {
  const open = numbers.filter((a) => !isNumberLiteral(a));
  if (open.length === 0) return body;
  if (open.length === 1 && open[0].numeric && !body.startsWith("#")) return body;
  const test =
    open.length === 1 ? `ISNUMBER(${open[0].text})` : `AND(${open.map((a) => `ISNUMBER(${a.text})`).join(",")})`;
  // 0*LEN(x) is x's error when x is an error, else 0; #VALUE! ends the sum. Errors come before wrong types, and in
  // a sum the leftmost error wins, so the first argument's error is the result, as for the functions.
  return `IF(${test},${body},${open.map((a) => `0*LEN(${a.text})`).join("+")}+#VALUE!)`;
}

/** `body` where `a` is text; otherwise a's own error, or #VALUE! (numbers, TRUE/FALSE and blank cells are not text). */
export function requireText(a: Arg, body: string): string {
  if (isTextLiteral(a)) return (a.literal as string).trim() === "" ? "#VALUE!" : body;
  // 0*LEN(a) is a's error when a is an error, else 0; adding #VALUE! ends it
  return `IF(ISTEXT(${a.text}),${body},0*LEN(${a.text})+#VALUE!)`;
}

/**
 * `body` when every condition holds, else `error`. Conditions on literal numbers are decided here: a true one is
 * dropped, a false one makes the result the error.
 */
export function when(
  conditions: ReadonlyArray<{ test: string; known?: boolean }>,
  body: string,
  error: string,
): string {
  if (conditions.some((c) => c.known === false)) return error;
  const open = conditions.filter((c) => c.known === undefined).map((c) => c.test);
  if (open.length === 0) return body;
  return `IF(${open.length === 1 ? open[0] : `AND(${open.join(",")})`},${body},${error})`;
}

/** A comparison of an argument with a number, decided now when the argument is a literal number. */
export function compare(a: Arg, op: ">" | ">=" | "<=" | "<" | "<>", limit: number): { test: string; known?: boolean } {
  const test = `${p(a)}${op}${limit}`;
  if (typeof a.literal !== "number") return { test };
  const v = a.literal;
  const known =
    op === ">" ? v > limit : op === ">=" ? v >= limit : op === "<=" ? v <= limit : op === "<" ? v < limit : v !== limit;
  return { test, known };
}

/** Functions newer than Excel 2007 that a file stores as _xlfn.NAME, or other applications show #NAME?. */
export function fn(name: "RRI", file: boolean): string {
  return file ? `_xlfn.${name}` : name;
}

/** A text literal in a formula: double quotes doubled. */
export function textLiteral(s: string): string {
  return `"${s.split('"').join('""')}"`;
}

/**
 * The characters that name matching ignores and that native formulas can remove with SUBSTITUTE. MATCH already
 * ignores case. `*`, `?` and `~` are removed too, so that they never act as MATCH wildcards.
 */
export const IGNORED_CHARACTERS = [" ", ".", "-", "_", ",", "'", "/", "&", "(", ")", "*", "?", "~"] as const;

/** A native formula giving the matching key of a name: the name without the ignored characters (worked out now for text literals). */
export function nativeKey(name: Arg): string {
  if (typeof name.literal === "string") return textLiteral(nativeKeyOf(name.literal));
  return IGNORED_CHARACTERS.reduce((inner, ch) => `SUBSTITUTE(${inner},${textLiteral(ch)},"")`, name.text);
}

/** What `nativeKey` computes, in lower case (MATCH ignores case): used to check that every name's key is reachable. */
export function nativeKeyOf(name: string): string {
  let s = name;
  for (const ch of IGNORED_CHARACTERS) s = s.split(ch).join("");
  return s.toLowerCase();
}
