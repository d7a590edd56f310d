import { mapColumns } from '../../../src/batch/columns.js';

const pathsOf = (header: string[], options = {}) => mapColumns(header, options).bindings.map((b) => [b.header, b.path]);

describe('CSV header to fields', () => {
  it.each([
    // The card open reference's own names.
    ['user_uni_id', 'card_user_info.user_uni_id'],
    ['user_uni_id_type', 'card_user_info.user_uni_id_type'],
    ['out_serial_no', 'out_serial_no'],
    ['card_template_id', 'card_template_id'],
    ['external_card_no', 'card_ext_info.external_card_no'],
    ['open_date', 'card_ext_info.open_date'],
    ['valid_date', 'card_ext_info.valid_date'],
    ['level', 'card_ext_info.level'],
    ['point', 'card_ext_info.point'],
    ['balance', 'card_ext_info.balance'],
    ['front_image_id', 'card_ext_info.front_image_id'],
    ['code_status', 'card_ext_info.mdcode_info.code_status'],
    ['time_stamp', 'card_ext_info.mdcode_info.time_stamp'],
    ['name', 'member_ext_info.name'],
    ['gende', 'member_ext_info.gende'],
    ['birth', 'member_ext_info.birth'],
    ['cell', 'member_ext_info.cell'],
    ['open_card_channel', 'open_card_channel'],
    // card open flag names, dashes as underscores, dropped, or kept; any case, spaces.
    ['member_name', 'member_ext_info.name'],
    ['membercell', 'member_ext_info.cell'],
    ['member-gender', 'member_ext_info.gende'],
    ['User ID', 'card_user_info.user_uni_id'],
    ['MDCODE_STATUS', 'card_ext_info.mdcode_info.code_status'],
    ['card_ext_template_id', 'card_ext_info.template_id'],
    // Full paths, and front text lines.
    ['member_ext_info.birth', 'member_ext_info.birth'],
    ['front_text_list[1].label', 'card_ext_info.front_text_list[1].label'],
    ['auth_token', 'auth_token'],
  ])('%s → %s', (header, path) => {
    expect(pathsOf([header])).toEqual([[header, path]]);
  });

  it('--map names any column, by a field or flag name, and wins over the header name', () => {
    expect(pathsOf(['会员ID', '手机号', 'name'], { map: ['会员ID=user_uni_id', '手机号=member_cell', 'name=level'] })).toEqual([
      ['会员ID', 'card_user_info.user_uni_id'], ['手机号', 'member_ext_info.cell'], ['name', 'card_ext_info.level'],
    ]);
  });

  it('unknown columns are an error naming each, unless --ignore-unknown-columns', () => {
    expect(() => mapColumns(['user_uni_id', '备注', 'notes'])).toThrow('unknown columns: "备注", "notes"');
    const map = mapColumns(['user_uni_id', '备注', ''], { ignoreUnknownColumns: true });
    expect(map.ignored).toEqual(['备注']);
  });

  it('a column with no name among named ones is refused by its position, not dropped with its values', () => {
    expect(() => mapColumns(['user_uni_id', '', 'level'])).toThrow('the header\'s column 2 (B) has no name');
    expect(() => mapColumns(['user_uni_id', ' ', 'level'], { ignoreUnknownColumns: true })).toThrow('column 2 (B) has no name');
    // Nameless cells that end the header are no columns (Excel leaves them where a column was cleared).
    expect(pathsOf(['user_uni_id', 'level', '', ''])).toEqual([['user_uni_id', 'card_user_info.user_uni_id'], ['level', 'card_ext_info.level']]);
  });

  it('template_id could mean two fields: it must be said which', () => {
    expect(() => mapColumns(['template_id'])).toThrow('column "template_id" could mean card_template_id or card_ext_info.template_id');
    expect(pathsOf(['template_id'], { map: ['template_id=card_template_id'] })).toEqual([['template_id', 'card_template_id']]);
  });

  it('two columns for one field, duplicate headers, and bad --map values are errors', () => {
    expect(() => mapColumns(['name', 'member_name'])).toThrow('columns "name" and "member_name" both fill member_ext_info.name');
    expect(() => mapColumns(['cell', 'cell'])).toThrow('two columns named "cell"');
    expect(() => mapColumns(['a'], { map: ['b=cell'] })).toThrow('the file has no column "b"');
    expect(() => mapColumns(['a'], { map: ['a=nonsense'] })).toThrow('no field named "nonsense"');
    expect(() => mapColumns(['a'], { map: ['a'] })).toThrow('expected column=field');
    expect(() => mapColumns(['foo'], { map: ['foo=member_cell', 'foo=name'] })).toThrow('--map maps the column "foo" twice: to member_ext_info.cell and to member_ext_info.name');
    // The same mapping said twice (a script that adds its own) is one.
    expect(pathsOf(['foo'], { map: ['foo=cell', 'foo=member_cell'] })).toEqual([['foo', 'member_ext_info.cell']]);
  });
});
