import { findConfig } from '../../config/search.js';
import type { Context } from '../context.js';

/** The profile names of the config a command run here would read (none when there is none, or it cannot be read). */
export async function profileNames(ctx: Context): Promise<string[]> {
  try {
    const found = await findConfig({ cwd: ctx.cwd, env: ctx.env, homeDir: ctx.homeDir, configFile: undefined });
    const profiles = (found?.content as { profiles?: unknown } | undefined)?.profiles;
    return profiles !== null && typeof profiles === 'object' ? Object.keys(profiles) : [];
  } catch {
    return [];
  }
}
