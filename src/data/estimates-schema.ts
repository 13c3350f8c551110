/**
 * Other publishers' estimates of the IoMT market: a second dataset, kept apart from the bundled one. Each
 * publisher's figures are entered as its page prints them; values are read from the printed text, so a figure and
 * its locator cannot disagree.
 */
import type { Qualifier } from "./schema";

/** A figure as its page prints it: the year, the printed words ("USD 230.69 billion"), and a qualifier if any. */
type RawEstimateFigure = readonly [year: number, printed: string, qualifier?: Qualifier];

/** The years a printed CAGR covers (the words the page gives them in are in PublisherPage.window). */
interface CagrWindow {
  from: number;
  to: number;
}

/**
 * A publisher's page as entered: the publisher as the table shows it, the page's address (every figure is printed
 * there), its figures, and its printed CAGR with the years it covers, [printed, from year, to year].
 */
export type RawPublisherEstimate = readonly [
  publisher: string,
  address: string,
  figures: readonly RawEstimateFigure[],
  cagr?: readonly [printed: string, from: number, to: number],
];

export interface EstimateFigure {
  year: number;
  printed: string;
  qualifier?: Qualifier;
  /** USD million */
  value: number;
  /** one unit of the last printed digit, USD million */
  step: number;
}

export interface PublisherEstimate {
  publisher: string;
  address: string;
  figures: readonly EstimateFigure[];
  cagr?: { printed: string; rate: number; step: number } & CagrWindow;
}

/** What the table and the README say about a page beside its figures (kept out of the functions' bundle). */
export interface PublisherPage {
  /** how the publisher's figures reach the page, where the page is not the publisher's own ("via GII Research") */
  via?: string;
  /** the page's heading, as the stored copy prints it */
  title: string;
  /** what the page says the market covers, or how its figures differ from the others' */
  scope: string;
  /** where the page disagreed with the source list, or could not be found */
  pageCheck: string;
  /** the words the page gives the CAGR's years in ("from 2025 to 2030"), or where they were read from */
  window?: string;
}
