import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';

// Node's recursive mkdir never returns for a path in /proc (100% CPU); as root, /dev takes files.
// Spawned, with a deadline: a regression is a killed process here, not a hung test run.
describe('keys generate --out in /proc, /sys or /dev', () => {
  it.each([
    ['/proc/1/kk', '/proc'],
    ['/proc/self/kk/deeper', '/proc'],
    ['/dev/alipay-card-test-keys', '/dev'],
    ['/sys/kk', '/sys'],
  ])('--out %s is exit 2 naming --out, at once, and writes nothing', async (out, root) => {
    const r = await runCli(['keys', 'generate', '--out', out], { timeoutMs: 10_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: keys generate --out ${out}: it lies in ${root}, which holds the system's processes and devices, not files`);
  });

  it('a link to /proc is followed before anything is made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-kg-'));
    symlinkSync('/proc/1', join(dir, 'p'));
    const r = await runCli(['keys', 'generate', '--out', 'p/kk'], { cwd: dir, timeoutMs: 10_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it lies in /proc');
  });
});
