/**
 * Appends a refresh's change log to the IoMT_RefreshLog table, on a sheet of its own (created the first time).
 * Refresh never treats that table as a dataset table. Everything is written as text, so that a logged formula
 * stays a record of it, never a live formula.
 */
import {
  formatAddress,
  parseAddress,
  qualified,
  textInput,
  uniqueSheetName,
  REQUEST_BUDGET_BYTES,
  type WriteOp,
} from "../core/excel";
import { LOG_HEADERS } from "../core/refresh";
import { applyOps, counted } from "./requests";

const LOG_TABLE = "IoMT_RefreshLog";
const LOG_SHEET = "IoMT Refresh log";

export interface LogResult {
  /** the rows written, sheet-qualified; undefined when nothing was written */
  address?: string;
  /** why nothing was written */
  blocked?: string;
  rows: number;
}

export async function appendRefreshLog(rows: readonly string[][], budget = REQUEST_BUDGET_BYTES): Promise<LogResult> {
  return Excel.run(async (context) => {
    const { sync } = counted(context);
    const table = context.workbook.tables.getItemOrNullObject(LOG_TABLE).load("name");
    const sheets = context.workbook.worksheets.load("items/name");
    await sync();
    const text = (r: readonly string[]) => r.map(textInput);
    if (table.isNullObject) {
      const name = uniqueSheetName(
        LOG_SHEET,
        sheets.items.map((s) => s.name),
      );
      const ws = context.workbook.worksheets.add(name);
      const area = formatAddress({ row: 0, column: 0, rows: 1 + rows.length, columns: LOG_HEADERS.length });
      const header = ws.getRange(formatAddress({ row: 0, column: 0, rows: 1, columns: LOG_HEADERS.length }));
      header.values = [[...LOG_HEADERS]];
      const created = ws.tables.add(ws.getRange(area), true);
      created.name = LOG_TABLE;
      const body: WriteOp[] = rows.length
        ? [
            {
              kind: "cells",
              table: LOG_TABLE,
              sheet: name,
              address: formatAddress({ row: 1, column: 0, rows: rows.length, columns: LOG_HEADERS.length }),
              formulas: rows.map(text),
            },
          ]
        : [];
      await applyOps(context, sync, body, budget);
      return { address: qualified(name, area), rows: rows.length };
    }
    // the table exists: grow it into empty rows below it, never over anything
    const range = table.getRange().load("address");
    const sheet = table.worksheet.load("name");
    sheet.protection.load("protected");
    await sync();
    if (sheet.protection.protected) return { blocked: `sheet '${sheet.name}' is protected`, rows: 0 };
    const area = parseAddress(range.address);
    const below = sheet
      .getRange(
        formatAddress({
          row: area.row + area.rows,
          column: area.column,
          rows: Math.max(1, rows.length),
          columns: area.columns,
        }),
      )
      .load("formulas,address");
    await sync();
    if (below.formulas.some((r) => r.some((v) => v !== "" && v !== null)))
      return {
        blocked: `cells below ${LOG_TABLE} (${below.address}) hold data; move them to let the log grow`,
        rows: 0,
      };
    const grown = formatAddress({ ...area, rows: area.rows + rows.length });
    const ops: WriteOp[] = [
      { kind: "resize", table: LOG_TABLE, sheet: sheet.name, address: grown },
      {
        kind: "cells",
        table: LOG_TABLE,
        sheet: sheet.name,
        address: formatAddress({
          row: area.row + area.rows,
          column: area.column,
          rows: rows.length,
          columns: LOG_HEADERS.length,
        }),
        formulas: rows.map(text),
      },
    ];
    await applyOps(context, sync, ops, budget);
    return { address: below.address, rows: rows.length };
  });
}
