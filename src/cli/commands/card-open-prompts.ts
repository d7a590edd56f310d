import { setPath, type CardOpenField } from '../../cards/card-open-fields.js';
import { validateCardOpen } from '../../cards/card-open.js';
import { problemText } from '../../cards/problems.js';
import { UsageError } from '../../errors.js';
import { cardCommandsCommonText } from '../../i18n/en/card-commands-common.js';
import { cardCommandsOpenText } from '../../i18n/en/card-commands-open.js';
import { local, type Text } from '../../i18n/text.js';
import { cardOpenRows } from '../../cards/card-open-shape.js';
import { writeLine, type Context } from '../context.js';

/** Values this run put into the request rather than read from the command line: path → value. */
export type FilledValues = Map<string, string>;

/** Asks for each field in turn on the terminal, each answer checked by the card open rules. */
export async function askForFields(ctx: Context, biz: Record<string, unknown>, fields: readonly CardOpenField[], filled: FilledValues): Promise<void> {
  if (fields.length === 0) return;
  const { getPrompter } = await import('../prompts.js');
  const prompt = await getPrompter(ctx);
  for (const field of fields) {
    const value = await prompt.input({
      message: local(cardCommandsOpenText.fieldQuestion({ path: field.path, description: field.description, example: field.example })),
      validate: (v) => {
        const probe = structuredClone(biz);
        setPath(probe, field.path, v);
        const problem = validateCardOpen(probe).find((p) => p.path === field.path);
        return problem ? local(problemText(problem)) : true;
      },
    });
    setPath(biz, field.path, value);
    filled.set(field.path, value);
  }
}

/** card_ext_info.level, chosen from the levels the template defines. */
export async function askForLevel(ctx: Context, biz: Record<string, unknown>, levels: ReadonlyArray<{ level: string; name: string }>, filled: FilledValues): Promise<void> {
  const { getPrompter } = await import('../prompts.js');
  const prompt = await getPrompter(ctx);
  const level = await prompt.select({
    message: local(cardCommandsOpenText.levelQuestion()),
    choices: levels.map(({ level, name }) => ({ value: level, name: name === level ? level : local(cardCommandsOpenText.levelChoice({ level, name })) })),
  });
  setPath(biz, 'card_ext_info.level', level);
  filled.set('card_ext_info.level', level);
}

/**
 * Every field about to be sent — from flags, --biz, --set, defaults, the template and answers —
 * then one question. The user's auth_token is not part of biz_content and is never shown.
 * A deliberate "no" sends nothing and is exit 2 (as gh treats a cancelled prompt): 130 is kept for
 * an interruption (Ctrl-C), which DESIGN section 1 defines it as.
 */
export async function confirmCard(ctx: Context, biz: Record<string, unknown>, ruled?: ReadonlyMap<string, Text>, again?: string): Promise<void> {
  const { getPrompter } = await import('../prompts.js');
  const prompt = await getPrompter(ctx);
  const rows = cardOpenRows(biz);
  const width = Math.max(...rows.map(([path]) => path.length));
  writeLine(ctx.stderr, local(cardCommandsOpenText.aboutToIssue()));
  // A value a template rule sets as the card is issued is shown as that rule: the time it gives
  // moves on while the question waits (the exact value is printed when it is sent).
  for (const [path, value] of rows) {
    const rule = ruled?.get(path);
    const shown = rule === undefined ? value : local(rule);
    writeLine(ctx.stderr, `  ${path.padEnd(width)}  ${shown}`);
  }
  if (!(await prompt.confirm({ message: local(cardCommandsOpenText.issueIt()), default: true }))) {
    throw new UsageError(cardCommandsCommonText.notConfirmed(), {
      hint: again === undefined ? cardCommandsOpenText.runAgainHint() : cardCommandsOpenText.issueLaterHint({ command: again }),
    });
  }
}
