/**
 * The sentences of the press release of 6 January 2026 that state the dataset's figures or name its segments,
 * word for word. The task pane shows them where a figure comes from (trace to source), so it needs no network; a
 * test checks each one against the shared press release. Only the pane's bundle carries them: the custom functions
 * need none. Each group names a figure that stands under the same section heading: the heading is that figure's
 * locator's, so it is written once, in the dataset (and the pane's bundle holds no second copy of it).
 */

/** One sentence of the source, as printed, and the id of a figure whose section heading it stands under. */
export interface SourceSentence {
  sectionOf: string;
  text: string;
}

const under = (sectionOf: string, ...texts: string[]): SourceSentence[] => texts.map((text) => ({ sectionOf, text }));

export const SOURCE_SENTENCES: readonly SourceSentence[] = [
  ...under(
    "value:Global:2029",
    "Internet Of Medical Things (IoMT) Market to Surpass $240 billion in 2029.",
    "In comparison, the IoT market, which is considered as its parent market, is expected to be approximately $1,116 billion by 2029, with Internet Of Medical Things (IoMT) to represent around 22% of the parent market.",
    "Within the broader Information Technology industry, which is expected to be $12,711 billion by 2029, the Internet Of Medical Things (IoMT) market is estimated to account for nearly 2% of the total market value.",
  ),
  ...under(
    "value:North America:2029",
    "North America will be the largest region in the internet of medical things (IoMT) market in 2029, valued at $79,107 million.",
    "The market is expected to grow from $28,454 million in 2024 at a compound annual growth rate (CAGR) of 23%.",
  ),
  ...under(
    "value:USA:2029",
    "The USA will be the largest country in the internet of medical things (IoMT) market in 2029, valued at $71,006 million.",
    "The market is expected to grow from $25,383 million in 2024 at a compound annual growth rate (CAGR) of 23%.",
  ),
  ...under(
    "value:Wearable devices:2029",
    "The internet of medical things (IoMT) market is segmented by device type into wearable devices, stationary devices, implantable devices and other devices.",
    "The wearable devices market will be the largest segment of the internet of medical things (IoMT) market segmented by device type, accounting for 51% or $122,211 million of the total in 2029.",
    "The internet of medical things (IoMT) market is segmented by application into data assortment and analysis, real-time monitoring, remote medical assistance, tracking and alerts and other applications.",
    "The real-time monitoring market will be the largest segment of the internet of medical things (IoMT) market segmented by application, accounting for 35% or $82,924 million of the total in 2029.",
    "The internet of medical things (IoMT) market is segmented by end user into healthcare providers, patients, government authorities and other end users.",
    "The healthcare providers market will be the largest segment of the internet of medical things (IoMT) market segmented by end user, accounting for 54% or $130,121 million of the total in 2029.",
  ),
  ...under(
    "cagr:Global:2024-2029",
    "The expected CAGR for the internet of medical things (IoMT) market leading up to 2029 is 25%.",
  ),
  ...under(
    "contribution:Telehealth",
    "As a result, the growing adoption of remote patient monitoring is anticipated to contributing to a 1.5% annual growth in the market.",
    "Consequently, the accelerating increasing use of connected medical devices capabilities is projected to contributing to a 1.2% annual growth in the market.",
    "Therefore, this rise in telehealth operations is projected to supporting to a 0.7% annual growth in the market.",
    "Consequently, the increased focus on preventive healthcare strategies is projected to contributing to a 0.5% annual growth in the market.",
  ),
  ...under(
    "growth:Wearable devices:2024-2029",
    "Collectively, these segments are projected to contribute over $234 billion in market value by 2029, driven by the increasing adoption of connected health technologies, demand for remote patient monitoring, and integration of real-time data analytics to improve clinical outcomes.",
    "The IoMT-enabled wearable devices market is projected to grow by $89,809 million, the IoMT-enabled healthcare providers market by $89,308 million, and the IoMT-enabled real-time healthcare monitoring market by $55,341 million over the next five years from 2024 to 2029.",
  ),
];
