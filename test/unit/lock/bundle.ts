import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * src/lock/file-lock.ts bundled as plain ESM in a temp directory, for real child processes to take
 * locks with. Its import.meta.url is the source's, so it loads fs-native-extensions from this
 * project's node_modules as the source does. Returns the directory and the module's path.
 */
export function bundleFileLock(): { dir: string; module: string } {
  const dir = mkdtempSync(join(tmpdir(), 'file-lock-'));
  const source = resolve('src/lock/file-lock.ts');
  const module = join(dir, 'file-lock.mjs');
  buildSync({
    entryPoints: [source], bundle: true, platform: 'node', format: 'esm', outfile: module, logLevel: 'silent',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(source).href) },
  });
  return { dir, module };
}
