/**
 * Other publishers' estimates of the IoMT market: a second dataset, kept apart from the bundled one. Each
 * publisher's figures are entered as its page prints them; values are read from the printed text, so a figure and
 * its locator cannot disagree.
 */
import type { Qualifier } from "./schema";

/** A figure as its page prints it: the year, the printed words ("USD 230.69 billion"), and a qualifier if any. */
export type RawEstimateFigure = readonly [year: number, printed: string, qualifier?: Qualifier];

/** The years a printed CAGR covers, and where the page gives them. */
export interface CagrWindow {
  from: number;
  to: number;
  /** the window's words on the page ("from 2025 to 2030"), or where it was read from when the sentence gives none */
  printed: string;
}

export interface RawPublisherEstimate {
  /** the publisher as the table shows it */
  publisher: string;
  /** the page's address: every figure below is printed there */
  address: string;
  figures: readonly RawEstimateFigure[];
  /** the printed CAGR ("18.2%") and the years it covers */
  cagr?: { printed: string; window: CagrWindow };
}

export interface EstimateFigure {
  year: number;
  printed: string;
  qualifier?: Qualifier;
  /** USD million */
  value: number;
  /** one unit of the last printed digit, USD million */
  step: number;
  /** the page gives a floor ("to surpass"), not a value */
  lowerBound: boolean;
}

export interface PublisherEstimate {
  publisher: string;
  address: string;
  figures: readonly EstimateFigure[];
  cagr?: { printed: string; rate: number; step: number; window: CagrWindow };
}

/** What the table and the README say about a page beside its figures (kept out of the functions' bundle). */
export interface PublisherPage {
  /** the page's heading, as the stored copy prints it */
  title: string;
  /** what the page says the market covers, or how its figures differ from the others' */
  scope: string;
  /** where the page disagreed with the source list, or could not be found */
  pageCheck: string;
}
