import { isJsonObject, type FieldProblem } from './fields.js';
import type { TemplateCreateBiz, TemplateDefinition } from './template.js';
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
    problems.push({ path: ANSWER_LEVELS, value: biz[ANSWER_LEVELS], message: `not a field of template.create: the levels are ${REQUEST_LEVELS} (template.query answers them as ${ANSWER_LEVELS})` });
  }
  for (const p of validateTemplateDefinition(definitionOf(biz))) {
    problems.push(p.path.startsWith(ANSWER_LEVELS) ? { ...p, path: REQUEST_LEVELS + p.path.slice(ANSWER_LEVELS.length), message: p.message.replaceAll(ANSWER_LEVELS, REQUEST_LEVELS) } : p);
  }
  return problems;
}

/** A valid create request as the template it stores (query shape), and its request_id. */
export function splitCreateRequest(biz: TemplateCreateBiz): { requestId: string; definition: TemplateDefinition } {
  const { request_id: requestId, ...rest } = definitionOf(biz as unknown as Record<string, unknown>) as unknown as TemplateCreateBiz;
  return { requestId, definition: rest };
}
