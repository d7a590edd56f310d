import { cardsTemplatesText as t } from '../i18n/en/cards-templates.js';
import type { Text } from '../i18n/text.js';
import { validateCardOpen } from './card-open.js';
import { problemText, type Fields } from './fields.js';
import { CARD_FIELD_OF, FIELD_NAMES, OPERATE_TYPES, RULE_NAMES, STANDARD_COLUMN_CODES, type FieldName } from './template.js';

// DATE_IN_FUTURE takes a count of months or days: '10m' is ten months, '10d' ten days.
export const FUTURE_OFFSET = /^([1-9]\d{0,3})([md])$/;

/** column_info_list: the modules shown on the card (template query reference). */
export function checkColumns(root: Fields): void {
  const columns = root.objects('column_info_list', { required: true });
  const seen = new Set<string>();
  for (const column of columns ?? []) {
    const code = column.text('code', 32, true);
    if (code !== undefined) {
      if (seen.has(code)) column.report('code', code, t.columnCodeTwice());
      seen.add(code);
    }
    const operate = column.oneOf('operate_type', 32, false, OPERATE_TYPES) ?? 'staticinfo';
    if (code !== undefined && (STANDARD_COLUMN_CODES as readonly string[]).includes(code) && operate !== 'staticinfo') {
      column.report('operate_type', column.source.operate_type, t.standardModule({ code }));
    }
    column.text('title', 16, true);
    column.text('value', 16);
    column.text('icon_id', 1000);
    column.text('tag', 3);
    column.text('group_title', undefined);
    column.jsonSize('more_info', 2048);
    const more = column.object('more_info', operate !== 'staticinfo');
    if (more === undefined) continue;
    more.text('title', 16, operate === 'openNative');
    more.text('url', 256, operate === 'openWeb');
    // Optional for openWeb too: the create reference marks it N, and its own sample's openWeb column has none.
    const params = more.text('params', 1024);
    if (params !== undefined && !isJsonText(params)) more.report('params', params, t.paramsJson());
    more.texts('descs', 1000, operate === 'openNative');
  }
}

/**
 * field_rule_list: how card open derives card fields. DATE_IN_FUTURE applies to dates only;
 * ASSIGN_FROM_REQUEST names the card_ext_info field to copy (as a field name like Balance, or the
 * card_ext_info key itself like balance).
 */
export function checkFieldRules(root: Fields): void {
  const rules = root.objects('field_rule_list', { required: true });
  const seen = new Set<string>();
  for (const rule of rules ?? []) {
    const field = rule.oneOf('field_name', 64, true, FIELD_NAMES);
    if (field !== undefined) {
      if (seen.has(field)) rule.report('field_name', field, t.ruleTwice());
      seen.add(field);
    }
    const name = rule.oneOf('rule_name', 64, true, RULE_NAMES);
    const value = rule.text('rule_value', 512, true);
    if (name === 'DATE_IN_FUTURE') {
      if (field !== undefined && field !== 'OpenDate' && field !== 'ValidDate') {
        rule.report('rule_name', name, t.dateInFutureField());
      }
      if (value !== undefined && !FUTURE_OFFSET.test(value)) {
        rule.report('rule_value', value, t.futureOffset());
      }
    }
    if (name === 'ASSIGN_FROM_REQUEST' && value !== undefined && requestFieldOf(value) === undefined) {
      rule.report('rule_value', value, t.assignField({ fields: FIELD_NAMES.join(', ') }));
    }
    if (name === 'CONST' && field !== undefined && value !== undefined) {
      const problem = constProblem(field, value, levelsOf(root));
      if (problem !== undefined) rule.report('rule_value', value, t.constValue({ problem, field }));
    }
  }
}

/**
 * A CONST value goes onto every card as it is, so it must be a value card open accepts for that
 * field (checked by card open's own rules) and, for Level, one of the template's levels.
 */
function constProblem(field: FieldName, value: string, levels: string[]): Text | string | undefined {
  const key = CARD_FIELD_OF[field];
  const problem = validateCardOpen({ card_ext_info: { [key]: value } }).find((p) => p.path === `card_ext_info.${key}`);
  if (problem !== undefined) return problemText(problem);
  if (field === 'Level' && levels.length > 0 && !levels.includes(value)) return t.constLevel({ levels: levels.join(', ') });
  return undefined;
}

function levelsOf(root: Fields): string[] {
  const confs = root.source.card_level_confs;
  return Array.isArray(confs) ? confs.map((conf: unknown) => (conf as { level?: unknown } | null)?.level).filter((level): level is string => typeof level === 'string') : [];
}

/** 'Balance' or 'balance' → 'balance'; undefined for a name that is no card field. */
export function requestFieldOf(ruleValue: string): (typeof CARD_FIELD_OF)[FieldName] | undefined {
  if (Object.hasOwn(CARD_FIELD_OF, ruleValue)) return CARD_FIELD_OF[ruleValue as FieldName];
  return Object.values(CARD_FIELD_OF).find((key) => key === ruleValue);
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
