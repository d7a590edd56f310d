import { batchAction } from '../../../src/batch/batch-action.js';
import { mapColumns } from '../../../src/batch/columns.js';
import { buildDeleteRow, buildUpdateRow } from '../../../src/batch/change-rows.js';
import { DuplicateSerials } from '../../../src/batch/duplicate-serials.js';
import { DELETE_FIELD_NAMES, UPDATE_FIELD_NAMES } from '../../../src/batch/field-names.js';
import type { RowContext } from '../../../src/batch/row-request.js';
import { batchIdOf } from '../../../src/batch/serial.js';
import { templateRulesOf } from '../../../src/cards/template-rules.js';
import { Text } from '../../../src/i18n/text.js';
import { NOW } from './helpers.js';

const LEVELS = { rules: templateRulesOf({ card_level_confs: [{ level: 'VIP1' }, { level: 'VIP2' }] }) };

function context(header: string[], action: 'update' | 'delete', extra: Partial<RowContext> = {}, map: string[] = []): RowContext {
  return {
    columns: mapColumns(header, { map, names: action === 'update' ? UPDATE_FIELD_NAMES : DELETE_FIELD_NAMES }),
    batchId: '0123456789abcdef',
    templates: { lookUp: async (id) => (id === 'T1' ? LEVELS : { problem: `template query for ${id} failed: 40004 TEMPLATE_NOT_EXIT` }) },
    ...extra,
  };
}

describe('update rows', () => {
  it('a CRM export (card number, points, balance as Excel saves it) becomes an update with occur_time now, recorded as filled', async () => {
    const r = await buildUpdateRow({ row: 2, cells: ['DEMO0000000001', '188', '100'] }, context(['会员卡号', '积分', '余额'], 'update', {}, ['会员卡号=target_card_no', '积分=point', '余额=balance']), NOW);
    expect(r.problems).toEqual([]);
    expect(r.outSerialNo).toBe('');
    expect(r.balanceNormalised).toBe(true);
    expect(r.biz).toEqual({ target_card_no: 'DEMO0000000001', card_info: { point: '188', balance: '100.00' }, target_card_no_type: 'BIZ_CARD', occur_time: '2024-05-01 09:30:00' });
    expect(r.filled).toEqual({ occur_time: '2024-05-01 09:30:00' });
  });

  it('a row sent before goes again with the occur_time it was sent with', async () => {
    const r = await buildUpdateRow({ row: 2, cells: ['C1', '5'] }, context(['biz_card_no', 'point'], 'update'), new Date('2030-01-01T00:00:00Z'), { out_serial_no: '', occur_time: '2024-01-01 08:00:00' });
    expect(r.biz.occur_time).toBe('2024-01-01 08:00:00');
  });

  it('takes the API names, the flag names and card_info paths; template_id moves the card (card_info.template_id)', () => {
    const columns = mapColumns(['card_no', 'changed-point', 'card_info.level', 'template_id', 'front_text_list[0].label'], { names: UPDATE_FIELD_NAMES });
    expect(columns.bindings.map((b) => b.path)).toEqual(['target_card_no', 'merchant_card_msg_info.changed_point', 'card_info.level', 'card_info.template_id', 'card_info.front_text_list[0].label']);
    expect(() => mapColumns(['card_no', 'open_date'], { names: UPDATE_FIELD_NAMES })).toThrow(/unknown column: "open_date"/);
  });

  it('every problem with its column: a bad point, a level the template lacks, nothing to change', async () => {
    const header = ['target_card_no', 'point', 'level'];
    const bad = await buildUpdateRow({ row: 3, cells: ['C1', '12.345', 'VIP9'] }, context(header, 'update', { templateId: 'T1' }), NOW);
    expect(bad.problems.map((p) => [p.column, p.path, p.message])).toEqual([
      ['point', 'card_info.point', expect.stringContaining('a number with at most two decimals')],
      ['level', 'card_info.level', 'must be a level of template T1: one of VIP1, VIP2'],
    ]);
    const nothing = await buildUpdateRow({ row: 4, cells: ['C1', '', ''] }, context(header, 'update'), NOW);
    expect(nothing.problems).toEqual([expect.objectContaining({ path: 'card_info', message: expect.stringMatching(/^nothing to change/) })]);
  });

  it('a level is checked against the template the row moves the card to, which must exist', async () => {
    const header = ['target_card_no', 'level', 'template_id'];
    expect((await buildUpdateRow({ row: 2, cells: ['C1', 'VIP2', 'T1'] }, context(header, 'update'), NOW)).problems).toEqual([]);
    const gone = await buildUpdateRow({ row: 2, cells: ['C1', 'VIP2', 'T404'] }, context(header, 'update'), NOW);
    expect(gone.problems).toEqual([expect.objectContaining({ column: 'template_id', path: 'card_info.template_id', message: expect.stringContaining('TEMPLATE_NOT_EXIT') })]);
  });

  it('one row per card: a later row for the same card is invalid, naming the first; a delete also refuses a repeated serial', () => {
    const update = batchAction('update');
    const updates = new DuplicateSerials(mapColumns(['biz_card_no', 'point'], { names: update.names }), update.unique);
    expect(updates.check({ row: 2, cells: ['C1', '1'] })).toBeUndefined();
    expect(updates.check({ row: 3, cells: ['C2', '1'] })).toBeUndefined();
    expect(updates.check({ row: 4, cells: [' C1 ', '2'] })).toEqual({ row: 4, column: 'biz_card_no', path: 'target_card_no', value: 'C1', message: expect.stringMatching(/^row 2 updates the same card/), text: expect.any(Text) });
    const remove = batchAction('delete');
    const deletes = new DuplicateSerials(mapColumns(['card_no', 'out_serial_no'], { names: remove.names }), remove.unique);
    expect(deletes.check({ row: 2, cells: ['C1', 'S1'] })).toBeUndefined();
    expect(deletes.check({ row: 3, cells: ['C2', 'S1'] })).toMatchObject({ path: 'out_serial_no', message: expect.stringMatching(/^row 2 has the same out_serial_no/) });
  });
});

describe('delete rows', () => {
  it('a serial derived from the batch and row, the reason from --reason where the row has none', async () => {
    const r = await buildDeleteRow({ row: 9, cells: ['C1', ''] }, context(['card_no', 'reason_code'], 'delete', { reason: 'USER_UNBUND' }), NOW);
    expect(r.problems).toEqual([]);
    expect(r.outSerialNo).toBe('0123456789abcdef00000009');
    expect(r.biz).toEqual({ out_serial_no: '0123456789abcdef00000009', target_card_no: 'C1', target_card_no_type: 'BIZ_CARD', reason_code: 'USER_UNBUND' });
  });

  it("keeps the row's serial and reason; an unknown reason and a missing one are named", async () => {
    const header = ['target_card_no', 'reason', 'out_serial_no'];
    const own = await buildDeleteRow({ row: 2, cells: ['C1', 'CANCEL', 'D-1'] }, context(header, 'delete'), NOW);
    expect([own.outSerialNo, own.biz.reason_code, own.problems]).toEqual(['D-1', 'CANCEL', []]);
    const wrong = await buildDeleteRow({ row: 3, cells: ['C2', 'LOST', ''] }, context(header, 'delete'), NOW);
    expect(wrong.problems).toEqual([expect.objectContaining({ column: 'reason', path: 'reason_code', value: 'LOST', message: expect.stringContaining('USER_UNBUND, CANCEL, PRESENT') })]);
    const none = await buildDeleteRow({ row: 4, cells: ['C3', '', ''] }, context(header, 'delete'), NOW);
    expect(none.problems).toEqual([expect.objectContaining({ column: 'reason', path: 'reason_code', value: undefined })]);
  });

  it('a card deleted before is done when it holds the row\'s reason, or one the gateway does not name unless the row asks CANCEL; another reason fails the row', () => {
    const done = batchAction('delete').doneBefore!;
    const deleted = (subMsg: string) => ({ sub_code: 'CARD_IS_DELETED_ALREADY', sub_msg: subMsg, retryable: false, autoRetry: false, throttled: false, error: undefined });
    const asking = (reason: string) => JSON.stringify({ out_serial_no: 'D-1', target_card_no: 'C1', target_card_no_type: 'BIZ_CARD', reason_code: reason });
    const local = deleted('会员卡已删除: card C1 was deleted at 2024-05-01 09:30:00 with reason_code USER_UNBUND (out_serial_no D-0)');
    const unsaid = deleted('会员卡已删除');
    expect([done(local, asking('USER_UNBUND')), done(local, asking('CANCEL')), done(local, asking('PRESENT'))]).toEqual([true, false, false]);
    expect([done(unsaid, asking('USER_UNBUND')), done(unsaid, asking('PRESENT')), done(unsaid, asking('CANCEL'))]).toEqual([true, true, false]);
  });

  it('a resent row keeps the serial it was sent with', async () => {
    const r = await buildDeleteRow({ row: 2, cells: ['C1'] }, context(['card_no'], 'delete', { reason: 'PRESENT' }), NOW, { out_serial_no: 'recorded' });
    expect(r.biz.out_serial_no).toBe('recorded');
  });
});

describe('the batch of each action', () => {
  it('an open batch keeps the id it always had; update and delete of the same file are batches of their own, as is another --reason', () => {
    const sha = 'a'.repeat(64);
    const open = batchIdOf(sha, { templateId: 'T1' });
    expect(batchIdOf(sha, { templateId: 'T1', action: 'open' })).toBe(open);
    const ids = new Set([open, batchIdOf(sha, { templateId: 'T1', action: 'update' }), batchIdOf(sha, { action: 'delete', reason: 'CANCEL' }), batchIdOf(sha, { action: 'delete', reason: 'PRESENT' })]);
    expect(ids.size).toBe(4);
  });

  it('columns every row needs are asked for once: the card for update and delete, a reason for delete', () => {
    const check = (action: 'update' | 'delete', header: string[], reason?: string) => () => batchAction(action).checkColumns(mapColumns(header, { names: batchAction(action).names }), { reason });
    expect(check('update', ['point'])).toThrow(/no column for the card number \(target_card_no\)/);
    expect(check('delete', ['card_no'])).toThrow(/no reason: pass --reason/);
    expect(check('delete', ['card_no'], 'CANCEL')).not.toThrow();
  });
});
