import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { english } from '../../../src/i18n/text.js';
import { configWriteProblem } from '../../../src/config/config-file-edit.js';
import { mountTmpfs, tmpfsUnavailable } from '../../tmpfs.js';
import { runInProcess, scriptedPrompter } from './harness.js';

/** `config set` and `config init` change the file commands read, and the profile they read in it. */

const vectors = resolve('test/fixtures/vectors');
const PROD = { appId: '2021000000000001', gateway: 'production' };

/** A project folder holding `.alipay-cardrc.json` with `config`, and an app key pair under keys/. */
function project(config: unknown): { dir: string; file: string; read: () => Record<string, unknown> } {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-edit-'));
  mkdirSync(join(dir, 'keys'));
  copyFileSync(join(vectors, 'app-private-key.pem'), join(dir, 'keys/app.pem'));
  copyFileSync(join(vectors, 'alipay-public-key.pem'), join(dir, 'keys/alipay.pem'));
  const file = join(dir, '.alipay-cardrc.json');
  writeFileSync(file, JSON.stringify(config));
  return { dir, file, read: () => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> };
}

const profileInUse = async (dir: string) => (JSON.parse((await runInProcess(['config', 'show', '--json'], { cwd: dir })).stdout) as { profile: string }).profile;

describe('config set changes the profile commands use, and never which one that is', () => {
  it('a file with one profile and no defaultProfile: that profile is set (it was a new, empty "default" made the default)', async () => {
    const { dir, read } = project({ profiles: { prod: PROD } });
    const r = await runInProcess(['config', 'set', 'timeoutMs', '30000'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Set timeoutMs of profile prod');
    expect(read()).toEqual({ profiles: { prod: { ...PROD, timeoutMs: 30000 } } });
    expect(await profileInUse(dir)).toBe('prod');
  });

  it('-p adds a profile beside the only one: defaultProfile is written naming the one in use, and said so', async () => {
    const { dir, read } = project({ profiles: { prod: PROD } });
    const r = await runInProcess(['-p', 'q', 'config', 'set', 'appId', '2021000000000002'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('commands still use profile prod');
    expect(r.stderr).toContain('alipay-card config use q');
    expect(read()).toEqual({ defaultProfile: 'prod', profiles: { prod: PROD, q: { appId: '2021000000000002' } } });
    expect(await profileInUse(dir)).toBe('prod');
  });

  it('a defaultProfile already there is never rewritten', async () => {
    const { dir, read } = project({ defaultProfile: 'prod', profiles: { prod: PROD, q: {} } });
    expect((await runInProcess(['-p', 'q', 'config', 'set', 'timeoutMs', '5'], { cwd: dir })).code).toBe(0);
    expect(read()).toEqual({ defaultProfile: 'prod', profiles: { prod: PROD, q: { timeoutMs: 5 } } });
  });

  it('ALIPAY_CARD_PROFILE picks the profile as it does for every command', async () => {
    const { dir, read } = project({ defaultProfile: 'prod', profiles: { prod: PROD, q: {} } });
    expect((await runInProcess(['config', 'set', 'timeoutMs', '5'], { cwd: dir, env: { ALIPAY_CARD_PROFILE: 'q' } })).code).toBe(0);
    expect(read()).toEqual({ defaultProfile: 'prod', profiles: { prod: PROD, q: { timeoutMs: 5 } } });
  });

  it('several profiles and no defaultProfile: which one is asked for (exit 2), nothing is written', async () => {
    const config = { profiles: { a: {}, b: {} } };
    const { dir, read } = project(config);
    const r = await runInProcess(['config', 'set', 'timeoutMs', '5'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('which profile?');
    expect(r.stderr).toContain('-p a config set');
    expect(read()).toEqual(config);
  });

  it('config profiles marks the only profile as the one in use', async () => {
    const { dir } = project({ profiles: { prod: PROD } });
    const listed = JSON.parse((await runInProcess(['config', 'profiles', '--json'], { cwd: dir })).stdout) as { defaultProfile: string | null; profiles: Array<{ name: string; default: boolean }> };
    expect(listed.defaultProfile).toBe('prod');
    expect(listed.profiles).toEqual([expect.objectContaining({ name: 'prod', default: true })]);
  });
});

describe('config init adding a profile', () => {
  const answers = (name: string) => [name, '2021000000000003', 'sandbox', 'RSA2', 'utf-8', 'keys/app.pem', 'key', 'keys/alipay.pem'];

  it('beside the only one of a file with no defaultProfile: that one stays in use (defaultProfile written naming it)', async () => {
    const { dir, read } = project({ profiles: { prod: PROD } });
    const r = await runInProcess(['config', 'init', '--file', '.alipay-cardrc.json'], { cwd: dir, prompter: scriptedPrompter(answers('newp')) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('commands still use profile prod');
    expect(read()).toMatchObject({ defaultProfile: 'prod', profiles: { prod: PROD, newp: { appId: '2021000000000003' } } });
    expect(await profileInUse(dir)).toBe('prod');
  });

  it('to a file with a defaultProfile: it is kept as it was', async () => {
    const { dir, read } = project({ defaultProfile: 'prod', profiles: { prod: PROD, other: {} } });
    expect((await runInProcess(['config', 'init', '--file', '.alipay-cardrc.json'], { cwd: dir, prompter: scriptedPrompter(answers('newp')) })).code).toBe(0);
    expect(read().defaultProfile).toBe('prod');
  });
});

describe('the file -c names', () => {
  it('a key file (key.pem) is no config: config set refuses it, naming the endings a config may have, and leaves it as it was', async () => {
    const { dir } = project({ profiles: {} });
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
    writeFileSync(join(dir, 'key.pem'), pem);
    const r = await runInProcess(['-c', 'key.pem', 'config', 'set', 'appId', '2021000000000001'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("a config file's name ends in .json, .yaml, .yml");
    expect(r.stderr).not.toContain('MIIE');
    expect(readFileSync(join(dir, 'key.pem'), 'utf8')).toBe(pem);
  });
});

describe('a config file saved with a byte order mark (Notepad) is updated, as it is read', () => {
  const BOM = '\uFEFF';
  const withBom = () => {
    const made = project({});
    writeFileSync(made.file, `${BOM}${JSON.stringify({ profiles: { prod: PROD, q: {} } }, null, 2)}\n`);
    return made;
  };

  it.each([
    ['config use q', ['config', 'use', 'q'], { defaultProfile: 'q', profiles: { prod: PROD, q: {} } }],
    ['config set', ['-p', 'q', 'config', 'set', 'timeoutMs', '5'], { profiles: { prod: PROD, q: { timeoutMs: 5 } } }],
  ])('%s: written back without the mark (it was exit 3 "not valid JSON")', async (_name, args, expected) => {
    const { dir, file, read } = withBom();
    const r = await runInProcess(args, { cwd: dir });
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8').startsWith('{')).toBe(true);
    expect(read()).toEqual(expected);
  });

  it('config init --file', async () => {
    const { dir, read } = withBom();
    const answers = ['newp', '2021000000000003', 'sandbox', 'RSA2', 'utf-8', 'keys/app.pem', 'key', 'keys/alipay.pem'];
    expect((await runInProcess(['config', 'init', '--file', '.alipay-cardrc.json'], { cwd: dir, prompter: scriptedPrompter(answers) })).code).toBe(0);
    expect(Object.keys(read().profiles as object)).toEqual(['prod', 'q', 'newp']);
  });

  it('one that is not JSON is refused with the line and column of the fault, never quoting the file', async () => {
    const { dir, file } = project({});
    writeFileSync(file, `${BOM}{"profiles": {"q": {"privateKey": "MIIEsecret" "x"}}}`);
    const r = await runInProcess(['-c', file, '-p', 'q', 'config', 'set', 'timeoutMs', '5'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}: cannot update it: Expected ',' or '}' after property value (line 1, column 48)`);
    expect(r.stderr).not.toContain('MIIE');
  });
});

describe('a key given twice in the config', () => {
  it('config set refuses it (exit 3, naming the key and its path) rather than rewrite the file without one of them', async () => {
    const { dir, file } = project({});
    const text = '{"profiles": {"prod": {"gateway": "sandbox", "gateway": "production"}}}';
    writeFileSync(file, text);
    const r = await runInProcess(['-c', file, 'config', 'set', 'timeoutMs', '5'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('profiles.prod.gateway: this key is given twice in its object');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('the file config init writes: the one config set writes (-c, else the config found from here, else the per-user file), or --file', () => {
  const answers = (name: string) => [name, '2021000000000003', 'sandbox', 'RSA2', 'utf-8', 'keys/app.pem', 'key', 'later'];
  /** The command the last line of `config init` suggests, with `keys check` as printed. */
  const suggested = (stderr: string) => /Check it with: (alipay-card .*) keys check/.exec(stderr)?.[1];
  /** Runs what was suggested, `config show` in place of `keys check`, from `cwd`: the profile it reads. */
  const profileReadBy = async (command: string, cwd: string) => {
    const args = (command.match(/'[^']*'|\S+/g) ?? []).slice(1).map((word) => word.replace(/^'(.*)'$/, '$1'));
    return (JSON.parse((await runInProcess([...args, 'config', 'show', '--json'], { cwd })).stdout) as { profile: string; configFile: string });
  };

  it('the config found from the working directory, not ~/.config (where -p newp then said "not in …/.alipay-cardrc.json")', async () => {
    const { dir, file, read } = project({ profiles: { prod: PROD } });
    const r = await runInProcess(['config', 'init'], { cwd: dir, prompter: scriptedPrompter(answers('newp')) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Wrote profile newp to ${file}`);
    expect(suggested(r.stderr)).toBe('alipay-card -p newp');
    expect(r.stderr).toContain('then run: alipay-card -p newp config set alipayPublicKeyFile <file>');
    expect(Object.keys(read().profiles as object)).toEqual(['prod', 'newp']);
    expect(await profileReadBy(suggested(r.stderr)!, dir)).toMatchObject({ profile: 'newp', configFile: file });
  });

  it('-c <file>: that file, created; the command suggested names it, so it works from here', async () => {
    const { dir } = project({ profiles: { prod: PROD } });
    const other = join(mkdtempSync(join(tmpdir(), 'alipay-card-other-')), 'my config.json');
    const r = await runInProcess(['-c', other, 'config', 'init'], { cwd: dir, prompter: scriptedPrompter(answers('newp')) });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(other, 'utf8'))).toMatchObject({ profiles: { newp: { appId: '2021000000000003' } } });
    expect(suggested(r.stderr)).toBe(`alipay-card -c '${other}' -p newp`);
    expect(await profileReadBy(suggested(r.stderr)!, dir)).toMatchObject({ profile: 'newp', configFile: other });
  });

  it('--file of a file commands do not find from here: the suggestion names it with -c', async () => {
    const { dir } = project({ profiles: { prod: PROD } });
    mkdirSync(join(dir, 'elsewhere'));
    const r = await runInProcess(['config', 'init', '--file', 'elsewhere/c.json'], { cwd: dir, prompter: scriptedPrompter(answers('newp')) });
    expect(r.code).toBe(0);
    expect(suggested(r.stderr)).toBe(`alipay-card -c ${join(dir, 'elsewhere/c.json')} -p newp`);
  });

  it('a config found from here that cannot be read does not fail the init of another file: the suggestion names the file written', async () => {
    const { dir, file } = project({});
    writeFileSync(file, '{"profiles": ');
    mkdirSync(join(dir, 'elsewhere'));
    const r = await runInProcess(['config', 'init', '--file', 'elsewhere/c.json'], { cwd: dir, prompter: scriptedPrompter(answers('newp')) });
    expect(r.code).toBe(0);
    expect(suggested(r.stderr)).toBe(`alipay-card -c ${join(dir, 'elsewhere/c.json')} -p newp`);
  });

  it('-c and --file naming two files is exit 2 before any question; naming one is that one', async () => {
    const { dir } = project({ profiles: { prod: PROD } });
    const two = await runInProcess(['-c', 'a.json', 'config', 'init', '--file', 'b.json'], { cwd: dir, prompter: scriptedPrompter([]) });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('name two different files');
    const one = await runInProcess(['-c', 'a.json', 'config', 'init', '--file', join(dir, 'a.json')], { cwd: dir, prompter: scriptedPrompter(answers('newp')) });
    expect(one.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'))).toMatchObject({ profiles: { newp: {} } });
  });
});

describe('config init finds out it cannot write the file before the first question', () => {
  it('a path under a file (--file /tmp/afile/config.json): exit 3 naming the file in the way, nothing asked', async () => {
    const { dir } = project({});
    writeFileSync(join(dir, 'afile'), '');
    const prompter = scriptedPrompter([]);
    const r = await runInProcess(['config', 'init', '--file', 'afile/config.json'], { cwd: dir, prompter });
    expect(prompter.asked).toEqual([]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${join(dir, 'afile/config.json')}: cannot write it: ${join(dir, 'afile')} is a file, not a folder`);
  });

  it('a directory at the path', async () => {
    const { dir } = project({});
    mkdirSync(join(dir, 'c.json'));
    const prompter = scriptedPrompter([]);
    const r = await runInProcess(['config', 'init', '--file', 'c.json'], { cwd: dir, prompter });
    expect(prompter.asked).toEqual([]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${join(dir, 'c.json')}: cannot read it: it is a directory`);
    expect(english(configWriteProblem(join(dir, 'c.json'))!)).toBe('it is a directory');
  });

  const readOnly = tmpfsUnavailable('a read-only XDG_CONFIG_HOME');
  (readOnly === undefined ? it : it.skip)('XDG_CONFIG_HOME on a read-only file system: exit 3 saying so, nothing asked', async () => {
    const mount = mountTmpfs(64) as string;
    try {
      execFileSync('mount', ['-o', 'remount,ro', mount]);
      const home = mkdtempSync(join(tmpdir(), 'alipay-card-ro-'));
      const prompter = scriptedPrompter([]);
      const r = await runInProcess(['config', 'init'], { cwd: home, env: { XDG_CONFIG_HOME: mount }, prompter });
      expect(prompter.asked).toEqual([]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`${join(mount, 'alipay-card/config.json')}: cannot write it: ${mount} is on a read-only file system`);
    } finally {
      execFileSync('umount', [mount]);
    }
  });

  // Permission errors cannot be provoked as root (tests may run as root): the access check is injected.
  it.each([
    ['EACCES', 'x/alipay-card/config.json', 'permission denied: cannot create {dir}/x/alipay-card (cannot write in {dir})'],
    ['EPERM', 'config.json', 'permission denied: cannot write in {dir}'],
  ])('%s names the folder that cannot be made or written in', (code, relative, reason) => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-denied-'));
    const problem = configWriteProblem(join(dir, relative), () => {
      throw Object.assign(new Error(code), { code });
    });
    expect(english(problem!)).toBe(reason.replaceAll('{dir}', dir));
  });
});

describe('one rule for what config init and config set create: a 16-digit app ID, a profile name of letters, digits and . _ -', () => {
  it('config set appId 123 is exit 2 (init refused it, set wrote it)', async () => {
    const config = { profiles: { prod: PROD } };
    const { dir, read } = project(config);
    const r = await runInProcess(['config', 'set', 'appId', '123'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config set appId: an app ID is 16 digits, e.g. 2021000000000000');
    expect(read()).toEqual(config);
  });

  it('-p "bad name/x" config set / config init is exit 2, nothing asked or written; a profile of that name already there is set as any other', async () => {
    const config = { defaultProfile: 'prod', profiles: { prod: PROD, 'my prod': {} } };
    const { dir, read } = project(config);
    const set = await runInProcess(['-p', 'bad name/x', 'config', 'set', 'appId', '2021000000000002'], { cwd: dir });
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('cannot create profile "bad name/x": a profile name has letters, digits and . _ - only');
    const prompter = scriptedPrompter([]);
    const init = await runInProcess(['-p', 'bad name/x', 'config', 'init', '--file', '.alipay-cardrc.json'], { cwd: dir, prompter });
    expect(init.code).toBe(2);
    expect(prompter.asked).toEqual([]);
    expect(read()).toEqual(config);
    expect((await runInProcess(['-p', 'my prod', 'config', 'set', 'timeoutMs', '5'], { cwd: dir })).code).toBe(0);
  });

  it("config init's questions hold the same rules", async () => {
    const { dir } = project({});
    const name = await runInProcess(['config', 'init', '--file', 'c.json'], { cwd: dir, prompter: scriptedPrompter(['bad name/x']) });
    expect(name.stderr).toContain('a profile name has letters, digits and . _ - only');
    const appId = await runInProcess(['config', 'init', '--file', 'c.json'], { cwd: dir, prompter: scriptedPrompter(['p', '123']) });
    expect(appId.stderr).toContain('an app ID is 16 digits');
  });

  it('config set --help lists lang among the settings', async () => {
    const r = await runInProcess(['config', 'set', '--help']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('timeoutMs; or lang (en, zh-CN)');
  });
});

describe('config show with no config file', () => {
  it('says the local gateway is in use only when it is (ALIPAY_APP_ID makes it the sandbox)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'alipay-card-none-'));
    const fromEnv = await runInProcess(['config', 'show', '-o', 'table'], { cwd, env: { ALIPAY_APP_ID: '2021000000000001' } });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toMatch(/gateway +sandbox/);
    expect(fromEnv.stdout).not.toContain('local gateway');
    expect(fromEnv.stdout).toContain('(none found: the values below come from flags, the environment and defaults)');
    const bare = await runInProcess(['config', 'show', '-o', 'table'], { cwd });
    expect(bare.stdout).toContain('(none found: using the local gateway)');
    expect(bare.stdout).toMatch(/gateway +local/);
  });
});
