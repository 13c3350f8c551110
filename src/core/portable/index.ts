/** IOMT.* formulas made native and back: the parser, the conversion, the data sheet, the originals kept for restore. */
export * from "./convert";
export * from "./data-sheet";
export { nativeKeyOf } from "./native";
export * from "./originals";
export * from "./parse";
export * from "./reasons";
export * from "./workflow";
