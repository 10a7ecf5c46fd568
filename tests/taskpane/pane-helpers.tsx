/**
 * Helpers for the pane tests of the template owner's features (pane-rules, pane-suggestions,
 * pane-insert): rendering, and cheap queries.
 *
 * Why cheap queries, and why these tests are split over several files: jsdom's getComputedStyle
 * matches every CSS rule of the document, and its selector engine (nwsapi) keeps only the last
 * 1000 compiled selectors. Griffel never removes the rules it injected, so a file whose tests
 * together render the results, the rule form and the dialogs passes 1000 rules, and from then on
 * every getComputedStyle call (each role query with a name, each click's pointer-events check, axe)
 * recompiles the selectors — about 15 times slower. Keeping each file under that, and not computing
 * every button's accessible name to find one, keeps the tests fast.
 */
import { act, render, screen, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { Pane } from "../../src/taskpane/components/Pane";
import { stringsFor } from "../../src/taskpane/i18n";
import { FakeHost } from "./fake-host";
import { workbook } from "./fixtures";

export const zh = stringsFor("zh-CN");
export const en = stringsFor("en-US");

export async function setup(host: FakeHost = workbook(), strings = zh) {
  // No pointer-events check on every click: it calls getComputedStyle up the ancestors, and jsdom's
  // getComputedStyle matches every rule Griffel injected.
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  let view!: ReturnType<typeof render>;
  await act(async () => {
    view = render(<Pane host={host} strings={strings} />);
  });
  return { host, user, ...view };
}

/**
 * A button by its aria-label, else its text. Role queries with a name compute the accessible name
 * of every button, finding buttons included (each a whole subtree of getComputedStyle calls in
 * jsdom), which makes them seconds slow here; this reads attributes and text only.
 */
export function queryButton(
  name: string | RegExp,
  root: ParentNode = document
): HTMLButtonElement | null {
  const hits = [...root.querySelectorAll("button")].filter((b) => {
    const label = b.getAttribute("aria-label") ?? (b.textContent ?? "").trim();
    return typeof name === "string" ? label === name : name.test(label);
  });
  if (hits.length > 1) throw new Error(`${hits.length} buttons named ${String(name)}`);
  return hits[0] ?? null;
}

export function button(name: string | RegExp, root: ParentNode = document): HTMLButtonElement {
  const b = queryButton(name, root);
  if (!b) throw new Error(`no button named ${String(name)}`);
  return b;
}

export function rulesSection(strings = zh): HTMLElement {
  return screen.getByRole("region", { name: strings.rulesHeading });
}

/** The rule summary as "term: value" lines. */
export function summary(): string[] {
  const dl = rulesSection().querySelector("dl") as HTMLElement;
  const terms = [...dl.querySelectorAll("dt")].map((d) => d.textContent);
  const values = [...dl.querySelectorAll("dd")].map((d) => d.textContent);
  return terms.map((t, i) => `${t}: ${values[i]}`);
}

export async function openEditor(user: ReturnType<typeof userEvent.setup>) {
  await user.click(button(zh.rulesEditorLabel, rulesSection()));
  return screen.getByRole("form", { name: zh.rulesEditorLabel });
}

export async function validateSheet(user: ReturnType<typeof userEvent.setup>) {
  await user.click(button(zh.validateSheet));
  await screen.findByText(/已校验/);
}

/** The finding buttons (selectable findings) inside an element. */
export function findingCells(el: HTMLElement = document.body): string[] {
  return within(el)
    .queryAllByRole("button")
    .filter((b) => b.hasAttribute("data-cell"))
    .map((b) => b.getAttribute("data-cell") as string);
}
