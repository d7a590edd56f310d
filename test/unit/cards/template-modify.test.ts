import { modifyRequestOf, modifyTemplate, templateChanges } from '../../../src/cards/template-modify.js';
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

  it('answers only for what the request brings: an image id the template holds already (a local state from before ids were checked) does not block a modify of its columns; the same id brought new does', () => {
    const held = current();
    held.template_style_info = { ...held.template_style_info, logo_id: 'logo.png' };
    const columns = modifyTemplate(held, { request_id: 'm-1', template_id: 'T1', template_style_info: held.template_style_info, biz_no_prefix: 'NEW' });
    expect(columns.problems).toEqual([]);
    const brought = modifyTemplate(current(), request({ template_style_info: { ...current().template_style_info, logo_id: 'logo.png' } }));
    expect(brought.problems.map((p) => p.path)).toEqual(['template_style_info.logo_id']);
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

  describe('a file with only the members to change (modifyRequestOf)', () => {
    it('lays an object over the current one member by member, and sends the style as it is when the file leaves it out', () => {
      const { request, problems } = modifyRequestOf(current(), { write_off_type: 'barcode' });
      expect(problems).toEqual([]);
      expect(request).toEqual({ write_off_type: 'barcode', template_style_info: current().template_style_info });
      const partial = modifyRequestOf(current(), { template_style_info: { card_show_name: '新会员卡', slogan: null } }).request;
      const { slogan: _s, ...style } = current().template_style_info;
      expect(partial.template_style_info).toEqual({ ...style, card_show_name: '新会员卡' });
      const next = modifyTemplate(current(), { ...partial, request_id: 'm-1', template_id: 'T1' });
      expect(next.problems).toEqual([]);
      expect(templateChanges(current(), next.template)).toEqual([
        { path: 'template_style_info.card_show_name', from: current().template_style_info.card_show_name, to: '新会员卡' },
        { path: 'template_style_info.slogan', from: '会员权益享不停', to: undefined },
      ]);
    });

    it('replaces a list whole (levels by their request name), and refuses null for a top-level member', () => {
      const levels = [{ level: 'VIP9', level_show_name: '九级', level_icon: 'I', level_desc: 'x' }];
      const { request, problems } = modifyRequestOf(current(), { card_level_conf: levels, column_info_list: [{ code: 'POINT' }], mdcode_notify_conf: null });
      expect(request.card_level_conf).toEqual(levels);
      expect(request.column_info_list).toEqual([{ code: 'POINT' }]);
      expect(request).not.toHaveProperty('mdcode_notify_conf');
      expect(problems.map((p) => [p.path, p.message])).toEqual([['mdcode_notify_conf', expect.stringContaining('a modify cannot remove a member')]]);
    });
  });
});
