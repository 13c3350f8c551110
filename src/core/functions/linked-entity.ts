/**
 * The segment cards as an Excel linked entity data domain (ExcelApi 1.19, Windows and Mac; not Excel on the web):
 * a cell holds only the segment's id and name, and Excel asks the add-in's load service for the card when it needs
 * it (on demand, and at Data > Refresh All). Microsoft, "Create linked entity data types in Excel add-ins"
 * (learn.microsoft.com/office/dev/add-ins/excel/excel-data-types-linked-entity-cell-values, dated 06/30/2026).
 * Pure: the shapes mirror Excel's LinkedEntityCellValue and LinkedEntityLoadServiceResult.
 */
import { nameKey } from "../../data/keys";
import { notAvailable } from "./errors";
import { segmentEntity, type RangeAt, type SegmentEntity } from "./entity";
import type { DatasetIndex } from "./lookup";

/** "You must specify a serviceId of 268436224 for any linked entity cell values you return" (the page above). */
export const ADDIN_SERVICE_ID = 268436224;

/** The one data domain the add-in registers; its load service is the custom function SEGMENTCARDS. */
export const SEGMENT_DOMAIN = {
  id: "iomt-segments",
  name: "IoMT segments",
  dataProvider: "IoMT market dataset",
  loadFunctionId: "SEGMENTCARDS",
} as const;

/** The culture written into every id; Excel passes it back to the load service, which keeps it. */
export const CARD_CULTURE = "en-US";

/** What Excel may send: at most this many entities in one request, ids and cultures at most this long. */
export const LOAD_LIMITS = { requestChars: 1_000_000, entities: 10_000, idChars: 255, cultureChars: 85 } as const;

export interface LinkedSegmentId {
  entityId: string;
  domainId: string;
  serviceId: number;
  culture: string;
}

/**
 * What the add-in writes into a cell: the id and the text shown until Excel has the card. basicType and basicValue
 * are the fallback an Excel without linked entities shows (the page above, "Behavior in Excel 2019 and earlier").
 */
export interface LinkedSegment {
  type: "LinkedEntity";
  id: LinkedSegmentId;
  text: string;
  basicType: "Error";
  basicValue: "#VALUE!";
}

/** A card as the load service answers it: the full segment card under its id. */
export type LinkedSegmentCard = Omit<SegmentEntity, "type"> & LinkedSegment;

/** The id of a linked card of the add-in's domain: Excel sends entityId and culture back to the load service. */
export const idOf = (entityId: string, culture: string): LinkedSegmentId => ({
  entityId,
  domainId: SEGMENT_DOMAIN.id,
  serviceId: ADDIN_SERVICE_ID,
  culture,
});

function card(index: DatasetIndex, rangeAt: RangeAt, entityId: string, culture: string): LinkedSegmentCard {
  const entry = index.segments.get(entityId);
  const known = entry !== undefined && nameKey(entry.segment.name) === entityId;
  const full = segmentEntity(index, known ? entry.segment.name : index.dataset.segments[0].name, rangeAt);
  // an id the dataset does not know (a segment a later edition dropped, or an edited workbook) gets a card that
  // says so, and the other cards of the same request still load
  if (!known) {
    full.text = entityId;
    full.properties = {
      Name: { type: "String", basicValue: entityId },
      Note: { type: "String", basicValue: `Not in the IoMT dataset ${index.dataset.info.version}` },
    };
    full.layouts.card.subTitle.property = "Note";
    full.layouts.card.sections = [];
  }
  return { ...full, type: "LinkedEntity", id: idOf(entityId, culture), basicType: "Error", basicValue: "#VALUE!" };
}

const refuse = (why: string): never => {
  throw notAvailable(`Excel's request for IoMT cards is refused: ${why}.`);
};

/**
 * Answers Excel's LinkedEntityLoadServiceRequest ({ domainId, entities: [{ entityId, culture }] }, passed as JSON
 * text or as an object): one card per entity, in the order asked, as the page above requires. The request is
 * untrusted: a request that is not of this domain, too large, or holds a malformed entity is refused as a whole
 * (Excel then shows #CONNECT!, the page's "Error handling"); an id the dataset does not know gets a card that says so.
 * rangeAt gives the global segment's card other publishers' range (see segmentEntity).
 */
export function loadSegmentCards(
  index: DatasetIndex,
  request: unknown,
  rangeAt: RangeAt,
): { entities: LinkedSegmentCard[] } {
  let parsed: unknown = request;
  if (typeof request === "string") {
    if (request.length > LOAD_LIMITS.requestChars) refuse("too large");
    try {
      parsed = JSON.parse(request);
    } catch {
      refuse("not JSON");
    }
  }
  const { domainId, entities } = (parsed && typeof parsed === "object" ? parsed : {}) as Record<string, unknown>;
  if (domainId !== SEGMENT_DOMAIN.id) refuse("another domain");
  if (!Array.isArray(entities) || entities.length < 1 || entities.length > LOAD_LIMITS.entities) refuse("entity count");
  const made = new Map<string, LinkedSegmentCard>();
  return {
    entities: (entities as unknown[]).map((e) => {
      const { entityId, culture } = (e && typeof e === "object" ? e : {}) as Record<string, unknown>;
      if (typeof entityId !== "string" || entityId.length < 1 || entityId.length > LOAD_LIMITS.idChars)
        refuse("entity id");
      if (typeof culture !== "string" || culture.length > LOAD_LIMITS.cultureChars) refuse("culture");
      const key = `${culture as string}|${entityId as string}`;
      if (!made.has(key)) made.set(key, card(index, rangeAt, entityId as string, culture as string));
      return made.get(key)!;
    }),
  };
}
