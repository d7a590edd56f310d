import { randomBytes } from 'node:crypto';
import { cardOpenFields, generateOutSerialNo, getPath, isWrittenBy, setPath, VALID_DATE, type CardOpenField } from '../../cards/card-open-fields.js';
import { validateCardOpen } from '../../cards/card-open.js';
import { applyCardOpenDefaults } from '../../cards/card-open-defaults.js';
import { CARD_OPEN_METHOD } from '../../cards/methods.js';
import { cardOpenRows, isCardOpenPath, normalizeCardOpenBiz, unknownFieldProblem } from '../../cards/card-open-shape.js';
import type { FieldProblem } from '../../cards/fields.js';
import { fieldProblem } from '../../cards/problems.js';
import { buildRequest } from '../../client/request.js';
import { redactRequest } from '../../client/redact.js';
import { CliError, InterruptedError, UsageError } from '../../errors.js';
import { awaitingAnswer, closingAfter } from '../interrupt.js';
import { cardCommandsCommonText } from '../../i18n/en/card-commands-common.js';
import { cardCommandsOpenText } from '../../i18n/en/card-commands-open.js';
import { local, type Text } from '../../i18n/text.js';
import { formatTimestamp } from '../../protocol/index.js';
import { canPrompt, writeLine, type Context } from '../context.js';
import { BIZ_FILE_CHARSET, parseJsonArgument, parseKeyValue, readTextArgument, compactJsonArgument } from '../input.js';
import { loadSession, type Session } from '../session.js';
import { printDryRun, printGatewayResult } from '../gateway-output.js';
// Static: in the same chunk (GATEWAY, scripts/build.mjs); an import() of each was a file more to load.
import { printGatewayBanner } from '../gateway-banner.js';
import { connectGateway, dryRunTarget } from '../gateway-client.js';
import { confirmationMode } from '../prompts.js';
import { askForFields, confirmCard, type FilledValues } from './card-open-prompts.js';
import { shellQuote } from '../../config/shell-word.js';
import { flagOfPath, reportProblems } from './card-open-problems.js';
import { cardOpenCommand } from './card-open-command.js';
import { applyTemplate, explainOutcome, fillRuleValidDate, type TemplateStep } from './card-open-send.js';
import { readAuthToken } from './sign.js';

export type CardOpenOptions = Record<string, string | string[] | number | boolean | undefined> & {
  biz?: string;
  set?: string[];
  frontText?: string[];
  authToken?: string;
  authTokenFile?: string;
  maxAttempts?: number;
};

function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Every field the user gave is checked, all at once, before the config is read or anything is
 * sent; then missing fields are asked for (on a terminal); then, over one connection, the template
 * is looked up (its rules can fill valid_date and require balance, point or level) and the card
 * is issued.
 */
export async function runCardOpen(ctx: Context, opts: CardOpenOptions): Promise<void> {
  if (opts.authToken !== undefined) {
    throw new UsageError(cardCommandsOpenText.authTokenFlag(), { hint: cardCommandsOpenText.authTokenFlagHint() });
  }
  const { biz, problems: inputProblems, labelOf } = await bizFromInput(ctx, opts);
  const authToken = await readAuthToken(ctx, opts.authTokenFile);
  const filled: FilledValues = new Map();
  // What the person gave, before defaults: with their answers, the command that asks nothing again.
  const given = new Set(cardOpenRows(biz).map(([path]) => path));
  applyDefaults(ctx, biz, filled);
  const dryRun = Boolean(ctx.globals.dryRun);
  // A real call looks the template up, and its DATE_IN_FUTURE rule may supply valid_date; a dry run sends nothing.
  // Not a field under a member that is not an object (`--set card_ext_info:=5`, reported as such): its flag had nowhere to go.
  const missing = cardOpenFields().filter((f) => f.prompt && isEmpty(getPath(biz, f.path)) && (dryRun || f.path !== VALID_DATE) && !underNonObject(biz, f.path));
  const later = [...missing.map((f) => f.path), ...(dryRun ? [] : [VALID_DATE])];
  const pending = (p: FieldProblem) => isEmpty(p.value) && later.some((path) => path === p.path || path.startsWith(`${p.path}.`));
  // One line per field: what the input itself got wrong says more than the same value checked again.
  const problems = [...inputProblems, ...validateCardOpen(biz).filter((p) => !pending(p) && !inputProblems.some((i) => i.path === p.path))];
  if (problems.length > 0 || (missing.length > 0 && !canPrompt(ctx))) {
    const needed = missing.map((f) => fieldProblem(f.path, undefined, cardCommandsOpenText.required({ description: f.description })));
    reportProblems([...problems, ...needed], { labelOf, hint: missingHint(ctx, missing, dryRun) });
  }
  // Before anything is read or sent: a person who could not see the question is told now.
  const confirm = dryRun ? 'skip' : confirmationMode(ctx, 'card open');
  // A dry run signs and sends nothing: the keys it signs with only, as `sign` reads them.
  const session = await loadSession(ctx, { signingOnly: dryRun });
  await askForFields(ctx, biz, missing, filled);
  // An answered user_uni_id wants its type, which is filled in only beside one.
  applyDefaults(ctx, biz, filled);
  if (dryRun) return printCardDryRun(ctx, session, biz, authToken, filled);

  const gateway = await connectGateway(ctx, session, { maxAttempts: opts.maxAttempts });
  await closingAfter(async () => {
    const step: TemplateStep = { ctx, client: gateway.client, biz, filled, labelOf };
    // Answers, that is: open_date is the one default among the values filled so far (taken when
    // the lookup or a question of its rules failed: those questions' answers count too).
    const answered = () => [...filled.keys()].filter((path) => path !== 'card_ext_info.open_date' && path !== VALID_DATE);
    const again = (ruledDate: boolean) => cardOpenCommand(ctx, biz, (path) =>
      given.has(path) || (filled.has(path) && path !== 'card_ext_info.open_date' && !(ruledDate && path === VALID_DATE)));
    const { validDateRule } = await applyTemplate(step).catch((err: unknown) => Promise.reject(
      // A mistyped template id must not cost the answers already given: say them as flags (and so
      // does Ctrl-C at a question the template's rules asked; valid_date, before the card is sent,
      // can only be the rule's, worked out again by the next run).
      err instanceof CliError && answered().length > 0
        ? err.withChange({ hint: err instanceof InterruptedError
          ? cardCommandsOpenText.answersSoFar({ hint: err.hintText ?? '', command: again(true) })
          : cardCommandsOpenText.answersAsFlags({ hint: err.hintText ?? '', command: again(false) }) })
        : err));
    const ruled = validDateRule === undefined ? undefined : new Map([[VALID_DATE, cardCommandsOpenText.ruledValidDate({ offset: validDateRule })]]);
    if (confirm === 'ask') await confirmCard(ctx, biz, ruled, again(validDateRule !== undefined));
    if (validDateRule !== undefined) fillRuleValidDate(ctx, biz, filled, validDateRule);
    const outSerialNo = String(biz.out_serial_no);
    printFilledIn(ctx, outSerialNo, filled);
    // Safe to retry: a replay under the same out_serial_no returns the card already issued.
    // Ctrl-C waits for the answer; a second leaves the card issued or not, told as a timeout is.
    const response = await awaitingAnswer(ctx, gateway.client.call(CARD_OPEN_METHOD, { bizContent: JSON.stringify(biz), authToken, retrySafe: true }), CARD_OPEN_METHOD)
      .catch((err: unknown) => Promise.reject(explainOutcome(err, outSerialNo, filled)));
    await printGatewayResult(ctx, response, 'card', outSerialNo, gateway.local !== undefined);
  }, () => gateway.close());
}


/**
 * biz_content from the command line. The more specific input wins: a field's own flag (and
 * --front-text) over --set, --set over --biz. Members the API does not have are problems, not
 * silently sent; values are put into the types the reference gives them.
 */
async function bizFromInput(ctx: Context, opts: CardOpenOptions) {
  let biz: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  if (opts.biz !== undefined) {
    // A file is UTF-8, or else GBK (what Notepad and Excel save in Chinese): read leniently, a GBK
    // file's Chinese went as U+FFFD. Before the config is read, so not the profile's charset.
    const { text, source } = await readTextArgument('--biz', opts.biz, ctx, BIZ_FILE_CHARSET);
    const parsed = parseJsonArgument(text, source, cardCommandsOpenText.bizHint());
    compactJsonArgument(text, source); // For its refusal of a key given twice: the fields are read from the parse.
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(cardCommandsCommonText.bizNotObject({ source: source.label }), { hint: cardCommandsOpenText.bizHint() });
    biz = parsed as Record<string, unknown>;
  }
  const setPaths: string[] = [];
  for (const item of opts.set ?? []) {
    const [rawPath, text] = parseKeyValue('--set', item, 'card_ext_info.point=88');
    // httpie's convention: `path:=json` sets a JSON value, `path=text` a string.
    const path = rawPath.endsWith(':') ? rawPath.slice(0, -1) : rawPath;
    const value = path === rawPath ? text : parseJsonArgument(text, { kind: 'inline', label: `--set ${path}` }, cardCommandsOpenText.setJsonHint());
    // Checked before it is set: an unknown path is reported, never written (nor `__proto__.x`).
    if (isCardOpenPath(path)) setPath(biz, path, value);
    else problems.push(unknownFieldProblem(path, value));
    setPaths.push(path);
  }
  for (const field of cardOpenFields()) {
    const value = opts[camelCase(field.flag)];
    if (typeof value === 'string') setPath(biz, field.path, value);
  }
  if (opts.frontText?.length) {
    setPath(biz, 'card_ext_info.front_text_list', opts.frontText.map((item) => {
      const [label, value] = parseKeyValue('--front-text', item, '专业=金融');
      return { label, value };
    }));
  }
  problems.push(...normalizeCardOpenBiz(biz));
  const fromBiz = opts.biz !== undefined;
  const labelOf = (path: string): string | undefined =>
    // --front-text names the lines only when it gave them: else they came from --set or --biz.
    (path.startsWith('card_ext_info.front_text_list') && !opts.frontText?.length ? undefined : flagOfPath(path))
    ?? (setPaths.some((p) => isWrittenBy(path, p, getPath(biz, path) === undefined)) ? '--set' : fromBiz ? '--biz' : undefined);
  return { biz, problems, labelOf };
}

/** out_serial_no, open_date (now), UID, external_card_no; the ones that change from run to run are remembered for retries. */
function applyDefaults(ctx: Context, biz: Record<string, unknown>, filled: FilledValues): void {
  const openDate = formatTimestamp(ctx.now());
  if (getPath(biz, 'card_ext_info.open_date') === undefined) filled.set('card_ext_info.open_date', openDate);
  applyCardOpenDefaults(biz, { outSerialNo: () => generateOutSerialNo(ctx.now(), randomBytes(10)), openDate });
}

function missingHint(ctx: Context, missing: readonly CardOpenField[], dryRun: boolean): Text | undefined {
  if (missing.length === 0 || canPrompt(ctx)) return undefined;
  const flags = missing.map((f) => `--${f.flag} ${shellQuote(f.example)}`).join(' ');
  return dryRun && missing.some((f) => f.path === VALID_DATE) ? cardCommandsOpenText.missingFlagsDryRun({ flags }) : cardCommandsOpenText.missingFlags({ flags });
}

async function printCardDryRun(ctx: Context, session: Session, biz: Record<string, unknown>, authToken: string | undefined, filled: FilledValues): Promise<void> {
  printGatewayBanner(ctx, session.config);
  const target = dryRunTarget(ctx, session);
  printFilledIn(ctx, String(biz.out_serial_no), filled);
  const request = buildRequest(target.gatewayUrl, { method: CARD_OPEN_METHOD, bizContent: JSON.stringify(biz), authToken, timestamp: formatTimestamp(ctx.now()) }, target.identity);
  await printDryRun(ctx, redactRequest(request), target.note);
}

/** Before sending: the serial, and the default open_date, so even a killed run leaves what a retry needs. */
function printFilledIn(ctx: Context, outSerialNo: string, filled: FilledValues): void {
  writeLine(ctx.stderr, `out_serial_no: ${outSerialNo}`);
  const openDate = filled.get('card_ext_info.open_date');
  if (openDate !== undefined) writeLine(ctx.stderr, local(cardCommandsOpenText.openDateDefault({ value: openDate })));
}

/** Whether a member on the way to `path` is there but not a JSON object. */
function underNonObject(biz: Record<string, unknown>, path: string): boolean {
  const keys = path.split('.');
  let value: unknown = biz;
  for (const key of keys.slice(0, -1)) {
    value = (value as Record<string, unknown>)[key];
    if (value === undefined) return false;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
  }
  return false;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
