/**
 * Argument coercion shared by every calculation and lookup, so that all functions treat missing,
 * blank, text and non-finite arguments alike.
 */
import { isBlank as importedIsBlank } from "../../lib/blank";
import { numError, valueError } from "./errors";

/*
 * Bound once when the script loads, as they are on every call's path: the bundle reads an imported name through
 * its module's exports object on each use, and V8 keeps those objects in slow dictionary mode (many modules define
 * a getter under the same short export name); a constant of this module is a plain call that V8 inlines.
 */
const isBlank = importedIsBlank;

/** An argument Excel left out: omitted optional arguments arrive as null or undefined. */
const isMissing = (x: unknown): x is null | undefined => x === null || x === undefined;

/** A required number: text and booleans give #VALUE!, NaN and infinities #NUM!. */
export function numberArg(x: unknown, name: string): number {
  if (typeof x !== "number") {
    if (isBlank(x)) throw valueError(`${name} is required.`);
    throw valueError(`${name} must be a number, not ${describe(x)}.`);
  }
  if (!Number.isFinite(x)) throw numError(`${name} must be a finite number.`);
  return x;
}

/** An optional number: missing or blank gives the default. */
export function optionalNumberArg(x: unknown, name: string, fallback: number): number {
  return isBlank(x) ? fallback : numberArg(x, name);
}

/** Required, non-empty text. */
export function textArg(x: unknown, name: string): string {
  if (typeof x === "string") {
    if (x.trim() === "") throw valueError(`${name} is required.`);
    return x;
  }
  if (isMissing(x)) throw valueError(`${name} is required.`);
  throw valueError(`${name} must be text, not ${describe(x)}.`);
}

/** A result must be a finite number; anything else is #NUM! (overflow, underflow to a useless 0 is fine). */
export function finiteResult(x: number, what: string): number {
  if (!Number.isFinite(x)) throw numError(`${what} is too large or undefined for these inputs.`);
  return Object.is(x, -0) ? 0 : x;
}

function describe(x: unknown): string {
  if (typeof x === "string") return "text";
  if (typeof x === "boolean") return "TRUE/FALSE";
  if (Array.isArray(x)) return "a range";
  return typeof x;
}
