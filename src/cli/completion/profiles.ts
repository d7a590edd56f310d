import { findConfig } from '../../config/search.js';
import type { Context } from '../context.js';

/**
 * The profile names of the config a command run here would read: `configFile` (the line's
 * `-c`/`--config`) when given, else the one found from the working directory (none when there is
 * none, or it cannot be read).
 */
export async function profileNames(ctx: Context, configFile?: string): Promise<string[]> {
  try {
    const found = await findConfig({ cwd: ctx.cwd, env: ctx.env, homeDir: ctx.homeDir, configFile });
    const profiles = (found?.content as { profiles?: unknown } | undefined)?.profiles;
    return profiles !== null && typeof profiles === 'object' ? Object.keys(profiles) : [];
  } catch {
    return [];
  }
}
