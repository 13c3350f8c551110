/**
 * The registry of the IOMT.* functions: one declarative record per function, the only place the list, the
 * arguments, the results and the native forms are written. The conversion to native formulas (../portable)
 * reads it; the JSDoc of src/functions/functions.ts, which Office's metadata generator reads, is checked against
 * it (tests/functions-metadata.test.ts compares it with the generated functions.json).
 */

/** What an argument is: the functions.json type follows from it (number, or string for names). */
export type ArgumentKind =
  /** a number */
  | "number"
  /** one cell or a range of cells, taken as a matrix */
  | "range"
  /** a segment or driver name, matched as the lookups match names */
  | "name"
  /** a year of the dataset */
  | "year"
  /** a year of the other publishers' estimates */
  | "estimateYear"
  /** a dimension of the segments (market, region, …) */
  | "dimension";

/** What a function gives: one number, a spilled range, one line of text or a data type. */
export type ResultKind = "number" | "matrix" | "text" | "entity";

/** A calculator computes from its arguments alone; a lookup reads the dataset (a portable workbook's data sheet). */
type FunctionRole = "calculator" | "lookup";

/** The native formula a call becomes: the tag the portable conversion builds it by (../portable/convert.ts). */
export type NativeForm =
  | "rri"
  | "growthPower"
  | "ratio"
  | "share"
  | "valueInYear"
  | "sourceInYear"
  | "segmentRate"
  | "segmentGrowth"
  | "series"
  | "segments"
  | "driver"
  | "estimates"
  | "estimateRange";

export interface Parameter {
  /** the parameter's name, as in the JSDoc and functions.json */
  name: string;
  kind: ArgumentKind;
  optional?: true;
}

export interface FunctionRecord {
  role: FunctionRole;
  parameters: readonly Parameter[];
  result: ResultKind;
  /** how the portable conversion writes it, or null where no native formula can give its result */
  native: NativeForm | null;
}

const required = (name: string, kind: ArgumentKind): Parameter => ({ name, kind });
const optional = (name: string, kind: ArgumentKind): Parameter => ({ name, kind, optional: true });

const RECORDS = {
  CAGR: {
    role: "calculator",
    parameters: [required("start_value", "number"), required("end_value", "number"), required("years", "number")],
    result: "number",
    native: "rri",
  },
  PROJECT: {
    role: "calculator",
    parameters: [required("value", "number"), required("rate", "number"), required("years", "number")],
    result: "number",
    native: "growthPower",
  },
  SHARE: {
    role: "calculator",
    parameters: [required("values", "range"), optional("total", "number")],
    result: "matrix",
    native: "share",
  },
  IMPLIEDTOTAL: {
    role: "calculator",
    parameters: [required("part", "number"), required("share", "number")],
    result: "number",
    native: "ratio",
  },
  VALUE: {
    role: "lookup",
    parameters: [required("segment", "name"), optional("year", "year")],
    result: "number",
    native: "valueInYear",
  },
  RATE: { role: "lookup", parameters: [required("segment", "name")], result: "number", native: "segmentRate" },
  GROWTH: { role: "lookup", parameters: [required("segment", "name")], result: "number", native: "segmentGrowth" },
  SERIES: {
    role: "lookup",
    parameters: [required("segment", "name"), optional("from_year", "year"), optional("to_year", "year")],
    result: "matrix",
    native: "series",
  },
  SEGMENTS: { role: "lookup", parameters: [optional("dimension", "dimension")], result: "matrix", native: "segments" },
  DRIVER: { role: "lookup", parameters: [required("name", "name")], result: "number", native: "driver" },
  SOURCE: {
    role: "lookup",
    parameters: [required("segment", "name"), optional("year", "year")],
    result: "text",
    native: "sourceInYear",
  },
  ESTIMATES: {
    role: "lookup",
    parameters: [optional("year", "estimateYear")],
    result: "matrix",
    native: "estimates",
  },
  RANGE: { role: "lookup", parameters: [optional("year", "estimateYear")], result: "matrix", native: "estimateRange" },
  ENTITY: { role: "lookup", parameters: [required("segment", "name")], result: "entity", native: null },
} as const satisfies Record<string, FunctionRecord>;

/** An IOMT function, by the name after the namespace. */
export type IomtFunction = keyof typeof RECORDS;

/** A function's record with its name and the number of arguments it takes (required ones first). */
export interface IomtFunctionInfo extends FunctionRecord {
  name: IomtFunction;
  minArgs: number;
  maxArgs: number;
}

/** Every IOMT function, in the order of src/functions/functions.ts. */
export const IOMT_FUNCTIONS = Object.keys(RECORDS) as readonly IomtFunction[];

const INFO: ReadonlyMap<string, IomtFunctionInfo> = new Map(
  IOMT_FUNCTIONS.map((name): [string, IomtFunctionInfo] => {
    const record: FunctionRecord = RECORDS[name];
    const minArgs = record.parameters.filter((p) => !p.optional).length;
    if (record.parameters.slice(0, minArgs).some((p) => p.optional))
      throw new Error(`IOMT.${name} lists an optional parameter before a required one.`);
    return [name, { ...record, name, minArgs, maxArgs: record.parameters.length }];
  }),
);

/** Whether a name (upper case, after the namespace) is an IOMT function. */
export const isIomtFunction = (name: string): name is IomtFunction => INFO.has(name);

/** The record of an IOMT function. */
export function functionInfo(name: IomtFunction): IomtFunctionInfo {
  const info = INFO.get(name);
  if (!info) throw new Error(`Unknown IOMT function "${name}".`);
  return info;
}
