export * from "./read-workbook";
export * from "./apply-plan";
