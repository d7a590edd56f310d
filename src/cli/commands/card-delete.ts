import { randomBytes } from 'node:crypto';
import { generateOutSerialNo } from '../../cards/card-open-fields.js';
import { CARD_DELETE, DELETE_REASONS, validateCardDelete, type DeleteReason } from '../../cards/card-delete.js';
import { deletedAsAsked, heldReason } from '../../cards/deleted-already.js';
import { CARD_DELETE_METHOD } from '../../cards/methods.js';
import type { GatewayResponse } from '../../client/response.js';
import { shellQuote } from '../../config/shell-word.js';
import { GatewayError, InterruptedError, UsageError } from '../../errors.js';
import { awaitingAnswer } from '../interrupt.js';
import { cardCommandsCommonText } from '../../i18n/en/card-commands-common.js';
import { cardCommandsLifeText } from '../../i18n/en/card-commands-life.js';
import { local } from '../../i18n/text.js';
import { loadStyle } from '../../render/style.js';
import { canPrompt, outputFormat, useColor, writeLine, type Context } from '../context.js';
import { confirmationMode } from '../prompts.js';
import { bizFromModel, printNode, refuseProblems, withGateway, type CardCallOptions } from './card-call.js';

/**
 * `card delete <card-no> --reason R`. The out_serial_no is printed before sending, so a retry with
 * it deletes once. A card deleted already (CARD_IS_DELETED_ALREADY) with the reason asked is what
 * was asked for: exit 0 with a note, the node as sent under --json; so is one whose reason the
 * gateway does not name, unless CANCEL was asked (deletedAsAsked). With another reason, or CANCEL
 * unconfirmed, this request's reason was not applied: exit 4, the gateway's answer, saying which
 * reason the card holds, so a script asking for CANCEL can tell. CANCEL (the member can never bind again) needs the
 * card number typed on a terminal, and --yes without one.
 */
export async function runCardDelete(ctx: Context, cardNo: string, opts: CardCallOptions): Promise<void> {
  const base = { out_serial_no: generateOutSerialNo(ctx.now(), randomBytes(8)), target_card_no: cardNo, target_card_no_type: 'BIZ_CARD' };
  const { biz, problems, labelOf } = await bizFromModel(ctx, CARD_DELETE, opts, base);
  refuseProblems([...problems, ...validateCardDelete(biz).filter((p) => !problems.some((q) => q.path === p.path))], labelOf);
  const reason = String(biz.reason_code);
  const outSerialNo = String(biz.out_serial_no);
  // Before anything is sent: a person who cannot be asked is told now (a dry run asks nothing).
  if (!ctx.globals.dryRun && !ctx.globals.yes && !canPrompt(ctx)) refuseUnasked(ctx, cardNo, reason);
  await withGateway(ctx, { method: CARD_DELETE_METHOD, biz }, opts, async (client, shown) => {
    await confirmDelete(ctx, cardNo, reason);
    writeLine(ctx.stderr, local(cardCommandsLifeText.serialRetry({ outSerialNo, word: shellQuote(outSerialNo) })));
    let response: GatewayResponse;
    let held: string | undefined;
    try {
      response = await awaitingAnswer(ctx, client.call(CARD_DELETE_METHOD, { bizContent: JSON.stringify(biz), retrySafe: true }), CARD_DELETE_METHOD);
    } catch (err) {
      if (err instanceof InterruptedError) throw err.withChange({ hint: cardCommandsLifeText.interruptedDelete({ word: shellQuote(outSerialNo) }) });
      const failure = err instanceof GatewayError ? (err.failure as { response: GatewayResponse } | undefined) : undefined;
      if (failure?.response.node.sub_code !== 'CARD_IS_DELETED_ALREADY') throw err;
      if (!deletedAsAsked(failure.response.node.sub_msg, reason)) throw notAsAsked(err as GatewayError, cardNo, reason, heldReason(failure.response.node.sub_msg));
      response = failure.response;
      held = heldReason(failure.response.node.sub_msg);
      writeLine(ctx.stderr, local(held === undefined ? cardCommandsLifeText.alreadyDeletedReasonUnsaid({ cardNo }) : cardCommandsLifeText.alreadyDeleted({ cardNo, reason })));
    }
    if (outputFormat(ctx) !== 'table') return printNode(ctx, response);
    const { renderDeletedCard } = await import('../../render/card-state.js');
    // Never a reason the card may not hold: the one it holds, else (the gateway did not say) "?".
    const shownReason = response.node.sub_code === 'CARD_IS_DELETED_ALREADY' ? (held ?? '?') : reason;
    ctx.stdout.write(renderDeletedCard(cardNo, outSerialNo, shownReason, response.node, await loadStyle(useColor(ctx)), shown));
  });
}

/** A card deleted before with another reason (or one the gateway does not say): this request's reason was not applied. */
function notAsAsked(err: GatewayError, cardNo: string, reason: string, held: DeleteReason | undefined): GatewayError {
  if (held === undefined) return err.withChange({ message: cardCommandsLifeText.deletedReasonUnknown({ cardNo, reason }), hint: cardCommandsLifeText.deletedReasonUnknownHint() });
  return err.withChange({ message: cardCommandsLifeText.deletedWithOther({ cardNo, held, meaning: DELETE_REASONS[held], reason }), hint: cardCommandsLifeText.deletedWithOtherHint({ held }) });
}

/** No question can be asked: CANCEL wants --yes from anyone, another reason from a person at the keyboard (confirmationMode). */
function refuseUnasked(ctx: Context, cardNo: string, reason: string): void {
  const meaning = DELETE_REASONS[reason as keyof typeof DELETE_REASONS];
  if (reason === 'CANCEL') throw new UsageError(cardCommandsLifeText.cancelNeedsYes({ meaning }), { hint: cardCommandsLifeText.cancelNeedsYesHint({ cardNo }) });
  confirmationMode(ctx, 'card delete');
}

async function confirmDelete(ctx: Context, cardNo: string, reason: string): Promise<void> {
  if (ctx.globals.yes || !canPrompt(ctx)) return;
  const meaning = DELETE_REASONS[reason as keyof typeof DELETE_REASONS];
  const { getPrompter } = await import('../prompts.js');
  const prompt = await getPrompter(ctx);
  writeLine(ctx.stderr, local(cardCommandsLifeText.aboutToDelete({ cardNo, reason, meaning })));
  const confirmed = reason === 'CANCEL'
    ? (await prompt.input({ message: local(cardCommandsLifeText.typeCardNo({ cardNo })) })) === cardNo
    : await prompt.confirm({ message: local(cardCommandsLifeText.deleteIt()), default: false });
  if (!confirmed) throw new UsageError(cardCommandsCommonText.notConfirmed(), { hint: cardCommandsCommonText.yesSkips() });
}
