import { mapColumns } from '../../../src/batch/columns.js';
import { buildRowRequest, type RowContext } from '../../../src/batch/row-request.js';
import { templateRulesOf } from '../../../src/cards/template-rules.js';
import type { TemplateLookup } from '../../../src/batch/template-lookups.js';
import { DEMO_RULES, type FakeTemplate } from './fake-gateway.js';
import { Text } from '../../../src/i18n/text.js';
import { NOW } from './helpers.js';

/** A template as the lookup gives it: its ValidDate offset ('12m') and no other rule, or these rules and levels. */
function template(shape: string | undefined | FakeTemplate): TemplateLookup {
  const node = typeof shape === 'object' ? shape : { field_rule_list: shape ? [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: shape }] : [] };
  return { rules: templateRulesOf(node as Record<string, unknown>) };
}

function context(header: string[], templates: Record<string, TemplateLookup> = { T1: template('12m') }, extra: Partial<RowContext> = {}): RowContext {
  return {
    columns: mapColumns(header, { map: header.includes('会员') ? ['会员=user_uni_id'] : [] }),
    templateId: 'T1',
    batchId: '0123456789abcdef',
    templates: { lookUp: async (id) => templates[id] ?? { problem: `template query for ${id} failed: 40004 TEMPLATE_NOT_EXIT` } },
    ...extra,
  };
}

describe('one row to one card open request', () => {
  it("fills what the row leaves out as card open does, and says which values it filled", async () => {
    const r = await buildRowRequest({ row: 7, cells: ['2088302463082075', ' 张三 ', ''] }, context(['user_uni_id', 'name', 'level']), NOW);
    expect(r.problems).toEqual([]);
    expect(r.outSerialNo).toBe('0123456789abcdef00000007');
    expect(r.biz).toEqual({
      card_user_info: { user_uni_id: '2088302463082075', user_uni_id_type: 'UID' },
      member_ext_info: { name: '张三' },
      card_template_id: 'T1',
      out_serial_no: '0123456789abcdef00000007',
      card_ext_info: { open_date: '2024-05-01 09:30:00', external_card_no: '0123456789abcdef00000007', valid_date: '2025-05-01 09:30:00' },
    });
    expect(r.filled).toEqual({ open_date: '2024-05-01 09:30:00', valid_date: '2025-05-01 09:30:00' });
  });

  it('refuses a row whose front_text_list columns skip [0]: JSON would send null, which the gateway refuses', async () => {
    const r = await buildRowRequest({ row: 2, cells: ['2088302463082075', 'L', 'V'] }, context(['user_uni_id', 'front_text_list[1].label', 'front_text_list[1].value']), NOW);
    expect(r.problems.map((p) => [p.path, p.message])).toEqual([
      ['card_ext_info.front_text_list[0]', 'missing: a list is numbered from [0] with no gap, and this item was not given (it would be sent as null)'],
    ]);
  });

  it("keeps the row's own serial, dates, template and number types", async () => {
    const header = ['user_uni_id', 'out_serial_no', 'open_date', 'valid_date', 'card_template_id', 'mdcode_status', 'mdcode_time_stamp'];
    const r = await buildRowRequest({ row: 2, cells: ['2088302463082075', 'S-1', '2024-01-01 00:00:00', '2030-01-01 00:00:00', 'T9', 'FAIL_RETRY', '1496996459'] }, context(header, { T9: template(undefined) }), NOW);
    expect(r.problems).toEqual([]);
    expect(r.outSerialNo).toBe('S-1');
    expect(r.filled).toEqual({});
    expect(r.biz).toMatchObject({ card_template_id: 'T9', card_ext_info: { external_card_no: 'S-1', mdcode_info: { time_stamp: 1496996459 } } });
  });

  it('a row sent before is rebuilt with what was recorded, whatever the clock and the template say now', async () => {
    const sentBefore = { out_serial_no: 'recorded', open_date: '2024-01-01 08:00:00', valid_date: '2025-01-01 08:00:00' };
    const r = await buildRowRequest({ row: 3, cells: ['2088302463082075'] }, context(['user_uni_id'], { T1: template('24m') }), new Date('2030-01-01T00:00:00Z'), sentBefore);
    expect(r.outSerialNo).toBe('recorded');
    expect(r.biz.card_ext_info).toEqual({ open_date: '2024-01-01 08:00:00', external_card_no: 'recorded', valid_date: '2025-01-01 08:00:00' });
  });

  it('names the column, the value and what would be valid; a filled-in value by its field', async () => {
    const r = await buildRowRequest({ row: 4, cells: ['123', '1990-02-30', 'x'.repeat(70)] }, context(['会员', 'birth', 'out_serial_no']), NOW);
    expect(r.problems).toEqual([
      { row: 4, column: 'out_serial_no', path: 'out_serial_no', value: 'x'.repeat(70), message: 'must be at most 64 characters (it has 70)' },
      expect.objectContaining({ column: '会员', path: 'card_user_info.user_uni_id', value: '123' }),
      expect.objectContaining({ column: undefined, path: 'card_ext_info.external_card_no' }),
      expect.objectContaining({ column: 'birth', path: 'member_ext_info.birth', value: '1990-02-30' }),
    ]);
  });

  it('a value holding a control character (NUL, other C0, DEL) is a problem naming its column and the character; tab and line breaks are text', async () => {
    const header = ['user_uni_id', 'name', 'cell', 'level'];
    const r = await buildRowRequest({ row: 5, cells: ['2088302463082075', 'Zhang\u0000San', '130\u001b0000000', 'VIP1\u007f'] }, context(header), NOW);
    expect(r.problems).toEqual([
      { row: 5, column: 'name', path: 'member_ext_info.name', value: 'Zhang\u0000San', message: 'holds a control character, U+0000 (NUL), at character 6: remove it (a program that exported the file may have left it)', text: expect.any(Text) },
      expect.objectContaining({ row: 5, column: 'cell', path: 'member_ext_info.cell', message: expect.stringContaining('U+001B (ESC), at character 4') }),
      expect.objectContaining({ row: 5, column: 'level', path: 'card_ext_info.level', message: expect.stringContaining('U+007F (DEL), at character 5') }),
    ]);
    const ok = await buildRowRequest({ row: 6, cells: ['2088302463082075', 'Multi\r\nLine\tName', '', ''] }, context(header), NOW);
    expect(ok.problems).toEqual([]);
  });

  it("a control character in the member's auth_token names its column and the character, never the token", async () => {
    const r = await buildRowRequest({ row: 3, cells: ['2088302463082075', 'SECRETTOKEN\u0001Z'] }, context(['user_uni_id', 'auth_token']), NOW);
    expect(r.problems).toEqual([expect.objectContaining({ row: 3, column: 'auth_token', path: 'auth_token', value: '<redacted auth_token>', message: expect.stringContaining('U+0001 (SOH), at character 12') })]);
    expect(JSON.stringify(r.problems)).not.toContain('SECRETTOKEN');
  });

  it("a template with no ValidDate rule, or one that does not exist, is the row's problem", async () => {
    const none = await buildRowRequest({ row: 2, cells: ['2088302463082075'] }, context(['user_uni_id'], { T1: template(undefined) }), NOW);
    expect(none.problems).toEqual([expect.objectContaining({ path: 'card_ext_info.valid_date', message: expect.stringContaining('template T1 has no DATE_IN_FUTURE rule for ValidDate') })]);
    const missing = await buildRowRequest({ row: 2, cells: ['2088302463082075'] }, context(['user_uni_id'], {}), NOW);
    expect(missing.problems).toEqual([expect.objectContaining({ path: 'card_template_id', value: 'T1', message: 'template query for T1 failed: 40004 TEMPLATE_NOT_EXIT' })]);
  });

  it('a DATE_IN_FUTURE offset the tool cannot read is no ValidDate rule: the row needs a valid_date column, and says why', async () => {
    const r = await buildRowRequest({ row: 2, cells: ['2088302463082075'] }, context(['user_uni_id'], { T1: template('1y') }), NOW);
    expect(r.filled.valid_date).toBeUndefined();
    expect(r.problems).toEqual([expect.objectContaining({ path: 'card_ext_info.valid_date', message: "required: a valid_date column ('yyyy-MM-dd HH:mm:ss'), since template T1 has no DATE_IN_FUTURE rule for ValidDate with an offset like 12m or 365d" })]);
  });

  it('an empty user id cell is a problem of that cell; an auth_token cell goes to the request, not the biz', async () => {
    const r = await buildRowRequest({ row: 2, cells: ['', 'tok'] }, context(['user_uni_id', 'auth_token']), NOW);
    expect(r.problems).toEqual([expect.objectContaining({ column: 'user_uni_id', path: 'card_user_info.user_uni_id', message: expect.stringMatching(/^required/) })]);
    expect(r.authToken).toBe('tok');
    expect(JSON.stringify(r.biz)).not.toContain('tok');
  });
});

describe("one row against its template's field rules and levels", () => {
  const header = ['user_uni_id', 'level', 'point', 'balance'];
  const demo = () => context(header, { T1: template(DEMO_RULES) });

  it('a row with every field the template assigns from the request, and one of its levels, is valid', async () => {
    const r = await buildRowRequest({ row: 2, cells: ['2088302463082075', 'VIP2', '88', '124.89'] }, demo(), NOW);
    expect(r.problems).toEqual([]);
    // valid_date from the template's DATE_IN_FUTURE 24m.
    expect(r.biz.card_ext_info).toMatchObject({ level: 'VIP2', point: '88', balance: '124.89', valid_date: '2026-05-01 09:30:00' });
  });

  it('names the empty cells the template requires, and a level it does not define, by column and value', async () => {
    const r = await buildRowRequest({ row: 5, cells: ['2088302463082075', 'GOLD', '', ' '] }, demo(), NOW);
    expect(r.problems).toEqual([
      { row: 5, column: 'balance', path: 'card_ext_info.balance', value: undefined, message: 'required by the template: its field rule fills Balance from the request (ASSIGN_FROM_REQUEST)' },
      { row: 5, column: 'point', path: 'card_ext_info.point', value: undefined, message: 'required by the template: its field rule fills Point from the request (ASSIGN_FROM_REQUEST)' },
      { row: 5, column: 'level', path: 'card_ext_info.level', value: 'GOLD', message: 'must be a level of the template: one of VIP1, VIP2' },
    ]);
  });

  it('a field the file has no column for is named by its field', async () => {
    const r = await buildRowRequest({ row: 2, cells: ['2088302463082075', 'VIP1'] }, context(['user_uni_id', 'level'], { T1: template(DEMO_RULES) }), NOW);
    expect(r.problems.map((p) => [p.column, p.path])).toEqual([[undefined, 'card_ext_info.balance'], [undefined, 'card_ext_info.point']]);
  });

  it("one line per field: card open's own check of a value wins over the template's", async () => {
    const r = await buildRowRequest({ row: 2, cells: ['2088302463082075', 'L'.repeat(65), 'eighty', '1.234'] }, demo(), NOW);
    expect(r.problems.map((p) => p.path)).toEqual(['card_ext_info.level', 'card_ext_info.point', 'card_ext_info.balance']);
    expect(r.problems[0]!.message).not.toContain('level of the template');
  });

  it('a valid_date no later than open_date once the rules apply is a problem', async () => {
    // The template sets valid_date to now + 24m, before this row's own open_date.
    const r = await buildRowRequest({ row: 2, cells: ['2088302463082075', 'VIP1', '1', '1.00', '2030-01-01 00:00:00'] }, context([...header, 'open_date'], { T1: template(DEMO_RULES) }), NOW);
    expect(r.problems).toEqual([expect.objectContaining({ path: 'card_ext_info.valid_date', message: expect.stringContaining('must be after open_date (2030-01-01 00:00:00)') })]);
  });

  it("a row whose template does not exist is invalid, and still gets card open's own checks", async () => {
    const r = await buildRowRequest({ row: 3, cells: ['123', 'VIP1', '1', '1.00'] }, context(header, {}), NOW);
    expect(r.problems).toEqual([
      { row: 3, column: undefined, path: 'card_template_id', value: 'T1', message: 'template query for T1 failed: 40004 TEMPLATE_NOT_EXIT' },
      expect.objectContaining({ column: 'user_uni_id', path: 'card_user_info.user_uni_id', value: '123' }),
    ]);
  });

  it('a template id card open refuses is not looked up twice in the problems', async () => {
    const r = await buildRowRequest({ row: 2, cells: ['2088302463082075', 'T'.repeat(33)] }, context(['user_uni_id', 'card_template_id']), NOW);
    expect(r.problems).toEqual([expect.objectContaining({ column: 'card_template_id', path: 'card_template_id', value: 'T'.repeat(33) })]);
  });

  it('a row sent before is re-sent as recorded, not held to the template again (its card may exist)', async () => {
    const sentBefore = { out_serial_no: 'recorded', open_date: '2024-01-01 08:00:00', valid_date: '2025-01-01 08:00:00' };
    let lookups = 0;
    const ctx = context(header, { T1: template(DEMO_RULES) });
    const counting: RowContext = { ...ctx, templates: { lookUp: (id) => (lookups++, ctx.templates.lookUp(id)) } };
    const r = await buildRowRequest({ row: 3, cells: ['2088302463082075', 'VIP9', '', ''] }, counting, NOW, sentBefore);
    expect(r.problems).toEqual([]);
    expect(lookups).toBe(0);
  });
});
