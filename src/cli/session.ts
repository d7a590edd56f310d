import { loadConfig, loadCredentials, NODE_SECRET_FS, SIGNING_PARTS, type CredentialOptions, type CredentialPart, type Credentials, type ResolvedConfig } from '../config/index.js';
import { commonText } from '../i18n/en/common.js';
import { configCommandsText } from '../i18n/en/config-commands.js';
import { local, type Text } from '../i18n/text.js';
import { useColor, writeLine, type Context } from './context.js';

export interface Session {
  config: ResolvedConfig;
  credentials: Credentials;
}

/** Loads the effective profile for this command line; warnings go to stderr, once. */
export async function loadProfile(ctx: Context): Promise<ResolvedConfig> {
  // The file the language came from, for the same --config: once, as a later load may follow a
  // command's own write of it.
  const looked = ctx.configFound;
  ctx.configFound = undefined;
  const config = await loadConfig({
    cwd: ctx.cwd,
    env: ctx.env,
    homeDir: ctx.homeDir,
    configFile: ctx.globals.config,
    profile: ctx.globals.profile,
    flags: { gateway: ctx.globals.gateway, timeoutMs: ctx.globals.timeout },
    searched: looked !== undefined && looked.configFile === ctx.globals.config && looked.cwd === ctx.cwd && looked.homeDir === ctx.homeDir && looked.env === ctx.env ? looked : undefined,
  });
  warn(ctx, config.warningTexts ?? config.warnings);
  return config;
}

/**
 * The profile plus the keys a call to its gateway uses, each parsed once into a KeyObject. The
 * in-process local gateway answers with its own key and takes the app's public key from its
 * private key, so against it only the app's private and AES keys are read: Alipay's key or certs
 * (missing, damaged, or the app's own key by mistake) do not matter there and are not warned about.
 * `signingOnly`: what a request is signed with only, for a run that sends none (a dry run): as for
 * `sign`, Alipay's key or certs are a concern of the call that reads a response. `config`: the
 * profile already loaded (loadProfile), so its warnings are not given twice.
 */
export async function loadSession(ctx: Context, options: { signingOnly?: boolean; config?: ResolvedConfig } = {}): Promise<Session> {
  const config = options.config ?? (await loadProfile(ctx));
  const parts: readonly CredentialPart[] | undefined = config.profile.gatewayUrl === undefined ? LOCAL_GATEWAY_PARTS : options.signingOnly ? SIGNING_PARTS : undefined;
  return { config, credentials: loadProfileCredentials(ctx, config, parts) };
}

const LOCAL_GATEWAY_PARTS: readonly CredentialPart[] = ['privateKey', 'encryptKey'];

/**
 * The keys of a profile already loaded, only `parts` of them: a damaged file the command never
 * reads does not stop it. sign and verify load the profile first and read their input in its
 * charset before this, so a bad input is reported ahead of a key problem.
 */
export function loadProfileCredentials(ctx: Context, config: ResolvedConfig, parts?: readonly CredentialPart[], options?: CredentialOptions): Credentials {
  const credentials = loadCredentials(config.profile, NODE_SECRET_FS, parts, options);
  warn(ctx, credentials.warningTexts ?? credentials.warnings);
  return credentials;
}

export function warn(ctx: Context, warnings: readonly (Text | string)[]): void {
  // Nothing to say: stderr is not asked whether it is a terminal (that builds Node's stream for it).
  if (warnings.length === 0) return;
  const color = useColor(ctx, ctx.stderr);
  const yellow = (s: string) => (color ? `\u001b[33m${s}\u001b[39m` : s);
  for (const w of warnings) writeLine(ctx.stderr, local(commonText.labelled({ label: yellow(local(configCommandsText.warningLabel())), message: w })));
}
