import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outDirError } from '../../../src/cli/commands/keys.js';
import { runInProcess } from './harness.js';

describe('keys generate --out that cannot be used', () => {
  it('an existing file is exit 2 naming it, and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-kg-'));
    writeFileSync(join(dir, 'afile'), 'x');
    const r = await runInProcess(['keys', 'generate', '--out', 'afile'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: keys generate --out afile: it is a file, not a directory');
    expect(r.stderr).not.toMatch(/internal error|EEXIST/);
    expect(readdirSync(dir)).toEqual(['afile']);
  });

  it('a path below a file is exit 2 naming the file in the way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-kg-'));
    writeFileSync(join(dir, 'afile'), 'x');
    const r = await runInProcess(['keys', 'generate', '--out', 'afile/keys/new'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out afile/keys/new: ${join(dir, 'afile')} is a file, not a directory`);
  });

  it('still creates a missing directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-kg-'));
    mkdirSync(join(dir, 'a'));
    const r = await runInProcess(['keys', 'generate', '--out', 'a/b/c', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'a/b/c')).sort()).toEqual(['app_private_key.pem', 'app_public_key.pem']);
  });

  // Permission errors cannot be provoked as root (tests may run as root), so the mapping is held here.
  it.each([
    ['EACCES', 'permission denied: cannot create /srv/keys or write in it'],
    ['EPERM', 'permission denied: cannot create /srv/keys or write in it'],
    ['EROFS', '/srv/keys is on a read-only file system'],
    ['ENOSPC', 'no space left on the device'],
    ['EIO', 'cannot write the key files in /srv/keys: i/o error'],
  ])('%s is a usage error naming the directory and the problem', (code, reason) => {
    const err = outDirError('/srv/keys', '/srv/keys', Object.assign(new Error('i/o error'), { code }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(`keys generate --out /srv/keys: ${reason}`);
    expect(err.hint).toMatch(/--out/);
  });
});
