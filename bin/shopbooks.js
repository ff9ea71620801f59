#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so a fresh clone needs no separate server build.
const path = require("node:path");
require("tsx/cjs/api").register();
require(path.join(__dirname, "..", "src", "cli", "main.ts"));
