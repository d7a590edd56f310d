import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { verboseVersionToCommand } from '../../../src/cli/program.js';
import { commandWordAt } from '../../../src/cli/command-word.js';
import { runInProcess, scriptedPrompter } from './harness.js';

const vectors = resolve('test/fixtures/vectors');

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-cmd-'));
  mkdirSync(join(dir, 'keys'));
  copyFileSync(join(vectors, 'app-private-key.pem'), join(dir, 'keys/app.pem'));
  copyFileSync(join(vectors, 'alipay-public-key.pem'), join(dir, 'keys/alipay.pem'));
  return dir;
}

describe('argv → exit code', () => {
  it.each([
    [['--help'], 0],
    [['sign', '--help'], 0],
    [['--version'], 0],
    [[], 0],
    [['nope'], 2],
    [['sign', '--bogus'], 2],
    [['--timeout', 'soon', 'sign'], 2],
    [['-o', 'yaml', 'sign'], 2],
    [['verify'], 2],
    [['verify', '--content', 'x'], 2],
  ])('%j exits %i', async (args, code) => {
    const r = await runInProcess(args);
    expect(r.code).toBe(code);
  });

  it('every command help shows an example', async () => {
    for (const cmd of [[], ['sign'], ['verify'], ['keys', 'generate'], ['keys', 'check'], ['config', 'show'], ['config', 'init'], ['gateway', 'serve']]) {
      const r = await runInProcess([...cmd, '--help']);
      expect(r.stdout).toMatch(/Examples:\n\s+\$ alipay-card/);
    }
    expect((await runInProcess(['--help'])).stdout).toContain('130  interrupted');
  });
});

describe('the version, for a bug report', () => {
  const facts = { version: expect.stringMatching(/^\d+\.\d+\.\d+/), node: process.version, platform: process.platform, arch: process.arch };

  it.each([[['-v', '--version']], [['--version', '--verbose']], [['--debug', '-V']], [['-v', 'version']], [['version']]])('%j: this tool, Node and the platform', async (args) => {
    const r = await runInProcess([...args, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(facts);
  });

  it.each([
    [['-c', 'x.json', '-v', '-V'], ['-c', 'x.json', '-v', 'version']],
    [['-p', '-V', '-V', '--debug'], ['-p', '-V', '--debug', 'version']],
    // An option's value, not a flag: the config file `-V`, the profile `-v`.
    [['-c', '-V', '-v'], ['-c', '-V', '-v']],
    [['-p', '-v', '--version'], ['-p', '-v', '--version']],
    [['-v', '-V', 'sign'], ['-v', '-V', 'sign']],
    // One-letter flags in a group, as commander reads them (`-vV` is `-v -V`).
    [['-vV'], ['-v', 'version']],
    [['-Vv'], ['-v', 'version']],
    [['-yVv', '--json'], ['-yv', '--json', 'version']],
    [['-V', '-yv'], ['-yv', 'version']],
    // A flag taking a value takes the rest of the group, or the next word: no flag in either.
    [['-vc', '-V'], ['-vc', '-V']],
    [['-vcV'], ['-vcV']],
    [['-yp', 'shop', '-vV'], ['-yp', 'shop', '-v', 'version']],
    [['-vV', 'sign'], ['-vV', 'sign']],
    // Only the flag's own letter goes: a V in a grouped option's value stays (the file VENDOR.json, the profile VIP).
    [['-vVcVENDOR.json'], ['-vcVENDOR.json', 'version']],
    [['-vVpVIP'], ['-vpVIP', 'version']],
    [['-VcV', '-v'], ['-cV', '-v', 'version']],
  ])('%j is read as %j', (args, expected) => {
    expect(verboseVersionToCommand(args)).toEqual(expected);
  });

  it.each([
    [['-yc', 'shop.json', 'card', 'open'], 2],
    [['-vcshop.json', 'sign'], 1],
    [['-vV'], 1],
    [['-vp', 'shop', '-o', 'json', 'template', 'query'], 4],
    [['--config', 'x', '-yv', 'sign'], 3],
  ])('the command word of %j is at %i (what the loader names caches after)', (args, at) => {
    expect(commandWordAt(args)).toBe(at);
  });

  it('-vV is the verbose version too, as -v -V is', async () => {
    const r = await runInProcess(['-vV', '--json']);
    expect([r.code, JSON.parse(r.stdout)]).toEqual([0, facts]);
  });

  it('-p -v --version is the bare number: -v is the profile', async () => {
    const r = await runInProcess(['-p', '-v', '--version']);
    expect([r.code, r.stdout.trim()]).toEqual([0, expect.stringMatching(/^\d+\.\d+\.\d+(-[\w.]+)?$/)]);
  });

  it('--version alone is the bare number, and -v --version as a table names each', async () => {
    const bare = await runInProcess(['--version']);
    expect(bare.code).toBe(0);
    expect(bare.stdout.trim()).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    const table = await runInProcess(['-o', 'table', '-v', '--version']);
    expect(table.stdout).toBe(`alipay-card ${bare.stdout.trim()}\nnode ${process.version}\nplatform ${process.platform} ${process.arch}\n`);
  });
});

describe('config init (prompts injected)', () => {
  it('writes a 0600 profile with paths relative to the config file', async () => {
    const dir = workdir();
    const prompter = scriptedPrompter(['sandbox', '2021000000000001', 'sandbox', 'RSA2', 'utf-8', 'keys/app.pem', 'key', 'keys/alipay.pem']);
    const r = await runInProcess(['config', 'init', '--file', '.alipay-cardrc.json'], { cwd: dir, prompter });
    expect(r.stderr).toContain('Wrote profile sandbox');
    expect(r.code).toBe(0);
    const file = join(dir, '.alipay-cardrc.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      profiles: { sandbox: { appId: '2021000000000001', gateway: 'sandbox', signType: 'RSA2', charset: 'utf-8', privateKeyFile: 'keys/app.pem', alipayPublicKeyFile: 'keys/alipay.pem' } },
    });
    // And the written config works.
    const show = await runInProcess(['config', 'show', '--json'], { cwd: dir });
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout).profile).toBe('sandbox');
  });

  it('refuses a public key as the private key, at the prompt', async () => {
    const dir = workdir();
    const prompter = scriptedPrompter(['p', '2021000000000001', 'sandbox', 'RSA2', 'utf-8', 'keys/alipay.pem']);
    const r = await runInProcess(['config', 'init', '--file', 'c.json'], { cwd: dir, prompter });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rejected: .*public key/i);
  });

  it('Ctrl-C in a prompt exits 130 and writes nothing', async () => {
    const dir = workdir();
    const ctrlC = Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    const r = await runInProcess(['config', 'init', '--file', 'c.json'], { cwd: dir, prompter: scriptedPrompter(['p', ctrlC]) });
    expect(r.code).toBe(130);
    expect(() => statSync(join(dir, 'c.json'))).toThrow();
  });

  it('without a terminal it is a usage error pointing at config set', async () => {
    const r = await runInProcess(['config', 'init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config set appId');
  });
});

describe('keys', () => {
  it('generate writes a matching pair, the private key 0600, and prints the bare public key', async () => {
    const dir = workdir();
    const r = await runInProcess(['keys', 'generate', '--out', 'k', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(statSync(out.privateKeyFile).mode & 0o777).toBe(0o600);
    const priv = createPrivateKey(readFileSync(out.privateKeyFile));
    expect(priv.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(readFileSync(out.privateKeyFile, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(createPublicKey(priv).export({ type: 'spki', format: 'der' }).toString('base64')).toBe(out.publicKey);
    expect(out.publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // A second run does not overwrite the pair.
    const again = await runInProcess(['keys', 'generate', '--out', 'k'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
  });

  it('check catches the Alipay key configured as the app public key', async () => {
    const dir = workdir();
    copyFileSync(join(vectors, 'app-public-key.pem'), join(dir, 'keys/app_pub.pem'));
    writeFileSync(join(dir, '.alipay-cardrc.json'), JSON.stringify({ profiles: { p: { appId: '2021000000000001', privateKeyFile: 'keys/app.pem', alipayPublicKeyFile: 'keys/app_pub.pem' } } }));
    const r = await runInProcess(['keys', 'check', '--json'], { cwd: dir });
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(r.stderr).toContain('Alipay key');
  });

  it('check passes with the right pair and compares --app-public-key', async () => {
    const dir = workdir();
    writeFileSync(join(dir, '.alipay-cardrc.json'), JSON.stringify({ profiles: { p: { appId: '2021000000000001', privateKeyFile: 'keys/app.pem', alipayPublicKeyFile: 'keys/alipay.pem' } } }));
    const ok = await runInProcess(['keys', 'check', '--json', '--app-public-key', `@${join(vectors, 'app-public-key-no-wrapper.pem')}`], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).ok).toBe(true);
    const bad = await runInProcess(['keys', 'check', '--app-public-key', `@${join(vectors, 'alipay-public-key.pem')}`], { cwd: dir });
    expect(bad.code).toBe(3);
  });
});

describe('the program a run builds', () => {
  const names = (program: { commands: readonly { name(): string }[] }) => program.commands.map((c) => c.name());
  const ctx = () => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: {}, cwd: tmpdir(), homeDir: tmpdir(), now: () => new Date(), globals: {} });

  it('declares only the command a command line runs; every command (and __complete) for help, completion, or a word it does not know', async () => {
    const { buildProgram, commandsToDeclare } = await import('../../../src/cli/program.js');
    const all = names(buildProgram(ctx(), []));
    expect(all).toEqual(expect.arrayContaining(['sign', 'verify', 'card', 'template', 'config', 'completion', 'demo', '__complete']));
    expect(names(buildProgram(ctx(), ['-c', 'rc.json', '--timeout', '5000', 'sign', '--method', 'm']))).toEqual(['sign']);
    expect(names(buildProgram(ctx(), ['card', 'open', '--dry-run']))).toEqual(['card']);
    for (const args of [['sign', '--help'], ['card', '-h'], ['-yh', 'sign'], ['-vyh', 'sign'], ['help', 'sign'], ['completion', 'bash'], ['__complete', 'ca'], ['sgn'], ['--version', '-h'], ['--', 'sign'], ['--', '--version'], ['-c', '-V'], []]) {
      expect([args, names(buildProgram(ctx(), args))]).toEqual([args, all]);
    }
    // --version alone: commander prints it before it looks for a command.
    for (const args of [['--version'], ['-V'], ['-c', 'rc.json', '-V', '--json']]) expect([args, names(buildProgram(ctx(), args))]).toEqual([args, []]);
    expect(commandsToDeclare(['-o', 'json', 'verify'], ['sign', 'verify'])).toEqual(['verify']);
    expect(commandsToDeclare(['-V', 'sign'], ['sign', 'verify'])).toEqual(['sign']);
    // Commander reads `-hy` as an unknown option, not as help; `-ch` as the config file `h`.
    expect(commandsToDeclare(['-hy', 'sign'], ['sign', 'verify'])).toEqual(['sign']);
    expect(commandsToDeclare(['-ch', 'sign'], ['sign', 'verify'])).toEqual(['sign']);
  });

  it('a group of flags ending in h is help, as commander reads it: every command listed, as for -h', async () => {
    const plain = await runInProcess(['-h', 'sign']);
    const grouped = await runInProcess(['-yh', 'sign']);
    expect(plain.stdout).toContain('template');
    expect([grouped.code, grouped.stdout]).toEqual([plain.code, plain.stdout]);
  });

  it('declares the options a command line names; every one for help, completion, or a flag it does not know, in the same order', async () => {
    const { buildProgram } = await import('../../../src/cli/program.js');
    type Tree = { options: readonly { long?: string; short?: string }[]; commands: readonly Tree[]; name(): string; declareOptions?: () => void; defineAll?: () => void };
    const longs = (command: Tree) => command.options.map((option) => option.long ?? option.short);
    const cardCommand = (program: Tree, name: string) => {
      program.defineAll?.();
      return program.commands.find((c) => c.name() === 'card')!.commands.find((c) => c.name() === name)!;
    };
    const cardOpen = (program: Tree) => cardCommand(program, 'open');
    const every = buildProgram(ctx(), ['--help']) as unknown as Tree;
    expect(longs(every)).toEqual(['--version', '--config', '--profile', '--gateway', '--json', '--output', '--color', '--no-color', '--verbose', '--debug', '--dry-run', '--timeout', '--no-input', '--yes', '--lang']);
    const run = buildProgram(ctx(), ['-c', 'rc.json', '--timeout=500', 'sign', '--json']) as unknown as Tree;
    expect(longs(run)).toEqual(['--version', '--config', '--json', '--timeout']);
    // --no-color with --color before it, as help has them: no default of true for color.
    expect(longs(buildProgram(ctx(), ['--no-color', 'sign']) as unknown as Tree)).toEqual(['--version', '--color', '--no-color']);
    // Declared later, each takes its place: help, completion and suggestions see the same list.
    run.declareOptions!();
    expect(longs(run)).toEqual(longs(every));
    // card open's, as completion defines them all (defineAll).
    expect(longs(cardOpen(buildProgram(ctx(), ['card', 'open', '--user-id', 'U', '--dry-run']) as unknown as Tree))).toEqual(longs(cardOpen(every)));
    expect(longs(cardOpen(every))).toEqual(expect.arrayContaining(['--biz', '--template-id', '--member-name', '--set', '--max-attempts']));
    for (const name of ['query', 'update', 'delete']) {
      expect([name, longs(cardCommand(buildProgram(ctx(), ['card', name, 'C1', '--max-attempts', '2']) as unknown as Tree, name))]).toEqual([name, longs(cardCommand(every, name))]);
    }
    expect(longs(cardCommand(every, 'update'))).toEqual(expect.arrayContaining(['--biz', '--point', '--front-text', '--set', '--max-attempts']));
    // A group of one-letter flags, or a value that looks like one, is read letter by letter: all declared.
    expect(longs(buildProgram(ctx(), ['-vy', 'sign']) as unknown as Tree)).toEqual(longs(every));
    expect(longs(buildProgram(ctx(), ['card', 'open', '--point', '-10']) as unknown as Tree)).toEqual(longs(every));
  });

  it('a named option gets its value, and a mistyped one suggests one the command line did not name', async () => {
    const dir = workdir();
    writeFileSync(join(dir, '.alipay-cardrc.json'), JSON.stringify({ profiles: { p: { appId: '2021000000000001', privateKeyFile: 'keys/app.pem', alipayPublicKeyFile: 'keys/alipay.pem' } } }));
    const open = await runInProcess(['card', 'open', '--template-id', 'T1', '--user-id', '2088302463082075', '--valid-date', '2030-01-01 00:00:00', '--member-name', 'Lee', '--dry-run', '--json'], { cwd: dir });
    expect(open.code).toBe(0);
    expect(JSON.parse(JSON.parse(open.stdout).params.biz_content)).toMatchObject({ card_template_id: 'T1', member_ext_info: { name: 'Lee' } });
    const field = await runInProcess(['card', 'open', '--member-nam', 'Lee', '--dry-run'], { cwd: dir });
    expect([field.code, field.stderr]).toEqual([2, expect.stringContaining('--member-name')]);
    const global = await runInProcess(['sign', '--jsn'], { cwd: dir });
    expect([global.code, global.stderr]).toEqual([2, expect.stringContaining('--json')]);
    // `--` as a value: card open reads its options after it, so they are declared. (The program's
    // own parse stops at `--`: global options go before it.)
    const dashes = await runInProcess(['--dry-run', '--json', 'card', 'open', '--member-name', '--', '--template-id', 'T1', '--user-id', '2088302463082075', '--valid-date', '2030-01-01 00:00:00'], { cwd: dir });
    expect([dashes.code, dashes.stderr]).toEqual([0, expect.any(String)]);
    expect(JSON.parse(JSON.parse(dashes.stdout).params.biz_content)).toMatchObject({ card_template_id: 'T1', member_ext_info: { name: '--' } });
  });

  it('still says what a mistyped option of that command could be, and what a mistyped command could be', async () => {
    const option = await runInProcess(['sign', '--metod', 'x']);
    expect([option.code, option.stderr]).toEqual([2, expect.stringContaining('--method')]);
    const command = await runInProcess(['sgin']);
    expect([command.code, command.stderr]).toEqual([2, expect.stringContaining('sign')]);
  });
});

describe('member serve has no dry run', () => {
  it('--dry-run is exit 2 before anything starts: it issues a real card for each member who signs up', async () => {
    const r = await runInProcess(['--dry-run', '--gateway', 'https://openapi.alipay.com/gateway.do', 'member', 'serve', '--template-id', '20170308000000000058101000300045']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('error: --dry-run: member serve has no dry run: it issues a card for each member who signs up\nhint: to try it without real cards, run it against the local gateway (--gateway local), as `alipay-card demo` does\n');
  });
});

describe('--dry-run of the member\'s calls prints the request they send', () => {
  it('member token signs grant_type and the code (or refresh token), form query the auth_token: shown redacted, and the signature is over the real values', async () => {
    const dir = workdir();
    writeFileSync(join(dir, '.alipay-cardrc.json'), JSON.stringify({ profiles: { p: { appId: '2021000000000001', privateKeyFile: 'keys/app.pem', alipayPublicKeyFile: 'keys/alipay.pem' } } }));
    writeFileSync(join(dir, 'code.txt'), 'secret-code-123\n');
    writeFileSync(join(dir, 'refresh.txt'), 'secret-refresh-456\n');
    writeFileSync(join(dir, 'token.txt'), 'secret-token-789\n');
    const code = await runInProcess(['member', 'token', '--code-file', 'code.txt', '--dry-run', '--json'], { cwd: dir });
    expect(code.code).toBe(0);
    const byCode = JSON.parse(code.stdout) as { signContent: string; params: Record<string, string>; body: string; sign: string };
    expect(byCode.signContent).toMatch(/^app_id=2021000000000001&charset=utf-8&code=<redacted code>&format=JSON&grant_type=authorization_code&method=alipay\.system\.oauth\.token&/);
    expect(byCode.params).toMatchObject({ grant_type: 'authorization_code', code: '<redacted code>' });
    const refresh = await runInProcess(['member', 'token', '--refresh-token-file', 'refresh.txt', '--dry-run', '--json'], { cwd: dir });
    expect(JSON.parse(refresh.stdout).signContent).toContain('&grant_type=refresh_token&');
    expect(JSON.parse(refresh.stdout).signContent).toContain('refresh_token=<redacted refresh_token>');
    const form = await runInProcess(['form', 'query', '20170308000000000058101000300045', '--request-id', 'R1', '--auth-token-file', 'token.txt', '--dry-run', '--json'], { cwd: dir });
    expect(JSON.parse(form.stdout).signContent).toMatch(/^app_id=2021000000000001&auth_token=<redacted auth_token>&biz_content=/);
    for (const out of [code, refresh, form]) expect(out.stdout + out.stderr).not.toMatch(/secret-(code|refresh|token)/);
    // Signed over the code itself: the signature verifies against the real string to sign.
    const real = byCode.signContent.replace('<redacted code>', 'secret-code-123');
    const { createVerify } = await import('node:crypto');
    expect(createVerify('RSA-SHA256').update(real).verify(createPublicKey(createPrivateKey(readFileSync(join(dir, 'keys/app.pem')))), byCode.sign, 'base64')).toBe(true);
  });
});

describe('a template id or card number past its length', () => {
  it.each([
    ['form set', ['form', 'set', 'T'.repeat(33), '--required', 'mobile']],
    ['form link', ['form', 'link', 'T'.repeat(33), '--callback', 'https://shop.example.com/cb']],
    ['form query', ['form', 'query', 'T'.repeat(33), '--request-id', 'R1', '--auth-token-file', 'token.txt']],
  ])('%s is exit 2 before anything is sent, as the card and template commands are', async (_name, args) => {
    const dir = workdir();
    writeFileSync(join(dir, 'token.txt'), 'token\n');
    const r = await runInProcess(['--gateway', 'local', ...args], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('template_id: must be at most 32 characters (it has 33)')]);
  });

  it('a value of 100,000 characters is quoted up to 80 of them, not echoed whole', async () => {
    const r = await runInProcess(['--gateway', 'local', 'card', 'query', 'A'.repeat(100_000)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`(it has 100000) (got "${'A'.repeat(79)}…)`);
    expect(r.stderr.length).toBeLessThan(1000);
  });
});

describe('member serve flags', () => {
  it.each([[''], ['0x50'], ['80.5'], ['70000']])('--port %j is exit 2: a port number, not port 0 by accident', async (port) => {
    const r = await runInProcess(['--gateway', 'local', 'member', 'serve', '--template-id', '20170308000000000058101000300045', '--port', port]);
    expect([r.code, r.stderr]).toEqual([2, `error: --port must be a port number (0 to 65535), got ${JSON.stringify(port)}\n`]);
  });
});

describe('commands that change files on this machine have no dry run', () => {
  it.each([
    ['config set', ['-p', 's', 'config', 'set', 'appId', '2021000000000099']],
    ['config use', ['config', 'use', 's']],
    ['config init', ['config', 'init']],
    ['keys generate', ['keys', 'generate', '--out', 'k']],
    ['gateway serve', ['gateway', 'serve', '--port', '0']],
    ['demo', ['demo']],
  ])('--dry-run %s is exit 2 and changes nothing (it wrote the config, the keys, a gateway state)', async (command, args) => {
    const dir = mkdtempSync(join(tmpdir(), 'dry-run-'));
    const env = { XDG_CONFIG_HOME: join(dir, 'config'), XDG_STATE_HOME: join(dir, 'state'), HOME: dir };
    const r = await runInProcess(['--dry-run', ...args], { cwd: dir, env });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`error: --dry-run: ${command} has no dry run: it changes files on this machine (it sends nothing to Alipay)\nhint: leave out --dry-run to run it\n`);
    expect(readdirSync(dir)).toEqual([]);
  });
});
