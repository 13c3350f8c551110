/**
 * Excel's refusals in plain words: what happened and what the analyst can do. Office.js gives an error a
 * `code` (Excel.ErrorCodes, "Error handling with the application-specific JavaScript APIs",
 * learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling) and a message meant
 * for developers; the pane shows the words below, and the code only as a detail for support.
 */

/** An error as Excel gave it: its code (when it has one) and its message without the code. */
export interface ExcelFailure {
  code?: string;
  message: string;
}

const MAX_MESSAGE = 300;

/** Reads `code` and `message` from whatever was thrown (OfficeExtension.Error, an Error, anything). */
export function excelFailure(e: unknown): ExcelFailure {
  const err = (typeof e === "object" && e !== null ? e : {}) as {
    code?: unknown;
    message?: unknown;
    debugInfo?: { code?: unknown };
  };
  const raw = typeof err.code === "string" ? err.code : err.debugInfo?.code;
  const code = typeof raw === "string" && raw !== "" ? raw.slice(0, 80) : undefined;
  let message = typeof err.message === "string" ? err.message : e instanceof Error ? e.message : String(e);
  if (code && message.startsWith(`${code}: `)) message = message.slice(code.length + 2);
  return { code, message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message };
}

/** What each code means to the analyst, with `again` the step that retries ("refresh again", "try again"). */
const PLAIN: Record<string, (again: string) => string> = {
  InvalidOperationInCellEditMode: (again) => `Excel is editing a cell: press Enter or Esc, then ${again}.`,
  AccessDenied: (again) =>
    `Excel did not allow the change: a sheet or the workbook is protected, or the file is read-only. Unprotect it (Review > Unprotect Sheet) or open an editable copy, then ${again}.`,
  RequestPayloadSizeLimitExceeded: (again) =>
    `Excel could not take this much in one request. Wait a moment, then ${again}; if it happens again, work on a smaller selection.`,
  ResponsePayloadSizeLimitExceeded: (again) =>
    `Excel could not send back this much in one response. Wait a moment, then ${again}; if it happens again, work on a smaller selection.`,
  ItemNotFound: (again) =>
    `A sheet or table the add-in was working on was deleted or renamed meanwhile. Check the workbook, then ${again}.`,
  ItemAlreadyExists: (again) =>
    `A sheet or table of the same name was added meanwhile. Check the workbook, then ${again}.`,
  Conflict: (again) => `Someone else changed the workbook at the same time. Wait a moment, then ${again}.`,
  InsertDeleteConflict: (again) =>
    `Rows or columns were inserted or deleted in the way meanwhile. Check the workbook, then ${again}.`,
  MergedRangeConflict: (again) => `Merged cells are in the way. Unmerge them, then ${again}.`,
  FilteredRangeConflict: (again) => `A filter is in the way. Clear it, then ${again}.`,
  PivotTableRangeConflict: (again) => `A PivotTable is in the way. Move it, then ${again}.`,
  RequestAborted: (again) =>
    `Excel cancelled the request (the workbook may have been closed, or the connection was lost). Reopen it, then ${again}.`,
  ActivityLimitReached: (again) => `Excel is busy with too many requests. Wait a moment, then ${again}.`,
  ServiceNotAvailable: (again) => `Excel's service is not available just now. Wait a moment, then ${again}.`,
  ApiNotFound: () => "This version of Excel lacks a feature the add-in needs. Update Excel, or use Excel on the web.",
  UnsupportedOperation: () => "This version of Excel cannot do this. Update Excel, or use Excel on the web.",
  GeneralException: (again) =>
    `Excel could not complete the change and gave no reason. Save your work, then ${again}; if it keeps happening, restart Excel.`,
};

/** Excel's refusal in plain words, ending with what to do; Excel's own message where its code is not known here. */
export function plainExcelError(e: unknown, again = "try again"): string {
  const f = excelFailure(e);
  const plain = f.code && Object.prototype.hasOwnProperty.call(PLAIN, f.code) ? PLAIN[f.code] : undefined;
  return plain ? plain(again) : `Excel refused the change: ${f.message}`;
}

/** The code for support, as a secondary detail ("Excel's code: AccessDenied"), or undefined. */
export function excelCodeDetail(e: unknown): string | undefined {
  const { code } = excelFailure(e);
  return code ? `Excel's code, for support: ${code}.` : undefined;
}

/** Excel's refusal in plain words, then its code as a detail for support (where it has one). */
export const excelErrorLines = (e: unknown, again?: string): string[] =>
  [plainExcelError(e, again), excelCodeDetail(e)].filter((l): l is string => l !== undefined);
