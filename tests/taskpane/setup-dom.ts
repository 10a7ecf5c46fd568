/**
 * What jsdom lacks and Fluent UI v9 uses. Imported by the pane's .test.tsx files (not via
 * jest.config.js, which the node-environment tests share).
 */
import { configure } from "@testing-library/react";
import { toHaveNoViolations } from "jest-axe";

expect.extend(toHaveNoViolations);

if (typeof window !== "undefined") {
  if (!("ResizeObserver" in window)) {
    class ResizeObserver {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    Object.assign(window, { ResizeObserver });
    Object.assign(globalThis, { ResizeObserver });
  }
  if (!window.matchMedia) {
    window.matchMedia = (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;

  // jsdom does not compute pseudo-element styles: asked for "::before"/"::after" it warns "not
  // implemented" and computes the element's own style instead — the costliest call in a test (it
  // matches every rule Griffel injected), made three times per node when an accessible name is
  // computed. A pseudo-element gets an empty declaration here, which is also what it really has.
  const computed = window.getComputedStyle.bind(window);
  window.getComputedStyle = ((elt: Element, pseudoElt?: string | null) =>
    pseudoElt
      ? document.createElement("span").style
      : computed(elt)) as typeof window.getComputedStyle;
}

// jsdom's getComputedStyle is slow over the many rules Griffel injects, and *ByRole calls it for
// every element to skip inaccessible ones (≈30× slower): skip that check (the jest-axe tests cover
// accessibility) and give findBy/waitFor room on a loaded machine.
configure({ asyncUtilTimeout: 10000, defaultHidden: true });
jest.setTimeout(30000);
