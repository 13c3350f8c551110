/**
 * The add-in's own sheets: the record of what it wrote into the IoMT tables (very hidden), the original IOMT
 * formulas of a portable workbook (very hidden) and the lookup data its portable formulas read (visible).
 *
 * A sheet is the add-in's only when it carries the add-in's mark for its kind in MARK_CELL, is named like one
 * (the base name or "base (n)", in any case, as Excel compares sheet names) and, for the very hidden kinds, is very
 * hidden. Never by its name alone: an analyst's own sheet called `IoMT record`, `IoMT Lookup` or `IoMT Originals`
 * is the analyst's, is read and converted like any other sheet, and the add-in's sheet takes another name
 * (`IoMT Lookup (2)`). The mark is text in a cell: cells travel with the file through Excel, exceljs and
 * LibreOffice, and a cell is read with the same range calls as everything else. MARK_CELL lies right of every
 * layout (the lookup data's, A:AD, is the widest), so no layout's reader meets it.
 *
 * Sheets written before the mark existed carry none: they are not claimed (for the record, the safe case of "no
 * record": every difference is kept as the analyst's edit), and the add-in writes a marked sheet beside them.
 *
 * LibreOffice has no very hidden sheets and saves them hidden. A hidden (not very hidden) sheet carrying a very
 * hidden kind's exact mark under the add-in's name is the add-in's sheet after such a save (an analyst hides a
 * sheet from Excel's menus only as "hidden", and the mark is text no analyst's sheet holds in AF1): it is claimed,
 * reported (`onlyHidden`), and set back to very hidden whenever the add-in writes (`ownSheetRepairs`). A VISIBLE
 * sheet is never claimed for a very hidden kind, mark or not.
 */
import { cellInput } from "./cell-compare";
import { uniqueSheetName } from "./excel-syntax";
import type { WriteOp } from "./write-batches";

export type OwnSheetKind = "record" | "originals" | "lookup";

export const OWN_SHEET_KINDS: readonly OwnSheetKind[] = ["record", "originals", "lookup"];

/** Each kind's base name and whether the add-in keeps it very hidden (the user cannot unhide it from Excel's menus). */
export const OWN_SHEETS: Record<OwnSheetKind, { base: string; veryHidden: boolean }> = {
  record: { base: "IoMT record", veryHidden: true },
  originals: { base: "IoMT Originals", veryHidden: true },
  lookup: { base: "IoMT Lookup", veryHidden: false },
};

/** The mark's cell on each of the add-in's sheets (0-based column 31, row 0). */
export const MARK_CELL = "AF1";
export const MARK_COLUMN = 31;

/** The mark of a kind: the text its MARK_CELL holds. */
export const ownSheetMark = (kind: OwnSheetKind): string => `IoMT add-in sheet: ${kind}`;

/** What a reader knows of a sheet: its name, visibility (Office.js "VeryHidden", exceljs "veryHidden"), and mark cell. */
export interface SheetFacts {
  name: string;
  visibility: string;
  /** the content of MARK_CELL; undefined when it was not read */
  mark?: unknown;
}

const isDigits = (s: string): boolean => s.length > 0 && s.length <= 4 && [...s].every((c) => c >= "0" && c <= "9");

/** Whether a name is a kind's base name or "base (n)", ignoring case. */
export function namedLike(kind: OwnSheetKind, name: string): boolean {
  const lower = name.toLowerCase();
  const base = OWN_SHEETS[kind].base.toLowerCase();
  if (lower === base) return true;
  if (!lower.startsWith(`${base} (`) || !lower.endsWith(")")) return false;
  const n = lower.slice(base.length + 2, -1);
  return isDigits(n) && n[0] !== "0";
}

const isVeryHidden = (visibility: string): boolean => visibility.toLowerCase() === "veryhidden";

/** Very hidden kinds: very hidden, or hidden as LibreOffice saves them; never visible. */
const visibilityFits = (kind: OwnSheetKind, visibility: string): boolean =>
  !OWN_SHEETS[kind].veryHidden || isVeryHidden(visibility) || visibility.toLowerCase() === "hidden";

/** Whether a sheet is named like one of the add-in's, so that its mark must be read to tell. */
export const needsMark = (sheet: SheetFacts): boolean => OWN_SHEET_KINDS.some((kind) => namedLike(kind, sheet.name));

/** Whether a sheet is the add-in's of that kind: named like one, (very) hidden where the kind is very hidden, and marked. */
export const isOwnSheet = (kind: OwnSheetKind, sheet: SheetFacts): boolean =>
  namedLike(kind, sheet.name) && visibilityFits(kind, sheet.visibility) && sheet.mark === ownSheetMark(kind);

/** The add-in's sheets a workbook holds, and the names of all its sheets. */
export interface OwnSheets {
  /** every sheet's name, in workbook order */
  names: readonly string[];
  /** the add-in's sheet of each kind the workbook holds */
  own: Partial<Record<OwnSheetKind, string>>;
  /** Sheets that carry a very hidden kind's mark but are visible, so are not claimed. */
  notVeryHidden: Partial<Record<OwnSheetKind, string>>;
  /** The add-in's sheets of very hidden kinds that are only hidden (as LibreOffice saves them), to be set back. */
  onlyHidden: Partial<Record<OwnSheetKind, string>>;
}

/** Finds the add-in's sheets among a workbook's (the one with the base name first, when two are marked). */
export function findOwnSheets(sheets: readonly SheetFacts[]): OwnSheets {
  const own: Partial<Record<OwnSheetKind, string>> = {};
  const notVeryHidden: Partial<Record<OwnSheetKind, string>> = {};
  const onlyHidden: Partial<Record<OwnSheetKind, string>> = {};
  for (const kind of OWN_SHEET_KINDS) {
    const marked = sheets.filter((s) => isOwnSheet(kind, s));
    const base = OWN_SHEETS[kind].base.toLowerCase();
    // a very hidden one before one LibreOffice left hidden; the base name before "base (n)"
    const rank = (s: SheetFacts) => (isVeryHidden(s.visibility) ? 0 : 2) + (s.name.toLowerCase() === base ? 0 : 1);
    const found = marked.reduce<SheetFacts | undefined>(
      (best, s) => (!best || rank(s) < rank(best) ? s : best),
      undefined,
    );
    if (found) own[kind] = found.name;
    if (found && OWN_SHEETS[kind].veryHidden && !isVeryHidden(found.visibility)) onlyHidden[kind] = found.name;
    const shown = sheets.find(
      (s) => namedLike(kind, s.name) && s.mark === ownSheetMark(kind) && !visibilityFits(kind, s.visibility),
    );
    if (!found && shown) notVeryHidden[kind] = shown.name;
  }
  return { names: sheets.map((s) => s.name), own, notVeryHidden, onlyHidden };
}

/** Whether a sheet (by name, any case) is one of the add-in's own. */
export function isOwnName(sheets: OwnSheets, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.values(sheets.own).some((n) => n.toLowerCase() === lower);
}

/** The name a new sheet of a kind takes: its base name, or "base (2)", ... when a sheet has it (ignoring case). */
export const freeSheetName = (kind: OwnSheetKind, taken: Iterable<string>): string =>
  uniqueSheetName(OWN_SHEETS[kind].base, taken);

/** The sheet of a kind to write to: the add-in's own, or a new one under a free name. */
export function ownSheetTarget(
  sheets: OwnSheets,
  kind: OwnSheetKind,
  alsoTaken: Iterable<string> = [],
): { name: string; exists: boolean } {
  const name = sheets.own[kind];
  return name !== undefined
    ? { name, exists: true }
    : { name: freeSheetName(kind, [...sheets.names, ...alsoTaken]), exists: false };
}

/** Adds a sheet of the add-in's: the sheet (very hidden where the kind is), then its mark. */
export function ownSheetOps(kind: OwnSheetKind, name: string): WriteOp[] {
  return [
    { kind: "sheet", table: name, sheet: name, veryHidden: OWN_SHEETS[kind].veryHidden },
    {
      kind: "cells",
      table: name,
      sheet: name,
      address: MARK_CELL,
      formulas: [[cellInput(ownSheetMark(kind), "General")]],
    },
  ];
}

/** Why a sheet that carries a kind's mark is not taken for the add-in's, or undefined when there is none such. */
export function notClaimedNote(sheets: OwnSheets, kind: OwnSheetKind): string | undefined {
  const name = sheets.notVeryHidden[kind];
  return name === undefined
    ? undefined
    : `The sheet '${name}' carries the add-in's mark but is visible, so the add-in does not take it for its own.`;
}

/** Sets the add-in's sheets that are only hidden (after a LibreOffice save) back to very hidden. */
export const ownSheetRepairs = (sheets: OwnSheets): WriteOp[] =>
  Object.values(sheets.onlyHidden).map((name) => ({ kind: "very-hidden", table: name, sheet: name }));

/** What "Check workbook" says of the add-in's sheets that are no longer very hidden; empty when none is. */
export const onlyHiddenNotes = (sheets: OwnSheets): string[] =>
  Object.values(sheets.onlyHidden).map(
    (name) =>
      `The add-in's sheet '${name}' is hidden but no longer very hidden (LibreOffice saves very hidden sheets as hidden); the add-in sets it back to very hidden when it next writes.`,
  );
