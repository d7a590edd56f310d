import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { binPath, cleanEnv, projectWithConfig, repoRoot, runCli } from './cli.js';
import { runInPty, runOnTerminal } from './pty.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';

/** Issue 16: help, suggestions, terminal widths and wording a new user met (items 9, 10, 12, 16). */

let gw: ServedGateway;
let templateId: string;
const USER = '2088302463082075';

function project(extraProfiles: Record<string, unknown> = {}): string {
  const profile = { appId: APP_ID, gateway: gw.url, alipayPublicKey: gw.alipayPublicKey, privateKeyFile: 'keys/a-rather-long-folder-name/app_private_key.pem' };
  return projectWithConfig({ defaultProfile: 'sandbox', profiles: { sandbox: profile, production: profile, ...extraProfiles } }, { 'keys/a-rather-long-folder-name/app_private_key.pem': appPrivateKeyPem });
}

const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));

beforeAll(async () => {
  gw = await serveGateway();
  const client = gw.client();
  templateId = String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(demoTemplate('e2e-polish-1')), retrySafe: false })).node.template_id);
  await client.close();
});

afterAll(async () => {
  expect(await gw.stop()).toBe(0);
});

describe('help and suggestions', () => {
  it('help card open prints the help of card open, as card open --help does (item 9)', async () => {
    const viaHelp = await runCli(['help', 'card', 'open']);
    const viaFlag = await runCli(['card', 'open', '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain('Usage: alipay-card card open [options]');
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    const nested = await runCli(['-p', 'x', 'help', 'keys', 'generate']);
    expect(nested.stdout).toContain('Usage: alipay-card keys generate [options]');
  });

  it('version prints the version, Node and the platform; --json too (item 10)', async () => {
    const r = await runCli(['version', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^alipay-card \d+\.\d+\.\d+/);
    expect(r.stdout).toContain(`node ${process.version}`);
    expect(r.stdout).toContain(`platform ${process.platform} ${process.arch}`);
    const json = JSON.parse((await runCli(['version', '--json'])).stdout) as Record<string, string>;
    expect(json).toMatchObject({ node: process.version, platform: process.platform, arch: process.arch });
  });

  it('--debug is --verbose (item 10)', async () => {
    const r = await runCli(['--debug', 'template', 'query', templateId, '--json'], { cwd: project() });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('── attempt 1 ──');
  });

  it('card open --user suggests --user-id, the options it abbreviates (item 10)', async () => {
    const r = await runCli(['card', 'open', '--user', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--user'");
    expect(r.stderr).toContain('--user-id');
    expect(r.stderr).not.toContain('--set');
  });

  it('-p prod suggests the profile that exists (item 10)', async () => {
    const r = await runCli(['-p', 'prod', 'config', 'show'], { cwd: project() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('did you mean production?');
    expect(r.stderr).toContain('available: sandbox, production');
  });
});

describe('60-column terminals (item 12)', () => {
  it('template query and card open tables fit COLUMNS=60', async () => {
    const template = await runCli(['template', 'query', templateId, '-o', 'table'], { cwd: project(), env: { COLUMNS: '60' } });
    expect(template.code).toBe(0);
    expect(template.stdout).toContain('Levels');
    expect(widest(template.stdout)).toBeLessThanOrEqual(60);
    const card = await runCli(['card', 'open', '--template-id', templateId, '--user-id', USER, '--valid-date', '2030-01-01 00:00:00',
      '--level', 'VIP1', '--point', '1', '--balance', '1.00', '-o', 'table', '--yes'], { cwd: project(), env: { COLUMNS: '60' } });
    expect(card.code).toBe(0);
    expect(card.stdout).toContain('biz_card_no');
    expect(widest(card.stdout)).toBeLessThanOrEqual(60);
  });

  it('at a 60-column terminal the template table fits the terminal', async () => {
    const r = await runOnTerminal(['template', 'query', templateId], { cols: 60, cwd: project() });
    expect(r.code).toBe(0);
    expect(r.screen).toContain('Template');
    expect(widest(r.screen)).toBeLessThanOrEqual(60);
  });

  it('config show names the config file once and fits 60 and 120 columns', async () => {
    const dir = project();
    for (const cols of [60, 120]) {
      const r = await runOnTerminal(['config', 'show'], { cols, cwd: dir });
      expect(r.code).toBe(0);
      expect(r.screen.split(`${dir}/.alipay-cardrc.json`).length - 1).toBe(1);
      expect(r.screen).toContain('privateKeyFile');
      // A path longer than the terminal is printed whole, to be copied; nothing else runs past the edge.
      const over = r.screen.split('\n').filter((line) => stringWidth(line) > cols);
      expect(over.every((line) => /^\s+(privateKeyFile|config file)\s+\S+$/.test(line))).toBe(true);
      // At 120 columns one runs past only when its path alone leaves no room (the run's temporary directory is in it).
      if (cols === 120) expect(over.filter((line) => stringWidth(line.trim().split(/\s+/).pop()!) + '  privateKeyFile   '.length <= cols)).toEqual([]);
    }
  });

  it('help is wrapped to the terminal, but for the command examples', async () => {
    const r = await runOnTerminal(['card', 'open', '--help'], { cols: 60 });
    expect(r.code).toBe(0);
    const prose = r.screen.split('\n').filter((line) => !/^\s+(\$ |--valid-date)/.test(line));
    // A field path (card_ext_info.mdcode_info.code_status:) has nowhere to break: only such a
    // last word may run past the edge.
    const overflowing = prose.filter((line) => stringWidth(line) > 60);
    for (const line of overflowing) expect(stringWidth(line.trimEnd().slice(0, line.trimEnd().lastIndexOf(' ')))).toBeLessThan(60);
    expect(overflowing.length).toBeLessThan(12);
    expect(r.screen).toContain('Answering no at the');
  });
});

describe('wording (item 16)', () => {
  it("verify --sign that is not base64 says so, exit 2, not 'NOT valid'", async () => {
    const r = await runCli(['verify', '--content', 'a=1', '--sign', 'notbase64!!'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sign is not base64');
    expect(r.stderr).not.toContain('NOT valid');
  });

  it('--card-ext-template-id help names the path once', async () => {
    const r = await runCli(['card', 'open', '--help']);
    const entry = /--card-ext-template-id[\s\S]*?(?=\n  --)/.exec(r.stdout)![0];
    expect(entry).toContain('card_ext_info.template_id');
    expect(entry.split('card_ext_info.template_id').length - 1).toBe(1);
  });

  it('a connection reset is said in words, with the attempts made, not as an undici code', async () => {
    await gw.fault('reset:next=3');
    const r = await runCli(['template', 'query', templateId], { cwd: project() });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/connection to 127\.0\.0\.1:\d+ reset before an answer came \(request id [0-9a-f-]{36}\), after 3 attempts/);
    expect(r.stderr).not.toMatch(/UND_ERR|ECONNRESET/);
  });
});

describe('card open at a terminal', () => {
  const flags = ['--level', 'VIP1', '--point', '1', '--balance', '1.00'];

  it('the valid_date sent is the one the card gets, however long the confirmation waits (item 5)', async () => {
    const r = await runOnTerminal(['card', 'open', '--template-id', templateId, '--user-id', USER, ...flags], {
      cols: 100, cwd: project(), steps: [['Issue it?', '\r', 2.5]],
    });
    expect(r.code).toBe(0);
    // Confirmed as the rule it is: the time it gives moves on while the question waits.
    expect(r.screen).toMatch(/card_ext_info\.valid_date +the template's DATE_IN_FUTURE 24m/);
    const sent = /valid_date: (\S+ \S+) \(template rule DATE_IN_FUTURE 24m\)/.exec(r.screen)?.[1];
    const issued = /│ valid_date +│ (\S+ \S+) +│/.exec(r.screen)?.[1];
    expect(sent).toBeDefined();
    expect(issued).toBeDefined();
    // The same second, but for the rare request that crosses into the next one on its way.
    expect(Math.abs(Date.parse(issued!) - Date.parse(sent!))).toBeLessThanOrEqual(1000);
  });

  it('answering no prints the command that issues the same card without the questions (item 16)', async () => {
    const r = await runOnTerminal(['card', 'open', '--template-id', templateId, ...flags, '--front-text', '专业=金融 学'], {
      cols: 200, cwd: project(), steps: [['user_uni_id', `${USER}\r`], ['Issue it?', 'n\r']],
    });
    expect(r.code).toBe(2);
    expect(r.screen).toContain('not confirmed: nothing was sent');
    expect(r.screen).toContain(`alipay-card card open --template-id ${templateId} --user-id ${USER} --level VIP1 --point 1 --balance 1.00 --front-text '专业=金融 学'`);
    expect(await gw.cards()).not.toContainEqual(expect.objectContaining({ user_uni_id: USER, fields: expect.objectContaining({ front_text_list: expect.anything() }) }));
  });

  it('a mistyped template id keeps the answers given at the prompts, as flags (item 16)', async () => {
    const wrong = '20990101000000000000000000000000';
    const r = await runOnTerminal(['card', 'open', '--member-name', '张三'], {
      cols: 200, cwd: project(), steps: [['card_template_id', `${wrong}\r`], ['user_uni_id', `${USER}\r`]],
    });
    expect(r.code).toBe(4);
    expect(r.screen).toContain('your answers, as flags');
    expect(r.screen).toContain(`alipay-card card open --template-id ${wrong} --user-id ${USER} --member-name '张三'`);
  });
});

describe("a stdout that is not the terminal is a script's", () => {
  it('no prompt at a terminal when stdout goes to a file or a pipe: a missing field is exit 2 naming its flag, and a card open wants --yes rather than be done unasked', async () => {
    const dir = project();
    const missing = await runInPty(['card', 'open', '--template-id', templateId, '--level', 'VIP1', '--point', '1', '--balance', '1.00'], { cwd: dir, redirect: '>out.json' }).exit;
    expect(missing.code).toBe(2);
    expect(missing.screen).toContain('card_user_info.user_uni_id [--user-id]: required');
    expect(missing.screen).toContain('pass --user-id 2088302463082075');
    expect(missing.screen).not.toContain('? card_user_info');
    const user = '2088302463082099';
    // A person at the keyboard who cannot be asked: not done unasked — exit 2 wanting --yes, nothing sent.
    const unasked = await runInPty(['card', 'open', '--template-id', templateId, '--user-id', user, '--level', 'VIP1', '--point', '1', '--balance', '1.00'], { cwd: dir, redirect: '>out.json' }).exit;
    expect(unasked.code).toBe(2);
    expect(unasked.screen).not.toContain('Issue it?');
    expect(unasked.screen).toContain('card open needs a confirmation, and stdout is not the terminal (a pipe or a file), where nothing is asked: nothing was sent');
    expect(unasked.screen).toContain('hint: pass --yes to go ahead without the question');
    expect((await gw.cards()).filter((c) => c.user_uni_id === user)).toHaveLength(0);
    // With --yes: issued, as a script asks it to be.
    const yes = await runInPty(['card', 'open', '--template-id', templateId, '--user-id', user, '--level', 'VIP1', '--point', '1', '--balance', '1.00', '--yes'], { cwd: dir, redirect: '| cat >out.json' }).exit;
    expect(yes.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toMatchObject({ code: '10000' });
    expect((await gw.cards()).filter((c) => c.user_uni_id === user)).toHaveLength(1);
  });
});

describe('the README', () => {
  it("reads gateway serve --json's URL in a way that returns while the gateway runs (item 16)", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### `gateway serve`'));
    const line = section.split('\n').find((l) => l.startsWith('alipay-card gateway serve --json') || l.includes('<(alipay-card gateway serve --json'))!;
    expect(line).toBeDefined();
    // `alipay-card` on the PATH is this build, as after `npm install -g`.
    const bin = mkdtempSync(join(tmpdir(), 'alipay-card-bin-'));
    writeFileSync(join(bin, 'alipay-card'), `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
    chmodSync(join(bin, 'alipay-card'), 0o755);
    const env = cleanEnv();
    const r = spawnSync('bash', ['-c', `${line}\necho "url=$url"\nkill $!`], { cwd: env.HOME, env: { ...env, PATH: `${bin}:${env.PATH}` }, encoding: 'utf8', timeout: 15000 });
    // A snippet that hung leaves its gateway behind: stop it by the pid its state lock holds.
    const pid = Number(/\d+/.exec(existsSync(join(env.HOME, 'gw.json.lock')) ? readFileSync(join(env.HOME, 'gw.json.lock'), 'utf8') : '')?.[0]);
    if (pid > 0) process.kill(pid, 'SIGTERM');
    expect(r.error).toBeUndefined();
    expect(r.stdout).toMatch(/^url=http:\/\/127\.0\.0\.1:\d+\/gateway\.do$/m);
  });
});

describe('colour at a prompt', () => {
  // SGR sequences (colour, bold); the prompt's cursor moves are not colour.
  // eslint-disable-next-line no-control-regex
  const SGR = /\u001b\[[0-9;]*m/;
  const prompt = async (flag: string, env: Record<string, string>) => {
    const pty = runInPty([flag, 'card', 'open', '--template-id', templateId, '--valid-date', '2030-12-31 23:59:59'], { cwd: project(), env });
    await pty.waitFor(/card_user_info\.user_uni_id/);
    pty.type('\u0003');
    return pty.exit;
  };

  it('--no-color reaches the prompts too, over FORCE_COLOR; --color over NO_COLOR, without Node warning that both are set', async () => {
    const plain = await prompt('--no-color', { FORCE_COLOR: '3' });
    expect(plain.code).toBe(130);
    expect(plain.screen).toContain('? card_user_info.user_uni_id');
    expect(plain.screen).not.toMatch(SGR);
    const coloured = await prompt('--color', { NO_COLOR: '1' });
    expect(coloured.code).toBe(130);
    expect(coloured.screen).toMatch(SGR);
    expect(coloured.screen).not.toContain('Warning');
  });
});
