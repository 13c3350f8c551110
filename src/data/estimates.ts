/** Other publishers' estimates, read from their printed figures once when the add-in loads. */
import type { PublisherEstimate, RawPublisherEstimate } from "./estimates-schema";
import { readPrinted, readPublished } from "./printed";
import { RAW_PUBLISHER_ESTIMATES } from "./publisher-estimates";

/** Reads every printed figure and CAGR; a figure that cannot be read is an error in the dataset, not a blank. */
export function assembleEstimates(raw: readonly RawPublisherEstimate[]): PublisherEstimate[] {
  return raw.map(([publisher, address, rawFigures, rawCagr]) => {
    const fail = (what: string): never => {
      throw new Error(`${publisher}: cannot read ${what}.`);
    };
    const figures = rawFigures.map(([year, printed, qualifier]) => {
      const read = readPublished(printed) ?? fail(`"${printed}"`);
      return { year, printed, qualifier, value: read.value, step: read.step };
    });
    if (!rawCagr) return { publisher, address, figures };
    const [printed, from, to] = rawCagr;
    const rate = readPrinted(printed);
    if (!rate || rate.unit !== "fraction") return fail(`the CAGR "${printed}"`);
    return { publisher, address, figures, cagr: { printed, from, to, rate: rate.value, step: rate.step } };
  });
}

export const PUBLISHER_ESTIMATES = assembleEstimates(RAW_PUBLISHER_ESTIMATES);
