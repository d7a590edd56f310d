import { Option, type Command } from 'commander';
import { CARD_DELETE, DELETE_REASONS } from '../cards/card-delete.js';
import { CARD_NO_TYPES, CARD_QUERY } from '../cards/card-query.js';
import { CARD_UPDATE } from '../cards/card-update.js';
import type { MethodModel } from '../cards/method-fields.js';
import { commonText } from '../i18n/en/common.js';
import { programCardText } from '../i18n/en/program-card.js';
import { programHelpText } from '../i18n/en/program-help.js';
import { local, type Text } from '../i18n/text.js';
import { hintValues } from './completion-hints.js';
import { examples, helpBlocks } from './help-blocks.js';
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
    command.option(`--${field.flag} <value>`, local(commonText.pathed({ path: field.path, message: field.description })));
  }
}

/** `card query`, `card update`, `card delete`, under `card`; each command module loads only when it runs. */
export function defineCardLifeCommands(card: Command, ctx: Context, parsers: OptionParsers): void {
  const query = card
    .command('query')
    .description(local(programCardText.query()))
    .argument('<card-no>', local(programCardText.queryCardNo()))
    .addOption(new Option('--type <type>', local(programCardText.queryType())).choices(CARD_NO_TYPES).default('BIZ_CARD'));
  modelOptions(query, CARD_QUERY, ['type']);
  query
    .option('--max-attempts <n>', local(programHelpText.maxAttempts()), parsers.attempts)
    .addHelpText('after', helpBlocks(examples(`  $ alipay-card card query DEMO0000000001
  $ alipay-card card query DEMO0000000001 --user-id 2088302463082075 --json | jq .card_info.point`), programCardText.queryNotes()))
    .action(async (cardNo: string, opts) => (await import('./commands/card-query.js')).runCardQuery(ctx, cardNo, opts));

  const update = card
    .command('update')
    .description(local(programCardText.update()))
    .argument('<card-no>', local(programCardText.cardNo()))
    .option('--biz <json|@file|->', local(programHelpText.wholeBiz()));
  modelOptions(update, CARD_UPDATE);
  update
    .option('--front-text <label=value>', local(programCardText.frontText({ path: 'card_info.front_text_list' })), parsers.collect)
    .addOption(hintValues(new Option('--set <path=value>', local(programCardText.updateSet())).argParser(parsers.collect),
      () => CARD_UPDATE.fields.map((field) => `${field.path}=`)))
    .option('--max-attempts <n>', local(programCardText.updateMaxAttempts()), parsers.attempts)
    .addHelpText('after', helpBlocks(examples(`  $ alipay-card card update DEMO0000000001 --point 188 --changed-point 100
  $ alipay-card card update DEMO0000000001 --level VIP2 --balance 50.00 --yes --json
  $ alipay-card card update DEMO0000000001 --template-id 20170308000000000058101000300045 --dry-run`), programCardText.updateNotes()))
    .action(async (cardNo: string, opts) => (await import('./commands/card-update.js')).runCardUpdate(ctx, cardNo, opts));

  const remove = card
    .command('delete')
    .description(local(programCardText.delete()))
    .argument('<card-no>', local(programCardText.cardNo()))
    .addOption(new Option('--reason <reason>', local(programCardText.deleteReason())).choices(Object.keys(DELETE_REASONS)));
  modelOptions(remove, CARD_DELETE, ['reason']);
  remove
    .option('--max-attempts <n>', local(programHelpText.maxAttemptsSameSerial()), parsers.attempts)
    .addHelpText('after', helpBlocks(programCardText.deleteReasons(), examples(`  $ alipay-card card delete DEMO0000000001 --reason USER_UNBUND
  $ alipay-card card delete DEMO0000000001 --reason CANCEL --yes --json`), programCardText.deleteNotes()))
    .action(async (cardNo: string, opts) => (await import('./commands/card-delete.js')).runCardDelete(ctx, cardNo, opts));
}
