/** The Excel edge in one place: insert, refresh, the edition stamp and the segment list. */
export { insertTables, type InsertResult } from "./insert";
export { refreshTables, type RefreshOptions } from "./refresh";
export { readStamp } from "./stamp";
export { appendRefreshLog, LOG_TABLE, type LogResult } from "./refresh-log";
export { insertSegmentList, type ListResult } from "./segment-list";
export { REQUEST_BUDGET_BYTES } from "../core/excel";
