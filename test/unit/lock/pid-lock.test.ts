import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { takePidLock, type PidLockOptions } from '../../../src/lock/pid-lock.js';

const lockIn = () => join(mkdtempSync(join(tmpdir(), 'pid-lock-')), 'x.lock');
const options: PidLockOptions = { busy: ({ pid, detail }) => new Error(`held by ${pid}${detail ? ` for ${detail}` : ''}`), hint: 'h' };

describe('pid lock', () => {
  it('is created whole, with its detail; a second holder in this process is refused; release leaves no file behind', async () => {
    const path = lockIn();
    const lock = await takePidLock(path, { ...options, detail: '/runs/a.journal' });
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n/runs/a.journal\n`);
    await expect(takePidLock(path, options)).rejects.toThrow(`held by ${process.pid} for /runs/a.journal`);
    lock.release();
    lock.release();
    expect(readdirSync(join(path, '..'))).toEqual([]);
  });

  it('our own pid in a lock nobody here holds was left by an earlier process with this pid: taken over', async () => {
    const path = lockIn();
    writeFileSync(path, `${process.pid}\n`);
    (await takePidLock(path, options)).release();
    expect(readdirSync(join(path, '..'))).toEqual([]);
  });

  it('releases only its own lock: once taken over (thought dead), the file is the new holder\'s', async () => {
    const path = lockIn();
    const lock = await takePidLock(path, options);
    writeFileSync(path, `${process.ppid}\n`);
    lock.release();
    expect(readFileSync(path, 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('an empty lock is waited for until its pid is written, past the timeout; then the refusal names that pid', async () => {
    const path = lockIn();
    writeFileSync(path, '');
    const writing = setTimeout(() => writeFileSync(path, `${process.ppid}\n`), 200);
    try {
      await expect(takePidLock(path, { ...options, timeoutMs: 0 })).rejects.toThrow(`held by ${process.ppid}`);
    } finally {
      clearTimeout(writing);
    }
  });

  describe('taking over a stale lock', () => {
    const deadPid = () => Number(execFileSync(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' }).trim());

    it('is done under a guard; a guard left by a dead process is cleared, and nothing is left behind', async () => {
      const path = lockIn();
      writeFileSync(path, `${deadPid()}\n`);
      writeFileSync(`${path}.takeover`, `${deadPid()}\n`);
      const lock = await takePidLock(path, options);
      expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\n`);
      lock.release();
      expect(readdirSync(join(path, '..'))).toEqual([]);
    });

    it('waits for a live process holding the guard (it is taking the lock over) as for a holder, within the timeout', async () => {
      const path = lockIn();
      writeFileSync(path, `${deadPid()}\n`);
      writeFileSync(`${path}.takeover`, `${process.ppid}\n`);
      await expect(takePidLock(path, { ...options, timeoutMs: 0 })).rejects.toThrow(`held by ${process.ppid}`);
      await expect(takePidLock(path, { ...options, timeoutMs: 100 })).rejects.toThrow(`held by ${process.ppid}`);
    });

    it('a guard held for longer than any takeover takes is cleared whoever has its pid now (a pid reused)', async () => {
      const path = lockIn();
      writeFileSync(path, `${deadPid()}\n`);
      writeFileSync(`${path}.takeover`, `${process.ppid}\n`);
      utimesSync(`${path}.takeover`, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      const lock = await takePidLock(path, { ...options, timeoutMs: 0 });
      lock.release();
      expect(readdirSync(join(path, '..'))).toEqual([]);
    });

    it('a guard it cannot remove is an error naming it, not a wait without end', async () => {
      const path = lockIn();
      writeFileSync(path, `${deadPid()}\n`);
      mkdirSync(`${path}.takeover/inside`, { recursive: true });
      utimesSync(`${path}.takeover`, new Date(0), new Date(0));
      await expect(takePidLock(path, { ...options, timeoutMs: 0 })).rejects.toThrow(`cannot remove the stale lock ${path}.takeover`);
    });
  });
});

