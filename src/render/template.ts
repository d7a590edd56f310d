import { flatten } from './flatten.js';
import type { Style } from './style.js';
import { keyValueTable } from './tables.js';

/** The sections of a card template (template query reference), in the order a person reads them. */
const SECTIONS: ReadonlyArray<readonly [string, string]> = [
  ['template_style_info', 'Style'],
  ['template_benefit_info', 'Benefits'],
  ['column_info_list', 'Columns'],
  ['field_rule_list', 'Field rules'],
  ['open_card_conf', 'Open-card configuration'],
  ['card_action_list', 'Actions'],
  ['card_level_confs', 'Levels'],
  ['mdcode_notify_conf', 'Dynamic code notification'],
  ['pub_channels', 'Publishing channels'],
  ['shop_ids', 'Shops'],
];

const OVERVIEW = ['template_id', 'card_type', 'biz_no_prefix', 'biz_no_suffix_len', 'write_off_type', 'card_spec_tag', 'service_label_list'];
const SKIP = new Set(['code', 'msg', 'sub_code', 'sub_msg', ...OVERVIEW, ...SECTIONS.map(([k]) => k)]);

/** Every non-empty section of a template query node; anything unknown still shows, under Other. */
export function renderTemplate(node: Record<string, unknown>, style: Style): string {
  const out: string[] = [];
  const overview = OVERVIEW.flatMap((k) => flatten(node[k], k));
  if (overview.length > 0) out.push(keyValueTable('Template', overview, style));
  for (const [key, title] of SECTIONS) {
    const value = node[key];
    if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
      value.forEach((item, i) => {
        const rows = flatten(item);
        if (rows.length > 0) out.push(keyValueTable(`${title} ${i + 1}/${value.length}`, rows, style));
      });
    } else {
      const rows = flatten(value, Array.isArray(value) ? key : '');
      if (rows.length > 0) out.push(keyValueTable(title, rows, style));
    }
  }
  const other = Object.entries(node).filter(([k]) => !SKIP.has(k)).flatMap(([k, v]) => flatten(v, k));
  if (other.length > 0) out.push(keyValueTable('Other', other, style));
  return out.join('\n');
}
