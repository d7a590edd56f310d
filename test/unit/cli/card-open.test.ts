import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInProcess, scriptedPrompter } from './harness.js';
import { PassThrough, Readable } from 'node:stream';
import { applyTemplate, explainOutcome, type TemplateStep } from '../../../src/cli/commands/card-open-send.js';
import { HttpStatusError, InterruptedError, UsageError } from '../../../src/errors.js';

const vectors = resolve('test/fixtures/vectors');

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-open-'));
  mkdirSync(join(dir, 'keys'));
  copyFileSync(join(vectors, 'app-private-key.pem'), join(dir, 'keys/app.pem'));
  copyFileSync(join(vectors, 'alipay-public-key.pem'), join(dir, 'keys/alipay.pem'));
  writeFileSync(join(dir, '.alipay-cardrc.json'), JSON.stringify({ profiles: { p: { appId: '2021000000000001', gateway: 'sandbox', privateKeyFile: 'keys/app.pem', alipayPublicKeyFile: 'keys/alipay.pem' } } }));
  return dir;
}

const base = ['card', 'open', '--dry-run', '--json', '--template-id', '20170308000000000058101000300045', '--user-id', '2088302463082075', '--valid-date', '2030-01-01 00:00:00'];

function bizOf(stdout: string): Record<string, any> {
  return JSON.parse(JSON.parse(stdout).params.biz_content);
}

describe('card open --dry-run: the keys it reads', () => {
  it('signs with the app key only: a damaged Alipay key is the concern of a call that reads a response, as for sign', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'keys/alipay.pem'), 'not a key');
    const dry = await runInProcess(base, { cwd: dir });
    expect([dry.code, dry.stderr]).toEqual([0, expect.stringMatching(/^out_serial_no: /m)]);
    expect(dry.stderr).not.toContain('alipay.pem');
    expect(JSON.parse(dry.stdout).params.app_id).toBe('2021000000000001');
    // What a real call reads: the broken key stops it before anything is sent.
    const real = await runInProcess(base.filter((arg) => arg !== '--dry-run'), { cwd: dir });
    expect([real.code, real.stderr]).toEqual([3, expect.stringContaining('keys/alipay.pem')]);
  });
});

describe('card open: building biz_content (dry run)', () => {
  it('maps each flag to its field, with defaults for serial, open date, id type and merchant card number', async () => {
    const r = await runInProcess([...base, '--level', 'VIP1', '--point', '88', '--balance', '124.89', '--member-name', '张三', '--member-gender', 'MALE',
      '--front-text', '专业=金融', '--mdcode-status', 'SUCCESS', '--mdcode-value', '1KFCDY0002', '--mdcode-expire-time', '2030-06-09 16:25:53', '--mdcode-time-stamp', '1496996459',
      '--open-card-channel', 'QR'], { cwd: workdir() });
    expect(r.stderr).toMatch(/out_serial_no: 20240501093000000\w{10}/);
    expect(r.code).toBe(0);
    const biz = bizOf(r.stdout);
    expect(biz).toEqual({
      card_template_id: '20170308000000000058101000300045',
      card_user_info: { user_uni_id: '2088302463082075', user_uni_id_type: 'UID' },
      card_ext_info: {
        valid_date: '2030-01-01 00:00:00', level: 'VIP1', point: '88', balance: '124.89',
        mdcode_info: { code_status: 'SUCCESS', code_value: '1KFCDY0002', expire_time: '2030-06-09 16:25:53', time_stamp: 1496996459 },
        front_text_list: [{ label: '专业', value: '金融' }],
        open_date: '2024-05-01 09:30:00',
        external_card_no: biz.out_serial_no,
      },
      member_ext_info: { name: '张三', gende: 'MALE' },
      open_card_channel: 'QR',
      out_serial_no: biz.out_serial_no,
    });
  });

  it('flags override --biz and --set sets any path, := for JSON', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'card.json'), JSON.stringify({ out_serial_no: 'S-1', card_ext_info: { level: 'VIP0', point: '1' } }));
    const r = await runInProcess([...base, '--biz', '@card.json', '--level', 'VIP2', '--set', 'card_ext_info.balance=9.90', '--set', 'card_ext_info.front_text_list:=[{"label":"a","value":"b"}]'], { cwd: dir });
    expect(r.code).toBe(0);
    const biz = bizOf(r.stdout);
    expect(biz.out_serial_no).toBe('S-1');
    expect(biz.card_ext_info).toMatchObject({ level: 'VIP2', point: '1', balance: '9.90', front_text_list: [{ label: 'a', value: 'b' }] });
  });

  it('reports every invalid field at once, naming path and flag, exit 2, nothing on stdout', async () => {
    const r = await runInProcess(['card', 'open', '--dry-run', '--template-id', 'T', '--user-id', '1234', '--valid-date', '2019-02-30 00:00:00',
      '--point', '1.234', '--balance', '12', '--member-gender', 'M', '--member-birth', '2000-13-01',
      '--front-text', 'a=1', '--front-text', 'b=2', '--front-text', 'c=3', '--front-text', 'd=4', '--front-text', 'e=5'], { cwd: workdir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const needle of ['card_user_info.user_uni_id [--user-id]', 'card_ext_info.valid_date [--valid-date]', 'card_ext_info.point [--point]', 'card_ext_info.balance [--balance]', 'member_ext_info.gende [--member-gender]', 'member_ext_info.birth [--member-birth]', 'front_text_list']) {
      expect(r.stderr).toContain(needle);
    }
  });

  it('without a terminal a missing field is exit 2 naming the flags', async () => {
    const r = await runInProcess(['card', 'open', '--dry-run', '--valid-date', '2030-01-01 00:00:00'], { cwd: workdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--template-id');
    expect(r.stderr).toContain('--user-id');
  });

  it('on a terminal it asks for each missing field, validating answers, then confirms', async () => {
    const prompter = scriptedPrompter(['20170308000000000058101000300045', '2088302463082075', true]);
    const r = await runInProcess(['card', 'open', '--dry-run', '--json', '--valid-date', '2030-01-01 00:00:00'], { cwd: workdir(), tty: true, prompter });
    expect(r.code).toBe(0);
    expect(prompter.asked[0]).toContain('card_template_id');
    expect(prompter.asked[1]).toContain('2088');
    expect(bizOf(r.stdout).card_user_info.user_uni_id).toBe('2088302463082075');
  });

  it('Ctrl-C at a prompt exits 130 with nothing sent', async () => {
    const ctrlC = Object.assign(new Error('force closed'), { name: 'ExitPromptError' });
    const r = await runInProcess(['card', 'open', '--dry-run', '--valid-date', '2030-01-01 00:00:00'], { cwd: workdir(), tty: true, prompter: scriptedPrompter([ctrlC]) });
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
  });

  it("the user's auth_token is signed but never printed", async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'token'), 'authusrB_secret_token_123\n');
    const r = await runInProcess([...base, '--auth-token-file', 'token'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('authusrB_secret_token_123');
    expect(JSON.parse(r.stdout).params.auth_token).toBe('<redacted auth_token>');
  });
});

describe('card open: input from --biz, --set and flags (dry run)', () => {
  it('a field flag wins over --set, and --set over --biz', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'card.json'), JSON.stringify({ card_ext_info: { point: '1', level: 'VIP0', balance: '1.00' } }));
    const r = await runInProcess([...base, '--biz', '@card.json', '--set', 'card_ext_info.point=5', '--set', 'card_ext_info.level=VIP5', '--point', '6'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(bizOf(r.stdout).card_ext_info).toMatchObject({ point: '6', level: 'VIP5', balance: '1.00' });
  });

  it('a --biz file saved in GBK is read as GBK (it went as U+FFFD); one neither UTF-8 nor GBK is exit 2 naming the byte', async () => {
    const dir = workdir();
    // 张三 is D5C5 C8FD in GBK.
    writeFileSync(join(dir, 'gbk.json'), Buffer.concat([Buffer.from('{"member_ext_info":{"name":"'), Buffer.from('d5c5c8fd', 'hex'), Buffer.from('"}}')]));
    const r = await runInProcess([...base, '--biz', '@gbk.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(bizOf(r.stdout).member_ext_info).toEqual({ name: '张三' });
    writeFileSync(join(dir, 'bad.json'), Buffer.from('{"a":"\xff\xfe"}', 'latin1'));
    const bad = await runInProcess([...base, '--biz', '@bad.json'], { cwd: dir });
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toContain('error: --biz bad.json: not UTF-8 or GBK text (byte 0xFF at offset 6)\nhint: save it as UTF-8 (or as GBK)');
    // card update (and delete, which take --biz the same way) reads it so too: 会员 is BBE1 D4B1.
    writeFileSync(join(dir, 'update.json'), Buffer.concat([Buffer.from('{"card_info":{"front_text_list":[{"label":"'), Buffer.from('bbe1d4b1', 'hex'), Buffer.from('","value":"'), Buffer.from('d5c5c8fd', 'hex'), Buffer.from('"}]}}')]));
    const update = await runInProcess(['card', 'update', 'DEMO123', '--biz', '@update.json', '--dry-run', '--json'], { cwd: dir });
    expect(update.code).toBe(0);
    expect(JSON.parse(JSON.parse(update.stdout).params.biz_content).card_info).toEqual({ front_text_list: [{ label: '会员', value: '张三' }] });
  });

  it('a key given twice in --biz is exit 2 naming it (the last one was sent); a value where an object belongs is refused, not replaced by the defaults', async () => {
    const twice = await runInProcess([...base, '--biz', '{"card_ext_info":{"point":"1","point":"2"}}'], { cwd: workdir() });
    expect([twice.code, twice.stdout]).toEqual([2, '']);
    expect(twice.stderr).toContain('error: --biz: key "point" appears twice in card_ext_info\nhint: keep one');
    const update = await runInProcess(['card', 'update', 'DEMO123', '--biz', '{"card_info":{"point":"1","point":"2"}}', '--dry-run'], { cwd: workdir() });
    expect([update.code, update.stderr]).toEqual([2, expect.stringContaining('key "point" appears twice in card_info')]);
    const scalar = await runInProcess([...base, '--set', 'card_ext_info:=5'], { cwd: workdir() });
    expect([scalar.code, scalar.stdout]).toEqual([2, '']);
    expect(scalar.stderr).toContain('card_ext_info [--set]: must be a JSON object, not a number (got 5)');
    // Only that: the flags of the fields under it (--valid-date) had nowhere to go, and are not "required" as well.
    expect(scalar.stderr).toContain('error: 1 invalid field; nothing was sent');
    expect(scalar.stderr).not.toContain('valid_date');
  });

  it('refuses a member the API does not have, from --set or --biz, naming the path, the input and the nearest field', async () => {
    const r = await runInProcess([...base, '--set', 'card_ext_info.ponit=5', '--biz', '{"member_ext_info":{"gender":"MALE"}}'], { cwd: workdir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('card_ext_info.ponit [--set]: not a field of alipay.marketing.card.open (did you mean card_ext_info.point?)');
    expect(r.stderr).toContain('member_ext_info.gender [--biz]: not a field of alipay.marketing.card.open (did you mean member_ext_info.gende?)');
  });

  it('refuses a front text line set after a gap, naming --set that left it and sending nothing', async () => {
    const r = await runInProcess([...base, '--set', 'card_ext_info.front_text_list[1].label=A', '--set', 'card_ext_info.front_text_list[1].value=B'], { cwd: workdir() });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('card_ext_info.front_text_list[0] [--set]: missing: a list is numbered from [0] with no gap');
    // From --biz, the same; from --front-text, lines are numbered by the flags themselves.
    const biz = await runInProcess([...base, '--biz', '{"card_ext_info":{"front_text_list":[null,{"label":"A","value":"B"}]}}'], { cwd: workdir() });
    expect([biz.code, biz.stderr]).toEqual([2, expect.stringContaining('card_ext_info.front_text_list[0] [--biz]: must be a JSON object, not null')]);
    // A null --biz gave stays --biz's, whatever --set changed in another item of the list.
    const both = await runInProcess([...base, '--biz', '{"card_ext_info":{"front_text_list":[{"label":"a","value":"b"},null]}}', '--set', 'card_ext_info.front_text_list[0].label=X'], { cwd: workdir() });
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('card_ext_info.front_text_list[1] [--biz]: must be a JSON object, not null')]);
  });

  it('checks the lengths of open_card_channel and open_card_channel_id', async () => {
    const r = await runInProcess([...base, '--open-card-channel', 'c'.repeat(33), '--open-card-channel-id', 'i'.repeat(33)], { cwd: workdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('open_card_channel [--open-card-channel]: must be at most 32 characters');
    expect(r.stderr).toContain('open_card_channel_id [--open-card-channel-id]: must be at most 32 characters');
  });

  it('sends String fields as strings and time_stamp as a number, whatever the input gave', async () => {
    const biz = '{"card_ext_info":{"point":88,"mdcode_info":{"code_status":"FAIL_RETRY","time_stamp":"1496996459123"}}}';
    const r = await runInProcess([...base, '--biz', biz, '--set', 'card_ext_info.level:=1'], { cwd: workdir() });
    expect(r.code).toBe(0);
    const content = JSON.parse(r.stdout).params.biz_content as string;
    expect(content).toContain('"point":"88"');
    expect(content).toContain('"level":"1"');
    expect(content).toContain('"time_stamp":1496996459123');
  });

  it('a JSON number for balance is refused with how to give it instead', async () => {
    const r = await runInProcess([...base, '--biz', '{"card_ext_info":{"balance":100.00}}'], { cwd: workdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a JSON number loses its trailing zeros (100.00 arrives as 100): give balance as a string, e.g. "100.00"');
    // One line for the field, not a second one from checking the same value again.
    expect(r.stderr.match(/card_ext_info\.balance/g)).toHaveLength(1);
  });

  it('errors in front_text_list name --front-text; a malformed --front-text shows a --front-text example', async () => {
    const long = await runInProcess([...base, '--front-text', '会员等级卡=x'], { cwd: workdir() });
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('card_ext_info.front_text_list[0].label [--front-text]');
    const bad = await runInProcess([...base, '--front-text', 'novalue'], { cwd: workdir() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('hint: e.g. --front-text 专业=金融');
    expect(bad.stderr).not.toContain('notify_url');
  });

  it('invalid --biz JSON gets a card open example', async () => {
    const r = await runInProcess([...base, '--biz', '{x'], { cwd: workdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hint: pass a JSON object, e\.g\. --biz '\{"card_template_id":/);
  });

  it('--auth-token is refused without echoing it, pointing at --auth-token-file and ALIPAY_AUTH_TOKEN', async () => {
    const r = await runInProcess([...base, '--auth-token', 'authusrB_secret_token_123'], { cwd: workdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--auth-token-file');
    expect(r.stderr).toContain('ALIPAY_AUTH_TOKEN');
    expect(r.stdout + r.stderr).not.toContain('authusrB_secret_token_123');
  });

  it('--help lists the exit codes, the input precedence, and examples of dates still ahead', async () => {
    const r = await runInProcess(['card', 'open', '--help']);
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stdout).toContain('130  interrupted');
    expect(r.stdout).toMatch(/own flag .* wins over --set, --set over --biz/);
    const missing = await runInProcess(['card', 'open', '--dry-run', '--template-id', 'T', '--user-id', '2088302463082075'], { cwd: workdir() });
    expect(missing.stderr).toContain("--valid-date '2030-12-31 23:59:59'");
  });
});

describe('card open: every field checked before anything else', () => {
  it('with no config at all, invalid and missing fields are all reported at once (exit 2, not a config error)', async () => {
    const r = await runInProcess(['card', 'open', '--user-id', '123', '--balance', '1.5', '--open-date', '2020-13-01']);
    expect(r.code).toBe(2);
    for (const needle of ['card_user_info.user_uni_id [--user-id]', 'card_ext_info.balance [--balance]', 'card_ext_info.open_date [--open-date]', 'card_template_id [--template-id]: required']) {
      expect(r.stderr).toContain(needle);
    }
    expect(r.stderr).toContain('4 invalid fields; nothing was sent');
  });

  it('an unreachable gateway is never tried when a field is invalid', async () => {
    const dir = workdir();
    const r = await runInProcess(['card', 'open', '--gateway', 'http://127.0.0.1:9/gateway.do', '--timeout', '500', '--template-id', 'T', '--user-id', '123', '--balance', '1.5'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2 invalid fields; nothing was sent');
  });
});

describe('card open: dry runs', () => {
  it('against the local gateway signs as the local app, as a real local call would, with no config', async () => {
    const r = await runInProcess(['--gateway', 'local', '--dry-run', '--json', 'card', 'open', '--template-id', 'T', '--user-id', '2088302463082075', '--valid-date', '2030-01-01 00:00:00']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).params.app_id).toBe('2021000000000000');
  });

  it('for the production gateway prints the banner, once', async () => {
    const r = await runInProcess(['--gateway', 'production', ...base], { cwd: workdir() });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/▲ production gateway — profile p, app_id 2021000000000001, https:\/\/openapi\.alipay\.com\/gateway\.do/g)).toHaveLength(1);
  });
});

describe('template query: dry runs, built as card open builds its own', () => {
  it('against the local gateway signs as the local app, with no config', async () => {
    const r = await runInProcess(['--gateway', 'local', '--dry-run', '--json', 'template', 'query', '20170308000000000058101000300045']);
    // The one line that says where the request would go: nothing else, no key of any profile needed.
    expect(r.stderr).toBe('▲ local gateway — nothing is issued at Alipay; gateway local from flag --gateway (dry run: nothing is sent)\n');
    expect(r.code).toBe(0);
    const { params } = JSON.parse(r.stdout);
    expect(params).toMatchObject({ app_id: '2021000000000000', method: 'alipay.marketing.card.template.query', biz_content: '{"template_id":"20170308000000000058101000300045"}' });
  });

  it('for the production gateway prints the banner, once', async () => {
    const r = await runInProcess(['--gateway', 'production', '--dry-run', '--json', 'template', 'query', '20170308000000000058101000300045'], { cwd: workdir() });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/▲ production gateway — profile p, app_id 2021000000000001, https:\/\/openapi\.alipay\.com\/gateway\.do \(dry run: nothing is sent\)/g)).toHaveLength(1);
    expect(JSON.parse(r.stdout).params.app_id).toBe('2021000000000001');
  });
});

describe('card open against the in-process local gateway, with the demo template', () => {
  // One state directory for all: the demo's template lives in the in-process gateway's state.
  const env = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'alipay-card-state-')) };
  let templateId: string;
  const local = (...args: string[]) => ['--gateway', 'local', 'card', 'open', '--template-id', templateId, ...args];

  beforeAll(async () => {
    const demo = await runInProcess(['demo', '--json'], { env });
    expect(demo.code).toBe(0);
    templateId = JSON.parse(demo.stdout).templateId;
  });

  it("without a terminal, what the template's rules need is exit 2 naming the flags, after one lookup and before any card open", async () => {
    const r = await runInProcess(['-v', ...local('--user-id', '2088302463082075')], { env });
    expect(r.code).toBe(2);
    for (const flag of ['card_ext_info.balance [--balance]', 'card_ext_info.point [--point]', 'card_ext_info.level [--level]']) expect(r.stderr).toContain(flag);
    expect(r.stderr).toContain('required by the template');
    expect(r.stderr.match(/method=alipay\.marketing\.card\.template\.query/g)?.length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/method=alipay\.marketing\.card\.open\b/);
  });

  it('a level the template does not define is exit 2 listing its levels', async () => {
    const r = await runInProcess(local('--user-id', '2088302463082075', '--level', 'VIP9', '--point', '1', '--balance', '1.00'), { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('card_ext_info.level [--level]: must be a level of the template: one of VIP1, VIP2 (got "VIP9")');
  });

  it('on a terminal it asks for them (the level from the template\'s own), trims answers, shows every field, then issues', async () => {
    const prompter = scriptedPrompter([' 2088302463082075 ', 'VIP2', ' 12 ', '3.50', true]);
    const r = await runInProcess([...local('--front-text', '专业=金融', '--set', 'member_ext_info.cell=13000000000'), '--json'], { env, tty: true, prompter });
    expect(r.code).toBe(0);
    expect(prompter.asked[1]).toContain('card_ext_info.level');
    expect(JSON.parse(r.stdout).card_info).toMatchObject({ level: 'VIP2', point: '12', balance: '3.50' });
    for (const row of ['card_user_info.user_uni_id', 'card_ext_info.front_text_list[0].label', 'member_ext_info.cell', 'card_ext_info.valid_date', 'out_serial_no']) {
      expect(r.stderr).toMatch(new RegExp(`^  ${row.replace(/[.[\]]/g, '\\$&')} +\\S`, 'm'));
    }
    expect(r.stderr).toMatch(/^ {2}card_user_info\.user_uni_id +2088302463082075$/m);
  });

  it("Ctrl-C at a question the template's rules asked gives the answers so far as flags (not as for a mistyped template id)", async () => {
    // The user id before the lookup, the level at the first of the template's questions, Ctrl-C at its next.
    const prompter = scriptedPrompter([' 2088302463082075 ', 'VIP1', new InterruptedError('interrupted: nothing was written or sent')]);
    const r = await runInProcess(local(), { env, tty: true, prompter });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('your answers so far, as flags to run again with:');
    expect(r.stderr).toMatch(/--user-id 2088302463082075 .*--level VIP1/);
    // valid_date is the template rule's, worked out again by the run the flags start.
    expect(r.stderr).not.toContain('--valid-date');
    expect(r.stderr).not.toContain('template id corrected');
  });

  it('answering no at the confirmation sends nothing and is exit 2', async () => {
    const prompter = scriptedPrompter([false]);
    const r = await runInProcess(['-v', ...local('--user-id', '2088302463082075', '--level', 'VIP1', '--point', '1', '--balance', '1.00')], { env, tty: true, prompter });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not confirmed: nothing was sent');
    expect(r.stderr).not.toMatch(/method=alipay\.marketing\.card\.open\b/);
    expect(r.stdout).toBe('');
  });

  it('the table of the issued card shows its out_serial_no', async () => {
    const r = await runInProcess([...local('--user-id', '2088302463082075', '--level', 'VIP1', '--point', '1', '--balance', '1.00', '--out-serial-no', 'unit-table-1'), '-o', 'table'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/out_serial_no\s+│ unit-table-1/);
  });
});

describe('card open: a failed send, explained', () => {
  it('an HTTP 500 keeps its class, status and message, and gains the flags that resend the same request', () => {
    const filled = new Map([['card_ext_info.open_date', '2024-05-01 09:30:00']]);
    const explained = explainOutcome(new HttpStatusError(500, 'the gateway answered HTTP 500', { hint: 'try later' }), 'S1', filled);
    expect(explained).toBeInstanceOf(HttpStatusError);
    expect(explained).toMatchObject({ status: 500, exitCode: 6, message: 'the gateway answered HTTP 500' });
    expect((explained as HttpStatusError).hint).toMatch(/^try later\n.*may or may not have been issued.*\n  --out-serial-no S1 --open-date '2024-05-01 09:30:00'$/s);
  });
});

describe('card open: the template step', () => {
  function step(ruleValue: string) {
    const stderr = Object.assign(new PassThrough(), { isTTY: false });
    const ctx = {
      stdout: Object.assign(new PassThrough(), { isTTY: false }), stderr, stdin: Object.assign(Readable.from([]), { isTTY: false }),
      env: {}, cwd: '/', homeDir: '/', now: () => new Date('2024-05-01T01:30:00Z'), globals: {},
    };
    const node = { field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: ruleValue }] };
    const client = { call: async () => ({ node }) } as unknown as TemplateStep['client'];
    const biz = { card_template_id: 'T1', out_serial_no: 'S1', card_user_info: { user_uni_id: '2088302463082075', user_uni_id_type: 'UID' }, card_ext_info: { open_date: '2024-05-01 09:30:00', external_card_no: 'S1' } };
    return { ctx, client, biz, filled: new Map<string, string>(), labelOf: () => undefined } satisfies TemplateStep;
  }

  it('a DATE_IN_FUTURE offset it cannot read is no rule: exit 2 asking for --valid-date, saying why', async () => {
    const failure = await applyTemplate(step('1y')).then(() => undefined, (err: unknown) => err);
    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as UsageError).hint).toMatch(/DATE_IN_FUTURE rule for ValidDate.*like 12m or 365d.*--valid-date/);
  });

  it('a readable offset fills valid_date', async () => {
    const s = step('12m');
    await applyTemplate(s);
    expect(s.filled.get('card_ext_info.valid_date')).toBe('2025-05-01 09:30:00');
  });
});
