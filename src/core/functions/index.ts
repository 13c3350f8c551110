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
