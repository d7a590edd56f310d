/**
 * The card template as alipay.marketing.card.template.create takes it and
 * alipay.marketing.card.template.query returns it (template query reference), keys as the API names them.
 */
export interface TemplateCreateBiz {
  /** The caller's idempotency key for the create call. */
  request_id: string;
  card_type: 'OUT_MEMBER_CARD';
  biz_no_prefix?: string;
  /** 8..32, and prefix + suffix fit in the 32 characters of biz_card_no. */
  biz_no_suffix_len: string;
  write_off_type?: string;
  template_style_info: TemplateStyleInfo;
  template_benefit_info?: TemplateBenefitInfo[];
  column_info_list: TemplateColumnInfo[];
  field_rule_list: TemplateFieldRule[];
  service_label_list?: string[] | string;
  shop_ids?: string[];
  open_card_conf?: TemplateOpenCardConf;
  pub_channels?: PubChannel[];
  card_action_list?: TemplateActionInfo[];
  card_level_confs?: TemplateCardLevelConf[];
  mdcode_notify_conf?: TemplateMdcodeNotifyConf;
  card_spec_tag?: string;
}

/** What template.query answers besides code and msg: the template as created, every section. */
export type TemplateDefinition = Omit<TemplateCreateBiz, 'request_id'>;

export interface TemplateStyleInfo {
  card_show_name: string;
  logo_id: string;
  background_id: string;
  bg_color: string;
  color?: string;
  front_text_list_enable?: boolean;
  front_image_enable?: boolean;
  feature_descriptions?: string[] | string;
  slogan?: string;
  slogan_img_id?: string;
  brand_name?: string;
  banner_img_id?: string;
  banner_url?: string;
  column_info_layout?: 'list' | 'grid';
}

export interface TemplateBenefitInfo {
  title: string;
  benefit_desc: string[] | string;
  start_date: string;
  end_date: string;
}

export const STANDARD_COLUMN_CODES = ['BALANCE', 'POINT', 'LEVEL', 'TELEPHONE'] as const;
export const OPERATE_TYPES = ['openNative', 'openWeb', 'staticinfo'] as const;

export interface TemplateColumnInfo {
  code: string;
  operate_type?: (typeof OPERATE_TYPES)[number];
  title: string;
  value?: string;
  more_info?: MoreInfo;
  icon_id?: string;
  tag?: string;
  group_title?: string;
}

export interface MoreInfo {
  title?: string;
  url?: string;
  params?: string;
  descs?: string[];
}

export const FIELD_NAMES = ['Balance', 'Point', 'Level', 'OpenDate', 'ValidDate'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];
export const RULE_NAMES = ['ASSIGN_FROM_REQUEST', 'CONST', 'DATE_IN_FUTURE'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

/** Which card_ext_info / card_info key a field rule's field_name fills. */
export const CARD_FIELD_OF: Readonly<Record<FieldName, 'balance' | 'point' | 'level' | 'open_date' | 'valid_date'>> = {
  Balance: 'balance',
  Point: 'point',
  Level: 'level',
  OpenDate: 'open_date',
  ValidDate: 'valid_date',
};

export interface TemplateFieldRule {
  field_name: FieldName;
  rule_name: RuleName;
  /** CONST: the value; DATE_IN_FUTURE: '10m' or '10d'; ASSIGN_FROM_REQUEST: the card_ext_info field to take. */
  rule_value: string;
}

export interface TemplateOpenCardConf {
  open_card_source_type: 'ISV' | 'MER';
  source_app_id: string;
  open_card_url: string;
  conf?: string;
  card_rights?: Array<{ title: string; detail?: string }>;
}

export interface PubChannel {
  pub_channel: string;
  ext_info?: string;
}

export interface TemplateActionInfo {
  code: string;
  text: string;
  url?: string;
  url_type?: string;
}

export interface TemplateCardLevelConf {
  level: string;
  level_show_name: string;
  level_icon: string;
  level_desc: string;
}

export interface TemplateMdcodeNotifyConf {
  url: string;
  ext_params?: string;
}
