/**
 * The dataset's two kinds of key: a figure's id, and the matching key of a name. Every module that looks a
 * figure or a name up goes through these.
 */
import type { FigureKey } from "./schema";

/** A figure's stable id, e.g. "value:Wearable devices:2029", "cagr:USA:2024-2029", "share:Global:2029:IoT". */
export function figureId(f: FigureKey): string {
  const period = f.year !== undefined ? String(f.year) : f.fromYear !== undefined ? `${f.fromYear}-${f.toYear}` : "";
  return [f.measure, f.subject, period, f.of].filter((p) => p !== undefined && p !== "").join(":");
}

/** Matching key of a name: case, spaces and punctuation do not count ("End-users" and "end users" are "endusers"). */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
