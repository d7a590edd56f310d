import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

// Several processes (real ones: the lock is between processes) take one lock in turn, many times,
// and half the time the holder "dies" holding it — it leaves its lock behind with a dead pid in it,
// as kill -9 would — so every few turns a crowd races to take over a stale lock. Each holder logs
// entering and leaving; any overlap means two held the lock at once.
const WORKER = `
import { appendFileSync, writeFileSync } from 'node:fs';
import { takePidLock } from './pid-lock.mjs';
const [lockPath, logPath, rounds, deadPid] = process.argv.slice(2);
const options = { timeoutMs: 120000, busy: (o) => new Error('busy ' + o.pid), hint: 'h' };
for (let round = 0; round < Number(rounds); round++) {
  const lock = await takePidLock(lockPath, options);
  appendFileSync(logPath, 'enter ' + process.pid + '\\n');
  await new Promise((r) => setTimeout(r, 1 + Math.random() * 3));
  appendFileSync(logPath, 'leave ' + process.pid + '\\n');
  if (Math.random() < 0.7) writeFileSync(lockPath, deadPid + '\\n'); // died holding it
  else lock.release();
  await new Promise((r) => setTimeout(r, Math.random() * 10));
}
`;

describe('pid lock between processes', () => {
  it('one holder at a time, through many takeovers of a stale lock by a crowd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pid-lock-race-'));
    buildSync({ entryPoints: [resolve('src/lock/pid-lock.ts')], bundle: true, platform: 'node', format: 'esm', outfile: join(dir, 'pid-lock.mjs'), logLevel: 'silent' });
    writeFileSync(join(dir, 'worker.mjs'), WORKER);
    const deadPid = Number(execFileSync(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' }).trim());
    const lockPath = join(dir, 'x.lock');
    const logPath = join(dir, 'log');
    writeFileSync(lockPath, `${deadPid}\n`);
    writeFileSync(logPath, '');
    const workers = Array.from({ length: 8 }, () => new Promise<number | null>((done, fail) => {
      const child = spawn(process.execPath, [join(dir, 'worker.mjs'), lockPath, logPath, '20', String(deadPid)], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', fail);
      child.on('exit', done);
    }));
    expect(await Promise.all(workers)).toEqual(Array(8).fill(0));

    const lines = readFileSync(logPath, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(8 * 20 * 2);
    for (let i = 0; i < lines.length; i += 2) {
      const [enter, leave] = [lines[i]!, lines[i + 1]!];
      expect(enter.startsWith('enter ')).toBe(true);
      expect(leave).toBe(enter.replace('enter', 'leave'));
    }
  }, 120_000);
});
