// `card query`, `card update` and `card delete`: their refusals, confirmations and notes.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** --biz or --set naming another card than the <card-no> argument. */
  namedElsewhere: (p: { label: string; value: string; source: string; path: string }) =>
    `${p.label} says ${p.value} and ${p.source} another: the command acts on what ${p.label} says, so leave ${p.path} out of ${p.source} or give the same value`,
  bizHint: `pass a JSON object, e.g. --biz '{"card_info":{"point":"88"}}', or --biz @update.json`,

  // card update
  /** A level the card keeps as it moves to a template that does not define it. */
  levelKept: (p: { problem: string; level: string }) => `${p.problem}: the card's level ${p.level} is not one; give --level too`,
  lookingUpCard: (p: { cardNo: string; message: string }) => `looking card ${p.cardNo} up (the update was not sent): ${p.message}`,
  lookingUpTemplate: (p: { templateId: string; message: string }) => `looking up template ${p.templateId} (the update was not sent): ${p.message}`,
  /** --dry-run: what the real run checks once the card and its template are looked up. */
  levelUncheckedDryRun: (p: { field: string }) => `note: a dry run looks nothing up: ${p.field} was not checked against the levels of the card's template`,
  templateUncheckedDryRun: (p: { field: string }) => `note: a dry run looks nothing up: ${p.field} was not checked to be a template of this app, nor the card's level against its levels`,
  aboutToUpdate: (p: { cardNo: string }) => `About to update card ${p.cardNo}:`,
  updateIt: 'Update it?',

  // card delete
  /** `word`: the serial as one shell word, quoted where it must be, to paste. */
  serialRetry: (p: { outSerialNo: string; word: string }) => `out_serial_no: ${p.outSerialNo} (to retry safely: --out-serial-no ${p.word})`,
  alreadyDeleted: (p: { cardNo: string; reason: string }) => `note: card ${p.cardNo} was already deleted with reason_code ${p.reason} (CARD_IS_DELETED_ALREADY): nothing more to do`,
  /** CARD_IS_DELETED_ALREADY not naming the card's reason (Alipay's own), for USER_UNBUND or PRESENT. */
  alreadyDeletedReasonUnsaid: (p: { cardNo: string }) => `note: card ${p.cardNo} was already deleted (CARD_IS_DELETED_ALREADY), with a reason_code the gateway does not say: nothing more to do`,
  /** CARD_IS_DELETED_ALREADY for a card that holds another reason than the one asked. */
  deletedWithOther: (p: { cardNo: string; held: string; meaning: string; reason: string }) =>
    `card ${p.cardNo} was already deleted with reason_code ${p.held} (${p.meaning}): --reason ${p.reason} was not applied`,
  deletedWithOtherHint: (p: { held: string }) => `a deleted card cannot be deleted again: it keeps reason_code ${p.held}`,
  /** CARD_IS_DELETED_ALREADY whose sub_msg does not say which reason the card holds (Alipay's own gateway). */
  deletedReasonUnknown: (p: { cardNo: string; reason: string }) =>
    `card ${p.cardNo} is deleted (CARD_IS_DELETED_ALREADY), and the gateway does not say with which reason: --reason ${p.reason} is not known to be applied, and the card may be one a member can bind again`,
  deletedReasonUnknownHint: 'it was, if an earlier attempt of this same delete (a timeout, a lost answer) was the one that deleted it; a deleted card cannot be deleted again, so no run of card delete can tell or change its reason now',
  /** Ctrl-C while an update was on its way. */
  interruptedUpdate: (p: { word: string }) => `\`alipay-card card query ${p.word}\` shows the card as it is now; an update sets absolute values, so running the same command again leaves the card as asked (a message to the member it carries, merchant_card_msg_info, would be sent again)`,
  /** Ctrl-C while a delete was on its way. */
  interruptedDelete: (p: { word: string }) => `to retry safely, run the same command with --out-serial-no ${p.word}: a card already deleted is reported as such`,
  cancelNeedsYes: (p: { meaning: string }) => `card delete --reason CANCEL needs --yes without a terminal: ${p.meaning}`,
  cancelNeedsYesHint: (p: { cardNo: string }) => `add --yes to delete card ${p.cardNo} for good`,
  aboutToDelete: (p: { cardNo: string; reason: string; meaning: string }) => `About to delete card ${p.cardNo} (${p.reason}: ${p.meaning}).`,
  typeCardNo: (p: { cardNo: string }) => `Type the card number ${p.cardNo} to delete it for good`,
  deleteIt: 'Delete it?',
} satisfies Entries);

export type CardCommandsLifeEntries = ReturnType<typeof entries>;
export const cardCommandsLifeText = messages('card-commands-life', entries);
