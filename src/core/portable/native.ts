/**
 * Building blocks of native formulas: arguments rendered once and placed safely inside operators, the type
 * checks that give #VALUE! as the IOMT.* functions do (passing an argument's own error through), and the
 * function names a file must store with the _xlfn. prefix.
 *
 * A native formula names each argument several times (once in its check, once in its use), so nested calls
 * multiply: the text is built as parts that share the argument's text (`Text`), and its length is a number
 * known before any of it is joined. Only a formula that fits is ever joined into a string.
 */
import { functionInfo } from "../functions";
import { iomtCallOf, type Node } from "./parse";
import { NEWER_FUNCTIONS, XLFN } from "../excel";

/** Formula text kept as its parts, which may be shared: its length is known without joining them. */
export class Text {
  readonly length: number;
  constructor(readonly parts: readonly Piece[]) {
    this.length = parts.reduce((n, part) => n + part.length, 0);
  }
}
export type Piece = string | Text;

/** A tagged template that gives a Text: f`IF(${a},${b})` holds a and b as parts, without copying them. */
export function f(strings: TemplateStringsArray, ...values: ReadonlyArray<Piece | number>): Text {
  const parts: Piece[] = [];
  strings.forEach((s, i) => {
    if (s) parts.push(s);
    if (i < values.length) {
      const v = values[i];
      if (typeof v === "number") parts.push(String(v));
      else if (v.length > 0) parts.push(v);
    }
  });
  return new Text(parts);
}

/** The pieces one after another with `separator` between them, as a Text. */
function joined(pieces: readonly Piece[], separator: string): Text {
  return new Text(pieces.flatMap((piece, i) => (i === 0 ? [piece] : [separator, piece])));
}

/** The first character of a piece, without joining it. */
function firstCharacter(piece: Piece): string {
  let at: Piece = piece;
  while (typeof at !== "string") {
    const next: Piece | undefined = at.parts.find((part) => part.length > 0);
    if (next === undefined) return "";
    at = next;
  }
  return at.charAt(0);
}

/**
 * The piece as a string. Refuses a piece longer than `limit`: a shared part counts each time it is used, so
 * the length of nested formulas can be far beyond anything that could be joined.
 */
export function joinText(piece: Piece, limit: number): string {
  if (piece.length > limit) throw new RangeError(`A text of ${piece.length} characters is over ${limit}.`);
  if (typeof piece === "string") return piece;
  const out: string[] = [];
  const stack: Piece[] = [piece];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (typeof at === "string") out.push(at);
    else for (let i = at.parts.length - 1; i >= 0; i--) stack.push(at.parts[i]);
  }
  return out.join("");
}

/** A converted argument: its formula text and, when it is a literal, what it is known to be. */
export interface Arg {
  text: Piece;
  /** the literal's value when the argument is a number or text literal */
  literal?: number | string;
  /** a reference, a number or a function call: safe next to any operator without parentheses */
  atomic: boolean;
  /** an IOMT call that gives a number or an error, never text or a blank: it needs no type check */
  numeric: boolean;
}

export function argOf(node: Node, text: Piece): Arg {
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
  const called = iomtCallOf(node);
  return {
    text,
    literal,
    atomic,
    numeric: typeof literal === "number" || (called !== undefined && functionInfo(called).result === "number"),
  };
}

/** The argument where an operator needs it: parenthesized unless it is atomic. */
export const operand = (a: Arg): Piece => (a.atomic ? a.text : f`(${a.text})`);

export const isNumberLiteral = (a: Arg): boolean => typeof a.literal === "number";
const isTextLiteral = (a: Arg): boolean => typeof a.literal === "string";

/**
 * `body` where every argument in `numbers` is a number; otherwise the first argument's own error, or #VALUE!
 * (text, TRUE/FALSE and blank cells are not numbers, as for the IOMT.* functions). Literal numbers need no check,
 * and neither does a lone argument that is a number or an error (an IOMT call): its error passes through `body`
 * by itself. With more than one such argument every one is checked, so that the first one's error wins, as the
 * functions see errors before anything else.
 */
export function requireNumbers(numbers: readonly Arg[], body: Piece): Piece {
  const open = numbers.filter((a) => !isNumberLiteral(a));
  if (open.length === 0) return body;
  if (open.length === 1 && open[0].numeric && firstCharacter(body) !== "#") return body;
  const test =
    open.length === 1
      ? f`ISNUMBER(${open[0].text})`
      : f`AND(${joined(
          open.map((a) => f`ISNUMBER(${a.text})`),
          ",",
        )})`;
  // 0*LEN(x) is x's error when x is an error, else 0; #VALUE! ends the sum. Errors come before wrong types, and in
  // a sum the leftmost error wins, so the first argument's error is the result, as for the functions.
  return f`IF(${test},${body},${joined(
    open.map((a) => f`0*LEN(${a.text})`),
    "+",
  )}+#VALUE!)`;
}

/** `body` where `a` is text; otherwise a's own error, or #VALUE! (numbers, TRUE/FALSE and blank cells are not text). */
export function requireText(a: Arg, body: Piece): Piece {
  if (isTextLiteral(a)) return (a.literal as string).trim() === "" ? "#VALUE!" : body;
  // 0*LEN(a) is a's error when a is an error, else 0; adding #VALUE! ends it
  return f`IF(ISTEXT(${a.text}),${body},0*LEN(${a.text})+#VALUE!)`;
}

/**
 * `body` when every condition holds, else `error`. Conditions on literal numbers are decided here: a true one is
 * dropped, a false one makes the result the error.
 */
export function guarded(
  conditions: ReadonlyArray<{ test: Piece; known?: boolean }>,
  body: Piece,
  error: string,
): Piece {
  if (conditions.some((c) => c.known === false)) return error;
  const open = conditions.filter((c) => c.known === undefined).map((c) => c.test);
  if (open.length === 0) return body;
  return f`IF(${open.length === 1 ? open[0] : f`AND(${joined(open, ",")})`},${body},${error})`;
}

/** A comparison of an argument with a number, decided now when the argument is a literal number. */
export function comparison(
  a: Arg,
  op: ">" | ">=" | "<=" | "<" | "<>",
  limit: number,
): { test: Piece; known?: boolean } {
  const test = f`${operand(a)}${op}${limit}`;
  if (typeof a.literal !== "number") return { test };
  const v = a.literal;
  const known =
    op === ">" ? v > limit : op === ">=" ? v >= limit : op === "<=" ? v <= limit : op === "<" ? v < limit : v !== limit;
  return { test, known };
}

/** Functions newer than Excel 2007 that a file stores as _xlfn.NAME, or other applications show #NAME?. */
export function futureFunction(name: (typeof NEWER_FUNCTIONS)[number], file: boolean): string {
  return file ? `${XLFN}${name}` : name;
}

/** A text literal in a formula: double quotes doubled. */
export function textLiteral(s: string): string {
  return `"${s.split('"').join('""')}"`;
}

/**
 * The characters that name matching ignores and that native formulas can remove with SUBSTITUTE. MATCH already
 * ignores case. `*`, `?` and `~` are removed too, so that they never act as MATCH wildcards.
 */
const IGNORED_CHARACTERS = [" ", ".", "-", "_", ",", "'", "/", "&", "(", ")", "*", "?", "~"] as const;

/** A native formula giving the matching key of a name: the name without the ignored characters (worked out now for text literals). */
export function nativeKey(name: Arg): Piece {
  if (typeof name.literal === "string") return textLiteral(nativeKeyOf(name.literal));
  return IGNORED_CHARACTERS.reduce<Piece>((inner, ch) => f`SUBSTITUTE(${inner},${textLiteral(ch)},"")`, name.text);
}

/** What `nativeKey` computes, in lower case (MATCH ignores case): used to check that every name's key is reachable. */
export function nativeKeyOf(name: string): string {
  let s = name;
  for (const ch of IGNORED_CHARACTERS) s = s.split(ch).join("");
  return s.toLowerCase();
}
