// Packages from node_modules, loaded through node:module when one is first wanted rather than at
// every start: node:module costs ≈0.5 ms to load, and on Node ≥ 22.8 turning on its compile cache
// ≈0.45 ms more (module.enableCompileCache() asks node:os for the temporary directory). `--help`,
// `--version`, `sign`, `verify` and `card open` load no package: their code is in our chunks, which
// the loader caches itself (src/loader/chunks.ts).

let cacheTurnedOn = false;

/**
 * node:module, with Node's compile cache (module.enableCompileCache, Node ≥ 22.8) turned on before
 * the first package is compiled: Node keeps what it compiles of node_modules in its cache directory
 * for the next run. NODE_DISABLE_COMPILE_CACHE turns it off, as it does Node's.
 */
function nodeModule(): typeof import('node:module') {
  const module = process.getBuiltinModule('node:module');
  if (!cacheTurnedOn) {
    cacheTurnedOn = true;
    // Node ≥ 22.8 (Node 20's types do not have it).
    (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  }
  return module;
}

/** createRequire(from), made when called: for a package, resolved from the file `from` names. */
export function packageRequire(from: string | URL): NodeJS.Require {
  return nodeModule().createRequire(from);
}

/** Turns Node's compile cache on before an import() of a package (an ES module only, such as jose). */
export function beforePackageImport(): void {
  nodeModule();
}
