#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json), as dist/ is: see scripts/build.mjs.
// Node ≥ 22.1 keeps what it compiled in its cache directory for the next run (≈4 ms of each start).
require('node:module').enableCompileCache?.();
require('../dist/cli/main.js').main(process.argv);
