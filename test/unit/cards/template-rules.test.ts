import { deriveCardInfo, type TemplateDefinition } from '../../../src/cards/index.js';
import { checkAgainstTemplate, templateLevels, templateRuleProblems, templateRulesOf } from '../../../src/cards/template-rules.js';
import { demoTemplate } from '../../../src/cli/commands/demo.js';
import { definitionOf } from '../../../src/cards/template-request.js';
import { cardOpenSample } from './samples.js';

const NOW = new Date('2024-05-01T01:30:00Z');

describe('templateRulesOf', () => {
  it('reads the field rules and levels of a template.query node', () => {
    const rules = templateRulesOf(definitionOf(demoTemplate('r1')));
    expect(rules.field_rule_list?.map((r) => r.field_name)).toEqual(['Balance', 'Point', 'Level', 'ValidDate']);
    expect(templateLevels(rules)).toEqual([{ level: 'VIP1', name: '白金会员' }, { level: 'VIP2', name: '钻石会员' }]);
  });

  it('leaves out rules it cannot read instead of guessing (the gateway still answers for them)', () => {
    const rules = templateRulesOf({
      field_rule_list: [
        { field_name: 'Nickname', rule_name: 'CONST', rule_value: 'x' },
        { field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '2y' },
        { field_name: 'Point', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Point' },
        'not a rule',
      ],
      card_level_confs: [{ level_show_name: 'no level' }, { level: 'VIP1' }],
    });
    expect(rules.field_rule_list).toEqual([{ field_name: 'Point', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Point' }]);
    expect(templateLevels(rules)).toEqual([{ level: 'VIP1', name: 'VIP1' }]);
    expect(templateRulesOf({})).toEqual({ field_rule_list: [], card_level_confs: [] });
  });
});

describe('templateRuleProblems', () => {
  it("finds what the demo template's ASSIGN_FROM_REQUEST rules need, and levels it does not define", () => {
    const biz = cardOpenSample('T');
    delete biz.card_ext_info.balance;
    delete biz.card_ext_info.point;
    biz.card_ext_info.level = 'VIP9';
    expect(templateRuleProblems(templateRulesOf(definitionOf(demoTemplate('r2'))), biz, NOW).map((p) => p.path)).toEqual([
      'card_ext_info.balance', 'card_ext_info.point', 'card_ext_info.level',
    ]);
    biz.card_ext_info = { ...cardOpenSample('T').card_ext_info };
    expect(templateRuleProblems(templateRulesOf(definitionOf(demoTemplate('r2'))), biz, NOW)).toEqual([]);
  });

  it('is exactly what the local gateway refuses: the same function decides both', () => {
    const template = definitionOf(demoTemplate('r3')) as unknown as TemplateDefinition;
    const biz = cardOpenSample('T');
    delete biz.card_ext_info.level;
    const derived = deriveCardInfo(template, biz.card_ext_info, NOW);
    expect('problems' in derived && derived.problems).toEqual(templateRuleProblems(templateRulesOf(definitionOf(demoTemplate('r3'))), biz, NOW));
  });

  it('has nothing to say about a request with no card_ext_info object (validateCardOpen reports that)', () => {
    expect(templateRuleProblems(templateRulesOf(definitionOf(demoTemplate('r4'))), { card_ext_info: 'x' }, NOW)).toEqual([]);
  });
});

describe('checkAgainstTemplate', () => {
  const withoutValidDate = (mutate: (ext: Record<string, any>) => void = () => {}) => {
    const biz = cardOpenSample('T1');
    delete biz.card_ext_info.valid_date;
    mutate(biz.card_ext_info);
    return biz;
  };

  it("fills valid_date by the DATE_IN_FUTURE rule, then checks the request with it, without changing the request", () => {
    const biz = withoutValidDate();
    const check = checkAgainstTemplate(biz, templateRulesOf(definitionOf(demoTemplate('c1'))), NOW);
    expect(check).toEqual({ validDate: { value: '2026-05-01 09:30:00', offset: '24m' }, problems: [] });
    expect(biz.card_ext_info.valid_date).toBeUndefined();
  });

  it('a template with no readable ValidDate offset says why valid_date is missing, beside card open\'s own problem', () => {
    const node = { field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '1y' }] };
    const check = checkAgainstTemplate(withoutValidDate(), templateRulesOf(node), NOW);
    expect(check.validDate).toBeUndefined();
    expect(check.missingValidDateWhy).toBe('template T1 has no DATE_IN_FUTURE rule for ValidDate with an offset like 12m or 365d');
    expect(check.problems).toEqual([expect.objectContaining({ path: 'card_ext_info.valid_date', value: undefined })]);
  });

  it("adds the template's problems on paths card open's own check leaves alone; holdToRules false, or no template, only card open's", () => {
    const biz = withoutValidDate((ext) => {
      delete ext.point;
      ext.balance = '1.5.0';
    });
    const rules = templateRulesOf(definitionOf(demoTemplate('c2')));
    expect(checkAgainstTemplate(biz, rules, NOW).problems.map((p) => p.path)).toEqual(['card_ext_info.balance', 'card_ext_info.point']);
    expect(checkAgainstTemplate(biz, rules, NOW, { holdToRules: false }).problems.map((p) => p.path)).toEqual(['card_ext_info.balance']);
    expect(checkAgainstTemplate(biz, undefined, NOW).problems.map((p) => p.path)).toEqual(['card_ext_info.valid_date', 'card_ext_info.balance']);
  });
});
