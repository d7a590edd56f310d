import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * src/lock/file-lock.ts bundled as plain ESM in a temp directory, for real child processes to take
 * locks with. With `native` (the default) its import.meta.url is the source's, so it loads
 * fs-native-extensions from this project's node_modules as the source does; without, it is its own
 * file's in the temp directory, where no node_modules is found: the addon cannot load, as on a
 * platform it has no build for, and the portable lock is used. Returns the directory and the module's path.
 */
export function bundleFileLock({ native = true } = {}): { dir: string; module: string } {
  const dir = mkdtempSync(join(tmpdir(), 'file-lock-'));
  const source = resolve('src/lock/file-lock.ts');
  const module = join(dir, 'file-lock.mjs');
  buildSync({
    entryPoints: [source], bundle: true, platform: 'node', format: 'esm', outfile: module, logLevel: 'silent',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(native ? source : module).href) },
  });
  return { dir, module };
}
