/**
 * What a portable lookup formula computes, worked out over the Excel stand-in's cells: the stand-in stores
 * formulas but computes only a few (excel-workbook.ts `evaluate`), so a test that must read what a native lookup
 * gives evaluates it here. Only what the portable lookups use is known: numbers, text, errors, references (A1 and
 * table columns), + - * / ^ & and comparisons, and INDEX, MATCH (exact), IF, AND, OR, NA, ISTEXT, ISNUMBER,
 * ISBLANK, ISERROR, LEN, SUBSTITUTE, INT, RRI. Anything else throws, so a test never reads a guess.
 */
import { parse, tokenize } from "@borgar/fx";
import type { FakeSheet, FakeWorkbook } from "./excel-workbook";

export type Value = number | string | boolean | { error: string };
interface Area {
  sheet: FakeSheet;
  top: number;
  left: number;
  bottom: number;
  right: number;
}
type Result = Value | Area;

interface Node {
  type: string;
  value?: unknown;
  name?: string;
  operator?: string;
  callee?: Node;
  arguments?: Node[];
}

const isError = (v: unknown): v is { error: string } => typeof v === "object" && v !== null && "error" in v;
const isArea = (v: Result): v is Area => typeof v === "object" && "sheet" in v;
const NA = { error: "#N/A" };
const VALUE = { error: "#VALUE!" };

const columnIndex = (letters: string): number =>
  [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

class Evaluator {
  constructor(
    private readonly wb: FakeWorkbook,
    private readonly depth: number,
  ) {}

  cellValue(sheet: FakeSheet, row: number, column: number): Value {
    const cell = sheet.get(row, column);
    if (cell.entity) throw new Error("A data type in a lookup is not modelled here.");
    if (cell.formula.startsWith("=")) return formulaValue(this.wb, sheet, cell.formula, this.depth + 1);
    return cell.value;
  }

  reference(text: string, at: FakeSheet): Area {
    const table = /^([A-Za-z_][\w.]*)\[\[?([^[\]]+)\]?\]$/.exec(text);
    if (table) {
      const t = this.wb.table(table[1]);
      if (!t) throw new Error(`No table ${table[1]}.`);
      const j = t.headers.findIndex((h) => h.toLowerCase() === table[2].toLowerCase());
      if (j < 0) throw new Error(`No column ${table[2]} in ${t.name}.`);
      const [, c1, r1] = /^([A-Z]+)(\d+)/.exec(t.address)!;
      const top = Number(r1); // the header row is row r1 - 1, 0-based: the body starts at r1
      const column = columnIndex(c1) + j;
      return { sheet: this.wb.sheet(t.sheet), top, left: column, bottom: top + t.rows.length - 1, right: column };
    }
    const a1 = /^(?:'((?:[^']|'')+)'!|([^'!]+)!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(text);
    if (!a1) throw new Error(`Reference ${text} is not modelled here.`);
    const sheetName = a1[1]?.split("''").join("'") ?? a1[2];
    const sheet = sheetName ? this.wb.sheet(sheetName) : at;
    const [top, left] = [Number(a1[4]) - 1, columnIndex(a1[3])];
    const [bottom, right] = a1[5] ? [Number(a1[6]) - 1, columnIndex(a1[5])] : [top, left];
    return { sheet, top, left, bottom, right };
  }

  scalar(r: Result): Value {
    if (!isArea(r)) return r;
    if (r.top !== r.bottom || r.left !== r.right) throw new Error("A range where one value is wanted.");
    return this.cellValue(r.sheet, r.top, r.left);
  }

  number(v: Value): number | { error: string } {
    if (isError(v)) return v;
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v === "") return 0;
    const n = Number(v);
    return Number.isFinite(n) ? n : VALUE;
  }

  eval(node: Node, at: FakeSheet): Result {
    switch (node.type) {
      case "Literal":
        return node.value as Value;
      case "ErrorLiteral":
        return { error: String(node.value) };
      case "ReferenceIdentifier":
        return this.reference(String(node.value), at);
      case "UnaryExpression": {
        const v = this.number(this.scalar(this.eval(node.arguments![0], at)));
        if (isError(v)) return v;
        return node.operator === "-" ? -v : v;
      }
      case "BinaryExpression":
        return this.binary(node.operator!, node.arguments!, at);
      case "CallExpression":
        return this.call(String(node.callee?.name).toUpperCase(), node.arguments ?? [], at);
      default:
        throw new Error(`${node.type} is not modelled here.`);
    }
  }

  binary(op: string, [l, r]: Node[], at: FakeSheet): Value {
    const a = this.scalar(this.eval(l, at));
    const b = this.scalar(this.eval(r, at));
    if (isError(a)) return a;
    if (isError(b)) return b;
    if (op === "&") return `${a}${b}`;
    if (["=", "<>", "<", ">", "<=", ">="].includes(op)) {
      const [x, y] =
        typeof a === "string" && typeof b === "string" ? [a.toLowerCase(), b.toLowerCase()] : [a as never, b as never];
      return op === "="
        ? x === y
        : op === "<>"
          ? x !== y
          : op === "<"
            ? x < y
            : op === ">"
              ? x > y
              : op === "<="
                ? x <= y
                : x >= y;
    }
    const [x, y] = [this.number(a), this.number(b)];
    if (isError(x)) return x;
    if (isError(y)) return y;
    if (op === "+") return x + y;
    if (op === "-") return x - y;
    if (op === "*") return x * y;
    if (op === "/") return y === 0 ? { error: "#DIV/0!" } : x / y;
    if (op === "^") return Math.pow(x, y);
    throw new Error(`Operator ${op} is not modelled here.`);
  }

  call(name: string, args: Node[], at: FakeSheet): Result {
    const value = (i: number) => this.scalar(this.eval(args[i], at));
    switch (name) {
      case "NA":
        return NA;
      case "IF": {
        const test = value(0);
        if (isError(test)) return test;
        const yes = typeof test === "string" ? VALUE : this.number(test);
        if (isError(yes)) return yes;
        return yes !== 0 ? this.eval(args[1], at) : args.length > 2 ? this.eval(args[2], at) : false;
      }
      case "AND":
      case "OR": {
        const vs = args.map((_, i) => this.number(value(i)));
        const error = vs.find(isError);
        if (error) return error;
        return name === "AND" ? vs.every((v) => v !== 0) : vs.some((v) => v !== 0);
      }
      case "ISTEXT":
        return typeof value(0) === "string";
      case "ISNUMBER":
        return typeof value(0) === "number";
      case "ISERROR":
        return isError(value(0));
      case "ISBLANK": {
        const r = this.eval(args[0], at);
        return isArea(r) && this.cellValue(r.sheet, r.top, r.left) === "" && r.sheet.get(r.top, r.left).formula === "";
      }
      case "LEN": {
        const v = value(0);
        return isError(v) ? v : String(v).length;
      }
      case "INT": {
        const v = this.number(value(0));
        return isError(v) ? v : Math.floor(v);
      }
      case "SUBSTITUTE": {
        const [s, from, to] = [value(0), value(1), value(2)];
        const error = [s, from, to].find(isError);
        if (error) return error;
        return String(s).split(String(from)).join(String(to));
      }
      case "RRI": {
        const [n, s, e] = [0, 1, 2].map((i) => this.number(value(i)));
        const error = [n, s, e].find(isError);
        if (error) return error;
        return Math.pow((e as number) / (s as number), 1 / (n as number)) - 1;
      }
      case "INDEX": {
        const r = this.eval(args[0], at);
        if (!isArea(r) || r.left !== r.right) throw new Error("INDEX over more than one column is not modelled here.");
        const k = this.number(value(1));
        if (isError(k)) return k;
        const row = r.top + Math.trunc(k) - 1;
        return k < 1 || row > r.bottom ? { error: "#REF!" } : { ...r, top: row, bottom: row };
      }
      case "MATCH": {
        const wanted = value(0);
        if (isError(wanted)) return wanted;
        const r = this.eval(args[1], at);
        if (!isArea(r) || r.left !== r.right || this.number(value(2)) !== 0)
          throw new Error("MATCH other than MATCH(x, a column, 0) is not modelled here.");
        for (let row = r.top; row <= r.bottom; row++) {
          const v = this.cellValue(r.sheet, row, r.left);
          const same =
            typeof v === "string" && typeof wanted === "string"
              ? v.toLowerCase() === wanted.toLowerCase()
              : v === wanted;
          if (same) return row - r.top + 1;
        }
        return NA;
      }
      default:
        throw new Error(`${name} is not modelled here.`);
    }
  }
}

/** The value of a formula ("=...") in a cell of `sheet`. */
export function formulaValue(wb: FakeWorkbook, sheet: FakeSheet, formula: string, depth = 0): Value {
  if (depth > 64) throw new Error("Too deep: a circular reference?");
  const root = parse(tokenize(formula, { mergeRefs: true, negativeNumbers: true })) as unknown as Node;
  const ev = new Evaluator(wb, depth);
  return ev.scalar(ev.eval(root, sheet));
}
