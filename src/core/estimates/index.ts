/** Other publishers' estimates on common years: printed, extrapolated by their own CAGR, or none with the reason; their range. */
export * from "./basis";
export * from "./common-years";
export * from "./default-years";
