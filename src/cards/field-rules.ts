import { cardsCardOpenText as t } from '../i18n/en/cards-card-open.js';
import { formatTimestamp, parseTimestamp } from '../protocol/index.js';
import type { MerchantCard } from './card-open.js';
import { fieldProblem, type FieldProblem } from './fields.js';
import { FUTURE_OFFSET, requestFieldOf } from './template-columns.js';
import { CARD_FIELD_OF, type TemplateDefinition } from './template.js';

export type DerivedCard = { cardInfo: MerchantCard } | { problems: FieldProblem[] };

/**
 * The card as the template's field_rule_list makes it from a card open request's card_ext_info:
 * CONST fields take the rule's value, DATE_IN_FUTURE dates are `now` plus the rule's months or
 * days, ASSIGN_FROM_REQUEST fields are copied from the request (which must then carry them). A
 * level must be one the template defines. `biz_card_no` is not assigned here: that needs state.
 */
export function deriveCardInfo(template: TemplateDefinition, request: MerchantCard, now: Date): DerivedCard {
  const problems: FieldProblem[] = [];
  const { biz_card_no: _ignored, ...card } = request;
  const fields = card as Record<string, unknown>;
  for (const rule of template.field_rule_list ?? []) {
    const target = CARD_FIELD_OF[rule.field_name];
    if (rule.rule_name === 'CONST') fields[target] = rule.rule_value;
    else if (rule.rule_name === 'DATE_IN_FUTURE') fields[target] = dateInFuture(now, rule.rule_value);
    else {
      const source = requestFieldOf(rule.rule_value) ?? target;
      const value = request[source];
      if (value === undefined || value === null || value === '') {
        problems.push(fieldProblem(`card_ext_info.${source}`, value, t.requiredByRule({ field: rule.field_name })));
      } else fields[target] = value;
    }
  }
  const levels = (template.card_level_confs ?? []).map((conf) => conf.level);
  if (levels.length > 0 && typeof card.level === 'string' && card.level !== '' && !levels.includes(card.level)) {
    problems.push(fieldProblem('card_ext_info.level', card.level, t.notTemplateLevel({ levels: levels.join(', ') })));
  }
  const open = parseTimestamp(String(card.open_date));
  const valid = parseTimestamp(String(card.valid_date));
  if (open && valid && valid.getTime() <= open.getTime()) {
    problems.push(fieldProblem('card_ext_info.valid_date', card.valid_date, t.afterOpenDateRuled({ date: String(card.open_date) })));
  }
  return problems.length > 0 ? { problems } : { cardInfo: card };
}

/** now + '10m' (calendar months, day clamped to the month's end) or '10d', in Beijing time. */
export function dateInFuture(now: Date, offset: string): string {
  const match = FUTURE_OFFSET.exec(offset);
  if (!match) throw new RangeError(`DATE_IN_FUTURE offset ${JSON.stringify(offset)} is not like 10m or 10d`);
  const count = Number(match[1]);
  if (match[2] === 'd') return formatTimestamp(new Date(now.getTime() + count * 86_400_000));
  const [date, time] = formatTimestamp(now).split(' ') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const months = year * 12 + (month - 1) + count;
  const y = Math.floor(months / 12);
  const m = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(Math.min(day, lastDay))} ${time}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
