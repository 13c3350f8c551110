/**
 * Reads the selected cell for trace to source in one request of a few cells: the selection's size, its top-left
 * cell's formula, and, for each IoMT table, whether the cell is in it and the cell's column header and row key there
 * (one cell each, whatever the table's size; ExcelApi 1.4). A second request reads the cells that the arguments of
 * an IOMT.* lookup name, only when a formula outside the tables has such arguments. A selection of more than one
 * cell is never read, only its size.
 */
import { SECTIONS } from "../core/plan";
import { lookupArgumentCells } from "../core/trace";

/** A cell of an IoMT table: its table, the text of its column header and of its row's key. */
interface TableCellPlace {
  table: string;
  header: string;
  rowKey: string;
  /** the cell is the table's header row */
  isHeader: boolean;
}

export type Selection =
  | { kind: "range"; address: string; rows: number; columns: number }
  | {
      kind: "cell";
      address: string;
      /** what Range.formulas reads: the formula, else the constant */
      content: unknown;
      table?: TableCellPlace;
      /** the values of the cells its lookups' arguments name, by the reference as written */
      argumentValues: Map<string, unknown>;
    };

export async function readSelection(): Promise<Selection> {
  return Excel.run(async (context) => {
    const selected = context.workbook.getSelectedRange().load("address,rowCount,columnCount");
    const cell = selected.getCell(0, 0).load("address,formulas,rowIndex");
    // each IoMT table by name: whether the cell is in it, and the cell's header and row key there (one cell each);
    // a table the workbook lacks is a null object, and so is all that is asked of it
    const places = SECTIONS.map((s) => {
      const table = context.workbook.tables.getItemOrNullObject(s.tableName);
      const range = table.getRange();
      return {
        table: s.tableName,
        hit: range.getIntersectionOrNullObject(cell).load("address"),
        header: table.getHeaderRowRange().getIntersectionOrNullObject(cell.getEntireColumn()).load("text,rowIndex"),
        key: range.getColumn(0).getIntersectionOrNullObject(cell.getEntireRow()).load("text"),
      };
    });
    await context.sync();
    if (selected.rowCount !== 1 || selected.columnCount !== 1)
      return { kind: "range", address: selected.address, rows: selected.rowCount, columns: selected.columnCount };
    const content = cell.formulas[0][0];
    const found = places.find((p) => !p.hit.isNullObject && !p.header.isNullObject && !p.key.isNullObject);
    const table = found && {
      table: found.table,
      header: String(found.header.text[0][0]),
      rowKey: String(found.key.text[0][0]),
      isHeader: found.header.rowIndex === cell.rowIndex,
    };
    const argumentValues = new Map<string, unknown>();
    const refs = !table && typeof content === "string" && content.startsWith("=") ? lookupArgumentCells(content) : [];
    if (refs.length) {
      // the cells a lookup's arguments name: on the cell's own sheet, or on the sheet the reference names
      const args = refs.map((r) => {
        const sheet = r.sheet === undefined ? cell.worksheet : context.workbook.worksheets.getItemOrNullObject(r.sheet);
        return { ref: r, range: sheet.getRange(r.address).load("values") };
      });
      await context.sync();
      for (const { ref, range } of args) if (!range.isNullObject) argumentValues.set(ref.text, range.values[0][0]);
    }
    return { kind: "cell", address: cell.address, content, argumentValues, ...(table ? { table } : {}) };
  });
}
