export * from "./anchor";
export * from "./journal";
