// Records every platform build of a native optional dependency (@swc/core-*, @unrs/resolver-binding-*)
// in package-lock.json. The npm registry this project installs from serves Linux builds only, so
// `npm install` cannot resolve the macOS/Windows ones and leaves them out of the lock, and then
// `npm ci` refuses the lock as out of sync. An entry with just the version, marked optional, is
// what npm ci needs: it tries that build, cannot get it, and skips it as the optional dependency
// it is. Idempotent; run after any `npm install` that changes the lock (.ci/run runs it too).
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const added = [];
for (const entry of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    lock.packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true };
    added.push(`${name}@${version}`);
  }
}
if (added.length > 0) {
  writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
  console.log(`package-lock.json: recorded ${added.length} optional platform builds`);
}
