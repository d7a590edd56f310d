import { cardsTemplatesText as t } from '../i18n/en/cards-templates.js';
import { english, type Text } from '../i18n/text.js';
import { validateCardOpen, type MerchantCard } from './card-open.js';
import { dateInFuture, deriveCardInfo } from './field-rules.js';
import { isJsonObject, type FieldProblem } from './problems.js';
import { FUTURE_OFFSET } from './template-columns.js';
import { FIELD_NAMES, RULE_NAMES, type TemplateCardLevelConf, type TemplateDefinition, type TemplateFieldRule } from './template.js';

/** What of a template decides whether a card open request will pass: its field rules and levels. */
export type TemplateRules = Pick<TemplateDefinition, 'field_rule_list' | 'card_level_confs'>;

/**
 * The field rules and levels of a template.query answer node. A rule this tool cannot read (a
 * field or rule name the reference does not list, an offset not like '10m') is left out rather
 * than guessed at: the gateway still applies it, and answers for it itself.
 */
export function templateRulesOf(node: Record<string, unknown>): TemplateRules {
  const rules = (Array.isArray(node.field_rule_list) ? node.field_rule_list : []).filter(isJsonObject).filter((rule): boolean =>
    (FIELD_NAMES as readonly unknown[]).includes(rule.field_name)
    && (RULE_NAMES as readonly unknown[]).includes(rule.rule_name)
    && typeof rule.rule_value === 'string'
    && (rule.rule_name !== 'DATE_IN_FUTURE' || FUTURE_OFFSET.test(rule.rule_value)));
  const levels = (Array.isArray(node.card_level_confs) ? node.card_level_confs : []).filter(isJsonObject).filter((conf) => typeof conf.level === 'string');
  return { field_rule_list: rules as unknown as TemplateFieldRule[], card_level_confs: levels as unknown as TemplateCardLevelConf[] };
}

/**
 * What the template would refuse in a card open request, found before it is sent, by the very
 * function the local gateway applies (`deriveCardInfo`): a field an ASSIGN_FROM_REQUEST rule copies
 * but the request lacks, a level the template does not define, a valid_date not after open_date once
 * the rules are applied. `now` stands in for the gateway's clock.
 */
export function templateRuleProblems(template: TemplateRules, biz: Record<string, unknown>, now: Date): FieldProblem[] {
  if (!isJsonObject(biz.card_ext_info)) return [];
  const derived = deriveCardInfo(template as TemplateDefinition, biz.card_ext_info as MerchantCard, now);
  return 'problems' in derived ? derived.problems : [];
}

/**
 * The offset ('12m', '365d') by which the template's DATE_IN_FUTURE rule sets ValidDate. Read from
 * the rules `templateRulesOf` kept, so an offset it could not read is no rule here either: the
 * request must carry valid_date itself.
 */
function validDateOffsetOf(template: TemplateRules): string | undefined {
  return template.field_rule_list?.find((r) => r.field_name === 'ValidDate' && r.rule_name === 'DATE_IN_FUTURE')?.rule_value;
}

/** What a card open request comes to once its template is known. */
export interface TemplateCheck {
  /** valid_date by the template's DATE_IN_FUTURE rule, for a request without one: the caller sets it. */
  validDate?: { value: string; offset: string };
  /** Why a request without valid_date cannot take it from the template, e.g. `template T1 has no DATE_IN_FUTURE rule ...`: in English. */
  missingValidDateWhy?: string;
  /** The same as data, for a person (`local()`, or a parameter of a hint). */
  missingValidDateWhyText?: Text;
  /** card open's own problems (valid_date filled as above), then what the template would refuse of the other fields. */
  problems: FieldProblem[];
}

/**
 * The one check of a card open request against its template, for `card open` and `card batch`
 * alike: valid_date from the DATE_IN_FUTURE rule when the request has none, then card open's own
 * field checks, then — with `holdToRules` (a request not sent before) — the template's rules on
 * the fields card open found nothing wrong with (its own check of a value says more). `template`
 * undefined: none is known, only card open's checks apply. `biz` is not changed.
 */
export function checkAgainstTemplate(
  biz: Record<string, unknown>,
  template: TemplateRules | undefined,
  now: Date,
  { holdToRules = true }: { holdToRules?: boolean } = {},
): TemplateCheck {
  const check: Omit<TemplateCheck, 'problems'> = {};
  let request = biz;
  const ext = isJsonObject(biz.card_ext_info) ? biz.card_ext_info : undefined;
  if (template !== undefined && ext?.valid_date === undefined) {
    const offset = validDateOffsetOf(template);
    if (offset === undefined) {
      check.missingValidDateWhyText = t.noValidDateRule({ templateId: String(biz.card_template_id) });
      check.missingValidDateWhy = english(check.missingValidDateWhyText);
    } else {
      check.validDate = { value: dateInFuture(now, offset), offset };
      request = { ...biz, card_ext_info: { ...ext, valid_date: check.validDate.value } };
    }
  }
  const own = validateCardOpen(request);
  const ruled = holdToRules && template !== undefined ? templateRuleProblems(template, request, now) : [];
  return { ...check, problems: [...own, ...ruled.filter((p) => !own.some((o) => o.path === p.path))] };
}

/** The levels a request may name, with the names a person sees on the card. */
export function templateLevels(template: TemplateRules): Array<{ level: string; name: string }> {
  return (template.card_level_confs ?? []).map((conf) => ({ level: conf.level, name: conf.level_show_name || conf.level }));
}
