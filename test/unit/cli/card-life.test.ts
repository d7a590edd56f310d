import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess, scriptedPrompter } from './harness.js';

type Options = Parameters<typeof runInProcess>[1];

/** Runs against the in-process local gateway, all runs of a test sharing its state (and the demo's template). */
async function localCard(): Promise<{ run: (args: string[], options?: Options) => ReturnType<typeof runInProcess>; cardNo: string }> {
  const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'alipay-card-life-state-')) };
  const run = (args: string[], options: Options = {}) => runInProcess(args, { ...options, env: { ...env, ...options.env } });
  const demo = await run(['demo', '--json']);
  expect(demo.code).toBe(0);
  const { templateId } = JSON.parse(demo.stdout) as { templateId: string };
  const opened = await run(['--gateway', 'local', 'card', 'open', '--json', '--template-id', templateId, '--user-id', '2088302463082075', '--level', 'VIP1', '--point', '88', '--balance', '1.00']);
  expect(opened.code).toBe(0);
  return { run: (args, options) => run(['--gateway', 'local', ...args], options), cardNo: JSON.parse(opened.stdout).card_info.biz_card_no };
}

const pointOf = async (run: Awaited<ReturnType<typeof localCard>>['run'], cardNo: string) => JSON.parse((await run(['card', 'query', cardNo, '--json'])).stdout).card_info.point;

describe('card update and card delete on a terminal', () => {
  it('update shows the current values beside the new ones; no sends nothing (exit 2), yes sends', async () => {
    const { run, cardNo } = await localCard();
    const no = scriptedPrompter([false]);
    const refused = await run(['card', 'update', cardNo, '--point', '188'], { tty: true, prompter: no });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`About to update card ${cardNo}:\\n\\s+point\\s+88 → 188`));
    expect(refused.stderr).toContain('not confirmed: nothing was sent');
    expect(await pointOf(run, cardNo)).toBe('88');

    const yes = scriptedPrompter([true]);
    const done = await run(['card', 'update', cardNo, '--point', '188'], { tty: true, prompter: yes });
    expect(done.code).toBe(0);
    expect(yes.asked).toEqual(['Update it?']);
    expect(await pointOf(run, cardNo)).toBe('188');
  }, 30_000);

  it('delete --reason CANCEL wants the card number typed: a wrong one sends nothing, the right one deletes', async () => {
    const { run, cardNo } = await localCard();
    const wrong = await run(['card', 'delete', cardNo, '--reason', 'CANCEL'], { tty: true, prompter: scriptedPrompter(['DEMO']) });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('the account is closed; the member can never bind this card again');
    expect(await pointOf(run, cardNo)).toBe('88');
    const typed = scriptedPrompter([cardNo]);
    const right = await run(['card', 'delete', cardNo, '--reason', 'CANCEL', '--json'], { tty: true, prompter: typed });
    expect(right.code).toBe(0);
    expect(typed.asked).toEqual([`Type the card number ${cardNo} to delete it for good`]);
    expect((await run(['card', 'query', cardNo, '--json'])).code).toBe(4);
  }, 30_000);

  it('--dry-run signs the update and prints it, sending nothing', async () => {
    const { run, cardNo } = await localCard();
    const r = await run(['card', 'update', cardNo, '--point', '5', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const biz = JSON.parse(JSON.parse(r.stdout).params.biz_content);
    expect(biz).toEqual({ target_card_no: cardNo, target_card_no_type: 'BIZ_CARD', occur_time: '2024-05-01 09:30:00', card_info: { point: '5' } });
    expect(await pointOf(run, cardNo)).toBe('88');
    expect(r.stderr).not.toContain('not checked');
  }, 30_000);

  it('--dry-run says the level and a new template were not checked (the real run looks them up), naming the flag', async () => {
    const { run, cardNo } = await localCard();
    const level = await run(['card', 'update', cardNo, '--level', 'NOPE', '--dry-run', '--json']);
    expect(level.code).toBe(0);
    expect(level.stderr).toContain("note: a dry run looks nothing up: card_info.level [--level] was not checked against the levels of the card's template");
    const moved = await run(['card', 'update', cardNo, '--template-id', '20240501000000000000000000000009', '--dry-run', '--json']);
    expect(moved.stderr).toContain('card_info.template_id [--template-id] was not checked to be a template of this app');
    const zh = await run(['card', 'update', cardNo, '--level', 'NOPE', '--dry-run', '--json'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stderr).toContain('card_info.level [--level] 未按会员卡模板的等级检查');
  }, 30_000);
});

describe('card delete of a card deleted before', () => {
  it('with the reason asked: exit 0 with a note; with another: exit 4 naming the reason the card holds, the node on stdout, and no table claiming the asked one', async () => {
    const { run, cardNo } = await localCard();
    expect((await run(['card', 'delete', cardNo, '--reason', 'USER_UNBUND', '--yes', '--out-serial-no', 'DEL-1', '--json'])).code).toBe(0);
    const same = await run(['card', 'delete', cardNo, '--reason', 'USER_UNBUND', '--yes', '--json']);
    expect(same.code).toBe(0);
    expect(same.stderr).toContain(`note: card ${cardNo} was already deleted with reason_code USER_UNBUND`);
    const cancel = await run(['card', 'delete', cardNo, '--reason', 'CANCEL', '--yes', '--output', 'table']);
    expect(cancel.code).toBe(4);
    expect(cancel.stdout).toBe('');
    expect(cancel.stderr).toContain(`card ${cardNo} was already deleted with reason_code USER_UNBUND (the member unbinds the card; they can bind again later): --reason CANCEL was not applied`);
    const json = await run(['card', 'delete', cardNo, '--reason', 'CANCEL', '--yes', '--json']);
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({ code: '40004', sub_code: 'CARD_IS_DELETED_ALREADY' });
    // Its own serial with another reason: refused, not answered with the delete done.
    const serial = await run(['card', 'delete', cardNo, '--reason', 'CANCEL', '--yes', '--out-serial-no', 'DEL-1', '--json']);
    expect(serial.code).toBe(4);
    expect(JSON.parse(serial.stdout)).toMatchObject({ sub_code: 'OUT_SERIAL_NO_CONFLICT' });
    const zh = await run(['card', 'delete', cardNo, '--reason', 'CANCEL', '--yes'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stderr).toContain('已经以 reason_code USER_UNBUND 删除过了');
  }, 30_000);

  it("a reused out_serial_no is explained with delete's own flags, not card open's dates, in English and Chinese", async () => {
    const { run, cardNo } = await localCard();
    expect((await run(['card', 'delete', cardNo, '--reason', 'USER_UNBUND', '--yes', '--out-serial-no', 'DEL-1', '--json'])).code).toBe(0);
    const serial = await run(['card', 'delete', cardNo, '--reason', 'PRESENT', '--yes', '--out-serial-no', 'DEL-1']);
    expect(serial.code).toBe(4);
    expect(serial.stderr).toContain('hint: an earlier delete under this out_serial_no named another card, reason_code or ext_info');
    expect(serial.stderr).toContain('Retry with the card and --reason of the delete that first used it');
    expect(serial.stderr).not.toMatch(/open-date|valid_date/);
    const zh = await run(['card', 'delete', cardNo, '--reason', 'PRESENT', '--yes', '--out-serial-no', 'DEL-1'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stderr).toContain('此前使用该 out_serial_no 的删卡请求');
    expect(zh.stderr).not.toMatch(/open-date|open_date/);
  }, 30_000);
});

describe('card update with JSON numbers for String members', () => {
  it('sends --set point:=7 and --biz numbers as strings, as card open does; a balance as a number is exit 2 (its decimals are lost); time_stamp stays a number', async () => {
    const { run, cardNo } = await localCard();
    const set = await run(['card', 'update', cardNo, '--set', 'card_info.point:=7', '--dry-run', '--json']);
    expect(set.code).toBe(0);
    expect(JSON.parse(JSON.parse(set.stdout).params.biz_content).card_info).toEqual({ point: '7' });
    const biz = { card_info: { point: 7.5, front_text_list: [{ label: 1, value: 2 }], mdcode_info: { code_status: 'FAIL_RETRY', time_stamp: 12 } } };
    const fromBiz = await run(['card', 'update', cardNo, '--biz', JSON.stringify(biz), '--dry-run', '--json']);
    expect(JSON.parse(JSON.parse(fromBiz.stdout).params.biz_content).card_info).toEqual({ point: '7.5', front_text_list: [{ label: '1', value: '2' }], mdcode_info: { code_status: 'FAIL_RETRY', time_stamp: 12 } });
    const balance = await run(['card', 'update', cardNo, '--biz', '{"card_info":{"balance":1.5}}', '--dry-run']);
    expect(balance.code).toBe(2);
    expect(balance.stderr).toContain('card_info.balance [--balance]: a JSON number loses its trailing zeros (100.00 arrives as 100): give balance as a string, e.g. "1.50" (got 1.5)');
    // And sent: the card holds the text.
    expect((await run(['card', 'update', cardNo, '--set', 'card_info.point:=7', '--yes', '--json'])).code).toBe(0);
    expect(await pointOf(run, cardNo)).toBe('7');
  }, 30_000);
});

describe('card update with an empty value', () => {
  it('--point "" and --level "" are exit 2 naming the member and the flag, not "nothing to change", also beside another change', async () => {
    const { run, cardNo } = await localCard();
    const point = await run(['card', 'update', cardNo, '--point', '', '--yes']);
    expect(point.code).toBe(2);
    expect(point.stderr).toContain('card_info.point [--point]: must not be empty: an empty value changes nothing; give a value, or leave it out (got "")');
    expect(point.stderr).not.toContain('nothing to change');
    const level = await run(['card', 'update', cardNo, '--level', '', '--balance', '2.00', '--yes']);
    expect(level.code).toBe(2);
    expect(level.stderr).toContain('card_info.level [--level]: must not be empty');
    const zh = await run(['card', 'update', cardNo, '--point', '', '--yes'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stderr).toContain('card_info.point [--point]：不能为空');
    expect(await pointOf(run, cardNo)).toBe('88');
  }, 30_000);
});

describe('card update whose lookup fails', () => {
  it('a missing template under --json: the lookup\'s node on stdout, stderr naming the lookup and that no update was sent, exit 4 (as card open)', async () => {
    const { run, cardNo } = await localCard();
    const missing = '20240501000000000000000000000009';
    const update = await run(['card', 'update', cardNo, '--template-id', missing, '--json']);
    expect(update.code).toBe(4);
    expect(JSON.parse(update.stdout)).toMatchObject({ code: '40004', sub_code: 'TEMPLATE_NOT_EXIT' });
    expect(update.stderr).toContain(`looking up template ${missing} (the update was not sent)`);
    const open = await run(['card', 'open', '--template-id', missing, '--user-id', '2088302463082075', '--point', '1', '--json']);
    expect([open.code, JSON.parse(open.stdout).sub_code]).toEqual([4, 'TEMPLATE_NOT_EXIT']);
    expect(open.stderr).toContain(`looking up template ${missing} (the card open was not sent)`);
  }, 30_000);
});

describe('card update acts on the card its <card-no> names', () => {
  it('--biz or --set naming another target_card_no is exit 2 naming both, and neither card changes; the same one is fine', async () => {
    const { run, cardNo } = await localCard();
    const other = JSON.parse((await run(['card', 'query', cardNo, '--json'])).stdout).card_info.template_id as string;
    const opened = await run(['card', 'open', '--json', '--template-id', other, '--user-id', '2088302463082075', '--level', 'VIP1', '--point', '7', '--balance', '1.00']);
    const second = JSON.parse(opened.stdout).card_info.biz_card_no as string;
    const viaBiz = await run(['card', 'update', cardNo, '--yes', '--biz', JSON.stringify({ target_card_no: second, card_info: { point: '999' } })]);
    expect(viaBiz.code).toBe(2);
    expect(viaBiz.stderr).toContain(`target_card_no [--biz]: <card-no> says ${cardNo} and --biz another`);
    expect(viaBiz.stderr).toContain(`(got "${second}")`);
    const viaSet = await run(['card', 'update', cardNo, '--yes', '--set', `target_card_no=${second}`, '--point', '999']);
    expect(viaSet.code).toBe(2);
    expect(viaSet.stderr).toContain(`target_card_no [--set]: <card-no> says ${cardNo} and --set another`);
    expect([await pointOf(run, cardNo), await pointOf(run, second)]).toEqual(['88', '7']);
    const same = await run(['card', 'update', cardNo, '--yes', '--set', `target_card_no=${cardNo}`, '--point', '99', '--json']);
    expect(same.code).toBe(0);
    expect([await pointOf(run, cardNo), await pointOf(run, second)]).toEqual(['99', '7']);
  }, 30_000);
});

describe('retry hints paste as they are printed', () => {
  it('card delete quotes an out_serial_no with a space or a quote as one shell word', async () => {
    const { run, cardNo } = await localCard();
    const r = await run(['card', 'delete', cardNo, '--reason', 'USER_UNBUND', '--yes', '--out-serial-no', "a b'c", '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`out_serial_no: a b'c (to retry safely: --out-serial-no 'a b'\\''c')`);
  }, 30_000);
});
