import { CARD_QUERY, validateCardQuery } from '../../cards/card-query.js';
import { CARD_QUERY_METHOD, TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import { templateLevels, templateRulesOf } from '../../cards/template-rules.js';
import type { GatewayClient } from '../../client/client.js';
import { CliError } from '../../errors.js';
import { loadStyle } from '../../render/style.js';
import { outputFormat, useColor, type Context } from '../context.js';
import { bizFromModel, printNode, refuseProblems, withGateway, type CardCallOptions } from './card-call.js';

/** `card query <card-no>`: the card as it stands, with its level's name from its template. */
export async function runCardQuery(ctx: Context, cardNo: string, opts: CardCallOptions): Promise<void> {
  const base: Record<string, unknown> = { target_card_no: cardNo, target_card_no_type: 'BIZ_CARD' };
  if (typeof opts.userId === 'string') base['card_user_info.user_uni_id_type'] = 'UID';
  const { biz, problems, labelOf } = await bizFromModel(ctx, CARD_QUERY, opts, base);
  refuseProblems([...problems, ...validateCardQuery(biz).filter((p) => !problems.some((q) => q.path === p.path))], labelOf);
  await withGateway(ctx, { method: CARD_QUERY_METHOD, biz }, opts, async (client, shown) => {
    const response = await client.call(CARD_QUERY_METHOD, { bizContent: JSON.stringify(biz), retrySafe: true });
    if (outputFormat(ctx) !== 'table') return printNode(ctx, response);
    const card = (response.node.card_info ?? {}) as Record<string, unknown>;
    const levelName = await levelNameOf(client, card);
    const { renderQueriedCard } = await import('../../render/card-state.js');
    ctx.stdout.write(renderQueriedCard(response.node, levelName, await loadStyle(useColor(ctx)), shown));
  });
}

/** The name the card's template gives its level ('白金会员'); none when the template cannot be read. */
export async function levelNameOf(client: Pick<GatewayClient, 'call'>, card: Record<string, unknown>): Promise<string | undefined> {
  if (typeof card.level !== 'string' || typeof card.template_id !== 'string') return undefined;
  const levels = await templateLevelsOf(client, card.template_id).catch((err: unknown) => (err instanceof CliError ? [] : Promise.reject(err)));
  return levels.find((l) => l.level === card.level)?.name;
}

export async function templateLevelsOf(client: Pick<GatewayClient, 'call'>, templateId: string): Promise<Array<{ level: string; name: string }>> {
  const { node } = await client.call(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: templateId }), retrySafe: true });
  return templateLevels(templateRulesOf(node));
}
