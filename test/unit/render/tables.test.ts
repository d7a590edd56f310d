import { readFileSync } from 'node:fs';
import stringWidth from 'string-width';
import { renderIssuedCard } from '../../../src/render/card.js';
import { flatten } from '../../../src/render/flatten.js';
import { loadStyle, type Style } from '../../../src/render/style.js';
import { gridTable, keyValueTable } from '../../../src/render/tables.js';
import { renderTemplate } from '../../../src/render/template.js';
import { wrapToWidth } from '../../../src/render/wrap.js';

const everySection = JSON.parse(readFileSync('test/fixtures/templates/every-section.json', 'utf8')) as Record<string, unknown>;
const SGR = /\u001b\[[0-9;]*m/g;

/**
 * Renders with colour and without. The coloured text must be the plain text plus whole SGR
 * sequences and nothing else: no sequence cut in two (`biz_no_suffix_len^[[` with `39m` on a row of
 * its own), no row added. Every line fits 80 columns. Returns the plain text.
 */
async function renderBothWays(render: (style: Style) => string): Promise<string> {
  const coloured = render(await loadStyle(true));
  const plain = render(await loadStyle(false));
  expect(coloured).toContain('\u001b[36m');
  expect(coloured.replace(SGR, '')).toBe(plain);
  for (const line of plain.split('\n')) {
    expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(line).not.toContain('\u001b');
  }
  return plain;
}

/** The table's rows as cells, borders removed. */
function cells(text: string): string[][] {
  return text.split('\n').filter((l) => l.startsWith('│')).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
}

describe('tables with colour', () => {
  it('renders a template with every section in colour within 80 columns, no escape sequence split', async () => {
    const rows = cells(await renderBothWays((style) => renderTemplate(everySection, style)));
    // Keys past the old ~15-column limit stay on one row, beside their value.
    for (const [key, value] of [['biz_no_suffix_len', '10'], ['service_label_list', 'HUABEI_FUWU'], ['front_text_list_enable', 'false'], ['column_info_layout', 'list'], ['more_info.params', '{}'], ['level_show_name', '白金会员']]) {
      expect(rows).toContainEqual([key, value]);
    }
  });

  it('renders an issued card in colour with external_card_no on one row', async () => {
    const node = { code: '10000', msg: 'Success', card_info: { biz_card_no: 'DEMO0000000001', external_card_no: 'EXT-20240501-0001', open_date: '2024-05-01 09:30:00' } };
    expect(cells(await renderBothWays((style) => renderIssuedCard(node, '20240501093000-abc', style)))).toEqual([
      ['out_serial_no', '20240501093000-abc'],
      ['biz_card_no', 'DEMO0000000001'],
      ['external_card_no', 'EXT-20240501-0001'],
      ['open_date', '2024-05-01 09:30:00'],
    ]);
  });

  it('numbers list items from [0], as --set paths, problems and CSV columns do: a key copied from a table works there', () => {
    expect(flatten({ front_text_list: [{ label: 'a', value: 'b' }, { label: 'c', value: 'd' }], ids: ['1', '2'] })).toEqual([
      ['front_text_list[0].label', 'a'],
      ['front_text_list[0].value', 'b'],
      ['front_text_list[1].label', 'c'],
      ['front_text_list[1].value', 'd'],
      ['ids', '1\n2'],
    ]);
  });

  it('wraps a key wider than its column, each line coloured on its own', async () => {
    const key = 'open_card_conf.card_rights[1].detail_of_the_right';
    const rows = cells(await renderBothWays((style) => keyValueTable('T', [[key, 'x']], style)));
    expect(rows.map(([k]) => k).join('')).toBe(key);
    const coloured = keyValueTable('T', [[key, 'x']], await loadStyle(true));
    for (const line of coloured.split('\n').filter((l) => l.includes('\u001b[36m'))) expect(line).toMatch(/\u001b\[36m[^\u001b]+\u001b\[39m/);
  });

  it('wraps wide (CJK, emoji) values by display width and never truncates them', async () => {
    const value = '会员'.repeat(30) + '😀'.repeat(5);
    const rows = cells(await renderBothWays((style) => keyValueTable('T', [['level_desc', value]], style)));
    expect(rows.map(([, v]) => v).join('')).toBe(value);
  });

  it('shows control characters in values as escapes instead of sending them to the terminal', async () => {
    const plain = await renderBothWays((style) => keyValueTable('T', [['note', 'a\u001b[2Jb\rc']], style) + gridTable('G', ['k'], [['x\u001b]0;title\u0007']], style));
    expect(plain).toContain('a\\u001b[2Jb\\u000dc');
    expect(plain).toContain('x\\u001b]0;title\\u0007');
  });

  it('a grid in colour keeps its header and rows whole', async () => {
    const plain = await renderBothWays((style) => gridTable('Field rules', ['field_name', 'rule_name', 'rule_value'], [['ValidDate', 'DATE_IN_FUTURE', '24m']], style)!);
    expect(cells(plain)).toEqual([['field_name', 'rule_name', 'rule_value'], ['ValidDate', 'DATE_IN_FUTURE', '24m']]);
  });
});

describe('wrapToWidth', () => {
  it('counts display columns and keeps graphemes whole', () => {
    expect(wrapToWidth('abcdef', 4)).toEqual(['abcd', 'ef']);
    expect(wrapToWidth('中文字符', 5)).toEqual(['中文', '字符']);
    expect(wrapToWidth('a😀b', 2)).toEqual(['a', '😀', 'b']);
    expect(wrapToWidth('e\u0301e\u0301', 1)).toEqual(['e\u0301', 'e\u0301']);
    expect(wrapToWidth('a\nb', 5)).toEqual(['a', 'b']);
    expect(wrapToWidth('', 5)).toEqual(['']);
  });
});
