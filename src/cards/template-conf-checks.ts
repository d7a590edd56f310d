import { cardsFieldsText as f } from '../i18n/en/cards-fields.js';
import { cardsTemplatesText as t } from '../i18n/en/cards-templates.js';
import type { Fields } from './fields.js';

// The create reference's members beyond the query reference's
// (../shared/api/alipay.marketing.card.template.create.md, from the SDK models [N]; modify takes
// the same DTOs). "n/s" there (no length stated): checked as strings of any length.
const HTTP_URL = /^https?:\/\/\S+$/;

/** card_action_list[]: a link (url_type url, the default) or a mini program (miniAppUrl). */
export function checkAction(action: Fields): void {
  action.text('code', 32, true);
  action.text('text', 6, true);
  const urlType = action.oneOf('url_type', undefined, false, ['url', 'miniAppUrl']);
  // The reference: url is required when url_type is url or empty, mini_app_url when miniAppUrl.
  action.text('url', 1024, urlType === undefined && !action.has('url_type') ? true : urlType === 'url');
  const mini = action.object('mini_app_url', urlType === 'miniAppUrl');
  if (mini === undefined) return;
  mini.text('mini_app_id', undefined);
  mini.text('mini_page_param', undefined);
  mini.text('mini_query_param', undefined);
  // A String holding true or false: also show the button on the card list page.
  mini.oneOf('display_on_list', undefined, false, ['true', 'false']);
}

/** template_form_config: the join form's fields (at least one required; none both) and the mini program hosting it. */
export function checkFormConfig(conf: Fields | undefined): void {
  if (conf === undefined) return;
  conf.text('open_card_mini_app_id', undefined);
  const fields = conf.object('fields');
  if (fields === undefined) return;
  const required = fields.texts('required', undefined, true) ?? [];
  const optional = fields.texts('optional', undefined) ?? [];
  optional.forEach((name, i) => {
    if (required.includes(name)) fields.report(`optional[${i}]`, name, t.formFieldBoth());
  });
}

/** paid_outer_card_conf (special business only): selling, cycle selling and management links. */
export function checkPaidOuterCard(conf: Fields | undefined): void {
  if (conf === undefined) return;
  const cycle = conf.object('cycle_selling_conf');
  cycle?.bool('support_cycle_sell');
  cycle?.matching('cycle_selling_url', undefined, false, HTTP_URL, f.httpUrl());
  cycle?.texts('cycle_type', undefined);
  const manage = conf.object('manage_url_conf');
  for (const key of ['cycle_manage_url', 'downgrade_url', 'refund_url', 'renew_url', 'upgrade_url']) manage?.matching(key, undefined, false, HTTP_URL, f.httpUrl());
  const selling = conf.object('open_selling_conf');
  if (selling === undefined) return;
  const start = selling.timestamp('start_date', 19);
  const end = selling.timestamp('end_date', 19);
  if (start !== undefined && end !== undefined && end.getTime() <= start.getTime()) {
    selling.report('end_date', selling.source.end_date, f.afterDate({ field: 'start_date', date: String(selling.source.start_date) }));
  }
  selling.matching('selling_url', undefined, false, HTTP_URL, f.httpUrl());
  for (const price of selling.objects('price_detail') ?? []) {
    for (const key of ['price_type', 'price', 'worth', 'desc']) price.text(key, undefined);
  }
}
