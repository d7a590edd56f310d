import { mapColumns } from '../../../src/batch/columns.js';
import { buildRowRequest, type RowContext } from '../../../src/batch/row-request.js';
import type { ValidDateRule } from '../../../src/batch/template-valid-dates.js';
import { NOW } from './helpers.js';

function context(header: string[], rules: Record<string, ValidDateRule> = { T1: { offset: '12m' } }, extra: Partial<RowContext> = {}): RowContext {
  return {
    columns: mapColumns(header, { map: header.includes('会员') ? ['会员=user_uni_id'] : [] }),
    templateId: 'T1',
    batchId: '0123456789abcdef',
    validDates: { ruleFor: async (id) => rules[id] ?? { problem: `template query for ${id} failed: 40004 TEMPLATE_NOT_EXIT` } },
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

  it("keeps the row's own serial, dates, template and number types", async () => {
    const header = ['user_uni_id', 'out_serial_no', 'open_date', 'valid_date', 'card_template_id', 'mdcode_status', 'mdcode_time_stamp'];
    const r = await buildRowRequest({ row: 2, cells: ['2088302463082075', 'S-1', '2024-01-01 00:00:00', '2030-01-01 00:00:00', 'T9', 'FAIL_RETRY', '1496996459'] }, context(header), NOW);
    expect(r.problems).toEqual([]);
    expect(r.outSerialNo).toBe('S-1');
    expect(r.filled).toEqual({});
    expect(r.biz).toMatchObject({ card_template_id: 'T9', card_ext_info: { external_card_no: 'S-1', mdcode_info: { time_stamp: 1496996459 } } });
  });

  it('a row sent before is rebuilt with what was recorded, whatever the clock and the template say now', async () => {
    const sentBefore = { out_serial_no: 'recorded', open_date: '2024-01-01 08:00:00', valid_date: '2025-01-01 08:00:00' };
    const r = await buildRowRequest({ row: 3, cells: ['2088302463082075'] }, context(['user_uni_id'], { T1: { offset: '24m' } }), new Date('2030-01-01T00:00:00Z'), sentBefore);
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

  it("a template with no ValidDate rule, or one that does not exist, is the row's problem", async () => {
    const none = await buildRowRequest({ row: 2, cells: ['2088302463082075'] }, context(['user_uni_id'], { T1: { none: true } }), NOW);
    expect(none.problems).toEqual([expect.objectContaining({ path: 'card_ext_info.valid_date', message: expect.stringContaining('template T1 has no DATE_IN_FUTURE rule for ValidDate') })]);
    const missing = await buildRowRequest({ row: 2, cells: ['2088302463082075'] }, context(['user_uni_id'], {}), NOW);
    expect(missing.problems).toEqual([expect.objectContaining({ path: 'card_template_id', value: 'T1', message: 'template query for T1 failed: 40004 TEMPLATE_NOT_EXIT' })]);
  });

  it('an empty user id cell is a problem of that cell; an auth_token cell goes to the request, not the biz', async () => {
    const r = await buildRowRequest({ row: 2, cells: ['', 'tok'] }, context(['user_uni_id', 'auth_token']), NOW);
    expect(r.problems).toEqual([expect.objectContaining({ column: 'user_uni_id', path: 'card_user_info.user_uni_id', message: expect.stringMatching(/^required/) })]);
    expect(r.authToken).toBe('tok');
    expect(JSON.stringify(r.biz)).not.toContain('tok');
  });
});
