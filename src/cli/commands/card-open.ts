import { randomBytes } from 'node:crypto';
import { CARD_OPEN_FIELDS, generateOutSerialNo, getPath, setPath, type CardOpenField } from '../../cards/card-open-fields.js';
import { validateCardOpen } from '../../cards/card-open.js';
import { applyCardOpenDefaults, cardOpenFieldValue, validDateRuleOf } from '../../cards/card-open-defaults.js';
import { dateInFuture } from '../../cards/field-rules.js';
import type { FieldProblem } from '../../cards/fields.js';
import { buildRequest } from '../../client/request.js';
import { redactRequest } from '../../client/redact.js';
import { UsageError } from '../../errors.js';
import { formatTimestamp } from '../../protocol/index.js';
import { canPrompt, writeLine, type Context } from '../context.js';
import { parseJsonArgument, parseKeyValue, readTextArgument } from '../input.js';
import { loadSession, type Session } from '../session.js';
import { printDryRun, printGatewayResult } from '../gateway-output.js';
import { readAuthToken, signingIdentity } from './sign.js';

export const CARD_OPEN_METHOD = 'alipay.marketing.card.open';
export const TEMPLATE_QUERY_METHOD = 'alipay.marketing.card.template.query';

export type CardOpenOptions = Record<string, string | string[] | number | boolean | undefined> & {
  biz?: string;
  set?: string[];
  frontText?: string[];
  authTokenFile?: string;
  maxAttempts?: number;
};

export function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export async function runCardOpen(ctx: Context, opts: CardOpenOptions): Promise<void> {
  const biz = await bizFromInput(ctx, opts);
  const authToken = await readAuthToken(ctx, opts.authTokenFile);
  const session = await loadSession(ctx);
  applyDefaults(ctx, biz);
  // The template is asked for first: its DATE_IN_FUTURE rule can supply valid_date.
  await askForMissing(ctx, biz, (f) => f.flag !== 'valid-date');
  if (getPath(biz, 'card_ext_info.valid_date') === undefined && !ctx.globals.dryRun) {
    await validDateFromTemplate(ctx, session, biz);
  }
  await askForMissing(ctx, biz, () => true);
  applyDefaults(ctx, biz);
  reportProblems(validateCardOpen(biz));
  if (canPrompt(ctx) && !ctx.globals.yes && !ctx.globals.dryRun) await confirmSummary(ctx, biz);

  const bizContent = JSON.stringify(biz);
  writeLine(ctx.stderr, `out_serial_no: ${String(biz.out_serial_no)}`);
  if (ctx.globals.dryRun) {
    const request = buildRequest(session.config.profile.gatewayUrl ?? '/gateway.do', { method: CARD_OPEN_METHOD, bizContent, authToken, timestamp: formatTimestamp(ctx.now()) }, signingIdentity(session.config.profile, session.credentials));
    await printDryRun(ctx, redactRequest(request));
    return;
  }
  const { connectGateway } = await import('../gateway-client.js');
  const gateway = await connectGateway(ctx, session, { maxAttempts: opts.maxAttempts });
  try {
    // Safe to retry: a replay under the same out_serial_no returns the card already issued.
    const response = await gateway.client.call(CARD_OPEN_METHOD, { bizContent, authToken, retrySafe: true });
    await printGatewayResult(ctx, response, 'card');
  } finally {
    await gateway.close();
  }
}

/** --biz first, then one flag per field, then --front-text, then --set: later wins. */
async function bizFromInput(ctx: Context, opts: CardOpenOptions): Promise<Record<string, unknown>> {
  let biz: Record<string, unknown> = {};
  if (opts.biz !== undefined) {
    const { text, source } = await readTextArgument('--biz', opts.biz, ctx);
    const parsed = parseJsonArgument(text, source);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${source.label}: biz_content must be a JSON object`);
    biz = parsed as Record<string, unknown>;
  }
  for (const field of CARD_OPEN_FIELDS) {
    const value = opts[camelCase(field.flag)];
    if (typeof value === 'string') setPath(biz, field.path, fieldValue(field, value));
  }
  if (opts.frontText?.length) {
    setPath(biz, 'card_ext_info.front_text_list', opts.frontText.map((item) => {
      const [label, value] = parseKeyValue('--front-text', item);
      return { label, value };
    }));
  }
  for (const item of opts.set ?? []) {
    const [rawPath, value] = parseKeyValue('--set', item);
    // httpie's convention: `path:=json` sets a JSON value, `path=text` a string.
    if (rawPath.endsWith(':')) setPath(biz, rawPath.slice(0, -1), parseJsonArgument(value, { kind: 'inline', label: `--set ${rawPath.slice(0, -1)}` }));
    else setPath(biz, rawPath, value);
  }
  return biz;
}

function fieldValue(field: CardOpenField, value: string): unknown {
  return cardOpenFieldValue(field.path, value);
}

function applyDefaults(ctx: Context, biz: Record<string, unknown>): void {
  applyCardOpenDefaults(biz, { outSerialNo: () => generateOutSerialNo(ctx.now(), randomBytes(10)), openDate: formatTimestamp(ctx.now()) });
}

/** valid_date from the template's DATE_IN_FUTURE rule for ValidDate, when it has one. */
async function validDateFromTemplate(ctx: Context, session: Session, biz: Record<string, unknown>): Promise<void> {
  const templateId = getPath(biz, 'card_template_id');
  if (typeof templateId !== 'string' || templateId === '') return;
  const { connectGateway } = await import('../gateway-client.js');
  const gateway = await connectGateway(ctx, session);
  try {
    const { node } = await gateway.client.call(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: templateId }), retrySafe: true });
    const offset = validDateRuleOf(node);
    if (offset) {
      const validDate = dateInFuture(ctx.now(), offset);
      setPath(biz, 'card_ext_info.valid_date', validDate);
      writeLine(ctx.stderr, `valid_date: ${validDate} (template rule DATE_IN_FUTURE ${offset})`);
    }
  } finally {
    await gateway.close();
  }
}

async function askForMissing(ctx: Context, biz: Record<string, unknown>, which: (field: CardOpenField) => boolean): Promise<void> {
  const missing = CARD_OPEN_FIELDS.filter((f) => f.prompt && which(f) && (getPath(biz, f.path) === undefined || getPath(biz, f.path) === ''));
  if (missing.length === 0) return;
  if (!canPrompt(ctx)) {
    throw new UsageError(`missing ${missing.map((f) => f.path).join(', ')}`, {
      hint: `pass ${missing.map((f) => `--${f.flag} <${f.example}>`).join(' ')} (no prompts without a terminal)`,
    });
  }
  const { getPrompter } = await import('../prompts.js');
  const prompt = await getPrompter(ctx);
  for (const field of missing) {
    const value = await prompt.input({
      message: `${field.path} — ${field.description} (e.g. ${field.example})`,
      validate: (v) => {
        const probe = structuredClone(biz);
        setPath(probe, field.path, v);
        const problem = validateCardOpen(probe).find((p) => p.path === field.path);
        return problem ? problem.message : true;
      },
    });
    setPath(biz, field.path, value);
  }
}

async function confirmSummary(ctx: Context, biz: Record<string, unknown>): Promise<void> {
  const { getPrompter } = await import('../prompts.js');
  const prompt = await getPrompter(ctx);
  writeLine(ctx.stderr, 'About to issue this card:');
  for (const field of CARD_OPEN_FIELDS) {
    const value = getPath(biz, field.path);
    if (value !== undefined) writeLine(ctx.stderr, `  ${field.path.padEnd(36)} ${String(value)}`);
  }
  if (!(await prompt.confirm({ message: 'Issue it?', default: true }))) {
    const { InterruptedError } = await import('../../errors.js');
    throw new InterruptedError('cancelled: nothing was sent');
  }
}

/** Every problem at once, each naming its field and what would be valid. */
export function reportProblems(problems: readonly FieldProblem[]): void {
  if (problems.length === 0) return;
  const flagOf = new Map(CARD_OPEN_FIELDS.map((f) => [f.path, `--${f.flag}`]));
  const lines = problems.map((p) => {
    const flag = flagOf.get(p.path);
    const shown = p.value === undefined ? '' : ` (got ${JSON.stringify(p.value)})`;
    return `  ${p.path || 'biz_content'}${flag ? ` [${flag}]` : ''}: ${p.message}${shown}`;
  });
  throw new UsageError(`${problems.length} invalid field${problems.length === 1 ? '' : 's'}; nothing was sent:\n${lines.join('\n')}`);
}
