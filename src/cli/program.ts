import { Argument, Command, Help, InvalidArgumentError, Option, type AddHelpTextContext, type AddHelpTextPosition } from 'commander';
import { cardOpenFields } from '../cards/card-open-fields.js';
import { defineCardLifeCommands, fieldOptions, type DeclareCommand } from './card-life-program.js';
import { commandWordAt, globalFlagGiven, helpAsked, withoutGlobalFlags } from './command-word.js';
import { hintValues, type ValueHint } from './completion-hints.js';
import { MAX_TIMEOUT_MS } from '../config/timeouts.js';
import { commonText } from '../i18n/en/common.js';
import { programCardText } from '../i18n/en/program-card.js';
import { programCommandsText } from '../i18n/en/program-commands.js';
import { programHelpText } from '../i18n/en/program-help.js';
import { programTemplatesText } from '../i18n/en/program-templates.js';
import { languageFlag } from '../i18n/language.js';
import { LANGUAGES, local, Text } from '../i18n/text.js';
import { localCommanderError, localHelp } from './commander-words.js';
import { examples, helpBlocks, later, TextArgument, TextOption, textOption, type HelpBlocks } from './help-blocks.js';
import { NamedOptions } from './named-options.js';
import { boxWrap, fitHelpText } from '../render/help-text.js';
import { textWidth } from '../render/wrap.js';
import { useColor, type Context, type GlobalOptions } from './context.js';
import { DEFAULT_WIDTH, terminalWidth } from './terminal-width.js';

function timeoutMs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0 || Number(value) > MAX_TIMEOUT_MS) {
    throw new InvalidArgumentError(local(programHelpText.timeoutInvalid({ max: MAX_TIMEOUT_MS, got: JSON.stringify(value) })));
  }
  return Number(value);
}

function attempts(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10) {
    throw new InvalidArgumentError(local(programHelpText.attemptsInvalid({ got: JSON.stringify(value) })));
  }
  return Number(value);
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Commander's own for ASCII text (start-up: English help pays nothing for this); CJK wraps between characters. */
function wrapDescription(this: Help, text: string, width: number): string {
  if (!NON_ASCII.test(text)) return Help.prototype.boxWrap.call(this, text, width);
  return width < this.minWidthToWrap ? text : boxWrap(text, width, (s) => this.displayWidth(s));
}

/** Columns, a CJK character two (commander counts one); commander's own for ASCII text. */
function displayWidth(this: Help, text: string): number {
  return NON_ASCII.test(text) ? textWidth(text) : Help.prototype.displayWidth.call(this, text);
}

/**
 * Commander suggests the option nearest by edit distance, so `--user` got `--set` (3 edits) over
 * `--user-id` (3 too): an option the typed one begins is what a person abbreviated, so say those.
 */
class CliCommand extends Command {
  /** Defines every command declared but not yet defined (buildProgram). */
  defineAll?: () => void;
  /** Declares every option the command line did not name (NamedOptions.declareAll). */
  declareOptions?: () => void;

  override createCommand(name?: string): Command {
    return new CliCommand(name);
  }

  #text: Text | undefined;

  /**
   * A description from the catalogue (given through later()) is rendered when help reads it: a run
   * that shows no help (a command, `--version`) builds none of the help's sections.
   */
  override description(): string;
  override description(str: string, argsDescription?: Record<string, string>): this;
  override description(str?: string, argsDescription?: Record<string, string>): string | this {
    if (str === undefined && argsDescription === undefined) return this.#text !== undefined ? local(this.#text) : super.description();
    if ((str as unknown) instanceof Text) {
      this.#text = str as unknown as Text;
      return this;
    }
    this.#text = undefined;
    return argsDescription === undefined ? super.description(str!) : super.description(str!, argsDescription);
  }

  /** Commander's parse errors in the chosen language (commander-words.ts). */
  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    return super.error(localCommanderError(message, errorOptions?.code), errorOptions);
  }

  /** Help text is written for 100 columns; it is fitted to the terminal when shown (and rendered then). */
  override addHelpText(position: AddHelpTextPosition, text: string | ((context: AddHelpTextContext) => string)): this {
    if (typeof text === 'function' && !(text as Partial<HelpBlocks>).blocks) return super.addHelpText(position, text);
    return super.addHelpText(position, (context) => {
      const output = context.command.configureOutput();
      return fitHelpText(typeof text === 'string' ? text : (text as HelpBlocks)(), (context.error ? output.getErrHelpWidth : output.getOutHelpWidth)?.() ?? DEFAULT_WIDTH);
    });
  }

  /** An option whose description is a Text (given through later()) renders it when help reads it. */
  override createOption(flags: string, description?: string): Option {
    return new TextOption(flags, description);
  }

  override createArgument(name: string, description?: string): Argument {
    return new TextArgument(name, description);
  }

  // Not in commander's types, but its documented place to report an unknown option.
  unknownOption(flag: string): never {
    // Its suggestions come from every option, declared or not yet (named-options.ts).
    let root: Command = this;
    while (root.parent) root = root.parent;
    (root as CliCommand).declareOptions?.();
    const typed = flag.split('=')[0]!;
    const longs: string[] = [];
    for (let command: Command | null = this; command; command = command.parent) {
      for (const option of command.createHelp().visibleOptions(command)) if (option.long) longs.push(option.long);
    }
    const started = typed.startsWith('--') ? longs.filter((long) => long.startsWith(typed + '-')) : [];
    if (started.length === 0) {
      (Command.prototype as unknown as { unknownOption(flag: string): void }).unknownOption.call(this, flag);
    }
    // In the chosen language already: commander's own error() is what takes it from here.
    return super.error(local(commonText.didYouMean({ message: commonText.unknownOption({ flag }), suggestions: started.slice(0, 3) })), { code: 'commander.unknownOption' });
  }
}

/**
 * `help card open` would show the help of `card`: commander's help command reads one name. The
 * words after `help` name the command, so ask that command for its help instead.
 */
export function helpWordsToFlag(args: readonly string[]): string[] {
  const i = commandWordAt(args);
  if (args[i] !== 'help' || args.length - i < 3) return [...args];
  return [...args.slice(0, i), ...args.slice(i + 1), '--help'];
}

/**
 * `help <words>` naming no command (`help crad`, `help card opne`, `card help opne`): the command
 * line without `help`, which commander then refuses as it refuses `alipay-card crad` (unknown
 * command, the nearest one, exit 2); undefined when there is no such help or every word is a
 * command. Without this, `help card opne` showed `card`'s help (exit 0) and `help crad` the
 * program's (exit 2), neither saying which word was wrong.
 */
export function unknownHelpWords(program: Command, args: readonly string[]): string[] | undefined {
  // Every run comes here: one without the word walks nothing.
  if (!args.includes('help')) return undefined;
  // The words that may name commands (and `help`), past the global options around them (`help
  // --lang zh-CN crad`, `card --json help opne`).
  const words: number[] = [];
  for (let i = commandWordAt(args); i < args.length && !args[i]!.startsWith('-'); i += 1 + commandWordAt(args.slice(i + 1))) words.push(i);
  const help = words.find((i) => args[i] === 'help');
  if (help === undefined) return undefined;
  // A group's commands are defined when it is first used: all of them, as help shows them.
  (program as CliCommand).defineAll?.();
  let command = program;
  for (const i of words) {
    if (i === help) continue;
    // Past a command that has no commands of its own, words are its arguments (`card query help`).
    if (command.commands.length === 0) break;
    const word = args[i]!;
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub === undefined) return [...args.slice(0, help), ...args.slice(help + 1)].filter((w) => w !== '--help' && w !== '-h');
    command = sub;
  }
  return undefined;
}

const VERSION_FLAGS = ['-V', '--version'];

/**
 * `-v --version` (as people paste it in bug reports) is the `version` command: this tool's version,
 * Node's and the platform. `--version` alone stays the bare version number, as commander prints it.
 */
export function verboseVersionToCommand(args: readonly string[]): string[] {
  // Flags, not an option's value: `-c -V -v` reads the config file `-V`, as commander does.
  if (commandWordAt(args) !== args.length || !globalFlagGiven(args, VERSION_FLAGS) || !globalFlagGiven(args, ['-v', '--verbose', '--debug'])) return [...args];
  return [...withoutGlobalFlags(args, VERSION_FLAGS), 'version'];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Completion of a profile name: the profiles of the config `-c` names, else of the one found from here. */
function profileHint(ctx: Context): ValueHint {
  return async ({ options }) => (await import('./completion/profiles.js')).profileNames(ctx, options.config);
}

/**
 * The command tree. Each action imports its command module only when it runs, so `--help` and
 * light commands never load undici, prompts, jose or csv (start-up is a performance bar).
 */
export function buildProgram(ctx: Context, args: readonly string[] = []): Command {
  // Declared when the command line names them, all of them for help and completion (named-options.ts).
  const named = new NamedOptions(args);
  const program = new CliCommand('alipay-card')
    .description(later(programHelpText.description()))
    // Rendered when help shows them (later()): a run that shows no help builds no section of words for them.
    .version(VERSION, '-V, --version', later(commonText.versionOption()))
    .helpOption('-h, --help', later(commonText.helpOption()))
    .helpCommand('help [command]', later(commonText.helpCommand()));
  named.option(program, '-c, --config <file>', later(programHelpText.config()));
  named.add(program, '-p, --profile <name>', (flags) => hintValues(textOption(flags, programHelpText.profile()), profileHint(ctx)));
  named.add(program, '--gateway <gateway>', (flags) => hintValues(textOption(flags, programHelpText.gateway()), () => ['production', 'sandbox', 'local']));
  named.option(program, '--json', later(programHelpText.json()));
  named.add(program, '-o, --output <format>', (flags) => textOption(flags, programHelpText.output()).choices(['table', 'json', 'ndjson']));
  named.option(program, '--color', later(programHelpText.color()));
  named.option(program, '--no-color', later(programHelpText.noColor()));
  named.option(program, '-v, --verbose', later(programHelpText.verbose()));
  // What other tools call it: an alias rather than an "unknown option" for a person debugging.
  named.add(program, '--debug', (flags) => new Option(flags).hideHelp());
  named.option(program, '--dry-run', later(programHelpText.dryRun()));
  named.option(program, '--timeout <ms>', later(programHelpText.timeout()), timeoutMs);
  named.option(program, '--no-input', later(programHelpText.noInput()));
  named.option(program, '-y, --yes', later(programHelpText.yes()));
  // Read before the program is built (cli/language.ts); declared so it is a known option, in help and completion.
  named.add(program, '--lang <language>', (flags) => hintValues(textOption(flags, programHelpText.lang()).argParser(languageFlag), () => [...LANGUAGES]));
  program.declareOptions = () => named.declareAll();
  program
    .showSuggestionAfterError(true)
    // A command's help lists the options every command takes too (--output, -c, --gateway, ...).
    // Commander leaves a description unwrapped when fewer than 40 columns are left beside the flag,
    // which at 60 columns is every long option of card open.
    // Descriptions wrap between CJK characters too, each counted two columns (commander counts one
    // and wraps at spaces only, which Chinese has none of); text without CJK wraps as commander's own.
    .configureHelp({ showGlobalOptions: true, minWidthToWrap: 16, displayWidth, boxWrap: wrapDescription, ...localHelp() })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
      // Commander reads process.stdout.columns only; COLUMNS and the injected streams count too.
      getOutHelpWidth: () => terminalWidth(ctx, ctx.stdout as { isTTY?: boolean; columns?: number }),
      getErrHelpWidth: () => terminalWidth(ctx, ctx.stderr as { isTTY?: boolean; columns?: number }),
      // Commander's own ask process.stdout, which builds it (src/cli/output.ts); help has no colour of its own.
      getOutHasColors: () => useColor(ctx, ctx.stdout),
      getErrHasColors: () => useColor(ctx, ctx.stderr),
    })
    .addHelpText('after', helpBlocks(examples(
      '  $ alipay-card demo',
      '  $ alipay-card card open --template-id 20170308000000000058101000300045 --user-id 2088302463082075 --yes --json | jq -r .card_info.biz_card_no',
      '  $ alipay-card template query 20170308000000000058101000300045',
      '  $ alipay-card card batch members.csv --template-id 20170308000000000058101000300045',
      `  $ alipay-card sign --method alipay.marketing.card.template.query --biz '{"template_id":"20170308000000000058101000300045"}'`,
      '  $ alipay-card verify --response @response.json',
      '  $ alipay-card keys generate --out keys',
      '  $ alipay-card config show --json | jq .',
    ), programHelpText.exitCodes()));

  program.hook('preAction', (_root, action) => {
    const globals = action.optsWithGlobals<GlobalOptions & { debug?: boolean }>();
    ctx.globals = globals.debug ? { ...globals, verbose: true } : globals;
  });

  // Each command is declared with its name and description, all that its parent's command list
  // needs, and defined in full (options, subcommands, help text, action) just before it runs or when
  // any help is shown: defining every command on every run cost ≈2 ms of start-up (DESIGN section 9).
  // A group (`card`) declares its own subcommands the same way when it is defined: `card open` no
  // longer defines batch, update, query and delete (valgrind, Node 20: 3.5M instructions, ≈1.5% of
  // `card open --dry-run`).
  const pending = new Map<Command, () => void>();
  const complete = (command: Command): void => {
    const define = pending.get(command);
    pending.delete(command);
    define?.();
  };
  const parents = new Set<Command>();
  const declareIn: DeclareCommand = (parent, name, description, define) => {
    const command = parent.command(name).description(later(description));
    if (!parents.has(parent)) {
      // Once per parent: a subcommand is defined when its parent hands over to it.
      parents.add(parent);
      parent.hook('preSubcommand', (_parent, sub) => complete(sub));
    }
    pending.set(command, () => define(command));
  };
  // The top-level commands, declared in the program at the end (below): all of them, or, when the
  // command line names one of them to run (no help asked), that one only. Its errors and
  // suggestions are its own options' and the global ones'; help, completion, an unknown command
  // and a bare `alipay-card` need the whole list. Valgrind, Node 20: 12 commands fewer made is
  // 1.5M instructions of `sign`.
  const declared: Array<[name: string, description: Text, define: (command: Command) => void]> = [];
  const declare = (name: string, description: Text, define: (command: Command) => void): void => void declared.push([name, description, define]);
  // Help shows each command's usage in its parent's list, and `help <command>` does not run it; shell
  // completion reads the whole tree. Defining a group declares more: until none is left.
  const completeAll = (): void => {
    while (pending.size > 0) for (const command of [...pending.keys()]) complete(command);
    named.declareAll();
  };
  program.on('beforeAllHelp', completeAll);
  program.defineAll = completeAll;

  declare('sign', programCommandsText.sign(), (command) => command
    .option('--method <method>', later(programCommandsText.signMethod()))
    .option('--biz <json|@file|->', later(programCommandsText.signBiz()))
    .option('--param <key=value>', later(programCommandsText.signParam()), collect)
    .option('--timestamp <time>', later(programCommandsText.signTimestamp()))
    .option('--auth-token-file <file>', later(programHelpText.authTokenFile()))
    .option('--content <text|@file|->', later(programCommandsText.signContent()))
    .addHelpText('after', helpBlocks(examples(`  $ alipay-card sign --method alipay.marketing.card.template.query --biz '{"template_id":"20170308000000000058101000300045"}'
  $ alipay-card sign --method alipay.marketing.card.open --biz @open.json --param notify_url=https://example.com/n --json
  $ alipay-card sign --content 'a=1&b=2'`, programCommandsText.signContentNewline()), programCommandsText.signNotes()))
    .action(async (opts) => (await import('./commands/sign.js')).runSign(ctx, opts)));

  declare('verify', programCommandsText.verify(), (command) => command
    .option('--response <@file|->', later(programCommandsText.verifyResponse()))
    .option('--method <method>', later(programCommandsText.verifyMethod()))
    .option('--notify <@file|->', later(programCommandsText.verifyNotify()))
    .addOption(textOption('--notify-mode <mode>', programCommandsText.verifyNotifyMode()).choices(['v1', 'v2', 'auto']).default('auto'))
    .option('--content <text|@file|->', later(programCommandsText.verifyContent()))
    .option('--sign <base64>', later(programCommandsText.verifySign()))
    .addOption(textOption('--sign-type <type>', programCommandsText.verifySignType()).choices(['RSA2', 'RSA']))
    .option('--charset <charset>', later(programCommandsText.verifyCharset()))
    .addHelpText('after', helpBlocks(examples(`  $ alipay-card verify --response @response.json
  $ curl -s ... | alipay-card verify --response - --json | jq .valid
  $ alipay-card verify --notify @notify.txt --notify-mode v1
  $ alipay-card verify --content 'a=1&b=2' --sign 'Base64Signature=='`)))
    .action(async (opts) => (await import('./commands/verify.js')).runVerify(ctx, opts)));

  declare('card', programCardText.card(), (card) => {
    card
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card card open --template-id 20170308000000000058101000300045 --user-id 2088302463082075
  $ alipay-card card batch members.csv --template-id 20170308000000000058101000300045 --validate-only
  $ alipay-card card open --help`)));
    declareIn(card, 'open', programCardText.open(), (open) => {
      named.option(open, '--biz <json|@file|->', later(programHelpText.wholeBiz()));
      fieldOptions(named, open, cardOpenFields());
      named.option(open, '--front-text <label=value>', later(programCardText.frontText({ path: 'card_ext_info.front_text_list' })), collect);
      named.add(open, '--set <path=value>', (flags) => hintValues(textOption(flags, programCardText.openSet()).argParser(collect),
        () => cardOpenFields().map((field) => `${field.path}=`)));
      named.option(open, '--auth-token-file <file>', later(programHelpText.authTokenFile()));
      // Accepted only to be refused with a pointer to the safe ways (a token in argv shows in `ps`).
      named.add(open, '--auth-token <token>', (flags) => new Option(flags).hideHelp());
      named.option(open, '--max-attempts <n>', later(programHelpText.maxAttemptsSameSerial()), attempts);
      open
        .addHelpText('after', helpBlocks(examples(`  $ alipay-card card open --template-id 20170308000000000058101000300045 --user-id 2088302463082075
  $ alipay-card card open --gateway http://127.0.0.1:8080/gateway.do --template-id T --user-id 2088302463082075 \\
      --valid-date '2030-12-31 23:59:59' --level VIP1 --yes --json | jq -r .card_info.biz_card_no
  $ alipay-card card open --biz @card.json --member-name 张三 --front-text 专业=金融 --dry-run`), programCardText.openNotes(), programHelpText.exitCodes()))
        .action(async (opts) => (await import('./commands/card-open.js')).runCardOpen(ctx, opts));
    });

    declareIn(card, 'batch', programCardText.batch(), (batch) => batch
      .argument('<file.csv>', later(programCardText.batchFile()))
      .addOption(textOption('--action <action>', programCardText.batchAction()).choices(['open', 'update', 'delete']))
      .option('--template-id <id>', later(programCardText.batchTemplateId()))
      .addOption(textOption('--reason <reason>', programCardText.batchReason()).choices(['USER_UNBUND', 'CANCEL', 'PRESENT']))
      .option('--map <column=field>', later(programCardText.batchMap()), collect)
      .option('--ignore-unknown-columns', later(programCardText.batchIgnoreUnknownColumns()))
      .addOption(textOption('--encoding <encoding>', programCardText.batchEncoding()).choices(['utf-8', 'gbk', 'gb18030']))
      .option('--validate-only', later(programCardText.batchValidateOnly()))
      .option('--concurrency <n>', later(programCardText.batchConcurrency()))
      .option('--rate <n>', later(programCardText.batchRate()))
      .option('--max-attempts <n>', later(programCardText.batchMaxAttempts()), attempts)
      .option('--results <file>', later(programCardText.batchResults()))
      .option('--journal <file>', later(programCardText.batchJournal()))
      .option('--resume', later(programCardText.batchResume()))
      .option('--retry-failed', later(programCardText.batchRetryFailed()))
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card card batch members.csv --template-id 20170308000000000058101000300045 --validate-only
  $ alipay-card card batch members.csv --template-id 20170308000000000058101000300045 --concurrency 8 --rate 50
  $ alipay-card card batch members.csv --resume
  $ alipay-card card batch members.csv --map 手机号=member_cell --encoding gbk --output ndjson | jq -c 'select(.status != "issued")'
  $ alipay-card card batch points.csv --action update --map 会员卡号=target_card_no --map 积分=point
  $ alipay-card card batch closed.csv --action delete --reason USER_UNBUND`)))
      .action(async (file: string, opts) => (await import('./commands/card-batch.js')).runCardBatch(ctx, file, opts)));
    defineCardLifeCommands(card, ctx, { collect, attempts }, declareIn, named);
  });

  declare('template', programTemplatesText.template(), (template) => {
    template
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card template query 20170308000000000058101000300045
  $ alipay-card template query 20170308000000000058101000300045 --json | jq .card_level_confs`)));
    template
      .command('query')
      .description(later(programTemplatesText.templateQuery()))
      .argument('<template-id>', later(programTemplatesText.templateQueryId()))
      .option('--max-attempts <n>', later(programHelpText.maxAttempts()), attempts)
      .option('--out <file>', later(programTemplatesText.templateQueryOut()))
      .option('--force', later(programTemplatesText.templateQueryForce()))
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card template query 20170308000000000058101000300045
  $ alipay-card template query 20170308000000000058101000300045 --json | jq .card_level_confs
  $ alipay-card -p sandbox template query 20170308000000000058101000300045 --out program.json`)))
      .action(async (templateId: string, opts) => (await import('./commands/template-query.js')).runTemplateQuery(ctx, templateId, opts));
    template
      .command('create')
      .description(later(programTemplatesText.templateCreate()))
      .argument('<file>', later(programTemplatesText.templateCreateFile()))
      .option('--request-id <id>', later(programTemplatesText.templateCreateRequestId()))
      .option('--max-attempts <n>', later(programTemplatesText.templateCreateMaxAttempts()), attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card template create program.json
  $ alipay-card template create program.json --json | jq -r .template_id
  $ alipay-card template create program.json --dry-run`), programHelpText.exitCodes()))
      .action(async (file: string, opts) => (await import('./commands/template-create.js')).runTemplateCreate(ctx, file, opts));
    template
      .command('modify')
      .description(later(programTemplatesText.templateModify()))
      .argument('<template-id>', later(programTemplatesText.templateModifyId()))
      .argument('<file>', later(programTemplatesText.templateModifyFile()))
      .option('--request-id <id>', later(programTemplatesText.templateModifyRequestId()))
      .option('--max-attempts <n>', later(programHelpText.maxAttempts()), attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card template query 20170308000000000058101000300045 --out program.json
  $ alipay-card template modify 20170308000000000058101000300045 program.json --dry-run
  $ alipay-card template modify 20170308000000000058101000300045 program.json --yes --json | jq .changes`), programHelpText.exitCodes()))
      .action(async (templateId: string, file: string, opts) => {
        (await import('./commands/card-call.js')).refuseBadTemplateId(templateId);
        await (await import('./commands/template-modify.js')).runTemplateModify(ctx, templateId, file, opts);
      });
    template
      .command('preview')
      .description(later(programTemplatesText.templatePreview()))
      .argument('<template-id|file>', later(programTemplatesText.templatePreviewSource()))
      .option('--out <file.html>', later(programTemplatesText.templatePreviewOut()))
      .option('--force', later(programHelpText.replaceFile()))
      .option('--max-attempts <n>', later(programHelpText.maxAttempts()), attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card template preview 20170308000000000058101000300045 --out card.html
  $ alipay-card template preview program.json`)))
      .action(async (source: string, opts) => (await import('./commands/template-preview.js')).runTemplatePreview(ctx, source, opts));
  });

  declare('image', programTemplatesText.image(), (image) => {
    image
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card image upload logo.png --for logo
  $ alipay-card image upload bg.jpg --for background --json | jq -r .image_id`)));
    image
      .command('upload')
      .description(later(programTemplatesText.imageUpload()))
      .argument('<file>', later(programTemplatesText.imageUploadFile()))
      .addOption(textOption('--for <use>', programTemplatesText.imageUploadFor()).choices(['logo', 'background', 'card-photo']))
      .option('--name <name>', later(programTemplatesText.imageUploadName()))
      .option('--type <type>', later(programTemplatesText.imageUploadType()))
      .option('--max-attempts <n>', later(programHelpText.maxAttempts()), attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card image upload logo.png --for logo
  $ alipay-card image upload bg.jpg --for background --json | jq -r .image_id
  $ alipay-card image upload photo.jpg --name 会员照片 --dry-run`), programHelpText.exitCodes()))
      .action(async (file: string, opts) => (await import('./commands/image-upload.js')).runImageUpload(ctx, file, opts));
  });

  declare('form', programTemplatesText.form(), (form) => {
    form
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card form set 20170308000000000058101000300045 --required mobile,name --optional gender,birthday
  $ alipay-card form link 20170308000000000058101000300045 --callback https://shop.example.com/alipay/card --qr`)));
    form
      .command('set')
      .description(later(programTemplatesText.formSet()))
      .argument('<template-id>', later(programHelpText.cardTemplate()))
      .option('--required <fields>', later(programTemplatesText.formSetRequired()))
      .option('--optional <fields>', later(programTemplatesText.formSetOptional()))
      .option('--max-attempts <n>', later(programHelpText.maxAttempts()), attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card form set 20170308000000000058101000300045 --required mobile,name --optional gender,birthday`, programTemplatesText.formSetOnce()), programHelpText.exitCodes()))
      .action(async (templateId: string, opts) => (await import('./commands/member-form.js')).runFormSet(ctx, templateId, opts));
    form
      .command('link')
      .description(later(programTemplatesText.formLink()))
      .argument('<template-id>', later(programHelpText.cardTemplate()))
      .option('--callback <url>', later(programTemplatesText.formLinkCallback()))
      .option('--out-string <text>', later(programTemplatesText.formLinkOutString()))
      .option('--follow-app-id <id>', later(programTemplatesText.formLinkFollowAppId()))
      .option('--qr', later(programTemplatesText.formLinkQr()))
      .option('--qr-out <file>', later(programTemplatesText.formLinkQrOut()))
      .option('--force', later(programTemplatesText.formLinkForce()))
      .option('--max-attempts <n>', later(programHelpText.maxAttempts()), attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card form link 20170308000000000058101000300045 --callback https://shop.example.com/alipay/card --qr
  $ alipay-card form link 20170308000000000058101000300045 --callback https://shop.example.com/alipay/card --qr-out poster.png`), programHelpText.exitCodes()))
      .action(async (templateId: string, opts) => (await import('./commands/member-form.js')).runFormLink(ctx, templateId, opts));
    form
      .command('query')
      .description(later(programTemplatesText.formQuery()))
      .argument('<template-id>', later(programHelpText.cardTemplate()))
      .option('--request-id <id>', later(programTemplatesText.formQueryRequestId()))
      .option('--auth-token-file <file>', later(programTemplatesText.formQueryAuthTokenFile()))
      .option('--max-attempts <n>', later(programHelpText.maxAttempts()), attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card form query 20170308000000000058101000300045 --request-id 2017021929993993992839493394 --auth-token-file token.txt`), programHelpText.exitCodes()))
      .action(async (templateId: string, opts) => (await import('./commands/member-form.js')).runFormQuery(ctx, templateId, opts));
  });

  declare('member', programTemplatesText.member(), (member) => {
    member
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card member serve --template-id 20170308000000000058101000300045 --port 8787
  $ alipay-card member token --code-file code.txt --out token.txt`)));
    member
      .command('token')
      .description(later(programTemplatesText.memberToken()))
      .option('--code-file <file>', later(programTemplatesText.memberTokenCodeFile()))
      .option('--refresh-token-file <file>', later(programTemplatesText.memberTokenRefreshTokenFile()))
      .option('--out <file>', later(programTemplatesText.memberTokenOut()))
      .option('--refresh-out <file>', later(programTemplatesText.memberTokenRefreshOut()))
      .option('--max-attempts <n>', later(programHelpText.maxAttempts()), attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card member token --code-file code.txt --out token.txt --refresh-out refresh.txt
  $ alipay-card member token --refresh-token-file refresh.txt --json | jq -r .user_id`), programHelpText.exitCodes()))
      .action(async (opts) => (await import('./commands/member-form.js')).runMemberToken(ctx, opts));
    member
      .command('serve')
      .description(later(programTemplatesText.memberServe()))
      .option('--template-id <id>', later(programTemplatesText.memberServeTemplateId()))
      .option('--port <port>', later(programTemplatesText.memberServePort()))
      .option('--host <host>', later(programTemplatesText.memberServeHost()))
      .option('--journal <file>', later(programTemplatesText.memberServeJournal()))
      .option('--concurrency <n>', later(programTemplatesText.memberServeConcurrency()))
      .option('--level <level>', later(programTemplatesText.memberServeLevel()))
      .option('--point <n>', later(programTemplatesText.memberServePoint()))
      .option('--balance <yuan>', later(programTemplatesText.memberServeBalance()))
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card member serve --template-id 20170308000000000058101000300045 --port 8787 --level VIP1 --point 0 --balance 0.00`), programHelpText.exitCodes()))
      .action(async (opts) => (await import('./commands/member-serve.js')).runMemberServe(ctx, opts));
  });

  declare('keys', programCommandsText.keys(), (keys) => {
    keys
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card keys generate --out keys
  $ alipay-card keys check
  $ alipay-card keys check --app-public-key @keys/app_public_key.pem --json | jq .ok`)));
    keys
      .command('generate')
      .description(later(programCommandsText.keysGenerate()))
      .option('--out <dir>', later(programCommandsText.keysGenerateOut()), 'keys')
      .option('--force', later(programCommandsText.keysGenerateForce()))
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card keys generate --out keys
  $ alipay-card keys generate --out keys --json | jq -r .publicKey`)))
      .action(async (opts) => (await import('./commands/keys.js')).runKeysGenerate(ctx, opts));
    keys
      .command('check')
      .description(later(programCommandsText.keysCheck()))
      .option('--app-public-key <@file|base64>', later(programCommandsText.keysCheckAppPublicKey()))
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card keys check
  $ alipay-card keys check --app-public-key @keys/app_public_key.pem
  $ alipay-card -p prod-cert keys check --json | jq -r .appCertSn`)))
      .action(async (opts) => (await import('./commands/keys.js')).runKeysCheck(ctx, opts));
  });

  declare('config', programCommandsText.config(), (config) => {
    config
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card config init
  $ alipay-card -p sandbox config set appId 2021000000000000
  $ alipay-card config use production
  $ alipay-card config show
  $ alipay-card -p production config show --json | jq .sources`)));
    config
      .command('set')
      .description(later(programCommandsText.configSet()))
      .addArgument(hintValues(new TextArgument('<key>', later(programCommandsText.configSetKey())),
        async () => (await import('./completion/config-settings.js')).settingNames()))
      .addArgument(hintValues(new TextArgument('<value>', later(programCommandsText.configSetValue())),
        async ({ args }) => (await import('./completion/config-settings.js')).settingValues(args[0])))
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card -p sandbox config set appId 2021000000000000
  $ alipay-card -p sandbox config set privateKeyFile keys/app_private_key.pem
  $ alipay-card -p sandbox config set alipayPublicKeyFile keys/alipay_public_key.pem
  $ alipay-card -p sandbox config set gateway https://openapi-sandbox.dl.alipaydev.com/gateway.do
  $ alipay-card -c ./alipay-card.config.json config set timeoutMs 30000`), programCommandsText.configSetNotes()))
      .action(async (key: string, value: string) => (await import('./commands/config-set.js')).runConfigSet(ctx, key, value));
    config
      .command('use')
      .description(later(programCommandsText.configUse()))
      .addArgument(hintValues(new TextArgument('<profile>', later(programCommandsText.configUseProfile())), profileHint(ctx)))
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card config use production
  $ alipay-card config profiles`)))
      .action(async (name: string) => (await import('./commands/config-set.js')).runConfigUse(ctx, name));
    config
      .command('profiles')
      .description(later(programCommandsText.configProfiles()))
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card config profiles
  $ alipay-card config profiles --json | jq -r '.profiles[].name'`)))
      .action(async () => (await import('./commands/config-set.js')).runConfigProfiles(ctx));
    config
      .command('show')
      .description(later(programCommandsText.configShow()))
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card config show
  $ alipay-card -p production config show --json`)))
      .action(async () => (await import('./commands/config.js')).runConfigShow(ctx));
    config
      .command('init')
      .description(later(programCommandsText.configInit()))
      .option('--file <file>', later(programCommandsText.configInitFile()))
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card config init
  $ alipay-card -p sandbox config init --file .alipay-cardrc.json`)))
      .action(async (opts) => (await import('./commands/config.js')).runConfigInit(ctx, opts));
  });

  declare('gateway', programCommandsText.gateway(), (gateway) => {
    gateway
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card gateway serve --port 8080 --app 2021000000000001=keys/app_public_key.pem
  $ alipay-card gateway serve --state gw.json --fault unavailable:0.1
  $ alipay-card gateway serve --help`)));
    gateway
      .command('serve')
      .description(later(programCommandsText.gatewayServe()))
      .option('--host <host>', later(programCommandsText.gatewayHost()), '127.0.0.1')
      .option('--allow-remote', later(programCommandsText.gatewayAllowRemote()))
      .option('--expose-local-api', later(programCommandsText.gatewayExposeLocalApi()))
      .option('--port <port>', later(programCommandsText.gatewayPort()), '0')
      .option('--state <file>', later(programCommandsText.gatewayState()))
      .option('--key <file>', later(programCommandsText.gatewayKey()))
      .option('--app <appId=publicKeyFile>', later(programCommandsText.gatewayApp()), collect)
      .option('--app-encrypt-key <appId=keyFile>', later(programCommandsText.gatewayAppEncryptKey()), collect)
      .option('--templates <file.json>', later(programCommandsText.gatewayTemplates()))
      .option('--fault <spec>', later(programCommandsText.gatewayFault()), collect)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card gateway serve --port 8080 --app 2021000000000001=keys/app_public_key.pem
  $ alipay-card gateway serve --app 2021000000000001=app_public_key.pem --app-encrypt-key 2021000000000001=aes.txt --templates templates.json
  $ exec 3< <(alipay-card gateway serve --json --state gw.json); read -r line <&3; url=$(jq -r .url <<<"$line")
  $ alipay-card gateway serve --fault unavailable:0.1 --fault latency=200:next=5`,
        programCommandsText.gatewayFaultKinds({ kinds: 'latency=<ms>, http500, reset, unavailable, system-error, throttle, bad-sign, truncate' }))))
      .action(async (opts) => (await import('./commands/gateway.js')).runGatewayServe(ctx, opts));
  });

  declare('version', programCommandsText.version(), (command) => command
    .action(async () => (await import('./commands/version.js')).runVersion(ctx, VERSION)));

  declare('completion', programCommandsText.completion(), (command) => command
    .addArgument(new Argument('<shell>', later(programCommandsText.completionShell())).choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', helpBlocks(examples(`  $ source <(alipay-card completion bash)                                  # this bash
  $ alipay-card completion bash > ~/.local/share/bash-completion/completions/alipay-card
  $ alipay-card completion zsh > "\${fpath[1]}/_alipay-card"                 # zsh, then a new shell
  $ alipay-card completion fish > ~/.config/fish/completions/alipay-card.fish`)))
    .action(async (shell: 'bash' | 'zsh' | 'fish') => (await import('./commands/completion.js')).runCompletion(ctx, shell)));
  declare('demo', programCommandsText.demo(), (command) => command
    .addHelpText('after', helpBlocks(examples(`  $ alipay-card demo
  $ alipay-card demo --json | jq .card.card_info.biz_card_no`)))
    .action(async () => (await import('./commands/demo.js')).runDemo(ctx)));

  const toDeclare = commandsToDeclare(args, declared.map(([name]) => name));
  for (const [name, description, define] of declared) if (toDeclare.includes(name)) declareIn(program, name, description, define);

  // What the completion scripts call: the candidates for a partly typed command line. Declared with
  // all the commands, as for its own run (commandsToDeclare): a run of one command has no use for it.
  if (toDeclare.length === declared.length) program.command('__complete', { hidden: true }).argument('[words...]').allowUnknownOption().allowExcessArguments().helpOption(false)
    .action(async (words: string[] = []) => (await import('./commands/completion.js')).runComplete(ctx, program, words));

  return program;
}

/**
 * The top-level commands of `names` the program declares for `args` (buildProgram): the one they
 * run, when they run one and ask for no help; none for `--version` alone, which commander answers
 * before any command is looked at (valgrind, Node 20: 0.5M instructions of its 29M beyond bare
 * node); all of them otherwise (help, `completion`, which reads the whole tree, a word that is no
 * command, a bare `alipay-card`).
 */
export function commandsToDeclare(args: readonly string[], names: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  const options = end < 0 ? args : args.slice(0, end);
  if (helpAsked(options)) return names;
  const word = options[commandWordAt(options)];
  // `-c -V` gives -V as the config file's name: commander prints no version for it.
  if (word === undefined) return end < 0 && globalFlagGiven(options, VERSION_FLAGS) ? [] : names;
  return word !== 'completion' && names.includes(word) ? [word] : names;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
