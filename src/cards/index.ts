/**
 * Card open and card template models and their validation, shared by `card open`, `card batch`
 * and the local gateway. Pure: problems come back as data, every one at once, never thrown.
 * What the local gateway takes from here; the commands import the module they need directly.
 */
export { describeProblems, isJsonObject, type FieldProblem } from './fields.js';
export { validateCardOpen, type CardOpenBiz, type MerchantCard, type MemberExtInfo } from './card-open.js';
export { validateTemplateDefinition, validateTemplateQuery } from './validate-template.js';
export { validateTemplateCreate } from './template-request.js';
export { deriveCardInfo, dateInFuture } from './field-rules.js';
export type { TemplateCreateBiz, TemplateDefinition } from './template.js';
