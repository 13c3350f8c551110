/**
 * Other publishers' estimates of the global IoMT market, each figure as its page prints it (stored copies of the
 * pages read 2026-11-24; the pages' titles, scopes and how each was checked are in ./publisher-pages). The bundled
 * release is one of the publishers. Values are read from the printed text when the add-in loads.
 */
import type { RawPublisherEstimate } from "./estimates-schema";

export const RAW_PUBLISHER_ESTIMATES: readonly RawPublisherEstimate[] = [
  {
    publisher: "The Business Research Company (bundled release)",
    address: "https://www.einpresswire.com/article/880454655/internet-of-medical-things-iomt-market-in-2029",
    figures: [[2029, "$240 billion", "surpass"]],
    cagr: { printed: "25%", window: { from: 2024, to: 2029, printed: "leading up to 2029 (from the base year 2024)" } },
  },
  {
    publisher: "Grand View Research",
    address: "https://www.grandviewresearch.com/industry-analysis/internet-of-medical-things-iomt-market-report",
    figures: [[2024, "USD 230.69 billion"]],
    cagr: { printed: "18.2%", window: { from: 2025, to: 2030, printed: "from 2025 to 2030" } },
  },
  {
    publisher: "Fortune Business Insights",
    address: "https://www.fortunebusinessinsights.com/industry-reports/internet-of-medical-things-iomt-market-101844",
    figures: [
      [2023, "USD 47.32 billion"],
      [2024, "USD 60.03 billion"],
      [2032, "USD 814.28 billion"],
    ],
    cagr: {
      printed: "38.5%",
      window: { from: 2024, to: 2032, printed: "during the forecast period (2024-2032, title)" },
    },
  },
  {
    publisher: "Mordor Intelligence (via GII Research)",
    address: "https://www.giiresearch.com/report/moi1851798-internet-medical-things-market-share-analysis.html",
    figures: [
      [2025, "USD 56.07 billion"],
      [2030, "USD 125.49 billion"],
    ],
    cagr: { printed: "17.48%", window: { from: 2025, to: 2030, printed: "during the forecast period (2025-2030)" } },
  },
  {
    publisher: "Virtue Market Research",
    address: "https://virtuemarketresearch.com/report/internet-of-medical-things-iomt-market",
    figures: [
      [2024, "USD 60.10 billion"],
      [2030, "USD 137.49 billion"],
    ],
    cagr: { printed: "18%", window: { from: 2025, to: 2030, printed: "from 2025 to 2030" } },
  },
  {
    publisher: "Reports and Insights",
    address: "https://www.reportsandinsights.com/report/internet-of-medical-things-iomt-market",
    figures: [
      [2023, "US$ 152.2 billion"],
      [2032, "US$ 732.4 billion"],
    ],
    cagr: { printed: "21.6%", window: { from: 2024, to: 2032, printed: "during 2024-2032" } },
  },
  {
    publisher: "Vision Research Reports",
    address: "https://www.visionresearchreports.com/internet-of-medical-things-iomt-market/40892",
    figures: [
      [2023, "USD 181.93 billion", "about"],
      [2033, "USD 1,166.52 billion", "about"],
    ],
    cagr: { printed: "20.42%", window: { from: 2024, to: 2033, printed: "from 2024 to 2033" } },
  },
  {
    publisher: "Dimension Market Research",
    address: "https://dimensionmarketresearch.com/report/internet-of-medical-things-market/request-sample",
    figures: [
      [2025, "USD 274.1 billion"],
      [2034, "USD 1,239.3 billion"],
    ],
    cagr: { printed: "18.3%", window: { from: 2025, to: 2034, printed: "Forecast 2025-2034 (title)" } },
  },
  {
    publisher: "Market.us",
    address: "https://media.market.us/internet-of-medical-things-market-news/",
    figures: [
      [2022, "USD 48.7 billion"],
      [2032, "USD 370.9 billion"],
    ],
    cagr: { printed: "23.15%", window: { from: 2023, to: 2032, printed: "from 2023 to 2032" } },
  },
  {
    publisher: "UnivDatos",
    address: "https://univdatos.com/report/internet-of-medical-things-market/",
    figures: [[2019, "US$ 51.2 billion"]],
    cagr: { printed: "18.5%", window: { from: 2021, to: 2027, printed: "from 2021-2027" } },
  },
  {
    publisher: "Allied Market Research (as cited by CIFS)",
    address: "https://cifs.dk/focus-areas/health/internet-of-medical-things-key-enablers",
    figures: [
      [2012, "$44.5 billion"],
      [2018, "$136.8 billion"],
      [2026, "$254.2 billion"],
    ],
  },
];
