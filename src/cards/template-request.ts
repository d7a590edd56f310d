import { cardsFieldsText as f } from '../i18n/en/cards-fields.js';
import { cardsTemplatesText as t } from '../i18n/en/cards-templates.js';
import { changeTextParams, fieldProblem, isJsonObject, type FieldProblem } from './fields.js';
import type { TemplateCreateBiz, TemplateDefinition } from './template.js';
import { requestTypeProblems } from './template-shape.js';
import { validateTemplateDefinition } from './validate-template.js';

/**
 * template.create and template.modify name the levels `card_level_conf` (the SDKs' models:
 * AlipayMarketingCardTemplateCreateModel / ModifyModel, `@ApiListField("card_level_conf")`);
 * template.query answers them as `card_level_confs` (the query reference). Everything else has one
 * name. A template is kept and compared in the query's shape; requests are made in the create's.
 */
export const REQUEST_LEVELS = 'card_level_conf';
export const ANSWER_LEVELS = 'card_level_confs';

/** A create (or modify) request's template in the query's shape: levels as card_level_confs. */
export function definitionOf(request: Record<string, unknown>): Record<string, unknown> {
  const { [REQUEST_LEVELS]: levels, [ANSWER_LEVELS]: _answerName, ...rest } = request;
  return levels === undefined ? rest : { ...rest, [ANSWER_LEVELS]: levels };
}

/** A template as template.query answers it, as a create request's biz_content (without request_id): levels as card_level_conf, the answer's code and msg dropped. */
export function createRequestOf(answer: Record<string, unknown>): Record<string, unknown> {
  const { code: _code, msg: _msg, sub_code: _subCode, sub_msg: _subMsg, [ANSWER_LEVELS]: levels, ...rest } = answer;
  return levels === undefined ? rest : { ...rest, [REQUEST_LEVELS]: levels };
}

/**
 * Every problem with a template.create biz_content: the template's (the query reference's fields,
 * which create takes) with the levels under create's name, and the create call's request_id. The
 * query's name for the levels is refused by name: Alipay would ignore it and make a template
 * without levels.
 */
export function validateTemplateCreate(biz: unknown): FieldProblem[] {
  if (!isJsonObject(biz)) return validateTemplateDefinition(biz);
  const problems: FieldProblem[] = [];
  if (biz[ANSWER_LEVELS] !== undefined) {
    problems.push(fieldProblem(ANSWER_LEVELS, biz[ANSWER_LEVELS], t.levelsName({ method: 'template.create', request: REQUEST_LEVELS, answer: ANSWER_LEVELS })));
  }
  problems.push(...requestOnlyProblems(biz));
  for (const p of validateTemplateDefinition(definitionOf(biz))) problems.push(inRequestNames(p));
  return problems;
}

/** A problem of a template (query shape) as a request names it: under card_level_conf, and saying so. */
export function inRequestNames(p: FieldProblem): FieldProblem {
  if (!p.path.startsWith(ANSWER_LEVELS)) return p;
  const rename = (text: string) => text.replaceAll(ANSWER_LEVELS, REQUEST_LEVELS);
  const renamed = fieldProblem(REQUEST_LEVELS + p.path.slice(ANSWER_LEVELS.length), p.value, p.text === undefined ? rename(p.message) : changeTextParams(p.text, rename));
  // The English as it always was, whatever words of the message named the levels.
  renamed.message = rename(p.message);
  return renamed;
}

/** A valid create request as the template it stores (query shape), and its request_id. */
export function splitCreateRequest(biz: TemplateCreateBiz): { requestId: string; definition: TemplateDefinition } {
  const { request_id: requestId, ...rest } = definitionOf(biz as unknown as Record<string, unknown>) as unknown as TemplateCreateBiz;
  return { requestId, definition: rest };
}

/**
 * The create reference's write-off codes (static, Alipay dynamic, merchant dynamic; `none` hides
 * the code per the FAQ, `text` from a 2017 copy of the doc).
 */
export const WRITE_OFF_TYPES = ['qrcode', 'barcode', 'dqrcode', 'dbarcode', 'mdqrcode', 'mdbarcode', 'none', 'text'] as const;

/** `rgb(55,112,179)`, the form every example in the references gives (our decision: the only one accepted). */
const RGB = /^rgb\((\d{1,3}),(\d{1,3}),(\d{1,3})\)$/;

/**
 * Checks made of a request and not of a stored template (a state written before them still loads):
 * the write-off code among the reference's, colours as `rgb(r,g,b)`, lists given as lists, and
 * icons for a grid's columns, booleans as JSON booleans, no number that lost digits, image ids that
 * can be ones, the reference's channels, buttons' links, and each shop once.
 */
export function requestOnlyProblems(biz: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const writeOff = biz.write_off_type;
  if (typeof writeOff === 'string' && !(WRITE_OFF_TYPES as readonly string[]).includes(writeOff)) {
    problems.push(fieldProblem('write_off_type', writeOff, f.mustBe({ expected: f.oneOf({ values: WRITE_OFF_TYPES.join(', ') }) })));
  }
  const style = biz.template_style_info;
  if (isJsonObject(style)) {
    for (const key of ['bg_color', 'color']) {
      const value = style[key];
      if (typeof value !== 'string' || value === '') continue;
      const m = RGB.exec(value.replace(/\s+/g, ''));
      if (m === null || m.slice(1).some((n) => Number(n) > 255)) {
        problems.push(fieldProblem(`template_style_info.${key}`, value, t.rgbColour()));
      }
    }
  }
  problems.push(...listsGivenAsText(biz), ...gridIconsMissing(biz), ...requestTypeProblems(biz), ...unknownChannels(biz), ...actionLinkProblems(biz), ...repeatedShops(biz));
  return problems;
}

/** The create reference: a button's url is "http(s) or Alipay schema link" (alipays://platformapi/startapp?…). */
const ACTION_URL = /^(?:https?|alipays?):\/\/\S+$/;

function actionLinkProblems(biz: Record<string, unknown>): FieldProblem[] {
  if (!Array.isArray(biz.card_action_list)) return [];
  return biz.card_action_list.flatMap((action, i) => {
    const url = isJsonObject(action) ? action.url : undefined;
    if (typeof url !== 'string' || url === '' || ACTION_URL.test(url)) return [];
    return [fieldProblem(`card_action_list[${i}].url`, url, f.mustBe({ expected: t.actionUrl() }))];
  });
}

/** A shop given twice: Alipay's list of the card's shops would hold it twice, or refuse the request. Of a request only. */
function repeatedShops(biz: Record<string, unknown>): FieldProblem[] {
  if (!Array.isArray(biz.shop_ids)) return [];
  const first = new Map<unknown, number>();
  return biz.shop_ids.flatMap((shop, i) => {
    const seen = first.get(shop);
    if (seen === undefined) first.set(shop, i);
    return seen === undefined ? [] : [fieldProblem(`shop_ids[${i}]`, shop, t.shopTwice({ first: seen }))];
  });
}

/**
 * pub_channels[].pub_channel: SHOP_DETAIL (the shop detail page, the SDK model's text) or
 * PAYMENT_RESULT (the create reference's transcription [LC] allows it too). Of a request only: a
 * template stored before this check still loads.
 */
export const PUB_CHANNELS = ['SHOP_DETAIL', 'PAYMENT_RESULT'] as const;

function unknownChannels(biz: Record<string, unknown>): FieldProblem[] {
  if (!Array.isArray(biz.pub_channels)) return [];
  return biz.pub_channels.flatMap((channel, i) => {
    const value = isJsonObject(channel) ? channel.pub_channel : undefined;
    if (typeof value !== 'string' || value === '' || (PUB_CHANNELS as readonly string[]).includes(value)) return [];
    return [fieldProblem(`pub_channels[${i}].pub_channel`, value, f.mustBe({ expected: f.oneOf({ values: PUB_CHANNELS.join(', ') }) }))];
  });
}

/**
 * The create reference: a column's icon_id is required when column_info_layout is grid. Of a
 * request only: a template stored before this check may lack them.
 */
function gridIconsMissing(biz: Record<string, unknown>): FieldProblem[] {
  if (!isJsonObject(biz.template_style_info) || biz.template_style_info.column_info_layout !== 'grid' || !Array.isArray(biz.column_info_list)) return [];
  return biz.column_info_list.flatMap((column, i) => {
    if (!isJsonObject(column) || (column.icon_id !== undefined && column.icon_id !== null && column.icon_id !== '')) return [];
    return [fieldProblem(`column_info_list[${i}].icon_id`, column.icon_id, t.gridIcon())];
  });
}

/**
 * Members the references and the SDKs' models type as a list of strings (`String[]`,
 * `List<string>`): one string there is not a list to Alipay. A template read back from our own
 * stored state may hold one (accepted before this check), so only requests are held to it.
 */
function listsGivenAsText(biz: Record<string, unknown>): FieldProblem[] {
  const found: Array<{ path: string; value: string }> = [];
  const at = (path: string, value: unknown) => {
    if (typeof value === 'string') found.push({ path, value });
  };
  at('service_label_list', biz.service_label_list);
  at('shop_ids', biz.shop_ids);
  if (isJsonObject(biz.template_style_info)) at('template_style_info.feature_descriptions', biz.template_style_info.feature_descriptions);
  if (Array.isArray(biz.template_benefit_info)) {
    biz.template_benefit_info.forEach((benefit, i) => isJsonObject(benefit) && at(`template_benefit_info[${i}].benefit_desc`, benefit.benefit_desc));
  }
  if (Array.isArray(biz.column_info_list)) {
    biz.column_info_list.forEach((column, i) => isJsonObject(column) && isJsonObject(column.more_info) && at(`column_info_list[${i}].more_info.descs`, column.more_info.descs));
  }
  return found.map(({ path, value }) => fieldProblem(path, value, t.listOfStrings({ example: JSON.stringify(value) })));
}
