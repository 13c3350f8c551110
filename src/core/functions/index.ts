/** What the IOMT.* functions compute: Excel errors, argument coercion, the calculators, the lookups, the cards. */
export * from "./args";
export * from "./calc";
export * from "./entity";
export * from "./errors";
export * from "./lookup";
