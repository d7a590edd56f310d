import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath, projectWithConfig, runCli, runTemporaryDir, vectorsDir, type CliResult } from './cli.js';

// Issue 10: inputs that are at fault end in the documented exit code, naming the file or flag,
// never in exit 1, a hang, a read without end or a 1 ms timeout.

const privateKey = readFileSync(join(vectorsDir, 'app-private-key.pem'), 'utf8');
const rsaKey = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const profile = (settings: Record<string, unknown>, files: Record<string, string> = {}) =>
  projectWithConfig({ profiles: { test: { appId: '2021000000000000', gateway: 'sandbox', ...settings } } }, files);
const withKey = () => profile({ privateKeyFile: 'keys/app.pem' }, { 'keys/app.pem': privateKey });

/** A nesting `depth` deep inside an otherwise valid card open biz_content. */
function deepBiz(depth: number): string {
  const deep = '['.repeat(depth) + '1' + ']'.repeat(depth);
  return `{"card_template_id":"T","card_user_info":{"user_uni_id":"2088302463082075","user_uni_id_type":"UID"},"card_ext_info":{"valid_date":"2030-12-31 23:59:59"},"member_ext_info":{"name":${deep}}}`;
}

function expectRefused(r: CliResult, code: number, ...parts: string[]): void {
  expect(r.code).toBe(code);
  expect(r.stderr).not.toContain('internal error');
  for (const part of parts) expect(r.stderr).toContain(part);
}

/** The real bin with stdin read from a file (a device), which runCli cannot give it. */
function runWithStdinFrom(file: string, args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const env = { PATH: process.env.PATH ?? '', HOME: cwd, XDG_CONFIG_HOME: join(cwd, '.config'), XDG_STATE_HOME: join(cwd, '.state'), NO_COLOR: '1', ...runTemporaryDir() };
    const child = spawn(process.execPath, [binPath, ...args], { cwd, env, stdio: [openSync(file, 'r'), 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

describe('timeouts beyond what a timer holds are refused where they are parsed', () => {
  it('--timeout 2147483648 is exit 2 naming the range', async () => {
    const r = await runCli(['--timeout', '2147483648', 'config', 'show']);
    expectRefused(r, 2, '--timeout must be a whole number of milliseconds from 1 to 600000');
    expect((await runCli(['--timeout', '600000', 'config', 'show', '--json'])).code).toBe(0);
  });

  it('"timeoutMs": 9999999999 in a profile is exit 3 naming the setting', async () => {
    const r = await runCli(['config', 'show'], { cwd: profile({ timeoutMs: 9999999999 }) });
    expectRefused(r, 3, 'profiles.test.timeoutMs: expected a whole number of milliseconds from 1 to 600000');
  });

  it('gateway serve --fault latency=3000000000 is exit 2', async () => {
    const r = await runCli(['gateway', 'serve', '--port', '0', '--fault', 'latency=3000000000'], { timeoutMs: 10000 });
    expectRefused(r, 2, 'the latency must be at most 600000 ms');
  });
});

describe('RSA keys under 2048 bits are refused (exit 3)', () => {
  it.each([512, 1024])('a %i-bit key neither signs nor passes keys check', async (bits) => {
    const cwd = profile({ privateKeyFile: 'keys/app.pem' }, { 'keys/app.pem': rsaKey(bits) });
    const sign = await runCli(['sign', '--method', 'alipay.marketing.card.template.query', '--biz', '{"template_id":"1"}'], { cwd });
    expectRefused(sign, 3, `keys/app.pem: expected an RSA private key (PEM PKCS#1, PEM PKCS#8 or bare base64) of at least 2048 bits, found a ${bits}-bit RSA key`);
    expect(sign.stdout).toBe('');
    expectRefused(await runCli(['keys', 'check'], { cwd }), 3, `found a ${bits}-bit RSA key`);
  });

  it("and as the gateway's --key", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-small-'));
    writeFileSync(join(dir, 'gw.pem'), rsaKey(1024));
    const r = await runCli(['gateway', 'serve', '--port', '0', '--key', 'gw.pem', '--state', 'state.json'], { cwd: dir, timeoutMs: 10000 });
    expectRefused(r, 3, 'gw.pem: expected an RSA private key', 'found a 1024-bit RSA key');
  });
});

describe('inputs are read up to their cap, and a larger one is refused naming it and the cap', () => {
  it('privateKeyFile: /dev/urandom is exit 3 (64 KiB for a key)', async () => {
    const r = await runCli(['sign', '--method', 'alipay.marketing.card.template.query', '--biz', '{"template_id":"1"}'], { cwd: profile({ privateKeyFile: '/dev/urandom' }) });
    expectRefused(r, 3, 'cannot read /dev/urandom: it is larger than 64 KiB, the most read for a key or certificate file', 'profiles.test.privateKeyFile');
  });

  it('--biz @/dev/zero is exit 2 (1 MiB, the gateway body limit), for sign and card open', async () => {
    const sign = await runCli(['sign', '--method', 'alipay.marketing.card.template.query', '--biz', '@/dev/zero'], { cwd: withKey() });
    expectRefused(sign, 2, '--biz: cannot read /dev/zero: it is larger than 1 MiB');
    const open = await runCli(['--gateway', 'local', 'card', 'open', '--biz', '@/dev/zero', '--dry-run']);
    expectRefused(open, 2, '--biz: cannot read /dev/zero: it is larger than 1 MiB');
  });

  it('--biz - with stdin from /dev/zero is exit 2', async () => {
    const cwd = withKey();
    const r = await runWithStdinFrom('/dev/zero', ['sign', '--method', 'alipay.marketing.card.template.query', '--biz', '-'], cwd);
    expectRefused(r, 2, '--biz: cannot read stdin: it is larger than 1 MiB');
  });

  it('--auth-token-file /dev/urandom is exit 2 (4 KiB)', async () => {
    const r = await runCli(['sign', '--method', 'alipay.marketing.card.open', '--biz', '{}', '--auth-token-file', '/dev/urandom'], { cwd: withKey() });
    expectRefused(r, 2, '--auth-token-file: cannot read /dev/urandom: it is larger than 4 KiB');
  });

  it('verify --response @/dev/zero is exit 2', async () => {
    const r = await runCli(['verify', '--response', '@/dev/zero']);
    expectRefused(r, 2, '--response: cannot read /dev/zero: it is larger than 1 MiB');
  });

  it('--config /dev/zero is exit 3, and so is gateway serve --key /dev/urandom', async () => {
    expectRefused(await runCli(['-c', '/dev/zero', 'config', 'show']), 3, '/dev/zero: cannot load it: it is larger than 1 MiB, the most read for a config file');
    const r = await runCli(['gateway', 'serve', '--port', '0', '--key', '/dev/urandom', '--state', join(mkdtempSync(join(tmpdir(), 'alipay-card-gw-')), 's.json')], { timeoutMs: 10000 });
    expectRefused(r, 3, '--key: cannot read /dev/urandom: it is larger than 64 KiB');
  });
});

describe('input at fault is never exit 1', () => {
  it('--biz nested 5,000 deep is exit 2 naming the flag, for card open and sign', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-deep-'));
    writeFileSync(join(dir, 'deep.json'), deepBiz(5000));
    const open = await runCli(['--gateway', 'local', 'card', 'open', '--biz', '@deep.json', '--dry-run'], { cwd: dir });
    expectRefused(open, 2, '--biz deep.json: the JSON nests deeper than 64 levels');
    const sign = await runCli(['sign', '--method', 'alipay.marketing.card.open', '--biz', '@deep.json'], { cwd: dir });
    expectRefused(sign, 2, '--biz deep.json: the JSON nests deeper than 64 levels');
  });

  it('a damaged local-app/app_private_key.pem is exit 3 naming it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
    const keyFile = join(home, '.local/state/alipay-card/local-app/app_private_key.pem');
    mkdirSync(join(keyFile, '..'), { recursive: true });
    writeFileSync(keyFile, privateKey.replace(/MIIE/, 'MIIA'), { mode: 0o600 });
    const r = await runCli(['demo', '--json'], { env: { HOME: home } });
    expectRefused(r, 3, `${keyFile}: expected an RSA private key`, `delete ${keyFile}`);
  });

  it('a damaged demo.json is exit 3 naming it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
    const demoFile = join(home, '.local/state/alipay-card/demo.json');
    mkdirSync(join(demoFile, '..'), { recursive: true });
    writeFileSync(demoFile, '{"templateId": "2024');
    const r = await runCli(['demo', '--json'], { env: { HOME: home } });
    expectRefused(r, 3, `${demoFile}: the demo's saved state is not valid JSON`, `delete ${demoFile}`);
  });
});

describe('messages', () => {
  it("gateway serve --app <id>=<a private key> asks for the app's public key, not Alipay's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-app-'));
    writeFileSync(join(dir, 'app.pem'), privateKey);
    const r = await runCli(['gateway', 'serve', '--port', '0', '--app', '2021000000000001=app.pem', '--state', 'state.json'], { cwd: dir, timeoutMs: 10000 });
    expectRefused(r, 3, 'app.pem: expected an RSA public key', "the app's public key (应用公钥)");
    expect(r.stderr).not.toContain("Alipay's public key");
  });

  it('a profile named "__proto__" is reported by name, not as a file with no profiles', async () => {
    const cwd = projectWithConfig({ defaultProfile: '__proto__', profiles: JSON.parse('{"__proto__":{"appId":"2021000000000000"}}') });
    const r = await runCli(['config', 'show'], { cwd });
    expectRefused(r, 3, 'profiles.__proto__: "__proto__" cannot be a profile name');
    expect(r.stderr).not.toContain('defines no profiles');
  });
});

describe('keys generate writes only its own files', () => {
  it('--force replaces a symbolic link at the key path instead of writing through it and chmod-ing its target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-kg-'));
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'victim'), 'do not touch\n', { mode: 0o644 });
    symlinkSync(join(dir, 'victim'), join(dir, 'keys/app_private_key.pem'));
    const r = await runCli(['keys', 'generate', '--out', 'keys', '--force', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('do not touch\n');
    expect(statSync(join(dir, 'victim')).mode & 0o777).toBe(0o644);
    const written = lstatSync(join(dir, 'keys/app_private_key.pem'));
    expect(written.isFile()).toBe(true);
    expect(written.mode & 0o777).toBe(0o600);
  });

  it('without --force a dangling symbolic link counts as a file already there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-kg-'));
    mkdirSync(join(dir, 'keys'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'keys/app_private_key.pem'));
    const r = await runCli(['keys', 'generate', '--out', 'keys'], { cwd: dir });
    expectRefused(r, 2, 'already exists');
    expect(() => lstatSync(join(dir, 'nowhere'))).toThrow();
  });

  it('under umask 000 --out is created 0700, the private key 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-kg-'));
    const r = await new Promise<number | null>((resolvePromise) => {
      const child = spawn('sh', ['-c', `umask 000; exec "${process.execPath}" "${binPath}" keys generate --out new/keys --json`], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, ...runTemporaryDir() }, stdio: 'ignore' });
      child.on('close', resolvePromise);
    });
    expect(r).toBe(0);
    expect(statSync(join(dir, 'new/keys')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'new/keys/app_private_key.pem')).mode & 0o777).toBe(0o600);
  });
});
