import { demoTemplate } from '../../src/cli/commands/demo.js';
import { batchProject, createTemplateFrom, gatewayForSuite } from './batch-harness.js';
import { spawnSync } from 'node:child_process';
import { binPath, cleanEnv, runCli } from './cli.js';
import { runOnTerminal } from './pty.js';

// Issue 15's acceptance for card open: under LANG=zh_CN.UTF-8 it prompts, explains and confirms in
// Chinese, and what it prints for a machine (--json) is the English run's, byte for byte.

const gw = gatewayForSuite();
const USER = '2088302463082075';
const ZH = { LANG: 'zh_CN.UTF-8' };
const EN = { LANG: 'en_US.UTF-8' };

/** A template with levels VIP1 and VIP2, valid_date from its DATE_IN_FUTURE rule. */
function template(requestId: string): Promise<string> {
  return createTemplateFrom(gw(), { ...demoTemplate(requestId), field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '12m' }] });
}

describe('card open in Chinese', () => {
  it('a missing --user-id with --no-input is a Chinese error naming the flag, exit 2, nothing sent', async () => {
    const templateId = await template('e2e-zh-missing');
    const dir = batchProject(gw());
    const before = (await gw().cards()).length;
    const zh = await runCli(['card', 'open', '--no-input', '--template-id', templateId], { cwd: dir, env: ZH });
    expect(zh.code).toBe(2);
    expect(zh.stdout).toBe('');
    expect(zh.stderr).toContain('错误：1 个字段无效，未发送任何请求：');
    expect(zh.stderr).toContain('card_user_info.user_uni_id [--user-id]：必填：');
    expect(zh.stderr).toContain("提示：请传入 --user-id 2088302463082075（除非 stdin、stdout 和 stderr 都是终端，否则不会提问）");
    expect(zh.stderr).not.toMatch(/invalid field|nothing was sent|no prompts/);
    // The same run in English says it as before.
    const en = await runCli(['card', 'open', '--no-input', '--template-id', templateId], { cwd: dir, env: EN });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('error: 1 invalid field; nothing was sent:');
    expect(en.stderr).toContain('hint: pass --user-id 2088302463082075 (no prompts unless stdin, stdout and stderr are a terminal)');
    expect(await gw().cards()).toHaveLength(before);
  });

  it('a name typed in a GBK terminal (bytes that are not UTF-8) is exit 2 naming its flag, not sent as "����"', async () => {
    const templateId = await template('e2e-zh-gbk-argv');
    const dir = batchProject(gw());
    const before = (await gw().cards()).length;
    // 张三 in GBK, as a GBK terminal passes it: Node reads each byte that is not UTF-8 as U+FFFD.
    const line = `${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)} card open --template-id ${templateId} --user-id ${USER} --level VIP1 --point 1 --balance 1.00 --yes --member-name "$(printf '\\325\\305\\310\\375')"`;
    const r = spawnSync('bash', ['-c', line], { cwd: dir, env: cleanEnv({ ...EN, HOME: dir }), encoding: 'utf8' });
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('error: --member-name: the value is not UTF-8 text: ���� (its bytes that are not UTF-8 show as �, and cannot be told from here)');
    expect(r.stderr).toContain('hint: the terminal or script sends another encoding (GBK?)');
    expect((await gw().cards()).length).toBe(before);
    // A "�" sent as one (EF BF BD, UTF-8) is text like any other: taken, where the system tells the bytes (Linux).
    const genuine = line.replace("printf '\\325\\305\\310\\375'", "printf 'A\\357\\277\\275'").replace('--yes', "--dry-run --json --valid-date '2030-01-01 00:00:00'");
    const sent = spawnSync('bash', ['-c', genuine], { cwd: dir, env: cleanEnv({ ...EN, HOME: dir }), encoding: 'utf8' });
    expect([sent.status, sent.stderr]).toEqual([0, expect.any(String)]);
    expect(JSON.parse(JSON.parse(sent.stdout).params.biz_content).member_ext_info.name).toBe('A\uFFFD');
  });

  it('a level the template does not define is explained in Chinese, with the value given, exit 2', async () => {
    const templateId = await template('e2e-zh-level');
    const r = await runCli(['card', 'open', '--template-id', templateId, '--user-id', USER, '--level', 'VIP9'], { cwd: batchProject(gw()), env: ZH });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('错误：1 个字段无效，未发送任何请求：');
    expect(r.stderr).toMatch(/card_ext_info\.level \[--level\]：.*（实际为 "VIP9"）/);
    expect(r.stderr).not.toMatch(/invalid field|nothing was sent|\(got /);
  });

  it('at a terminal, the question for a missing field and the confirmation are Chinese; no sends nothing', async () => {
    const templateId = await template('e2e-zh-pty');
    const dir = batchProject(gw());
    const before = (await gw().cards()).length;
    const no = await runOnTerminal(['card', 'open', '--template-id', templateId], {
      cwd: dir,
      env: ZH,
      cols: 200,
      steps: [['（例如 2088302463082075）', `${USER}\r`], ['确认开卡？', 'n\r']],
    });
    expect(no.code).toBe(2);
    expect(no.screen).toContain('card_user_info.user_uni_id — ');
    expect(no.screen).toContain('即将开通这张会员卡：');
    expect(no.screen).toMatch(/card_ext_info\.valid_date +由模板的 DATE_IN_FUTURE 12m 规则确定，从开卡时起算/);
    expect(no.screen).toContain('错误：未确认：未发送任何请求');
    expect(no.screen).toContain('提示：以后要开这张卡而不再回答问题，可运行（--yes 跳过确认）：');
    expect(no.screen).toContain(`--user-id ${USER}`);
    expect(no.screen).not.toMatch(/About to issue|Issue it\?|not confirmed/);
    expect(await gw().cards()).toHaveLength(before);

    const yes = await runOnTerminal(['card', 'open', '--template-id', templateId, '--user-id', USER], {
      cwd: dir,
      env: ZH,
      cols: 200,
      steps: [['确认开卡？', 'y\r']],
    });
    expect(yes.code).toBe(0);
    expect(yes.screen).toMatch(/valid_date: \S+ \S+（模板规则 DATE_IN_FUTURE 12m）/);
    expect(yes.screen).toMatch(/open_date: \S+ \S+（默认：当前时间，Asia\/Shanghai）/);
    expect(yes.screen).toContain('✓ 会员卡已开通');
    expect(await gw().cards()).toHaveLength(before + 1);
  });

  it('--json is byte-identical to the English run, but for the values that differ per card', async () => {
    const templateId = await template('e2e-zh-json');
    const dir = batchProject(gw());
    const args = (serial: string) => ['card', 'open', '--json', '--template-id', templateId, '--user-id', USER, '--level', 'VIP1', '--out-serial-no', serial,
      '--external-card-no', 'EXT0001', '--open-date', '2024-05-01 09:30:00'];
    const en = await runCli(args('e2e-zh-json-en'), { cwd: dir, env: EN });
    const zh = await runCli(args('e2e-zh-json-zh'), { cwd: dir, env: ZH });
    expect([en.code, zh.code]).toEqual([0, 0]);
    // Per card: its number, and valid_date (the template's DATE_IN_FUTURE rule, from the gateway's
    // clock as each arrives); everything else, keys, order and spacing included, is the same.
    const perCard = /"(biz_card_no|valid_date)":"[^"]*"/g;
    const normal = (stdout: string) => stdout.replace(perCard, '"$1":"…"');
    expect(en.stdout.match(perCard)).toHaveLength(2);
    expect(normal(zh.stdout)).toBe(normal(en.stdout));
    expect(JSON.parse(zh.stdout).card_info.biz_card_no).not.toBe(JSON.parse(en.stdout).card_info.biz_card_no);
    expect(zh.stdout.endsWith('\n')).toBe(true);
    // What a person reads is Chinese.
    expect(zh.stderr).toContain('out_serial_no: e2e-zh-json-zh');
    expect(en.stderr).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
