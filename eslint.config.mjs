// ESLint 9 flat config. `npm run lint` (office-addin-lint check) picks this file up from the
// project root in place of its built-in config, and lints the files package.json's
// config.lint_files names: src/, tests/, scripts/ and bench/.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

// The plugin's "react" preset = React's recommended rules + the Office add-in rules. Its
// TypeScript/Office/Prettier block only matches .js/.ts files, so widen it to .jsx/.tsx too.
const OFFICE_FILES = "**/*.{js,mjs,cjs,ts,cts,mts}";
const react = officeAddins.configs.react.map((config) =>
  Array.isArray(config.files) && config.files.includes(OFFICE_FILES)
    ? { ...config, files: ["**/*.{js,mjs,cjs,jsx,ts,cts,mts,tsx}"] }
    : config
);

export default [
  { ignores: ["dist/**", "node_modules/**", "coverage/**"] },
  ...react,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      // TypeScript already resolves every identifier (DOM, Office, Node types); ESLint's own
      // no-undef knows none of those globals and only produces false positives on .ts/.tsx.
      "no-undef": "off",
    },
  },
  {
    // Tests, seed scripts and benchmarks drive ExcelJS workbooks, whose plain objects the
    // Office.js rules take for proxies that need load()/sync(); the Office.js code they test
    // (src/hosts/office) is linted with those rules on.
    files: ["tests/**/*.{ts,tsx}", "scripts/**/*.ts", "bench/**/*.ts"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
  {
    // Build tooling outside src/ (webpack.config.js, scripts/*.js): CommonJS run by Node.
    files: ["*.js", "scripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        exports: "writable",
        __dirname: "readonly",
        __filename: "readonly",
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
      },
    },
  },
  {
    files: ["*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
  },
  {
    files: ["**/*.{jsx,tsx}"],
    rules: {
      // tsconfig uses the automatic JSX runtime ("jsx": "react-jsx"): React need not be in scope.
      "react/react-in-jsx-scope": "off",
      "react/jsx-uses-react": "off",
    },
  },
];
