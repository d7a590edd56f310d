import type { Context } from './context.js';
import { chooseLanguage } from './language.js';
import { flushed, mayBeTerminal, standardOutput } from './output.js';
// Static: every run needs the program, and one file fewer to load is start-up (DESIGN section 9).
import { buildProgram, helpWordsToFlag, unknownHelpWords, verboseVersionToCommand } from './program.js';
import { reportError } from './report.js';
import { homeDirectory } from '../loader/user-dirs.js';

/**
 * The process entry point: the only place that calls `process.exit`. Everything else throws a
 * `CliError` (src/errors.ts) or returns normally; `run` maps that to an exit code.
 */
export async function main(argv: string[]): Promise<void> {
  // `alipay-card ... | head` closes the pipe early: that is the reader's choice, not our failure.
  // A command that listens for it too (card batch: a closed stdout stops the run as Ctrl-C does,
  // so the journal, results and lock end cleanly) handles it itself.
  const args = argv.slice(2);
  const stdout = standardOutput(1, args);
  const stderr = standardOutput(2, args);
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    if (stdout.listenerCount('error') === 1) process.exit(process.exitCode ?? 0);
  });
  const ctx: Context = {
    stdout,
    stderr,
    // A getter: touching process.stdin builds a stream (≈10 ms), which most commands never read.
    get stdin() {
      return process.stdin;
    },
    // node:tty is loaded only when stdin may be a terminal (mayBeTerminal); process.stdin is not built.
    stdinIsTTY: () => mayBeTerminal(0) && process.getBuiltinModule('node:tty').isatty(0),
    env: process.env,
    cwd: process.cwd(),
    homeDir: homeDirectory(),
    now: () => new Date(),
    globals: {},
  };
  const code = await run(args, ctx);
  // The command has ended and told its outcome: a Ctrl-C now (a second one after card batch's
  // first, while the output drains) leaves with that outcome's code, not killed by the signal.
  // (SIGTERM too: commands take it as Ctrl-C, src/cli/interrupt.ts.)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(code));
  // A reader that left meanwhile makes the drain below fail with EPIPE: exit with this code then too.
  process.exitCode = code;
  // Let piped stdout/stderr drain before leaving: process.exit does not wait for them.
  await flushed(stdout);
  await flushed(stderr);
  process.exit(code);
}

/** Runs one command line in `ctx` and returns its exit code; never throws. */
export async function run(args: string[], ctx: Context): Promise<number> {
  try {
    await chooseLanguage(args, ctx);
    // Bytes that are not UTF-8 (a GBK terminal) are U+FFFD by now: never sent as a member's name.
    if (args.some((arg) => arg.includes('\uFFFD')) && args[0] !== '__complete') {
      const refused = (await import('./argument-text.js')).notUtf8Argument(args);
      if (refused !== undefined) throw refused;
    }
    let argv = verboseVersionToCommand(helpWordsToFlag(args));
    let program = buildProgram(ctx, argv);
    const unknown = unknownHelpWords(program, args);
    if (unknown !== undefined) program = buildProgram(ctx, (argv = unknown));
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return await reportError(err, ctx, args);
  }
}
