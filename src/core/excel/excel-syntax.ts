/**
 * Excel's syntax for what the plan writes: sheet names, structured references to table columns, and formulas
 * that stay blank when an input is blank. Cell addresses are a1.ts's.
 */

/** What a file stores before the name of a function newer than Excel 2007, or other applications show #NAME?. */
export const XLFN = "_xlfn.";

/** The functions newer than Excel 2007 that the add-in's formulas call. */
export const NEWER_FUNCTIONS = ["RRI"] as const;

/** Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ], unique without regard to case. */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const base =
    wanted
      .replace(/[:\\/?*[\]]/g, " ")
      .slice(0, 31)
      .trim() || "IoMT";
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}

const escapeHeader = (header: string): string => header.replace(/(['#[\]])/g, "'$1");

/** A structured reference to a column in the same row: Table[[#This Row],[Column]] (Excel and LibreOffice read it). */
export function thisRow(tableName: string, header: string): string {
  return `${tableName}[[#This Row],[${escapeHeader(header)}]]`;
}

/** A structured reference to a whole column, bracketed twice so that headers with spaces or signs work: Table[[Column]]. */
export function wholeColumn(tableName: string, header: string): string {
  return `${tableName}[[${escapeHeader(header)}]]`;
}

/** A formula that gives "" when any of `refs` is blank, else `expression`: =IF(OR(a="",b=""),"",expression). */
export function ifBlank(refs: readonly string[], expression: string): string {
  return `=IF(OR(${refs.map((r) => `${r}=""`).join(",")}),"",${expression})`;
}

/**
 * Whether a formula reads the same in every cell it is filled into: nothing outside quotes and brackets looks like an
 * A1 reference (letters then digits), which Excel would move from cell to cell. Structured references such as
 * Table[[#This Row],[Column]] stay as they are. Errs towards "no": a function such as LOG10 counts as a reference.
 */
export function sameInEveryCell(formula: string): boolean {
  let outside = "";
  let depth = 0;
  let quote = "";
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (quote) {
      if (ch === quote) quote = "";
    } else if (depth) {
      // in a structured reference, an apostrophe escapes the next character ('[, '], '#, '')
      if (ch === "'") i++;
      else if (ch === "[") depth++;
      else if (ch === "]") depth--;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[") depth = 1;
    else outside += ch;
  }
  return !quote && !depth && !/[a-z]\$?\d/i.test(outside);
}
