#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/cli by `npm run build:cli` (run by `prepare` after npm ci).
"use strict";
const { main } = require("../dist/cli/cli/main.js");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
