/**
 * A stand-in for the CustomFunctions global of Office's runtime, with the same Error class shape and
 * ErrorCode values, for Node tests and benchmarks of the function wrappers. The browser tests use Office's real runtime.
 */
const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

class CustomFunctionsError {
  code: string;
  message?: string;
  constructor(code: string, message?: string) {
    this.code = code;
    this.message = message;
  }
}

export const associated = new Map<string, (...args: unknown[]) => unknown>();

(globalThis as any).CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode,
  associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
};
