import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';
import { runOnTerminal } from './pty.js';

/** Issue 16 item 6: `config init` without Alipay's key yet, and `config set` / `use` / `profiles` for scripts. */

const APP_ID = '2021000000000000';

/** A fresh HOME with an app key pair in keys/ (as `keys generate` writes it). */
async function home(): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-cfg-'));
  const env = { HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), XDG_STATE_HOME: join(dir, '.state') };
  expect((await runCli(['keys', 'generate', '--out', 'keys'], { cwd: dir, env })).code).toBe(0);
  return { dir, env };
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { defaultProfile?: string; profiles: Record<string, Record<string, unknown>> };

describe('config set, use and profiles', () => {
  it('with no config, writes $XDG_CONFIG_HOME/alipay-card/config.json (0600), which commands then read', async () => {
    const { dir, env } = await home();
    for (const [key, value] of [['appId', APP_ID], ['privateKeyFile', 'keys/app_private_key.pem'], ['gateway', 'https://gw.example.com/gateway.do'], ['timeoutMs', '30000']]) {
      const r = await runCli(['-p', 'sandbox', 'config', 'set', key!, value!], { cwd: dir, env });
      expect(r.stderr).toContain(`Set ${key} of profile sandbox in ${join(dir, '.config/alipay-card/config.json')}`);
      expect(r.code).toBe(0);
    }
    const path = join(dir, '.config/alipay-card/config.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readJson(path)).toEqual({ profiles: { sandbox: { appId: APP_ID, privateKeyFile: join(dir, 'keys/app_private_key.pem'), gateway: 'https://gw.example.com/gateway.do', timeoutMs: 30000 } } });
    const shown = JSON.parse((await runCli(['config', 'show', '--json'], { cwd: dir, env })).stdout) as { configFile: string; values: Record<string, string> };
    expect(shown.configFile).toBe(path);
    expect(shown.values.gateway).toContain('https://gw.example.com/gateway.do');
  });

  it('a secret is never a value; an unknown key, a bad value or a plain-http remote gateway is exit 2 and writes nothing', async () => {
    const { dir, env } = await home();
    const secret = await runCli(['config', 'set', 'privateKey', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'], { cwd: dir, env });
    expect(secret.code).toBe(2);
    expect(secret.stderr).toContain('privateKey is a secret');
    expect(secret.stderr).toContain('privateKeyFile');
    expect(secret.stderr).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    const typo = await runCli(['config', 'set', 'gatway', 'sandbox'], { cwd: dir, env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean gateway?');
    const bad = await runCli(['config', 'set', 'signType', 'rsa3'], { cwd: dir, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('signType');
    const http = await runCli(['config', 'set', 'gateway', 'http://gw.example.com/gateway.do'], { cwd: dir, env });
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('must be https');
    expect(() => statSync(join(dir, '.config/alipay-card/config.json'))).toThrow();
  });

  it("the app's own public key is refused as Alipay's", async () => {
    const { dir, env } = await home();
    expect((await runCli(['config', 'set', 'privateKeyFile', 'keys/app_private_key.pem'], { cwd: dir, env })).code).toBe(0);
    const r = await runCli(['config', 'set', 'alipayPublicKeyFile', 'keys/app_public_key.pem'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('your own app public key');
  });

  it('writes the config the search finds, or -c; refuses to rewrite a YAML or JS config', async () => {
    const { dir, env } = await home();
    const project = join(dir, 'shop');
    mkdirSync(join(project, 'sub'), { recursive: true });
    writeFileSync(join(project, '.alipay-cardrc.json'), JSON.stringify({ profiles: { sandbox: { appId: APP_ID } } }));
    const found = await runCli(['-p', 'sandbox', 'config', 'set', 'gateway', 'local'], { cwd: join(project, 'sub'), env });
    expect(found.code).toBe(0);
    expect(readJson(join(project, '.alipay-cardrc.json'))).toEqual({ profiles: { sandbox: { appId: APP_ID, gateway: 'local' } } });
    expect(statSync(join(project, '.alipay-cardrc.json')).mode & 0o777).toBe(0o600);

    const yamlDir = join(dir, 'yaml');
    mkdirSync(yamlDir);
    const yaml = 'profiles:\n  sandbox:\n    appId: "2021000000000000"   # the sandbox app\n';
    writeFileSync(join(yamlDir, '.alipay-cardrc.yaml'), yaml);
    const refused = await runCli(['config', 'set', 'gateway', 'local'], { cwd: yamlDir, env });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`${join(yamlDir, '.alipay-cardrc.yaml')}: cannot rewrite a YAML config`);
    expect(readFileSync(join(yamlDir, '.alipay-cardrc.yaml'), 'utf8')).toBe(yaml);
    const js = await runCli(['-c', join(yamlDir, 'alipay-card.config.js'), 'config', 'set', 'gateway', 'local'], { cwd: yamlDir, env });
    expect(js.code).toBe(3);
    expect(js.stderr).toContain('cannot rewrite a JavaScript config');

    const explicit = join(dir, 'elsewhere.json');
    expect((await runCli(['-c', explicit, '-p', 'ci', 'config', 'set', 'appId', APP_ID], { cwd: yamlDir, env })).code).toBe(0);
    expect(readJson(explicit)).toEqual({ profiles: { ci: { appId: APP_ID } } });
  });

  it('config profiles lists them with the default marked; config use sets defaultProfile, suggesting a near name', async () => {
    const { dir, env } = await home();
    for (const p of ['sandbox', 'production']) expect((await runCli(['-p', p, 'config', 'set', 'appId', APP_ID], { cwd: dir, env })).code).toBe(0);
    const listed = JSON.parse((await runCli(['config', 'profiles', '--json'], { cwd: dir, env })).stdout) as { defaultProfile: string; profiles: Array<{ name: string; default: boolean }> };
    expect(listed.defaultProfile).toBe('sandbox');
    expect(listed.profiles.map((p) => [p.name, p.default])).toEqual([['sandbox', true], ['production', false]]);
    const typo = await runCli(['config', 'use', 'prod'], { cwd: dir, env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean production?');
    expect((await runCli(['config', 'use', 'production'], { cwd: dir, env })).code).toBe(0);
    const table = await runCli(['config', 'profiles', '-o', 'table'], { cwd: dir, env });
    expect(table.stdout).toMatch(/^\* production/m);
    expect(table.stdout).toMatch(/^ {2}sandbox/m);
    expect(JSON.parse((await runCli(['config', 'show', '--json'], { cwd: dir, env })).stdout).profile).toBe('production');
  });
});

describe('config init at a terminal', () => {
  it("takes a gateway URL, refuses the app's own key as Alipay's, and lets Alipay's key come later", async () => {
    const { dir, env } = await home();
    const down = '\u001b[B';
    const r = await runOnTerminal(['config', 'init'], {
      cwd: dir,
      env,
      steps: [
        ['Profile name', '\r'],
        ['App ID', `${APP_ID}\r`],
        ['Gateway', `${down}${down}${down}\r`],
        ['Gateway URL', 'https://gw.example.com/gateway.do\r'],
        ['Sign type', '\r'],
        ['Charset', '\r'],
        ['App private key file', '\r'],
        ['How does Alipay sign', '\r'],
        ['Alipay public key file', 'keys/app_public_key.pem\r'],
        ['your own app public key', `${'\u007f'.repeat(30)}\r`],
      ],
    });
    expect(r.screen).not.toContain('EISDIR');
    expect(r.code).toBe(0);
    expect(r.screen).toContain('config set alipayPublicKeyFile');
    const written = readJson(join(dir, '.config/alipay-card/config.json'));
    expect(written.profiles.sandbox).toEqual({ appId: APP_ID, gateway: 'https://gw.example.com/gateway.do', signType: 'RSA2', charset: 'utf-8', privateKeyFile: join(dir, 'keys/app_private_key.pem') });
  });
});

describe('config init and config set read files within the caps every other read has (read-capped.ts)', () => {
  it('a key file answered at the prompt that is larger than any key is refused, naming it and the cap, and asked again', async () => {
    const { dir, env } = await home();
    writeFileSync(join(dir, 'big.pem'), 'A'.repeat(200 * 1024));
    const r = await runOnTerminal(['config', 'init'], {
      cwd: dir,
      env,
      cols: 200,
      steps: [
        ['Profile name', '\r'],
        ['App ID', `${APP_ID}\r`],
        ['Gateway', '\r'],
        ['Sign type', '\r'],
        ['Charset', '\r'],
        ['App private key file', `${'\u007f'.repeat(40)}big.pem\r`],
        ['the most read for a key file', '\u0003'],
      ],
    });
    expect(r.screen).toContain(`cannot read ${join(dir, 'big.pem')}: it is larger than 64 KiB, the most read for a key file`);
    expect(r.code).toBe(130);
  });

  it('config set: a config file over 1 MiB is exit 3 naming it; a key file over 64 KiB is exit 2 naming it; nothing is written', async () => {
    const { dir, env } = await home();
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"profiles":{}${' '.repeat(1024 * 1024)}}`);
    const config = await runCli(['-c', big, 'config', 'set', 'appId', APP_ID], { cwd: dir, env });
    expect(config.stderr).toContain(`${big}: cannot load it: it is larger than 1 MiB, the most read for a config file`);
    expect(config.code).toBe(3);
    writeFileSync(join(dir, 'big.pem'), 'A'.repeat(200 * 1024));
    const key = await runCli(['-c', 'small.json', 'config', 'set', 'privateKeyFile', 'big.pem'], { cwd: dir, env });
    expect(key.stderr).toContain(`cannot read ${join(dir, 'big.pem')}: it is larger than 64 KiB, the most read for a key file`);
    expect(key.code).toBe(2);
    expect(statSync(join(dir, 'small.json'), { throwIfNoEntry: false })).toBeUndefined();
  });
});
