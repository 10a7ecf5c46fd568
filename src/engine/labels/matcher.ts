import { normalizeLabel } from "../text/normalize";
import { LabelKey } from "./dictionary";

const MAX_LABEL_LENGTH = 40;
const MEMO_LIMIT = 20000;

/** Compiled form of a dictionary: exact spellings in a map, "prefix*" spellings in a list. */
export class LabelMatcher<K extends string = LabelKey> {
  private readonly exact = new Map<string, K[]>();
  private readonly prefixes: { prefix: string; key: K }[] = [];
  private readonly suffixes: { suffix: string; key: K }[] = [];
  /** The same label texts repeat in every table of a workbook: remember what they matched. */
  private readonly memo = new Map<string, K[]>();

  constructor(dict: Partial<Record<K, readonly string[]>>) {
    for (const [key, words] of Object.entries(dict) as [K, string[]][]) {
      for (const w of words) {
        if (w.startsWith("*")) this.suffixes.push({ suffix: normalizeLabel(w.slice(1)), key });
        else if (w.endsWith("*"))
          this.prefixes.push({ prefix: normalizeLabel(w.slice(0, -1)), key });
        else {
          const n = normalizeLabel(w);
          const list = this.exact.get(n) ?? [];
          if (!list.includes(key)) list.push(key);
          this.exact.set(n, list);
        }
      }
    }
  }

  /** Every key whose spelling matches the (raw) text. Callers must not modify the returned list. */
  keysOf(text: string): K[] {
    const known = this.memo.get(text);
    if (known) return known;
    const keys = this.match(text);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(text, keys);
    return keys;
  }

  private match(text: string): K[] {
    const n = normalizeLabel(text);
    // Labels are short; long text (goals, explanations) is never a label.
    if (!n || n.length > MAX_LABEL_LENGTH) return [];
    const keys = [...(this.exact.get(n) ?? [])];
    for (const p of this.prefixes)
      if (n.startsWith(p.prefix) && !keys.includes(p.key)) keys.push(p.key);
    for (const s of this.suffixes)
      if (n.endsWith(s.suffix) && !keys.includes(s.key)) keys.push(s.key);
    return keys;
  }

  is(text: string, key: K): boolean {
    return this.keysOf(text).includes(key);
  }
}
