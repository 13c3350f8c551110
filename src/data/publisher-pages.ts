/**
 * Each publisher's page beside its figures: the heading the stored copy prints, what the page says the market
 * covers, and how the figures were checked against the page (stored copies read 2026-11-24, the opening of each
 * page). Keyed by the publisher as ./publisher-estimates names it; the functions' bundle does not carry this text.
 */
import type { PublisherPage } from "./estimates-schema";

const AGREES = "Checked against the stored copy of the page: every figure as listed.";

export const PUBLISHER_PAGES: Readonly<Record<string, PublisherPage>> = {
  "The Business Research Company": {
    via: "the bundled release, via EINPresswire",
    title: "Internet Of Medical Things (IoMT) Market to Surpass $240 billion in 2029",
    scope:
      "Global market by device type, application and end user; the release's base year is 2024. Its regional figures (North America, USA) are the bundled dataset's, not this range's.",
    pageCheck:
      'Checked against the stored copy: the page prints "to Surpass $240 billion", where the source list says "more than"; a floor, carried as printed and marked. The page\'s opening names no publisher: The Business Research Company is the source list\'s attribution.',
    window: "leading up to 2029 (read from the base year 2024, as the bundled dataset reads it)",
  },
  "Grand View Research": {
    title: "Internet of Medical Things Market Size, Share & Trends Report",
    scope: "By component (hardware, software), deployment, application and end use; historical range 2018 - 2023.",
    pageCheck: AGREES,
    window: "from 2025 to 2030",
  },
  "Fortune Business Insights": {
    title: "Internet of Medical Things (IoMT) Market Size, Share & Industry Analysis ... Regional Forecast, 2024-2032",
    scope:
      "By product (stationary, implanted and wearable external medical devices), application and end user; U.S. USD 167.04 billion by 2032 (a country, not in the range).",
    pageCheck:
      AGREES +
      ' The CAGR sentence says "during the forecast period"; its years, 2024-2032, are the title\'s. An AMP copy of the page prints the same figures.',
    window: "during the forecast period (2024-2032, the title's years)",
  },
  "Mordor Intelligence": {
    via: "via GII Research",
    title: "Internet of Medical Things market (PUBLISHER: Mordor Intelligence, PRODUCT CODE: 1851798)",
    scope: "North America leads; Asia Pacific grows fastest (as the page says).",
    pageCheck:
      AGREES + " The stored copy's opening prints no report title: the heading here is the page's publisher line.",
    window: "during the forecast period (2025-2030)",
  },
  "Virtue Market Research": {
    title: "Internet of Medical Things (IoMT) Market",
    scope: "Connected medical devices, software applications and healthcare systems (the page's definition).",
    pageCheck: AGREES,
    window: "from 2025 to 2030",
  },
  "Reports and Insights": {
    title: "Internet of Medical Things (IoMT) Market Report ... and Regions 2024-2032",
    scope: "By device type, application, technology, components and end users; base year 2023.",
    pageCheck: AGREES,
    window: "during 2024-2032",
  },
  "Vision Research Reports": {
    title: "Internet of Medical Things (IoMT) Market ... Forecast 2024-2033",
    scope: "By end use, component, deployment and application; North America 38% share (2023).",
    pageCheck: AGREES + ' The page says "around" before both values: they are read as rounded figures.',
    window: "from 2024 to 2033",
  },
  "Dimension Market Research": {
    title: "Internet of Medical Things (IoTM) Market ... Trends and Forecast 2025-2034",
    scope:
      "By component (connected medical devices, platforms & software, services), deployment mode, connectivity, application and end user; report code RC-1766.",
    pageCheck:
      AGREES +
      ' The CAGR sentence gives no years; 2025-2034 are the title\'s. The 2025 value is itself a projection ("projected to reach").',
    window: "none in the CAGR sentence (2025-2034, the title's years)",
  },
  "Market.us": {
    title: "Internet of Medical Things Market to Grow at 23.15% CAGR by 2032",
    scope:
      "Medical devices, software applications and healthcare systems; a news summary of the report (updated Jun 3, 2024).",
    pageCheck: AGREES,
    window: "from 2023 to 2032",
  },
  UnivDatos: {
    title: "Internet of Medical Things Market: Current Analysis and Forecast (2020-2027)",
    scope: "Medical devices, systems and software, services; an older report (base year 2019).",
    pageCheck: AGREES,
    window: "from 2021-2027",
  },
  "Allied Market Research": {
    via: "as cited by CIFS",
    title: "Internet of Medical Things: key enablers (CIFS, by Leo Petersen-Khmelnitski)",
    scope:
      "An article citing Allied Market Research: no CAGR printed; smart wearable devices about 27% of IoMT (2018).",
    pageCheck:
      AGREES + " The stored copy's opening prints no heading: the title here is the address's words and the byline.",
  },
};
