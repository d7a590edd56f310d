import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// What `alipay-card --help` and `--version` load is laid out by scripts/build.mjs: the entry, one
// chunk with main's static graph, esbuild's runtime chunk. Each file more costs the ESM loader a
// resolve, a read and a compile, and node:crypto alone costs 6–13 ms of start-up; an import that
// pulls the protocol into the program definition (as card-update.ts once did through card-open.ts
// and the protocol's index) brings both back. This reads the built files' static imports, as Node
// follows them, and fails then. `npm test` builds first.

const dist = resolve(import.meta.dirname ?? dirname(new URL(import.meta.url).pathname), '../../../dist');
const entry = join(dist, 'cli/main.js');

/** Every file and node: built-in reached from `file` by static imports (not `import()`). */
function staticGraph(file: string): { files: string[]; builtins: Set<string> } {
  const files: string[] = [];
  const builtins = new Set<string>();
  const queue = [file];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (files.includes(next)) continue;
    files.push(next);
    const code = readFileSync(next, 'utf8');
    // Minified: `import{a as b}from"../chunks/x.js"`, `import"./y.js"`; never inside `import(`.
    for (const m of code.matchAll(/\bimport\s*(?:[\w${},\s*]+?\s*from\s*)?["']([^"']+)["']/g)) {
      const spec = m[1]!;
      if (spec.startsWith('node:')) builtins.add(spec);
      else if (spec.startsWith('.')) queue.push(resolve(dirname(next), spec));
      else builtins.add(spec);
    }
  }
  return { files, builtins };
}

describe('what --help loads (dist/cli/main.js, built by scripts/build.mjs)', () => {
  it('is the entry and at most two chunks', () => {
    expect(existsSync(entry)).toBe(true);
    const { files } = staticGraph(entry);
    expect(files.length).toBeLessThanOrEqual(3);
  });

  it('imports no node:crypto, no streams, no network and no package from node_modules', () => {
    const { builtins } = staticGraph(entry);
    expect([...builtins].sort()).toEqual(['node:module', 'node:os']);
  });

  it('stays small: its bytes are what Node compiles before printing anything', () => {
    const bytes = staticGraph(entry).files.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(bytes).toBeLessThan(160_000);
  });
});
