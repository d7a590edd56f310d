import { CliError, EXIT_CODES } from '../errors.js';
import { useColor, writeLine, type Context } from './context.js';

interface CommanderLikeError {
  code: string;
  exitCode: number;
  message: string;
}

function isCommanderError(err: unknown): err is CommanderLikeError {
  return err instanceof Error && typeof (err as Partial<CommanderLikeError>).code === 'string'
    && (err as Partial<CommanderLikeError>).code!.startsWith('commander.');
}

/**
 * Turns any error into its exit code, with one clear message on stderr and nothing on stdout.
 * Stacks only with --verbose: ops staff should never see one for a problem they can fix.
 */
export function reportError(err: unknown, ctx: Context, args: readonly string[]): number {
  if (isCommanderError(err)) {
    // Commander has already printed its own message (unknown option, missing argument, help).
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_CODES.success;
    if (err.code === 'commander.help') return args.length === 0 ? EXIT_CODES.success : EXIT_CODES.usage;
    return EXIT_CODES.usage;
  }
  const color = useColor(ctx, ctx.stderr);
  const red = (s: string) => (color ? `\u001b[31m${s}\u001b[39m` : s);
  const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[22m` : s);
  const verbose = Boolean(ctx.globals.verbose);

  if (err instanceof CliError) {
    writeLine(ctx.stderr, `${red('error:')} ${err.message}`);
    if (err.hint) writeLine(ctx.stderr, `${dim('hint:')} ${err.hint}`);
    if (verbose && err.stack) writeLine(ctx.stderr, dim(err.stack));
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  writeLine(ctx.stderr, `${red('internal error:')} ${message}`);
  if (verbose && err instanceof Error && err.stack) writeLine(ctx.stderr, dim(err.stack));
  else writeLine(ctx.stderr, `${dim('hint:')} this is a bug in alipay-card; run again with --verbose for the stack and report it`);
  return EXIT_CODES.internal;
}
