/** The workbook's record of the dataset it holds, in custom document properties (see core/refresh/edition.ts). */
import { formatHeldTables, parseHeldTables, STAMP_KEYS, validStamp, type HeldTables } from "../core/refresh";
import type { DatasetStamp } from "../core/plan";

export interface StampProxies {
  version: Excel.CustomProperty;
  edition: Excel.CustomProperty;
  tables: Excel.CustomProperty;
}

/** Queues the read of the stamp and the record of held tables (no sync). */
export function queueStampRead(context: Excel.RequestContext): StampProxies {
  const custom = context.workbook.properties.custom;
  return {
    version: custom.getItemOrNullObject(STAMP_KEYS.version).load("value"),
    edition: custom.getItemOrNullObject(STAMP_KEYS.edition).load("value"),
    tables: custom.getItemOrNullObject(STAMP_KEYS.tables).load("value"),
  };
}

export function stampOf(p: StampProxies): DatasetStamp | undefined {
  if (p.version.isNullObject || p.edition.isNullObject) return undefined;
  return validStamp(p.version.value, p.edition.value);
}

export function heldOf(p: StampProxies): Map<string, "native" | "iomt"> {
  return p.tables.isNullObject ? new Map() : parseHeldTables(p.tables.value);
}

/** Queues writing the stamp (when given) and the record of held tables (no sync). */
export function queueStamp(context: Excel.RequestContext, stamp: DatasetStamp | undefined, held: HeldTables): void {
  const custom = context.workbook.properties.custom;
  if (stamp) {
    custom.add(STAMP_KEYS.version, stamp.version);
    custom.add(STAMP_KEYS.edition, stamp.edition);
  }
  custom.add(STAMP_KEYS.tables, formatHeldTables(held));
}

/** The dataset edition the workbook holds (one round trip). */
export async function readStamp(): Promise<DatasetStamp | undefined> {
  return Excel.run(async (context) => {
    const p = queueStampRead(context);
    await context.sync();
    return stampOf(p);
  });
}
