/**
 * jest-axe as the pane tests import it (jest.config.js maps "jest-axe" here): the same API, with
 * axe asked for violations only. axe-core otherwise also records every passing and incomplete
 * check with its nodes, which in jsdom costs most of a run; a test only looks at violations.
 * Colour rules stay off as jest-axe sets them (jsdom computes no colours).
 */
// The real module by its file path, so the mapping of "jest-axe" does not send it back here.

const real = require("jest-axe/index.js") as typeof import("jest-axe");

export const toHaveNoViolations = real.toHaveNoViolations;
export const configureAxe: typeof real.configureAxe = (options = {}) =>
  real.configureAxe({ resultTypes: ["violations"], ...options });
export const axe = configureAxe();
