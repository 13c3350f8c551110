/** The Excel edge in one place: insert, refresh, the edition stamp and the segment list. */
export { insertTables, type CardKind } from "./insert";
export { refreshTables, type RefreshOptions } from "./refresh";
export { readStamp } from "./stamp";
export { appendRefreshLog } from "./refresh-log";
export { insertSegmentList } from "./segment-list";
export { registerSegmentDomain } from "./linked-domain";
export { REQUEST_BUDGET_BYTES } from "../core/excel";
