import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { runCli } from './cli.js';
import { batchProject, createTemplate, finish, gatewayForSuite, readResults, startCli, whenRowsEnded, writeMembers } from './batch-harness.js';

// As batch-faults: 10% of requests meet trouble, a lost answer (reset after the change was stored) among them.
const FAULTS = ['unavailable:0.02', 'system-error:0.02', 'reset:0.02', 'http500:0.02', 'throttle:0.02', 'latency=40:0.02'];
const ROWS = 10_000;

const gw = gatewayForSuite();

interface CardView {
  biz_card_no: string;
  card_template_id: string;
  state: { status: string; card_info: Record<string, string>; reason_code?: string };
  history: Array<Record<string, unknown>>;
}

async function cardsOf(templateId: string): Promise<Map<string, CardView>> {
  const cards = (await gw().cards()) as unknown as CardView[];
  return new Map(cards.filter((c) => c.card_template_id === templateId).map((c) => [c.biz_card_no, c]));
}

/** `rows` cards issued by a plain batch (no faults): their numbers, in row order. */
async function issueCards(dir: string, templateId: string, rows: number, series: number): Promise<string[]> {
  await gw().clearFaults();
  writeMembers(dir, 'members.csv', rows, series);
  const opened = await runCli(['card', 'batch', 'members.csv', '--template-id', templateId, '--concurrency', '16'], { cwd: dir, timeoutMs: 240_000 });
  expect(opened.code).toBe(0);
  return readResults(join(dir, 'members.csv.results.csv')).sort((a, b) => a.row - b.row).map((r) => r.biz_card_no);
}

async function withFaults(): Promise<void> {
  await gw().clearFaults();
  for (const fault of FAULTS) await gw().fault(fault);
}

/** Runs `args` and kills it with SIGKILL three times at random moments, resuming each time; then finishes it. */
async function killThriceAndFinish(args: string[], dir: string, results: string): Promise<ReturnType<typeof finish>> {
  let ended = 0;
  for (let kill = 0; kill < 3; kill++) {
    const cli = startCli(kill === 0 ? args : [...args, '--resume'], dir);
    await whenRowsEnded(results, ended + 300 + Math.floor(Math.random() * 1500), cli);
    await new Promise((r) => setTimeout(r, Math.random() * 50));
    cli.signal('SIGKILL');
    expect((await cli.exited).signal).toBe('SIGKILL');
    ended = readFileSync(results, 'utf8').trim().split('\n').length - 1;
  }
  return finish(args, dir);
}

/** Every data row of the file in the results exactly once, with this status. */
function expectEveryRowOnce(results: string, rows: number, status: string): void {
  const lines = readResults(results);
  expect(lines.map((l) => l.row).sort((a, b) => a - b)).toEqual(Array.from({ length: rows }, (_, i) => i + 2));
  expect(lines.filter((l) => l.status !== status)).toEqual([]);
}

describe('card batch --action update and delete against gateway serve', () => {
  it(`updates ${ROWS} cards through faults and three SIGKILLs: every card ends with the file's values; then deletes each once`, async () => {
    const templateId = await createTemplate(gw(), 'e2e-batch-actions-faults');
    const dir = batchProject(gw());
    const cards = await issueCards(dir, templateId, ROWS, 4);

    // A CRM export: card number and the new values; levels alternate, balances as Excel saves them (whole yuan).
    const wanted = cards.map((card, i) => ({ card, point: String(1000 + i), balance: String(i % 500), level: i % 2 === 0 ? 'VIP2' : 'VIP1' }));
    writeFileSync(join(dir, 'points.csv'), ['biz_card_no,point,balance,level', ...wanted.map((w) => `${w.card},${w.point},${w.balance},${w.level}`)].join('\r\n') + '\r\n');
    await withFaults();
    const update = ['card', 'batch', 'points.csv', '--action', 'update', '--template-id', templateId, '--concurrency', '16', '--max-attempts', '10'];
    const updated = await killThriceAndFinish(update, dir, join(dir, 'points.csv.results.csv'));
    expect(updated.code).toBe(0);
    expect(updated.stderr).toMatch(new RegExp(`updated +${ROWS}\\b`));
    expectEveryRowOnce(join(dir, 'points.csv.results.csv'), ROWS, 'updated');
    const afterUpdate = await cardsOf(templateId);
    const differs = wanted.filter((w) => {
      const info = afterUpdate.get(w.card)!.state.card_info;
      return info.point !== w.point || info.balance !== `${w.balance}.00` || info.level !== w.level;
    });
    expect(differs).toEqual([]);

    // Each card deleted once, whatever was killed or lost on the way: its history ends in one delete, with the file's reason.
    const reasons = ['USER_UNBUND', 'PRESENT', 'CANCEL'];
    writeFileSync(join(dir, 'closed.csv'), ['target_card_no,reason_code', ...cards.map((card, i) => `${card},${reasons[i % 3]}`)].join('\n') + '\n');
    await withFaults();
    const remove = ['card', 'batch', 'closed.csv', '--action', 'delete', '--yes', '--concurrency', '16', '--max-attempts', '10'];
    const deleted = await killThriceAndFinish(remove, dir, join(dir, 'closed.csv.results.csv'));
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toMatch(new RegExp(`deleted +${ROWS}\\b`));
    const results = readResults(join(dir, 'closed.csv.results.csv'));
    expectEveryRowOnce(join(dir, 'closed.csv.results.csv'), ROWS, 'deleted');
    // Resent rows went under their serials: none met a card deleted by another request.
    expect(results.filter((r) => r.columns.sub_code !== '')).toEqual([]);
    const afterDelete = await cardsOf(templateId);
    const wrong = cards.filter((card, i) => {
      const view = afterDelete.get(card)!;
      const deletes = view.history.filter((h) => h.action === 'delete');
      return view.state.status !== 'DELETED' || deletes.length !== 1 || deletes[0]!.reason_code !== reasons[i % 3];
    });
    expect(wrong).toEqual([]);
  }, 600_000);

  it('a GBK file from Excel with Chinese headers, mapped with --map: checked first (a bad level, a card twice), updated, and a rerun changes nothing more', async () => {
    await gw().clearFaults();
    const templateId = await createTemplate(gw(), 'e2e-batch-actions-gbk');
    const dir = batchProject(gw());
    const cards = await issueCards(dir, templateId, 4, 5);
    const lines = ['会员卡号,积分,余额,等级', `${cards[0]},120,88.5,VIP2`, `${cards[1]},130,,VIP9`, `${cards[2]},140,10,`, `${cards[0]},150,,`];
    writeFileSync(join(dir, '积分.csv'), iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
    const map = ['--map', '会员卡号=target_card_no', '--map', '积分=point', '--map', '余额=balance', '--map', '等级=level'];
    const args = ['card', 'batch', '积分.csv', '--action', 'update', '--template-id', templateId, ...map];

    const checked = await runCli([...args, '--validate-only', '--output', 'table'], { cwd: dir });
    expect(checked.code).toBe(2);
    expect(checked.stdout).toContain('row 3, 等级 (card_info.level): must be a level of template');
    expect(checked.stdout).toContain('row 5, 会员卡号 (target_card_no): row 2 updates the same card');
    expect(checked.stderr).toContain('2 of 4 rows are invalid');
    expect((await cardsOf(templateId)).get(cards[0]!)!.history).toHaveLength(1);

    const run = await runCli(args, { cwd: dir });
    expect(run.code).toBe(7);
    const rows = readResults(join(dir, '积分.csv.results.csv'));
    expect(rows.map((r) => [r.row, r.status, r.biz_card_no])).toEqual([[2, 'updated', cards[0]], [3, 'invalid', cards[1]], [4, 'updated', cards[2]], [5, 'invalid', cards[0]]]);
    // The results of a GBK file open right in Excel: UTF-8 with a BOM, the headers' Chinese in the messages.
    expect(readFileSync(join(dir, '积分.csv.results.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(rows[1]!.columns.sub_msg).toContain('等级: must be a level of template');
    // The journal remembers the action: --resume continues the update, another --action is refused.
    const resumed = await runCli(['card', 'batch', '积分.csv', '--resume'], { cwd: dir });
    expect(resumed.stderr).toMatch(/updated +2\b/);
    const other = await runCli(['card', 'batch', '积分.csv', '--resume', '--action', 'delete', '--reason', 'CANCEL'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("--action delete differs from the batch's update");
    const state = async () => [...(await cardsOf(templateId)).values()].map((c) => [c.biz_card_no, c.state.card_info.point, c.state.card_info.balance, c.state.card_info.level]).sort();
    const after = await state();
    expect(after).toContainEqual([cards[0], '120', '88.50', 'VIP2']);
    expect(after).toContainEqual([cards[2], '140', '10.00', 'VIP1']);

    // An update is a "set": the same file sent again as a new batch (another results file and journal) leaves every card as it was.
    const rerun = await runCli([...args, '--results', 'again.csv'], { cwd: dir });
    expect(rerun.code).toBe(7);
    expect(await state()).toEqual(after);
    const history = (await cardsOf(templateId)).get(cards[0]!)!.history;
    expect(history.filter((h) => h.action === 'update').map((h) => (h.card_info as Record<string, string>).point)).toEqual(['120', '120']);
  }, 300_000);

  it('delete: a CANCEL row needs --yes without a terminal (nothing sent); a card deleted before is reported deleted with its sub_code; --reason fills rows without one', async () => {
    await gw().clearFaults();
    const templateId = await createTemplate(gw(), 'e2e-batch-actions-delete');
    const dir = batchProject(gw());
    const cards = await issueCards(dir, templateId, 3, 6);
    writeFileSync(join(dir, 'gone.csv'), `card_no,reason_code\n${cards[0]},CANCEL\n${cards[1]},\n${cards[2]},PRESENT\n`);

    const refused = await runCli(['card', 'batch', 'gone.csv', '--action', 'delete', '--reason', 'USER_UNBUND'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('1 row deletes its card with CANCEL');
    expect([...(await cardsOf(templateId)).values()].every((c) => c.state.status === 'ACTIVE')).toBe(true);

    const noReason = await runCli(['card', 'batch', 'gone.csv', '--action', 'delete', '--yes', '--validate-only'], { cwd: dir });
    expect(noReason.code).toBe(2);
    expect(noReason.stdout).toContain('"field":"reason_code"');
    // --validate-only checks what the run would send: --reason fills the row without one.
    const withReason = await runCli(['card', 'batch', 'gone.csv', '--action', 'delete', '--reason', 'USER_UNBUND', '--validate-only', '--json'], { cwd: dir });
    expect(withReason.code).toBe(0);
    expect(JSON.parse(withReason.stdout)).toMatchObject({ problems: [], rows: 3, invalid_rows: 0 });

    // One card deleted beforehand, by `card delete`, with the reason its row asks.
    const single = await runCli(['card', 'delete', cards[2]!, '--reason', 'PRESENT', '--yes'], { cwd: dir });
    expect(single.code).toBe(0);
    const run = await runCli(['card', 'batch', 'gone.csv', '--action', 'delete', '--reason', 'USER_UNBUND', '--yes', '--output', 'ndjson'], { cwd: dir });
    expect(run.code).toBe(0);
    // Events come as rows end, not in file order.
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>).sort((a, b) => Number(a.row) - Number(b.row));
    expect(events.map((e) => [e.row, e.status, e.biz_card_no, e.sub_code])).toEqual([[2, 'deleted', cards[0], null], [3, 'deleted', cards[1], null], [4, 'deleted', cards[2], 'CARD_IS_DELETED_ALREADY']]);
    const views = await cardsOf(templateId);
    expect(cards.map((c) => views.get(c)!.state.reason_code)).toEqual(['CANCEL', 'USER_UNBUND', 'PRESENT']);
    expect(run.stderr).toMatch(/deleted +3\b/);
  }, 120_000);
});
