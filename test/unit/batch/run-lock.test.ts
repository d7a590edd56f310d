import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../../src/errors.js';
import { inputLockPath, lockRun } from '../../../src/batch/run-lock.js';
import { tempDir, writeFile } from './helpers.js';
import { kernelLockLeftBy, ownKernelLock } from '../lock/records.js';

describe('run lock', () => {
  it('refuses a second run of the batch while the first holds it; a lock file left with a live process\'s pid does not block', async () => {
    const dir = tempDir();
    const [journal, input, lockDir] = [join(dir, 'j.journal'), join(dir, 'm.csv'), join(tempDir(), 'locks')];
    const mine = await lockRun(journal, input, lockDir);
    await expect(lockRun(journal, join(dir, 'other.csv'), lockDir)).rejects.toThrow(`another card batch (pid ${process.pid}) is running this batch (${journal}.lock)`);
    mine.release();
    // The parent process is alive, holds nothing: as a run killed with -9 whose pid was reused.
    writeFileSync(`${journal}.lock`, kernelLockLeftBy(process.ppid));
    writeFileSync(inputLockPath(input, lockDir), kernelLockLeftBy(process.ppid, '/x/killed.journal'));
    const again = await lockRun(journal, input, lockDir);
    expect(readFileSync(`${journal}.lock`, 'utf8')).toMatch(ownKernelLock());
    again.release();
    expect(readdirSync(lockDir)).toEqual([]);
    await expect(lockRun(join(tempDir(), 'missing/dir/j.journal'), input, lockDir)).rejects.toThrow('no such directory');
  });

  it('refuses a second run of the same input file with other results, however the path is spelled', async () => {
    const dir = tempDir();
    const lockDir = join(tempDir(), 'locks');
    const input = writeFile(dir, 'm.csv', 'user_uni_id\n');
    symlinkSync(input, join(dir, 'link.csv'));
    const first = await lockRun(join(dir, 'a.journal'), input, lockDir);
    await expect(lockRun(join(dir, 'b.journal'), join(dir, 'link.csv'), lockDir))
      .rejects.toThrow(`another card batch (pid ${process.pid}) is running ${join(dir, 'link.csv')} (journal ${join(dir, 'a.journal')})`);
    // The refused run left no lock of its own behind.
    expect(existsSync(join(dir, 'b.journal.lock'))).toBe(false);
    // Another file is another batch.
    (await lockRun(join(dir, 'c.journal'), join(dir, 'n.csv'), lockDir)).release();
    first.release();
    expect(readdirSync(lockDir)).toEqual([]);
  });

  it('refuses a second run of the same file under another name (a hard link), and not of a copy', async () => {
    const dir = tempDir();
    const lockDir = join(tempDir(), 'locks');
    const input = writeFile(dir, 'm.csv', 'user_uni_id\n');
    linkSync(input, join(dir, 'link.csv'));
    copyFileSync(input, join(dir, 'copy.csv'));
    const first = await lockRun(join(dir, 'a.journal'), input, lockDir);
    await expect(lockRun(join(dir, 'b.journal'), join(dir, 'link.csv'), lockDir))
      .rejects.toThrow(`another card batch (pid ${process.pid}) is running ${join(dir, 'link.csv')} (journal ${join(dir, 'a.journal')})`);
    // The refused run let go of the lock by its own path, and took none of the journal's.
    expect(existsSync(join(dir, 'b.journal.lock'))).toBe(false);
    (await lockRun(join(dir, 'c.journal'), join(dir, 'copy.csv'), lockDir)).release();
    first.release();
    expect(readdirSync(lockDir)).toEqual([]);
  });

  it('makes its lock directory private (0700), and refuses one others can write in or a lock that is a symlink', async () => {
    const dir = tempDir();
    const input = join(dir, 'm.csv');
    const lockDir = join(tempDir(), 'state', 'alipay-card', 'batch-locks');
    (await lockRun(join(dir, 'j.journal'), input, lockDir)).release();
    expect(statSync(lockDir).mode & 0o777).toBe(0o700);

    // Planted by someone else: a symlink where the input's lock goes.
    const target = writeFile(dir, 'target', 'precious\n');
    symlinkSync(target, inputLockPath(input, lockDir));
    const refused = lockRun(join(dir, 'j.journal'), input, lockDir);
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(`the lock ${inputLockPath(input, lockDir)} is a symbolic link: refusing to follow it`);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');

    const shared = join(tempDir(), 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    await expect(lockRun(join(dir, 'j.journal'), input, shared)).rejects.toThrow(`the batch lock directory ${shared} is not a private directory of yours (others can write in it): refusing to use it`);
  });

  it('a lock that cannot be created is exit 2 naming its path and the reason, not an internal error', async () => {
    const dir = tempDir();
    const notADir = writeFile(dir, 'afile', 'x');
    const refused = lockRun(join(notADir, 'r.journal'), join(dir, 'm.csv'), join(tempDir(), 'locks'));
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(`cannot create the lock ${join(notADir, 'r.journal.lock')}: a part of the path is not a directory (ENOTDIR)`);
    await expect(lockRun(join(dir, 'r.journal'), join(dir, 'm.csv'), join(notADir, 'locks'))).rejects.toThrow(`cannot create the batch lock directory ${join(notADir, 'locks')}: a part of the path is not a directory (ENOTDIR)`);
  });
});
