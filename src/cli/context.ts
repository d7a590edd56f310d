import type { Readable, Writable } from 'node:stream';
import type { FoundConfig } from '../config/search.js';
import type { Prompter } from './prompts.js';

export type OutputFormat = 'table' | 'json' | 'ndjson';

/** The global options every command accepts (DESIGN section 1), as commander parses them. */
export interface GlobalOptions {
  config?: string;
  profile?: string;
  gateway?: string;
  json?: boolean;
  output?: string;
  color?: boolean;
  verbose?: boolean;
  dryRun?: boolean;
  timeout?: number;
  input?: boolean;
  yes?: boolean;
  lang?: string;
}

/**
 * What varies between a real run and a test: streams, environment, clock, working directory.
 * Commands receive this instead of reaching for `process`, so tests drive them without mocks.
 */
export interface Context {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  homeDir: string;
  now: () => Date;
  globals: GlobalOptions;
  /** Injected by tests; the terminal prompter is created on first use otherwise. */
  prompter?: Prompter;
  /**
   * Whether stdin is a terminal, asked of the system (main.ts): reading `stdin.isTTY` builds
   * process.stdin, a stream (≈4 ms on Node 24 when stdin is a file), for a command that reads none.
   * Without it, `stdin.isTTY` is read.
   */
  stdinIsTTY?: () => boolean;
  /**
   * The config file the language was looked up in (cli/language.ts), before the command line was
   * parsed: the run's first loadProfile (session.ts) takes it rather than finding and reading the
   * file a second time. With the search's inputs it was found for (`--config`, the directories, the
   * environment): a load for others searches again.
   */
  configFound?: { configFile: string | undefined; cwd: string; homeDir: string; env: Context['env']; found: FoundConfig | undefined };
}

export function outputFormat(ctx: Context): OutputFormat {
  if (ctx.globals.json) return 'json';
  const o = ctx.globals.output;
  if (o === 'table' || o === 'json' || o === 'ndjson') return o;
  return ctx.stdout.isTTY ? 'table' : 'json';
}

/**
 * Colour: --no-color / --color first (a flag beats the environment, as no-color.org asks of
 * per-instance arguments), then NO_COLOR (off), then FORCE_COLOR (on, or off when 0/false), else
 * only on a TTY.
 */
export function useColor(ctx: Context, stream: { isTTY?: boolean } = ctx.stdout): boolean {
  if (ctx.globals.color !== undefined) return ctx.globals.color;
  if (ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '') return false;
  const force = ctx.env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  if (force !== undefined && force !== '') return true;
  return Boolean(stream.isTTY);
}

/**
 * Prompts are allowed only with a person at every end — stdin, stdout and stderr (where they are
 * asked) a terminal — and never in CI or with --no-input. A stdout that is not a terminal is a
 * script's (`$(…)`, `| jq`, `> file`: DESIGN, "no prompt ever when stdin/stdout is not a TTY"),
 * as gh judges it.
 */
export function canPrompt(ctx: Context): boolean {
  return atKeyboard(ctx) && Boolean(ctx.stderr.isTTY) && Boolean(ctx.stdout.isTTY);
}

/**
 * Whether a person may be at the keyboard: stdin a terminal, not CI, not --no-input. One who is,
 * but cannot be asked (stdout or stderr elsewhere), is not a script run by cron: what would be
 * confirmed is refused rather than done unasked (confirmationMode).
 */
export function atKeyboard(ctx: Context): boolean {
  if (ctx.globals.input === false) return false;
  const ci = ctx.env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false') return false;
  return ctx.stdinIsTTY ? ctx.stdinIsTTY() : Boolean(ctx.stdin.isTTY);
}

export function writeLine(stream: Writable, text = ''): void {
  stream.write(text + '\n');
}
