import { loadConfig, loadCredentials, NODE_SECRET_FS, type CredentialPart, type Credentials, type ResolvedConfig } from '../config/index.js';
import { useColor, writeLine, type Context } from './context.js';

export interface Session {
  config: ResolvedConfig;
  credentials: Credentials;
}

/** Loads the effective profile for this command line; warnings go to stderr, once. */
export async function loadProfile(ctx: Context): Promise<ResolvedConfig> {
  const config = await loadConfig({
    cwd: ctx.cwd,
    env: ctx.env,
    homeDir: ctx.homeDir,
    configFile: ctx.globals.config,
    profile: ctx.globals.profile,
    flags: { gateway: ctx.globals.gateway, timeoutMs: ctx.globals.timeout },
  });
  warn(ctx, config.warnings);
  return config;
}

/** The profile plus all its keys, each parsed once into a KeyObject. */
export async function loadSession(ctx: Context): Promise<Session> {
  const config = await loadProfile(ctx);
  return { config, credentials: loadProfileCredentials(ctx, config) };
}

/**
 * The keys of a profile already loaded, only `parts` of them: a damaged file the command never
 * reads does not stop it. sign and verify load the profile first and read their input in its
 * charset before this, so a bad input is reported ahead of a key problem.
 */
export function loadProfileCredentials(ctx: Context, config: ResolvedConfig, parts?: readonly CredentialPart[]): Credentials {
  const credentials = loadCredentials(config.profile, NODE_SECRET_FS, parts);
  warn(ctx, credentials.warnings);
  return credentials;
}

export function warn(ctx: Context, warnings: readonly string[]): void {
  const color = useColor(ctx, ctx.stderr);
  for (const w of warnings) writeLine(ctx.stderr, `${color ? '\u001b[33mwarning:\u001b[39m' : 'warning:'} ${w}`);
}
