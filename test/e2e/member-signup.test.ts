import { AlipaySdk } from 'alipay-sdk';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { formatTimestamp } from '../../src/protocol/index.js';
import { startCli, whenStdoutLines, type RunningCli } from './batch-harness.js';
import { projectWithConfig, runCli } from './cli.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';

// jsqr's types declare an ES default its CommonJS build does not have: the module is the function.
const jsQR = jsQRModule as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

let gw: ServedGateway;
let cwd: string;
let templateId: string;
let serve: RunningCli;
let serveUrl: string;

const post = async (body: unknown) => {
  const res = await fetch(`${gw.base}/_local/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const cardsOfTemplate = async () => (await gw.cards()).filter((c) => c.card_template_id === templateId) as Array<Record<string, any>>;
const answers = (i: number) => ({ OPEN_FORM_FIELD_MOBILE: `1380000${String(i).padStart(4, '0')}`, OPEN_FORM_FIELD_NAME: `会员${i}`, OPEN_FORM_FIELD_GENDER: i % 2 ? '男' : '女' });
const userOf = (i: number) => `2088${String(700000000000 + i)}`;

beforeAll(async () => {
  gw = await serveGateway();
  cwd = projectWithConfig({ profiles: { local: { appId: APP_ID, gateway: gw.url, privateKeyFile: 'app.pem', alipayPublicKey: gw.alipayPublicKey } } }, { 'app.pem': appPrivateKeyPem });
  const client = gw.client();
  templateId = String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(demoTemplate('e2e-signup')), retrySafe: false })).node.template_id);
  await client.close();
}, 30_000);

afterAll(async () => {
  serve?.signal('SIGINT');
  await serve?.exited;
  await gw?.stop();
});

describe('members sign up themselves: form set, form link, member serve, a simulated member', () => {
  it('form set refuses unknown fields and a field both required and optional, then sets the form', async () => {
    const unknown = await runCli(['form', 'set', templateId, '--required', 'mobile,shoe_size'], { cwd });
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('--required: unknown form field "shoe_size"')]);
    const both = await runCli(['form', 'set', templateId, '--required', 'mobile', '--optional', 'mobile'], { cwd });
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('mobile: a field is either required or optional, not both')]);
    const set = await runCli(['form', 'set', templateId, '--required', 'mobile,name', '--optional', 'gender,OPEN_FORM_FIELD_BIRTHDAY', '--json'], { cwd });
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ code: '10000', msg: 'Success' });
    expect(set.stderr).toContain('setting it again makes members who already hold the card see the form again');
  });

  it('member serve starts; form link refuses a callback with a query string, prints the decoded link, and its QR code reads back as the link', async () => {
    serve = startCli(['member', 'serve', '--template-id', templateId, '--port', '0', '--json', '--concurrency', '16', '--level', 'VIP1', '--point', '0', '--balance', '0.00', '--journal', 'signups.ndjson'], cwd, { HOME: cwd });
    await whenStdoutLines(serve, 1);
    serveUrl = (JSON.parse(serve.stdout().split('\n')[0]!) as { url: string }).url;
    expect(serveUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const withQuery = await runCli(['form', 'link', templateId, '--callback', `${serveUrl}?shop=1`], { cwd });
    expect([withQuery.code, withQuery.stderr]).toEqual([2, expect.stringContaining('must not have a query string')]);
    const link = await runCli(['form', 'link', templateId, '--callback', serveUrl, '--out-string', 'counter-1', '--qr-out', 'poster.png', '--json'], { cwd });
    expect(link.code).toBe(0);
    const node = JSON.parse(link.stdout) as { apply_card_url: string; link: string };
    expect(node.link).toBe(decodeURIComponent(node.apply_card_url));
    expect(node.link).toContain('/_local/openform?');
    const poster = PNG.sync.read(readFileSync(join(cwd, 'poster.png')));
    expect(jsQR(new Uint8ClampedArray(poster.data), poster.width, poster.height)?.data).toBe(node.link);
    writeFileSync(join(cwd, 'link.txt'), node.apply_card_url);

    // A second member serve for the template by the same user, on a journal of its own, would give
    // a member a card of each: exit 2 naming the first.
    const state = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'alipay-card-state-')) };
    const args = ['member', 'serve', '--template-id', templateId, '--port', '0', '--json', '--level', 'VIP1', '--point', '0', '--balance', '0.00'];
    const first = startCli([...args, '--journal', 'first.ndjson'], cwd, { HOME: cwd, ...state });
    try {
      await whenStdoutLines(first, 1);
      const second = await runCli([...args, '--journal', 'second.ndjson'], { cwd, env: { HOME: cwd, ...state } });
      expect([second.code, second.stderr]).toEqual([2, expect.stringContaining(`error: another member serve (pid ${first.pid}) is signing members up for template ${templateId}`)]);
    } finally {
      first.signal('SIGINT');
      await first.exited;
    }
  }, 60_000);

  it('50 members sign up at once: each gets exactly one card with their answers; a replayed callback gets the same card; a forged one none', async () => {
    const link = readFileSync(join(cwd, 'link.txt'), 'utf8');
    const reports = await Promise.all(Array.from({ length: 50 }, (_, i) => post({ link, user_id: userOf(i), answers: answers(i) })));
    expect(reports.every((r) => r.status === 200 && r.body.status === 200)).toBe(true);
    const cards = await cardsOfTemplate();
    expect(cards).toHaveLength(50);
    const byUser = new Map(cards.map((c) => [String(c.user_uni_id), c]));
    for (let i = 0; i < 50; i++) {
      const card = byUser.get(userOf(i))!;
      expect(card.member_ext_info).toEqual({ name: `会员${i}`, cell: answers(i).OPEN_FORM_FIELD_MOBILE, gende: i % 2 ? 'MALE' : 'FEMALE' });
      expect(reports[i]!.body.body).toContain(`data-card="${card.biz_card_no}"`);
    }
    // Alipay retrying a callback, or the member reloading the page: the same card, no second one.
    const replay = await fetch(reports[7]!.body.callback);
    expect(replay.status).toBe(200);
    expect(await replay.text()).toContain(`data-card="${byUser.get(userOf(7))!.biz_card_no}"`);
    expect(await cardsOfTemplate()).toHaveLength(50);
    // A made-up auth_code: an error page, no card.
    const forged = await fetch(`${serveUrl}?auth_code=0123456789abcdef0123456789abcdef&request_id=20991231000000forged&template_id=${templateId}`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Link expired');
    // The same member signing up twice at the same moment (two request_ids) is given one card.
    const twice = await Promise.all([post({ link, user_id: userOf(60), answers: answers(60) }), post({ link, user_id: userOf(60), answers: answers(60) })]);
    expect(twice.map((t) => t.body.status)).toEqual([200, 200]);
    const cardsOf60 = (await cardsOfTemplate()).filter((c) => c.user_uni_id === userOf(60));
    expect(cardsOf60).toHaveLength(1);
    expect(twice.every((t) => String(t.body.body).includes(`data-card="${cardsOf60[0]!.biz_card_no}"`))).toBe(true);
    // Another template's callback is refused.
    expect((await fetch(`${serveUrl}?auth_code=x&request_id=y&template_id=999`)).status).toBe(403);
    expect(await cardsOfTemplate()).toHaveLength(51);
    // One line per member, no full phone number, no token.
    expect(serve.stderr()).toMatch(/request_id=\S+ user=2088\*\*\*\*\d{4} mobile=138\*\*\*\*\d{4} issued /);
    expect(serve.stderr()).not.toContain(answers(3).OPEN_FORM_FIELD_MOBILE);
  }, 120_000);

  it("Alipay's Node SDK (validateSign: true) exchanging the code and reading the form gets what the CLI gets; a used code and another member's token are refused", async () => {
    // A callback of the test's own, to catch an auth_code member serve does not spend.
    const caught: URL[] = [];
    const catcher: Server = createServer((req, res) => {
      caught.push(new URL(req.url ?? '/', 'http://x'));
      res.end('ok');
    });
    await new Promise<void>((r) => catcher.listen(0, '127.0.0.1', () => r()));
    const callback = `http://127.0.0.1:${(catcher.address() as AddressInfo).port}/cb`;
    try {
      const link = JSON.parse((await runCli(['form', 'link', templateId, '--callback', callback, '--json'], { cwd })).stdout).link as string;
      expect((await post({ link, user_id: userOf(900), answers: answers(900) })).body.status).toBe(200);
      const code = caught[0]!.searchParams.get('auth_code')!;
      const requestId = caught[0]!.searchParams.get('request_id')!;
      const sdk = new AlipaySdk({ appId: APP_ID, privateKey: appPrivateKeyPem, alipayPublicKey: gw.alipayPublicKey, gateway: gw.url, signType: 'RSA2', camelcase: false });
      const timestamp = formatTimestamp(new Date());
      const token = (await sdk.exec('alipay.system.oauth.token', { grant_type: 'authorization_code', code, timestamp }, { validateSign: true })) as Record<string, any>;
      expect(token).toMatchObject({ code: '10000', user_id: userOf(900), expires_in: '3600', access_token: expect.stringMatching(/^\d{8}[0-9a-f]{32}$/) });
      const form = (await sdk.exec('alipay.marketing.card.activateform.query', { auth_token: token.access_token, timestamp, bizContent: { biz_type: 'MEMBER_CARD', template_id: templateId, request_id: requestId } }, { validateSign: true })) as Record<string, any>;
      expect(JSON.parse(form.infos)).toEqual([{ OPEN_FORM_FIELD_MOBILE: answers(900).OPEN_FORM_FIELD_MOBILE }, { OPEN_FORM_FIELD_NAME: '会员900' }, { OPEN_FORM_FIELD_GENDER: '女' }]);

      // The CLI, from the refresh token the SDK got: the same member, the same answers.
      writeFileSync(join(cwd, 'refresh.txt'), token.refresh_token);
      const cliToken = await runCli(['member', 'token', '--refresh-token-file', 'refresh.txt', '--out', 'token.txt', '--verbose'], { cwd });
      expect(cliToken.code).toBe(0);
      expect(cliToken.stdout).toContain(userOf(900));
      const tokenText = readFileSync(join(cwd, 'token.txt'), 'utf8').trim();
      expect(cliToken.stdout + cliToken.stderr).not.toContain(tokenText);
      const cliForm = await runCli(['form', 'query', templateId, '--request-id', requestId, '--auth-token-file', 'token.txt', '--json'], { cwd });
      expect(JSON.parse(cliForm.stdout).infos).toBe(form.infos);

      // The code is spent: the CLI says so.
      writeFileSync(join(cwd, 'code.txt'), code);
      const reused = await runCli(['member', 'token', '--code-file', 'code.txt', '--out', 'again.txt'], { cwd });
      expect(reused.code).not.toBe(0);
      expect(reused.stderr).toContain('isv.code-invalid');
      // This member's token cannot open another member's card.
      const other = await runCli(['card', 'open', '--template-id', templateId, '--user-id', userOf(901), '--auth-token-file', 'token.txt', '--level', 'VIP1', '--point', '0', '--balance', '0.00', '--yes'], { cwd });
      expect(other.code).not.toBe(0);
      expect(other.stderr).toContain('is not the member the auth_token stands for');
    } finally {
      catcher.close();
    }
  }, 60_000);

  it('a member whose card was deleted (USER_UNBUND: "can bind again") signs up again and is given a new card; one who still holds theirs is not', async () => {
    const link = readFileSync(join(cwd, 'link.txt'), 'utf8');
    const held = (await cardsOfTemplate()).find((c) => c.user_uni_id === userOf(8))!;
    const again = await post({ link, user_id: userOf(8), answers: answers(8) });
    expect(again.body.body).toContain(`data-card="${held.biz_card_no}"`);
    expect(again.body.body).toContain('Already a member');

    const deleted = await runCli(['card', 'delete', String(held.biz_card_no), '--reason', 'USER_UNBUND', '--yes', '--json'], { cwd });
    expect(deleted.code).toBe(0);
    const back = await post({ link, user_id: userOf(8), answers: answers(8) });
    expect(back.body.status).toBe(200);
    const cards = (await cardsOfTemplate()).filter((c) => c.user_uni_id === userOf(8));
    expect(cards).toHaveLength(2);
    const fresh = cards.find((c) => c.biz_card_no !== held.biz_card_no)!;
    expect(back.body.body).toContain(`data-card="${fresh.biz_card_no}"`);
    expect(back.body.body).toContain('Welcome');
    expect(fresh.member_ext_info).toEqual({ name: '会员8', cell: answers(8).OPEN_FORM_FIELD_MOBILE, gende: 'FEMALE' });
    expect(serve.stderr()).toContain(`card ${held.biz_card_no} is no longer there (deleted): a new sign-up`);
    // And now they hold the new one: a third sign-up is given it, not a third card.
    const third = await post({ link, user_id: userOf(8), answers: answers(8) });
    expect(third.body.body).toContain(`data-card="${fresh.biz_card_no}"`);
    expect((await cardsOfTemplate()).filter((c) => c.user_uni_id === userOf(8))).toHaveLength(2);
    // The first sign-up's page, reloaded: the card they hold now, not the one deleted.
    const reloaded = await (await fetch(again.body.callback)).text();
    expect(reloaded).toContain(`data-card="${fresh.biz_card_no}"`);
  }, 60_000);

  it('member serve killed with SIGKILL in the middle of 200 sign-ups and restarted: each member ends with exactly one card once their retry arrives', async () => {
    const client = gw.client();
    const killTemplate = String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(demoTemplate('e2e-signup-kill')), retrySafe: false })).node.template_id);
    await client.close();
    expect((await runCli(['form', 'set', killTemplate, '--required', 'mobile,name'], { cwd })).code).toBe(0);
    const args = ['member', 'serve', '--template-id', killTemplate, '--port', '0', '--json', '--concurrency', '16', '--level', 'VIP1', '--point', '0', '--balance', '0.00', '--journal', 'kill.ndjson'];
    const start = async () => {
      const cli = startCli(args, cwd, { HOME: cwd });
      await whenStdoutLines(cli, 1);
      return { cli, url: (JSON.parse(cli.stdout().split('\n')[0]!) as { url: string }).url };
    };
    let running = await start();
    // The port changes with the restart: the link names a callback the test forwards to whichever is up.
    let target = running.url;
    const proxy: Server = createServer(async (req, res) => {
      try {
        const answer = await fetch(new URL(req.url ?? '/', target));
        res.writeHead(answer.status, { 'content-type': 'text/html' }).end(await answer.text());
      } catch {
        res.writeHead(502).end('member serve is down');
      }
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    try {
      const callback = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`;
      const link = JSON.parse((await runCli(['form', 'link', killTemplate, '--callback', callback, '--json'], { cwd })).stdout).link as string;
      const member = (i: number) => ({ link, user_id: `2088${String(710000000000 + i)}`, answers: { OPEN_FORM_FIELD_MOBILE: `1390000${String(i).padStart(4, '0')}`, OPEN_FORM_FIELD_NAME: `K${i}` } });
      const visits = Array.from({ length: 200 }, (_, i) => post(member(i)));
      // Mid-way: once 20 to 80 members have their card.
      const cardsBeforeKill = 20 + Math.floor(Math.random() * 60);
      const opened = () => { try { return (readFileSync(join(cwd, 'kill.ndjson'), 'utf8').match(/biz_card_no/g) ?? []).length; } catch { return 0; } };
      while (opened() < cardsBeforeKill) await new Promise((r) => setTimeout(r, 5));
      running.cli.signal('SIGKILL');
      expect((await running.cli.exited).signal).toBe('SIGKILL');
      const reports = await Promise.all(visits);
      expect(reports.filter((r) => r.body.status !== 200).length).toBeGreaterThan(0);
      running = await start();
      target = running.url;
      // Alipay retries a callback that failed; a member whose code was spent by the killed server opens the link again.
      for (const [i, report] of reports.entries()) {
        let body = report.body;
        for (let attempt = 0; attempt < 3 && !(body.status === 200); attempt++) {
          const replay = await fetch(body.callback);
          if (replay.status === 200) break;
          if (replay.status === 400) body = (await post(member(i))).body;
        }
      }
      const cards = (await gw.cards()).filter((c) => c.card_template_id === killTemplate);
      const perUser = new Map<string, number>();
      for (const c of cards) perUser.set(String(c.user_uni_id), (perUser.get(String(c.user_uni_id)) ?? 0) + 1);
      expect(perUser.size).toBe(200);
      expect([...perUser.values()].every((n) => n === 1)).toBe(true);
    } finally {
      proxy.close();
      running.cli.signal('SIGINT');
      await running.cli.exited;
    }
  }, 240_000);

  it('member serve --host [::1] listens on the IPv6 loopback; a --host that does not resolve is exit 2 naming it', async () => {
    const six = startCli(['member', 'serve', '--template-id', templateId, '--host', '[::1]', '--port', '0', '--json', '--level', 'VIP1', '--point', '0', '--balance', '0.00', '--journal', 'six.ndjson'], cwd, { HOME: cwd });
    await whenStdoutLines(six, 1);
    expect((JSON.parse(six.stdout().split('\n')[0]!) as { url: string }).url).toMatch(/^http:\/\/\[::1\]:\d+\/$/);
    six.signal('SIGINT');
    expect((await six.exited).code).toBe(0);
    const nowhere = await runCli(['member', 'serve', '--template-id', templateId, '--host', 'foo.invalid', '--port', '0', '--level', 'VIP1', '--point', '0', '--balance', '0.00', '--journal', 'nowhere.ndjson'], { cwd, env: { HOME: cwd } });
    expect([nowhere.code, nowhere.stderr]).toEqual([2, expect.stringContaining('--host foo.invalid is not an address of this machine: it does not resolve (ENOTFOUND)')]);
    expect(nowhere.stderr).not.toContain('internal error');
  });
});

describe('the sign-up form on --gateway local, whose gateway lives as long as each command', () => {
  it('form link finds the form the demo set, and one set by form set, each in a command of its own', async () => {
    const env = { HOME: mkdtempSync(join(tmpdir(), 'alipay-card-form-')) };
    const demo = await runCli(['demo', '--json'], { env, timeoutMs: 60_000 });
    expect(demo.code).toBe(0);
    const template = (JSON.parse(demo.stdout) as { templateId: string }).templateId;
    const link = (args: string[] = []) => runCli(['--gateway', 'local', 'form', 'link', template, '--callback', 'https://shop.example.com/alipay/card', '--json', ...args], { env });
    // The demo's members signed up through a form: it is kept with the template (it was forgotten
    // with the demo's gateway, and the link refused with OPEN_FORM_TEMPLATE_NOT_EXIST).
    const afterDemo = await link();
    expect([afterDemo.code, afterDemo.stdout]).toEqual([0, expect.stringContaining(`template_id%3D${template}`)]);
    const set = await runCli(['--gateway', 'local', 'form', 'set', template, '--required', 'mobile,name', '--json'], { env });
    expect([set.code, set.stdout]).toEqual([0, '{"code":"10000","msg":"Success"}\n']);
    const again = await link(['--out-string', 'counter-2']);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('out_string%3Dcounter-2')]);
  });

  it('form link --qr-out replaces a file only with --force, and a file that cannot be written is exit 2 naming it; so is a directory as member serve --journal', async () => {
    const home = mkdtempSync(join(tmpdir(), 'alipay-card-qr-'));
    const env = { HOME: home };
    const template = (JSON.parse((await runCli(['demo', '--json'], { env, cwd: home, timeoutMs: 60_000 })).stdout) as { templateId: string }).templateId;
    const link = (args: string[]) => runCli(['--gateway', 'local', 'form', 'link', template, '--callback', 'https://shop.example.com/alipay/card', '--json', ...args], { env, cwd: home });
    expect((await link(['--qr-out', 'poster.svg'])).code).toBe(0);
    writeFileSync(join(home, 'poster.svg'), 'mine\n');
    const refused = await link(['--qr-out', 'poster.svg']);
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([2, '', expect.stringContaining('error: --qr-out poster.svg exists')]);
    expect(readFileSync(join(home, 'poster.svg'), 'utf8')).toBe('mine\n');
    expect((await link(['--qr-out', 'poster.svg', '--force'])).code).toBe(0);
    expect(readFileSync(join(home, 'poster.svg'), 'utf8')).toMatch(/^<svg /);
    const nowhere = await link(['--qr-out', 'nodir/p.png']);
    expect([nowhere.code, nowhere.stdout, nowhere.stderr]).toEqual([2, '', expect.stringContaining(`error: --qr-out nodir/p.png: the directory ${join(home, 'nodir')} does not exist`)]);
    expect(nowhere.stderr).not.toContain('internal error');

    const serve = await runCli(['--gateway', 'local', 'member', 'serve', '--template-id', template, '--journal', home], { env, cwd: home });
    expect([serve.code, serve.stderr]).toEqual([2, expect.stringContaining(`error: --journal ${home} is a directory: name a file`)]);
  }, 90_000);
});
