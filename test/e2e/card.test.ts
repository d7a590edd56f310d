import { createServer, type Server } from 'node:net';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { projectWithConfig, repoRoot, runCli } from './cli.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';

let gw: ServedGateway;
let templateId: string;
/** A template whose field rules need nothing from the request: template and user are enough. */
let minimalTemplateId: string;
const USER = '2088302463082075';

function project(gateway: string, alipayPublicKey: string, charset = 'utf-8') {
  return projectWithConfig(
    { profiles: { local: { appId: APP_ID, gateway, charset, privateKeyFile: 'app.pem', alipayPublicKey } } },
    { 'app.pem': appPrivateKeyPem },
  );
}

beforeAll(async () => {
  gw = await serveGateway();
  const client = gw.client();
  const created = await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(demoTemplate('e2e-card-tests-1')), retrySafe: false });
  templateId = String(created.node.template_id);
  const minimal = { ...demoTemplate('e2e-card-tests-2'), field_rule_list: [
    { field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '12m' },
    { field_name: 'Level', rule_name: 'CONST', rule_value: 'VIP1' },
  ] };
  minimalTemplateId = String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(minimal), retrySafe: false })).node.template_id);
  await client.close();
});

afterAll(async () => {
  expect(await gw.stop()).toBe(0);
});

describe('card open against alipay-card gateway serve', () => {
  it('issues a card: --json carries card_info.biz_card_no, exit 0', async () => {
    const r = await runCli(['card', 'open', '--template-id', minimalTemplateId, '--user-id', USER, '--json'], { cwd: project(gw.url, gw.alipayPublicKey) });
    expect(r.code).toBe(0);
    const node = JSON.parse(r.stdout);
    expect(node.code).toBe('10000');
    expect(node.card_info.biz_card_no).toMatch(/^DEMO\d{10}$/);
    // valid_date came from the template's DATE_IN_FUTURE rule; the serial is on stderr.
    expect(r.stderr).toMatch(/valid_date: .*DATE_IN_FUTURE 12m/);
    expect(node.card_info.level).toBe('VIP1');
    const serial = /out_serial_no: (\S+)/.exec(r.stderr)![1];
    const cards = (await gw.cards()).filter((c) => c.out_serial_no === serial);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.biz_card_no).toBe(node.card_info.biz_card_no);
  });

  it('a business failure (TEMPLATE_NOT_EXIT) is exit 4 with the node on stdout and the explanation on stderr', async () => {
    const r = await runCli(['card', 'open', '--template-id', '20990101000000000000000000000000', '--user-id', USER, '--valid-date', '2030-01-01 00:00:00', '--json'], { cwd: project(gw.url, gw.alipayPublicKey) });
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: '40004', sub_code: 'TEMPLATE_NOT_EXIT' });
    expect(r.stderr).toContain('TEMPLATE_NOT_EXIT');
    expect(r.stderr).toContain('hint:');
  });

  it('a response with a bad signature is exit 5 and nothing that looks like success on stdout', async () => {
    await gw.fault('bad-sign:next=3');
    const r = await runCli(['card', 'open', '--template-id', templateId, '--user-id', USER, '--valid-date', '2030-01-01 00:00:00', '--json'], { cwd: project(gw.url, gw.alipayPublicKey) });
    await gw.clearFaults();
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/not authentic/);
  });

  it('a gateway that never answers is exit 6 within a few seconds with --timeout 500', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent: Server = createServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const started = Date.now();
    const r = await runCli(['card', 'open', '--timeout', '500', '--max-attempts', '2', '--template-id', templateId, '--user-id', USER, '--valid-date', '2030-01-01 00:00:00'],
      { cwd: project(`http://127.0.0.1:${port}/gateway.do`, gw.alipayPublicKey) });
    const elapsed = Date.now() - started;
    for (const s of sockets) s.destroy();
    silent.close();
    expect(r.code).toBe(6);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no answer .* within the timeout/);
    expect(elapsed).toBeLessThan(8000);
  });

  it('transient 20000 then success: exit 0, and the gateway holds exactly one card for the serial', async () => {
    await gw.fault('unavailable:next=1');
    const serial = `e2e-transient-${Date.now()}`;
    const r = await runCli(['card', 'open', '--verbose', '--out-serial-no', serial, '--template-id', minimalTemplateId, '--user-id', USER, '--valid-date', '2030-01-01 00:00:00', '--json'], { cwd: project(gw.url, gw.alipayPublicKey) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('isp.unknow-error');
    expect(r.stderr).toMatch(/retrying in \d+ ms/);
    expect(r.stderr).not.toMatch(/sign=[A-Za-z0-9+/]{20}/);
    expect((await gw.cards()).filter((c) => c.out_serial_no === serial)).toHaveLength(1);
  });

  it('--verbose masks the member\'s mobile number wherever it stands (string to sign, body, answer), as member serve\'s lines do; the card gets it whole', async () => {
    const serial = `e2e-cell-${Date.now()}`;
    const r = await runCli(['card', 'open', '--verbose', '--out-serial-no', serial, '--template-id', minimalTemplateId, '--user-id', USER, '--valid-date', '2030-01-01 00:00:00', '--member-cell', '13655556666', '--json'], { cwd: project(gw.url, gw.alipayPublicKey) });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('13655556666');
    expect(r.stderr).toContain('"cell":"136****6666"');
    expect(r.stderr).toContain('%22cell%22%3A%22136****6666%22');
    expect((await gw.cards()).find((c) => c.out_serial_no === serial)).toMatchObject({ member_ext_info: { cell: '13655556666' } });
  });

  it('an invalid field is exit 2 and nothing is sent', async () => {
    const before = (await gw.cards()).length;
    const r = await runCli(['card', 'open', '--template-id', templateId, '--user-id', '12345', '--valid-date', '2030-01-01 00:00:00', '--balance', '1.5'], { cwd: project(gw.url, gw.alipayPublicKey) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--user-id');
    expect(r.stderr).toContain('--balance');
    expect((await gw.cards()).length).toBe(before);
  });

  it('a missing field without a terminal is exit 2 naming the flag', async () => {
    const r = await runCli(['card', 'open', '--template-id', templateId], { cwd: project(gw.url, gw.alipayPublicKey) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--user-id');
  });

  it('a GBK profile issues a card for a Chinese member name', async () => {
    const serial = `e2e-gbk-${Date.now()}`;
    const r = await runCli(['card', 'open', '--out-serial-no', serial, '--template-id', templateId, '--user-id', USER, '--level', 'VIP2', '--point', '88', '--balance', '12.50', '--member-name', '张三丰', '--front-text', '专业=金融', '--json'], { cwd: project(gw.url, gw.alipayPublicKey, 'gbk') });
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).card_info.front_text_list).toEqual([{ label: '专业', value: '金融' }]);
    const [card] = (await gw.cards()).filter((c) => c.out_serial_no === serial);
    expect(JSON.stringify(card)).toContain('张三丰');
  });

  it('a wrong app key gets isv.invalid-signature with both strings to sign side by side', async () => {
    const other = readFileSync(join(repoRoot, 'test/fixtures/vectors/cert-mode-sign.json'), 'utf8');
    const dir = projectWithConfig({ profiles: { p: { appId: APP_ID, gateway: gw.url, privateKey: (JSON.parse(other) as { privateKey: string }).privateKey, alipayPublicKey: gw.alipayPublicKey } } });
    const r = await runCli(['card', 'open', '--template-id', templateId, '--user-id', USER, '--valid-date', '2030-01-01 00:00:00'], { cwd: dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('isv.invalid-signature');
    expect(r.stderr).toContain('gateway signed:');
    expect(r.stderr).toContain('we signed:');
    expect(r.stderr).toMatch(/identical|first difference/);
  });
});

/**
 * Between the CLI and the gateway: passes everything through, except that the answer to a card open
 * is dropped after the gateway has done the work — the case where nobody knows whether a card exists.
 */
async function cardOpenAnswerDropper(base: string): Promise<{ url: string; cardOpens: () => number; close: () => void }> {
  let cardOpens = 0;
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      const up = httpRequest(`${base}${req.url}`, { method: 'POST', headers: req.headers }, (answer: IncomingMessage) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c)).on('end', () => {
          if (req.url!.includes('method=alipay.marketing.card.open')) {
            cardOpens++;
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode!, answer.headers).end(Buffer.concat(body));
        });
      });
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as import('node:net').AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/gateway.do`, cardOpens: () => cardOpens, close: () => server.close() };
}

/** The flags of a printed shell command line: `--out-serial-no S --open-date '2024-05-01 09:30:00'`. */
function shellArgs(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!));
}

describe('card open: the template, retries and serials', () => {
  const rulesNeeded = ['--level', 'VIP1', '--point', '88', '--balance', '100.00'];

  it("what the template's rules need is exit 2 naming the flags, and no card open is sent", async () => {
    const before = (await gw.cards()).length;
    const r = await runCli(['card', 'open', '-v', '--template-id', templateId, '--user-id', USER], { cwd: project(gw.url, gw.alipayPublicKey) });
    expect(r.code).toBe(2);
    for (const flag of ['[--balance]', '[--point]', '[--level]']) expect(r.stderr).toContain(flag);
    expect(r.stderr).not.toMatch(/method=alipay\.marketing\.card\.open\b/);
    expect((await gw.cards()).length).toBe(before);
  });

  it('the template lookup and the card open share one connection and honour --max-attempts', async () => {
    await gw.fault('unavailable:next=1');
    const r = await runCli(['card', 'open', '-v', '--max-attempts', '1', '--template-id', templateId, '--user-id', USER, ...rulesNeeded], { cwd: project(gw.url, gw.alipayPublicKey) });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`looking up template ${templateId} (the card open was not sent)`);
    expect(r.stderr).not.toContain('retrying in');
  });

  it('an HTTP 500 on the template lookup is exit 6 with the status in the message, not [object Object]', async () => {
    await gw.fault('http500');
    const r = await runCli(['card', 'open', '--max-attempts', '1', '--template-id', templateId, '--user-id', USER, ...rulesNeeded], { cwd: project(gw.url, gw.alipayPublicKey) });
    await gw.clearFaults();
    expect(r.code).toBe(6);
    expect(r.stderr).not.toContain('[object Object]');
    expect(r.stderr).toContain(`looking up template ${templateId} (the card open was not sent)`);
    expect(r.stderr).toMatch(/500/);
  });

  it('after an answer that never came, the printed flags resend the same request: one card, no OUT_SERIAL_NO_CONFLICT', async () => {
    const dropper = await cardOpenAnswerDropper(gw.base);
    const dir = project(gw.url, gw.alipayPublicKey);
    const args = ['card', 'open', '--template-id', templateId, '--user-id', USER, ...rulesNeeded, '--max-attempts', '2', '--json'];
    const lost = await runCli(['--gateway', dropper.url, ...args], { cwd: dir });
    dropper.close();
    expect(lost.code).toBe(6);
    expect(dropper.cardOpens()).toBe(2);
    expect(lost.stderr).toContain('the card may or may not have been issued');
    const retry = /run the same command with:\n {2}(.*)/.exec(lost.stderr)![1]!;
    expect(retry).toMatch(/^--out-serial-no \S+ --open-date '[\d-]+ [\d:]+' --valid-date '[\d-]+ [\d:]+'$/);
    const serial = shellArgs(retry)[1]!;
    expect((await gw.cards()).filter((c) => c.out_serial_no === serial)).toHaveLength(1);

    // A second later the defaults would differ; the printed flags keep the request the same.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await runCli([...args, ...shellArgs(retry)], { cwd: dir });
    expect(again.stderr).not.toContain('OUT_SERIAL_NO_CONFLICT');
    expect(again.code).toBe(0);
    expect((await gw.cards()).filter((c) => c.out_serial_no === serial)).toHaveLength(1);
  });

  it('OUT_SERIAL_NO_CONFLICT says an earlier request had other values, defaulted dates being the usual cause', async () => {
    const dir = project(gw.url, gw.alipayPublicKey);
    const serial = `e2e-conflict-${Date.now()}`;
    const args = ['card', 'open', '--out-serial-no', serial, '--template-id', templateId, '--user-id', USER, ...rulesNeeded];
    expect((await runCli(args, { cwd: dir })).code).toBe(0);
    const r = await runCli([...args, '--open-date', '2024-01-01 00:00:00'], { cwd: dir });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('OUT_SERIAL_NO_CONFLICT');
    expect(r.stderr).toContain('an earlier request under this out_serial_no carried different values');
    expect(r.stderr).toContain('open_date (now) and valid_date (from the template) change on every run');
    expect(r.stderr).toMatch(/this run filled in valid_date \d{4}-/);
  });
});

describe('template query against alipay-card gateway serve', () => {
  it('renders every section of the template in 80 columns; --json prints the node', async () => {
    const table = await runCli(['template', 'query', templateId, '-o', 'table'], { cwd: project(gw.url, gw.alipayPublicKey) });
    expect(table.code).toBe(0);
    for (const title of ['Template', 'Style', 'Benefits', 'Columns', 'Field rules', 'Levels 2/2']) expect(table.stdout).toContain(title);
    // Flat records (the field rules) read as one grid, a record a row; every line fits 80 columns.
    expect(table.stdout).toMatch(/│ field_name +│ rule_name +│ rule_value +│/);
    expect(table.stdout).toMatch(/│ ValidDate +│ DATE_IN_FUTURE +│ \S+ +│/);
    expect(Math.max(...table.stdout.split('\n').map((line) => stringWidth(line)))).toBeLessThanOrEqual(80);
    const json = await runCli(['template', 'query', templateId, '--json'], { cwd: project(gw.url, gw.alipayPublicKey) });
    expect(JSON.parse(json.stdout).card_level_confs).toHaveLength(2);
  });
});

describe('demo', () => {
  it('runs with no config at all and shows an issued card and the template', async () => {
    const r = await runCli(['demo', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Card issued');
    expect(r.stdout).toMatch(/biz_card_no\s+│ DEMO\d{10}/);
    expect(r.stdout).toContain('Field rules');
  });

  it('prints a next command that works as printed', async () => {
    const home = mkdtempSync(join(tmpdir(), 'alipay-card-demo-home-'));
    const demo = await runCli(['demo', '-o', 'table'], { env: { HOME: home } });
    expect(demo.code).toBe(0);
    const next = demo.stdout.trimEnd().split('\n').at(-1)!;
    expect(next).toMatch(/^alipay-card --gateway local card open --template-id \d+ --user-id 2088\d{12} /);
    const r = await runCli([...next.split(' ').slice(1), '--json'], { env: { HOME: home } });
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).card_info.biz_card_no).toMatch(/^DEMO\d{10}$/);
  });
});
