import { resolve } from 'node:path';
import { buildRequest } from '../../client/request.js';
import { redactRequest, requestJson, SECRET_PARAMS } from '../../client/redact.js';
import { formatBytes, readUpTo, requirePrivateKey, SIGNING_PARTS, TOKEN_FILE_MAX_BYTES, type ResolvedProfile, type Credentials } from '../../config/index.js';
import { ConfigError, UsageError } from '../../errors.js';
import { inputText } from '../../i18n/en/input-arguments.js';
import { signText } from '../../i18n/en/sign-command.js';
import { local, type Text } from '../../i18n/text.js';
import { formatTimestamp, normalizeCharset, parseTimestamp, signContent, type Charset } from '../../protocol/index.js';
import { UnencodableTextError } from '../../protocol/charset.js';
import { outputFormat, useColor, writeLine, type Context } from '../context.js';
import { compactJsonArgument, parseJsonArgument, parseKeyValue, readTextArgument } from '../input.js';
import { loadProfile, loadProfileCredentials } from '../session.js';

export interface SignOptions {
  method?: string;
  biz?: string;
  param?: string[];
  timestamp?: string;
  authTokenFile?: string;
  content?: string;
}

/** Said on stderr whenever a token was replaced in what is printed: what is shown is not what was signed. */
function redactionNote(tokens: readonly string[]): Text {
  return signText.redactionNote({ tokens });
}

// The request-building flags that mean nothing for a raw --content string.
const REQUEST_FLAGS: ReadonlyArray<readonly [keyof SignOptions, string]> = [
  ['method', '--method'],
  ['biz', '--biz'],
  ['param', '--param'],
  ['timestamp', '--timestamp'],
  ['authTokenFile', '--auth-token-file'],
];

export async function runSign(ctx: Context, opts: SignOptions): Promise<void> {
  if (opts.content !== undefined) return signRawContent(ctx, opts);
  if (!opts.method) {
    throw new UsageError(signText.methodRequired(), { hint: signText.methodRequiredHint() });
  }
  const extraParams = requestParams(opts.param ?? []);
  const timestamp = requestTimestamp(ctx, opts.timestamp);
  const config = await loadProfile(ctx);
  const charset = (extraParams.charset !== undefined ? normalizeCharset(extraParams.charset) : undefined) ?? config.profile.charset;
  const bizContent = opts.biz === undefined ? undefined : await readBizContent(ctx, opts.biz, charset);
  const authToken = await readAuthToken(ctx, opts.authTokenFile);

  // Only what signing reads: a broken Alipay public key or cert is verify's concern, not sign's.
  const credentials = loadProfileCredentials(ctx, config, SIGNING_PARTS);
  const request = buildRequest(
    config.profile.gatewayUrl ?? '/gateway.do',
    { method: opts.method, bizContent, timestamp, authToken, extraParams },
    signingIdentity(config.profile, credentials, extraParams),
  );
  const redacted = SECRET_PARAMS.filter((name) => request.params[name]);
  if (redacted.length > 0) writeLine(ctx.stderr, local(redactionNote(redacted)));
  const shown = redactRequest(request);
  // JSON is written here and tables are imported when asked for: `sign --json` is on the start-up
  // bench, and the renderer's modules are two more files to load.
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(requestJson(shown) + '\n');
    return;
  }
  const { printDryRun } = await import('../gateway-output.js');
  await printDryRun(ctx, shown, config.profile.gatewayUrl === undefined ? signText.localGatewayNote() : undefined);
}

/** `--param key=value` pairs; a token never comes this way (it would show in `ps`). */
function requestParams(items: readonly string[]): Record<string, string> {
  const params = Object.fromEntries(items.map((p) => parseKeyValue('--param', p)));
  const secret = SECRET_PARAMS.find((name) => Object.hasOwn(params, name));
  if (secret !== undefined) {
    throw new UsageError(signText.tokenAsParam({ name: secret }), {
      hint: secret === 'auth_token' ? signText.authTokenAsParamHint() : signText.appAuthTokenAsParamHint(),
    });
  }
  return params;
}
/**
 * Who signs, from the profile's keys. `extraParams`: `sign`'s --param values, which may name the
 * app_id; only `sign` passes them, so only its hint offers --param.
 */
export function signingIdentity(profile: ResolvedProfile, credentials: Credentials, extraParams?: Record<string, string>) {
  const appId = extraParams?.app_id ?? profile.appId;
  if (!appId) {
    throw new ConfigError(signText.noAppId(), { hint: extraParams ? signText.noAppIdParamHint() : signText.noAppIdHint() });
  }
  return {
    appId,
    privateKey: requirePrivateKey(credentials),
    signType: profile.signType,
    charset: profile.charset,
    appCertSn: credentials.appCertSn,
    alipayRootCertSn: credentials.alipayRootCertSn,
    encryptKey: credentials.encryptKey,
    appAuthToken: profile.appAuthToken,
  };
}

async function readBizContent(ctx: Context, value: string, charset: Charset): Promise<string> {
  const { text, source } = await readTextArgument('--biz', value, ctx, charset);
  const biz = parseJsonArgument(text, source);
  if (biz === null || typeof biz !== 'object' || Array.isArray(biz)) {
    throw new UsageError(signText.bizNotObject({ source: source.label, got: describeJson(biz) }), { hint: signText.bizExampleHint() });
  }
  // The user's text as written, whitespace aside: never re-serialised (big numbers, escapes stay).
  return compactJsonArgument(text, source);
}

function describeJson(value: unknown): Text {
  if (value === null) return signText.jsonNull();
  if (Array.isArray(value)) return signText.jsonArray();
  return typeof value === 'number' || typeof value === 'boolean' ? signText.jsonScalar({ type: typeof value, value: String(value) }) : signText.jsonOther({ type: typeof value });
}

function requestTimestamp(ctx: Context, value: string | undefined): string {
  if (value === undefined) return formatTimestamp(ctx.now());
  if (!parseTimestamp(value)) {
    throw new UsageError(signText.badTimestamp({ value: JSON.stringify(value) }), { hint: signText.badTimestampHint() });
  }
  return value;
}

/** The user's auth_token never comes from a flag value (it would show in `ps`). */
export async function readAuthToken(ctx: Context, file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return ctx.env.ALIPAY_AUTH_TOKEN || undefined;
  return readTokenFile(ctx, '--auth-token-file', file, signText.authTokenFile());
}

/** A token or code from the file a flag names (`--auth-token-file`, `--code-file`): at most 4 KiB, trimmed, not empty. */
export function readTokenFile(ctx: Context, flag: string, file: string, what: Text | string): string {
  let bytes: Buffer;
  try {
    bytes = readUpTo(resolve(ctx.cwd, file), TOKEN_FILE_MAX_BYTES + 1);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? inputText.noSuchFile() : (err as Error).message;
    throw new UsageError(inputText.cannotRead({ flag, name: file, reason }));
  }
  if (bytes.length > TOKEN_FILE_MAX_BYTES) throw new UsageError(inputText.tooLarge({ flag, name: file, max: formatBytes(TOKEN_FILE_MAX_BYTES), what }));
  const token = bytes.toString('utf8').trim();
  if (!token) throw new UsageError(signText.tokenFileEmpty({ flag, file }));
  return token;
}

async function signRawContent(ctx: Context, opts: SignOptions): Promise<void> {
  const conflicting = REQUEST_FLAGS.filter(([key]) => opts[key] !== undefined).map(([, flag]) => flag);
  if (conflicting.length > 0) {
    throw new UsageError(signText.contentConflict({ flags: conflicting }), { hint: signText.contentConflictHint({ flags: conflicting }) });
  }
  const config = await loadProfile(ctx);
  const { signType, charset } = config.profile;
  const { text } = await readTextArgument('--content', opts.content!, ctx, charset);
  const credentials = loadProfileCredentials(ctx, config, ['privateKey']);
  let sign: string;
  try {
    sign = signContent(text, requirePrivateKey(credentials), signType, charset);
  } catch (err) {
    if (!(err instanceof UnencodableTextError)) throw err;
    throw new UsageError(signText.contentUnencodable({ codePoint: err.codePoint, index: err.index, charset }), {
      hint: charset === 'utf-8' ? signText.loneSurrogateHint() : signText.contentUnencodableHint(),
    });
  }
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(JSON.stringify({ signContent: text, sign, signType, charset }) + '\n');
    return;
  }
  const [{ renderSections }, { loadStyle }] = await Promise.all([import('../../render/sections.js'), import('../../render/style.js')]);
  const style = await loadStyle(useColor(ctx));
  ctx.stdout.write(renderSections([
    { title: local(signText.contentTitle()), text },
    { title: local(signText.signatureTitle({ signType, charset })), text: sign },
  ], style));
}
