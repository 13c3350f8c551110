/**
 * An in-memory stand-in for the part of the Office.js Excel API that the add-in uses, as strict as real Excel:
 * the workbook model (excel-workbook.ts) under the Office.js protocol (excel-protocol.ts). Tests import it from
 * here and take it through `useFakeExcel`.
 */
import { FakeWorkbook } from "./excel-workbook";
import { type FakeExcelHandle, installFakeExcel } from "./excel-protocol";

export { type Scalar, type FakeSheet, FakeWorkbook } from "./excel-workbook";
export { PAYLOAD_LIMIT, installFakeExcel } from "./excel-protocol";

/** The current test's stand-in: its workbook and the handle that counts its round trips and payloads. */
export interface FakeExcel {
  readonly wb: FakeWorkbook;
  readonly excel: FakeExcelHandle;
  /** Puts `next` (by default a new workbook with the same sheets) in place of the workbook for the rest of the test. */
  replace(next?: FakeWorkbook): FakeWorkbook;
}

/**
 * The stand-in for each test of a file (or of a describe block): before each test, a new workbook with `sheets`,
 * `seed` run on it (the workbook as the analyst left it), then installed as the Excel global; after each test,
 * uninstalled.
 */
export function useFakeExcel(sheets: string[], seed?: (wb: FakeWorkbook) => void): FakeExcel {
  let wb: FakeWorkbook | undefined;
  let excel: FakeExcelHandle | undefined;
  const current = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error("The Excel stand-in exists only while a test runs.");
    return x;
  };
  const fake: FakeExcel = {
    get wb() {
      return current(wb);
    },
    get excel() {
      return current(excel);
    },
    replace(next = new FakeWorkbook(sheets)) {
      excel?.uninstall();
      wb = next;
      excel = installFakeExcel(next);
      return next;
    },
  };
  beforeEach(() => {
    const fresh = new FakeWorkbook(sheets);
    seed?.(fresh);
    fake.replace(fresh);
  });
  afterEach(() => {
    excel?.uninstall();
    wb = excel = undefined;
  });
  return fake;
}
