import { cardsFieldsText as f } from '../i18n/en/cards-fields.js';
import { cardsTemplatesText as t } from '../i18n/en/cards-templates.js';
import { CARD_TYPE } from './card-open.js';
import { Fields, type FieldProblem } from './fields.js';
import { checkColumns, checkFieldRules } from './template-columns.js';
import { checkAction, checkFormConfig, checkPaidOuterCard } from './template-conf-checks.js';
import { unknownTemplateMembers } from './template-shape.js';
// Dynamic-code write-offs need the merchant's notify URL (template query reference, mdcode_notify_conf).
import { DYNAMIC_CODE_WRITE_OFFS } from './write-off-types.js';

const SUFFIX_LEN = /^\d{1,2}$/;
const HTTP_URL = /^https?:\/\/\S+$/;
const HTTPS_URL = /^https:\/\/\S+$/;

/**
 * Every problem with a template as template.query answers it (and the gateway stores it), per the
 * template query reference and the create reference's members beyond it (template-shape.ts), plus
 * the `request_id` it was created with. template.create's request
 * names the levels card_level_conf: see template-request.ts.
 */
export function validateTemplateDefinition(biz: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const root = Fields.root(biz, problems);
  if (root === undefined) return problems;
  root.text('request_id', 32, true);
  root.text('card_type', 32, true);
  if (root.has('card_type') && root.source.card_type !== CARD_TYPE) {
    root.report('card_type', root.source.card_type, t.onlyCardType({ type: CARD_TYPE }));
  }
  checkCardNumber(root);
  const writeOff = root.text('write_off_type', 32);
  checkStyle(root.object('template_style_info', true));
  for (const benefit of root.objects('template_benefit_info') ?? []) checkBenefit(benefit);
  checkColumns(root);
  checkFieldRules(root);
  root.texts('service_label_list', 1024);
  root.texts('shop_ids', 64);
  checkOpenCardConf(root.object('open_card_conf'));
  for (const channel of root.objects('pub_channels') ?? []) {
    channel.text('pub_channel', 32, true);
    channel.text('ext_info', 1024);
  }
  for (const action of root.objects('card_action_list', { maxItems: 4 }) ?? []) checkAction(action);
  checkLevels(root);
  const mdcode = root.object('mdcode_notify_conf', writeOff !== undefined && DYNAMIC_CODE_WRITE_OFFS.includes(writeOff));
  mdcode?.matching('url', 1024, true, HTTPS_URL, t.notifyUrl());
  mdcode?.text('ext_params', 1024);
  root.text('card_spec_tag', 20);
  root.text('spi_app_id', undefined);
  root.text('access_version', undefined);
  checkFormConfig(root.object('template_form_config'));
  checkPaidOuterCard(root.object('paid_outer_card_conf'));
  unknownTemplateMembers(root.source, problems);
  return problems;
}

/** template.query takes only the template_id. */
export function validateTemplateQuery(biz: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  Fields.root(biz, problems)?.text('template_id', 32, true);
  return problems;
}

/** biz_card_no = biz_no_prefix + a suffix of biz_no_suffix_len digits, 32 characters at most. */
function checkCardNumber(root: Fields): void {
  const prefix = root.text('biz_no_prefix', 10) ?? '';
  const suffix = root.matching('biz_no_suffix_len', 2, true, SUFFIX_LEN, t.suffixLen());
  if (suffix === undefined) return;
  const length = Number(suffix);
  const max = 32 - [...prefix].length;
  if (length < 8 || length > 32) root.report('biz_no_suffix_len', root.source.biz_no_suffix_len, f.mustBe({ expected: t.suffixLen() }));
  else if (length > max) {
    root.report('biz_no_suffix_len', root.source.biz_no_suffix_len, t.suffixTooLong({ max, prefix }));
  }
}

function checkStyle(style: Fields | undefined): void {
  if (style === undefined) return;
  style.text('card_show_name', 10, true);
  style.text('logo_id', 1000, true);
  style.text('background_id', 1000, true);
  style.text('bg_color', 32, true);
  // 64 in the create reference (32 in the query reference's copy): the request's is followed.
  style.text('color', 64);
  style.bool('front_text_list_enable');
  style.bool('front_image_enable');
  style.texts('feature_descriptions', 4000);
  style.text('slogan', 100);
  style.text('slogan_img_id', 100);
  style.text('brand_name', 100);
  style.text('banner_img_id', 1000);
  style.matching('banner_url', 256, false, HTTP_URL, f.httpUrl());
  style.oneOf('column_info_layout', 10, false, ['list', 'grid']);
}

function checkBenefit(benefit: Fields): void {
  benefit.text('title', 16, true);
  benefit.texts('benefit_desc', 1000, true);
  const start = benefit.timestamp('start_date', 64, true);
  const end = benefit.timestamp('end_date', 64, true);
  if (start !== undefined && end !== undefined && end.getTime() <= start.getTime()) {
    benefit.report('end_date', benefit.source.end_date, f.afterDate({ field: 'start_date', date: String(benefit.source.start_date) }));
  }
}

function checkOpenCardConf(conf: Fields | undefined): void {
  if (conf === undefined) return;
  conf.oneOf('open_card_source_type', 20, true, ['ISV', 'MER']);
  conf.text('source_app_id', 32, true);
  conf.matching('open_card_url', 256, true, HTTP_URL, t.openCardUrl());
  conf.text('conf', 4000);
  for (const right of conf.objects('card_rights', { maxItems: 3 }) ?? []) {
    right.text('title', 10, true);
    right.text('detail', 20);
    right.text('logo_id', undefined);
  }
}

function checkLevels(root: Fields): void {
  const seen = new Set<string>();
  for (const conf of root.objects('card_level_confs') ?? []) {
    const level = conf.text('level', 64, true);
    if (level !== undefined) {
      if (seen.has(level)) conf.report('level', level, t.uniqueIn({ list: 'card_level_confs' }));
      seen.add(level);
    }
    conf.text('level_show_name', 64, true);
    conf.text('level_icon', 64, true);
    conf.text('level_desc', 4000, true);
  }
}
