/**
 * The pane tests' jsdom keeps no CSS rules. Fluent UI's CSS-in-JS (Griffel) inserts thousands of
 * rules with CSSStyleSheet.insertRule, and jsdom matches every one of them against the element on
 * each getComputedStyle call — which axe and Testing Library make for nearly every node. That was
 * most of the pane tests' time (an axe check took 25 s on a loaded machine, 5 s without the rules)
 * and the reason two of them hit the 30 s timeout. No assertion depends on those rules: jsdom does
 * no layout and no colour (jest-axe turns the colour rules off), and the tests look at roles,
 * names, attributes and text. Loaded before tests/taskpane/setup-dom.ts (jest.config.js).
 */
if (typeof window !== "undefined") {
  window.CSSStyleSheet.prototype.insertRule = function insertRule(): number {
    return 0;
  };
}
