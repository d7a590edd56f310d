import { validateTemplateCreate, type FieldProblem } from '../../../src/cards/index.js';
import { templateSample } from './samples.js';

const paths = (problems: FieldProblem[]) => problems.map((p) => p.path);

/**
 * The sample request of the create reference (../shared/api/alipay.marketing.card.template.create.md,
 * "Samples": Alipay's guide as the Apifox copy reproduces it), as written there.
 */
const CREATE_SHEET_SAMPLE = JSON.parse(`{"request_id":"20160805100000023100679","card_type":"OUT_MEMBER_CARD","biz_no_prefix":"prex","biz_no_suffix_len":"20",
 "write_off_type":"qrcode","spi_app_id":"2014072300007148",
 "template_style_info":{"card_show_name":"商家会员卡","logo_id":"1T8Pp00AT7eo9NoAJkMR3AAAMA****","background_id":"OKWBUiWCQ761MdRzP4PvUwAAACM****","bg_color":"rgb(55,112,179)"},
 "column_info_list":[{"code":"COLUMN_INFO_1","more_info":{"url":"https://www.alipay.com"},"title":"栏位信息1","operate_type":"openWeb"},
                     {"code":"BALANCE","title":"余额"},{"code":"Point","title":"积分"}],
 "field_rule_list":[{"field_name":"Balance","rule_name":"ASSIGN_FROM_REQUEST","rule_value":"Balance"},
                    {"field_name":"Point","rule_name":"ASSIGN_FROM_REQUEST","rule_value":"Point"}],
 "card_action_list":[{"code":"CARD_ACTION_1","text":"行动点1","url_type":"url","url":"https://www.alipay.com"}]}`) as Record<string, unknown>;

const problemsOf = (edit: (biz: Record<string, any>) => void) => {
  const biz = templateSample();
  edit(biz);
  return validateTemplateCreate(biz).map((p) => [p.path, p.message]);
};

describe('template.create as the create reference describes it', () => {
  it("accepts the reference's sample request as written", () => {
    expect(validateTemplateCreate(CREATE_SHEET_SAMPLE)).toEqual([]);
  });

  it('an openWeb column needs more_info.url, not params (optional: N); params given must be JSON text', () => {
    const withColumn = (more_info: Record<string, unknown>) => {
      const biz = templateSample();
      biz.column_info_list = [{ code: 'W', title: '官网', operate_type: 'openWeb', more_info }];
      return paths(validateTemplateCreate(biz));
    };
    expect(withColumn({ url: 'https://www.alipay.com' })).toEqual([]);
    expect(withColumn({ url: 'https://www.alipay.com', params: '{}' })).toEqual([]);
    expect(withColumn({ url: 'https://www.alipay.com', params: '{x' })).toEqual(['column_info_list[0].more_info.params']);
    expect(withColumn({ params: '{}' })).toEqual(['column_info_list[0].more_info.url']);
  });

  describe("members of the create reference beyond the query reference's, with their types", () => {

    it("the tester's request: spi_app_id, access_version, template_form_config, a miniAppUrl action, a right's logo_id", () => {
      expect(problemsOf((b) => {
        b.spi_app_id = '2014072300007148';
        b.access_version = 'basic';
        b.template_form_config = { fields: { required: ['OPEN_FORM_FIELD_MOBILE'] } };
        b.card_action_list = [{ code: 'M', text: '小程序', url_type: 'miniAppUrl', mini_app_url: { mini_app_id: '2021000000000001' } }];
        b.open_card_conf.card_rights = [{ title: '开卡礼', detail: '送积分', logo_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC' }];
      })).toEqual([]);
    });

    it('every member the create reference lists is accepted', () => {
      expect(problemsOf((b) => {
        b.column_info_list[0].group_title = '常用';
        b.card_action_list = [{ code: 'M', text: '小程序', url_type: 'miniAppUrl', mini_app_url: { mini_app_id: '2021000000000001', mini_page_param: 'pages/index', mini_query_param: 'a=1', display_on_list: 'true' } }];
        b.template_form_config = { fields: { required: ['OPEN_FORM_FIELD_MOBILE'], optional: ['OPEN_FORM_FIELD_GENDER'] }, open_card_mini_app_id: '2021000000000001' };
        b.paid_outer_card_conf = {
          cycle_selling_conf: { support_cycle_sell: true, cycle_selling_url: 'https://m.example.com/cycle', cycle_type: ['MONTH'] },
          manage_url_conf: { cycle_manage_url: 'https://m.example.com/m', downgrade_url: 'https://m.example.com/d', refund_url: 'https://m.example.com/r', renew_url: 'https://m.example.com/n', upgrade_url: 'https://m.example.com/u' },
          open_selling_conf: { start_date: '2024-05-01 00:00:00', end_date: '2025-05-01 00:00:00', selling_url: 'https://m.example.com/s', price_detail: [{ price_type: 'YEAR', price: '99.00', worth: '199.00', desc: '年卡' }] },
        };
      })).toEqual([]);
    });

    it('color is String(64) per the create reference (32 in the query reference)', () => {
      const lengthOf = (n: number) => problemsOf((b) => (b.template_style_info.color = 'x'.repeat(n))).map(([, m]) => m);
      expect(lengthOf(64)).not.toContainEqual(expect.stringContaining('at most'));
      expect(lengthOf(65)).toContainEqual('must be at most 64 characters (it has 65)');
    });

    it('checks what the reference says of them: enums, required-when, booleans, dates', () => {
      expect(problemsOf((b) => {
        b.card_action_list = [
          { code: 'A', text: '去', url_type: 'app' },
          { code: 'B', text: '去', url_type: 'miniAppUrl' },
          { code: 'C', text: '去', url_type: 'miniAppUrl', mini_app_url: { mini_app_id: '7', display_on_list: 'yes' } },
        ];
        b.template_form_config = { fields: { required: [], optional: ['X'] } };
        b.paid_outer_card_conf = { cycle_selling_conf: { support_cycle_sell: 'maybe' }, open_selling_conf: { start_date: '2025-01-01 00:00:00', end_date: '2024-01-01 00:00:00' } };
        b.spi_app_id = { id: 1 };
      })).toEqual([
        ['card_action_list[0].url_type', 'must be one of url, miniAppUrl'],
        ['card_action_list[1].mini_app_url', 'required: a JSON object'],
        ['card_action_list[2].mini_app_url.display_on_list', 'must be one of true, false'],
        ['spi_app_id', 'must be a string, not an object'],
        ['template_form_config.fields.required', 'required: a JSON array with at least one item'],
        ['paid_outer_card_conf.cycle_selling_conf.support_cycle_sell', 'must be true or false'],
        ['paid_outer_card_conf.open_selling_conf.end_date', 'must be after start_date (2025-01-01 00:00:00)'],
      ]);
    });

    it('a form field is required or optional, not both', () => {
      expect(problemsOf((b) => (b.template_form_config = { fields: { required: ['OPEN_FORM_FIELD_MOBILE'], optional: ['OPEN_FORM_FIELD_MOBILE'] } }))).toEqual([
        ['template_form_config.fields.optional[0]', 'is also in required: a form field is required or optional, not both'],
      ]);
    });

    it("a grid's columns need an icon_id (create reference: required when column_info_layout is grid)", () => {
      expect(problemsOf((b) => {
        b.template_style_info.column_info_layout = 'grid';
        b.column_info_list = [{ ...b.column_info_list[0], icon_id: undefined }, { code: 'W', title: '官网', icon_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC' }];
      }).map(([path]) => path)).toEqual(['column_info_list[0].icon_id']);
    });

    it('a member no reference lists is still refused by name', () => {
      expect(problemsOf((b) => (b.card_action_list = [{ code: 'M', text: '去', url: 'https://a.example', mini_app_url: { app: 'x' } }]))).toEqual([
        ['card_action_list[0].mini_app_url.app', 'is not a member of a card template (template.create and template.modify references): remove it'],
      ]);
    });
  });

  it('pub_channel is one of the reference\'s channels, SHOP_DETAIL or PAYMENT_RESULT', () => {
    const withChannels = (channels: string[]) => {
      const biz = templateSample();
      biz.pub_channels = channels.map((pub_channel) => ({ pub_channel, ext_info: '{}' }));
      return validateTemplateCreate(biz).map((p) => [p.path, p.message]);
    };
    expect(withChannels(['SHOP_DETAIL', 'PAYMENT_RESULT'])).toEqual([]);
    expect(withChannels(['SHOP_DETAIL', 'NOWHERE'])).toEqual([['pub_channels[1].pub_channel', 'must be one of SHOP_DETAIL, PAYMENT_RESULT']]);
  });

  describe('checks made even: image ids, buttons\' links, shops', () => {

    it('an image id given as a number, blank, or as text an id cannot be is refused by its path', () => {
      expect(problemsOf((b) => {
        b.template_style_info.logo_id = 1.5;
        b.template_style_info.background_id = '   ';
        b.card_level_conf[0].level_icon = 'icons/vip.png';
      })).toEqual([
        ['template_style_info.logo_id', 'must be a string: an image id from image upload (as "1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC") or the path of an image file, in quotes; "1.5" is no image id'],
        ['template_style_info.background_id', 'is blank: give an image id from image upload or the path of an image file'],
        ['card_level_conf[0].level_icon', 'is not an image id: one is up to 64 letters, digits and - _ + = *, as 1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC (what image upload answers)'],
      ]);
    });

    it("a button's url is http(s) or an Alipay schema link, as the create reference says", () => {
      const withUrl = (url: string) => problemsOf((b) => (b.card_action_list = [{ code: 'A', text: '签到', url }]));
      expect(withUrl('https://merchant.ali.com/ee/clock_in.do')).toEqual([]);
      expect(withUrl('alipays://platformapi/startapp?appId=20000001')).toEqual([]);
      for (const url of ['javascript:alert(1)', 'ftp://x']) {
        expect(withUrl(url)).toEqual([['card_action_list[0].url', 'must be an http:// or https:// URL, or an Alipay schema link (alipays://platformapi/startapp?appId=…)']]);
      }
    });

    it('a shop given twice is refused, naming the repeat and its first', () => {
      expect(problemsOf((b) => (b.shop_ids = ['2015122900077000000002409504', '2015122900077000000002409505', '2015122900077000000002409504']))).toEqual([
        ['shop_ids[2]', 'is the same shop as shop_ids[0]: give each shop once'],
      ]);
    });
  });
});
