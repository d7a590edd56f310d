import { cardsTemplatesText as t } from '../i18n/en/cards-templates.js';
import { fieldProblem, isJsonObject, type FieldProblem } from './problems.js';

/**
 * Every member of a card template and the JSON type the create reference gives it
 * (../shared/api/alipay.marketing.card.template.create.md; modify takes the same DTOs): `text` a
 * `String`, `bool` a `Boolean`, `texts` an `Array String`; an object its members; `[object]` a
 * list of such objects. Levels under the query's name, card_level_confs (template-request.ts).
 */
export type MemberShape = 'text' | 'bool' | 'texts' | ObjectShape | readonly [ObjectShape];
export interface ObjectShape {
  readonly [member: string]: MemberShape;
}

const text = 'text';
const texts = 'texts';
const bool = 'bool';

export const TEMPLATE_SHAPE: ObjectShape = {
  request_id: text, card_type: text, biz_no_prefix: text, biz_no_suffix_len: text, write_off_type: text,
  template_style_info: {
    card_show_name: text, logo_id: text, background_id: text, bg_color: text, color: text, front_text_list_enable: bool, front_image_enable: bool,
    feature_descriptions: texts, slogan: text, slogan_img_id: text, brand_name: text, banner_img_id: text, banner_url: text, column_info_layout: text,
  },
  template_benefit_info: [{ title: text, benefit_desc: texts, start_date: text, end_date: text }],
  column_info_list: [{
    code: text, operate_type: text, title: text, value: text, icon_id: text, tag: text, group_title: text,
    more_info: { title: text, url: text, params: text, descs: texts },
  }],
  field_rule_list: [{ field_name: text, rule_name: text, rule_value: text }],
  service_label_list: texts, shop_ids: texts,
  open_card_conf: { open_card_source_type: text, source_app_id: text, open_card_url: text, conf: text, card_rights: [{ title: text, detail: text, logo_id: text }] },
  pub_channels: [{ pub_channel: text, ext_info: text }],
  card_action_list: [{ code: text, text, url: text, url_type: text, mini_app_url: { mini_app_id: text, mini_page_param: text, mini_query_param: text, display_on_list: text } }],
  card_level_confs: [{ level: text, level_show_name: text, level_icon: text, level_desc: text }],
  mdcode_notify_conf: { url: text, ext_params: text },
  card_spec_tag: text,
  spi_app_id: text,
  access_version: text,
  template_form_config: { fields: { required: texts, optional: texts }, open_card_mini_app_id: text },
  paid_outer_card_conf: {
    cycle_selling_conf: { support_cycle_sell: bool, cycle_selling_url: text, cycle_type: texts },
    manage_url_conf: { cycle_manage_url: text, downgrade_url: text, refund_url: text, renew_url: text, upgrade_url: text },
    open_selling_conf: { start_date: text, end_date: text, selling_url: text, price_detail: [{ price_type: text, price: text, worth: text, desc: text }] },
  },
};

/** A member no reference lists would be stored and echoed back by template.query: refused by name. */
export function unknownTemplateMembers(source: unknown, problems: FieldProblem[], shape: ObjectShape = TEMPLATE_SHAPE, path = ''): void {
  if (!isJsonObject(source)) return;
  for (const [key, value] of Object.entries(source)) {
    const at = path === '' ? key : `${path}.${key}`;
    const member = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (member === undefined) problems.push(fieldProblem(at, value, t.notTemplateMember()));
    else eachObject(member, value, at, (item, itemShape, itemPath) => unknownTemplateMembers(item, problems, itemShape, itemPath));
  }
}

/** `visit` for the object `value` is, or for each object of the list it is, when `shape` says so. */
function eachObject(shape: MemberShape, value: unknown, path: string, visit: (item: Record<string, unknown>, shape: ObjectShape, path: string) => void): void {
  if (typeof shape === 'string') return;
  if (Array.isArray(shape)) {
    if (Array.isArray(value)) value.forEach((item, i) => isJsonObject(item) && visit(item, shape[0] as ObjectShape, `${path}[${i}]`));
  } else if (isJsonObject(value)) {
    visit(value, shape as ObjectShape, path);
  }
}
