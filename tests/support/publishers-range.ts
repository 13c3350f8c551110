/** Other publishers' range of the global market, as the pane gives it to the card builder (src/excel/insert.ts). */
import { estimatesRangeAt } from "../../src/core/functions";
import { PUBLISHER_ESTIMATES } from "../../src/data/estimates";

export const RANGE_AT = estimatesRangeAt(PUBLISHER_ESTIMATES);
