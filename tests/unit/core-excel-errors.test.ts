/** Excel's refusals in plain words (src/core/excel/excel-errors.ts), from the errors Office.js and the stand-in throw. */
import { FakeExcelError } from "../support/excel-workbook";
import { excelCodeDetail, excelFailure, plainExcelError } from "../../src/core/excel";

test("the code is read from the error or its debugInfo, and the message loses the code's prefix", () => {
  const e = new FakeExcelError(
    "InvalidOperationInCellEditMode",
    "The operation isn't available while Excel is in Edit cell mode.",
  );
  expect(excelFailure(e)).toEqual({
    code: "InvalidOperationInCellEditMode",
    message: "The operation isn't available while Excel is in Edit cell mode.",
  });
  expect(excelFailure({ message: "x", debugInfo: { code: "AccessDenied" } })).toEqual({
    code: "AccessDenied",
    message: "x",
  });
  expect(excelFailure(new Error("plain"))).toEqual({ code: undefined, message: "plain" });
  expect(excelFailure("text")).toEqual({ code: undefined, message: "text" });
  expect(excelFailure({ message: "y".repeat(10000) }).message.length).toBeLessThanOrEqual(300);
});

test("known codes get plain words that say what to do; the code is only a detail", () => {
  const edit = new FakeExcelError("InvalidOperationInCellEditMode", "Edit cell mode.");
  expect(plainExcelError(edit, "refresh again")).toBe(
    "Excel is editing a cell: press Enter or Esc, then refresh again.",
  );
  expect(plainExcelError(edit)).toBe("Excel is editing a cell: press Enter or Esc, then try again.");
  expect(excelCodeDetail(edit)).toBe("Excel's code, for support: InvalidOperationInCellEditMode.");
  for (const code of ["AccessDenied", "RequestPayloadSizeLimitExceeded", "ItemNotFound", "GeneralException"]) {
    const text = plainExcelError(new FakeExcelError(code, "developer text"));
    expect(text).not.toContain(code);
    expect(text).not.toContain("developer text");
    expect(text).toMatch(/try again|Update Excel/);
  }
  expect(plainExcelError(new FakeExcelError("AccessDenied", "x"))).toMatch(/protected/);
});

test("an unknown code, or none, shows Excel's own message; a code that is an object key is not taken for a known one", () => {
  expect(plainExcelError(new FakeExcelError("SomethingNew", "Excel's words."))).toBe(
    "Excel refused the change: Excel's words.",
  );
  expect(plainExcelError(new Error("Not an A1 address: x"))).toBe("Excel refused the change: Not an A1 address: x");
  expect(plainExcelError({ code: "toString", message: "m" })).toBe("Excel refused the change: m");
  expect(excelCodeDetail(new Error("no code"))).toBeUndefined();
});
