import { Option, type Command } from 'commander';
import { CARD_DELETE, DELETE_REASONS } from '../cards/card-delete.js';
import { CARD_NO_TYPES, CARD_QUERY } from '../cards/card-query.js';
import { CARD_UPDATE } from '../cards/card-update.js';
import type { MethodModel } from '../cards/method-fields.js';
import { hintValues } from './completion-hints.js';
import type { Context } from './context.js';

/** What program.ts shares with these commands: its option parsers. */
export interface OptionParsers {
  collect: (value: string, previous?: string[]) => string[];
  attempts: (value: string) => number;
}

/** Every flag a method's model gives, with its path and description (`--point <value>  card_info.point: ...`). */
function modelOptions(command: Command, model: MethodModel, skip: readonly string[] = []): void {
  for (const field of model.fields) {
    if (field.flag === undefined || skip.includes(field.flag)) continue;
    command.option(`--${field.flag} <value>`, `${field.path}: ${field.description}`);
  }
}

/** `card query`, `card update`, `card delete`, under `card`; each command module loads only when it runs. */
export function defineCardLifeCommands(card: Command, ctx: Context, parsers: OptionParsers): void {
  const query = card
    .command('query')
    .description('look a card up (alipay.marketing.card.query)')
    .argument('<card-no>', 'the card number (biz_card_no from card open; with --type, a code or external number)')
    .addOption(new Option('--type <type>', 'what <card-no> is (target_card_no_type)').choices(CARD_NO_TYPES).default('BIZ_CARD'));
  modelOptions(query, CARD_QUERY, ['type']);
  query
    .option('--max-attempts <n>', 'attempts on transient errors (default 3)', parsers.attempts)
    .addHelpText('after', `
Examples:
  $ alipay-card card query DEMO0000000001
  $ alipay-card card query DEMO0000000001 --user-id 2088302463082075 --json | jq .card_info.point
A deleted card is not found (CARD_NOT_EXIT, exit 4). "in wallet" is no when schema_url is empty.
`)
    .action(async (cardNo: string, opts) => (await import('./commands/card-query.js')).runCardQuery(ctx, cardNo, opts));

  const update = card
    .command('update')
    .description('change a card: points, balance, level, texts, template (alipay.marketing.card.update)')
    .argument('<card-no>', 'the card number (biz_card_no from card open)')
    .option('--biz <json|@file|->', 'the whole biz_content as JSON (--set and the field flags override it)');
  modelOptions(update, CARD_UPDATE);
  update
    .option('--front-text <label=value>', 'a line of card_info.front_text_list (repeatable, at most 4)', parsers.collect)
    .addOption(hintValues(new Option('--set <path=value>', 'set a biz_content field by path; path:=json sets a JSON value (repeatable)').argParser(parsers.collect),
      () => CARD_UPDATE.fields.map((field) => `${field.path}=`)))
    .option('--max-attempts <n>', 'attempts on transient errors (an update sets values: a resend is harmless; default 3)', parsers.attempts)
    .addHelpText('after', `
Examples:
  $ alipay-card card update DEMO0000000001 --point 188 --changed-point 100
  $ alipay-card card update DEMO0000000001 --level VIP2 --balance 50.00 --yes --json
  $ alipay-card card update DEMO0000000001 --template-id 20170308000000000058101000300045 --dry-run
Every field is checked before anything is sent; the card is then looked up and a level checked
against its template's levels (the new template's, with --template-id). open_date and valid_date
cannot be changed (Alipay ignores them) and are refused. On a terminal the current values are shown
beside the new ones and confirmed; --yes skips that.
`)
    .action(async (cardNo: string, opts) => (await import('./commands/card-update.js')).runCardUpdate(ctx, cardNo, opts));

  const reasons = Object.entries(DELETE_REASONS).map(([code, meaning]) => `  ${code.padEnd(12)} ${meaning}`).join('\n');
  const remove = card
    .command('delete')
    .description('cancel a card: --reason USER_UNBUND|CANCEL|PRESENT (alipay.marketing.card.delete)')
    .argument('<card-no>', 'the card number (biz_card_no from card open)')
    .addOption(new Option('--reason <reason>', 'why (reason_code)').choices(Object.keys(DELETE_REASONS)));
  modelOptions(remove, CARD_DELETE, ['reason']);
  remove
    .option('--max-attempts <n>', 'attempts on transient errors, same out_serial_no each time (default 3)', parsers.attempts)
    .addHelpText('after', `
Reasons:
${reasons}

Examples:
  $ alipay-card card delete DEMO0000000001 --reason USER_UNBUND
  $ alipay-card card delete DEMO0000000001 --reason CANCEL --yes --json
The out_serial_no is printed on stderr before sending: a retry with --out-serial-no deletes once.
CANCEL asks you to type the card number on a terminal, and needs --yes without one. A card already
deleted is reported with a note and exit 0 (sub_code CARD_IS_DELETED_ALREADY under --json).
`)
    .action(async (cardNo: string, opts) => (await import('./commands/card-delete.js')).runCardDelete(ctx, cardNo, opts));
}
