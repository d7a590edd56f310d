import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runCli } from './cli.js';
import { batchProject, createTemplate, gatewayForSuite, readResults, startCli, whenStdoutLines, writeMembers } from './batch-harness.js';

const iconv = createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
const served = gatewayForSuite();

/** What a new ops user hit (issue 16), card batch's part. */
describe('card batch: what a new ops user hit', () => {
  it('a forced --encoding the file is not in is exit 2 naming the line and byte offset, not a garbled --map column', async () => {
    const gw = served();
    const dir = batchProject(gw);
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode('用户ID,等级\r\n2088000000000001,VIP1\r\n', 'gbk'));
    const run = await runCli(['card', 'batch', 'gbk.csv', '--template-id', 'T', '--encoding', 'utf-8', '--map', '用户ID=user_uni_id', '--map', '等级=level'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--encoding utf-8: \S*gbk.csv is not UTF-8/);
    expect(run.stderr).toContain('gbk.csv is not UTF-8 text: it breaks at line 1 (byte offset 0: 0xd3)');
    expect(run.stderr).toContain('it reads as GBK/GB18030: leave out --encoding');
    expect(run.stderr).not.toContain('�');
    expect(existsSync(join(dir, 'gbk.csv.results.journal'))).toBe(false);
  });

  it('`-o ndjson | head -1` once every row was out: the run ended — no "interrupted", no resume command, its own exit code', async () => {
    const gw = served();
    const templateId = await createTemplate(gw, 'e2e-batch-head-short');
    const dir = batchProject(gw);
    writeMembers(dir, 'members.csv', 6, 1);
    await gw.clearFaults();
    // Every row is out at once (6 rows, 8 at a time); the first ends well after the others (the
    // template query is the first request, the first card open the second).
    await gw.fault('latency=600:next=2');
    const cli = startCli(['card', 'batch', 'members.csv', '--template-id', templateId, '--concurrency', '8', '--output', 'ndjson'], dir);
    try {
      await whenStdoutLines(cli, 1);
      cli.closeStdout();
      const run = await cli.exited;
      expect(run.stderr).toContain('stopping (stdout was closed)');
      expect(run.stderr).toContain('every row had ended by then: nothing is left to resume');
      expect(run.stderr).toMatch(/^done: 6 rows in /m);
      expect(run.stderr).not.toMatch(/interrupted|resume with/);
      expect(run.code).toBe(0);
      expect(readResults(join(dir, 'members.csv.results.csv')).map((r) => r.status)).toEqual(Array(6).fill('issued'));
      const journal = readFileSync(join(dir, 'members.csv.results.journal'), 'utf8').trim().split('\n');
      expect(JSON.parse(journal.at(-1)!)).toMatchObject({ run: 'finished' });
    } finally {
      await gw.clearFaults();
    }
  }, 60_000);

  it.each([['--retry-failed', 2], ['--resume', 3]])('%s after a run that stopped before its first row goes on with the template the journal recorded', async (flag, series) => {
    const gw = served();
    const templateId = await createTemplate(gw, `e2e-batch-empty-journal-${series}`);
    const dir = batchProject(gw);
    writeMembers(dir, 'members.csv', 3, series);
    await gw.clearFaults();
    // The template lookup fails: the run stops before its first row, with a journal of no rows.
    await gw.fault('http500:next=1');
    const first = await runCli(['card', 'batch', 'members.csv', '--template-id', templateId, '--max-attempts', '1'], { cwd: dir });
    expect(first.code).toBe(6);
    expect(readFileSync(join(dir, 'members.csv.results.journal'), 'utf8')).not.toMatch(/"send"/);

    const again = await runCli(['card', 'batch', 'members.csv', flag], { cwd: dir });
    expect(again.stderr).not.toContain('no card template');
    expect(again.stderr).toContain('has no rows (its run stopped before the first): starting from the first row');
    expect(again.code).toBe(0);
    expect(readResults(join(dir, 'members.csv.results.csv')).map((r) => r.status)).toEqual(['issued', 'issued', 'issued']);
  }, 60_000);

  it('whole-yuan balances as Excel saves them (100 for 100.00) are sent with two decimals and the summary says so; three decimals stay invalid', async () => {
    const gw = served();
    const templateId = await createTemplate(gw, 'e2e-batch-excel-amounts');
    const dir = batchProject(gw);
    const users = ['2088600000000001', '2088600000000002', '2088600000000003', '2088600000000004', '2088600000000005'];
    const balances = ['1', '100', '100.5', '124.89', '12.345'];
    writeFileSync(join(dir, 'amounts.csv'), ['user_uni_id,level,balance', ...users.map((u, i) => `${u},VIP1,${balances[i]}`)].join('\r\n') + '\r\n');
    const args = ['card', 'batch', 'amounts.csv', '--template-id', templateId];

    const check = await runCli([...args, '--validate-only'], { cwd: dir });
    expect(check.code).toBe(2);
    // Not a terminal: the problems as JSON. Only the three-decimal row is one.
    expect(JSON.parse(check.stdout)).toMatchObject({ problems: [{ row: 6, column: 'balance', value: '12.345', problem: expect.stringContaining('two decimals') }], invalid_rows: 1, balances_normalised: 3 });
    expect(check.stderr).toContain('balance: 3 rows gave whole yuan or one decimal (Excel saves 100.00 as 100): would be sent with two decimals (100.00)');

    const run = await runCli([...args, '-o', 'json'], { cwd: dir });
    expect(run.code).toBe(7);
    expect(run.stderr).toContain('  balance  3 rows gave whole yuan or one decimal');
    expect(JSON.parse(run.stdout)).toMatchObject({ issued: 4, invalid: 1, this_run: { balances_normalised: 3 } });
    const cards = await gw.cards();
    const balanceOf = (user: string) => (cards.find((c) => c.user_uni_id === user)?.fields as { balance?: string } | undefined)?.balance;
    expect(users.slice(0, 4).map(balanceOf)).toEqual(['1.00', '100.00', '100.50', '124.89']);
    expect(balanceOf(users[4]!)).toBeUndefined();
  }, 60_000);

  it('results for Excel: UTF-8 with a BOM after a GBK file, rows in file order though one of the first ends last, each with its member', async () => {
    const gw = served();
    const templateId = await createTemplate(gw, 'e2e-batch-excel-results');
    const dir = batchProject(gw);
    const users = Array.from({ length: 8 }, (_, i) => `20887000000000${String(i + 1).padStart(2, '0')}`);
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode(['user_uni_id,name,level', ...users.map((u, i) => `${u},会员${i + 1},VIP1`)].join('\r\n') + '\r\n', 'gbk'));
    await gw.clearFaults();
    // One of the first four card opens answers last: the template query is the first request, and the
    // four workers' first requests race each other to the gateway, so which row is delayed is not fixed.
    await gw.fault('latency=1500:next=2');
    try {
      const run = await runCli(['card', 'batch', 'gbk.csv', '--template-id', templateId, '--concurrency', '4', '-o', 'ndjson'], { cwd: dir });
      expect(run.code).toBe(0);
      const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; user_uni_id: string; external_card_no: string });
      const last = events.at(-1)!.row;
      expect([2, 3, 4, 5]).toContain(last);
      expect(events.map((e) => e.row)).not.toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      expect(events.find((e) => e.row === last)).toMatchObject({ user_uni_id: users[last - 2] });
      const text = readFileSync(join(dir, 'gbk.csv.results.csv'), 'utf8');
      expect(text.startsWith('\ufeffrow,out_serial_no,status,biz_card_no,code,sub_code,sub_msg,user_uni_id,external_card_no\r\n') || text.startsWith('\ufeffrow,out_serial_no,status,biz_card_no,code,sub_code,sub_msg,user_uni_id,external_card_no\n')).toBe(true);
      const results = readResults(join(dir, 'gbk.csv.results.csv'));
      expect(results.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      expect(results.map((r) => r.columns.user_uni_id)).toEqual(users);
      expect(results.every((r) => r.columns.external_card_no === r.out_serial_no)).toBe(true);
    } finally {
      await gw.clearFaults();
    }
  }, 60_000);
});
