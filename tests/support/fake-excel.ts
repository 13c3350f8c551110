/**
 * An in-memory stand-in for the part of the Office.js Excel API that the add-in uses, as strict as real Excel:
 * the workbook model (excel-workbook.ts) under the Office.js protocol (excel-protocol.ts). Tests import it from here.
 */
export {
  type CellInfo,
  type ChartRecord,
  type EntityReadback,
  type Scalar,
  type TableInfo,
  FakeExcelError,
  FakeSheet,
  FakeWorkbook,
} from "./excel-workbook";
export { type FakeExcelHandle, PAYLOAD_LIMIT, installFakeExcel } from "./excel-protocol";
