import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess, scriptedPrompter } from './harness.js';

// card query, update and delete, template query and modify, image upload, under LANG=zh_CN.UTF-8:
// what a person reads is Chinese, what a script reads (--json) is the English run's.

type Options = Parameters<typeof runInProcess>[1];
const ZH = { LANG: 'zh_CN.UTF-8' };

/** Runs against the in-process local gateway, all runs sharing its state: the demo's template and one card. */
async function localCard() {
  const state = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'alipay-card-zh-state-')) };
  const run = (args: string[], options: Options & { lang?: Record<string, string> } = {}) =>
    runInProcess(['--gateway', 'local', ...args], { ...options, env: { ...state, ...options.lang } });
  const demo = await runInProcess(['demo', '--json'], { env: state });
  expect(demo.code).toBe(0);
  const { templateId } = JSON.parse(demo.stdout) as { templateId: string };
  const opened = await run(['card', 'open', '--json', '--template-id', templateId, '--user-id', '2088302463082075', '--level', 'VIP1', '--point', '88', '--balance', '1.00']);
  expect(opened.code).toBe(0);
  return { run, templateId, cardNo: String(JSON.parse(opened.stdout).card_info.biz_card_no) };
}

describe('card and template commands in Chinese', () => {
  it('card query: the table in Chinese, --json the same bytes as in English', async () => {
    const { run, cardNo } = await localCard();
    const table = await run(['card', 'query', cardNo], { tty: true, lang: ZH });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('✓ 会员卡');
    expect(table.stdout).toContain('VIP1（白金会员）');
    expect(table.stdout).toMatch(/在卡包中 +│ 是 /);
    const [en, zh] = [await run(['card', 'query', cardNo, '--json']), await run(['card', 'query', cardNo, '--json'], { lang: ZH })];
    expect(zh.stdout).toBe(en.stdout);
    // stderr is for a person: the local gateway's banner is in the language.
    expect(en.stderr).toContain('local gateway');
    expect(zh.stderr).toContain('本地网关');
  }, 30_000);

  it('card update: the change and its question in Chinese; no sends nothing', async () => {
    const { run, cardNo } = await localCard();
    const no = scriptedPrompter([false]);
    const refused = await run(['card', 'update', cardNo, '--point', '188'], { tty: true, prompter: no, lang: ZH });
    expect(refused.code).toBe(2);
    expect(no.asked).toEqual(['确认更新？']);
    expect(refused.stderr).toMatch(new RegExp(`即将更新会员卡 ${cardNo}：\\n\\s+point\\s+88 → 188`));
    expect(refused.stderr).toContain('错误：未确认：未发送任何请求');
    expect(refused.stderr).toContain('提示：加 --yes 可跳过此确认');
    const done = await run(['card', 'update', cardNo, '--point', '188'], { tty: true, prompter: scriptedPrompter([true]), lang: ZH });
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`✓ 会员卡 ${cardNo} 已更新`);
  }, 30_000);

  it('card delete --reason CANCEL: the card number asked for in Chinese, without a terminal a Chinese refusal', async () => {
    const { run, cardNo } = await localCard();
    const refused = await run(['card', 'delete', cardNo, '--reason', 'CANCEL'], { lang: ZH });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('错误：没有终端时，card delete --reason CANCEL 需要加 --yes：');
    expect(refused.stderr).toContain(`提示：加 --yes 以永久删除会员卡 ${cardNo}`);
    const typed = scriptedPrompter([cardNo]);
    const deleted = await run(['card', 'delete', cardNo, '--reason', 'CANCEL'], { tty: true, prompter: typed, lang: ZH });
    expect(deleted.code).toBe(0);
    expect(typed.asked).toEqual([`输入卡号 ${cardNo} 以永久删除该卡`]);
    expect(deleted.stderr).toMatch(/out_serial_no: \S+（安全重试请用：--out-serial-no \S+）/);
    expect(deleted.stdout).toContain(`✓ 会员卡 ${cardNo} 已删除`);
  }, 30_000);

  it('an invalid field of card update is listed in Chinese, naming its flag', async () => {
    const { run, cardNo } = await localCard();
    const r = await run(['card', 'update', cardNo, '--set', 'card_info.nope=1'], { lang: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^错误：2 个字段无效，未发送任何请求：$/m);
    expect(r.stderr).toMatch(/^ {2}card_info\.nope \[--set\]：.*（实际为 "1"）$/m);
  }, 30_000);

  it('template query and modify: section titles, the changes and the refusal without --yes in Chinese', async () => {
    const { run, templateId } = await localCard();
    const shown = await run(['template', 'query', templateId], { tty: true, lang: ZH });
    expect(shown.code).toBe(0);
    for (const title of ['模板', '样式', '权益', '栏位', '等级']) expect(shown.stdout).toMatch(new RegExp(`^${title}`, 'm'));
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-zh-tpl-'));
    const written = await run(['template', 'query', templateId, '--out', 'card.json'], { cwd: dir, lang: ZH });
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`模板 ${templateId} 已写入 card.json：`);
    const file = JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')) as { template_style_info: Record<string, unknown> };
    file.template_style_info.slogan = '新口号';
    writeFileSync(join(dir, 'card.json'), JSON.stringify(file));
    const refused = await run(['template', 'modify', templateId, 'card.json'], { cwd: dir, lang: ZH });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`错误：template modify 会改变模板 ${templateId} 的所有会员卡：没有终端时需要加 --yes；未发送任何请求`);
    const no = scriptedPrompter([false]);
    const asked = await run(['template', 'modify', templateId, 'card.json'], { cwd: dir, tty: true, prompter: no, lang: ZH });
    expect(asked.code).toBe(2);
    expect(asked.stdout).toMatch(new RegExp(`^模板 ${templateId}（本地网关，并非支付宝）：1 处变更\n {2}template_style_info\.slogan +会员权益享不停 → 新口号$`, 'm'));
    expect(no.asked).toEqual([`修改模板 ${templateId}（1 处变更；该模板的所有会员卡都会显示）？`]);
    const [en, zh] = [await run(['template', 'modify', templateId, 'card.json', '--dry-run', '--json'], { cwd: dir }), await run(['template', 'modify', templateId, 'card.json', '--dry-run', '--json'], { cwd: dir, lang: ZH })];
    expect(zh.stdout).toBe(en.stdout);
    expect(zh.stderr).toContain('--dry-run：只查询了模板，未做任何改动');
  }, 30_000);

  it('image upload: a file that cannot be read, in Chinese', async () => {
    const r = await runInProcess(['image', 'upload', 'missing.png'], { env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误：无法读取 missing.png：文件不存在');
    expect(r.stderr).toContain('提示：请给出一张不超过 5 MB 的 PNG、JPEG、GIF 或 BMP 图片的路径');
  });
});
