import { validateCardOpen } from '../../../src/cards/card-open.js';
import { CARD_UPDATE, levelProblem } from '../../../src/cards/card-update.js';
import { DELETE_REASONS } from '../../../src/cards/card-delete.js';
import { deriveCardInfo } from '../../../src/cards/field-rules.js';
import { checkActivateUrlApply } from '../../../src/cards/member-form.js';
import { copyProblem, describeProblems, fieldProblem, problemText, withText, type FieldProblem } from '../../../src/cards/problems.js';
import { checkAgainstTemplate } from '../../../src/cards/template-rules.js';
import { validateTemplateCreate } from '../../../src/cards/template-request.js';
import type { TemplateDefinition } from '../../../src/cards/template.js';
import { cardsFieldsText } from '../../../src/i18n/en/cards-fields.js';
import { english, local, useLanguage } from '../../../src/i18n/text.js';
import { zhCN } from '../../../src/i18n/zh-CN/index.js';
import { cardOpenSample, templateSample } from './samples.js';

// Problems carry their message as data: the English `message` the gateway and results files
// carry never changes, and a person reads `problemText(p)` in their language.

const NOW = new Date('2024-01-31T02:00:00Z');

function openWith(ext: Record<string, unknown>): Record<string, unknown> {
  const biz = cardOpenSample('T1');
  Object.assign(biz.card_ext_info, ext);
  return biz;
}

function problemAt(problems: readonly FieldProblem[], path: string): FieldProblem {
  const found = problems.find((p) => p.path === path);
  if (found === undefined) throw new Error(`no problem at ${path} among ${problems.map((p) => p.path).join(', ')}`);
  return found;
}

function chinese<T>(read: () => T): T {
  useLanguage('zh-CN', zhCN);
  try {
    return read();
  } finally {
    useLanguage('en');
  }
}

describe('field problems in Chinese', () => {
  afterEach(() => useLanguage('en'));

  it('a too-long field: its English is as before, its Chinese says the same', () => {
    const problem = problemAt(validateCardOpen(openWith({ external_card_no: 'x'.repeat(70) })), 'card_ext_info.external_card_no');
    expect(problem.message).toBe('must be at most 64 characters (it has 70)');
    expect(chinese(() => local(problemText(problem)))).toBe('最多 64 个字符（实际有 70 个）');
    expect(local(problemText(problem))).toBe('must be at most 64 characters (it has 70)');
  });

  it('a bad timestamp: the shared format, composed into the sentence in each language', () => {
    const problem = problemAt(validateCardOpen(openWith({ valid_date: '2024-02-30 09:30:00' })), 'card_ext_info.valid_date');
    expect(problem.message).toBe("must be 'yyyy-MM-dd HH:mm:ss' (Asia/Shanghai), a date that exists, e.g. 2024-05-01 09:30:00");
    expect(chinese(() => local(problemText(problem)))).toBe("必须是 'yyyy-MM-dd HH:mm:ss' 格式的时间（Asia/Shanghai），且日期真实存在，例如 2024-05-01 09:30:00");
  });

  it('a level the template does not define, from card open and from card update', () => {
    const template = { ...templateSample(), card_level_confs: templateSample().card_level_conf, field_rule_list: [] } as unknown as TemplateDefinition;
    const derived = deriveCardInfo(template, { ...cardOpenSample('T1').card_ext_info, level: 'VIP9' }, NOW);
    const open = problemAt('problems' in derived ? derived.problems : [], 'card_ext_info.level');
    expect(open.message).toBe('must be a level of the template: one of VIP1, VIP2');
    expect(chinese(() => local(problemText(open)))).toBe('必须是模板定义的等级之一：VIP1, VIP2');

    const update = levelProblem(['VIP1', 'VIP2'], 'VIP9', 'T1')!;
    expect(chinese(() => local(problemText(update)))).toBe('必须是模板 T1 定义的等级之一：VIP1, VIP2');
  });

  it('describeProblems: every problem with its path, in the language chosen', () => {
    const problems = validateCardOpen(openWith({ external_card_no: 'x'.repeat(70), point: '1.234' }));
    const text = describeProblems(problems);
    expect(english(text)).toBe('card_ext_info.external_card_no: must be at most 64 characters (it has 70); card_ext_info.point: must be a number with at most two decimals, e.g. 88 or 88.5');
    expect(chinese(() => local(text))).toBe('card_ext_info.external_card_no：最多 64 个字符（实际有 70 个）；card_ext_info.point：必须是最多两位小数的数字，例如 88 或 88.5');
  });

  it('nested parts render in the same language: a required member, a value of the wrong kind, a JSON object', () => {
    const problems = validateCardOpen({ out_serial_no: true, card_user_info: [] });
    const said = chinese(() => problems.map((p) => local(problemText(p))));
    expect(said).toEqual(expect.arrayContaining([
      '必须是不超过 64 个字符的字符串，而不是布尔值',
      '必填：不超过 32 个字符的字符串',
      '必须是 JSON 对象，而不是数组',
    ]));
  });

  it('a template request under its own name for the levels says that name in Chinese too', () => {
    const biz = templateSample();
    biz.card_level_conf = [biz.card_level_conf[0], biz.card_level_conf[0]];
    const problem = problemAt(validateTemplateCreate(biz), 'card_level_conf[1].level');
    expect(problem.message).toBe('must be unique in card_level_conf');
    expect(chinese(() => local(problemText(problem)))).toBe('在 card_level_conf 中不能重复');
  });

  it('the reason a template cannot fill valid_date, the help of a method member, a delete reason', () => {
    const biz = cardOpenSample('T1');
    delete biz.card_ext_info.valid_date;
    const check = checkAgainstTemplate(biz, { field_rule_list: [], card_level_confs: [] }, NOW);
    expect(check.missingValidDateWhy).toBe('template T1 has no DATE_IN_FUTURE rule for ValidDate with an offset like 12m or 365d');
    expect(chinese(() => local(check.missingValidDateWhyText!))).toBe('模板 T1 没有为 ValidDate 设置偏移量形如 12m 或 365d 的 DATE_IN_FUTURE 规则');
    const occurTime = CARD_UPDATE.fields.find((f) => f.path === 'occur_time')!;
    expect(english(occurTime.description)).toBe("when the change happened, 'yyyy-MM-dd HH:mm:ss' (Asia/Shanghai), a date that exists, e.g. 2024-05-01 09:30:00 (default: now)");
    expect(chinese(() => local(occurTime.description))).toMatch(/^变更发生的时间，'yyyy-MM-dd HH:mm:ss' 格式的时间/);
    expect(chinese(() => local(DELETE_REASONS.CANCEL))).toBe('账户注销；会员再也不能绑定这张会员卡');
  });

  it('the Chinese never reaches machine output: message, JSON and deep equality are as before', () => {
    const problems = chinese(() => checkActivateUrlApply({ template_id: 'T1', callback: 'https://shop.example.com/card?x=1' }));
    expect(problems).toEqual([{ path: 'callback', value: 'https://shop.example.com/card?x=1', message: expect.stringMatching(/^must not have a query string/) }]);
    expect(JSON.stringify(problems[0])).toBe(JSON.stringify({ path: 'callback', value: 'https://shop.example.com/card?x=1', message: problems[0]!.message }));
    expect(chinese(() => local(problemText(problems[0]!)))).toMatch(/^不能带查询字符串/);
    // The local gateway writes `参数有误: ${describeProblems(problems)}` as sub_msg: English in any language.
    expect(chinese(() => `${describeProblems(problems)}`)).toBe(`callback: ${problems[0]!.message}`);
  });

  it('copyProblem keeps the text a spread would drop; a plain-string problem is itself', () => {
    const problem = fieldProblem('a', 1, cardsFieldsText.tooLong({ max: 4, length: 5 }));
    expect({ ...problem }.text).toBeUndefined();
    const moved = copyProblem(problem, { path: 'b' });
    expect(moved).toEqual({ path: 'b', value: 1, message: 'must be at most 4 characters (it has 5)' });
    expect(chinese(() => local(problemText(moved)))).toBe('最多 4 个字符（实际有 5 个）');
    const inRow = withText({ row: 3, ...problem }, problemText(problem));
    expect(inRow).toEqual({ row: 3, path: 'a', value: 1, message: 'must be at most 4 characters (it has 5)' });
    expect(chinese(() => local(problemText(inRow)))).toBe('最多 4 个字符（实际有 5 个）');
    expect(copyProblem(inRow, { value: undefined }).row).toBe(3);
    const plain = fieldProblem('c', undefined, 'as given');
    expect(problemText(plain)).toBe('as given');
  });
});
