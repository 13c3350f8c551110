/**
 * The errors a calculation or lookup can end in, named by the Excel error a user sees.
 * Only #VALUE! and #N/A show their message in Excel; the others keep it for the task pane and the tests.
 */
export type ErrorCode = "#VALUE!" | "#N/A" | "#NUM!" | "#DIV/0!";

export class FormulaError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "FormulaError";
    this.code = code;
  }
}

export const valueError = (message: string): FormulaError => new FormulaError("#VALUE!", message);
export const notAvailable = (message: string): FormulaError => new FormulaError("#N/A", message);
export const numError = (message: string): FormulaError => new FormulaError("#NUM!", message);
export const divZero = (message: string): FormulaError => new FormulaError("#DIV/0!", message);
