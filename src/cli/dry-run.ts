import { UsageError } from '../errors.js';
import { configCommandsText } from '../i18n/en/config-commands.js';
import type { Context } from './context.js';

/**
 * --dry-run promises that nothing is changed. A command with no dry run of its own, which changes
 * files on this machine (the config, a key pair, a local gateway's state), refuses it rather than
 * ignore it: `--dry-run config set` wrote the config.
 */
export function refuseDryRun(ctx: Context, command: string): void {
  if (ctx.globals.dryRun) throw new UsageError(configCommandsText.noDryRun({ command }), { hint: configCommandsText.noDryRunHint() });
}
