import { num } from "../compute/numbers";

/**
 * Rule messages as data: a rule declares templates by id in its meta (zh and en, with named
 * placeholders such as `{name}`), a report names the id and gives the placeholders' values, and
 * this one renderer turns them into the two sentences a finding carries.
 */

/** A template pair: the same message in Chinese and in English. */
export interface MessageTemplate {
  readonly zh: string;
  readonly en: string;
}

/** A rule's messages by id. */
export type MessageSet = Readonly<Record<string, MessageTemplate>>;

/** A word or phrase that differs by language (a budget's name, "空白" / "blank"). */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Another message of the same rule, rendered in place (an optional clause, a basis). */
export interface MessageFragment {
  readonly messageId: string;
  readonly data?: MessageData;
}

/**
 * A placeholder's value. A number is shown as the engine shows numbers in messages (`num`:
 * shortest form, binary noise removed); a string as it is, in both languages.
 */
export type MessageValue = string | number | Bilingual | MessageFragment;

export type MessageData = { readonly [name: string]: MessageValue };

/** The placeholder names of one template string, as a type: "{a} of {b}" → "a" | "b". */
export type PlaceholdersOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | PlaceholdersOf<Rest>
  : never;

type PlaceholdersOfMessage<T extends MessageTemplate> =
  PlaceholdersOf<T["zh"]> | PlaceholdersOf<T["en"]>;

/** The `data` a message needs: exactly its placeholders, none when it has none. */
export type DataArg<M extends MessageSet, Id extends keyof M> = [
  PlaceholdersOfMessage<M[Id]>,
] extends [never]
  ? { data?: Record<string, never> }
  : { data: { readonly [K in PlaceholdersOfMessage<M[Id]>]: ValueOf<M> } };

/** A message id of M with the data it needs. */
export type MessageRef<M extends MessageSet> = {
  [Id in keyof M & string]: { messageId: Id } & DataArg<M, Id>;
}[keyof M & string];

/** A placeholder value, where a fragment must be one of the same rule's messages. */
export type ValueOf<M extends MessageSet> = string | number | Bilingual | MessageRef<M>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
/** Fragments nest a level or two; deeper is a cycle in a rule's messages. */
const MAX_DEPTH = 4;

/** The placeholder names of a template, in order of first use. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/** The placeholder names of a template pair (either language), worked out once per template. */
const namesByTemplate = new WeakMap<MessageTemplate, ReadonlySet<string>>();
function namesOf(template: MessageTemplate): ReadonlySet<string> {
  let names = namesByTemplate.get(template);
  if (!names) {
    names = new Set([...placeholdersOf(template.zh), ...placeholdersOf(template.en)]);
    namesByTemplate.set(template, names);
  }
  return names;
}

/**
 * A template split once into its pieces: text at even positions, placeholder names at odd ones
 * ("{a} of {b}" → ["", "a", " of ", "b", ""]), so rendering is a join, not a regex replace.
 */
/** One entry per template of the rules' meta: a fixed, small set. */
const piecesByText = new Map<string, readonly string[]>();
function piecesOf(text: string): readonly string[] {
  let pieces = piecesByText.get(text);
  if (!pieces) {
    pieces = text.split(PLACEHOLDER);
    piecesByText.set(text, pieces);
  }
  return pieces;
}

function isFragment(v: MessageValue): v is MessageFragment {
  return typeof v === "object" && "messageId" in v;
}

function renderIn(
  messages: MessageSet,
  ref: MessageFragment,
  lang: "zh" | "en",
  depth: number
): string {
  const template = Object.prototype.hasOwnProperty.call(messages, ref.messageId)
    ? messages[ref.messageId]
    : undefined;
  if (!template) throw new Error(`unknown message id "${ref.messageId}"`);
  if (depth > MAX_DEPTH) throw new Error(`message "${ref.messageId}" nests too deep`);
  const data = ref.data ?? {};
  const text = template[lang];
  const known = namesOf(template);
  for (const key in data) {
    if (!known.has(key)) throw new Error(`message "${ref.messageId}" has no placeholder {${key}}`);
  }
  const pieces = piecesOf(text);
  let out = pieces[0];
  for (let i = 1; i < pieces.length; i += 2) {
    const name = pieces[i];
    if (!Object.prototype.hasOwnProperty.call(data, name))
      throw new Error(`message "${ref.messageId}" needs {${name}}`);
    const v = data[name];
    if (typeof v === "number") out += num(v);
    else if (typeof v === "string") out += v;
    else if (isFragment(v)) out += renderIn(messages, v, lang, depth + 1);
    else out += v[lang];
    out += pieces[i + 1];
  }
  return out;
}

/**
 * Renders a message of a rule in one language. A missing or unknown placeholder, an unknown id
 * or a fragment cycle is a fault in the rule, not in the workbook: it throws.
 */
export function renderMessage(
  messages: MessageSet,
  ref: MessageFragment,
  lang: "zh" | "en"
): string {
  return renderIn(messages, ref, lang, 0);
}
