/** The text-and-numbers layer: label normalisation, placeholders, numbers written as text, target/actual comparison. */
export * from "./normalize";
export * from "./numbers";
export * from "./measure";
