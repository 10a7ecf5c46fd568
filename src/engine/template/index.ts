export * from "./errors";
export * from "./layout";
