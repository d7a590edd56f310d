import { TEMPLATE_QUERY_METHOD } from '../cards/methods.js';
import { templateRulesOf, type TemplateRules } from '../cards/template-rules.js';
import { batchRowsText } from '../i18n/en/batch-rows.js';
import type { Text } from '../i18n/text.js';
import { sendWithRetries, type IssueDeps } from './issue-row.js';

/**
 * What a row needs of its template: the field rules and levels the gateway will hold its card open
 * to (DATE_IN_FUTURE among them, for ValidDate) — or why the template cannot be used.
 */
export type TemplateLookup = { rules: TemplateRules } | { problem: Text | string };

export interface TemplateSource {
  lookUp(templateId: string): Promise<TemplateLookup>;
}

/** Business answers about the template itself: they concern the rows that name it, not the run. */
const TEMPLATE_PROBLEMS = new Set(['TEMPLATE_NOT_EXIT', 'INVALID_PARAMETER', 'NO_CARD_TYPE']);

/**
 * Every row is checked against its template as `card open` checks a request: one template query
 * per template id per run, shared by every row that names it. A template that does not exist makes
 * its rows invalid; any other failure (the network, our signature, permissions) would fail every
 * row alike, so it stops the run instead.
 */
export class TemplateLookups implements TemplateSource {
  private readonly cache = new Map<string, Promise<TemplateLookup>>();

  constructor(private readonly deps: IssueDeps) {}

  lookUp(templateId: string): Promise<TemplateLookup> {
    let lookup = this.cache.get(templateId);
    if (lookup === undefined) {
      lookup = this.query(templateId);
      this.cache.set(templateId, lookup);
    }
    return lookup;
  }

  private async query(templateId: string): Promise<TemplateLookup> {
    const sent = await sendWithRetries(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: templateId }), retrySafe: true }, this.deps);
    if ('response' in sent) {
      const { node } = sent.response;
      return { rules: templateRulesOf(node) };
    }
    const { code, sub_code, sub_msg } = sent.failure;
    const said = [code, sub_code, sub_msg].filter(Boolean).join(' ');
    if (sub_code !== undefined && TEMPLATE_PROBLEMS.has(sub_code)) return { problem: batchRowsText.templateQueryFailed({ templateId, said }) };
    throw sent.failure.error;
  }
}
