/**
 * The IOMT.* functions as Excel calls them: with whatever the analyst typed. Their TypeScript signatures take the
 * custom enums (src/functions/functions.ts), which only suggest values; Excel passes any text or number.
 */
import * as exported from "../../src/functions/functions";

type AsTyped<F> = F extends (...args: infer A) => infer R ? (...args: { [K in keyof A]: unknown }) => R : never;

export const functions = exported as unknown as { [K in keyof typeof exported]: AsTyped<(typeof exported)[K]> };
