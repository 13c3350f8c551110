/** The source list of other publishers' estimates (../shared/sources), its markdown table read into rows. */
import fs from "fs";
import path from "path";

const SOURCES_PATH = path.resolve(__dirname, "..", "..", "..", "shared", "sources", "iomt-publisher-estimates.md");

export interface SourceRow {
  publisher: string;
  base: string;
  forecast: string;
  cagr: string;
  other: string;
  address: string;
}

export function readSourceList(): string {
  if (!fs.existsSync(SOURCES_PATH)) {
    throw new Error(`The publishers' source list is missing: expected it at ${SOURCES_PATH}.`);
  }
  return fs.readFileSync(SOURCES_PATH, "utf8");
}

/** The table's rows after its header and separator; a row with the wrong number of cells is an error. */
export function sourceRows(text: string): SourceRow[] {
  const lines = text.split("\n").filter((l) => l.startsWith("|"));
  return lines.slice(2).map((line) => {
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== 6) throw new Error(`A source-list row has ${cells.length} cells, not 6: ${line}`);
    const [publisher, base, forecast, cagr, other, address] = cells;
    return { publisher, base, forecast, cagr, other, address };
  });
}
