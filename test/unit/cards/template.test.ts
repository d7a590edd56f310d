import { validateTemplateCreate, validateTemplateQuery, type FieldProblem } from '../../../src/cards/index.js';
import { templateSample } from './samples.js';

function problemsFor(mutate: (biz: Record<string, any>) => void): FieldProblem[] {
  const biz = templateSample();
  mutate(biz);
  return validateTemplateCreate(biz);
}

const paths = (problems: FieldProblem[]) => problems.map((p) => p.path);

describe('validateTemplateCreate', () => {
  it('accepts the reference sample (Chinese text)', () => {
    expect(validateTemplateCreate(templateSample())).toEqual([]);
  });

  it('reports every required section at once', () => {
    expect(paths(validateTemplateCreate({}))).toEqual([
      'request_id',
      'card_type',
      'biz_no_suffix_len',
      'template_style_info',
      'column_info_list',
      'field_rule_list',
    ]);
  });

  it('has one card type, OUT_MEMBER_CARD', () => {
    expect(problemsFor((b) => (b.card_type = 'BOARDING_PASS'))).toEqual([
      { path: 'card_type', value: 'BOARDING_PASS', message: 'must be OUT_MEMBER_CARD, the only card type' },
    ]);
  });

  it.each([
    ['7', 'must be a whole number from 8 to 32'],
    ['33', 'must be a whole number from 8 to 32'],
    ['x', 'must be a whole number from 8 to 32'],
    ['29', 'must be at most 28: 32 minus the length of biz_no_prefix "prex"'],
  ])('biz_no_suffix_len %s: %s', (len, message) => {
    expect(problemsFor((b) => (b.biz_no_suffix_len = len))).toEqual([expect.objectContaining({ path: 'biz_no_suffix_len', message })]);
  });

  it('takes biz_no_suffix_len 8 and 32 (no prefix), and a number where the reference says String', () => {
    expect(problemsFor((b) => (b.biz_no_suffix_len = '8'))).toEqual([]);
    expect(problemsFor((b) => { delete b.biz_no_prefix; b.biz_no_suffix_len = 32; })).toEqual([]);
    expect(paths(problemsFor((b) => (b.biz_no_prefix = 'p'.repeat(11))))).toEqual(['biz_no_prefix']);
  });

  it('checks template_style_info fields', () => {
    const problems = problemsFor((b) => {
      b.template_style_info.card_show_name = '花呗联名会员卡花呗联名';
      delete b.template_style_info.logo_id;
      b.template_style_info.front_text_list_enable = 'yes';
      b.template_style_info.column_info_layout = 'table';
      b.template_style_info.banner_url = 'www.alipay.com';
    });
    expect(paths(problems)).toEqual([
      'template_style_info.card_show_name',
      'template_style_info.logo_id',
      'template_style_info.front_text_list_enable',
      'template_style_info.banner_url',
      'template_style_info.column_info_layout',
    ]);
  });

  it('checks benefits: required fields and an end after the start', () => {
    const problems = problemsFor((b) => {
      b.template_benefit_info[0].title = '消'.repeat(17);
      b.template_benefit_info[0].end_date = '2016-07-34 12:12:12';
    });
    expect(paths(problems)).toEqual(['template_benefit_info[0].title', 'template_benefit_info[0].end_date']);
    expect(paths(problemsFor((b) => (b.template_benefit_info[0].end_date = '2015-01-01 00:00:00')))).toEqual(['template_benefit_info[0].end_date']);
  });

  describe('column_info_list', () => {
    it('is required and non-empty', () => {
      expect(paths(problemsFor((b) => (b.column_info_list = [])))).toEqual(['column_info_list']);
    });

    it('refuses duplicated codes and a standard module that is not staticinfo', () => {
      const problems = problemsFor((b) => {
        b.column_info_list[1].code = 'BENEFIT_INFO';
        b.column_info_list[2].operate_type = 'openWeb';
      });
      expect(problems.map((p) => [p.path, p.message])).toEqual([
        ['column_info_list[1].code', 'must be unique in column_info_list: duplicated module codes are not allowed'],
        ['column_info_list[2].operate_type', 'must be staticinfo (or absent) for the standard module POINT'],
        ['column_info_list[2].more_info', 'required: a JSON object'],
      ]);
    });

    it('wants url and JSON params for openWeb, title and descs for openNative', () => {
      expect(paths(problemsFor((b) => (b.column_info_list[0].more_info = { params: '{x' })))).toEqual([
        'column_info_list[0].more_info.url',
        'column_info_list[0].more_info.params',
      ]);
      expect(paths(problemsFor((b) => { b.column_info_list[0].operate_type = 'openNative'; b.column_info_list[0].more_info = {}; }))).toEqual([
        'column_info_list[0].more_info.title',
        'column_info_list[0].more_info.descs',
      ]);
    });

    it('checks lengths: title 16, value 16, tag 3', () => {
      expect(paths(problemsFor((b) => Object.assign(b.column_info_list[0], { title: 't'.repeat(17), value: 'v'.repeat(17), tag: '最热门的' })))).toEqual([
        'column_info_list[0].title',
        'column_info_list[0].value',
        'column_info_list[0].tag',
      ]);
    });
  });

  describe('field_rule_list', () => {
    it.each([
      [{ field_name: 'Name', rule_name: 'CONST', rule_value: 'x' }, 'field_rule_list[0].field_name', 'must be one of Balance, Point, Level, OpenDate, ValidDate'],
      [{ field_name: 'Level', rule_name: 'COPY', rule_value: 'x' }, 'field_rule_list[0].rule_name', 'must be one of ASSIGN_FROM_REQUEST, CONST, DATE_IN_FUTURE'],
      [{ field_name: 'Level', rule_name: 'DATE_IN_FUTURE', rule_value: '10d' }, 'field_rule_list[0].rule_name', 'DATE_IN_FUTURE applies only to the field_name OpenDate or ValidDate'],
      [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '10y' }, 'field_rule_list[0].rule_value', "must be a number of months or days for DATE_IN_FUTURE, e.g. '10m' or '10d'"],
      [{ field_name: 'Balance', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Money' }, 'field_rule_list[0].rule_value', 'must name the card_ext_info field to copy: one of Balance, Point, Level, OpenDate, ValidDate'],
      [{ field_name: 'Balance', rule_name: 'CONST' }, 'field_rule_list[0].rule_value', 'required: a string of at most 512 characters'],
    ])('%j → %s', (rule, path, message) => {
      expect(problemsFor((b) => (b.field_rule_list = [rule]))).toEqual([expect.objectContaining({ path, message })]);
    });

    it('wants one rule per field', () => {
      expect(paths(problemsFor((b) => b.field_rule_list.push({ field_name: 'Point', rule_name: 'CONST', rule_value: '1' })))).toEqual([
        'field_rule_list[3].field_name',
      ]);
    });
  });

  it('checks open_card_conf, card actions (at most four) and unique levels', () => {
    const problems = problemsFor((b) => {
      b.open_card_conf.open_card_source_type = 'SELF';
      b.open_card_conf.open_card_url = 'ftp://x';
      b.card_action_list = Array.from({ length: 5 }, (_, i) => ({ code: `A${i}`, text: '打卡', url: 'https://a' }));
      b.card_level_conf[1].level = 'VIP1';
    });
    expect(paths(problems)).toEqual([
      'open_card_conf.open_card_source_type',
      'open_card_conf.open_card_url',
      'card_action_list',
      'card_level_conf[1].level',
    ]);
    expect(paths(problemsFor((b) => (b.card_action_list = [{ code: 'A', text: '打卡打卡打卡打' }])))).toEqual([
      'card_action_list[0].text',
      'card_action_list[0].url',
    ]);
  });

  it('wants the members the reference types String[] as lists: one string is refused, with the list it should be', () => {
    const problems = problemsFor((b) => {
      b.shop_ids = '2015122900077000000002409504';
      b.service_label_list = 'HUABEI_FUWU';
      b.template_style_info.feature_descriptions = '使用花呗卡可享受免费分期';
      b.template_benefit_info[0].benefit_desc = '每笔消费享九折';
      b.column_info_list[0] = { ...b.column_info_list[0], operate_type: 'openNative', more_info: { title: '权益', descs: '会员生日7折' } };
    });
    const listProblems = problems.filter((p) => p.message.startsWith('must be a list of strings'));
    expect(listProblems.map((p) => [p.path, p.message])).toEqual([
      ['service_label_list', 'must be a list of strings, e.g. ["HUABEI_FUWU"]'],
      ['shop_ids', 'must be a list of strings, e.g. ["2015122900077000000002409504"]'],
      ['template_style_info.feature_descriptions', 'must be a list of strings, e.g. ["使用花呗卡可享受免费分期"]'],
      ['template_benefit_info[0].benefit_desc', 'must be a list of strings, e.g. ["每笔消费享九折"]'],
      ['column_info_list[0].more_info.descs', 'must be a list of strings, e.g. ["会员生日7折"]'],
    ]);
    expect(problemsFor((b) => (b.shop_ids = ['2015122900077000000002409504']))).toEqual([]);
  });

  it('reports an entry of a list of strings left out before one given (JSON would send null)', () => {
    const problems = problemsFor((b) => (b.shop_ids = Object.assign([], { 1: '2015122900077000000002409504' })));
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['shop_ids[0]', 'missing: a list is numbered from [0] with no gap, and this item was not given (it would be sent as null)'],
    ]);
  });

  it('needs mdcode_notify_conf (https) for a dynamic-code write-off', () => {
    expect(paths(problemsFor((b) => { b.write_off_type = 'mdqrcode'; delete b.mdcode_notify_conf; }))).toEqual(['mdcode_notify_conf']);
    expect(paths(problemsFor((b) => (b.mdcode_notify_conf.url = 'http://insecure.example/n')))).toEqual(['mdcode_notify_conf.url']);
  });
});

describe('validateTemplateQuery', () => {
  it('needs a template_id of at most 32 characters', () => {
    expect(validateTemplateQuery({ template_id: '20170308000000000058101000300045' })).toEqual([]);
    expect(paths(validateTemplateQuery({}))).toEqual(['template_id']);
    expect(paths(validateTemplateQuery({ template_id: '1'.repeat(33) }))).toEqual(['template_id']);
    expect(paths(validateTemplateQuery(null))).toEqual(['']);
  });
});

describe("template.create's name for the levels", () => {
  it('is card_level_conf (the SDK models); the query name is refused by name, and problems in the levels carry the create name', async () => {
    const { createRequestOf, definitionOf } = await import('../../../src/cards/template-request.js');
    const sample = templateSample();
    const { card_level_conf: levels, ...rest } = sample;
    const asQueried = validateTemplateCreate({ ...rest, card_level_confs: levels });
    expect(asQueried).toEqual([expect.objectContaining({ path: 'card_level_confs', message: expect.stringContaining('the levels are card_level_conf') })]);
    sample.card_level_conf[0].level_desc = '';
    expect(validateTemplateCreate(sample).map((p) => p.path)).toEqual(['card_level_conf[0].level_desc']);
    // A query answer turned into a create request and back is the same template.
    const { request_id: _q, ...definition } = definitionOf(templateSample());
    const answer = { code: '10000', msg: 'Success', ...definition };
    expect((answer as Record<string, unknown>).card_level_confs).toHaveLength(2);
    const { request_id: _r, ...request } = templateSample();
    expect(createRequestOf(answer)).toEqual(request);
  });
});
