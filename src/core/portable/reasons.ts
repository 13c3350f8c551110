/**
 * Why Make portable left a cell as it was and why restore left a cell or refused a kept record: codes, decided in
 * the core and compared as codes, with their words for the pane and the command line here and nowhere else.
 */

/** Why a formula that calls IOMT.* was left as it was. */
export type ConversionReason = "syntax" | "entity" | "unconvertible" | "too-long";

/** Why restore refuses a kept record: it is not one that Make portable could have written for that cell. */
export type RefusalReason = "not-a-cell" | "own-sheet" | "missing-sheet" | "not-iomt" | "not-its-portable";

/** Why restore leaves a cell as it is. */
export type SkipReason = "no-formula" | "already-original" | "edited-since" | "array-not-writable";

export type Reason = ConversionReason | RefusalReason | SkipReason;

const WORDS: Record<Reason, string> = {
  syntax: "The formula could not be read.",
  entity: "IOMT.ENTITY returns a data type, which no native formula can give.",
  unconvertible: "It could not be converted.",
  "too-long": "The native formula would be longer than Excel allows.",
  "not-a-cell": "its cell is not a single cell of a worksheet",
  "own-sheet": "it is on one of the add-in's own sheets",
  "missing-sheet": "its sheet is not in the workbook",
  "not-iomt": "the kept formula does not call an IOMT function",
  "not-its-portable": "the kept formula does not convert to the portable formula kept with it",
  "no-formula": "the cell no longer holds a formula",
  "already-original": "it already holds the original formula",
  "edited-since": "it was edited after it was made portable",
  "array-not-writable":
    "it was an array formula (Ctrl+Shift+Enter), which Office.js cannot write; restore the file with npm run portable -- --restore",
};

/** A reason in words; `detail` (the conversion's own account: the length, the syntax error) when there is one. */
export const reasonText = (reason: Reason, detail?: string): string => detail ?? WORDS[reason];

/** Every reason code, for tests and for readers that list them. */
export const REASONS = Object.keys(WORDS) as Reason[];
