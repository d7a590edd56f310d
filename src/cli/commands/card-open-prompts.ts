import { setPath, type CardOpenField } from '../../cards/card-open-fields.js';
import { validateCardOpen } from '../../cards/card-open.js';
import { UsageError } from '../../errors.js';
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
      message: `${field.path} — ${field.description} (e.g. ${field.example})`,
      validate: (v) => {
        const probe = structuredClone(biz);
        setPath(probe, field.path, v);
        const problem = validateCardOpen(probe).find((p) => p.path === field.path);
        return problem ? problem.message : true;
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
    message: 'card_ext_info.level — the card level (the template requires one of its levels)',
    choices: levels.map(({ level, name }) => ({ value: level, name: name === level ? level : `${level} (${name})` })),
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
export async function confirmCard(ctx: Context, biz: Record<string, unknown>, ruled?: ReadonlyMap<string, string>, again?: string): Promise<void> {
  const { getPrompter } = await import('../prompts.js');
  const prompt = await getPrompter(ctx);
  const rows = cardOpenRows(biz);
  const width = Math.max(...rows.map(([path]) => path.length));
  writeLine(ctx.stderr, 'About to issue this card:');
  // A value a template rule sets as the card is issued is shown as that rule: the time it gives
  // moves on while the question waits (the exact value is printed when it is sent).
  for (const [path, value] of rows) writeLine(ctx.stderr, `  ${path.padEnd(width)}  ${ruled?.has(path) ? ruled.get(path) : value}`);
  if (!(await prompt.confirm({ message: 'Issue it?', default: true }))) {
    throw new UsageError('not confirmed: nothing was sent', {
      hint: again === undefined ? 'run the command again to issue the card; --yes skips this question' : `to issue it later, without the questions (--yes skips the confirmation):\n  ${again}`,
    });
  }
}
