/**
 * What the functions load on first use (./functions.ts), a separate chunk of the add-in's own files, estimates.js:
 * other publishers' estimates, a second dataset few calls need (IOMT.ESTIMATES, IOMT.RANGE and the global segment's
 * card), and the linked cards' load service, which builds that card too. functions.js stays small without them.
 */
import {
  type DatasetIndex,
  estimatesRangeAt,
  loadSegmentCards,
  publisherEstimates,
  publisherRange,
} from "../core/functions";
import { PUBLISHER_ESTIMATES } from "../data/estimates";

/** IOMT.ESTIMATES' rows. */
export const estimatesOf = (year?: unknown) => publisherEstimates(PUBLISHER_ESTIMATES, year);

/** IOMT.RANGE's row. */
export const rangeOf = (year?: unknown) => publisherRange(PUBLISHER_ESTIMATES, year);

/** Other publishers' range of the global market in a year, for the global segment's card. */
export const rangeAt = estimatesRangeAt(PUBLISHER_ESTIMATES);

/** SEGMENTCARDS' answer: the linked cards' load service, the global segment's card with the range. */
export const cardsOf = (index: DatasetIndex, request: unknown) => loadSegmentCards(index, request, rangeAt);
