import type { Command } from 'commander';
import { CARD_DELETE, DELETE_REASONS } from '../cards/card-delete.js';
import { CARD_NO_TYPES, CARD_QUERY } from '../cards/card-query.js';
import { CARD_UPDATE } from '../cards/card-update.js';
import type { MethodField } from '../cards/method-fields.js';
import { commonText } from '../i18n/en/common.js';
import { programCardText } from '../i18n/en/program-card.js';
import { programHelpText } from '../i18n/en/program-help.js';
import type { Text } from '../i18n/text.js';
import { hintValues } from './completion-hints.js';
import { examples, helpBlocks, later, textOption } from './help-blocks.js';
import type { Context } from './context.js';
import type { NamedOptions } from './named-options.js';

/**
 * Declares `name` under `parent` (what its command list shows); `define` gives it the rest when it
 * is about to run or any help is shown (program.ts).
 */
export type DeclareCommand = (parent: Command, name: string, description: Text, define: (command: Command) => void) => void;

/** What program.ts shares with these commands: its option parsers. */
export interface OptionParsers {
  collect: (value: string, previous?: string[]) => string[];
  attempts: (value: string) => number;
}

/**
 * Every flag of `fields` (a method's model, card open's), with its path and description
 * (`--point <value>  card_info.point: ...`), declared as the command line names it (`named`).
 */
export function fieldOptions(named: NamedOptions, command: Command, fields: readonly Pick<MethodField, 'flag' | 'path' | 'description'>[], skip: readonly string[] = []): void {
  for (const field of fields) {
    if (field.flag === undefined || skip.includes(field.flag)) continue;
    named.option(command, `--${field.flag} <value>`, later(commonText.pathed({ path: field.path, message: field.description })));
  }
}

/**
 * `card query`, `card update`, `card delete`, under `card`; each defined when it runs, its module
 * loaded then, with the options its command line names (`named`, as program.ts declares card open's).
 */
export function defineCardLifeCommands(card: Command, ctx: Context, parsers: OptionParsers, declare: DeclareCommand, named: NamedOptions): void {
  declare(card, 'query', programCardText.query(), (query) => {
    query.argument('<card-no>', later(programCardText.queryCardNo()));
    // A default: declared whether or not the command line names it.
    query.addOption(textOption('--type <type>', programCardText.queryType()).choices(CARD_NO_TYPES).default('BIZ_CARD'));
    fieldOptions(named, query, CARD_QUERY.fields, ['type']);
    named.option(query, '--max-attempts <n>', later(programHelpText.maxAttempts()), parsers.attempts);
    query
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card card query DEMO0000000001
  $ alipay-card card query DEMO0000000001 --user-id 2088302463082075 --json | jq .card_info.point`), programCardText.queryNotes()))
      .action(async (cardNo: string, opts) => (await import('./commands/card-query.js')).runCardQuery(ctx, cardNo, opts));
  });

  declare(card, 'update', programCardText.update(), (update) => {
    update.argument('<card-no>', later(programCardText.cardNo()));
    named.option(update, '--biz <json|@file|->', later(programHelpText.wholeBiz()));
    fieldOptions(named, update, CARD_UPDATE.fields);
    named.option(update, '--front-text <label=value>', later(programCardText.frontText({ path: 'card_info.front_text_list' })), parsers.collect);
    named.add(update, '--set <path=value>', (flags) => hintValues(textOption(flags, programCardText.updateSet()).argParser(parsers.collect),
      () => CARD_UPDATE.fields.map((field) => `${field.path}=`)));
    named.option(update, '--max-attempts <n>', later(programCardText.updateMaxAttempts()), parsers.attempts);
    update
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card card update DEMO0000000001 --point 188 --changed-point 100
  $ alipay-card card update DEMO0000000001 --level VIP2 --balance 50.00 --yes --json
  $ alipay-card card update DEMO0000000001 --template-id 20170308000000000058101000300045 --dry-run`), programCardText.updateNotes()))
      .action(async (cardNo: string, opts) => (await import('./commands/card-update.js')).runCardUpdate(ctx, cardNo, opts));
  });

  declare(card, 'delete', programCardText.delete(), (remove) => {
    remove.argument('<card-no>', later(programCardText.cardNo()));
    named.add(remove, '--reason <reason>', (flags) => textOption(flags, programCardText.deleteReason()).choices(Object.keys(DELETE_REASONS)));
    fieldOptions(named, remove, CARD_DELETE.fields, ['reason']);
    named.option(remove, '--max-attempts <n>', later(programHelpText.maxAttemptsSameSerial()), parsers.attempts);
    remove
      .addHelpText('after', helpBlocks(programCardText.deleteReasons({ reasons: Object.entries(DELETE_REASONS).map(([code, meaning]) => programCardText.deleteReasonRow({ code, meaning })) }), examples(`  $ alipay-card card delete DEMO0000000001 --reason USER_UNBUND
  $ alipay-card card delete DEMO0000000001 --reason CANCEL --yes --json`), programCardText.deleteNotes()))
      .action(async (cardNo: string, opts) => (await import('./commands/card-delete.js')).runCardDelete(ctx, cardNo, opts));
  });
}
