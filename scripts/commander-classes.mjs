// commander's classes from its own files, not from its index (scripts/build.mjs): the index also
// makes a `program` (`new Command()`, for programs that use commander's global one), which this CLI
// does not, at every start: the first Command made costs ≈18 KB of V8's young generation, and
// valgrind, Node 20, ≈0.6M instructions of `sign`. test/unit/guards/start-up-mechanisms.test.ts
// holds them to be the very classes commander's index exports.
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';

/** What the sources import from 'commander', by the file of commander's that defines it. */
export const COMMANDER_CLASSES = {
  Argument: 'lib/argument.js',
  Command: 'lib/command.js',
  CommanderError: 'lib/error.js',
  Help: 'lib/help.js',
  InvalidArgumentError: 'lib/error.js',
  Option: 'lib/option.js',
};

/** An esbuild plugin: `commander`, imported by the sources under `root`/src, is COMMANDER_CLASSES. */
export function commanderClasses(root) {
  const src = resolve(root, 'src') + sep;
  // Where commander is, as Node resolves it from the project (its index.js).
  const commander = dirname(createRequire(join(root, 'package.json')).resolve('commander'));
  return {
    name: 'commander-classes',
    setup(b) {
      b.onResolve({ filter: /^commander$/ }, (args) => (args.importer.startsWith(src) ? { path: 'commander', namespace: 'commander-classes' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'commander-classes' }, () => ({
        contents: Object.entries(COMMANDER_CLASSES).map(([name, file]) => `export { ${name} } from ${JSON.stringify(join(commander, file))};`).join('\n'),
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}
