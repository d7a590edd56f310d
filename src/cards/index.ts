/**
 * Card open and card template models and their validation, shared by `card open`, `card batch`
 * and the local gateway. Pure: problems come back as data, every one at once, never thrown.
 */
export { charLength, describeProblems, isJsonObject, TIMESTAMP_FORMAT, type FieldProblem } from './fields.js';
export {
  validateCardOpen,
  CARD_TYPE,
  CODE_STATUSES,
  GENDERS,
  type CardOpenBiz,
  type CardUserInfo,
  type MerchantCard,
  type MdCodeInfo,
  type CardFrontText,
  type MemberExtInfo,
  type CodeStatus,
} from './card-open.js';
export { validateTemplateCreate, validateTemplateQuery } from './validate-template.js';
export { deriveCardInfo, dateInFuture, type DerivedCard } from './field-rules.js';
export { requestFieldOf } from './template-columns.js';
export { templateLevels, templateRuleProblems, templateRulesOf, type TemplateRules } from './template-rules.js';
export { CARD_OPEN_PATHS, cardOpenRows, isCardOpenPath, normalizeCardOpenBiz, unknownFieldProblem } from './card-open-shape.js';
export * from './template.js';

