import { cardsTemplatesText as t } from '../i18n/en/cards-templates.js';
import type { Text } from '../i18n/text.js';
import { IMAGE_ID } from './image-id.js';
import { fieldProblem, isJsonObject, type FieldProblem } from './problems.js';

/**
 * Every member of a card template and the JSON type the create reference gives it
 * (../shared/api/alipay.marketing.card.template.create.md; modify takes the same DTOs): `text` a
 * `String`, `image` a `String` holding an image id (image upload's), `bool` a `Boolean`, `texts` an `Array String`; an object its members; `[object]` a
 * list of such objects. Levels under the query's name, card_level_confs (template-request.ts).
 */
export type MemberShape = 'text' | 'image' | 'bool' | 'texts' | ObjectShape | readonly [ObjectShape];
export interface ObjectShape {
  readonly [member: string]: MemberShape;
}

const text = 'text';
const image = 'image';
const texts = 'texts';
const bool = 'bool';

export const TEMPLATE_SHAPE: ObjectShape = {
  request_id: text, card_type: text, biz_no_prefix: text, biz_no_suffix_len: text, write_off_type: text,
  template_style_info: {
    card_show_name: text, logo_id: image, background_id: image, bg_color: text, color: text, front_text_list_enable: bool, front_image_enable: bool,
    feature_descriptions: texts, slogan: text, slogan_img_id: image, brand_name: text, banner_img_id: image, banner_url: text, column_info_layout: text,
  },
  template_benefit_info: [{ title: text, benefit_desc: texts, start_date: text, end_date: text }],
  column_info_list: [{
    code: text, operate_type: text, title: text, value: text, icon_id: image, tag: text, group_title: text,
    more_info: { title: text, url: text, params: text, descs: texts },
  }],
  field_rule_list: [{ field_name: text, rule_name: text, rule_value: text }],
  service_label_list: texts, shop_ids: texts,
  open_card_conf: { open_card_source_type: text, source_app_id: text, open_card_url: text, conf: text, card_rights: [{ title: text, detail: text, logo_id: image }] },
  pub_channels: [{ pub_channel: text, ext_info: text }],
  card_action_list: [{ code: text, text, url: text, url_type: text, mini_app_url: { mini_app_id: text, mini_page_param: text, mini_query_param: text, display_on_list: text } }],
  card_level_confs: [{ level: text, level_show_name: text, level_icon: image, level_desc: text }],
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

/** A create or modify request: the levels under the request's name, and modify's template_id. */
const REQUEST_SHAPE: ObjectShape = { ...TEMPLATE_SHAPE, card_level_conf: TEMPLATE_SHAPE.card_level_confs!, template_id: text };

/**
 * A template file's JSON numbers where the reference types a String, as their decimal text, in
 * place — what `card open` does with its String members, and what Alipay's JSON binding would make
 * of them. A whole number past 2^53 is left as it is (JSON.parse has lost its digits):
 * `requestTypeProblems` refuses it.
 */
export function textsFromNumbers(biz: Record<string, unknown>, shape: ObjectShape = REQUEST_SHAPE): void {
  for (const [key, value] of Object.entries(biz)) {
    const member = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (member === text && isExactNumber(value)) biz[key] = String(value);
    else if (member === texts && isExactNumber(value)) biz[key] = String(value);
    else if (member === texts && Array.isArray(value)) value.forEach((item, i) => isExactNumber(item) && (value[i] = String(item)));
    else if (member !== undefined) eachObject(member, value, '', (item, itemShape) => textsFromNumbers(item, itemShape));
  }
}

/**
 * What a request's members hold that their type does not: a `Boolean` given as the string "true"
 * or "false" (a request sends JSON booleans), and a whole number past 2^53 for a `String` (its
 * digits are lost).
 */
export function requestTypeProblems(biz: unknown, shape: ObjectShape = REQUEST_SHAPE, path = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isJsonObject(biz)) return problems;
  for (const [key, value] of Object.entries(biz)) {
    const at = path === '' ? key : `${path}.${key}`;
    const member = Object.hasOwn(shape, key) ? shape[key] : undefined;
    // Other values are the template check's (Fields.bool): "true" is the one it lets through, for a stored template.
    if (member === bool && (value === 'true' || value === 'false')) {
      problems.push(fieldProblem(at, value, t.jsonBoolean({ example: value })));
    } else if (member === text && typeof value === 'number' && !isExactNumber(value)) {
      problems.push(fieldProblem(at, value, t.numberLosesDigits({ example: JSON.stringify(String(value)) })));
    } else if (member === image) {
      const problem = imageIdProblem(value);
      if (problem !== undefined) problems.push(fieldProblem(at, value, problem));
    } else if (member !== undefined) {
      eachObject(member, value, at, (item, itemShape, itemPath) => problems.push(...requestTypeProblems(item, itemShape, itemPath)));
    }
  }
  return problems;
}

/**
 * An image id is image upload's answer, a String: a number (`"logo_id": 1.5`) is no id, as its
 * text would be sent; nor is a blank value, nor text an id cannot be (IMAGE_ID) — the tool takes
 * such a value for a file's path, and the local gateway answers INVALID_PARAMETER for it. Empty
 * and absent are the required checks'.
 */
function imageIdProblem(value: unknown): Text | undefined {
  if (typeof value === 'number') return t.imageIdNumber({ example: JSON.stringify(String(value)) });
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.trim() === '') return t.imageIdBlank();
  return IMAGE_ID.test(value) ? undefined : t.notImageId();
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

/** A JSON number whose decimal text is what the file said: finite, and whole only up to 2^53. */
function isExactNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value));
}
