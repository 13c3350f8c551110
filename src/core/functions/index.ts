/** The IOMT functions' public face: the registry of the functions. */
export {
  functionInfo,
  IOMT_FUNCTIONS,
  isIomtFunction,
  type ArgumentKind,
  type FunctionRecord,
  type FunctionRole,
  type IomtFunction,
  type IomtFunctionInfo,
  type NativeForm,
  type Parameter,
  type ResultKind,
} from "./registry";
