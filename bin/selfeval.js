#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/cli by `npm run build:cli` (run by `prepare` after npm ci).
"use strict";
// A reader that stops early (`selfeval check … | head`) closes the pipe: that is not an error.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = require("../dist/cli/cli/main.js");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
