import { Argument, Command, InvalidArgumentError, Option, type AddHelpTextContext, type AddHelpTextPosition, type Help } from 'commander';
import stringWidth from 'string-width';
import { CARD_OPEN_FIELDS } from '../cards/card-open-fields.js';
import { defineCardLifeCommands } from './card-life-program.js';
import { hintValues } from './completion-hints.js';
import { MAX_TIMEOUT_MS } from '../config/timeouts.js';
import { commonText } from '../i18n/en/common.js';
import { programCardText } from '../i18n/en/program-card.js';
import { programCommandsText } from '../i18n/en/program-commands.js';
import { programHelpText } from '../i18n/en/program-help.js';
import { programTemplatesText } from '../i18n/en/program-templates.js';
import { languageFlag } from '../i18n/language.js';
import { LANGUAGES, local, type Text } from '../i18n/text.js';
import { localCommanderError, localHelp } from './commander-words.js';
import { boxWrap, fitHelpText } from '../render/help-text.js';
import type { Context, GlobalOptions } from './context.js';
import { DEFAULT_WIDTH, terminalWidth } from './terminal-width.js';

/** Help text after a command's options: blocks (examples, notes, the exit codes), each in the chosen language. */
function helpBlocks(...blocks: (Text | string)[]): string {
  return blocks.map((block) => local(block)).join('');
}

/** The examples block: command lines shown as they are, and lines of prose among them. */
function examples(...lines: (Text | string)[]): Text {
  return programHelpText.examples({ commands: lines });
}

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

function wrapDescription(this: Help, text: string, width: number): string {
  return width < this.minWidthToWrap ? text : boxWrap(text, width, (s) => this.displayWidth(s));
}

/**
 * Commander suggests the option nearest by edit distance, so `--user` got `--set` (3 edits) over
 * `--user-id` (3 too): an option the typed one begins is what a person abbreviated, so say those.
 */
class CliCommand extends Command {
  /** Defines every command declared but not yet defined (buildProgram). */
  defineAll?: () => void;

  override createCommand(name?: string): Command {
    return new CliCommand(name);
  }

  /** Commander's parse errors in the chosen language (commander-words.ts). */
  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    return super.error(localCommanderError(message, errorOptions?.code), errorOptions);
  }

  /** Help text is written for 100 columns; it is fitted to the terminal when shown. */
  override addHelpText(position: AddHelpTextPosition, text: string | ((context: AddHelpTextContext) => string)): this {
    if (typeof text !== 'string') return super.addHelpText(position, text);
    return super.addHelpText(position, (context) => {
      const output = context.command.configureOutput();
      return fitHelpText(text, (context.error ? output.getErrHelpWidth : output.getOutHelpWidth)?.() ?? DEFAULT_WIDTH);
    });
  }

  // Not in commander's types, but its documented place to report an unknown option.
  unknownOption(flag: string): never {
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
 * `-v --version` (as people paste it in bug reports) is the `version` command: this tool's version,
 * Node's and the platform. `--version` alone stays the bare version number, as commander prints it.
 */
export function verboseVersionToCommand(args: readonly string[]): string[] {
  const end = commandWordAt(args);
  const leading = args.slice(0, end);
  const isVersion = (a: string) => a === '-V' || a === '--version';
  if (end !== args.length || !leading.some(isVersion) || !leading.some((a) => a === '-v' || a === '--verbose' || a === '--debug')) return [...args];
  return [...leading.filter((a) => !isVersion(a)), 'version'];
}

/** Where the first word that is not a global option (or its value) is: the command's name. */
function commandWordAt(args: readonly string[]): number {
  const valued = new Set(['-c', '--config', '-p', '--profile', '--gateway', '-o', '--output', '--timeout', '--lang']);
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) i += valued.has(args[i]!) ? 2 : 1;
  return i;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * The command tree. Each action imports its command module only when it runs, so `--help` and
 * light commands never load undici, prompts, jose or csv (start-up is a performance bar).
 */
export function buildProgram(ctx: Context): Command {
  const program = new CliCommand('alipay-card')
    .description(local(programHelpText.description()))
    .version(VERSION, '-V, --version', local(commonText.versionOption()))
    .helpOption('-h, --help', local(commonText.helpOption()))
    .helpCommand('help [command]', local(commonText.helpCommand()))
    .option('-c, --config <file>', local(programHelpText.config()))
    .addOption(hintValues(new Option('-p, --profile <name>', local(programHelpText.profile())),
      async () => (await import('./completion/profiles.js')).profileNames(ctx)))
    .addOption(hintValues(new Option('--gateway <gateway>', local(programHelpText.gateway())), () => ['production', 'sandbox', 'local']))
    .option('--json', local(programHelpText.json()))
    .addOption(new Option('-o, --output <format>', local(programHelpText.output())).choices(['table', 'json', 'ndjson']))
    .option('--color', local(programHelpText.color()))
    .option('--no-color', local(programHelpText.noColor()))
    .option('-v, --verbose', local(programHelpText.verbose()))
    // What other tools call it: an alias rather than an "unknown option" for a person debugging.
    .addOption(new Option('--debug').hideHelp())
    .option('--dry-run', local(programHelpText.dryRun()))
    .option('--timeout <ms>', local(programHelpText.timeout()), timeoutMs)
    .option('--no-input', local(programHelpText.noInput()))
    .option('-y, --yes', local(programHelpText.yes()))
    // Read before the program is built (cli/language.ts); declared so it is a known option, in help and completion.
    .addOption(hintValues(new Option('--lang <language>', local(programHelpText.lang())).argParser(languageFlag), () => [...LANGUAGES]))
    .showSuggestionAfterError(true)
    // A command's help lists the options every command takes too (--output, -c, --gateway, ...).
    // Commander leaves a description unwrapped when fewer than 40 columns are left beside the flag,
    // which at 60 columns is every long option of card open.
    // Descriptions wrap between CJK characters too, each counted two columns (commander counts one
    // and wraps at spaces only, which Chinese has none of); text without CJK wraps as commander's own.
    .configureHelp({ showGlobalOptions: true, minWidthToWrap: 16, displayWidth: stringWidth, boxWrap: wrapDescription, ...localHelp() })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void ctx.stdout.write(s),
      writeErr: (s) => void ctx.stderr.write(s),
      // Commander reads process.stdout.columns only; COLUMNS and the injected streams count too.
      getOutHelpWidth: () => terminalWidth(ctx, ctx.stdout as { isTTY?: boolean; columns?: number }),
      getErrHelpWidth: () => terminalWidth(ctx, ctx.stderr as { isTTY?: boolean; columns?: number }),
    })
    .addHelpText('after', helpBlocks(examples(
      '  $ alipay-card demo',
      '  $ alipay-card card open --template-id 20170308000000000058101000300045 --user-id 2088302463082075 --json | jq -r .card_info.biz_card_no',
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

  // Each command is declared with its name and description, all that the root's command list needs,
  // and defined in full (options, subcommands, help text, action) just before it runs or when any
  // help is shown: defining every command on every run cost ≈2 ms of start-up (DESIGN section 9).
  const pending = new Map<Command, () => void>();
  const declare = (name: string, description: Text, define: (command: Command) => void): void => {
    const command = program.command(name).description(local(description));
    pending.set(command, () => define(command));
  };
  const complete = (command: Command): void => {
    const define = pending.get(command);
    pending.delete(command);
    define?.();
  };
  program.hook('preSubcommand', (_program, command) => complete(command));
  // Help shows each command's usage in the root's list, and `help <command>` does not run it.
  program.on('beforeAllHelp', () => pending.forEach((_define, command) => complete(command)));
  // Shell completion reads the whole tree.
  program.defineAll = () => pending.forEach((_define, command) => complete(command));

  declare('sign', 'build the string to sign for a request and sign it with the profile key (offline)', (command) => command
    .option('--method <method>', 'API method, e.g. alipay.marketing.card.open')
    .option('--biz <json|@file|->', 'biz_content as JSON, @file, or - for stdin')
    .option('--param <key=value>', 'add or override a request param (repeatable)', collect)
    .option('--timestamp <time>', "request time 'yyyy-MM-dd HH:mm:ss' in Asia/Shanghai (default: now)")
    .option('--auth-token-file <file>', "file holding the user's auth_token (or env ALIPAY_AUTH_TOKEN)")
    .option('--content <text|@file|->', 'sign this raw string instead of building a request')
    .addHelpText('after', helpBlocks(examples(`  $ alipay-card sign --method alipay.marketing.card.template.query --biz '{"template_id":"20170308000000000058101000300045"}'
  $ alipay-card sign --method alipay.marketing.card.open --biz @open.json --param notify_url=https://example.com/n --json
  $ alipay-card sign --content 'a=1&b=2'`, programCommandsText.signContentNewline()), programCommandsText.signNotes()))
    .action(async (opts) => (await import('./commands/sign.js')).runSign(ctx, opts)));

  declare('verify', 'verify a gateway response, an async notification, or a content/signature pair (offline)', (command) => command
    .option('--response <@file|->', 'a gateway response body')
    .option('--method <method>', 'API method of the response (default: from the node name)')
    .option('--notify <@file|->', 'a notification: form body, query string, or JSON object of params')
    .addOption(new Option('--notify-mode <mode>', 'which params a notification signs').choices(['v1', 'v2', 'auto']).default('auto'))
    .option('--content <text|@file|->', 'content that was signed')
    .option('--sign <base64>', 'signature of --content')
    .addOption(new Option('--sign-type <type>', 'RSA2 or RSA (default: the profile signType)').choices(['RSA2', 'RSA']))
    .option('--charset <charset>', 'charset the content was signed in (default: the profile charset)')
    .addHelpText('after', helpBlocks(examples(`  $ alipay-card verify --response @response.json
  $ curl -s ... | alipay-card verify --response - --json | jq .valid
  $ alipay-card verify --notify @notify.txt --notify-mode v1
  $ alipay-card verify --content 'a=1&b=2' --sign 'Base64Signature=='`)))
    .action(async (opts) => (await import('./commands/verify.js')).runVerify(ctx, opts)));

  declare('card', 'issue, look up, update and delete membership cards, one at a time or from a CSV file', (card) => {
    card
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card card open --template-id 20170308000000000058101000300045 --user-id 2088302463082075
  $ alipay-card card batch members.csv --template-id 20170308000000000058101000300045 --validate-only
  $ alipay-card card open --help`)));
    const open = card
      .command('open')
      .description('issue one membership card; prompts for missing required fields on a terminal')
      .option('--biz <json|@file|->', 'the whole biz_content as JSON (--set and the field flags override it)');
    for (const field of CARD_OPEN_FIELDS) open.option(`--${field.flag} <value>`, `${field.path}: ${field.description}`);
    open
      .option('--front-text <label=value>', 'a line of card_ext_info.front_text_list (repeatable, at most 4)', collect)
      .addOption(hintValues(new Option('--set <path=value>', 'set a biz_content field by path; path:=json sets a JSON value (repeatable; overrides --biz, a field flag overrides it)').argParser(collect),
        () => CARD_OPEN_FIELDS.map((field) => `${field.path}=`)))
      .option('--auth-token-file <file>', "file holding the user's auth_token (or env ALIPAY_AUTH_TOKEN)")
      // Accepted only to be refused with a pointer to the safe ways (a token in argv shows in `ps`).
      .addOption(new Option('--auth-token <token>').hideHelp())
      .option('--max-attempts <n>', 'attempts on transient errors, same out_serial_no each time (default 3)', attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card card open --template-id 20170308000000000058101000300045 --user-id 2088302463082075
  $ alipay-card card open --gateway http://127.0.0.1:8080/gateway.do --template-id T --user-id 2088302463082075 \\
      --valid-date '2030-12-31 23:59:59' --level VIP1 --json | jq -r .card_info.biz_card_no
  $ alipay-card card open --biz @card.json --member-name 张三 --front-text 专业=金融 --dry-run`), programCardText.openNotes(), programHelpText.exitCodes()))
      .action(async (opts) => (await import('./commands/card-open.js')).runCardOpen(ctx, opts));

    card
      .command('batch')
      .description('issue, update or delete cards from a CSV file: resumable, every row exactly once, with a results file')
      .argument('<file.csv>', 'CSV with a header row (UTF-8 with or without BOM, GBK/GB18030)')
      .addOption(new Option('--action <action>', 'what each row does: open a card, update one (target_card_no and the new values) or delete one (target_card_no and reason_code) (default open; --resume keeps the batch\'s)').choices(['open', 'update', 'delete']))
      .option('--template-id <id>', 'open: card_template_id for rows without one; update: the template the cards are on, whose levels a level column is checked against')
      .addOption(new Option('--reason <reason>', 'delete: reason_code for rows without one (USER_UNBUND: can bind again; CANCEL: never again; PRESENT: given to another user)').choices(['USER_UNBUND', 'CANCEL', 'PRESENT']))
      .option('--map <column=field>', 'map a CSV column to a field or flag name (repeatable)', collect)
      .option('--ignore-unknown-columns', 'ignore columns that map to no field instead of failing')
      .addOption(new Option('--encoding <encoding>', 'file encoding (default: detected)').choices(['utf-8', 'gbk', 'gb18030']))
      .option('--validate-only', 'check every row and list the invalid ones; send nothing')
      .option('--concurrency <n>', 'requests in flight at once (default 4)')
      .option('--rate <n>', 'at most n requests per second')
      .option('--max-attempts <n>', 'attempts per row on transient errors, same out_serial_no each time (default 3)', attempts)
      .option('--results <file>', 'results file: .csv, .ndjson or .jsonl (default: <file>.results.csv)')
      .option('--journal <file>', 'journal file (default: beside the results)')
      .option('--resume', 'continue an interrupted run of the same file from its journal')
      .option('--retry-failed', 'rerun the rows of a finished run that failed for a retryable reason')
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card card batch members.csv --template-id 20170308000000000058101000300045 --validate-only
  $ alipay-card card batch members.csv --template-id 20170308000000000058101000300045 --concurrency 8 --rate 50
  $ alipay-card card batch members.csv --resume
  $ alipay-card card batch members.csv --map 手机号=member_cell --encoding gbk --output ndjson | jq -c 'select(.status != "issued")'
  $ alipay-card card batch points.csv --action update --map 会员卡号=target_card_no --map 积分=point
  $ alipay-card card batch closed.csv --action delete --reason USER_UNBUND`)))
      .action(async (file: string, opts) => (await import('./commands/card-batch.js')).runCardBatch(ctx, file, opts));
    defineCardLifeCommands(card, ctx, { collect, attempts });
  });

  declare('template', 'card templates (alipay.marketing.card.template.query, .create, .modify)', (template) => {
    template
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card template query 20170308000000000058101000300045
  $ alipay-card template query 20170308000000000058101000300045 --json | jq .card_level_confs`)));
    template
      .command('query')
      .description('show every section of a card template')
      .argument('<template-id>', 'template_id from template creation')
      .option('--max-attempts <n>', 'attempts on transient errors (default 3)', attempts)
      .option('--out <file>', 'write the template as a file `template create` takes (levels as card_level_conf), instead of printing it')
      .option('--force', 'with --out: replace the file if it exists')
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card template query 20170308000000000058101000300045
  $ alipay-card template query 20170308000000000058101000300045 --json | jq .card_level_confs
  $ alipay-card -p sandbox template query 20170308000000000058101000300045 --out program.json`)))
      .action(async (templateId: string, opts) => (await import('./commands/template-query.js')).runTemplateQuery(ctx, templateId, opts));
    template
      .command('create')
      .description('create a template from a file (template.create biz_content as JSON); image paths in it are uploaded first')
      .argument('<file>', 'JSON: the biz_content; where an image id goes, a path to an image file (relative to the file) is uploaded and replaced by its id')
      .option('--request-id <id>', 'request_id when the file has none (default: generated and printed, so a retry creates one template)')
      .option('--max-attempts <n>', 'attempts on transient errors, same request_id each time (default 3)', attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card template create program.json
  $ alipay-card template create program.json --json | jq -r .template_id
  $ alipay-card template create program.json --dry-run`), programHelpText.exitCodes()))
      .action(async (file: string, opts) => (await import('./commands/template-create.js')).runTemplateCreate(ctx, file, opts));
    template
      .command('modify')
      .description('change a template to what a file says: shows the changes field by field, confirms, then sends template.modify')
      .argument('<template-id>', 'the template to change')
      .argument('<file>', 'JSON as `template query --out` writes it (or only the members to change); image paths are uploaded first')
      .option('--request-id <id>', 'request_id (default: generated)')
      .option('--max-attempts <n>', 'attempts on transient errors (default 3)', attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card template query 20170308000000000058101000300045 --out program.json
  $ alipay-card template modify 20170308000000000058101000300045 program.json --dry-run
  $ alipay-card template modify 20170308000000000058101000300045 program.json --yes --json | jq .changes`), programHelpText.exitCodes()))
      .action(async (templateId: string, file: string, opts) => (await import('./commands/template-modify.js')).runTemplateModify(ctx, templateId, file, opts));
    template
      .command('preview')
      .description('draw the card as the member sees it, as an HTML page, from a template on the gateway or a template file')
      .argument('<template-id|file>', 'a template id, or a template file (as template create takes)')
      .option('--out <file.html>', 'where to write it (default: <template-id>.html, or the file name with .html)')
      .option('--force', 'replace the file if it exists')
      .option('--max-attempts <n>', 'attempts on transient errors (default 3)', attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card template preview 20170308000000000058101000300045 --out card.html
  $ alipay-card template preview program.json`)))
      .action(async (source: string, opts) => (await import('./commands/template-preview.js')).runTemplatePreview(ctx, source, opts));
  });

  declare('image', 'upload images for templates and cards (alipay.offline.material.image.upload)', (image) => {
    image
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card image upload logo.png --for logo
  $ alipay-card image upload bg.jpg --for background --json | jq -r .image_id`)));
    image
      .command('upload')
      .description('upload a PNG, JPEG, GIF or BMP image (at most 5 MB) and print its image_id')
      .argument('<file>', 'the image; its format is read from its bytes')
      .addOption(new Option('--for <use>', "check the image is fit for this use: logo (square, ≥500×500 px, ≤1 MB), background (≥1020×643 px, ≤2 MB), card-photo (≥230×295 px, ≤1 MB)").choices(['logo', 'background', 'card-photo']))
      .option('--name <name>', "image_name (default: the file's name without its extension; at most 128 characters)")
      .option('--type <type>', "image_type (default: the format of the file's bytes: png, jpg, gif or bmp)")
      .option('--max-attempts <n>', 'attempts on transient errors (default 3)', attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card image upload logo.png --for logo
  $ alipay-card image upload bg.jpg --for background --json | jq -r .image_id
  $ alipay-card image upload photo.jpg --name 会员照片 --dry-run`), programHelpText.exitCodes()))
      .action(async (file: string, opts) => (await import('./commands/image-upload.js')).runImageUpload(ctx, file, opts));
  });

  declare('form', 'the sign-up form members fill in for a card (formtemplate.set, activateurl.apply, activateform.query)', (form) => {
    form
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card form set 20170308000000000058101000300045 --required mobile,name --optional gender,birthday
  $ alipay-card form link 20170308000000000058101000300045 --callback https://shop.example.com/alipay/card --qr`)));
    form
      .command('set')
      .description("set the template's sign-up form: which fields members must and may fill in")
      .argument('<template-id>', 'the card template')
      .option('--required <fields>', 'comma-separated: mobile, gender, name, birthday, idcard, email, address, city, is-student, member-grade, cert-type, cert-no (or OPEN_FORM_FIELD_* values)')
      .option('--optional <fields>', 'comma-separated, as --required; none of them in --required too')
      .option('--max-attempts <n>', 'attempts on transient errors (default 3)', attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card form set 20170308000000000058101000300045 --required mobile,name --optional gender,birthday`, programTemplatesText.formSetOnce()), programHelpText.exitCodes()))
      .action(async (templateId: string, opts) => (await import('./commands/member-form.js')).runFormSet(ctx, templateId, opts));
    form
      .command('link')
      .description('the sign-up link members open (decoded), as text, a QR code in the terminal, or a QR code image')
      .argument('<template-id>', 'the card template')
      .option('--callback <url>', 'where the member is sent after the form (member serve); no query string')
      .option('--out-string <text>', 'a value of yours given back on the callback (at most 256 characters)')
      .option('--follow-app-id <id>', 'life account (生活号) the apply page offers to follow')
      .option('--qr', 'draw the link as a QR code in the terminal')
      .option('--qr-out <file>', 'write the QR code as a .png or .svg to print')
      .option('--max-attempts <n>', 'attempts on transient errors (default 3)', attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card form link 20170308000000000058101000300045 --callback https://shop.example.com/alipay/card --qr
  $ alipay-card form link 20170308000000000058101000300045 --callback https://shop.example.com/alipay/card --qr-out poster.png`), programHelpText.exitCodes()))
      .action(async (templateId: string, opts) => (await import('./commands/member-form.js')).runFormLink(ctx, templateId, opts));
    form
      .command('query')
      .description("what a member submitted (needs the member's auth_token)")
      .argument('<template-id>', 'the card template')
      .option('--request-id <id>', 'the request_id the callback brought')
      .option('--auth-token-file <file>', "file holding the member's auth_token (member token --out), or env ALIPAY_AUTH_TOKEN")
      .option('--max-attempts <n>', 'attempts on transient errors (default 3)', attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card form query 20170308000000000058101000300045 --request-id 2017021929993993992839493394 --auth-token-file token.txt`), programHelpText.exitCodes()))
      .action(async (templateId: string, opts) => (await import('./commands/member-form.js')).runFormQuery(ctx, templateId, opts));
  });

  declare('member', "members who sign up themselves: the auth code exchange, and member serve that issues their cards", (member) => {
    member
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card member serve --template-id 20170308000000000058101000300045 --port 8787
  $ alipay-card member token --code-file code.txt --out token.txt`)));
    member
      .command('token')
      .description("exchange a member's auth code (or refresh token) for their auth_token (alipay.system.oauth.token)")
      .option('--code-file <file>', 'file holding the auth_code the callback brought')
      .option('--refresh-token-file <file>', 'file holding a refresh token')
      .option('--out <file>', 'write the access token here (created 0600); needed unless --json')
      .option('--refresh-out <file>', 'write the refresh token here (created 0600)')
      .option('--max-attempts <n>', 'attempts on transient errors (default 3)', attempts)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card member token --code-file code.txt --out token.txt --refresh-out refresh.txt
  $ alipay-card member token --refresh-token-file refresh.txt --json | jq -r .user_id`), programHelpText.exitCodes()))
      .action(async (opts) => (await import('./commands/member-form.js')).runMemberToken(ctx, opts));
    member
      .command('serve')
      .description("the sign-up callback: exchanges the code, reads the form, opens the member's card, answers their browser")
      .option('--template-id <id>', 'the card template members sign up for (callbacks for others are refused)')
      .option('--port <port>', 'port to listen on (default 8787; 0 for any)')
      .option('--host <host>', 'address to listen on (default 127.0.0.1: put a TLS reverse proxy in front)')
      .option('--journal <file>', 'sign-up journal (default: $XDG_STATE_HOME/alipay-card/member-serve/<template-id>.ndjson)')
      .option('--concurrency <n>', 'sign-ups handled at once (default 8)')
      .option('--level <level>', "every new member's level, when the template takes it from the request")
      .option('--point <n>', "every new member's points, when the template takes them from the request")
      .option('--balance <yuan>', "every new member's balance, when the template takes it from the request")
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card member serve --template-id 20170308000000000058101000300045 --port 8787 --level VIP1 --point 0 --balance 0.00`), programHelpText.exitCodes()))
      .action(async (opts) => (await import('./commands/member-serve.js')).runMemberServe(ctx, opts));
  });

  declare('keys', 'make an RSA2048 key pair; check that keys match each other and the certs', (keys) => {
    keys
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card keys generate --out keys
  $ alipay-card keys check
  $ alipay-card keys check --app-public-key @keys/app_public_key.pem --json | jq .ok`)));
    keys
      .command('generate')
      .description('generate an RSA-2048 app key pair (PKCS#8 private key, SPKI public key)')
      .option('--out <dir>', 'directory to write the key files into', 'keys')
      .option('--force', 'overwrite existing key files')
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card keys generate --out keys
  $ alipay-card keys generate --out keys --json | jq -r .publicKey`)))
      .action(async (opts) => (await import('./commands/keys.js')).runKeysGenerate(ctx, opts));
    keys
      .command('check')
      .description("check the profile's keys: private key vs app public key or app cert, Alipay key vs app key")
      .option('--app-public-key <@file|base64>', 'the app public key you uploaded to Alipay, to compare with the private key')
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card keys check
  $ alipay-card keys check --app-public-key @keys/app_public_key.pem
  $ alipay-card -p prod-cert keys check --json | jq -r .appCertSn`)))
      .action(async (opts) => (await import('./commands/keys.js')).runKeysCheck(ctx, opts));
  });

  declare('config', 'write a config (interactively, or one setting at a time); show the effective config', (config) => {
    config
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card config init
  $ alipay-card -p sandbox config set appId 2021000000000000
  $ alipay-card config use production
  $ alipay-card config show
  $ alipay-card -p production config show --json | jq .sources`)));
    config
      .command('set')
      .description('set one profile setting (-p picks the profile) in the config file commands read')
      .argument('<key>', `a profile setting: appId, gateway, signType, charset, privateKeyFile, alipayPublicKeyFile, alipayPublicKey, appCertFile, alipayCertFile, alipayRootCertFile, encryptKeyFile, timeoutMs`)
      .argument('<value>', 'its value; a file path is checked and stored relative to the config file')
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card -p sandbox config set appId 2021000000000000
  $ alipay-card -p sandbox config set privateKeyFile keys/app_private_key.pem
  $ alipay-card -p sandbox config set alipayPublicKeyFile keys/alipay_public_key.pem
  $ alipay-card -p sandbox config set gateway https://openapi-sandbox.dl.alipaydev.com/gateway.do
  $ alipay-card -c ./alipay-card.config.json config set timeoutMs 30000`), programCommandsText.configSetNotes()))
      .action(async (key: string, value: string) => (await import('./commands/config-set.js')).runConfigSet(ctx, key, value));
    config
      .command('use')
      .description('make a profile the default (defaultProfile) in the config file commands read')
      .argument('<profile>', 'a profile in that file')
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card config use production
  $ alipay-card config profiles`)))
      .action(async (name: string) => (await import('./commands/config-set.js')).runConfigUse(ctx, name));
    config
      .command('profiles')
      .description('list the profiles of the config file commands read, the default one marked *')
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card config profiles
  $ alipay-card config profiles --json | jq -r '.profiles[].name'`)))
      .action(async () => (await import('./commands/config-set.js')).runConfigProfiles(ctx));
    config
      .command('show')
      .description('print the effective profile, every secret masked, and where each value came from')
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card config show
  $ alipay-card -p production config show --json`)))
      .action(async () => (await import('./commands/config.js')).runConfigShow(ctx));
    config
      .command('init')
      .description('write a profile interactively (terminal only; the file is created with mode 0600)')
      .option('--file <path>', 'config file to write (default: $XDG_CONFIG_HOME/alipay-card/config.json)')
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card config init
  $ alipay-card -p sandbox config init --file .alipay-cardrc.json`)))
      .action(async (opts) => (await import('./commands/config.js')).runConfigInit(ctx, opts));
  });

  declare('gateway', 'the local gateway: gateway.do on loopback, stateful, with fault injection', (gateway) => {
    gateway
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card gateway serve --port 8080 --app 2021000000000001=keys/app_public_key.pem
  $ alipay-card gateway serve --state gw.json --fault unavailable:0.1
  $ alipay-card gateway serve --help`)));
    gateway
      .command('serve')
      .description('run the local gateway until Ctrl-C (verifies requests, signs responses, keeps state)')
      .option('--host <host>', 'address to listen on (not loopback: needs --allow-remote)', '127.0.0.1')
      .option('--allow-remote', 'allow a --host other machines can reach (gateway.do checks signatures; /_local/* still answers only this machine)')
      .option('--expose-local-api', 'with --allow-remote: let other machines use the unauthenticated /_local/* too')
      .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
      .option('--state <file>', 'state file: keys, apps, templates, cards (default: under the user state directory)')
      .option('--key <file>', "the gateway's private key (default: generated once and kept in the state file)")
      .option('--app <appId=publicKeyFile>', 'register an app by its public key or app cert file (repeatable)', collect)
      .option('--app-encrypt-key <appId=keyFile>', "an app's AES key (base64) from a file, for encrypted biz_content (repeatable)", collect)
      .option('--templates <file.json>', 'start with these templates: a JSON array of template.create biz_contents, each with its template_id')
      .option('--fault <spec>', 'inject a fault: <kind>:<rate> or <kind>:next=<n> (repeatable)', collect)
      .addHelpText('after', helpBlocks(examples(`  $ alipay-card gateway serve --port 8080 --app 2021000000000001=keys/app_public_key.pem
  $ alipay-card gateway serve --app 2021000000000001=app_public_key.pem --app-encrypt-key 2021000000000001=aes.txt --templates templates.json
  $ exec 3< <(alipay-card gateway serve --json --state gw.json); read -r line <&3; url=$(jq -r .url <<<"$line")
  $ alipay-card gateway serve --fault unavailable:0.1 --fault latency=200:next=5`,
        programCommandsText.gatewayFaultKinds({ kinds: 'latency=<ms>, http500, reset, unavailable, system-error, throttle, bad-sign, truncate' }))))
      .action(async (opts) => (await import('./commands/gateway.js')).runGatewayServe(ctx, opts));
  });

  declare('version', 'print the version of alipay-card, Node and the platform (for bug reports)', (command) => command
    .action(async () => (await import('./commands/version.js')).runVersion(ctx, VERSION)));

  declare('completion', 'print a shell completion script (bash, zsh or fish)', (command) => command
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', helpBlocks(examples(`  $ source <(alipay-card completion bash)                                  # this bash
  $ alipay-card completion bash > ~/.local/share/bash-completion/completions/alipay-card
  $ alipay-card completion zsh > "\${fpath[1]}/_alipay-card"                 # zsh, then a new shell
  $ alipay-card completion fish > ~/.config/fish/completions/alipay-card.fish`)))
    .action(async (shell: 'bash' | 'zsh' | 'fish') => (await import('./commands/completion.js')).runCompletion(ctx, shell)));
  // What the completion scripts call: the candidates for a partly typed command line.
  program.command('__complete', { hidden: true }).argument('[words...]').allowUnknownOption().allowExcessArguments().helpOption(false)
    .action(async (words: string[] = []) => (await import('./commands/completion.js')).runComplete(ctx, program, words));

  declare('demo', 'the whole flow against the local gateway, no account or config needed', (command) => command
    .addHelpText('after', helpBlocks(examples(`  $ alipay-card demo
  $ alipay-card demo --json | jq .card.card_info.biz_card_no`)))
    .action(async () => (await import('./commands/demo.js')).runDemo(ctx)));

  return program;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
