import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectWithConfig, runCli, vectorsDir } from './cli.js';
import { runInPty } from './pty.js';

// Issue 16, "would cost a merchant": a result that could be taken for Alipay's, a production URL
// without its guard, the demo's next step after config init, and a confirmation skipped unseen.

const APP_ID = '2021000000000001';
const USER = '2088302463082075';
const PRODUCTION_URL = 'https://openapi.alipay.com/gateway.do';
const appPrivateKeyPem = readFileSync(join(vectorsDir, 'app-private-key.pem'), 'utf8');
const appPublicKeyPem = readFileSync(join(vectorsDir, 'app-public-key.pem'), 'utf8');
const alipayPublicKeyPem = readFileSync(join(vectorsDir, 'alipay-public-key.pem'), 'utf8');
const LOCAL_BANNER = /^▲ local gateway — nothing is issued at Alipay; no config found: run `alipay-card config init` to use your app$/m;
const CSV = 'user_uni_id,level,point,balance\n2088302463082075,VIP1,1,1.00\n2088302463082076,VIP2,2,2.00\n';

/** A HOME with no config in which the demo ran: its template id, and how many cards the in-process gateway holds. */
async function homeAfterDemo(): Promise<{ home: string; env: Record<string, string>; templateId: string; nextStep: string[] }> {
  const home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.local/state') };
  const r = await runCli(['demo', '-o', 'table'], { env });
  expect(r.code).toBe(0);
  const templateId = /▸ Template (\d+)/.exec(r.stdout)![1]!;
  const printed = /^alipay-card (--gateway local card open .*)$/m.exec(r.stdout)![1]!;
  return { home, env, templateId, nextStep: printed.split(' ') };
}

function localCards(home: string): number {
  const state = join(home, '.local/state/alipay-card/in-process/gateway.json');
  return existsSync(state) ? (JSON.parse(readFileSync(state, 'utf8')) as { cards: unknown[] }).cards.length : 0;
}

function keyFiles(): Record<string, string> {
  return { 'app.pem': appPrivateKeyPem, 'alipay.pem': alipayPublicKeyPem };
}

describe('no config: the in-process local gateway says so wherever a result is read (item 1)', () => {
  let demo: Awaited<ReturnType<typeof homeAfterDemo>>;
  beforeAll(async () => {
    demo = await homeAfterDemo();
  });

  it('card open --json: the node as the gateway sent it on stdout, the banner on stderr', async () => {
    const r = await runCli(['card', 'open', '--template-id', demo.templateId, '--user-id', USER, '--level', 'VIP1', '--point', '1', '--balance', '1.00', '--json'], { env: demo.env });
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['code', 'msg', 'card_info']);
    expect(r.stderr).toMatch(LOCAL_BANNER);
  });

  it('card open as a table: "local" in the result line', async () => {
    const r = await runCli(['card', 'open', '--template-id', demo.templateId, '--user-id', USER, '--level', 'VIP1', '--point', '1', '--balance', '1.00', '-o', 'table'], { env: demo.env });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('✓ Card issued on the local gateway — not at Alipay');
    expect(r.stderr).toMatch(LOCAL_BANNER);
  });

  it('card query, update and delete and template query as tables: "local" in each result line; --json unchanged', async () => {
    const opened = await runCli(['card', 'open', '--template-id', demo.templateId, '--user-id', USER, '--level', 'VIP1', '--point', '1', '--balance', '1.00', '--json'], { env: demo.env });
    expect(opened.code).toBe(0);
    const cardNo = (JSON.parse(opened.stdout) as { card_info: { biz_card_no: string } }).card_info.biz_card_no;
    const firstLine = async (args: string[]): Promise<string> => {
      const r = await runCli([...args, '-o', 'table'], { env: demo.env });
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(LOCAL_BANNER);
      return r.stdout.split('\n')[0]!;
    };
    expect(await firstLine(['card', 'query', cardNo])).toBe('✓ Card on the local gateway — not at Alipay');
    expect(await firstLine(['card', 'update', cardNo, '--point', '5', '--yes'])).toBe(`✓ Card ${cardNo} updated on the local gateway — not at Alipay`);
    expect(await firstLine(['template', 'query', demo.templateId])).toMatch(/^Template on the local gateway — not at Alipay\b/);
    const json = await runCli(['card', 'query', cardNo, '--json'], { env: demo.env });
    expect(json.code).toBe(0);
    expect(json.stdout).not.toMatch(/local/);
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(expect.arrayContaining(['code', 'msg', 'card_info']));
    expect(await firstLine(['card', 'delete', cardNo, '--reason', 'USER_UNBUND', '--yes'])).toBe(`✓ Card ${cardNo} deleted on the local gateway — not at Alipay`);
  });

  it('template query and a dry run carry the banner too', async () => {
    const query = await runCli(['template', 'query', demo.templateId, '--json'], { env: demo.env });
    expect(query.code).toBe(0);
    expect(query.stderr).toMatch(LOCAL_BANNER);
    const dry = await runCli(['card', 'open', '--dry-run', '--template-id', demo.templateId, '--user-id', USER, '--valid-date', '2030-01-01 00:00:00', '--json'], { env: demo.env });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/^▲ local gateway — nothing is issued at Alipay; no config found: .* \(dry run: nothing is sent\)$/m);
    // A dry run that looks something up says so: template modify reads the template to compare.
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-trust-'));
    expect((await runCli(['template', 'query', demo.templateId, '--out', join(dir, 't.json')], { env: demo.env })).code).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')) as { template_style_info: { slogan: string } };
    file.template_style_info.slogan = 'dry-run slogan';
    writeFileSync(join(dir, 't.json'), JSON.stringify(file));
    const modify = await runCli(['template', 'modify', demo.templateId, join(dir, 't.json'), '--dry-run', '--json'], { env: demo.env });
    expect(modify.code).toBe(0);
    expect(modify.stderr).toMatch(/^▲ local gateway — nothing is issued at Alipay; no config found: .* \(dry run: lookups only; nothing is changed\)$/m);
  });

  it('--gateway local with a profile: the banner names where "local" came from', async () => {
    const cwd = projectWithConfig({ profiles: { sandbox: { appId: APP_ID, gateway: 'sandbox', privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' } } }, keyFiles());
    const r = await runCli(['--gateway', 'local', 'template', 'query', demo.templateId, '--json'], { cwd, env: demo.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^▲ local gateway — nothing is issued at Alipay; gateway local from flag --gateway$/m);
  });

  it('card batch with no terminal: no question; the banner first and "local" in the summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-batch-'));
    writeFileSync(join(dir, 'members.csv'), CSV);
    const r = await runCli(['card', 'batch', 'members.csv', '--template-id', demo.templateId], { cwd: dir, env: demo.env });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toMatch(LOCAL_BANNER);
    expect(r.stderr).toMatch(/^ {2}gateway {2}local \(in-process\): nothing was issued at Alipay$/m);
    expect(JSON.parse(r.stdout)).toMatchObject({ issued: 2 });
  });

  it('card batch with no config at a terminal asks first; "no" sends nothing (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-batch-'));
    writeFileSync(join(dir, 'members.csv'), CSV);
    const before = localCards(demo.home);
    const pty = runInPty(['card', 'batch', 'members.csv', '--template-id', demo.templateId], { cwd: dir, env: demo.env });
    await pty.waitFor(/No config found: issue up to 2 cards on the local gateway \(not at Alipay\)\?/);
    pty.type('n');
    pty.type('\r');
    const { code, screen } = await pty.exit;
    expect(code).toBe(2);
    expect(screen).toMatch(/cancelled: nothing was sent/);
    expect(screen).toMatch(/pass --gateway local \(or --yes\) to run the batch on the local gateway/);
    expect(localCards(demo.home)).toBe(before);
  });

  it('card batch --gateway local at a terminal is a choice already made: no question', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-batch-'));
    // Another file than the other tests': its rows get serials of their own.
    writeFileSync(join(dir, 'members.csv'), CSV.replace(/20883024630820/g, '20883024630821'));
    const before = localCards(demo.home);
    const { code, screen } = await runInPty(['--gateway', 'local', 'card', 'batch', 'members.csv', '--template-id', demo.templateId], { cwd: dir, env: demo.env }).exit;
    expect({ code, screen }).toMatchObject({ code: 0 });
    expect(screen).not.toMatch(/Issue up to|No config found/);
    expect(screen).toMatch(/gateway local from flag --gateway/);
    expect(localCards(demo.home)).toBe(before + 2);
  });
});

describe('production is decided by the URL\'s host, wherever the URL came from (item 2)', () => {
  const profile = { appId: APP_ID, privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' };
  const sources: Array<[string, { config: Record<string, unknown>; args: string[]; env: Record<string, string> }]> = [
    ['flag --gateway', { config: { ...profile, gateway: 'sandbox' }, args: ['--gateway', PRODUCTION_URL], env: {} }],
    ['env ALIPAY_GATEWAY', { config: { ...profile, gateway: 'sandbox' }, args: [], env: { ALIPAY_GATEWAY: 'https://OPENAPI.alipay.com./gateway.do' } }],
    ['the config file', { config: { ...profile, gateway: 'https://openapi.alipay.com:443/gateway.do' }, args: [], env: {} }],
  ];

  it.each(sources)('%s: the production banner on a dry run', async (_, { config, args, env }) => {
    const cwd = projectWithConfig({ profiles: { shop: config } }, keyFiles());
    const r = await runCli([...args, 'card', 'open', '--dry-run', '--template-id', '20170308000000000058101000300045', '--user-id', USER, '--valid-date', '2030-01-01 00:00:00', '--json'], { cwd, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^▲ production gateway — profile shop, app_id 2021000000000001, https:\/\/openapi\.alipay\.com.*\(dry run: nothing is sent\)$/im);
  });

  it.each(sources)('%s: card batch asks before the first card at a terminal; "no" sends nothing', async (_, { config, args, env }) => {
    const cwd = projectWithConfig({ profiles: { shop: config } }, keyFiles());
    writeFileSync(join(cwd, 'members.csv'), CSV);
    const pty = runInPty([...args, 'card', 'batch', 'members.csv', '--template-id', '20170308000000000058101000300045'], { cwd, env });
    await pty.waitFor(/Issue up to 2 cards on the production gateway\?/);
    pty.type('n');
    pty.type('\r');
    const { code, screen } = await pty.exit;
    expect(screen).toMatch(/^▲ production gateway — profile shop/m);
    expect(screen).toMatch(/cancelled: nothing was sent/);
    expect(code).toBe(2);
  });

  it('the sandbox URL spelled out is not production', async () => {
    const cwd = projectWithConfig({ profiles: { shop: { ...profile, gateway: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do' } } }, keyFiles());
    const r = await runCli(['card', 'open', '--dry-run', '--template-id', '20170308000000000058101000300045', '--user-id', USER, '--valid-date', '2030-01-01 00:00:00', '--json'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/▲/);
  });
});

describe('after config init, the demo\'s printed next step works (item 3)', () => {
  it('--gateway local signs as the profile\'s app and finds the demo\'s template; no warning about Alipay\'s key there', async () => {
    const demo = await homeAfterDemo();
    // What config init writes, with the slip it lets through: the app's own public key given as Alipay's.
    const configDir = join(demo.home, '.config/alipay-card');
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'app.pem'), appPrivateKeyPem, { mode: 0o600 });
    writeFileSync(join(configDir, 'own.pem'), appPublicKeyPem);
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ defaultProfile: 'sandbox', profiles: { sandbox: { appId: APP_ID, gateway: 'sandbox', privateKeyFile: 'app.pem', alipayPublicKeyFile: 'own.pem' } } }), { mode: 0o600 });
    expect(demo.nextStep).toEqual(expect.arrayContaining(['--template-id', demo.templateId]));

    const r = await runCli([...demo.nextStep, '--json'], { env: demo.env });
    expect(r.stderr).not.toMatch(/your own app public key/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: '10000', card_info: { level: 'VIP1' } });
    expect(r.stderr).toMatch(/▲ local gateway — nothing is issued at Alipay; gateway local from flag --gateway/);

    // Where the key is used (a call to the sandbox reads it, and keys check), the mix-up is still
    // said; a dry run reads only the keys it signs with, as sign does.
    const sandbox = await runCli(['template', 'query', demo.templateId, '--dry-run', '--json'], { env: demo.env });
    expect([sandbox.code, sandbox.stderr]).toEqual([0, expect.not.stringMatching(/your own app public key/)]);
    const check = await runCli(['keys', 'check'], { env: demo.env });
    expect(check.code).toBe(3);
    expect(check.stdout + check.stderr).toMatch(/Alipay public key is your own app public key/);
  });
});

describe('stderr redirected at a terminal: the confirmation is not skipped (item 11)', () => {
  let demo: Awaited<ReturnType<typeof homeAfterDemo>>;
  beforeAll(async () => {
    demo = await homeAfterDemo();
  });
  const open = () => ['card', 'open', '--template-id', demo.templateId, '--user-id', USER, '--level', 'VIP1', '--point', '1', '--balance', '1.00'];

  it('card open ... 2>log at a terminal: exit 2 saying to pass --yes, and no card', async () => {
    const before = localCards(demo.home);
    const { code, screen } = await runInPty(open(), { env: demo.env, redirect: '2>err.log' }).exit;
    const log = readFileSync(join(demo.home, 'err.log'), 'utf8');
    expect({ code, log }).toMatchObject({ code: 2, log: expect.stringMatching(/card open needs a confirmation, and stderr, where it is asked, is not the terminal: nothing was sent/) });
    expect(log).toMatch(/pass --yes/);
    expect(screen).not.toMatch(/Card issued/);
    expect(localCards(demo.home)).toBe(before);
  });

  it('with --yes it issues the card', async () => {
    const before = localCards(demo.home);
    const { code, screen } = await runInPty([...open(), '--yes'], { env: demo.env, redirect: '2>err.log' }).exit;
    expect(code).toBe(0);
    expect(screen).toMatch(/✓ Card issued on the local gateway/);
    expect(localCards(demo.home)).toBe(before + 1);
  });

  it('stderr at the terminal: the question is asked there, as before', async () => {
    const before = localCards(demo.home);
    const pty = runInPty(open(), { env: demo.env });
    await pty.waitFor(/Issue it\?/);
    pty.type('y');
    pty.type('\r');
    const { code, screen } = await pty.exit;
    expect(code).toBe(0);
    expect(screen).toMatch(/✓ Card issued on the local gateway/);
    expect(localCards(demo.home)).toBe(before + 1);
  });
});
