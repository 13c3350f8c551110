/** The segment cards as a linked data type: the cells the add-in writes, and the load service Excel calls. */
import { INDEX } from "../../src/data/bundled";
import { RANGE_AT } from "../support/publishers-range";
import {
  ADDIN_SERVICE_ID,
  LOAD_LIMITS,
  SEGMENT_DOMAIN,
  linkedSegment,
  linkedSegmentKey,
  loadSegmentCards,
  segmentEntity,
  FormulaError,
} from "../../src/core/functions";
import { sameLinkedCard } from "../../src/core/excel";
import { functions } from "../support/typed-functions";

// Compile-time: the cell and the answer fit Excel's types (tsc checks these lines).
const asCell: Excel.LinkedEntityCellValue = linkedSegment(INDEX, "USA")!;
const asResult: Excel.LinkedEntityLoadServiceResult = loadSegmentCards(
  INDEX,
  {
    domainId: SEGMENT_DOMAIN.id,
    entities: [{ entityId: "usa", culture: "en-US" }],
  },
  RANGE_AT,
);
const CF = (globalThis as any).CustomFunctions;

const request = (...ids: string[]) =>
  JSON.stringify({ domainId: SEGMENT_DOMAIN.id, entities: ids.map((entityId) => ({ entityId, culture: "en-GB" })) });

describe("a linked segment cell", () => {
  test("holds the id (the segment key, in the add-in's domain and service) and the name as its text", () => {
    expect(asCell).toEqual({
      type: "LinkedEntity",
      id: { entityId: "usa", domainId: "iomt-segments", serviceId: 268436224, culture: "en-US" },
      text: "USA",
      basicType: "Error",
      basicValue: "#VALUE!",
    });
    expect(linkedSegment(INDEX, "wearables")!.text).toBe("Wearable devices");
    expect(linkedSegment(INDEX, "Nowhere")).toBeUndefined();
    // "Don't use exclamation marks in the entityID or domainId values"
    for (const s of INDEX.dataset.segments) expect(linkedSegment(INDEX, s.name)!.id.entityId).toMatch(/^[a-z0-9]+$/);
    expect(SEGMENT_DOMAIN.id).not.toContain("!");
  });

  test("is recognised by its service and domain only", () => {
    expect(linkedSegmentKey(asCell)).toBe("usa");
    expect(linkedSegmentKey({ ...asCell, id: { ...asCell.id, serviceId: 536870912 } })).toBeUndefined();
    expect(linkedSegmentKey({ ...asCell, id: { ...asCell.id, domainId: "stocks" } })).toBeUndefined();
    expect(linkedSegmentKey(segmentEntity(INDEX, "USA", RANGE_AT))).toBeUndefined();
    expect(linkedSegmentKey(null)).toBeUndefined();
    expect(linkedSegmentKey("usa")).toBeUndefined();
  });
});

describe("the load service", () => {
  test("answers each entity by its id, in the order asked, with the full card and the request's culture", () => {
    const { entities } = loadSegmentCards(INDEX, request("wearabledevices", "usa", "wearabledevices"), RANGE_AT);
    expect(entities.map((e) => [e.text, e.id.entityId, e.id.culture])).toEqual([
      ["Wearable devices", "wearabledevices", "en-GB"],
      ["USA", "usa", "en-GB"],
      ["Wearable devices", "wearabledevices", "en-GB"],
    ]);
    expect(entities[1]).toEqual({
      ...segmentEntity(INDEX, "USA", RANGE_AT),
      type: "LinkedEntity",
      id: { entityId: "usa", domainId: SEGMENT_DOMAIN.id, serviceId: ADDIN_SERVICE_ID, culture: "en-GB" },
      basicType: "Error",
      basicValue: "#VALUE!",
    });
    expect(asResult.entities).toHaveLength(1);
  });

  test("an id the dataset does not know gets a card that says so; the others still load", () => {
    const { entities } = loadSegmentCards(INDEX, request("usa", "atlantis", "USA"), RANGE_AT);
    expect(entities[0].text).toBe("USA");
    expect(entities[1].text).toBe("atlantis");
    expect(entities[1].id.entityId).toBe("atlantis");
    expect(entities[1].properties.Note).toEqual({
      type: "String",
      basicValue: `Not in the IoMT dataset ${INDEX.dataset.info.version}`,
    });
    expect(Object.keys(entities[1].properties)).toEqual(["Name", "Note"]);
    // ids are keys, not names typed by an analyst: "USA" is not the key "usa"
    expect(entities[2].text).toBe("USA");
    expect(Object.keys(entities[2].properties)).toEqual(["Name", "Note"]);
  });

  test("refuses, as a whole, a request that is not the domain's, too large, or malformed", () => {
    const refused = (r: unknown) => {
      try {
        loadSegmentCards(INDEX, r, RANGE_AT);
      } catch (e) {
        return e instanceof FormulaError && e.code === "#N/A" ? e.message : `other: ${String(e)}`;
      }
      return "answered";
    };
    const entity = { entityId: "usa", culture: "en-US" };
    expect(refused(JSON.stringify({ domainId: "stocks", entities: [entity] }))).toMatch(/another domain/);
    expect(refused("{not json")).toMatch(/not JSON/);
    expect(refused("x".repeat(LOAD_LIMITS.requestChars + 1))).toMatch(/too large/);
    expect(refused({ domainId: SEGMENT_DOMAIN.id, entities: [] })).toMatch(/entity count/);
    expect(refused({ domainId: SEGMENT_DOMAIN.id, entities: {} })).toMatch(/entity count/);
    const many = Array.from({ length: LOAD_LIMITS.entities + 1 }, () => entity);
    expect(refused({ domainId: SEGMENT_DOMAIN.id, entities: many })).toMatch(/entity count/);
    for (const bad of [{ culture: "en-US" }, { entityId: "", culture: "en-US" }, { entityId: 7, culture: "en-US" }])
      expect(refused({ domainId: SEGMENT_DOMAIN.id, entities: [entity, bad] })).toMatch(/entity id/);
    expect(
      refused({ domainId: SEGMENT_DOMAIN.id, entities: [{ entityId: "u".repeat(256), culture: "en-US" }] }),
    ).toMatch(/entity id/);
    expect(refused({ domainId: SEGMENT_DOMAIN.id, entities: [{ entityId: "usa" }] })).toMatch(/culture/);
    expect(refused({ domainId: SEGMENT_DOMAIN.id, entities: [{ entityId: "usa", culture: "c".repeat(86) }] })).toMatch(
      /culture/,
    );
    for (const r of [null, undefined, 7, [], "null", "[]"]) expect(refused(r)).toMatch(/another domain/);
    // the largest request allowed is answered: the same id many times is built once
    expect(refused({ domainId: SEGMENT_DOMAIN.id, entities: many.slice(1) })).toBe("answered");
  });

  test("as the custom function: answers, and a refusal is #N/A (Excel shows #CONNECT!)", async () => {
    const answer = (await functions.segmentCards(request("usa"))) as { entities: Array<{ text: string }> };
    expect(answer.entities.map((e) => e.text)).toEqual(["USA"]);
    let thrown: unknown;
    try {
      await functions.segmentCards("{}");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CF.Error);
    expect((thrown as any).code).toBe("#N/A");
  });
});

describe("a linked card compared with the dataset's", () => {
  test("by meaning once Excel has loaded it; unknown before", () => {
    const [loaded] = loadSegmentCards(INDEX, request("usa"), RANGE_AT).entities;
    // as Excel on the web gives entities back: numbers as Double without their format
    const readBack = JSON.parse(
      JSON.stringify(loaded, (k, v) => (k === "numberFormat" ? undefined : v === "FormattedNumber" ? "Double" : v)),
    );
    expect(sameLinkedCard(readBack, segmentEntity(INDEX, "USA", RANGE_AT))).toBe(true);
    expect(sameLinkedCard(readBack, segmentEntity(INDEX, "North America", RANGE_AT))).toBe(false);
    expect(sameLinkedCard(linkedSegment(INDEX, "USA"), segmentEntity(INDEX, "USA", RANGE_AT))).toBeUndefined();
    expect(
      sameLinkedCard(segmentEntity(INDEX, "USA", RANGE_AT), segmentEntity(INDEX, "USA", RANGE_AT)),
    ).toBeUndefined();
  });
});
