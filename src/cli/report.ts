import type { GatewayFailure } from '../client/response.js';
import { CliError, EXIT_CODES, GatewayError } from '../errors.js';
import { commonText } from '../i18n/en/common.js';
import { local } from '../i18n/text.js';
import { outputFormat, useColor, writeLine, type Context } from './context.js';

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
export async function reportError(err: unknown, ctx: Context, args: readonly string[]): Promise<number> {
  if (isCommanderError(err)) {
    // Commander has already printed its own message (unknown option, missing argument, help).
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_CODES.success;
    // Help the user asked for (`help`, `help sign`, `keys help generate`) is exit code 0 from
    // commander; help shown in place of a missing subcommand (`alipay-card keys`) is 1, a usage error.
    // A bare `alipay-card` is the friendly exception: the overview, exit 0.
    if (err.code === 'commander.help') return err.exitCode === 0 || args.length === 0 ? EXIT_CODES.success : EXIT_CODES.usage;
    return EXIT_CODES.usage;
  }
  const color = useColor(ctx, ctx.stderr);
  const red = (s: string) => (color ? `\u001b[31m${s}\u001b[39m` : s);
  const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[22m` : s);
  const verbose = Boolean(ctx.globals.verbose);

  if (err instanceof GatewayError && err.failure) {
    const failure = err.failure as GatewayFailure;
    // Scripts read sub_code from stdout: the node goes there as received, as on success — but for
    // the user's tokens, which the client redacted when it made the error (client/response.ts).
    if (outputFormat(ctx) !== 'table') ctx.stdout.write(failure.response.nodeText + '\n');
    writeLine(ctx.stderr, local(commonText.labelled({ label: red(local(commonText.errorLabel())), message: err.text })));
    const { explainGatewayFailure } = await import('../render/gateway-failure.js');
    const { loadStyle } = await import('../render/style.js');
    for (const line of explainGatewayFailure(failure, await loadStyle(color))) writeLine(ctx.stderr, line);
    if (err.hintText) writeLine(ctx.stderr, local(commonText.labelled({ label: dim(local(commonText.hintLabel())), message: err.hintText })));
    return err.exitCode;
  }
  if (err instanceof CliError) {
    writeLine(ctx.stderr, local(commonText.labelled({ label: red(local(commonText.errorLabel())), message: err.text })));
    if (err.hintText) writeLine(ctx.stderr, local(commonText.labelled({ label: dim(local(commonText.hintLabel())), message: err.hintText })));
    if (verbose && err.stack) writeLine(ctx.stderr, dim(err.stack));
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  writeLine(ctx.stderr, local(commonText.labelled({ label: red(local(commonText.internalErrorLabel())), message })));
  if (verbose && err instanceof Error && err.stack) writeLine(ctx.stderr, dim(err.stack));
  else writeLine(ctx.stderr, local(commonText.labelled({ label: dim(local(commonText.hintLabel())), message: commonText.internalErrorHint() })));
  return EXIT_CODES.internal;
}
