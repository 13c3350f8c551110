/** What the IOMT.* functions compute: Excel errors, argument coercion, the calculators, the lookups, the cards. */
export * from "./args";
export * from "./calc";
export * from "./entity";
export * from "./errors";
export * from "./linked-cell";
export * from "./linked-entity";
export * from "./estimates";
export * from "./lookup";
/** The IOMT functions' public face: the registry of the functions. */
export {
  functionInfo,
  IOMT_FUNCTIONS,
  isIomtFunction,
  type ArgumentKind,
  type IomtFunction,
  type NativeForm,
  type ResultKind,
} from "./registry";
