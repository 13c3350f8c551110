/**
 * A segment's linked cell, as Insert, the segment list and Refresh write it where Excel has linked data types
 * (ExcelApi 1.19), and how refresh recognises one of the add-in's. Apart from the load service (linked-entity.ts), so
 * that the custom functions' bundle carries only what Excel's requests need.
 */
import { nameKey } from "../../data/keys";
import {
  ADDIN_SERVICE_ID,
  CARD_CULTURE,
  idOf,
  SEGMENT_DOMAIN,
  type LinkedSegment,
  type LinkedSegmentId,
} from "./linked-entity";
import type { DatasetIndex } from "./lookup";

/** The linked cell of a segment (its id is the matching key of its name), or undefined for a name not in the dataset. */
export function linkedSegment(index: DatasetIndex, segment: string): LinkedSegment | undefined {
  const entry = index.segments.get(nameKey(segment));
  if (!entry) return undefined;
  const { name } = entry.segment;
  return {
    type: "LinkedEntity",
    id: idOf(nameKey(name), CARD_CULTURE),
    text: name,
    basicType: "Error",
    basicValue: "#VALUE!",
  };
}

/** The segment key a linked cell of the add-in's domain holds, or undefined for any other cell. */
export function linkedSegmentKey(json: unknown): string | undefined {
  const o = json as { type?: unknown; id?: Partial<LinkedSegmentId> } | null;
  const id = o && typeof o === "object" && o.type === "LinkedEntity" ? o.id : undefined;
  return id && id.serviceId === ADDIN_SERVICE_ID && id.domainId === SEGMENT_DOMAIN.id && typeof id.entityId === "string"
    ? id.entityId
    : undefined;
}
