import { cardOpenFields, setPath, VALID_DATE } from '../../cards/card-open-fields.js';
import { dateInFuture } from '../../cards/field-rules.js';
import { TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import { checkAgainstTemplate, templateLevels, templateRuleProblems, templateRulesOf, type TemplateRules } from '../../cards/template-rules.js';
import type { GatewayClient } from '../../client/client.js';
import { isRetryableNode, type GatewayFailure } from '../../client/response.js';
import { CliError, GatewayError, InterruptedError, TransportError, VerificationError } from '../../errors.js';
import { cardCommandsOpenText } from '../../i18n/en/card-commands-open.js';
import { local } from '../../i18n/text.js';
import { canPrompt, writeLine, type Context } from '../context.js';
import { askForFields, askForLevel, type FilledValues } from './card-open-prompts.js';
import { shellQuote } from '../../config/shell-word.js';
import { flagOfPath, reportProblems } from './card-open-problems.js';

/** What the template step works on: the request being built, over the command's one connection. */
export interface TemplateStep {
  ctx: Context;
  client: Pick<GatewayClient, 'call'>;
  biz: Record<string, unknown>;
  filled: FilledValues;
  labelOf: (path: string) => string | undefined;
}

/**
 * The template decides what the gateway will accept: its DATE_IN_FUTURE rule fills valid_date,
 * ASSIGN_FROM_REQUEST rules require balance, point or level, and a level must be one of its own.
 * Checked here, before the card open is sent: on a terminal what is missing is asked for, without
 * one every problem is exit 2 naming its flag.
 */
export async function applyTemplate(step: TemplateStep): Promise<{ validDateRule?: string }> {
  const { ctx, biz, filled } = step;
  const rules = templateRulesOf(await lookUpTemplate(step.client, String(biz.card_template_id)));
  let check = checkAgainstTemplate(biz, rules, ctx.now());
  const validDateRule = check.validDate?.offset;
  if (check.validDate !== undefined) {
    setPath(biz, VALID_DATE, check.validDate.value);
    filled.set(VALID_DATE, check.validDate.value);
  }
  if (canPrompt(ctx)) {
    if (check.missingValidDateWhy !== undefined) await askForFields(ctx, biz, cardOpenFields().filter((f) => f.path === VALID_DATE), filled);
    await askForTemplateFields(step, rules);
    check = checkAgainstTemplate(biz, rules, ctx.now());
  }
  const hint = check.missingValidDateWhy !== undefined && check.problems.some((p) => p.path === VALID_DATE && p.value === undefined)
    ? cardCommandsOpenText.validDateHint({ why: check.missingValidDateWhy, example: shellQuote(cardOpenFields().find((f) => f.path === VALID_DATE)!.example) })
    : undefined;
  reportProblems(check.problems, { labelOf: step.labelOf, hint });
  return validDateRule === undefined ? {} : { validDateRule };
}

/**
 * The gateway applies DATE_IN_FUTURE when the request arrives, from its own clock: valid_date is
 * worked out again just before sending (not when the template was looked up, a confirmation ago),
 * so the value printed and sent is the one the card gets.
 */
export function fillRuleValidDate(ctx: Context, biz: Record<string, unknown>, filled: FilledValues, offset: string): void {
  const value = dateInFuture(ctx.now(), offset);
  setPath(biz, VALID_DATE, value);
  filled.set(VALID_DATE, value);
  writeLine(ctx.stderr, local(cardCommandsOpenText.validDateFromRule({ value, offset })));
}

/** On a terminal: whatever the template's rules need and the request lacks, the level from the template's own. */
async function askForTemplateFields(step: TemplateStep, rules: TemplateRules): Promise<void> {
  const { ctx, biz, filled } = step;
  const lacking = new Set(templateRuleProblems(rules, biz, ctx.now()).filter((p) => p.value === undefined).map((p) => p.path));
  const levels = templateLevels(rules);
  if (lacking.delete('card_ext_info.level') && levels.length > 0) await askForLevel(ctx, biz, levels, filled);
  await askForFields(ctx, biz, cardOpenFields().filter((f) => lacking.has(f.path)), filled);
}

async function lookUpTemplate(client: Pick<GatewayClient, 'call'>, templateId: string): Promise<Record<string, unknown>> {
  try {
    const { node } = await client.call(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: templateId }), retrySafe: true });
    return node;
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    throw err.withChange({ message: cardCommandsOpenText.lookingUpTemplate({ templateId, message: err.text }) });
  }
}

/**
 * A failed card open, with what to do about it. When the outcome is unknown — no answer, an answer
 * that is not authentic, a transient error after the last attempt — the card may exist: the hint
 * gives the exact flags that resend the same request (the serial and every value this run filled
 * in), which the gateway answers with that card instead of a second one.
 */
export function explainOutcome(err: unknown, outSerialNo: string, filled: FilledValues): unknown {
  if (!(err instanceof CliError)) return err;
  const node = err instanceof GatewayError ? (err.failure as GatewayFailure | undefined)?.response.node : undefined;
  if (node?.sub_code === 'OUT_SERIAL_NO_CONFLICT') {
    const dates = [...filled].filter(([path]) => path.endsWith('_date')).map(([path, value]) => cardCommandsOpenText.filledDate({ name: path.slice(path.lastIndexOf('.') + 1), value }));
    return dates.length === 0 ? err : err.withChange({ hint: cardCommandsOpenText.filledIn({ hint: err.hintText ?? '', dates }) });
  }
  const unknown = err instanceof TransportError || err instanceof VerificationError || err instanceof InterruptedError || (node !== undefined && isRetryableNode(node));
  if (!unknown) return err;
  return err.withChange({
    hint: cardCommandsOpenText.unknownOutcome({ hint: err.hintText ?? '', flags: retryFlags(outSerialNo, filled) }),
  });
}

function retryFlags(outSerialNo: string, filled: FilledValues): string {
  const flags = [`--out-serial-no ${shellQuote(outSerialNo)}`];
  for (const [path, value] of filled) {
    const flag = flagOfPath(path);
    if (flag) flags.push(`${flag} ${shellQuote(value)}`);
  }
  return flags.join(' ');
}
