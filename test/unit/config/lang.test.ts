import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, validateConfigFile } from '../../../src/config/index.js';
import { useLanguage } from '../../../src/i18n/text.js';
import { runInProcess } from '../cli/harness.js';
import { tempDir, vector, writeFiles } from './helpers.js';

// The config file's top-level `lang` (issue 15 item 3): the schema takes it, `config set lang`
// writes it beside defaultProfile, `config show` shows it; and config messages in Chinese.

const problemsOf = (raw: unknown) => {
  const result = validateConfigFile(raw);
  return result.ok ? [] : result.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
};

afterEach(() => useLanguage('en'));

describe('lang in the schema', () => {
  it.each([
    ['en', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['ZH_cn', 'zh-CN'],
    ['EN', 'en'],
  ])('takes %j as %j', (given, taken) => {
    const result = validateConfigFile({ lang: given, profiles: {} });
    expect(result).toMatchObject({ ok: true, value: { lang: taken } });
  });

  it.each<[unknown, string]>([
    ['fr', 'lang: expected "en" or "zh-CN" (zh, zh_CN and any case are taken too), got "fr"'],
    ['', 'lang: expected "en" or "zh-CN" (zh, zh_CN and any case are taken too), got ""'],
    [7, 'lang: expected "en" or "zh-CN" (zh, zh_CN and any case are taken too), got number 7'],
  ])('refuses %j, naming the field and the valid values', (lang, problem) => {
    expect(problemsOf({ lang, profiles: {} })).toEqual([problem]);
  });

  it('a typo of lang is an unknown key with a suggestion', () => {
    expect(problemsOf({ lnag: 'en', profiles: {} })).toEqual(['lnag: unknown key; did you mean "lang"?']);
  });

  it('loadConfig gives it as the language it names; a file with only lang and no profiles is no profile', async () => {
    const home = tempDir();
    writeFiles(home, { '.alipay-cardrc.json': { lang: 'zh_CN', profiles: {} } });
    const config = await loadConfig({ cwd: home, homeDir: home, env: {} });
    expect(config.lang).toBe('zh-CN');
    expect(config.profileName).toBe('default');
    // Nothing configured but the language: the local gateway, as with no file at all.
    expect(config.profile.gatewayUrl).toBeUndefined();
  });

  it('a bad lang is a config error (exit 3) naming the field', async () => {
    const home = tempDir();
    writeFiles(home, { '.alipay-cardrc.json': { lang: 'fr', profiles: { a: {} } } });
    const r = await runInProcess(['config', 'show'], { cwd: home, env: { LANG: 'C' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('lang: expected "en" or "zh-CN"');
  });
});

describe('config set lang', () => {
  it('writes lang at the top level of a new file, 0600, stored as the language it names', async () => {
    const home = tempDir();
    const r = await runInProcess(['config', 'set', 'lang', 'zh_CN', '--lang', 'en'], { cwd: home, env: { XDG_CONFIG_HOME: join(home, '.config') } });
    expect(r.code).toBe(0);
    const path = join(home, '.config/alipay-card/config.json');
    expect(r.stderr).toBe(`Set lang (the language of messages) to zh-CN in ${path}.\n`);
    expect(JSON.parse(r.stdout)).toEqual({ configFile: path, key: 'lang', value: 'zh-CN' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ lang: 'zh-CN', profiles: {} });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('leaves the profiles and defaultProfile as they are, and `config set` of a profile key keeps lang', async () => {
    const home = tempDir();
    writeFiles(home, { '.alipay-cardrc.json': { defaultProfile: 'sandbox', profiles: { sandbox: { appId: '2021000000000000' } } } });
    const path = join(home, '.alipay-cardrc.json');
    expect((await runInProcess(['config', 'set', 'lang', 'en'], { cwd: home })).code).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ defaultProfile: 'sandbox', lang: 'en', profiles: { sandbox: { appId: '2021000000000000' } } });
    expect((await runInProcess(['config', 'set', 'gateway', 'local'], { cwd: home })).code).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ defaultProfile: 'sandbox', lang: 'en', profiles: { sandbox: { appId: '2021000000000000', gateway: 'local' } } });
  });

  it('a value that is no language is exit 2, naming lang and the valid values, and writes nothing', async () => {
    const home = tempDir();
    const r = await runInProcess(['config', 'set', 'lang', 'fr'], { cwd: home, env: { XDG_CONFIG_HOME: join(home, '.config') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config set lang: expected "en" or "zh-CN" (zh, zh_CN and any case are taken too), got "fr"');
    expect(() => statSync(join(home, '.config/alipay-card/config.json'))).toThrow();
  });

  it('a --lang that names no language is reported in the language the run has without it: the locale\'s, the config\'s', async () => {
    const zh = await runInProcess(['--lang', 'fr', '--version'], { cwd: tempDir(), env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('错误：--lang 只能是 en, zh-CN 之一，实际为 "fr"');
    const home = tempDir();
    writeFiles(home, { '.alipay-cardrc.json': { lang: 'zh-CN', profiles: { a: {} } } });
    expect((await runInProcess(['--lang=xx', 'sign'], { cwd: home })).stderr).toContain('--lang 只能是 en, zh-CN 之一，实际为 "xx"');
    const en = await runInProcess(['--lang', 'fr', '--version'], { cwd: tempDir() });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('error: --lang must be one of en, zh-CN, got "fr"');
  });

  it('lang is among the settings a typo is matched against', async () => {
    const r = await runInProcess(['config', 'set', 'lnag', 'en'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean lang?');
  });

  it('the language it writes is the one the next command speaks when the locale names none', async () => {
    const home = tempDir();
    const env = { XDG_CONFIG_HOME: join(home, '.config') };
    expect((await runInProcess(['config', 'set', 'lang', 'zh-CN'], { cwd: home, env })).code).toBe(0);
    const r = await runInProcess(['config', 'use', 'nope'], { cwd: home, env: { ...env, LANG: 'C.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误：config use：');
    expect(r.stderr).toContain('中没有配置档案 "nope"');
  });
});

describe('config show and lang', () => {
  it('--json has lang (null when unset) after the keys it always had; the table has a lang row', async () => {
    const home = tempDir();
    writeFiles(home, { '.alipay-cardrc.json': { lang: 'zh-CN', profiles: { a: { appId: '2021000000000000', gateway: 'local' } } } });
    const json = await runInProcess(['config', 'show', '--json', '--lang', 'en'], { cwd: home });
    expect(json.code).toBe(0);
    const shown = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(shown)).toEqual(['configFile', 'profile', 'values', 'sources', 'lang']);
    expect(shown.lang).toBe('zh-CN');
    const table = await runInProcess(['config', 'show', '-o', 'table', '--lang', 'en'], { cwd: home });
    expect(table.stdout).toMatch(/^ {2}lang {9}zh-CN$/m);

    const none = tempDir();
    writeFiles(none, { '.alipay-cardrc.json': { profiles: { a: { appId: '2021000000000000' } } } });
    expect((JSON.parse((await runInProcess(['config', 'show', '--json'], { cwd: none })).stdout) as { lang: unknown }).lang).toBeNull();
    expect((await runInProcess(['config', 'show', '-o', 'table'], { cwd: none })).stdout).toMatch(/^ {2}lang {9}\(not set\)$/m);
  });
});

describe('config messages in Chinese', () => {
  const zh = { LANG: 'zh_CN.UTF-8' };

  it('a schema problem is said in Chinese under LANG=zh_CN.UTF-8, field names and values verbatim; exit code unchanged', async () => {
    const home = tempDir();
    writeFiles(home, { '.alipay-cardrc.json': { profiles: { a: { signType: 'rsa2', timeoutMs: 0 } } } });
    const path = join(home, '.alipay-cardrc.json');
    const en = await runInProcess(['config', 'show'], { cwd: home });
    const r = await runInProcess(['config', 'show'], { cwd: home, env: zh });
    expect(en.code).toBe(3);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe([
      `错误：${path}：2 个问题`,
      '  profiles.a.signType：应为 "RSA2" 或 "RSA"，实际为 "rsa2"；是否想用 "RSA2"？',
      '  profiles.a.timeoutMs：应为介于 1 到 600000 之间的整数毫秒数（10 分钟），实际为 0（数字）',
      '提示：所有配置项都列在 config.example.json 中（随 alipay-card 一同发布）；`alipay-card config init` 会写出一个有效的配置档案',
      '',
    ].join('\n'));
  });

  it('a missing profile, a key file that is not a key and a permission warning are Chinese too', async () => {
    const home = tempDir();
    const missing = await runInProcess(['-p', 'prod', 'config', 'show'], { cwd: home, env: zh });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('错误：要求使用配置档案 "prod"（选项 --profile），但没有找到配置文件');

    writeFiles(home, { 'k.pem': 'not a key!', '.alipay-cardrc.json': { profiles: { a: { appId: '2021000000000000', privateKeyFile: 'k.pem', gateway: 'local' } } } });
    const bad = await runInProcess(['sign', '--content', 'a=1'], { cwd: home, env: zh });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toBe([
      `错误：${join(home, 'k.pem')}：应为 RSA 私钥（PEM PKCS#1、PEM PKCS#8 或纯 base64），实际是不是 base64 的文本（第一个意外字符在第 1 行，第 10 列）`,
      '',
    ].join('\n'));

    // A file that cannot be read is named with the setting that names it.
    const gone = await runInProcess(['sign', '--content', 'a=1'], { cwd: home, env: { ...zh, ALIPAY_PRIVATE_KEY_FILE: 'gone.pem' } });
    expect(gone.stderr).toBe([
      `错误：无法读取 ${join(home, 'gone.pem')}：没有这个文件（ENOENT）`,
      '提示：由 ALIPAY_PRIVATE_KEY_FILE 设置；相对路径从工作目录解析',
      '',
    ].join('\n'));

    writeFiles(home, { 'k.pem': vector('app-private-key.pem') }, 0o644);
    const open = await runInProcess(['sign', '--content', 'a=1'], { cwd: home, env: zh });
    expect(open.code).toBe(0);
    expect(open.stderr).toContain(`警告：'${join(home, 'k.pem')}' 的权限 0644 过于开放：其中的机密其他用户也能读取；请运行 chmod 600 ${join(home, 'k.pem')}`);
  });

  it('an OS reason we name is said in Chinese, with its code', async () => {
    const r = await runInProcess(['-c', 'nowhere.json', 'config', 'show'], { cwd: tempDir(), env: zh });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('nowhere.json：没有这个文件（ENOENT）');
  });

  it('config show --json is byte-identical in English and Chinese; the table is Chinese', async () => {
    const home = tempDir();
    // Not-set rows and the local gateway's row have words in them: JSON keeps them English.
    writeFiles(home, { '.alipay-cardrc.json': { lang: 'en', profiles: { a: { gateway: 'local' } } } });
    const en = await runInProcess(['config', 'show', '--json'], { cwd: home, env: { LANG: 'en_US.UTF-8' } });
    const zhRun = await runInProcess(['config', 'show', '--json'], { cwd: home, env: zh });
    expect(en.code).toBe(0);
    expect(zhRun.code).toBe(0);
    expect(zhRun.stdout).toBe(en.stdout);
    // Values are data: null for one not set, the gateway's name.
    expect(en.stdout).toContain('"appId":null');
    expect(en.stdout).toContain('"gateway":"local"');

    const table = await runInProcess(['config', 'show', '-o', 'table'], { cwd: home, env: zh });
    expect(table.stdout).toContain('配置档案 a');
    expect(table.stdout).toContain('生效的值（机密信息已脱敏）');
    expect(table.stdout).toContain('local（内置的本地网关）');
    expect(table.stdout).toContain('在配置档案中设置 appId，或设置 ALIPAY_APP_ID');
  });

  it('config set and use speak Chinese on stderr; their JSON on stdout is the English run\'s', async () => {
    const run = async (env: Record<string, string>) => {
      const home = tempDir();
      writeFiles(home, { '.alipay-cardrc.json': { profiles: { a: {}, b: {} } } });
      const set = await runInProcess(['-p', 'a', 'config', 'set', 'appId', '2021000000000000', '--json'], { cwd: home, env });
      const use = await runInProcess(['config', 'use', 'b', '--json'], { cwd: home, env });
      return { home, set, use };
    };
    const en = await run({});
    const zhRun = await run(zh);
    expect(zhRun.set.stdout).toBe(en.set.stdout.replaceAll(en.home, zhRun.home));
    expect(zhRun.use.stdout).toBe(en.use.stdout.replaceAll(en.home, zhRun.home));
    expect(zhRun.set.stderr).toBe(`已在 ${join(zhRun.home, '.alipay-cardrc.json')} 中设置配置档案 a 的 appId。\n`);
    expect(zhRun.use.stderr).toBe(`默认配置档案现在是 b（${join(zhRun.home, '.alipay-cardrc.json')}）。\n`);
  });
});
