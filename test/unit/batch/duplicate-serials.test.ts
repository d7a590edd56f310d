import { mapColumns } from '../../../src/batch/columns.js';
import { DuplicateSerials } from '../../../src/batch/duplicate-serials.js';
import { batchAction } from '../../../src/batch/batch-action.js';
import { runInProcess } from '../cli/harness.js';
import { FakeGateway } from './fake-gateway.js';
import { localTemplate, resultsCsv, runFile, tempDir, writeFile } from './helpers.js';

/** Six members, the last column their serial: `serialHeader` names it; `extra` ends every line. */
function members(serialHeader: string, extra = ''): string {
  return [
    `user_uni_id,name,level,${serialHeader}`,
    '2088000000000001,A,VIP1,S-1',
    '2088000000000002,B,VIP1,S-2',
    '2088000000000001,A,VIP1, S-1 ', // row 2 again, to the letter: the gateway would answer with row 2's card
    '2088000000000004,D,VIP1,S-2', // another member under row 3's serial: the two would race
    '2088000000000005,E,VIP1,',
    '2088000000000006,F,VIP1,',
  ].map((line, i) => line + (extra && (i === 0 ? ',valid_date' : extra))).join('\n') + '\n';
}

describe('an out_serial_no brought by two rows of one file', () => {
  it('is found for every later row, naming the first, among 200,000 serials (the index grows; no false alarm)', () => {
    const duplicates = new DuplicateSerials(mapColumns(['user_uni_id', 'out_serial_no']), batchAction('open').unique);
    const found: Array<[number, string | undefined]> = [];
    for (let row = 2; row < 200_002; row++) {
      const problem = duplicates.check({ row, cells: ['2088000000000001', `SER${row % 100_000}`] });
      if (problem) found.push([row, problem.message.match(/^row (\d+)/)?.[1]]);
    }
    expect(found).toHaveLength(100_000);
    expect(found[0]).toEqual([100_002, '2']);
    expect(found.every(([row, first]) => Number(first) === row - 100_000)).toBe(true);
  });

  it('needs no memory for a file with no out_serial_no column: derived serials cannot repeat', () => {
    const duplicates = new DuplicateSerials(mapColumns(['user_uni_id']), batchAction('open').unique);
    expect(duplicates.check({ row: 2, cells: ['2088000000000001'] })).toBeUndefined();
    expect(duplicates.check({ row: 3, cells: ['2088000000000001'] })).toBeUndefined();
  });

  it('a real run records the later rows as invalid without sending them; the first rows are issued', async () => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', members('serial'));
    const summary = await runFile(gateway, input, { map: ['serial=out_serial_no'] });
    expect(summary.counts).toMatchObject({ issued: 4, invalid: 2, failed: 0 });
    expect(gateway.cardOpens()).toBe(4);
    const rows = new Map(resultsCsv(input).slice(1).map((r) => [r[0], r]));
    expect(rows.get('4')!.slice(1, 3)).toEqual(['S-1', 'invalid']);
    expect(rows.get('4')!.join(',')).toContain('serial: row 2 has the same out_serial_no');
    expect(rows.get('5')!.join(',')).toContain('serial: row 3 has the same out_serial_no');
    // Resumed, the invalid rows stay ended: nothing is sent again.
    const resumed = await runFile(gateway, input, { resume: true });
    expect(resumed.ended).toBe(0);
    expect(gateway.cardOpens()).toBe(4);
  });

  it('--validate-only lists each later row, with its column and the row the serial first appeared on', async () => {
    const dir = tempDir();
    writeFile(dir, 'm.csv', members('out_serial_no', ',2030-01-01 00:00:00'));
    // Every row is checked against its template too: one in the local gateway, as there is no config.
    const { stateHome, templateId } = await localTemplate();
    const r = await runInProcess(['card', 'batch', 'm.csv', '--template-id', templateId, '--validate-only', '-o', 'ndjson'], { cwd: dir, env: { XDG_STATE_HOME: stateHome } });
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { row: 4, column: 'out_serial_no', field: 'out_serial_no', value: 'S-1', problem: expect.stringMatching(/^row 2 has the same out_serial_no: each row needs its own/) },
      { row: 5, column: 'out_serial_no', field: 'out_serial_no', value: 'S-2', problem: expect.stringMatching(/^row 3 has the same out_serial_no/) },
    ]);
  });
});
