import { InterruptedError, UsageError } from '../errors.js';
import { promptText } from '../i18n/en/input-prompts.js';
import { language, local, type Text } from '../i18n/text.js';
import { atKeyboard, canPrompt, type Context } from './context.js';

/**
 * Every question the CLI asks goes through this interface (np keeps all prompts in one module),
 * so tests inject answers instead of driving a terminal, and Ctrl-C is handled in one place.
 */
export interface Prompter {
  input(question: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T extends string>(question: { message: string; choices: ReadonlyArray<{ value: T; name?: string; description?: string }>; default?: T }): Promise<T>;
  confirm(question: { message: string; default?: boolean }): Promise<boolean>;
}

/**
 * The prompter for this run: the injected one, or the real prompts on stderr (so stdout stays
 * clean for the result; @inquirer/prompts loads only here). Either way Ctrl-C becomes exit 130.
 */
export async function getPrompter(ctx: Context): Promise<Prompter> {
  const prompter = ctx.prompter ?? (await terminalPrompter(ctx));
  return {
    // Spaces around an answer are never meant (a pasted ID, a stray space before Enter): the
    // answer is checked and returned without them.
    input: async (q) => (await interruptible(prompter.input({ ...q, ...(q.validate ? { validate: (v: string) => q.validate!(v.trim()) } : {}) }))).trim(),
    select: (q) => interruptible(prompter.select(q)),
    confirm: (q) => interruptible(prompter.confirm(q)),
  };
}

/**
 * Whether a question before something that cannot be undone (a card issued) is asked: 'ask' on a
 * terminal, 'skip' with --yes and for scripts (no terminal on stdin, --no-input, CI). A person at
 * the keyboard who cannot be asked — stderr elsewhere (`card open ... 2>log`: the question unseen),
 * or stdout (`| tee log`, `$(…)`: no prompt then, DESIGN) — would see it done unasked: that is
 * exit 2 saying to pass --yes, before anything is sent. Asking on /dev/tty instead was weighed:
 * every other prompt (a missing field) already refuses then, and one rule for all of them is
 * easier to predict.
 */
export function confirmationMode(ctx: Context, what: Text | string): 'ask' | 'skip' {
  if (ctx.globals.yes) return 'skip';
  if (canPrompt(ctx)) return 'ask';
  if (!atKeyboard(ctx)) return 'skip';
  if (!ctx.stderr.isTTY) throw new UsageError(promptText.confirmationUnseen({ what }), { hint: promptText.confirmationUnseenHint() });
  throw new UsageError(promptText.confirmationNotAsked({ what }), { hint: promptText.confirmationNotAskedHint() });
}

async function terminalPrompter(ctx: Context): Promise<Prompter> {
  // Inquirer's colours (yoctocolors) follow the environment, read once when it loads: --no-color
  // and --color, which beat the environment (useColor), are told to it there.
  // One of the two only: Node warns when NO_COLOR and FORCE_COLOR are both set.
  if (ctx.globals.color !== undefined) {
    const [set, unset] = ctx.globals.color ? ['FORCE_COLOR', 'NO_COLOR'] : ['NO_COLOR', 'FORCE_COLOR'];
    delete process.env[unset];
    process.env[set] = '1';
  }
  const inquirer = await import('@inquirer/prompts');
  const context = { input: ctx.stdin as NodeJS.ReadableStream, output: ctx.stderr as NodeJS.WritableStream, clearPromptOnDone: false };
  // Inquirer's own words are English: the keys under a list (its default, coloured, in English)
  // and a yes/no answer once given; the y/n typed stays y/n in every language.
  const selectTheme = language() === 'en' ? undefined : { style: { keysHelpTip: () => local(promptText.selectKeys()) } };
  const answer = (value: boolean) => local(value ? promptText.yes() : promptText.no());
  return {
    input: (q) => inquirer.input({ message: q.message, default: q.default, validate: q.validate }, context),
    select: (q) => inquirer.select({ message: q.message, choices: q.choices.map((c) => ({ ...c })), default: q.default, ...(selectTheme ? { theme: selectTheme } : {}) }, context),
    confirm: (q) => inquirer.confirm({ ...q, transformer: answer }, context),
  };
}

async function interruptible<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (err) {
    if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) {
      throw new InterruptedError(promptText.interrupted());
    }
    throw err;
  }
}
