#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json), as dist/ is: see scripts/build.mjs. Our code is in chunks that the
// loader caches itself (src/loader/boot.ts, src/loader/chunks.ts); Node's compile cache (Node ≥
// 22.8), for the packages loaded from node_modules, is turned on when the first of them is loaded
// (src/loader/packages.ts): here, node:module and node:os cost every run ≈1 ms for it.
require('../dist/boot.js').boot(process.argv);
