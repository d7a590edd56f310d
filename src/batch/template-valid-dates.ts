import { validDateRuleOf } from '../cards/card-open-defaults.js';
import { sendWithRetries, TEMPLATE_QUERY_METHOD, type IssueDeps } from './issue-row.js';

/** A template's DATE_IN_FUTURE offset for ValidDate, or why a row cannot get one from it. */
export type ValidDateRule = { offset: string } | { none: true } | { problem: string };

export interface ValidDateRules {
  ruleFor(templateId: string): Promise<ValidDateRule>;
}

/** Business answers about the template itself: they concern the rows that name it, not the run. */
const TEMPLATE_PROBLEMS = new Set(['TEMPLATE_NOT_EXIT', 'INVALID_PARAMETER', 'NO_CARD_TYPE']);

/**
 * Rows without valid_date get it as `card open` does, from the template's DATE_IN_FUTURE rule for
 * ValidDate: one template query per template id per run, shared by every row that names it.
 * A template that does not exist makes its rows invalid; any other failure (the network, our
 * signature, permissions) would fail every row alike, so it stops the run instead.
 */
export class TemplateValidDates implements ValidDateRules {
  private readonly cache = new Map<string, Promise<ValidDateRule>>();

  constructor(private readonly deps: IssueDeps) {}

  ruleFor(templateId: string): Promise<ValidDateRule> {
    let rule = this.cache.get(templateId);
    if (rule === undefined) {
      rule = this.query(templateId);
      this.cache.set(templateId, rule);
    }
    return rule;
  }

  private async query(templateId: string): Promise<ValidDateRule> {
    const sent = await sendWithRetries(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: templateId }), retrySafe: true }, this.deps);
    if ('response' in sent) {
      const offset = validDateRuleOf(sent.response.node);
      return offset === undefined ? { none: true } : { offset };
    }
    const { code, sub_code, sub_msg } = sent.failure;
    const said = [code, sub_code, sub_msg].filter(Boolean).join(' ');
    if (sub_code !== undefined && TEMPLATE_PROBLEMS.has(sub_code)) return { problem: `template query for ${templateId} failed: ${said}` };
    throw sent.failure.error;
  }
}
