import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, UsageError } from '../../../src/errors.js';
import { loadConfig, type LoadConfigOptions } from '../../../src/config/index.js';
import { rejected, tempDir, writeFiles } from './helpers.js';

const SANDBOX = 'https://openapi-sandbox.dl.alipaydev.com/gateway.do';

/** A home directory with a project nested two levels down; searches stop at home. */
function workspace() {
  const home = tempDir();
  const project = join(home, 'project');
  const cwd = join(project, 'a', 'b');
  mkdirSync(cwd, { recursive: true });
  const load = (options: Partial<LoadConfigOptions> = {}) => loadConfig({ cwd, env: {}, homeDir: home, ...options });
  return { home, project, cwd, load };
}

describe('config search', () => {
  it('finds .alipay-cardrc.json in a parent of the working directory and resolves key paths from its directory', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': { profiles: { sandbox: { appId: '2021000000000000', privateKeyFile: 'keys/app.pem', alipayPublicKeyFile: '../shared/alipay.pem' } } } });
    const config = await load();
    expect(config.configFile).toBe(join(project, '.alipay-cardrc.json'));
    expect(config.profileName).toBe('sandbox');
    expect(config.profile.appId).toBe('2021000000000000');
    expect(config.profile.privateKey).toEqual({
      kind: 'file',
      path: join(project, 'keys', 'app.pem'),
      origin: `file ${join(project, '.alipay-cardrc.json')}`,
      setting: 'profiles.sandbox.privateKeyFile',
    });
    expect(config.profile.alipayPublicKey).toMatchObject({ kind: 'file', path: join(project, '..', 'shared', 'alipay.pem') });
    expect(config.sources.privateKeyFile).toBe(`file ${join(project, '.alipay-cardrc.json')}`);
  });

  it('finds the "alipay-card" key of a package.json, and skips a package.json without one', async () => {
    const { project, cwd, load } = workspace();
    writeFiles(project, { 'package.json': { name: 'shop', 'alipay-card': { profiles: { p: { appId: '1' } } } } });
    writeFiles(join(cwd, '..'), { 'package.json': { name: 'inner' } });
    const config = await load();
    expect(config.configFile).toBe(join(project, 'package.json'));
    expect(config.profile.appId).toBe('1');
  });

  it.each([
    ['.alipay-cardrc', 'profiles:\n  p:\n    appId: "7"\n'],
    ['.alipay-cardrc.yaml', 'profiles:\n  p:\n    appId: "7"\n'],
    ['.alipay-cardrc.yml', 'profiles:\n  p:\n    appId: "7"\n'],
    ['alipay-card.config.json', '{"profiles":{"p":{"appId":"7"}}}'],
    ['alipay-card.config.cjs', 'module.exports = { profiles: { p: { appId: "7" } } };\n'],
    ['alipay-card.config.mjs', 'export default { profiles: { p: { appId: "7" } } };\n'],
    ['alipay-card.config.js', 'module.exports = { profiles: { p: { appId: "7" } } };\n'],
  ])('reads %s', async (name, text) => {
    const { project, load } = workspace();
    writeFiles(project, { [name]: text });
    const config = await load();
    expect(config.configFile).toBe(join(project, name));
    expect(config.profile.appId).toBe('7');
  });

  it('takes the nearest file and prefers a project file to the per-user one', async () => {
    const { home, project, cwd, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': { profiles: { p: { appId: '1' } } } });
    writeFiles(join(cwd, '..'), { '.alipay-cardrc.json': { profiles: { p: { appId: '2' } } } });
    writeFiles(home, { '.config/alipay-card/config.json': { profiles: { p: { appId: '3' } } } });
    expect((await load()).profile.appId).toBe('2');
  });

  it('falls back to <home>/.config/alipay-card/config.json', async () => {
    const { home, load } = workspace();
    writeFiles(home, { '.config/alipay-card/config.json': { profiles: { p: { appId: '3', privateKeyFile: 'app.pem' } } } });
    const config = await load();
    expect(config.configFile).toBe(join(home, '.config', 'alipay-card', 'config.json'));
    expect(config.profile.privateKey).toMatchObject({ path: join(home, '.config', 'alipay-card', 'app.pem') });
  });

  it('falls back to $XDG_CONFIG_HOME/alipay-card/config.json when XDG_CONFIG_HOME is set', async () => {
    const { home, load } = workspace();
    const xdg = join(home, 'xdg');
    writeFiles(xdg, { 'alipay-card/config.json': { profiles: { p: { appId: '4' } } } });
    writeFiles(home, { '.config/alipay-card/config.json': { profiles: { p: { appId: '3' } } } });
    const config = await load({ env: { XDG_CONFIG_HOME: xdg } });
    expect(config.configFile).toBe(join(xdg, 'alipay-card', 'config.json'));
    expect(config.profile.appId).toBe('4');
  });

  it('stops at the home directory', async () => {
    const root = tempDir();
    writeFiles(root, { '.alipay-cardrc.json': { profiles: { p: { appId: '9' } } } });
    const home = join(root, 'home');
    mkdirSync(join(home, 'work'), { recursive: true });
    const config = await loadConfig({ cwd: join(home, 'work'), env: {}, homeDir: home });
    expect(config.configFile).toBeUndefined();
  });

  it('--config loads that file only, relative to the working directory', async () => {
    const { project, cwd, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': { profiles: { p: { appId: '1' } } } });
    writeFiles(cwd, { 'other.yaml': 'profiles:\n  q:\n    appId: "5"\n    privateKeyFile: k.pem\n' });
    const config = await load({ configFile: 'other.yaml' });
    expect(config.configFile).toBe(join(cwd, 'other.yaml'));
    expect(config.profileName).toBe('q');
    expect(config.profile.privateKey).toMatchObject({ path: join(cwd, 'k.pem') });
  });

  it('--config with a missing file is a ConfigError naming it', async () => {
    const { cwd, load } = workspace();
    const error = await rejected(load({ configFile: 'nope.json' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`--config ${join(cwd, 'nope.json')}: no such file (ENOENT)`);
  });

  it('--config naming a key file is refused without showing it: one with no extension by its kind and length, one with another by the endings a config may have', async () => {
    const { cwd, load } = workspace();
    writeFiles(cwd, { aes_key: 'q1w2e3r4t5y6u7i8o9p0Aw==\n', 'app.pem': '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n' });
    const aes = await rejected(load({ configFile: 'aes_key' }));
    expect(aes).toBeInstanceOf(ConfigError);
    expect(aes.message).toBe(`${join(cwd, 'aes_key')}: 1 problem\n  expected an object with "profiles" (and optionally "defaultProfile"), got a string of 24 characters`);
    const pem = await rejected(load({ configFile: 'app.pem' }));
    expect(pem).toBeInstanceOf(ConfigError);
    expect(pem.message).toBe(`${join(cwd, 'app.pem')}: not a config file: a config file's name ends in .json, .yaml, .yml, .js, .mjs, .cjs, .ts, or has no extension (read as YAML or JSON), not ".pem"`);
    expect((pem as ConfigError).hint).toContain('privateKeyFile');
  });

  it('a key given twice in a JSON config is exit 3 naming each, with its path (JSON.parse kept the last without a word)', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': '{"profiles": {"p": {"gateway": "sandbox", "gateway": "production"}, "my prod": {"appId": "1", "appId": "2"}}, "profiles": {}}' });
    const error = await rejected(load());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe([
      `${join(project, '.alipay-cardrc.json')}: 3 problems`,
      '  profiles.p.gateway: this key is given twice in its object: only the last one would be read',
      '  profiles["my prod"].appId: this key is given twice in its object: only the last one would be read',
      '  profiles: this key is given twice in its object: only the last one would be read',
    ].join('\n'));
  });

  it("in a package.json only a key of ours given twice counts", async () => {
    const { project, load } = workspace();
    writeFiles(project, { 'package.json': '{"name": "a", "name": "b", "alipay-card": {"profiles": {"p": {}}}}' });
    expect((await load()).profileName).toBe('p');
    writeFiles(project, { 'package.json': '{"name": "a", "alipay-card": {"profiles": {"p": {}}, "lang": "en", "lang": "zh-CN"}}' });
    expect((await rejected(load())).message).toContain('alipay-card.lang: this key is given twice');
  });

  it('--config with an empty file, or a package.json without the key, says so', async () => {
    const { cwd, load } = workspace();
    writeFiles(cwd, { 'empty.json': '', 'package.json': { name: 'x' } });
    expect((await rejected(load({ configFile: 'empty.json' }))).message).toBe(`${join(cwd, 'empty.json')} is empty`);
    expect((await rejected(load({ configFile: 'package.json' }))).message).toBe(`${join(cwd, 'package.json')} has no "alipay-card" key`);
  });

  it('reports a file that does not parse with its position and without quoting it', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': '{\n  "profiles": {"p": {"privateKey": "MIIEsecretsecretsecret" "x"}}\n}\n' });
    const error = await rejected(load());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`${join(project, '.alipay-cardrc.json')}: cannot load it: Expected ',' or '}' after property value (line 2, column 61)`);
    expect(error.message).not.toContain('secret');
  });

  // JSON places are read without cosmiconfig (start-up); these hold the reading to cosmiconfig's.
  it('skips an empty JSON file and a package.json without the key, in search order within a directory', async () => {
    const { project, load } = workspace();
    writeFiles(project, { 'package.json': { name: 'x' }, '.alipay-cardrc.json': '  \n', 'alipay-card.config.json': { profiles: { p: { appId: '9' } } } });
    const config = await load();
    expect(config.configFile).toBe(join(project, 'alipay-card.config.json'));
    expect(config.profile.appId).toBe('9');
  });

  it('a YAML place before a JSON one in the same directory wins, as before', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.yaml': 'profiles:\n  p:\n    appId: "5"\n', 'alipay-card.config.json': { profiles: { p: { appId: '9' } } } });
    const config = await load();
    expect(config.configFile).toBe(join(project, '.alipay-cardrc.yaml'));
    expect(config.profile.appId).toBe('5');
  });

  it("cosmiconfig's $import still merges an imported file into a JSON config", async () => {
    const { project, load } = workspace();
    writeFiles(project, { 'base.json': { profiles: { p: { appId: '3', gateway: 'production' } } }, '.alipay-cardrc.json': { $import: 'base.json', defaultProfile: 'p' } });
    const config = await load();
    expect(config.profile).toMatchObject({ appId: '3', gateway: 'production' });
    const explicit = await load({ configFile: join(project, '.alipay-cardrc.json') });
    expect(explicit.profile.appId).toBe('3');
  });

  it('reports a YAML error with its position only', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.yml': 'profiles:\n  p:\n    privateKey: "MIIEsecret\n   x: [\n' });
    const error = await rejected(load());
    expect(error.message).toMatch(/^.*\.alipay-cardrc\.yml: cannot load it: invalid YAML: .* \(line \d+, column \d+\)$/);
    expect(error.message).not.toContain('secret');
  });
});

describe('no config file', () => {
  it('is not an error: profile "default" on the local gateway with defaults', async () => {
    const { load } = workspace();
    const config = await load();
    expect(config).toMatchObject({ configFile: undefined, profileName: 'default', profileSource: 'default', warnings: [] });
    expect(config.profile).toEqual({ gateway: 'local', gatewayUrl: undefined, signType: 'RSA2', charset: 'utf-8', timeoutMs: 15000 });
    expect(config.sources).toEqual({ gateway: 'default', signType: 'default', charset: 'default', timeoutMs: 'default' });
  });

  it('uses the sandbox by default once the environment configures an app', async () => {
    const { load } = workspace();
    const config = await load({ env: { ALIPAY_APP_ID: '2021000000000000', ALIPAY_PRIVATE_KEY_FILE: 'keys/app.pem' } });
    expect(config.profile.gateway).toBe('sandbox');
    expect(config.profile.gatewayUrl).toBe(SANDBOX);
  });

  it('an explicitly requested profile is an error', async () => {
    const { load } = workspace();
    const error = await rejected(load({ profile: 'prod' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('profile "prod" (flag --profile) was asked for, but no config file was found');
    expect((error as ConfigError).hint).toContain('config init');
  });
});

describe('precedence: flags > environment > config file > defaults', () => {
  type Row = [string, Partial<LoadConfigOptions>, Record<string, unknown>, string, unknown, string];
  const file = (over: Record<string, unknown>) => ({ profiles: { p: { appId: '1000', ...over } } });
  const FILE = 'file <config>';
  it.each<Row>([
    ['gateway', {}, {}, 'gateway', 'sandbox', 'default'],
    ['gateway', {}, { gateway: 'production' }, 'gateway', 'production', FILE],
    ['gateway', { env: { ALIPAY_GATEWAY: 'local' } }, { gateway: 'production' }, 'gateway', 'local', 'env ALIPAY_GATEWAY'],
    ['gateway', { env: { ALIPAY_GATEWAY: 'local' }, flags: { gateway: 'https://gw.example/gateway.do' } }, { gateway: 'production' }, 'gateway', 'https://gw.example/gateway.do', 'flag --gateway'],
    ['timeoutMs', {}, {}, 'timeoutMs', 15000, 'default'],
    ['timeoutMs', {}, { timeoutMs: 3000 }, 'timeoutMs', 3000, FILE],
    ['timeoutMs', { flags: { timeoutMs: 500 } }, { timeoutMs: 3000 }, 'timeoutMs', 500, 'flag --timeout'],
    ['appId', {}, {}, 'appId', '1000', FILE],
    ['appId', { env: { ALIPAY_APP_ID: '2000' } }, {}, 'appId', '2000', 'env ALIPAY_APP_ID'],
    ['signType', {}, {}, 'signType', 'RSA2', 'default'],
    ['signType', {}, { signType: 'RSA' }, 'signType', 'RSA', FILE],
    ['signType', { env: { ALIPAY_SIGN_TYPE: 'RSA2' } }, { signType: 'RSA' }, 'signType', 'RSA2', 'env ALIPAY_SIGN_TYPE'],
    ['charset', {}, {}, 'charset', 'utf-8', 'default'],
    ['charset', {}, { charset: 'GBK' }, 'charset', 'gbk', FILE],
    ['charset', { env: { ALIPAY_CHARSET: 'GB2312' } }, { charset: 'gbk' }, 'charset', 'gb2312', 'env ALIPAY_CHARSET'],
    ['charset (empty env var = unset)', { env: { ALIPAY_CHARSET: '' } }, { charset: 'gbk' }, 'charset', 'gbk', FILE],
  ])('%s: options %j, file %j → %s = %j from %s', async (_name, options, fileProfile, key, value, source) => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': file(fileProfile) });
    const config = await load(options);
    expect((config.profile as unknown as Record<string, unknown>)[key]).toEqual(value);
    expect(config.sources[key]).toBe(source.replace('<config>', join(project, '.alipay-cardrc.json')));
  });

  it('a key slot is replaced as a whole: an env key file beats an inline key in the file', async () => {
    const { project, cwd, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': file({ privateKey: 'inline', alipayPublicKeyFile: 'alipay.pem' }) });
    const config = await load({ env: { ALIPAY_PRIVATE_KEY_FILE: 'keys/app.pem', ALIPAY_PUBLIC_KEY: 'MIIB...' } });
    expect(config.profile.privateKey).toEqual({ kind: 'file', path: join(cwd, 'keys', 'app.pem'), origin: 'env ALIPAY_PRIVATE_KEY_FILE', setting: 'ALIPAY_PRIVATE_KEY_FILE' });
    expect(config.profile.alipayPublicKey).toEqual({ kind: 'inline', value: 'MIIB...', origin: 'env ALIPAY_PUBLIC_KEY', setting: 'ALIPAY_PUBLIC_KEY' });
    expect(config.sources).toMatchObject({ privateKeyFile: 'env ALIPAY_PRIVATE_KEY_FILE', alipayPublicKey: 'env ALIPAY_PUBLIC_KEY' });
    expect(config.sources.privateKey).toBeUndefined();
  });

  it('an Alipay public key in the environment replaces certificate mode, with a warning', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': file({ appCertFile: 'a.crt', alipayCertFile: 'b.crt', alipayRootCertFile: 'c.crt' }) });
    const certMode = await load();
    expect(certMode.profile.appCertFile).toMatchObject({ path: join(project, 'a.crt') });
    const config = await load({ env: { ALIPAY_PUBLIC_KEY_FILE: '/keys/alipay.pem' } });
    expect(config.profile.appCertFile).toBeUndefined();
    expect(config.profile.alipayPublicKey).toMatchObject({ kind: 'file', path: '/keys/alipay.pem' });
    expect(config.warnings).toEqual([
      'ALIPAY_PUBLIC_KEY_FILE overrides certificate mode of profile "p" (appCertFile, alipayCertFile, alipayRootCertFile ignored): requests are sent in public key mode',
    ]);
  });

  it('expands ~/ in key paths with the given home directory', async () => {
    const { home, project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': file({ privateKeyFile: '~/keys/app.pem' }) });
    expect((await load()).profile.privateKey).toMatchObject({ path: join(home, 'keys', 'app.pem') });
  });

  it.each<[Partial<LoadConfigOptions>, string]>([
    [{ flags: { gateway: 'prod' } }, '--gateway: expected production, sandbox, local or an http(s) URL, got "prod"'],
    [{ flags: { timeoutMs: 0 } }, '--timeout: expected a whole number of milliseconds from 1 to 600000, got 0'],
    [{ flags: { timeoutMs: 2147483648 } }, '--timeout: expected a whole number of milliseconds from 1 to 600000, got 2147483648'],
  ])('a bad flag value is a usage error: %j', async (options, message) => {
    const { load } = workspace();
    const error = await rejected(load(options));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(message);
  });
});

describe('profile selection', () => {
  const twoProfiles = { defaultProfile: 'b', profiles: { a: { appId: '1' }, b: { appId: '2' }, c: { appId: '3' } } };
  it.each<[string, Record<string, unknown>, Partial<LoadConfigOptions>, string, string]>([
    ['--profile', twoProfiles, { profile: 'a', env: { ALIPAY_CARD_PROFILE: 'c' } }, 'a', 'flag --profile'],
    ['ALIPAY_CARD_PROFILE', twoProfiles, { env: { ALIPAY_CARD_PROFILE: 'c' } }, 'c', 'env ALIPAY_CARD_PROFILE'],
    ['defaultProfile', twoProfiles, {}, 'b', 'file <config> defaultProfile'],
    ['the only profile', { profiles: { solo: { appId: '1' } } }, {}, 'solo', 'the only profile in <config>'],
    ['"default"', { profiles: { default: { appId: '1' }, other: {} } }, {}, 'default', 'default'],
  ])('%s', async (_name, content, options, name, source) => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': content });
    const config = await load(options);
    expect(config.profileName).toBe(name);
    expect(config.profileSource).toBe(source.replace('<config>', join(project, '.alipay-cardrc.json')));
  });

  it('an unknown profile is a ConfigError listing the available ones', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': { profiles: { sandbox: {}, production: {} } } });
    const error = await rejected(load({ profile: 'prod' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`profile "prod" (flag --profile) is not in ${join(project, '.alipay-cardrc.json')}; did you mean production? available: sandbox, production`);
    const implicit = await rejected(load());
    expect(implicit.message).toBe(`profile "default" (default) is not in ${join(project, '.alipay-cardrc.json')}; available: sandbox, production`);
    expect((implicit as ConfigError).hint).toBe('pass --profile sandbox, or set "defaultProfile" in the config file');
  });
});

describe('validation', () => {
  it('reports the problems of the file and of the environment in one error', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': { profiles: { sandbox: { signType: 'RSA3', privatekeyFile: 'k.pem' } } } });
    const error = await rejected(load({ env: { ALIPAY_CHARSET: 'latin1', ALIPAY_PRIVATE_KEY: 'x', ALIPAY_PRIVATE_KEY_FILE: 'k.pem', ALIPAY_APP_ID: 'abc' } }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      [
        `${join(project, '.alipay-cardrc.json')}: 2 problems`,
        '  profiles.sandbox.privatekeyFile: unknown key; did you mean "privateKeyFile"?',
        '  profiles.sandbox.signType: expected "RSA2" or "RSA", got "RSA3"; did you mean "RSA2"?',
        'environment: 3 problems',
        '  ALIPAY_APP_ID: expected a string of digits (the 16-digit app ID), got "abc"',
        '  ALIPAY_CHARSET: expected "utf-8", "gbk" or "gb2312", got "latin1"',
        '  ALIPAY_PRIVATE_KEY and ALIPAY_PRIVATE_KEY_FILE are both set; keep one',
      ].join('\n'),
    );
    expect((error as ConfigError).hint).toContain('config.example.json');
  });

  it('validates every profile, not only the one in use', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': { defaultProfile: 'good', profiles: { good: {}, bad: { timeoutMs: -1 } } } });
    expect((await rejected(load())).message).toContain('profiles.bad.timeoutMs: expected a whole number of milliseconds from 1 to 600000 (10 minutes), got number -1');
  });
});

describe('warnings', () => {
  it('a group-readable config file holding a secret inline gets a warning', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': { profiles: { p: { appAuthToken: '202312BBtokentokentoken' } } } }, 0o644);
    const path = join(project, '.alipay-cardrc.json');
    expect((await load()).warnings).toEqual([
      `permissions 0644 for '${path}' are too open: it holds a secret that other users can read; run chmod 600 ${path} (it holds appAuthToken inline)`,
    ]);
    chmodSync(path, 0o600);
    expect((await load()).warnings).toEqual([]);
  });

  it('no warning for a readable config file that only names key files', async () => {
    const { project, load } = workspace();
    writeFiles(project, { '.alipay-cardrc.json': { profiles: { p: { privateKeyFile: 'k.pem' } } } }, 0o644);
    expect((await load()).warnings).toEqual([]);
  });
});
