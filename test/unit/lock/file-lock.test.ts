import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { takeFileLock, type FileLockOptions } from '../../../src/lock/file-lock.js';
import { bundleFileLock } from './bundle.js';
import { kernelLockLeftBy, ownKernelLock } from './records.js';

const lockIn = () => join(mkdtempSync(join(tmpdir(), 'file-lock-')), 'x.lock');
const options: FileLockOptions = { busy: ({ pid, detail }) => new Error(`held by ${pid}${detail ? ` for ${detail}` : ''}`), hint: 'h' };

/** A process that has ended but is not reaped (`sleep`, its parent, never waits): a zombie. */
async function zombie(): Promise<{ pid: number; parent: ChildProcess }> {
  const parent = spawn('sh', ['-c', 'sh -c \'echo $$\' & exec sleep 60'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = Number((await new Promise<Buffer>((done) => parent.stdout!.once('data', done))).toString().trim());
  for (let i = 0; i < 100 && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); i++) await new Promise((r) => setTimeout(r, 20));
  expect(readFileSync(`/proc/${pid}/stat`, 'utf8')).toMatch(/^\d+ \(.*\) Z/);
  return { pid, parent };
}

describe('file lock', () => {
  it('writes its holder\'s pid and detail; a second lock in this process is refused naming them; release leaves no file behind', async () => {
    const path = lockIn();
    const lock = await takeFileLock(path, { ...options, detail: '/runs/a.journal' });
    expect(readFileSync(path, 'utf8')).toMatch(ownKernelLock('/runs/a.journal'));
    await expect(takeFileLock(path, options)).rejects.toThrow(`held by ${process.pid} for /runs/a.journal`);
    lock.release();
    lock.release();
    expect(readdirSync(join(path, '..'))).toEqual([]);
    (await takeFileLock(path, options)).release();
  });

  it('waits for the holder within the timeout, telling who once a second has passed, and takes the lock when it is let go', async () => {
    const path = lockIn();
    const first = await takeFileLock(path, options);
    const waitedFor: number[] = [];
    const second = takeFileLock(path, { ...options, timeoutMs: 10_000, onWait: (pid) => waitedFor.push(pid) });
    await new Promise((r) => setTimeout(r, 1200));
    first.release();
    (await second).release();
    expect(waitedFor).toEqual([process.pid]);
  });

  it('a kernel lock\'s pid proves nothing: a live process that does not hold it (a pid reused) does not block it, nor an empty file', async () => {
    const path = lockIn();
    const sleeper = spawn('sleep', ['60']);
    try {
      for (const pid of [sleeper.pid!, process.ppid, process.pid]) {
        writeFileSync(path, kernelLockLeftBy(pid, '/x/old.journal'));
        const lock = await takeFileLock(path, { ...options, timeoutMs: 0 });
        expect(readFileSync(path, 'utf8')).toMatch(ownKernelLock());
        lock.release();
      }
    } finally {
      sleeper.kill();
    }
    writeFileSync(path, '');
    (await takeFileLock(path, { ...options, timeoutMs: 0 })).release();
  });

  it('an older alipay-card\'s pid lock (no kernel lock to ask) is held while its process lives, and taken once it has died', async () => {
    const path = lockIn();
    const older = spawn('sleep', ['60']);
    const exited = new Promise((done) => older.on('exit', done));
    writeFileSync(path, `${older.pid}\n/x/old.journal\n`);
    await expect(takeFileLock(path, { ...options, timeoutMs: 0 })).rejects.toThrow(`held by ${older.pid} for /x/old.journal`);
    expect(readFileSync(path, 'utf8')).toBe(`${older.pid}\n/x/old.journal\n`);
    older.kill();
    await exited;
    (await takeFileLock(path, { ...options, timeoutMs: 0 })).release();
  });

  it('a zombie\'s pid does not block it', async () => {
    const path = lockIn();
    const { pid, parent } = await zombie();
    try {
      writeFileSync(path, `${pid}\n`);
      (await takeFileLock(path, { ...options, timeoutMs: 0 })).release();
    } finally {
      parent.kill();
    }
  });

  it('a holder killed with SIGKILL lets go at once: the kernel releases its lock', async () => {
    const { dir, module } = bundleFileLock();
    const path = join(dir, 'x.lock');
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      const { takeFileLock } = await import(${JSON.stringify(module)});
      await takeFileLock(${JSON.stringify(path)}, { detail: 'child', busy: () => new Error('busy'), hint: 'h' });
      process.stdout.write('held\\n');
      setInterval(() => {}, 1000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((done) => holder.on('exit', done));
    expect((await new Promise<Buffer>((done) => holder.stdout!.once('data', done))).toString()).toBe('held\n');
    await expect(takeFileLock(path, { ...options, timeoutMs: 0 })).rejects.toThrow(`held by ${holder.pid} for child`);
    holder.kill('SIGKILL');
    await exited;
    expect(readFileSync(path, 'utf8')).toMatch(new RegExp(`^${holder.pid}\nchild\nalipay-card-lock/2 kernel `));
    const lock = await takeFileLock(path, { ...options, timeoutMs: 0 });
    expect(readFileSync(path, 'utf8')).toMatch(ownKernelLock());
    lock.release();
  });

  it('refuses a lock file that is a symlink, naming it, and leaves its target alone', async () => {
    const path = lockIn();
    const target = join(path, '..', 'target');
    writeFileSync(target, 'precious\n');
    symlinkSync(target, path);
    await expect(takeFileLock(path, { ...options, timeoutMs: 0 })).rejects.toThrow(`the lock ${path} is a symbolic link: refusing to follow it`);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(existsSync(path)).toBe(true);
  });

  (process.getuid?.() === 0 ? it : it.skip)('refuses a lock file that belongs to another user', async () => {
    const path = lockIn();
    writeFileSync(path, '4242\n', { mode: 0o666 });
    chownSync(path, 4242, 4242);
    await expect(takeFileLock(path, { ...options, timeoutMs: 0 })).rejects.toThrow(`the lock ${path} is not a file of yours (it belongs to uid 4242): refusing to use it`);
  });

  it('a lock that cannot be created is an error naming its directory, not a wait', async () => {
    const path = join(lockIn(), '..', 'missing', 'x.lock');
    await expect(takeFileLock(path, { ...options, timeoutMs: 0 })).rejects.toThrow(`cannot write in ${join(path, '..')}: no such directory`);
  });
});
