import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNAL_KIND, type JournalHeader } from '../../../src/batch/journal-records.js';
import { lastOutcomes, loadJournal } from '../../../src/batch/journal-reader.js';
import { JournalClosedError, JournalWriter } from '../../../src/batch/journal-writer.js';
import { RowState } from '../../../src/batch/row-book.js';
import { tempDir, writeFile } from './helpers.js';

const header: JournalHeader = {
  journal: JOURNAL_KIND, version: 1, batch_id: 'b', created_at: '2024-05-01T00:00:00.000Z', results: 'r.csv',
  input: { path: 'm.csv', sha256: 'x', bytes: 100, encoding: 'utf-8' },
};

describe('journal', () => {
  it('writes records whole, in order, and replays them into every row\'s state', async () => {
    const path = join(tempDir(), 'j.journal');
    const journal = await JournalWriter.create(path, header);
    // Written in one turn: one group, one sync.
    await Promise.all([
      journal.write({ send: 2, out_serial_no: 's2', open_date: '2024-05-01 09:30:00' }),
      journal.write({ send: 3, out_serial_no: 's3' }),
      journal.write({ end: 2, out_serial_no: 's2', status: 'issued', biz_card_no: 'C1', code: '10000' }),
      journal.write({ end: 4, out_serial_no: 's4', status: 'invalid', sub_code: 'cli.invalid-row', sub_msg: 'bad' }),
      journal.write({ send: 5, out_serial_no: 's5' }),
      journal.write({ end: 5, out_serial_no: 's5', status: 'failed', code: '20000', sub_code: 'isp.unknow-error', retryable: true }),
    ]);
    await journal.write({ send: 5, out_serial_no: 's5' });
    await journal.write({ end: 5, out_serial_no: 's5', status: 'issued', biz_card_no: 'C2', code: '10000' });
    await journal.close();
    await expect(journal.write({ send: 9, out_serial_no: 's9' })).rejects.toBeInstanceOf(JournalClosedError);

    const state = await loadJournal(path);
    expect(state.header).toEqual(header);
    expect([2, 3, 4, 5, 6].map((r) => state.book.get(r))).toEqual([RowState.Issued, RowState.InFlight, RowState.Invalid, RowState.Issued, RowState.Unseen]);
    expect(state.sentBefore.get(3)).toEqual({ send: 3, out_serial_no: 's3' });
    // Row 5 failed for a transient reason, then was issued: nothing of it is kept for re-sending.
    expect([...state.sentBefore.keys()]).toEqual([3]);
    const last = [];
    for await (const r of lastOutcomes(path, state)) last.push([r.end, r.status]);
    expect(last).toEqual([[2, 'issued'], [4, 'invalid'], [5, 'issued']]);
  });

  it('ignores a last record cut short by a kill, and cuts it off before appending', async () => {
    const path = join(tempDir(), 'j.journal');
    const journal = await JournalWriter.create(path, header);
    await journal.write({ send: 2, out_serial_no: 's2' });
    await journal.close();
    appendFileSync(path, '{"end":2,"out_serial_no":"s2","sta');
    const state = await loadJournal(path);
    expect(state.book.get(2)).toBe(RowState.InFlight);
    const reopened = await JournalWriter.reopen(path, state.validBytes);
    await reopened.write({ end: 2, out_serial_no: 's2', status: 'issued' });
    await reopened.close();
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toHaveLength(3);
  });

  it('a damaged record in the middle, or a file that is not a journal, is an error', async () => {
    const dir = tempDir();
    const damaged = join(dir, 'd.journal');
    appendFileSync(damaged, JSON.stringify(header) + '\n{"send":2,\n{"send":3,"out_serial_no":"s3"}\n');
    await expect(loadJournal(damaged)).rejects.toThrow('is damaged at line 2');
    const other = join(dir, 'o.journal');
    appendFileSync(other, '{"hello":1}\n');
    await expect(loadJournal(other)).rejects.toThrow('is not a card batch journal');
  });

  it.each([
    ['{"end":999999}', 'row 999999 is past the end of the input (100 bytes)'],
    ['{"end":3,"out_serial_no":"s"}', 'status undefined is not issued, failed or invalid'],
    ['{"end":999999,"out_serial_no":"s","status":"issued"}', 'row 999999 is past the end of the input (100 bytes)'],
    ['{"end":1,"out_serial_no":"s","status":"issued"}', 'row 1 is not a data row number (2 or more)'],
    ['{"end":"3","out_serial_no":"s","status":"issued"}', 'row "3" is not a data row number'],
    ['{"end":3,"out_serial_no":"s","status":"won"}', 'status "won" is not issued, failed or invalid'],
    ['{"end":3,"status":"issued"}', 'out_serial_no is missing'],
    ['{"end":3,"out_serial_no":"s","status":"failed","retryable":"yes"}', 'retryable is not true or false'],
    ['{"send":2.5,"out_serial_no":"s"}', 'row 2.5 is not a data row number'],
    ['{"send":3,"out_serial_no":"s","open_date":7}', 'open_date is not text'],
    ['{"run":"paused","at":"x"}', 'not a run mark this tool writes'],
    ['{"cards":3}', 'not a send, end or run record'],
    ['null', 'not a record'],
    [JSON.stringify(header), 'a second header'],
  ])('a tampered record %s is damage named by its line, not a row counted', async (line, problem) => {
    const path = join(tempDir(), 'j.journal');
    appendFileSync(path, `${JSON.stringify(header)}\n{"send":2,"out_serial_no":"s2"}\n${line}\n{"end":2,"out_serial_no":"s2","status":"issued"}\n`);
    await expect(loadJournal(path)).rejects.toThrow(`the journal ${path} is damaged at line 3: ${problem}`);
  });

  it('a header this version cannot use is damage at line 1', async () => {
    const dir = tempDir();
    const newer = join(dir, 'n.journal');
    appendFileSync(newer, JSON.stringify({ ...header, version: 2 }) + '\n');
    await expect(loadJournal(newer)).rejects.toThrow('damaged at line 1: version 2: this alipay-card reads version 1');
    const noInput = join(dir, 'i.journal');
    appendFileSync(noInput, JSON.stringify({ ...header, input: { path: 'm.csv' } }) + '\n');
    await expect(loadJournal(noInput)).rejects.toThrow('damaged at line 1: its input is not a path, sha256, byte count and encoding');
  });
});

describe('run lock', () => {
  it('refuses a second run while the first is alive, and takes over the lock of one that was killed', async () => {
    const { lockRun } = await import('../../../src/batch/run-lock.js');
    const { writeFileSync } = await import('node:fs');
    const dir = tempDir();
    const [journal, input, lockDir] = [join(dir, 'j.journal'), join(dir, 'm.csv'), tempDir()];
    const mine = await lockRun(journal, input, { lockDir });
    // The parent process stands in for a second, live run.
    await expect(lockRun(journal, join(dir, 'other.csv'), { pid: process.ppid, lockDir })).rejects.toThrow(`another card batch (pid ${process.pid}) is running this batch`);
    mine.release();
    writeFileSync(`${journal}.lock`, '4194000'); // a pid no process has: a run killed with -9
    (await lockRun(journal, input, { lockDir })).release();
    await expect(lockRun(join(tempDir(), 'missing/dir/j.journal'), input, { lockDir })).rejects.toThrow('no such directory');
  });

  it('refuses a second run of the same input file with other results, however the path is spelled; takes over a killed one', async () => {
    const { inputLockPath, lockRun } = await import('../../../src/batch/run-lock.js');
    const { symlinkSync, writeFileSync, existsSync, readdirSync } = await import('node:fs');
    const dir = tempDir();
    const lockDir = tempDir();
    const input = writeFile(dir, 'm.csv', 'user_uni_id\n');
    symlinkSync(input, join(dir, 'link.csv'));
    const first = await lockRun(join(dir, 'a.journal'), input, { lockDir });
    await expect(lockRun(join(dir, 'b.journal'), join(dir, 'link.csv'), { pid: process.ppid, lockDir }))
      .rejects.toThrow(`another card batch (pid ${process.pid}) is running ${join(dir, 'link.csv')} (journal ${join(dir, 'a.journal')})`);
    // The refused run left no lock of its own behind.
    expect(existsSync(join(dir, 'b.journal.lock'))).toBe(false);
    // Another file is another batch.
    (await lockRun(join(dir, 'c.journal'), join(dir, 'n.csv'), { pid: process.ppid, lockDir })).release();
    first.release();
    expect(readdirSync(lockDir)).toEqual([]);
    writeFileSync(inputLockPath(input, lockDir), '4194000\n/x/killed.journal\n');
    (await lockRun(join(dir, 'b.journal'), input, { lockDir })).release();
  });

  it('waits for an empty lock (created, its pid not yet written) rather than take it for a dead run; one left empty long ago is taken over', async () => {
    const { lockRun } = await import('../../../src/batch/run-lock.js');
    const { utimesSync, writeFileSync } = await import('node:fs');
    const dir = tempDir();
    const [journal, input, lockDir] = [join(dir, 'j.journal'), join(dir, 'm.csv'), tempDir()];
    // The parent process stands in for a live run that created the lock and is about to write its pid.
    writeFileSync(`${journal}.lock`, '');
    const writing = setTimeout(() => writeFileSync(`${journal}.lock`, String(process.ppid)), 300);
    try {
      await expect(lockRun(journal, input, { lockDir })).rejects.toThrow(`another card batch (pid ${process.ppid}) is running this batch`);
    } finally {
      clearTimeout(writing);
    }
    expect(readFileSync(`${journal}.lock`, 'utf8')).toBe(String(process.ppid));
    writeFileSync(`${journal}.lock`, '');
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(`${journal}.lock`, longAgo, longAgo);
    const taken = await lockRun(journal, input, { lockDir });
    expect(readFileSync(`${journal}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    taken.release();
  });

  it('a lock that cannot be created is exit 2 naming its path and the reason, not an internal error', async () => {
    const { lockRun } = await import('../../../src/batch/run-lock.js');
    const { UsageError } = await import('../../../src/errors.js');
    const dir = tempDir();
    const notADir = writeFile(dir, 'afile', 'x');
    const refused = lockRun(join(notADir, 'r.journal'), join(dir, 'm.csv'), { lockDir: tempDir() });
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(`cannot create the lock ${join(notADir, 'r.journal.lock')}: a part of the path is not a directory (ENOTDIR)`);
  });
});
