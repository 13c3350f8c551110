/**
 * Segment cards as the add-in wrote them before they were made compact (bundled dataset 1.0.0): each card held the
 * drivers as an array, every #N/A with its basicValue, the publisher in every source line and collapsible flags
 * Excel assumes anyway. Workbooks saved then hold these; refresh must know them for the add-in's and rewrite them.
 */
export const OLD_CARDS: Record<"USA" | "Patients", Record<string, unknown>> = {
  USA: {
    type: "Entity",
    text: "USA",
    properties: {
      Name: {
        type: "String",
        basicValue: "USA",
      },
      Dimension: {
        type: "String",
        basicValue: "country",
      },
      "2024 value": {
        type: "FormattedNumber",
        basicValue: 25383,
        numberFormat: "#,##0.0",
      },
      "2029 value": {
        type: "FormattedNumber",
        basicValue: 71006,
        numberFormat: "#,##0.0",
      },
      Growth: {
        type: "FormattedNumber",
        basicValue: 45623,
        numberFormat: "#,##0.0",
      },
      CAGR: {
        type: "FormattedNumber",
        basicValue: 0.23,
        numberFormat: "0.00%",
      },
      "CAGR stated": {
        type: "FormattedNumber",
        basicValue: 0.23,
        numberFormat: "0%",
      },
      "CAGR computed": {
        type: "FormattedNumber",
        basicValue: 0.2284300160701047,
        numberFormat: "0.00%",
      },
      Share: {
        type: "FormattedNumber",
        basicValue: 0.29585833333333333,
        numberFormat: "0.00%",
      },
      "Share stated": {
        type: "Error",
        errorType: "NotAvailable",
        basicValue: "#N/A",
      },
      Drivers: {
        type: "Array",
        elements: [
          [
            {
              type: "String",
              basicValue: "Remote patient monitoring: 1.5% a year",
            },
          ],
          [
            {
              type: "String",
              basicValue: "Connected medical devices: 1.2% a year",
            },
          ],
          [
            {
              type: "String",
              basicValue: "Telehealth: 0.7% a year",
            },
          ],
          [
            {
              type: "String",
              basicValue: "Preventive healthcare: 0.5% a year",
            },
          ],
        ],
      },
      "Kind 2024": {
        type: "String",
        basicValue: "reported",
      },
      "Kind 2029": {
        type: "String",
        basicValue: "reported",
      },
      "Source 2024": {
        type: "String",
        basicValue:
          "EINPresswire, 6 January 2026, section 'Which Will Be The Largest Country In The Global Internet Of Medical Things (IoMT) Market In 2029?': printed as '$25,383 million' (reported).",
      },
      "Source 2029": {
        type: "String",
        basicValue:
          "EINPresswire, 6 January 2026, section 'Which Will Be The Largest Country In The Global Internet Of Medical Things (IoMT) Market In 2029?': printed as '$71,006 million' (reported).",
      },
    },
    layouts: {
      card: {
        title: {
          property: "Name",
        },
        subTitle: {
          property: "Dimension",
        },
        sections: [
          {
            layout: "List",
            title: "Market size (USD million)",
            properties: ["2024 value", "2029 value", "Growth"],
          },
          {
            layout: "List",
            title: "Growth 2024-2029",
            properties: ["CAGR", "CAGR stated", "CAGR computed"],
          },
          {
            layout: "List",
            title: "Share of the global market 2029",
            properties: ["Share", "Share stated"],
          },
          {
            layout: "List",
            title: "Growth drivers of the IoMT market",
            properties: ["Drivers"],
            collapsible: true,
            collapsed: true,
          },
          {
            layout: "List",
            title: "Where the figures come from",
            properties: ["Kind 2024", "Source 2024", "Kind 2029", "Source 2029"],
            collapsible: true,
            collapsed: true,
          },
        ],
      },
    },
    provider: {
      description: "EINPresswire, 6 January 2026: IoMT market dataset 1.0.0",
    },
  },
  Patients: {
    type: "Entity",
    text: "Patients",
    properties: {
      Name: {
        type: "String",
        basicValue: "Patients",
      },
      Dimension: {
        type: "String",
        basicValue: "end user",
      },
      "2024 value": {
        type: "Error",
        errorType: "NotAvailable",
        basicValue: "#N/A",
      },
      "2029 value": {
        type: "Error",
        errorType: "NotAvailable",
        basicValue: "#N/A",
      },
      Growth: {
        type: "Error",
        errorType: "NotAvailable",
        basicValue: "#N/A",
      },
      CAGR: {
        type: "Error",
        errorType: "NotAvailable",
        basicValue: "#N/A",
      },
      "CAGR stated": {
        type: "Error",
        errorType: "NotAvailable",
        basicValue: "#N/A",
      },
      "CAGR computed": {
        type: "Error",
        errorType: "NotAvailable",
        basicValue: "#N/A",
      },
      Share: {
        type: "Error",
        errorType: "NotAvailable",
        basicValue: "#N/A",
      },
      "Share stated": {
        type: "Error",
        errorType: "NotAvailable",
        basicValue: "#N/A",
      },
      Drivers: {
        type: "Array",
        elements: [
          [
            {
              type: "String",
              basicValue: "Remote patient monitoring: 1.5% a year",
            },
          ],
          [
            {
              type: "String",
              basicValue: "Connected medical devices: 1.2% a year",
            },
          ],
          [
            {
              type: "String",
              basicValue: "Telehealth: 0.7% a year",
            },
          ],
          [
            {
              type: "String",
              basicValue: "Preventive healthcare: 0.5% a year",
            },
          ],
        ],
      },
      "Kind 2024": {
        type: "String",
        basicValue: "not quantified",
      },
      "Kind 2029": {
        type: "String",
        basicValue: "not quantified",
      },
      "Source 2024": {
        type: "String",
        basicValue: "The source gives no 2024 figure for Patients.",
      },
      "Source 2029": {
        type: "String",
        basicValue:
          "EINPresswire, 6 January 2026, section 'What will be Largest Segment in the Internet Of Medical Things (IoMT) Market in 2029?': named as 'patients' without a figure (not quantified).",
      },
    },
    layouts: {
      card: {
        title: {
          property: "Name",
        },
        subTitle: {
          property: "Dimension",
        },
        sections: [
          {
            layout: "List",
            title: "Market size (USD million)",
            properties: ["2024 value", "2029 value", "Growth"],
          },
          {
            layout: "List",
            title: "Growth 2024-2029",
            properties: ["CAGR", "CAGR stated", "CAGR computed"],
          },
          {
            layout: "List",
            title: "Share of the global market 2029",
            properties: ["Share", "Share stated"],
          },
          {
            layout: "List",
            title: "Growth drivers of the IoMT market",
            properties: ["Drivers"],
            collapsible: true,
            collapsed: true,
          },
          {
            layout: "List",
            title: "Where the figures come from",
            properties: ["Kind 2024", "Source 2024", "Kind 2029", "Source 2029"],
            collapsible: true,
            collapsed: true,
          },
        ],
      },
    },
    provider: {
      description: "EINPresswire, 6 January 2026: IoMT market dataset 1.0.0",
    },
  },
};
