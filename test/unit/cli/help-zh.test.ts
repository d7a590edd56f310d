import stringWidth from 'string-width';
import { CARD_DELETE, DELETE_REASONS } from '../../../src/cards/card-delete.js';
import { CARD_QUERY } from '../../../src/cards/card-query.js';
import { CARD_UPDATE } from '../../../src/cards/card-update.js';
import { Text } from '../../../src/i18n/text.js';
import { runInProcess } from './harness.js';

const ZH = { LANG: 'zh_CN.UTF-8' };
const CJK = /\p{Script=Han}/u;
const exampleLines = (help: string) => help.split('\n').filter((line) => line.trimStart().startsWith('$') || line.startsWith('      --'));
/** The lines a person reads as prose: neither an example nor the usage line. */
const proseLines = (help: string) => help.split('\n').filter((line) => !exampleLines(help).includes(line) && !/^(Usage|用法)/.test(line));

describe('help in Chinese (LANG=zh_CN.UTF-8)', () => {
  it('card open --help: the description, fields, notes and exit codes in Chinese; the examples as they are', async () => {
    const zh = await runInProcess(['card', 'open', '--help'], { env: { ...ZH, COLUMNS: '200' } });
    const en = await runInProcess(['card', 'open', '--help'], { env: { COLUMNS: '200' } });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('开一张会员卡；在终端上会提示输入缺少的必填字段');
    expect(zh.stdout).toContain('card_template_id：会员卡模板 ID（创建模板时返回的 template_id）');
    expect(zh.stdout).toContain('\n示例：\n');
    expect(zh.stdout).toContain('\n退出码：\n  0    成功\n');
    expect(zh.stdout).toMatch(/输入：字段自己的选项/);
    expect(exampleLines(zh.stdout)).toEqual(exampleLines(en.stdout));
    expect(exampleLines(zh.stdout).length).toBe(4);
  });

  it('the English help is unchanged: no Chinese but in the examples', async () => {
    const en = await runInProcess(['card', 'open', '--help'], { env: { COLUMNS: '200' } });
    expect(en.stdout).toContain('issue one membership card; prompts for missing required fields on a terminal');
    expect(en.stdout).toContain('card_template_id: membership card template ID (template_id from template creation)');
    expect(en.stdout).toContain('\nExamples:\n');
    expect(en.stdout).toContain('\nExit codes:\n  0    success\n');
    expect(proseLines(en.stdout).filter((line) => CJK.test(line))).toEqual([]);
  });

  it.each([
    [[]], [['card']], [['card', 'batch']], [['card', 'query']], [['card', 'update']], [['card', 'delete']], [['sign']], [['verify']],
    [['template', 'create']], [['template', 'modify']], [['image', 'upload']], [['form', 'set']], [['form', 'link']], [['member', 'serve']],
    [['keys', 'check']], [['config', 'set']], [['gateway', 'serve']], [['completion']], [['demo']],
  ])('%j --help has no English prose, and fits 60 columns outside the examples', async (words: string[]) => {
    const zh = await runInProcess([...words, '--help'], { env: { ...ZH, COLUMNS: '60' } });
    expect(zh.code).toBe(0);
    const prose = proseLines(zh.stdout);
    // Three lowercase words in a row is an English sentence left untranslated (code is single words).
    expect(prose.filter((line) => /(?<![-\w.])[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/.test(line.replace(/--?[\w-]+/g, '')))).toEqual([]);
    // A long code word (a path, a URL) may stand alone on a line, as in English.
    expect(prose.filter((line) => stringWidth(line) > 60 && / \S+ /.test(line.trim()) && CJK.test(line))).toEqual([]);
  });

  it('card batch --help at 100 columns aligns every description in one column', async () => {
    const zh = await runInProcess(['card', 'batch', '--help'], { env: { ...ZH, COLUMNS: '100' } });
    expect(zh.stdout).toContain('按 CSV 文件开卡、更新或删除会员卡');
    const options = zh.stdout.slice(zh.stdout.indexOf('选项：'), zh.stdout.indexOf('全局选项：')).split('\n').slice(1, -2);
    const column = options[0]!.indexOf('每行做什么');
    expect(options.length).toBeGreaterThan(16);
    for (const line of options) {
      // A flag, then its description from the column; or a description's next line, from the column.
      expect(line.slice(0, column)).toMatch(/^ {2}-\S.*? {2}$|^ +$/);
      expect(line[column]).not.toBe(' ');
      expect(stringWidth(line)).toBeLessThanOrEqual(100);
    }
  });

  it('an invalid --timeout or --max-attempts is refused in Chinese; in English as before', async () => {
    const zh = await runInProcess(['--timeout', '0', 'card', 'query', 'X', '--dry-run'], { env: ZH });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('--timeout 必须是 1 到 600000 之间的整数毫秒数（即不超过 10 分钟），实际为 "0"');
    const en = await runInProcess(['--timeout', '0', 'card', 'query', 'X', '--dry-run']);
    expect(en.stderr).toContain(`error: option '--timeout <ms>' argument '0' is invalid. --timeout must be a whole number of milliseconds from 1 to 600000 (10 minutes), got "0"`);
    const attempts = await runInProcess(['card', 'query', 'X', '--max-attempts', '11'], { env: ZH });
    expect(attempts.stderr).toContain('--max-attempts 必须是 1 到 10 之间的整数，实际为 "11"');
  });

  it('version says platform in Chinese; its JSON is the same in both', async () => {
    const zh = await runInProcess(['version', '-o', 'table'], { env: ZH });
    expect(zh.stdout).toContain(`\n平台 ${process.platform} ${process.arch}\n`);
    const [zhJson, enJson] = [await runInProcess(['version', '--json'], { env: ZH }), await runInProcess(['version', '--json'])];
    expect(zhJson.stdout).toBe(enJson.stdout);
  });

  it('an abbreviated option suggests the options it begins, in Chinese', async () => {
    const zh = await runInProcess(['card', 'open', '--user', '1'], { env: ZH });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain("错误：未知选项 '--user'\n（是否想用 --user-id 或 --user-id-type？）");
    const en = await runInProcess(['card', 'open', '--user', '1']);
    expect(en.stderr).toContain("error: unknown option '--user'\n(Did you mean --user-id or --user-id-type?)");
  });
});

describe('the help of the flags card query, update and delete derive from their models', () => {
  it.each([[CARD_QUERY, ['type']], [CARD_UPDATE, []], [CARD_DELETE, ['reason']]] as const)('%#: every flag\'s description is the model\'s, from the catalogue', (model, skipped) => {
    const flagged = model.fields.filter((f) => f.flag !== undefined && !skipped.includes(f.flag as never));
    expect(flagged.length).toBeGreaterThan(0);
    for (const field of flagged) expect(field.description).toBeInstanceOf(Text);
  });

  it('the reasons table is made of DELETE_REASONS, in each language', async () => {
    const rows = Object.entries(DELETE_REASONS).map(([code, meaning]) => `  ${code.padEnd(12)} ${meaning}`).join('\n');
    const en = await runInProcess(['card', 'delete', '--help']);
    expect(en.stdout).toContain(`\nReasons:\n${rows}\n`);
    const zh = await runInProcess(['card', 'delete', '--help'], { env: ZH });
    expect(zh.stdout).toContain('删除原因：\n  USER_UNBUND  会员解绑会员卡；之后可以再次绑定\n  CANCEL       账户注销；会员再也不能绑定这张会员卡\n');
  });
});
