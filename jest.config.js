/**
 * Jest runs TypeScript through ts-jest, transpile-only (isolatedModules: types are
 * `npm run typecheck`'s job), in two projects so each gets only the environment it needs:
 *   node — everything but the task pane's React tests;
 *   pane — tests/taskpane/*.test.tsx in jsdom, with tests/setup/pane-styles.ts (no CSS rules kept:
 *          see there why) and tests/taskpane/setup-dom.ts loaded before each file, and jest-axe
 *          asked for violations only (tests/setup/jest-axe.ts).
 * `npx jest tests/taskpane` runs the pane project alone; `npx jest` both.
 */
const transform = {
  "^.+\\.tsx?$": [
    "ts-jest",
    {
      tsconfig: {
        module: "commonjs",
        moduleResolution: "node",
        jsx: "react-jsx",
        esModuleInterop: true,
        resolveJsonModule: true,
        isolatedModules: true,
      },
      // Transpile-only already; no diagnostics pass on top of it.
      diagnostics: false,
    },
  ],
};
const common = {
  rootDir: __dirname,
  roots: ["<rootDir>/tests"],
  transform,
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: "node",
      testEnvironment: "node",
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/taskpane/.*\\.test\\.tsx$"],
    },
    {
      ...common,
      displayName: "pane",
      testEnvironment: "jsdom",
      testMatch: ["<rootDir>/tests/taskpane/**/*.test.tsx"],
      setupFilesAfterEnv: [
        "<rootDir>/tests/setup/pane-styles.ts",
        "<rootDir>/tests/taskpane/setup-dom.ts",
      ],
      moduleNameMapper: { "^jest-axe$": "<rootDir>/tests/setup/jest-axe.ts" },
    },
  ],
};
