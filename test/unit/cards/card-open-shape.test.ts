import { CARD_OPEN_PATHS, cardOpenFieldValue, cardOpenRows, isCardOpenPath, nearestCardOpenPath, normalizeCardOpenBiz } from '../../../src/cards/card-open-shape.js';
import { validateCardOpen } from '../../../src/cards/index.js';
import { cardOpenSample } from './samples.js';

describe('normalizeCardOpenBiz', () => {
  it('knows every member of the reference, and accepts its sample unchanged', () => {
    expect(CARD_OPEN_PATHS).toEqual(expect.arrayContaining([
      'out_serial_no', 'card_user_info.user_uni_id', 'card_ext_info.mdcode_info.time_stamp', 'card_ext_info.front_text_list[].label',
      'member_ext_info.gende', 'open_card_channel', 'open_card_channel_id',
    ]));
    const biz = cardOpenSample('T');
    const before = structuredClone(biz);
    expect(normalizeCardOpenBiz(biz)).toEqual([]);
    expect(biz).toEqual(before);
  });

  it('refuses members the API does not have, naming the nearest one that it has', () => {
    const biz = cardOpenSample('T');
    biz.card_ext_info.ponit = '5';
    biz.card_ext_info.front_text_list[0].lable = 'x';
    biz.member_ext_info.gender = 'MALE';
    biz.extra = 1;
    // In the order the members stand in the request.
    expect(normalizeCardOpenBiz(biz)).toEqual([
      { path: 'card_ext_info.front_text_list[0].lable', value: 'x', message: expect.stringContaining('did you mean card_ext_info.front_text_list[].label?') },
      { path: 'card_ext_info.ponit', value: '5', message: 'not a field of alipay.marketing.card.open (did you mean card_ext_info.point?)' },
      { path: 'member_ext_info.gender', value: 'MALE', message: expect.stringContaining('did you mean member_ext_info.gende?') },
      { path: 'extra', value: 1, message: expect.stringContaining('not a field of alipay.marketing.card.open') },
    ]);
  });

  it('sends String members as strings: a JSON number becomes its text', () => {
    const biz = cardOpenSample('T');
    biz.card_ext_info.point = 88.5;
    biz.card_user_info.user_uni_id = 2088302463082075;
    biz.card_ext_info.level = 1;
    expect(normalizeCardOpenBiz(biz)).toEqual([]);
    expect(biz.card_ext_info).toMatchObject({ point: '88.5', level: '1' });
    expect(biz.card_user_info.user_uni_id).toBe('2088302463082075');
    expect(validateCardOpen(biz)).toEqual([]);
  });

  it('refuses a JSON number for balance, whose trailing zeros JSON drops, saying to give it as a string', () => {
    const biz = cardOpenSample('T');
    biz.card_ext_info.balance = JSON.parse('100.00');
    expect(normalizeCardOpenBiz(biz)).toEqual([
      { path: 'card_ext_info.balance', value: 100, message: expect.stringContaining('give balance as a string, e.g. "100.00"') },
    ]);
  });

  it('refuses a whole number too long for JSON to keep exactly', () => {
    const biz = cardOpenSample('T');
    biz.out_serial_no = JSON.parse('20160627000000000001');
    expect(normalizeCardOpenBiz(biz)).toEqual([expect.objectContaining({ path: 'out_serial_no', message: expect.stringContaining('give it as a string') })]);
  });

  it('sends time_stamp, a Number in the reference, always as a JSON number', () => {
    const biz = cardOpenSample('T');
    biz.card_ext_info.mdcode_info = { code_status: 'FAIL_RETRY', time_stamp: '1496996459123' };
    expect(normalizeCardOpenBiz(biz)).toEqual([]);
    expect(JSON.stringify(biz.card_ext_info.mdcode_info)).toBe('{"code_status":"FAIL_RETRY","time_stamp":1496996459123}');
  });
});

describe('cardOpenFieldValue', () => {
  it('makes a time_stamp a number whenever a JSON number holds it exactly, whatever its length', () => {
    expect(cardOpenFieldValue('card_ext_info.mdcode_info.time_stamp', '1496996459')).toBe(1496996459);
    expect(cardOpenFieldValue('card_ext_info.mdcode_info.time_stamp', '9007199254740991')).toBe(9007199254740991);
    // Past 2^53 it stays text, and validateCardOpen says why it cannot be sent.
    expect(cardOpenFieldValue('card_ext_info.mdcode_info.time_stamp', '9007199254740993')).toBe('9007199254740993');
    expect(cardOpenFieldValue('card_ext_info.point', '88')).toBe('88');
  });
});

describe('isCardOpenPath and nearestCardOpenPath', () => {
  it.each([
    ['card_ext_info', true], ['card_ext_info.front_text_list[2]', true], ['card_ext_info.front_text_list[0].value', true],
    ['card_ext_info.ponit', false], ['__proto__.polluted', false], ['card_ext_info.point.x', false],
  ])('%s known: %p', (path, known) => {
    expect(isCardOpenPath(path)).toBe(known);
  });

  it('prefers a member with the same last name, wherever it is', () => {
    expect(nearestCardOpenPath('point')).toBe('card_ext_info.point');
    expect(nearestCardOpenPath('card_ext_info.cell')).toBe('member_ext_info.cell');
    expect(nearestCardOpenPath('card_user_info.user_id')).toBe('card_user_info.user_uni_id');
  });
});

describe('cardOpenRows', () => {
  it("lists every value in the reference's order, with the paths --set takes", () => {
    const rows = cardOpenRows({ member_ext_info: { cell: '13000000000' }, card_ext_info: { front_text_list: [{ value: '金融', label: '专业' }], mdcode_info: { time_stamp: 1 } }, out_serial_no: 'S' });
    expect(rows).toEqual([
      ['out_serial_no', 'S'],
      ['card_ext_info.mdcode_info.time_stamp', '1'],
      ['card_ext_info.front_text_list[0].label', '专业'],
      ['card_ext_info.front_text_list[0].value', '金融'],
      ['member_ext_info.cell', '13000000000'],
    ]);
  });
});
