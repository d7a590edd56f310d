import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { takeFileLock } from '../../../src/lock/file-lock.js';
import { bundleFileLock } from './bundle.js';
import { kernelLockLeftBy } from './records.js';

// Several processes (real ones: the lock is between processes) take one lock in turn, many times.
// A holder lets go by releasing (which removes the file others may be waiting on), or by dying
// holding it (kill -9 of itself, leaving the file and its pid behind); a new process then takes
// its place. Each holder logs entering and leaving; any overlap means two held the lock at once.
const WORKER = `
import { appendFileSync } from 'node:fs';
import { takeFileLock } from './file-lock.mjs';
const [lockPath, logPath, rounds] = process.argv.slice(2);
const options = { timeoutMs: 120000, busy: (o) => new Error('busy ' + o.pid), hint: 'h', warn: (m) => appendFileSync(logPath + '.warn', m + '\\n') };
for (let round = 0; round < Number(rounds); round++) {
  const lock = await takeFileLock(lockPath, options);
  appendFileSync(logPath, 'enter ' + process.pid + '\\n');
  await new Promise((r) => setTimeout(r, 1 + Math.random() * 3));
  appendFileSync(logPath, 'leave ' + process.pid + '\\n');
  if (Math.random() < 0.15) process.kill(process.pid, 'SIGKILL'); // died holding it
  lock.release();
  await new Promise((r) => setTimeout(r, Math.random() * 10));
}
`;
const [WORKERS, ROUNDS] = [8, 20];

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('file lock between processes', () => {
  it.each([
    ['the kernel lock', true],
    ['the portable lock (fs-native-extensions cannot load)', false],
  ])('%s: one holder at a time, through many releases and holders killed holding it', async (_name, native) => {
    const { dir } = bundleFileLock({ native });
    writeFileSync(join(dir, 'worker.mjs'), WORKER);
    const lockPath = join(dir, 'x.lock');
    const logPath = join(dir, 'log');
    writeFileSync(lockPath, kernelLockLeftBy(await deadPid())); // left by a holder killed with -9
    writeFileSync(logPath, '');
    const entered = (pid: number) => readFileSync(logPath, 'utf8').split('\n').filter((line) => line === `enter ${pid}`).length;
    /** One worker's share of the rounds, through as many processes as die on the way. */
    const slot = async () => {
      let killed = 0;
      for (let left = ROUNDS; left > 0;) {
        const child = spawn(process.execPath, [join(dir, 'worker.mjs'), lockPath, logPath, String(left)], { stdio: ['ignore', 'ignore', 'inherit'] });
        const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
          child.on('error', fail);
          child.on('exit', (c, s) => done([c, s]));
        });
        expect(signal === 'SIGKILL' || code === 0).toBe(true);
        if (signal === 'SIGKILL') killed++;
        left -= entered(child.pid!);
      }
      return killed;
    };
    const killed = (await Promise.all(Array.from({ length: WORKERS }, slot))).reduce((a, b) => a + b, 0);
    expect(killed).toBeGreaterThan(0);

    const lines = readFileSync(logPath, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(WORKERS * ROUNDS * 2);
    for (let i = 0; i < lines.length; i += 2) {
      const [enter, leave] = [lines[i]!, lines[i + 1]!];
      expect(enter.startsWith('enter ')).toBe(true);
      expect(leave).toBe(enter.replace('enter', 'leave'));
    }
    const warnings = existsSync(`${logPath}.warn`) ? readFileSync(`${logPath}.warn`, 'utf8') : '';
    if (native) expect(warnings).toBe('');
    else expect(warnings).toMatch(/^file locks: the kernel lock \(fs-native-extensions\) has no build for linux-x64 \(Cannot find module 'fs-native-extensions'.*\): using lock files judged by their holder's process id instead\n/);
    // Whatever the last holder did, nobody holds it now.
    (await takeFileLock(lockPath, { timeoutMs: 0, busy: () => new Error('still held'), hint: 'h' })).release();
  }, 120_000);
});
