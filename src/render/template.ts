import { renderTablesText } from '../i18n/en/render-tables.js';
import { local, type Text } from '../i18n/text.js';
import { flatten } from './flatten.js';
import type { Style } from './style.js';
import { gridTable, keyValueTable } from './tables.js';

/** The sections of a card template (template query reference), in the order a person reads them. */
const SECTIONS: ReadonlyArray<readonly [string, Text]> = [
  ['template_style_info', renderTablesText.style()],
  ['template_benefit_info', renderTablesText.benefits()],
  ['column_info_list', renderTablesText.columns()],
  ['field_rule_list', renderTablesText.fieldRules()],
  ['open_card_conf', renderTablesText.openCardConf()],
  ['card_action_list', renderTablesText.actions()],
  ['card_level_confs', renderTablesText.levels()],
  ['mdcode_notify_conf', renderTablesText.mdcodeNotify()],
  ['pub_channels', renderTablesText.pubChannels()],
  ['shop_ids', renderTablesText.shops()],
];

const OVERVIEW = ['template_id', 'card_type', 'biz_no_prefix', 'biz_no_suffix_len', 'write_off_type', 'card_spec_tag', 'service_label_list'];
const SKIP = new Set(['code', 'msg', 'sub_code', 'sub_msg', ...OVERVIEW, ...SECTIONS.map(([k]) => k)]);

/** Every non-empty section of a template query node; anything unknown still shows, under Other. */
/** `where` qualifies the first table's title (the local gateway). */
export function renderTemplate(node: Record<string, unknown>, style: Style, width?: number, where?: string): string {
  const out: string[] = [];
  const overview = OVERVIEW.flatMap((k) => flatten(node[k], k));
  if (overview.length > 0) out.push(keyValueTable(local(renderTablesText.template({ where: where ?? '' })), overview, style, width));
  for (const [key, titleText] of SECTIONS) {
    const title = local(titleText);
    const value = node[key];
    if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
      const grid = recordsGrid(title, value, style, width);
      if (grid) {
        out.push(grid);
        continue;
      }
      value.forEach((item, i) => {
        const rows = flatten(item);
        if (rows.length > 0) out.push(keyValueTable(local(renderTablesText.sectionItem({ title, index: i + 1, count: value.length })), rows, style, width));
      });
    } else {
      const rows = flatten(value, Array.isArray(value) ? key : '');
      if (rows.length > 0) out.push(keyValueTable(title, rows, style, width));
    }
  }
  const other = Object.entries(node).filter(([k]) => !SKIP.has(k)).flatMap(([k, v]) => flatten(v, k));
  if (other.length > 0) out.push(keyValueTable(local(renderTablesText.other()), other, style, width));
  return out.join('\n');
}

/** A list of flat records (every value a scalar) as one grid, when it fits the terminal. */
function recordsGrid(title: string, items: unknown[], style: Style, width?: number): string | undefined {
  const records = items.filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object' && !Array.isArray(item));
  if (records.length !== items.length) return undefined;
  if (records.some((r) => Object.values(r).some((v) => v !== null && typeof v === 'object'))) return undefined;
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const rows = records.map((r) => keys.map((k) => (r[k] === undefined || r[k] === null ? '' : String(r[k]))));
  return gridTable(title, keys, rows, style, width);
}
