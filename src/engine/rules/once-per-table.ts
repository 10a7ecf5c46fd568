import { AssessmentTable } from "../model/table";

/**
 * A function of a table worked out once per table: tables are not modified once detected, and
 * several rules walk the same derived lists. Freed with the table.
 */
export function oncePerTable<T>(compute: (t: AssessmentTable) => T): (t: AssessmentTable) => T {
  const memo = new WeakMap<AssessmentTable, T>();
  return (t) => {
    let v = memo.get(t);
    if (v === undefined) {
      v = compute(t);
      memo.set(t, v);
    }
    return v;
  };
}
