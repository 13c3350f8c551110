/**
 * What the workbook records about the dataset it holds, in custom document properties: the dataset version
 * and edition (the stamp), and the IoMT tables it has held with the formula style each was inserted with.
 * Custom property values are cut at 255 characters in Excel desktop: the record of all nine tables is
 * about 200.
 */
import type { DatasetStamp, FormulaStyle } from "../plan";

export const STAMP_KEYS = {
  version: "IoMT dataset version",
  edition: "IoMT dataset edition",
  tables: "IoMT tables",
} as const;

const isDigit = (ch: string): boolean => ch >= "0" && ch <= "9";

/** An edition as the add-in writes it: an ISO date, YYYY-MM-DD. */
function isEdition(text: string): boolean {
  return (
    text.length === 10 &&
    [...text].every((ch, i) => (i === 4 || i === 7 ? ch === "-" : isDigit(ch))) &&
    Number(text.slice(5, 7)) >= 1 &&
    Number(text.slice(5, 7)) <= 12 &&
    Number(text.slice(8)) >= 1 &&
    Number(text.slice(8)) <= 31
  );
}

/** A version as the add-in writes it: at most four dot-separated numbers of at most six digits ("1.2.0"). */
function isVersion(text: string): boolean {
  const parts = text.length <= 32 ? text.split(".") : [];
  return (
    parts.length >= 1 &&
    parts.length <= 4 &&
    parts.every((p) => p.length >= 1 && p.length <= 6 && [...p].every(isDigit))
  );
}

/**
 * The stamp read back from the workbook's custom properties, which anyone can edit: only a version and an
 * edition of the form the add-in writes count; anything else is no stamp (the workbook is treated as one the
 * add-in has not stamped, so refresh neither refuses it as newer nor trusts it as current).
 */
export function validStamp(version: unknown, edition: unknown): DatasetStamp | undefined {
  const v = typeof version === "number" && Number.isInteger(version) ? String(version) : version;
  if (typeof v !== "string" || typeof edition !== "string") return undefined;
  return isVersion(v) && isEdition(edition) ? { version: v, edition } : undefined;
}

/** The IoMT tables a workbook has held, by table name, with the formula style they were inserted with. */
export type HeldTables = ReadonlyMap<string, FormulaStyle>;

const STYLES: readonly FormulaStyle[] = ["native", "iomt"];

/** Reads the record "IoMT_Regions=native;IoMT_About=native"; anything malformed is skipped. */
export function parseHeldTables(text: unknown): Map<string, FormulaStyle> {
  const held = new Map<string, FormulaStyle>();
  if (typeof text !== "string") return held;
  for (const part of text.split(";")) {
    const [name, style] = part.split("=").map((s) => s.trim());
    if (/^[a-z_][\w.]*$/i.test(name ?? ""))
      held.set(name, STYLES.includes(style as FormulaStyle) ? (style as FormulaStyle) : "native");
  }
  return held;
}

export function formatHeldTables(held: HeldTables): string {
  return [...held].map(([name, style]) => `${name}=${style}`).join(";");
}

const versionParts = (v: string): number[] => v.split(".").map((p) => Number.parseInt(p, 10) || 0);

function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

export type EditionRelation = "none" | "older" | "same" | "newer";

/** How the workbook's edition stands to the bundled one: editions are ISO dates; within one, the version decides. */
export function compareEdition(held: DatasetStamp | undefined, bundled: DatasetStamp): EditionRelation {
  if (!held) return "none";
  const byDate =
    held.edition < bundled.edition
      ? -1
      : held.edition > bundled.edition
        ? 1
        : compareVersions(held.version, bundled.version);
  return byDate < 0 ? "older" : byDate > 0 ? "newer" : "same";
}
