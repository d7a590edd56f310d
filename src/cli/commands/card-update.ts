import { CARD_QUERY_METHOD, CARD_UPDATE_METHOD } from '../../cards/methods.js';
import { CARD_UPDATE, emptyChangeProblems, levelProblem, validateCardUpdate } from '../../cards/card-update.js';
import { fieldProblem, problemText, type FieldProblem } from '../../cards/problems.js';
import type { GatewayClient } from '../../client/client.js';
import { shellQuote } from '../../config/shell-word.js';
import { CliError, InterruptedError, UsageError } from '../../errors.js';
import { awaitingAnswer } from '../interrupt.js';
import { cardCommandsCommonText } from '../../i18n/en/card-commands-common.js';
import { cardCommandsLifeText } from '../../i18n/en/card-commands-life.js';
import { local } from '../../i18n/text.js';
import { formatTimestamp } from '../../protocol/index.js';
import { loadStyle } from '../../render/style.js';
import { outputFormat, useColor, writeLine, type Context } from '../context.js';
import { confirmationMode } from '../prompts.js';
import { parseKeyValue } from '../input.js';
import { bizFromModel, cardNamedBy, printNode, refuseProblems, withGateway, type CardCallOptions } from './card-call.js';
import { templateLevelsOf } from './card-query.js';

/**
 * `card update <card-no>`: every field checked before anything is sent; then the card is looked
 * up (its current values, its template), a level checked against that template's levels (or the
 * new template's, with --template-id), the change shown beside the current values and confirmed on
 * a terminal, and sent. An update sets absolute values, so a retry is harmless.
 */
export async function runCardUpdate(ctx: Context, cardNo: string, opts: CardCallOptions): Promise<void> {
  const base = { target_card_no: cardNo, target_card_no_type: 'BIZ_CARD', occur_time: formatTimestamp(ctx.now()) };
  const { biz, problems, labelOf } = await bizFromModel(ctx, CARD_UPDATE, opts, base, cardNamedBy(cardNo));
  if (opts.frontText?.length) {
    (biz.card_info as Record<string, unknown> | undefined) ?? (biz.card_info = {});
    (biz.card_info as Record<string, unknown>).front_text_list = opts.frontText.map((item) => {
      const [label, value] = parseKeyValue('--front-text', item, '专业=金融');
      return { label, value };
    });
  }
  const empty = emptyChangeProblems(biz.card_info);
  // An empty member is what to fix, not "nothing to change".
  const checked = validateCardUpdate(biz).filter((p) => !problems.some((q) => q.path === p.path) && !(empty.length > 0 && p.path === 'card_info'));
  refuseProblems([...problems, ...empty, ...checked], labelOf);
  // Before anything is sent: a person who cannot be asked is told now (a dry run asks nothing).
  const confirm = ctx.globals.dryRun ? 'skip' : confirmationMode(ctx, 'card update');
  if (ctx.globals.dryRun) noteUnchecked(ctx, biz.card_info as Record<string, unknown>, labelOf);

  await withGateway(ctx, { method: CARD_UPDATE_METHOD, biz }, opts, async (client, shown) => {
    const info = biz.card_info as Record<string, unknown>;
    const current = await currentCard(client, cardNo);
    refuseProblems(await templateProblems(client, info, current), labelOf);
    const { changeRows, renderUpdatedCard } = await import('../../render/card-state.js');
    const rows = changeRows(current, info);
    if (confirm === 'ask') await confirmChange(ctx, cardNo, rows);
    const response = await awaitingAnswer(ctx, client.call(CARD_UPDATE_METHOD, { bizContent: JSON.stringify(biz), retrySafe: true }), CARD_UPDATE_METHOD).catch((err: unknown) =>
      Promise.reject(err instanceof InterruptedError ? err.withChange({ hint: cardCommandsLifeText.interruptedUpdate({ word: shellQuote(cardNo) }) }) : err));
    if (outputFormat(ctx) !== 'table') return printNode(ctx, response);
    ctx.stdout.write(renderUpdatedCard(cardNo, rows, await loadStyle(useColor(ctx)), shown));
  });
}

/** What only the card's lookup checks (its template's levels, a new template): a dry run looks nothing up, and says so. */
function noteUnchecked(ctx: Context, info: Record<string, unknown>, labelOf: (path: string) => string | undefined): void {
  const field = (path: string) => (labelOf(path) ? `${path} [${labelOf(path)}]` : path);
  if (info.template_id !== undefined) writeLine(ctx.stderr, local(cardCommandsLifeText.templateUncheckedDryRun({ field: field('card_info.template_id') })));
  else if (info.level !== undefined) writeLine(ctx.stderr, local(cardCommandsLifeText.levelUncheckedDryRun({ field: field('card_info.level') })));
}

/** The card's card_info now; undefined when the gateway will not say (the update then answers for itself). */
async function currentCard(client: Pick<GatewayClient, 'call'>, cardNo: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { node } = await client.call(CARD_QUERY_METHOD, { bizContent: JSON.stringify({ target_card_no: cardNo, target_card_no_type: 'BIZ_CARD' }), retrySafe: true });
    return node.card_info as Record<string, unknown> | undefined;
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    throw err.withChange({ message: cardCommandsLifeText.lookingUpCard({ cardNo, message: err.text }) });
  }
}

/** A level (given, or kept when the card moves) that the card's template — or its new one — does not define. */
async function templateProblems(client: Pick<GatewayClient, 'call'>, info: Record<string, unknown>, current: Record<string, unknown> | undefined): Promise<FieldProblem[]> {
  const templateId = typeof info.template_id === 'string' ? info.template_id : typeof current?.template_id === 'string' ? current.template_id : undefined;
  const level = info.level ?? (info.template_id !== undefined ? current?.level : undefined);
  if (templateId === undefined || level === undefined) return [];
  try {
    const levels = (await templateLevelsOf(client, templateId)).map((l) => l.level);
    const problem = levelProblem(levels, level, templateId);
    return problem ? [info.level === undefined ? fieldProblem(problem.path, problem.value, cardCommandsLifeText.levelKept({ problem: problemText(problem), level: String(level) })) : problem] : [];
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    throw err.withChange({ message: cardCommandsLifeText.lookingUpTemplate({ templateId, message: err.text }) });
  }
}

async function confirmChange(ctx: Context, cardNo: string, rows: ReadonlyArray<[string, string, string]>): Promise<void> {
  const { getPrompter } = await import('../prompts.js');
  const width = Math.max(...rows.map(([key]) => key.length));
  writeLine(ctx.stderr, local(cardCommandsLifeText.aboutToUpdate({ cardNo })));
  for (const [key, was, now] of rows) writeLine(ctx.stderr, `  ${key.padEnd(width)}  ${was} → ${now}`);
  if (!(await (await getPrompter(ctx)).confirm({ message: local(cardCommandsLifeText.updateIt()), default: true }))) {
    throw new UsageError(cardCommandsCommonText.notConfirmed(), { hint: cardCommandsCommonText.yesSkips() });
  }
}
