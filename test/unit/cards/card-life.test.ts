import { validateCardDelete } from '../../../src/cards/card-delete.js';
import { alreadyDeletedDetail, deletedAsAsked, heldReason } from '../../../src/cards/deleted-already.js';
import { validateCardQuery } from '../../../src/cards/card-query.js';
import { applyCardUpdate, levelProblem, validateCardUpdate } from '../../../src/cards/card-update.js';
import { isModelPath, methodModel } from '../../../src/cards/method-fields.js';
import { cardOpenFields } from '../../../src/cards/card-open-fields.js';
import { CARD_UPDATE } from '../../../src/cards/card-update.js';

const card = { target_card_no: 'DEMO0000000001', target_card_no_type: 'BIZ_CARD' };
const update = (cardInfo: unknown, extra: Record<string, unknown> = {}) => ({ ...card, occur_time: '2024-05-01 10:00:00', card_info: cardInfo, ...extra });
const paths = (problems: Array<{ path: string; message: string }>) => problems.map((p) => `${p.path}: ${p.message}`);

describe('card query, update and delete: every field checked from its model, before anything is sent', () => {
  it.each([
    ['a 33-character card number', validateCardQuery({ ...card, target_card_no: '1'.repeat(33) }), 'target_card_no: must be at most 32 characters (it has 33)'],
    ['an unknown card number type', validateCardQuery({ ...card, target_card_no_type: 'QR' }), 'target_card_no_type: must be one of BIZ_CARD, D_QR_CODE, D_BAR_CODE, EXTERNAL_CARD'],
    ['a user id that is not one', validateCardQuery({ ...card, card_user_info: { user_uni_id: '123', user_uni_id_type: 'UID' } }), "card_user_info.user_uni_id: must be the user's Alipay user ID"],
    ['a member query does not have', validateCardQuery({ ...card, template: 'x' }), 'template: not a field of alipay.marketing.card.query (did you mean template_id?)'],
    ['a balance with three decimals', validateCardUpdate(update({ balance: '1.234' })), 'card_info.balance: must be an amount in yuan with two decimals'],
    ['points with a sign', validateCardUpdate(update({ point: '-5' })), 'card_info.point: must be a number with at most two decimals'],
    ['valid_date', validateCardUpdate(update({ point: '1', valid_date: '2030-01-01 00:00:00' })), 'card_info.valid_date: cannot be changed by card update'],
    ['open_date', validateCardUpdate(update({ point: '1', open_date: '2030-01-01 00:00:00' })), 'card_info.open_date: cannot be changed by card update'],
    ['a style with a template move', validateCardUpdate(update({ template_id: 'T2' }, { mcard_style_info: { bg_color: 'x' } })), 'mcard_style_info: must not be sent with card_info.template_id'],
    ['five front texts', validateCardUpdate(update({ front_text_list: Array.from({ length: 5 }, () => ({ label: 'a', value: 'b' })) })), 'card_info.front_text_list: must have at most 4 items (it has 5)'],
    ['a front text label of five characters', validateCardUpdate(update({ front_text_list: [{ label: '一二三四五', value: 'b' }] })), 'card_info.front_text_list[0].label: must be at most 4 characters (it has 5)'],
    ['a changed_point that is not a number', validateCardUpdate(update({ point: '1' }, { merchant_card_msg_info: { changed_point: 'ten' } })), 'merchant_card_msg_info.changed_point: must be a signed number of points'],
    ['a front text line left out before one given', validateCardUpdate(update({ front_text_list: Object.assign([], { 2: { label: 'a', value: 'b' } }) })), 'card_info.front_text_list[0]: missing: a list is numbered from [0] with no gap'],
    ['nothing to change', validateCardUpdate(update({})), 'card_info: nothing to change'],
    ['no occur_time', validateCardUpdate({ ...card, card_info: { point: '1' } }), 'occur_time: required'],
    ['notify_messages', validateCardUpdate(update({ point: '1' }, { notify_messages: [{ message_type: 'POINT_UPDATE' }] })), 'notify_messages: is not supported by Alipay any more'],
    ['a type update does not take', validateCardUpdate({ ...update({ point: '1' }), target_card_no_type: 'D_QR_CODE' }), 'target_card_no_type: must be one of BIZ_CARD'],
    ['no reason', validateCardDelete({ ...card, out_serial_no: 's' }), 'reason_code: required: one of USER_UNBUND, CANCEL, PRESENT'],
    ['an unknown reason', validateCardDelete({ ...card, out_serial_no: 's', reason_code: 'LOST' }), 'reason_code: must be one of USER_UNBUND, CANCEL, PRESENT'],
    ['a 33-character out_serial_no', validateCardDelete({ ...card, out_serial_no: 's'.repeat(33), reason_code: 'CANCEL' }), 'out_serial_no: must be at most 32 characters (it has 33)'],
  ])('%s', (_name, problems, expected) => {
    expect(paths(problems).some((p) => p.startsWith(expected))).toBe(true);
  });

  it('passes what the references allow', () => {
    expect(validateCardQuery({ ...card, target_card_no_type: 'EXTERNAL_CARD', card_user_info: { user_uni_id: '2088302463082075', user_uni_id_type: 'UID' }, template_id: 'T1' })).toEqual([]);
    expect(validateCardUpdate(update({ point: '88.5', balance: '0.00', level: 'VIP1', front_text_list: [{ label: '专业', value: '金融' }], mdcode_info: { code_status: 'SUCCESS', code_value: 'x', expire_time: '2030-01-01 00:00:00', time_stamp: 1496996459 } }, { merchant_card_msg_info: { changed_point: '-100' } }))).toEqual([]);
    expect(validateCardDelete({ ...card, out_serial_no: 's', reason_code: 'PRESENT', ext_info: '{"donee_user_id":"2088102130652460"}' })).toEqual([]);
  });

  it('a level the template does not define is named with the ones it does', () => {
    expect(levelProblem(['VIP1', 'VIP2'], 'VIP9', 'T1')).toEqual({ path: 'card_info.level', value: 'VIP9', message: 'must be a level of template T1: one of VIP1, VIP2' });
    expect(levelProblem([], 'ANY', 'T1')).toBeUndefined();
  });

  it('an update sets what it gives and keeps the dates and number', () => {
    const before = { biz_card_no: 'N1', open_date: '2024-01-01 00:00:00', valid_date: '2025-01-01 00:00:00', point: '1', level: 'VIP1' };
    expect(applyCardUpdate(before, { point: '2', open_date: 'x', biz_card_no: 'N2' })).toEqual({ ...before, point: '2' });
  });

  it('--set may write a member or a part of one, nothing else', () => {
    expect(isModelPath(CARD_UPDATE, 'card_info.front_text_list[0].label')).toBe(true);
    expect(isModelPath(CARD_UPDATE, 'card_info')).toBe(true);
    expect(isModelPath(CARD_UPDATE, '__proto__.polluted')).toBe(false);
    expect(isModelPath(CARD_UPDATE, 'card_info.pointx')).toBe(false);
  });
});

describe('the models are described when first read, not as the program loads', () => {
  it('a model calls its description once, on the first read of its fields', () => {
    let described = 0;
    const model = methodModel('alipay.example', () => {
      described += 1;
      return [{ path: 'a', description: 'A' }];
    });
    expect([model.method, described]).toEqual(['alipay.example', 0]);
    const first = model.fields;
    expect([first.map((f) => f.path), described, model.fields === first, described]).toEqual([['a'], 1, true, 1]);
  });

  it('card update and card open give the same members on every read', () => {
    expect(CARD_UPDATE.fields).toBe(CARD_UPDATE.fields);
    expect(cardOpenFields()).toBe(cardOpenFields());
    expect(cardOpenFields().filter((f) => f.prompt).map((f) => f.flag)).toEqual(['template-id', 'user-id', 'valid-date']);
  });
});

describe('CARD_IS_DELETED_ALREADY: which reason the card holds, and whether the delete asked is done', () => {
  it("reads the reason the local gateway names, and names none a state without it holds (not 'undefined')", () => {
    const named = alreadyDeletedDetail('C1', { at: '2024-05-01 09:30:00', reason_code: 'PRESENT', out_serial_no: 'D-0' });
    expect(named).toBe('card C1 was deleted at 2024-05-01 09:30:00 with reason_code PRESENT (out_serial_no D-0)');
    expect(heldReason(`会员卡已删除: ${named}`)).toBe('PRESENT');
    const unnamed = alreadyDeletedDetail('C1', { at: '2024-05-01 09:30:00' });
    expect(unnamed).toBe('card C1 was deleted at 2024-05-01 09:30:00');
    expect(heldReason(unnamed)).toBeUndefined();
  });

  it("a reason the gateway does not name (Alipay's own sub_msg) is the delete done for USER_UNBUND and PRESENT, not for CANCEL", () => {
    expect(['USER_UNBUND', 'PRESENT', 'CANCEL'].map((reason) => deletedAsAsked('会员卡已删除', reason))).toEqual([true, true, false]);
    expect(['USER_UNBUND', 'PRESENT', 'CANCEL'].map((reason) => deletedAsAsked('card C1 was deleted at x with reason_code CANCEL', reason))).toEqual([false, false, true]);
  });
});
