import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInProcess, scriptedPrompter } from './harness.js';

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
