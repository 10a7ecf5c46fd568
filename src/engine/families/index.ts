export * from "./schema";
export {
  BUILTIN_FAMILIES,
  BUILTIN_FAMILY_IDS,
  BUILTIN_FAMILY_INPUTS,
  FamilyCatalog,
  applyPatch,
  familiesFor,
  familyOf,
  resolveFamilies,
  scopedDictionary,
} from "./catalog";
export type { CompiledFamily, FamilyRules, ScopedKey } from "./catalog";
