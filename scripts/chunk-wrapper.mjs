// The shape every built chunk has (scripts/build.mjs), which src/loader/chunks.ts compiles as it is.
//
// A chunk is written already wrapped in the function its code runs in, on a line of its own before
// it, so that the loader compiles the file's own text: concatenating the wrapper at run time made V8
// flatten the result into a second copy of every chunk (≈250 KB for `sign`), one more young-generation
// scavenge of ≈3 ms on most runs of `sign` and `verify` (Node 20, --trace-gc).
//
// The file is also a CommonJS module, for Node's own loader (`node --enable-source-maps`, whose stack
// traces map through the source maps of what Node loaded, and the bench's entries): there `this` is
// the module's exports, and the chunk runs with Node's require and a native import(). Compiled as a
// script by node:vm, `this` is the global object, and the file's value is the function. (Not
// `typeof module`: `node -e` and the REPL have a global `module`.)
// The function is in parentheses, so that V8 compiles it when the file is compiled (as it did the
// wrapper the loader used to add), not once to skip it and again when it is called.

/** The line before a chunk's code. */
export const CHUNK_HEAD =
  '(this===globalThis?f=>f:f=>f.call(exports,exports,require,module,__filename,__dirname,s=>import(s)))' +
  '((function(exports,require,module,__filename,__dirname,__importPackage){';

/** The line after it. */
export const CHUNK_TAIL = '}))';

/**
 * `code` (a CommonJS module's body) and its source map as a chunk: the head on a line of its own,
 * which the map's mappings skip (a `;` is a line with none).
 */
export function wrapChunk(code, map) {
  const text = `${CHUNK_HEAD}\n${code.endsWith('\n') ? code : `${code}\n`}${CHUNK_TAIL}\n`;
  if (map === undefined) return { code: text };
  const parsed = JSON.parse(map);
  return { code: text, map: JSON.stringify({ ...parsed, mappings: `;${parsed.mappings}` }) };
}
