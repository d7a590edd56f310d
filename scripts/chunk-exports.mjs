// How a built chunk hands its exports to the chunks that require it (scripts/build.mjs).
//
// esbuild's CommonJS form of a chunk defines them as getters on an object, made as the chunk starts
// (`var e={};x(e,{a:()=>b,…});module.exports=y(e);`): per export a closure, a descriptor and an
// accessor, added one by one (≈420 bytes of V8's young generation each; `card open --dry-run` loads
// chunks with 231), and a getter call for every use of an import while the command runs, cold.
// Here the values themselves are exported instead, as one object literal assigned when the chunk's
// code has run (≈150 bytes each). Measured on Node 20 (valgrind's instruction count, and pages
// first touched, /usr/bin/time): `sign` 155.3M → 153.5M instructions and 2703 → 2669 pages,
// `card open --dry-run` 163.3M → 161.2M and 2797 → 2765, `--help` 124.0M → 123.0M and 2502 → 2487
// (bare node: 78.3M), ≈1 ms of the dry run; wall times on these machines move more than that from
// one run of 41 to the next.
//
// esbuild's getters are there for two cases, both handled:
// - A binding assigned again after its declaration (`export let n`, a live binding): its export
//   stays a getter, in the same literal (exportsAtEnd).
// - Chunks that require each other as they load: one of them would read the other's exports before
//   the object is assigned. No build has any; if one ever does, every chunk keeps esbuild's
//   getters (staticCycle, scripts/build.mjs).

import { parse } from 'acorn';
import { analyze } from 'eslint-scope';

/** esbuild's shape: the object, the function defining its getters, their list, the copy exported. */
const EXPORTS = /var ([\w$]+)=\{\};([\w$]+)\(\1,\{((?:[\w$]+:\(\)=>[\w$.]+,?)*)\}\);module\.exports=([\w$]+)\(\1\);/;
/** esbuild's note of the export names for Node's CommonJS lexer, last in the chunk. */
const LEXER_NOTE = '0&&(module.exports=';

/**
 * `code` (esbuild's CommonJS form of a chunk) with its exports made an object literal of their
 * values at the end (above). esbuild's statement is replaced by as many spaces, so that the source
 * map's columns still hold for the code after it on its line. A chunk that exports nothing is
 * returned as it is; any other shape than esbuild's throws, naming `name`.
 */
export function exportsAtEnd(code, name) {
  if (!code.includes('module.exports=')) return code;
  const found = EXPORTS.exec(code);
  if (found === null) throw new Error(`${name}: esbuild's CommonJS exports are not as scripts/chunk-exports.mjs expects`);
  const [statement, , , list] = found;
  const live = assignedAgain(code);
  const properties = [...list.matchAll(/([\w$]+):\(\)=>([\w$.]+)/g)].map(([, exported, local]) =>
    (live(local) ? `get ${exported}(){return ${local}}` : `${exported}:${local}`));
  const blanked = code.replace(statement, ' '.repeat(statement.length));
  const end = blanked.lastIndexOf(LEXER_NOTE);
  const at = end < 0 ? blanked.trimEnd().length : end;
  return `${blanked.slice(0, at)}module.exports={${properties.join(',')}};${blanked.slice(at)}`;
}

/**
 * For `code` (a chunk's CommonJS module body), whether a binding of its top level may change after
 * it is declared, as a getter would see: a variable or function assigned anywhere but in its
 * declaration (`let n;` then `n=1` is), found by scope (eslint-scope), so that a name minified the
 * same in an inner function is not taken for it. A name the top level does not declare, kept as a
 * getter; `a.b` (another chunk's export, passed on) is its value.
 */
export function assignedAgain(code) {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'script', ranges: true });
  // nodejsScope: the top level as a CommonJS module's function scope, where every declaration resolves.
  const scope = analyze(ast, { ecmaVersion: 2022, nodejsScope: true }).globalScope.childScopes[0];
  return (local) => {
    if (local.includes('.')) return false;
    const variable = scope?.set.get(local);
    return variable === undefined || variable.references.some((reference) => reference.isWrite() && !reference.init);
  };
}

/**
 * A cycle of chunks requiring each other as they load (`require("./x.js")` at their top level, not
 * in a function run later, as an import() of one is: `()=>require(…)`), as the names of the chunks
 * on it; undefined when there is none. `chunks`: each chunk's code by its path, relative requires
 * resolved with `resolve(from, spec)`.
 */
export function staticCycle(chunks, resolve) {
  const edges = new Map();
  for (const [path, code] of chunks) {
    const required = [];
    for (const [, arrow, spec] of code.matchAll(/(=>\s*)?\brequire\("(\.{1,2}\/[^"]+)"\)/g)) {
      const target = resolve(path, spec);
      if (arrow === undefined && chunks.has(target)) required.push(target);
    }
    edges.set(path, required);
  }
  const state = new Map();
  const trail = [];
  const visit = (path) => {
    state.set(path, 'open');
    trail.push(path);
    for (const next of edges.get(path) ?? []) {
      if (state.get(next) === 'open') return [...trail.slice(trail.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    trail.pop();
    state.set(path, 'done');
    return undefined;
  };
  for (const path of chunks.keys()) {
    if (state.has(path)) continue;
    const cycle = visit(path);
    if (cycle) return cycle;
  }
  return undefined;
}
