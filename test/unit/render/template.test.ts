import { readFileSync } from 'node:fs';
import { renderTemplate } from '../../../src/render/template.js';
import { loadStyle } from '../../../src/render/style.js';

const node = JSON.parse(readFileSync('test/fixtures/templates/every-section.json', 'utf8')) as Record<string, unknown>;

/** Display width: CJK characters take two terminal columns. */
function columns(line: string): number {
  let n = 0;
  for (const ch of line) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

describe('renderTemplate', () => {
  it('renders every section of a template, each value present, within 80 columns', async () => {
    const text = renderTemplate(node, await loadStyle(false));
    for (const title of ['Template', 'Style', 'Benefits', 'Columns 1/2', 'Columns 2/2', 'Field rules', 'Open-card configuration', 'Actions', 'Levels 1/2', 'Levels 2/2', 'Dynamic code notification', 'Publishing channels', 'Shops']) {
      expect(text).toContain(title);
    }
    for (const value of ['花呗联名卡', '会员生日7折', 'DATE_IN_FUTURE', '24m', '生日当天享受8折优惠', 'TO_CLAIM_COUPON', '钻石会员', 'https://www.alipay.com/notify', 'SHOP_DETAIL', '2015122900077000000002409505', 'HUABEI_FUWU', 'CESHI_FUWU', 'bbb', 'A second feature description that']) {
      expect(text.replace(/\s*│\s*/g, ' ')).toContain(value);
    }
    const widest = Math.max(...text.split('\n').map(columns));
    expect(widest).toBeLessThanOrEqual(80);
  });

  it('shows a list of flat records as one grid, a row per record, and falls back to a table per record past 80 columns', async () => {
    const text = renderTemplate(node, await loadStyle(false));
    const lines = text.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/│ field_name +│ rule_name +│ rule_value +│/));
    expect(lines).toContainEqual(expect.stringMatching(/│ ValidDate +│ DATE_IN_FUTURE +│ 24m +│/));
    expect(text).not.toContain('Field rules 1/');
    const wide = { card_level_confs: [{ level: 'VIP1', level_desc: 'x'.repeat(90) }] };
    const fallback = renderTemplate(wide, await loadStyle(false));
    expect(fallback).toContain('Levels 1/1');
    expect(Math.max(...fallback.split('\n').map(columns))).toBeLessThanOrEqual(80);
  });

  it('omits empty sections', async () => {
    const text = renderTemplate({ code: '10000', msg: 'Success', card_type: 'OUT_MEMBER_CARD', card_level_confs: [], mdcode_notify_conf: {} }, await loadStyle(false));
    expect(text).toContain('OUT_MEMBER_CARD');
    expect(text).not.toContain('Levels');
    expect(text).not.toContain('Dynamic code');
  });
});
