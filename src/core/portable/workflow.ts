/**
 * Make portable and restore, decided once for the task pane (Office.js) and the command line (exceljs). Each edge
 * reads the workbook into plain data (its formulas, its sheets as own-sheets.ts finds them, its tables and the
 * kept originals) and writes out the plan these functions return; every decision is taken here.
 *
 * - Which cells: every formula on a sheet that is not one of the add-in's own (by mark and visibility, never by
 *   name alone), that calls IOMT.*, or mentions it and cannot be read (it would show #NAME? without the add-in).
 * - Make portable: the converted cells, the cells left as they were with a reason code, the originals sheet's rows
 *   (older records of other cells kept), and the lookup data sheet's rows when a converted formula reads it.
 * - Restore: the cells to write back, those left alone and the records refused, each with a reason code, the
 *   records that remain, and whether the add-in's sheets can go: once every original is back and no formula
 *   outside them refers to them, restore removes them, so a restored workbook has the sheets it had before.
 */
import { quoteSheetName, isOwnName, OWN_SHEETS, ownSheetTarget, type OwnSheetKind, type OwnSheets } from "../excel";
import type { DatasetIndex } from "../functions";
import { portableConverter, type Conversion } from "./convert";
import { dataSheetRows, type DataCell, type WorkbookTable } from "./data-sheet";
import {
  mergeOriginals,
  originalsRows,
  planRestore,
  portableKind,
  refusalOf,
  type FormulaForm,
  type OriginalRecord,
  type RestoreContext,
} from "./originals";
import { FormulaSyntaxError, iomtCallsIn, parseFormula, type IomtFunction } from "./parse";
import { reasonText, type ConversionReason, type RefusalReason, type SkipReason } from "./reasons";

/** A formula of the workbook, in the edge's form ("=..." through Office.js, the bare text in a file). */
export interface FormulaCell {
  sheet: string;
  /** A1 address on its sheet */
  cell: string;
  formula: string;
  /** how the cell holds it, where the edge can tell: absent for an ordinary formula (originals.ts) */
  kind?: OriginalRecord["kind"];
  /** the range of an array formula or of a shared formula's group */
  range?: string;
}

/** A cell whose formula calls IOMT.* (would show #NAME? without the add-in). */
export interface IomtCell extends FormulaCell {
  calls: IomtFunction[];
}

/** What Make portable and restore know of the workbook besides its formulas. */
export interface WorkbookFacts {
  index: DatasetIndex;
  own: OwnSheets;
  tables: readonly WorkbookTable[];
  form: FormulaForm;
}

/** Whether a sheet's cells are scanned: every sheet but the add-in's own. */
export const isScanned = (own: OwnSheets, sheet: string): boolean => !isOwnName(own, sheet);

/**
 * Whether a formula's text names IOMT in any case (every spelling of a call does: IOMT.NAME, _xldudf_IOMT_NAME,
 * _xludf.IOMT.NAME), so that one the parser cannot read is reported rather than passed over.
 */
export const mentionsIomt = (formula: string): boolean => formula.toUpperCase().includes("IOMT");

/** Make portable's conversion in this workbook, in both forms (restore checks records of either). */
function converters(facts: WorkbookFacts): Record<FormulaForm, (formula: string) => Conversion> {
  const dataSheet = ownSheetTarget(facts.own, "lookup").name;
  return {
    excel: portableConverter(facts.index, { tables: facts.tables, dataSheet, file: false }),
    file: portableConverter(facts.index, { tables: facts.tables, dataSheet, file: true }),
  };
}

/** The IOMT functions a formula calls, in text order; none when it cannot be read. */
function iomtCallsOf(formula: string): IomtFunction[] {
  try {
    return iomtCallsIn(parseFormula(formula).root);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return [];
    throw e;
  }
}

/** "Check workbook": the cells of scanned sheets whose formulas call IOMT.*. */
export function findIomtCells(cells: readonly FormulaCell[], own: OwnSheets): IomtCell[] {
  const out: IomtCell[] = [];
  for (const c of cells) {
    if (!isScanned(own, c.sheet)) continue;
    const calls = iomtCallsOf(c.formula);
    if (calls.length) out.push({ ...c, calls });
  }
  return out;
}

/** An add-in sheet to write: its name, whether it is there already, and its rows from A1. */
export interface SheetWrite<T> {
  name: string;
  exists: boolean;
  rows: T[][];
}

export interface PortablePlan {
  /** cells to rewrite, with their portable formula (in the edge's form) and how to hold it (originals.ts) */
  converted: Array<IomtCell & { portable: string; held: Pick<OriginalRecord, "kind" | "range"> }>;
  /** cells calling IOMT.* left as they were, with why (`detail`: the conversion's particulars, where any) */
  problems: Array<IomtCell & { reason: ConversionReason; detail?: string }>;
  /** the originals sheet to write (older records of other cells, then this run's), when anything was converted */
  originals?: SheetWrite<string | number>;
  /** the lookup data sheet to write, when a converted formula reads it */
  dataSheet?: SheetWrite<DataCell>;
}

/**
 * "Make portable": what to write for the workbook's formulas (or the selection's). `kept` are the records the
 * originals sheet holds now; this run's records replace those of the same cells, the others stay.
 */
export function planPortable(
  cells: readonly FormulaCell[],
  facts: WorkbookFacts,
  kept: readonly OriginalRecord[],
): PortablePlan {
  const dataSheet = ownSheetTarget(facts.own, "lookup");
  const ctx = { tables: facts.tables, dataSheet: dataSheet.name, file: facts.form === "file" };
  const convert = portableConverter(facts.index, ctx);
  const plan: PortablePlan = { converted: [], problems: [] };
  const records: OriginalRecord[] = [];
  let readsData = false;
  for (const c of cells) {
    if (!isScanned(facts.own, c.sheet)) continue;
    const conversion = convert(c.formula);
    const { calls } = conversion;
    if (calls.length === 0 && !(conversion.reason === "syntax" && mentionsIomt(c.formula))) continue;
    if (!conversion.changed) {
      plan.problems.push({ ...c, calls, reason: conversion.reason ?? "unconvertible", detail: conversion.problem });
      continue;
    }
    // a file can hold an array formula: one whose native form needs array evaluation becomes one
    const held = portableKind(c, facts.form === "file" && conversion.arrayEvaluated === true);
    plan.converted.push({ ...c, calls, portable: conversion.formula, held });
    readsData ||= conversion.usesDataSheet;
    const kept = c.kind ? { kind: c.kind, ...(c.range ? { range: c.range } : {}) } : {};
    records.push({
      sheet: c.sheet,
      cell: c.cell,
      form: facts.form,
      original: c.formula,
      portable: conversion.formula,
      ...kept,
    });
  }
  if (readsData) plan.dataSheet = { ...dataSheet, rows: dataSheetRows(facts.index, ctx) };
  if (records.length) {
    const target = ownSheetTarget(facts.own, "originals", [dataSheet.name]);
    plan.originals = { ...target, rows: originalsRows(mergeOriginals(kept, records)) };
  }
  return plan;
}

/** Whether a sheet (any case) is in the workbook, and whether it is the add-in's own. */
function sheetOf(own: OwnSheets): RestoreContext["sheet"] {
  const present = new Set(own.names.map((n) => n.toLowerCase()));
  return (name) => (isOwnName(own, name) ? "own" : present.has(name.toLowerCase()) ? "present" : "missing");
}

/** What restore needs to check a record before reading its cell. */
export interface RestoreTrust {
  /** why the record is refused, or undefined when its cell is worth reading */
  refusal: (record: OriginalRecord) => RefusalReason | undefined;
  ctx: Pick<RestoreContext, "sheet" | "convert">;
}

/** Restore's checks of the kept records against this workbook (each original converted once). */
export function restoreTrust(facts: WorkbookFacts): RestoreTrust {
  const convert = converters(facts);
  const done = new Map<string, Conversion>();
  const ctx: RestoreTrust["ctx"] = {
    sheet: sheetOf(facts.own),
    convert: (formula, form) => {
      const key = `${form}:${formula}`;
      let c = done.get(key);
      if (!c) done.set(key, (c = convert[form](formula)));
      return c;
    },
  };
  return { ctx, refusal: (record) => refusalOf(record, ctx) };
}

export interface RestorePlan {
  /** the cells to write back, their original formulas in the edge's form, as the kind they had over its range */
  writes: FormulaCell[];
  /** cells left as they are */
  skipped: Array<{ sheet: string; cell: string; reason: SkipReason }>;
  /** kept records restore does not trust; nothing is written for them */
  refused: Array<{ sheet: string; cell: string; reason: RefusalReason }>;
  /** the records the originals sheet keeps after restore: all but those written back or already back */
  remaining: OriginalRecord[];
}

/**
 * "Restore IOMT formulas": the records' cells as they hold now (`current`, in the edge's form, undefined for a
 * cell without a formula; asked only of records restore trusts) decide what goes back.
 */
export function planRestoreWrites(
  records: readonly OriginalRecord[],
  facts: WorkbookFacts,
  current: (record: OriginalRecord) => string | undefined,
  trust: RestoreTrust = restoreTrust(facts),
  kinds: Pick<RestoreContext, "currentKind" | "writable"> = {},
): RestorePlan {
  const plan: RestorePlan = { writes: [], skipped: [], refused: [], remaining: [] };
  for (const s of planRestore(records, { ...trust.ctx, ...kinds, form: facts.form, current })) {
    const where = { sheet: s.record.sheet, cell: s.record.cell };
    const { kind, range } = s.record;
    if (s.write !== undefined)
      plan.writes.push({ ...where, formula: s.write, ...(kind ? { kind } : {}), ...(range ? { range } : {}) });
    else if (s.refused) plan.refused.push({ ...where, reason: s.refused });
    else if (s.skipped) plan.skipped.push({ ...where, reason: s.skipped });
    if (s.write === undefined && s.skipped !== "already-original") plan.remaining.push(s.record);
  }
  return plan;
}

/** A cell with a reason, as code and in words. */
interface CellReason<R> {
  sheet: string;
  cell: string;
  code: R;
  reason: string;
}

/** Make portable's report, the same from the pane and the command line. */
export interface PortableReport {
  converted: IomtCell[];
  /** cells calling IOMT functions that were left as they were, with the reason */
  problems: Array<IomtCell & { code: ConversionReason; problem: string }>;
  /** the lookup data sheet, when a lookup needed it */
  dataSheet?: string;
  /** why the originals kept before could not be read (this run then keeps only its own) */
  keptProblem?: string;
}

/** The report of a make-portable plan carried out; `keptProblem`: why the kept originals could not be read. */
export function portableReport(plan: PortablePlan, keptProblem?: string): PortableReport {
  return {
    converted: plan.converted.map(({ sheet, cell, formula, calls }) => ({ sheet, cell, formula, calls })),
    problems: plan.problems.map(({ reason, detail, ...cell }) => ({
      ...cell,
      code: reason,
      problem: reasonText(reason, detail),
    })),
    dataSheet: plan.dataSheet?.name,
    keptProblem,
  };
}

/** Restore's report, the same from the pane and the command line. */
export interface RestoreReport {
  restored: number;
  /** cells left as they are: edited since they were made portable, or already holding their original */
  skipped: Array<CellReason<SkipReason>>;
  /** records of the originals sheet that restore does not trust; nothing was written for them */
  refused: Array<CellReason<RefusalReason>>;
  /** the add-in's sheets removed, every original being back */
  removed: string[];
  /** why the originals sheet could not be read at all (then nothing was restored) */
  problem?: string;
}

/** The report of a restore plan carried out, with the sheets it removed. */
export function restoreReport(plan: RestorePlan, removed: readonly string[]): RestoreReport {
  const worded = <R extends SkipReason | RefusalReason>(s: { sheet: string; cell: string; reason: R }) => ({
    sheet: s.sheet,
    cell: s.cell,
    code: s.reason,
    reason: reasonText(s.reason),
  });
  return {
    restored: plan.writes.length,
    skipped: plan.skipped.map(worded),
    refused: plan.refused.map(worded),
    removed: [...removed],
  };
}

/** The add-in's sheets restore leaves behind: its originals sheet and its lookup data sheet, where there are. */
const REMOVABLE: readonly OwnSheetKind[] = ["originals", "lookup"];

/**
 * The add-in's sheets restore removes: none while a record remains (its original is not back) or while a
 * formula outside them refers to them (`formulas`: the workbook's, read before restore; the restored cells' are
 * replaced by their originals), else the originals and lookup data sheets the workbook holds.
 */
export function sheetsToRemove(
  plan: RestorePlan,
  formulas: readonly FormulaCell[],
  own: OwnSheets,
): Array<{ name: string; veryHidden: boolean }> {
  if (plan.remaining.length) return [];
  const sheets = REMOVABLE.flatMap((kind) => {
    const name = own.own[kind];
    return name === undefined ? [] : [{ name, veryHidden: OWN_SHEETS[kind].veryHidden }];
  });
  const restored = new Set(plan.writes.map((w) => `${w.sheet.toLowerCase()}!${w.cell}`));
  const refs = sheets.map((s) => `${quoteSheetName(s.name)}!`.toLowerCase());
  const referred = formulas.some((f) => {
    if (!isScanned(own, f.sheet) || restored.has(`${f.sheet.toLowerCase()}!${f.cell}`)) return false;
    const text = f.formula.toLowerCase();
    return refs.some((r) => text.includes(r));
  });
  return referred ? [] : sheets;
}
