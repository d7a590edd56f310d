import { validateCardOpen, type FieldProblem } from '../../../src/cards/index.js';

/** The reference's request sample, with the Chinese text its lengths were written for. */
function sample(): Record<string, any> {
  return {
    out_serial_no: '201606270000001',
    card_template_id: '20170308000000000058101000300045',
    card_user_info: { user_uni_id: '2088302463082075', user_uni_id_type: 'UID' },
    card_ext_info: {
      biz_card_no: '000001',
      external_card_no: 'EXT0001',
      open_date: '2014-02-20 21:20:46',
      valid_date: '2020-02-20 21:20:46',
      level: 'VIP1',
      point: '88',
      balance: '124.89',
      template_id: '20170308000000000058101000300045',
      mdcode_info: { code_status: 'SUCCESS', code_value: '1KFCDY0002', expire_time: '2017-06-09 16:25:53', time_stamp: 1496996459 },
      front_text_list: [{ label: '专业', value: '金融贸易' }],
      front_image_id: '9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED',
    },
    member_ext_info: { name: '李四', gende: 'MALE', birth: '2016-06-27', cell: '13000000000' },
    open_card_channel: '20161534000000000008863',
    open_card_channel_id: '2088123123123123',
  };
}

function problemsFor(mutate: (biz: Record<string, any>) => void): FieldProblem[] {
  const biz = sample();
  mutate(biz);
  return validateCardOpen(biz);
}

const paths = (problems: FieldProblem[]) => problems.map((p) => p.path);

describe('validateCardOpen', () => {
  it('accepts the reference sample', () => {
    expect(validateCardOpen(sample())).toEqual([]);
  });

  it('accepts the minimal request: required fields only', () => {
    const biz = sample();
    expect(
      validateCardOpen({
        out_serial_no: biz.out_serial_no,
        card_template_id: biz.card_template_id,
        card_user_info: biz.card_user_info,
        card_ext_info: { external_card_no: 'E1', open_date: '2024-02-29 00:00:00', valid_date: '2024-03-01 00:00:00' },
      }),
    ).toEqual([]);
  });

  it('reports every problem at once, each with its path, value and what would be valid', () => {
    const problems = problemsFor((b) => {
      delete b.out_serial_no;
      b.card_user_info.user_uni_id = '1088302463082075';
      b.card_ext_info.valid_date = '2013-02-30 00:00:00';
      b.member_ext_info.gende = 'M';
    });
    expect(paths(problems)).toEqual(['out_serial_no', 'card_user_info.user_uni_id', 'card_ext_info.valid_date', 'member_ext_info.gende']);
    expect(problems[1]).toEqual({ path: 'card_user_info.user_uni_id', value: '1088302463082075', message: expect.stringMatching(/16 digits starting with 2088/) });
    expect(problems[3]!.message).toBe('must be one of MALE, FEMALE');
  });

  it('refuses what is not an object', () => {
    expect(validateCardOpen('x')).toEqual([{ path: '', value: 'x', message: 'biz_content must be a JSON object' }]);
    expect(paths(validateCardOpen({}))).toEqual(['out_serial_no', 'card_template_id', 'card_user_info', 'card_ext_info']);
    expect(paths(problemsFor((b) => (b.card_ext_info = [])))).toEqual(['card_ext_info']);
  });

  it.each([
    ['out_serial_no', (b: any) => (b.out_serial_no = 'x'.repeat(65)), 'must be at most 64 characters (it has 65)'],
    ['card_template_id', (b: any) => (b.card_template_id = '1'.repeat(33)), 'must be at most 32 characters (it has 33)'],
    ['card_ext_info.external_card_no', (b: any) => delete b.card_ext_info.external_card_no, 'required: a string of at most 64 characters'],
    ['card_ext_info.level', (b: any) => (b.card_ext_info.level = 'L'.repeat(65)), 'must be at most 64 characters (it has 65)'],
    ['card_ext_info.front_image_id', (b: any) => (b.card_ext_info.front_image_id = 'i'.repeat(1025)), 'must be at most 1024 characters (it has 1025)'],
    ['member_ext_info.name', (b: any) => (b.member_ext_info.name = '名'.repeat(65)), 'must be at most 64 characters (it has 65)'],
    ['member_ext_info.cell', (b: any) => (b.member_ext_info.cell = '1'.repeat(33)), 'must be at most 32 characters (it has 33)'],
  ])('%s: length or presence', (path, mutate, message) => {
    expect(problemsFor(mutate)).toEqual([expect.objectContaining({ path, message })]);
  });

  it('counts characters, not bytes: a 4-character Chinese label fits String(4), a 5th does not', () => {
    expect(problemsFor((b) => (b.card_ext_info.front_text_list = [{ label: '会员等级', value: '金'.repeat(32) }]))).toEqual([]);
    expect(paths(problemsFor((b) => (b.card_ext_info.front_text_list = [{ label: '会员等级卡', value: '😀'.repeat(33) }])))).toEqual([
      'card_ext_info.front_text_list[0].label',
      'card_ext_info.front_text_list[0].value',
    ]);
  });

  it('reports an item left out before one given, which JSON would send as null and every gateway refuses', () => {
    const biz = sample();
    const lines: unknown[] = [];
    lines[1] = { label: '专业', value: '金融' };
    biz.card_ext_info.front_text_list = lines;
    expect(JSON.stringify(biz.card_ext_info.front_text_list)).toBe('[null,{"label":"专业","value":"金融"}]');
    expect(validateCardOpen(biz)).toEqual([
      expect.objectContaining({ path: 'card_ext_info.front_text_list[0]', value: undefined, message: expect.stringMatching(/^missing: a list is numbered from \[0\] with no gap/) }),
    ]);
  });

  it('allows at most four front_text_list lines', () => {
    const lines = Array.from({ length: 5 }, () => ({ label: 'a', value: 'b' }));
    expect(problemsFor((b) => (b.card_ext_info.front_text_list = lines))).toEqual([
      expect.objectContaining({ path: 'card_ext_info.front_text_list', message: 'must have at most 4 items (it has 5)' }),
    ]);
    expect(problemsFor((b) => (b.card_ext_info.front_text_list = lines.slice(0, 4)))).toEqual([]);
  });

  it.each(['2014-02-20', '2014-02-20T21:20:46', '2014-13-01 00:00:00', '2015-02-29 10:00:00', '2014-02-20 24:00:00', '20140220212046'])(
    'open_date %s is not a timestamp that exists',
    (value) => {
      expect(problemsFor((b) => (b.card_ext_info.open_date = value))).toEqual([
        expect.objectContaining({ path: 'card_ext_info.open_date', value, message: expect.stringContaining("'yyyy-MM-dd HH:mm:ss'") }),
      ]);
    },
  );

  it('wants valid_date after open_date', () => {
    expect(problemsFor((b) => (b.card_ext_info.valid_date = b.card_ext_info.open_date))).toEqual([
      expect.objectContaining({ path: 'card_ext_info.valid_date', message: 'must be after open_date (2014-02-20 21:20:46)' }),
    ]);
  });

  it.each([
    ['88', true], ['88.5', true], ['88.55', true], [88, true], ['0', true],
    ['88.555', false], ['-1', false], ['abc', false], ['1e3', false], ['', true],
  ])('point %p valid: %p', (point, valid) => {
    expect(problemsFor((b) => (b.card_ext_info.point = point)).length === 0).toBe(valid);
  });

  it.each([
    ['124.89', true], ['0.00', true], ['100.00', true],
    ['100', false], ['124.8', false], ['124.891', false], ['-1.00', false], [124.89, true],
  ])('balance %p valid: %p', (balance, valid) => {
    expect(problemsFor((b) => (b.card_ext_info.balance = balance)).length === 0).toBe(valid);
  });

  it.each(['208830246308207', '20883024630820755', '2088abcd63082075', ''])('user_uni_id %p is refused', (id) => {
    expect(paths(problemsFor((b) => (b.card_user_info.user_uni_id = id)))).toEqual(['card_user_info.user_uni_id']);
  });

  it('wants user_uni_id_type UID', () => {
    expect(problemsFor((b) => (b.card_user_info.user_uni_id_type = 'OPENID'))).toEqual([
      expect.objectContaining({ path: 'card_user_info.user_uni_id_type', message: 'must be one of UID' }),
    ]);
  });

  describe('mdcode_info', () => {
    it('needs code_value and expire_time only when code_status is SUCCESS', () => {
      expect(paths(problemsFor((b) => (b.card_ext_info.mdcode_info = { code_status: 'SUCCESS', time_stamp: 1 })))).toEqual([
        'card_ext_info.mdcode_info.code_value',
        'card_ext_info.mdcode_info.expire_time',
      ]);
      expect(problemsFor((b) => (b.card_ext_info.mdcode_info = { code_status: 'FAIL_RETRY', time_stamp: '1496996459' }))).toEqual([]);
    });

    it('checks the status enum, the expire_time format and a numeric time_stamp', () => {
      const problems = problemsFor((b) => (b.card_ext_info.mdcode_info = { code_status: 'DONE', expire_time: '2017-06-31 16:25:53', time_stamp: '14969x' }));
      expect(paths(problems)).toEqual(['card_ext_info.mdcode_info.code_status', 'card_ext_info.mdcode_info.expire_time', 'card_ext_info.mdcode_info.time_stamp']);
      expect(problems[0]!.message).toBe('must be one of SUCCESS, FAIL_RETRY, FAIL_NOT_RETRY');
      expect(paths(problemsFor((b) => delete b.card_ext_info.mdcode_info.time_stamp))).toEqual(['card_ext_info.mdcode_info.time_stamp']);
    });

    it('fits 1024 characters as JSON', () => {
      expect(paths(problemsFor((b) => (b.card_ext_info.mdcode_info.code_value = 'v'.repeat(128)))).length).toBe(0);
      const big = { code_status: 'FAIL_RETRY', time_stamp: 1, note: 'x'.repeat(1024) };
      expect(paths(problemsFor((b) => (b.card_ext_info.mdcode_info = big)))).toEqual(['card_ext_info.mdcode_info']);
    });
  });

  it.each(['2016-02-30', '2016/06/27', '2016-6-27'])('birth %s is not a yyyy-MM-dd date that exists', (birth) => {
    expect(paths(problemsFor((b) => (b.member_ext_info.birth = birth)))).toEqual(['member_ext_info.birth']);
  });

  it.each(['open_card_channel', 'open_card_channel_id'])('%s: at most 32 characters', (key) => {
    expect(problemsFor((b) => (b[key] = 'c'.repeat(32)))).toEqual([]);
    expect(problemsFor((b) => (b[key] = 'c'.repeat(33)))).toEqual([expect.objectContaining({ path: key, message: 'must be at most 32 characters (it has 33)' })]);
  });

  it('wants a time_stamp a JSON number carries exactly: whole, from 0 to 2^53 - 1', () => {
    const stamp = (time_stamp: unknown) => problemsFor((b) => (b.card_ext_info.mdcode_info = { code_status: 'FAIL_RETRY', time_stamp }));
    expect(stamp(9007199254740991)).toEqual([]);
    expect(stamp('9007199254740991')).toEqual([]);
    for (const bad of ['9007199254740993', '12345678901234567890', 1.5, -1]) {
      expect(stamp(bad)).toEqual([expect.objectContaining({ path: 'card_ext_info.mdcode_info.time_stamp', message: expect.stringContaining('9007199254740991') })]);
    }
  });

  it('refuses an object where a string belongs', () => {
    expect(problemsFor((b) => (b.card_ext_info.level = { v: 1 }))).toEqual([
      expect.objectContaining({ path: 'card_ext_info.level', message: 'must be a string of at most 64 characters, not an object' }),
    ]);
  });
});
