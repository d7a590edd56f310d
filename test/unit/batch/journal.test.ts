import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNAL_KIND, type JournalHeader } from '../../../src/batch/journal-records.js';
import { loadJournal, outcomesInRowOrder } from '../../../src/batch/journal-reader.js';
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
    for await (const r of outcomesInRowOrder(path, state.validBytes)) last.push([r.end, r.status]);
    expect(last).toEqual([[2, 'issued'], [4, 'invalid'], [5, 'issued']]);
  });

  it('gives each row its last outcome in row order, whatever order the rows ended in and across runs', async () => {
    const path = join(tempDir(), 'order.journal');
    const journal = await JournalWriter.create(path, header);
    // Rows end out of order; a later run ends row 3 again (retried) after row 2000.
    for (const row of [5, 2, 2000, 3, 4]) await journal.write({ end: row, out_serial_no: `s${row}`, status: row === 3 ? 'failed' : 'issued', retryable: row === 3 });
    await journal.write({ end: 3, out_serial_no: 's3', status: 'issued', biz_card_no: 'C3', user_uni_id: '2088000000000003' });
    await journal.close();
    const seen = [];
    for await (const r of outcomesInRowOrder(path)) seen.push([r.end, r.status, r.user_uni_id]);
    expect(seen).toEqual([[2, 'issued', undefined], [3, 'issued', '2088000000000003'], [4, 'issued', undefined], [5, 'issued', undefined], [2000, 'issued', undefined]]);
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
    ['{"end":3,"out_serial_no":"s"}', 'status undefined is not issued, updated, deleted, failed or invalid'],
    ['{"end":999999,"out_serial_no":"s","status":"issued"}', 'row 999999 is past the end of the input (100 bytes)'],
    ['{"end":1,"out_serial_no":"s","status":"issued"}', 'row 1 is not a data row number (2 or more)'],
    ['{"end":"3","out_serial_no":"s","status":"issued"}', 'row "3" is not a data row number'],
    ['{"end":3,"out_serial_no":"s","status":"won"}', 'status "won" is not issued, updated, deleted, failed or invalid'],
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

