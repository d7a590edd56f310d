import { getPath, isWrittenBy, setPath } from '../../cards/card-open-fields.js';
import { isModelPath, textsFromNumbers, unknownMemberProblem, type MethodModel } from '../../cards/method-fields.js';
import { validateTemplateQuery } from '../../cards/validate-template.js';
import { fieldProblem, type FieldProblem } from '../../cards/problems.js';
import type { GatewayClient } from '../../client/client.js';
import { redactRequest } from '../../client/redact.js';
import { buildRequest, type UploadFile } from '../../client/request.js';
import type { GatewayResponse } from '../../client/response.js';
import { UsageError } from '../../errors.js';
import { cardCommandsCommonText } from '../../i18n/en/card-commands-common.js';
import { cardCommandsLifeText } from '../../i18n/en/card-commands-life.js';
import { formatTimestamp } from '../../protocol/index.js';
import type { Context } from '../context.js';
import { localWhere, printDryRun } from '../gateway-output.js';
import { stdoutWidth } from '../terminal-width.js';
import { BIZ_FILE_CHARSET, parseJsonArgument, parseKeyValue, readTextArgument, compactJsonArgument } from '../input.js';
import type { Shown } from '../../render/card-state.js';
import { loadSession } from '../session.js';
import type { ResolvedConfig } from '../../config/index.js';
import { reportProblems } from './card-open-problems.js';
import { closingAfter } from '../interrupt.js';

/** Options every card query/update/delete takes, plus a value per model flag (camelCase). */
export type CardCallOptions = Record<string, string | string[] | number | boolean | undefined> & {
  biz?: string;
  set?: string[];
  frontText?: string[];
  maxAttempts?: number;
};

/**
 * A value the command line names the card by — the <card-no> argument — as `label` says it. --biz or --set giving another is refused: the lookup, the confirmation and the
 * result name the card the argument names, so the request must not act on another.
 */
export interface NamedValue {
  path: string;
  value: string;
  label: string;
}

/** The card a command acts on: its <card-no> argument. */
export function cardNamedBy(cardNo: string): NamedValue[] {
  return [{ path: 'target_card_no', value: cardNo, label: '<card-no>' }];
}

export function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * biz_content from the command line, by the model: `base` (the card number, defaults), then --biz,
 * then --set, then each field's own flag — the more specific wins, as in `card open`. A member the
 * method does not have is a problem, never sent.
 */
export async function bizFromModel(ctx: Context, model: MethodModel, opts: CardCallOptions, base: Record<string, unknown>, named: readonly NamedValue[] = []) {
  const problems: FieldProblem[] = [];
  /** Where a value contradicting a named one came from (--biz, --set), by path: the problem's label. */
  const contradicted = new Map<string, string>();
  const contradicting = (path: string, value: unknown, source: string) => {
    const name = named.find((n) => n.path === path);
    if (name === undefined || value === undefined || value === name.value || contradicted.has(path)) return;
    contradicted.set(path, source);
    problems.push(fieldProblem(path, value, cardCommandsLifeText.namedElsewhere({ label: name.label, value: name.value, source, path })));
  };
  let biz: Record<string, unknown> = {};
  if (opts.biz !== undefined) {
    // A file is UTF-8, or else GBK (what Notepad and Excel save in Chinese): read leniently, a GBK
    // file's Chinese went as U+FFFD. Before the config is read, so not the profile's charset.
    const { text, source } = await readTextArgument('--biz', opts.biz, ctx, BIZ_FILE_CHARSET);
    const parsed = parseJsonArgument(text, source, cardCommandsLifeText.bizHint());
    compactJsonArgument(text, source); // For its refusal of a key given twice: the fields are read from the parse.
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(cardCommandsCommonText.bizNotObject({ source: source.label }));
    biz = parsed as Record<string, unknown>;
    for (const name of named) contradicting(name.path, getPath(biz, name.path), '--biz');
  }
  for (const [path, value] of Object.entries(base)) if (getPath(biz, path) === undefined) setPath(biz, path, value);
  const setPaths: string[] = [];
  for (const item of opts.set ?? []) {
    const [rawPath, text] = parseKeyValue('--set', item, 'card_info.point=88');
    const path = rawPath.endsWith(':') ? rawPath.slice(0, -1) : rawPath;
    const value = path === rawPath ? text : parseJsonArgument(text, { kind: 'inline', label: `--set ${path}` });
    contradicting(path, value, '--set');
    if (isModelPath(model, path)) setPath(biz, path, value);
    else problems.push(unknownMemberProblem(model, path, value));
    setPaths.push(path);
  }
  // `--set card_info.point:=7` and a --biz file's numbers: sent as the reference types them, as card open sends them.
  problems.push(...textsFromNumbers(model, biz));
  for (const field of model.fields) {
    const value = field.flag === undefined ? undefined : opts[camelCase(field.flag)];
    if (typeof value === 'string') setPath(biz, field.path, value);
  }
  const labelOf = (path: string): string | undefined => {
    const source = contradicted.get(path);
    if (source !== undefined) return source;
    const field = model.fields.find((f) => f.path === path && f.flag !== undefined);
    if (field) return `--${field.flag}`;
    if (path === 'target_card_no') return '<card-no>';
    if (path.includes('front_text_list') && opts.frontText?.length) return '--front-text';
    return setPaths.some((p) => isWrittenBy(path, p, getPath(biz, path) === undefined)) ? '--set' : opts.biz !== undefined ? '--biz' : undefined;
  };
  return { biz, problems, labelOf };
}

/** Every problem at once, each naming its flag, exit 2: nothing is sent. */
export function refuseProblems(problems: readonly FieldProblem[], labelOf: (path: string) => string | undefined): void {
  reportProblems(problems, { labelOf });
}

/**
 * A template id given on the command line, as the references type it (String(32)): exit 2 before
 * the template is looked up — `template modify` looked it up first, and the gateway answered
 * INVALID_PARAMETER (exit 4).
 */
export function refuseBadTemplateId(templateId: string): void {
  reportProblems(validateTemplateQuery({ template_id: templateId }));
}

/** Where the calls go: the gateway (its URL, or `local <state file>` for the in-process one) and the app. */
export interface CallTarget {
  gateway: string;
  appId: string;
  /** The URL requests go to (the in-process gateway's too). */
  gatewayUrl: string;
}

/**
 * The request signed and printed (--dry-run), or a connection to the profile's gateway for `use`,
 * closed after it. Signed as a real call would be: the local app for the local gateway. `use` gets
 * how a table says where its answer came from: the local gateway's mark, or nothing. `config`: the
 * profile when the command loaded it already (to read its input in the profile's charset).
 */
export async function withGateway(
  ctx: Context,
  dryRun: {
    method: string;
    biz?: Record<string, unknown> | undefined;
    textParams?: Record<string, string> | undefined;
    file?: UploadFile | undefined;
    /** Params of the method's own (oauth.token's grant_type and code): signed as the call signs them, secrets redacted when shown. */
    params?: Record<string, string> | undefined;
    authToken?: string | undefined;
  },
  opts: { maxAttempts?: number; config?: ResolvedConfig },
  use: (client: Pick<GatewayClient, 'call'>, shown: Shown, target: CallTarget) => Promise<void>,
): Promise<void> {
  const session = await loadSession(ctx, { signingOnly: Boolean(ctx.globals.dryRun), config: opts.config });
  if (ctx.globals.dryRun) {
    const { dryRunTarget, printProductionBanner } = await import('../gateway-client.js');
    printProductionBanner(ctx, session);
    const target = dryRunTarget(ctx, session);
    const bizContent = dryRun.biz === undefined ? undefined : JSON.stringify(dryRun.biz);
    const request = buildRequest(target.gatewayUrl, {
      method: dryRun.method, bizContent, textParams: dryRun.textParams, file: dryRun.file, extraParams: dryRun.params, authToken: dryRun.authToken, timestamp: formatTimestamp(ctx.now()),
    }, target.identity);
    await printDryRun(ctx, redactRequest(request), target.note);
    return;
  }
  const { connectGateway } = await import('../gateway-client.js');
  const gateway = await connectGateway(ctx, session, { maxAttempts: opts.maxAttempts });
  const where = gateway.local ? `local ${gateway.local.statePath}` : gateway.gatewayUrl;
  await closingAfter(
    () => use(gateway.client, { where: gateway.local !== undefined ? localWhere() : undefined, width: stdoutWidth(ctx) }, { gateway: where, appId: gateway.identity.appId, gatewayUrl: gateway.gatewayUrl }),
    () => gateway.close(),
  );
}

/** `--json` (or no terminal): the node exactly as the gateway sent it. */
export function printNode(ctx: Context, response: GatewayResponse): void {
  ctx.stdout.write(response.nodeText + '\n');
}
