import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentLanguage, languageArgument, localeLanguage, parseLanguage } from '../../../src/i18n/language.js';
import { language, local, useLanguage } from '../../../src/i18n/text.js';
import { commonText } from '../../../src/i18n/en/common.js';
import { zhCN } from '../../../src/i18n/zh-CN/index.js';
import { runInProcess } from '../cli/harness.js';

afterEach(() => useLanguage('en'));

describe('parseLanguage (--lang, config lang)', () => {
  it.each([
    ['en', 'en'], ['en-US', 'en'], ['EN_gb', 'en'],
    ['zh', 'zh-CN'], ['zh-CN', 'zh-CN'], ['zh_CN', 'zh-CN'], ['ZH-cn', 'zh-CN'], ['zh-Hans', 'zh-CN'],
  ])('%s is %s', (value, expected) => expect(parseLanguage(value)).toBe(expected));

  it.each(['fr', '', 'chinese', 'e'])('%j is no language we have', (value) => expect(parseLanguage(value)).toBeUndefined());
});

describe('the locale', () => {
  it.each([
    ['zh_CN.UTF-8', 'zh-CN'], ['zh_CN.GB18030', 'zh-CN'], ['zh_TW.UTF-8', 'zh-CN'], ['zh', 'zh-CN'],
    ['en_US.UTF-8', 'en'], ['fr_FR.UTF-8', 'en'], ['de_DE@euro', 'en'],
  ])('%s reads as %s', (value, expected) => expect(localeLanguage(value)).toBe(expected));

  it.each(['C', 'POSIX', 'C.UTF-8', 'C.utf8', ''])('%j names no language: the config decides', (value) => expect(localeLanguage(value)).toBeUndefined());

  it('LC_ALL, then LC_MESSAGES, then LANG: the first one set decides', () => {
    expect(environmentLanguage({ LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(environmentLanguage({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(environmentLanguage({ LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(environmentLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(environmentLanguage({ LC_ALL: 'C.UTF-8', LANG: 'zh_CN.UTF-8' })).toBeUndefined();
    expect(environmentLanguage({})).toBeUndefined();
  });
});

describe('languageArgument', () => {
  it('reads --lang <v> and --lang=<v> anywhere before --', () => {
    expect(languageArgument(['--lang', 'zh', 'card', 'open'])).toBe('zh');
    expect(languageArgument(['card', 'open', '--lang=zh-CN'])).toBe('zh-CN');
    expect(languageArgument(['card', 'open', '--', '--lang', 'zh'])).toBeUndefined();
    expect(languageArgument(['--lang'])).toBeUndefined();
  });
});

describe('choosing the language for a run', () => {
  const unknownOption = ['card', 'open', '--usr'];

  it('English by default, and commander says its own words', async () => {
    const result = await runInProcess(unknownOption);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: unknown option '--usr'");
    expect(language()).toBe('en');
  });

  it('LANG=zh_CN.UTF-8: Chinese, the exit code the same', async () => {
    const result = await runInProcess(unknownOption, { env: { LANG: 'zh_CN.UTF-8' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("错误：未知选项 '--usr'");
  });

  it('--lang beats the locale, both ways', async () => {
    expect((await runInProcess([...unknownOption, '--lang', 'zh-CN'], { env: { LANG: 'en_US.UTF-8' } })).stderr).toContain('未知选项');
    expect((await runInProcess(['--lang=en', ...unknownOption], { env: { LC_ALL: 'zh_CN.UTF-8' } })).stderr).toContain('unknown option');
  });

  it('a --lang that is no language is a usage error naming the valid ones', async () => {
    const result = await runInProcess(['--lang', 'fr', '--help']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--lang must be one of en, zh-CN, got "fr"');
    expect(result.stdout).toBe('');
  });

  describe('the config file', () => {
    const withConfig = (lang: unknown, env: Record<string, string> = {}) => {
      const dir = join(process.env.TMPDIR ?? '/tmp', `alipay-card-lang-${process.pid}-${Math.random().toString(36).slice(2)}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '.alipay-cardrc.json'), JSON.stringify({ lang, profiles: { default: { appId: '2021000000000000', gateway: 'local' } } }));
      return runInProcess(unknownOption, { cwd: dir, env });
    };

    it('its lang decides when the locale names no language (unset, C, POSIX, C.UTF-8)', async () => {
      expect((await withConfig('zh-CN')).stderr).toContain('未知选项');
      expect((await withConfig('zh-CN', { LANG: 'C.UTF-8' })).stderr).toContain('未知选项');
      expect((await withConfig('zh-CN', { LC_ALL: 'POSIX' })).stderr).toContain('未知选项');
    });

    it('a locale that names a language beats it', async () => {
      expect((await withConfig('zh-CN', { LANG: 'en_US.UTF-8' })).stderr).toContain('unknown option');
    });

    it('a lang that is no language is no choice: English', async () => {
      expect((await withConfig('klingon')).stderr).toContain('unknown option');
      expect((await withConfig(7)).stderr).toContain('unknown option');
    });
  });
});

describe('Text', () => {
  it('is English in machine places (message, JSON, template literals) and local for a person', () => {
    const text = commonText.langFlag({ valid: 'en, zh-CN', got: '"fr"' });
    useLanguage('zh-CN', zhCN);
    expect(String(text)).toBe('--lang must be one of en, zh-CN, got "fr"');
    expect(JSON.stringify({ text })).toBe('{"text":"--lang must be one of en, zh-CN, got \\"fr\\""}');
    expect(local(text)).toBe('--lang 只能是 en, zh-CN 之一，实际为 "fr"');
  });

  it('renders a Text parameter in the same language', () => {
    useLanguage('zh-CN', zhCN);
    const nested = commonText.labelled({ label: 'x', message: commonText.hintLabel() });
    expect(local(nested)).toBe('x提示：');
    expect(String(nested)).toBe('x hint:');
  });
});
