import { modifyTemplate, templateChanges } from '../../../src/cards/template-modify.js';
import { definitionOf } from '../../../src/cards/template-request.js';
import type { TemplateDefinition } from '../../../src/cards/template.js';
import { templateSample } from './samples.js';

function current(): TemplateDefinition {
  const { request_id: _r, ...definition } = definitionOf(templateSample());
  return definition as unknown as TemplateDefinition;
}

const request = (extra: Record<string, unknown>) => ({ request_id: 'm-1', template_id: 'T1', template_style_info: current().template_style_info, ...extra });

describe('template.modify on a template', () => {
  it('replaces the members given, keeps the rest, and keeps field rules and the number length as Alipay does', () => {
    const m = modifyTemplate(current(), request({ biz_no_prefix: 'NEW', field_rule_list: [], biz_no_suffix_len: '12' }));
    expect(m.problems).toEqual([]);
    expect(m.template.biz_no_prefix).toBe('NEW');
    expect(m.template.field_rule_list).toEqual(current().field_rule_list);
    expect(m.template.biz_no_suffix_len).toBe(current().biz_no_suffix_len);
    expect(m.unchangeable.map((u) => u.path)).toEqual(['field_rule_list', 'biz_no_suffix_len']);
    // The same number length as a number is no change.
    expect(modifyTemplate(current(), request({ biz_no_suffix_len: Number(current().biz_no_suffix_len) })).unchangeable).toEqual([]);
  });

  it('refuses what a modify cannot take: card_type, the query name of the levels, a removed shop, no style, a long request_id', () => {
    const m = modifyTemplate(current(), { request_id: 'x'.repeat(65), template_id: 'T1', card_type: 'OUT_MEMBER_CARD', card_level_confs: [], shop_ids: [] });
    expect(m.problems.map((p) => p.path)).toEqual(['request_id', 'card_type', 'card_level_confs', 'template_style_info', 'shop_ids']);
  });

  it('lists each changed leaf by its request path; levels under card_level_conf', () => {
    const next = modifyTemplate(current(), request({ card_level_conf: [{ ...current().card_level_confs![0]!, level_desc: '新' }] })).template;
    expect(templateChanges(current(), next)).toEqual([
      { path: 'card_level_conf[0].level_desc', from: '黄金会员享免费停车', to: '新' },
      { path: 'card_level_conf[1].level', from: 'VIP2', to: undefined },
      { path: 'card_level_conf[1].level_show_name', from: '铂金会员', to: undefined },
      { path: 'card_level_conf[1].level_icon', from: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', to: undefined },
      { path: 'card_level_conf[1].level_desc', from: '铂金会员享免费停车和洗车', to: undefined },
    ]);
    expect(templateChanges(current(), current())).toEqual([]);
  });
});
