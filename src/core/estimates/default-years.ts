/** The years an analyst compares by default: the bundled release's base and forecast years. */
export const COMMON_YEARS: readonly number[] = [2024, 2029];
