import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { batchPaths } from '../../../src/batch/paths.js';
import { batchIdOf, derivedOutSerialNo } from '../../../src/batch/serial.js';
import { FakeGateway } from './fake-gateway.js';
import { memberRows, resultsCsv, runFile, tempDir, writeFile } from './helpers.js';

const SHA = 'a'.repeat(64);

describe('batch id and derived out_serial_no', () => {
  it('is the same for the same bytes and options, and differs when an option that shapes the requests does', () => {
    const id = batchIdOf(SHA, { templateId: 'T1', map: ['手机号=cell'] });
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(batchIdOf(SHA, { templateId: 'T1', map: ['手机号=cell'], ignoreUnknownColumns: false })).toBe(id);
    const others = [
      batchIdOf('b'.repeat(64), { templateId: 'T1', map: ['手机号=cell'] }),
      batchIdOf(SHA, { templateId: 'T2', map: ['手机号=cell'] }),
      batchIdOf(SHA, { templateId: 'T1' }),
      batchIdOf(SHA, { templateId: 'T1', map: ['手机号=member_cell'] }),
      batchIdOf(SHA, { templateId: 'T1', map: ['手机号=cell'], ignoreUnknownColumns: true }),
    ];
    expect(new Set([id, ...others]).size).toBe(others.length + 1);
    expect(derivedOutSerialNo(id, 2)).toBe(`${id}00000002`);
  });

  it('the same file run again with another template issues its own cards instead of OUT_SERIAL_NO_CONFLICT on every row', async () => {
    const gateway = new FakeGateway();
    gateway.templates.set('T2', '6m');
    const dir = tempDir();
    const input = writeFile(dir, 'members.csv', memberRows(3));
    const first = await runFile(gateway, input, { templateId: 'T1' });
    const second = await runFile(gateway, input, { templateId: 'T2', resultsPath: join(dir, 'gold.csv'), journalPath: join(dir, 'gold.journal') });
    expect(first.counts).toMatchObject({ issued: 3, failed: 0 });
    expect(second.counts).toMatchObject({ issued: 3, failed: 0 });
    expect(gateway.cards.size).toBe(6);
  });

  it('a rerun without the journal, as its hint says: rows whose values all come from the file get their card; rows with a filled-in open_date are refused', async () => {
    const gateway = new FakeGateway();
    const dir = tempDir();
    const input = writeFile(dir, 'members.csv', [
      'user_uni_id,name,level,open_date,valid_date',
      '2088000000000001,A,VIP1,2024-05-01 09:00:00,2030-01-01 00:00:00',
      '2088000000000002,B,VIP1,,',
    ].join('\n') + '\n');
    await runFile(gateway, input);
    const cardOfRow2 = resultsCsv(input)[1]![3];
    const { journal } = batchPaths(process.cwd(), input, {});
    await expect(runFile(gateway, input)).rejects.toThrow(expect.objectContaining({ hint: expect.stringContaining('ends failed as OUT_SERIAL_NO_CONFLICT') }));

    rmSync(journal);
    const rerun = await runFile(gateway, input, { now: new Date('2024-06-01T00:00:00Z') });
    expect(rerun.counts).toMatchObject({ issued: 1, failed: 1, failedByReason: [['OUT_SERIAL_NO_CONFLICT', 1]] });
    const rows = resultsCsv(input).slice(1).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(rows.map((r) => [r[0], r[2], r[3] || r[5]])).toEqual([['2', 'issued', cardOfRow2], ['3', 'failed', 'OUT_SERIAL_NO_CONFLICT']]);
    expect(gateway.cards.size).toBe(2);
  });
});
