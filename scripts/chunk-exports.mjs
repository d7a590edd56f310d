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
// - A binding assigned again after its declaration (`export let n`, a live binding), and another
//   chunk's such export passed on: its export stays a getter, in the same literal (liveExports).
// - Chunks that require each other as they load: one of them would read the other's exports before
//   the object is assigned. No build has any; if one ever does, every chunk keeps esbuild's
//   getters (staticCycle, scripts/build.mjs).

import { parse } from 'acorn';
import { analyze } from 'eslint-scope';

/** esbuild's shape: the object, the function defining its getters, their list, the copy exported. */
const EXPORTS = /var ([\w$]+)=\{\};([\w$]+)\(\1,\{((?:[\w$]+:\(\)=>[\w$.]+,?)*)\}\);module\.exports=([\w$]+)\(\1\);/;
/** esbuild's note of the export names for Node's CommonJS lexer, last in the chunk. */
const LEXER_NOTE = '0&&(module.exports=';

/** One export of esbuild's list: its name, and the local binding or `object.member` it is. */
const ENTRY = /([\w$]+):\(\)=>([\w$.]+)/g;

/**
 * `code` (esbuild's CommonJS form of a chunk) with its exports made an object literal of their
 * values at the end (above), but those named in `live` (liveExports), which stay getters. esbuild's
 * statement is replaced by as many spaces, so that the source map's columns still hold for the code
 * after it on its line. A chunk that exports nothing is returned as it is; any other shape than
 * esbuild's throws, naming `name`.
 */
export function exportsAtEnd(code, name, live = new Set()) {
  const found = exportsStatement(code, name);
  if (found === undefined) return code;
  const properties = [...found.list.matchAll(ENTRY)].map(([, exported, local]) =>
    (live.has(exported) ? `get ${exported}(){return ${local}}` : `${exported}:${local}`));
  const blanked = code.replace(found.statement, ' '.repeat(found.statement.length));
  const end = blanked.lastIndexOf(LEXER_NOTE);
  // Without esbuild's note (a chunk exporting `default` only), on a line of its own: the last one
  // may end in a comment.
  const [at, before] = end < 0 ? [blanked.trimEnd().length, '\n'] : [end, ''];
  return `${blanked.slice(0, at)}${before}module.exports={${properties.join(',')}};${blanked.slice(at)}`;
}

/**
 * esbuild's export statement in `code`: the statement and its list; undefined when the chunk
 * exports nothing. Throws, naming `name`, for any other shape, and when the object esbuild defines
 * its getters on is used anywhere else (`export * from` a package copies that package's names onto
 * it later: without the object, the chunk would fail as it loads).
 */
function exportsStatement(code, name, scope) {
  if (!code.includes('module.exports=')) return undefined;
  const found = EXPORTS.exec(code);
  const object = found === null ? undefined : (scope ?? topLevel(code)).set.get(found[1]);
  // Its declaration, esbuild's defining of its getters, and the copy exported; not counted, the
  // lexer's note, never run, which names the exports (one may be spelt as the object is).
  const note = code.lastIndexOf(LEXER_NOTE);
  const uses = object?.references.filter((reference) => note < 0 || reference.identifier.range[0] < note).length;
  if (uses !== 3) throw new Error(`${name}: esbuild's CommonJS exports are not as scripts/chunk-exports.mjs expects`);
  return { statement: found[0], list: found[3] };
}

/**
 * The exports of each chunk of `chunks` (its code by its path) that have to stay getters, by path:
 * a binding of its own assigned after its declaration (assignedAgain), or another chunk's export
 * passed on (`o.b`, `o` that chunk's require) that stays one there; passed on from anything but a
 * chunk, a getter too. `resolve(from, spec)` resolves a chunk's relative require. The chunks
 * require one another without a cycle (staticCycle).
 */
export function liveExports(chunks, resolve) {
  const live = new Map();
  const of = (path) => {
    let names = live.get(path);
    if (names !== undefined) return names;
    names = new Set();
    live.set(path, names);
    const code = chunks.get(path);
    if (!code.includes('module.exports=')) return names;
    const scope = topLevel(code);
    const found = exportsStatement(code, path, scope);
    if (found === undefined) return names;
    const assigned = assignedAgain(code, scope);
    for (const [, exported, local] of found.list.matchAll(ENTRY)) {
      const [object, member] = local.split('.');
      const from = member === undefined ? undefined : requiredChunk(scope, object, path, chunks, resolve);
      if (member === undefined ? assigned(object) : from === undefined || of(from).has(member)) names.add(exported);
    }
    return names;
  };
  for (const path of chunks.keys()) of(path);
  return live;
}

/** The chunk of `chunks` that the top-level variable `object` is the require of, if it is one. */
function requiredChunk(scope, object, path, chunks, resolve) {
  const init = scope.set.get(object)?.defs[0]?.node.init;
  const spec = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' ? init.arguments[0]?.value : undefined;
  if (typeof spec !== 'string' || !spec.startsWith('.')) return undefined;
  const target = resolve(path, spec);
  return chunks.has(target) ? target : undefined;
}

/** The top level of `code` (a chunk's CommonJS module body) as eslint-scope sees it. */
function topLevel(code) {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'script', ranges: true });
  // nodejsScope: the top level as a CommonJS module's function scope, where every declaration resolves.
  return analyze(ast, { ecmaVersion: 2022, nodejsScope: true }).globalScope.childScopes[0];
}

/**
 * For `code` (a chunk's CommonJS module body), whether a binding of its top level may change after
 * it is declared, as a getter would see: a variable or function assigned anywhere but in its
 * declaration (`let n;` then `n=1` is), found by scope (eslint-scope), so that a name minified the
 * same in an inner function is not taken for it. A name the top level does not declare, kept as a
 * getter. (`a.b`, another chunk's export passed on: liveExports.)
 */
export function assignedAgain(code, scope = topLevel(code)) {
  return (local) => {
    const variable = scope.set.get(local);
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
