import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readUpTo } from '../../../src/config/read-capped.js';

// readUpTo reads a file whole, or its first maxBytes bytes, whatever the file: a small one in one
// read, one larger than its first buffer through the buffer growing, one that never ends (a device)
// to the cap and no further.

const dir = mkdtempSync(join(tmpdir(), 'alipay-card-read-capped-'));
function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
const pattern = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) % 251));

describe('readUpTo', () => {
  it.each([0, 1, 4095, 4096, 4097, 10_000, 100_000])('reads a %i-byte file whole when the cap is larger', (n) => {
    expect(readUpTo(file(`f${n}`, pattern(n)), 1024 * 1024 + 1).equals(pattern(n))).toBe(true);
  });

  it.each([[10_000, 4096], [10_000, 9_999], [10_000, 10_000], [10_001, 10_000], [200_000, 65_537]])('reads the first cap bytes of a %i-byte file with cap %i', (n, cap) => {
    const read = readUpTo(file(`g${n}-${cap}`, pattern(n)), cap);
    expect(read.length).toBe(Math.min(n, cap));
    expect(read.equals(pattern(n).subarray(0, cap))).toBe(true);
  });

  it('stops at the cap on a device that never ends (its size is 0, as a FIFO or /proc file says)', () => {
    const read = readUpTo('/dev/zero', 64 * 1024 + 1);
    expect(read.length).toBe(64 * 1024 + 1);
    expect(read.every((b) => b === 0)).toBe(true);
  });

  it('reads a file that reports size 0 but has content (/proc), past its first buffer', () => {
    const read = readUpTo('/proc/self/maps', 1024 * 1024);
    const expected = spawnSync('cat', ['/proc/self/maps']).stdout.length;
    // Another process's maps differ in detail, not in being several KB: the buffer grew past 4 KiB.
    expect(expected).toBeGreaterThan(0);
    expect(read.length).toBeGreaterThan(4096);
  });
});
