/**
 * Other publishers' estimates of the global IoMT market, each figure as its page prints it (stored copies of the
 * pages read 2026-11-24; the pages' titles, scopes, the words of each CAGR's years and how each page was checked are
 * in ./publisher-pages). The bundled release is one of the publishers. Each entry: publisher, address, figures as
 * [year, printed, qualifier?], CAGR as [printed, from year, to year]. Values are read from the printed text when the
 * add-in loads.
 */
import type { RawPublisherEstimate } from "./estimates-schema";

export const RAW_PUBLISHER_ESTIMATES: readonly RawPublisherEstimate[] = [
  [
    "The Business Research Company",
    "https://www.einpresswire.com/article/880454655/internet-of-medical-things-iomt-market-in-2029",
    [[2029, "$240 billion", "surpass"]],
    ["25%", 2024, 2029],
  ],
  [
    "Grand View Research",
    "https://www.grandviewresearch.com/industry-analysis/internet-of-medical-things-iomt-market-report",
    [[2024, "USD 230.69 billion"]],
    ["18.2%", 2025, 2030],
  ],
  [
    "Fortune Business Insights",
    "https://www.fortunebusinessinsights.com/industry-reports/internet-of-medical-things-iomt-market-101844",
    [
      [2023, "USD 47.32 billion"],
      [2024, "USD 60.03 billion"],
      [2032, "USD 814.28 billion"],
    ],
    ["38.5%", 2024, 2032],
  ],
  [
    "Mordor Intelligence",
    "https://www.giiresearch.com/report/moi1851798-internet-medical-things-market-share-analysis.html",
    [
      [2025, "USD 56.07 billion"],
      [2030, "USD 125.49 billion"],
    ],
    ["17.48%", 2025, 2030],
  ],
  [
    "Virtue Market Research",
    "https://virtuemarketresearch.com/report/internet-of-medical-things-iomt-market",
    [
      [2024, "USD 60.10 billion"],
      [2030, "USD 137.49 billion"],
    ],
    ["18%", 2025, 2030],
  ],
  [
    "Reports and Insights",
    "https://www.reportsandinsights.com/report/internet-of-medical-things-iomt-market",
    [
      [2023, "US$ 152.2 billion"],
      [2032, "US$ 732.4 billion"],
    ],
    ["21.6%", 2024, 2032],
  ],
  [
    "Vision Research Reports",
    "https://www.visionresearchreports.com/internet-of-medical-things-iomt-market/40892",
    [
      [2023, "USD 181.93 billion", "about"],
      [2033, "USD 1,166.52 billion", "about"],
    ],
    ["20.42%", 2024, 2033],
  ],
  [
    "Dimension Market Research",
    "https://dimensionmarketresearch.com/report/internet-of-medical-things-market/request-sample",
    [
      [2025, "USD 274.1 billion"],
      [2034, "USD 1,239.3 billion"],
    ],
    ["18.3%", 2025, 2034],
  ],
  [
    "Market.us",
    "https://media.market.us/internet-of-medical-things-market-news/",
    [
      [2022, "USD 48.7 billion"],
      [2032, "USD 370.9 billion"],
    ],
    ["23.15%", 2023, 2032],
  ],
  [
    "UnivDatos",
    "https://univdatos.com/report/internet-of-medical-things-market/",
    [[2019, "US$ 51.2 billion"]],
    ["18.5%", 2021, 2027],
  ],
  [
    "Allied Market Research",
    "https://cifs.dk/focus-areas/health/internet-of-medical-things-key-enablers",
    [
      [2012, "$44.5 billion"],
      [2018, "$136.8 billion"],
      [2026, "$254.2 billion"],
    ],
  ],
];
