import type { KeyObject } from 'node:crypto';
import stringWidth from 'string-width';
import { configFileToEdit, readConfigForUpdate, relativeToConfig, requireWritableConfig, writeConfigFile } from '../../config/config-file-edit.js';
import { shellQuote } from '../../config/shell-word.js';
import { describeProfileForShow, type ShowRow } from '../../config/index.js';
import { originText } from '../../config/origin-text.js';
import { withProfile } from '../../config/profile-choice.js';
import { appIdProblem, profileNameProblem } from '../../config/names.js';
import { profileFileProblem, readPrivateKey, type FileKey } from '../../config/profile-files.js';
import { resolveUserPath } from '../../config/search.js';
import { UsageError } from '../../errors.js';
import { configCommandsText } from '../../i18n/en/config-commands.js';
import { local, type Text } from '../../i18n/text.js';
import { renderSections } from '../../render/sections.js';
import { loadStyle } from '../../render/style.js';
import { canPrompt, outputFormat, useColor, writeLine, type Context } from '../context.js';
import { getPrompter, type Prompter } from '../prompts.js';
import { stdoutWidth } from '../terminal-width.js';
import { loadProfile } from '../session.js';
import { gatewayUrlProblem, requireNewProfileName } from './config-set.js';
import { refuseDryRun } from '../dry-run.js';

export async function runConfigShow(ctx: Context): Promise<void> {
  const config = await loadProfile(ctx);
  const rows = describeProfileForShow(config);
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(JSON.stringify({
      configFile: config.configFile ?? null,
      profile: config.profileName,
      // Data, not words: null for a value not set (a script tests it as such), `local` for the embedded gateway.
      values: Object.fromEntries(rows.map((r) => [r.key, r.json !== undefined ? r.json : r.value])),
      sources: Object.fromEntries(rows.map((r) => [r.key, r.source])),
      // The config file's language (top-level `lang`), as written there once checked: en, zh-CN or null.
      lang: config.lang ?? null,
    }) + '\n');
    return;
  }
  const style = await loadStyle(useColor(ctx));
  // The file is named once, above: a source is "config file", not its path again on every row.
  const fromFile = config.configFile === undefined ? undefined : `file ${config.configFile}`;
  const sourceOf = (r: ShowRow): Text | string => r.sourceText ?? (r.source === fromFile ? configCommandsText.showConfigFile() : originText(r.source));
  const shown = rows.map((r) => ({ key: r.key, value: local(r.valueText ?? r.value), source: local(sourceOf(r)) }));
  const keyWidth = Math.max(...shown.map((r) => r.key.length), 0);
  const valueWidth = Math.max(...shown.map((r) => stringWidth(r.value)), 0);
  const wide = 2 + keyWidth + 2 + valueWidth + 2 + Math.max(...shown.map((r) => stringWidth(r.source)), 0) <= stdoutWidth(ctx);
  const padded = (value: string) => value + ' '.repeat(valueWidth - stringWidth(value));
  ctx.stdout.write(renderSections([
    {
      title: local(configCommandsText.showProfileTitle({ name: config.profileName })),
      rows: [
        [local(configCommandsText.showConfigFile()), config.configFile ?? local(noConfigFile(config.profile.gateway))],
        ['lang', config.lang ?? local(configCommandsText.showLangNotSet())],
      ],
    },
    {
      title: local(configCommandsText.showValuesTitle()),
      // Too narrow for three columns: the source goes under its value rather than wrap mid-row.
      rows: shown.map((r) => [r.key, wide ? `${padded(r.value)}  ${style.dim(r.source)}` : `${r.value}\n${style.dim(r.source)}`] as const),
    },
  ], style));
}

/**
 * The config file row when none was found: the local gateway is what that means only when it is
 * the gateway in use (`ALIPAY_APP_ID=… config show` said so beside "gateway sandbox").
 */
function noConfigFile(gateway: string): Text {
  return gateway === 'local' ? configCommandsText.showNoConfigFile() : configCommandsText.showNoConfigFileValues();
}

type Mode = 'key' | 'cert';

/**
 * Writes one profile into a JSON config file, asking for each value. Paths are stored relative to
 * the config file (which is how they are resolved), secrets are never typed in here — only the
 * paths of the files that hold them.
 */
export async function runConfigInit(ctx: Context, opts: { file?: string }): Promise<void> {
  refuseDryRun(ctx, 'config init');
  if (!ctx.prompter && !canPrompt(ctx)) {
    throw new UsageError(configCommandsText.initNeedsTerminal(), { hint: configCommandsText.initNeedsTerminalHint() });
  }
  const prompt: Prompter = await getPrompter(ctx);
  const file = await initTarget(ctx, opts.file);
  const existing = readConfigForUpdate(file);
  // Before the first question: eight answers were lost to a folder that could not be written.
  requireWritableConfig(file);
  if (ctx.globals.profile !== undefined) requireNewProfileName(ctx.globals.profile, existing.profiles);
  const name = ctx.globals.profile ?? (await prompt.input({ message: local(configCommandsText.initProfileName()), default: 'sandbox', validate: (v) => asAnswer(profileNameProblem(v, existing.profiles)) }));
  if (existing.profiles[name] && !ctx.globals.yes && !(await prompt.confirm({ message: local(configCommandsText.initReplace({ name, file })), default: false }))) {
    writeLine(ctx.stderr, local(configCommandsText.initNothingWritten()));
    return;
  }
  // Every file is checked as `config set` checks it; `later` (or nothing) skips one that is optional.
  const fileQuestion = async (question: Text, key: FileKey, options: { default?: string; optional?: boolean; privateKey?: KeyObject } = {}) => {
    const answer = await prompt.input({
      message: local(options.optional ? configCommandsText.initOrLater({ question }) : question),
      default: options.default,
      validate: (value) => {
        if (options.optional && (value === '' || value.toLowerCase() === 'later')) return true;
        if (value === '') return local(configCommandsText.initGivePath());
        return asAnswer(profileFileProblem(key, resolveUserPath(ctx.cwd, value, ctx.homeDir), options.privateKey));
      },
    });
    return options.optional && (answer === '' || answer.toLowerCase() === 'later') ? undefined : resolveUserPath(ctx.cwd, answer, ctx.homeDir);
  };

  const profile: Record<string, unknown> = {};
  profile.appId = await prompt.input({ message: local(configCommandsText.initAppId()), validate: (v) => asAnswer(appIdProblem(v)) });
  const gateway = await prompt.select({
    message: local(configCommandsText.initGateway()),
    choices: [
      { value: 'sandbox', description: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do' },
      { value: 'production', description: local(configCommandsText.initGatewayProduction({ url: 'https://openapi.alipay.com/gateway.do' })) },
      { value: 'local', description: local(configCommandsText.initGatewayLocal()) },
      { value: 'url', name: local(configCommandsText.initGatewayOther()), description: local(configCommandsText.initGatewayOtherDescription()) },
    ],
    default: 'sandbox',
  });
  profile.gateway = gateway !== 'url' ? gateway : await prompt.input({
    message: local(configCommandsText.initGatewayUrl()),
    validate: (v) => asAnswer(gatewayUrlProblem(v)),
  });
  profile.signType = await prompt.select({
    message: local(configCommandsText.initSignType()),
    choices: [{ value: 'RSA2', description: local(configCommandsText.initRsa2()) }, { value: 'RSA', description: local(configCommandsText.initRsa()) }],
    default: 'RSA2',
  });
  profile.charset = await prompt.select({ message: local(configCommandsText.initCharset()), choices: [{ value: 'utf-8' }, { value: 'gbk' }, { value: 'gb2312' }], default: 'utf-8' });
  const privateKeyFile = (await fileQuestion(configCommandsText.initPrivateKeyFile(), 'privateKeyFile', { default: 'keys/app_private_key.pem' }))!;
  profile.privateKeyFile = relativeToConfig(file, privateKeyFile);
  const mode: Mode = await prompt.select({
    message: local(configCommandsText.initMode()),
    choices: [{ value: 'key', name: local(configCommandsText.initKeyMode()) }, { value: 'cert', name: local(configCommandsText.initCertMode()) }],
    default: 'key',
  });
  let alipayKeyLater = false;
  if (mode === 'key') {
    // A new app gets Alipay's key only after uploading its own: that may well be later.
    const alipayKey = await fileQuestion(configCommandsText.initAlipayPublicKeyFile(), 'alipayPublicKeyFile', { optional: true, privateKey: readPrivateKey(privateKeyFile) });
    if (alipayKey) profile.alipayPublicKeyFile = relativeToConfig(file, alipayKey);
    else alipayKeyLater = true;
  } else {
    const certQuestions = [
      ['appCertFile', configCommandsText.initAppCertFile()],
      ['alipayCertFile', configCommandsText.initAlipayCertFile()],
      ['alipayRootCertFile', configCommandsText.initAlipayRootCertFile()],
    ] as const;
    for (const [key, question] of certQuestions) {
      profile[key] = relativeToConfig(file, (await fileQuestion(question, key))!);
    }
  }

  const { content, kept } = withProfile(existing.raw, existing.profiles, name, profile);
  await writeConfigFile(file, content);
  // Asked once the file is there: a new .alipay-cardrc.json here is found from here.
  const cli = await commandReading(ctx, file);
  writeLine(ctx.stderr, local(configCommandsText.initWrote({ name, file, cli })));
  if (kept !== undefined) writeLine(ctx.stderr, local(configCommandsText.keptDefaultProfile({ kept, added: name, path: file })));
  if (alipayKeyLater) writeLine(ctx.stderr, local(configCommandsText.initAlipayKeyLater({ name, cli })));
  if (outputFormat(ctx) !== 'table') ctx.stdout.write(JSON.stringify({ configFile: file, profile: name }) + '\n');
}

/**
 * The file `config init` writes: the one `config set` would (-c, else the config the search finds
 * from here, else the per-user file), or --file, which is another way to say -c here; both naming
 * two files is refused rather than one of them guessed.
 */
async function initTarget(ctx: Context, fileOption: string | undefined): Promise<string> {
  const byOption = fileOption === undefined ? undefined : resolveUserPath(ctx.cwd, fileOption, ctx.homeDir);
  const byFlag = ctx.globals.config === undefined ? undefined : resolveUserPath(ctx.cwd, ctx.globals.config, ctx.homeDir);
  if (byOption !== undefined && byFlag !== undefined && byOption !== byFlag) {
    throw new UsageError(configCommandsText.initTwoFiles({ config: byFlag, file: byOption }), { hint: configCommandsText.initTwoFilesHint() });
  }
  return byOption ?? (await configFileToEdit({ cwd: ctx.cwd, env: ctx.env, homeDir: ctx.homeDir, configFile: ctx.globals.config })).path;
}

/** `alipay-card`, with `-c <file>` when a command run from here would not read `file`: what the next steps print works where it is printed. */
async function commandReading(ctx: Context, file: string): Promise<string> {
  // A config found here that cannot be read (another file than the one written) is not this command's error: -c says which.
  const read = await configFileToEdit({ cwd: ctx.cwd, env: ctx.env, homeDir: ctx.homeDir }).catch(() => undefined);
  return read?.path === file ? 'alipay-card' : `alipay-card -c ${shellQuote(file)}`;
}

/** A prompt's validate result: true, or the problem in the reader's language. */
function asAnswer(problem: Text | string | undefined): true | string {
  return problem === undefined ? true : local(problem);
}
