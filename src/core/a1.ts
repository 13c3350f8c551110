/** A1 addresses: "'IoMT Regions'!A3:P9" <-> sheet, 0-based row and column, size. */

export interface Area {
  sheet?: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([a-z]{1,3})\$?(\d+)$/i;

export function parseAddress(address: string): Area {
  const bang = address.lastIndexOf("!");
  let sheet: string | undefined;
  let ref = address;
  if (bang >= 0) {
    sheet = address
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    ref = address.slice(bang + 1);
  }
  const [a, b = a] = ref.split(":");
  const m1 = CELL.exec(a);
  const m2 = CELL.exec(b);
  if (!m1 || !m2) throw new Error(`Not an A1 address: ${address}`);
  const r1 = Number(m1[2]) - 1;
  const r2 = Number(m2[2]) - 1;
  const c1 = columnIndex(m1[1]);
  const c2 = columnIndex(m2[1]);
  return {
    sheet,
    row: Math.min(r1, r2),
    column: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    columns: Math.abs(c2 - c1) + 1,
  };
}

/** "A3:P9" (no sheet), or "A3" for one cell. */
export function formatAddress(area: Omit<Area, "sheet">): string {
  const start = `${columnLetters(area.column)}${area.row + 1}`;
  if (area.rows === 1 && area.columns === 1) return start;
  return `${start}:${columnLetters(area.column + area.columns - 1)}${area.row + area.rows}`;
}

/** A sheet-qualified address, quoted as Excel does when the name needs it. */
export function qualified(sheet: string, area: Omit<Area, "sheet">): string {
  const name = /^[a-z_][\w.]*$/i.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${formatAddress(area)}`;
}
