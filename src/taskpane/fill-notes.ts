/**
 * Why 填充公式 leaves cells of a table alone, in the pane's language: the formulas it keeps out on
 * purpose (the table's own structure is inconsistent, e.g. weights adding up to 110, so the stated
 * 总分/等级 stay), and a table it refuses as a whole (a formula would land on a label or on text).
 * The pane shows these per table, in the overview before a fill and in the fill's notice after.
 */
import type { AssessmentTable } from "../engine/model/table";
import { fieldName, FillSkip, planTableFill, TableFillPlan } from "../engine/fill";
import { fillRefusal, FillRefusal } from "../engine/fill/write-guard";
import type { EngineSettings } from "../engine/settings";
import { format, pick, Strings } from "./i18n";

/** One cell (or the whole table) fill leaves as it is, and why. */
export interface FillNote {
  /** The cell concerned, or null for the table as a whole. */
  cell: string | null;
  /** The sentence, in the pane's language. */
  text: string;
  /** The whole table is left unfilled (nothing of it is written). */
  refused: boolean;
}

/** Long foreign text in a refused cell is cut, so the sentence stays one readable line. */
const MAX_HOLDS = 40;

function refusalNote(refusal: FillRefusal, strings: Strings): FillNote {
  const first = refusal.unsafe[0];
  const flat = first.holds.replace(/\s+/g, " ").trim();
  const holds = flat.length > MAX_HOLDS ? `${flat.slice(0, MAX_HOLDS - 1)}…` : flat;
  return {
    cell: first.write.address,
    text: format(first.isLabel ? strings.fillRefusedLabel : strings.fillRefusedText, {
      cell: first.write.address,
      holds,
    }),
    refused: true,
  };
}

/** The notes of a plan just made for `table` (planTableFill keeps its refusal per table object). */
export function notesOfPlan(
  table: AssessmentTable,
  plan: TableFillPlan,
  strings: Strings
): FillNote[] {
  const refusal = fillRefusal(table);
  const notes: FillNote[] = refusal ? [refusalNote(refusal, strings)] : [];
  return [...notes, ...groupedSkips(plan.skipped, strings)];
}

/**
 * The skipped formulas, one sentence per reason: "G24（总分分值）、H24（总分得分）保留原值：…"
 * rather than the same reason twice, so a long overview stays short. A sentence that does not
 * start with its cell and field (as skip-reasons words them) stays on its own.
 */
function groupedSkips(skips: readonly FillSkip[], strings: Strings): FillNote[] {
  const en = strings.locale === "en-US";
  const out: { cells: string[]; heads: string[]; rest: string | null; text: string }[] = [];
  for (const k of skips) {
    const text = pick(strings, k.message_zh, k.message_en);
    const field = fieldName(k.purpose);
    const head = en ? `${k.address} (${field.en})` : `${k.address}（${field.zh}）`;
    const rest = text.startsWith(head) ? text.slice(head.length) : null;
    const same = rest === null ? undefined : out.find((g) => g.rest === rest);
    if (same) {
      same.cells.push(k.address);
      same.heads.push(head);
    } else out.push({ cells: [k.address], heads: [head], rest, text });
  }
  return out.map((g) => ({
    cell: g.cells[0],
    text: g.rest === null ? g.text : `${g.heads.join(en ? ", " : "、")}${g.rest}`,
    refused: false,
  }));
}

/** What a fill of `table` would leave alone, and why (plans the fill; writes nothing). */
export function fillNotesFor(
  table: AssessmentTable,
  settings: EngineSettings,
  strings: Strings,
  options: { convertNumbers?: boolean } = {}
): FillNote[] {
  const plan = planTableFill(table, settings, { convertNumbers: !!options.convertNumbers });
  return notesOfPlan(table, plan, strings);
}
