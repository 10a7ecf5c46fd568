/** Small pure computations shared by the rules, the fill plan and the CLI's JSON. */
export * from "./numbers";
export * from "./funding";
export * from "./totals";
export * from "./deviation";
export * from "./summary";
export * from "./rounding";
