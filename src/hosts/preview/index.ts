export * from "./preview-host";
export * from "./observable";
export * from "./cells";
