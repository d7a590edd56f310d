#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json), as dist/ is: see scripts/build.mjs.
// Node >= 22.1 keeps what it compiles of the packages loaded from node_modules in its cache
// directory for the next run; the loader and our own chunks are cached by the loader
// (src/loader/boot.ts, src/loader/chunks.ts).
require('node:module').enableCompileCache?.();
require('../dist/boot.js').boot(process.argv);
