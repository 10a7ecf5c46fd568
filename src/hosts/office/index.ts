export { OfficeHost, DEFAULT_LIMITS } from "./office-host";
export type { OfficeHostOptions, OfficeHostLimits, OperationStats, Language } from "./office-host";
export type { NoteApi } from "./cell-io";
export { toHostError } from "./errors";
