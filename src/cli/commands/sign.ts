import { resolve } from 'node:path';
import { buildRequest } from '../../client/request.js';
import { redactRequest, requestJson, SECRET_PARAMS } from '../../client/redact.js';
import { readUpTo, requirePrivateKey, SIGNING_PARTS, tooLargeReason, TOKEN_FILE_MAX_BYTES, type ResolvedProfile, type Credentials } from '../../config/index.js';
import { ConfigError, UsageError } from '../../errors.js';
import { compactJson, formatTimestamp, normalizeCharset, parseTimestamp, signContent, type Charset } from '../../protocol/index.js';
import { UnencodableTextError } from '../../protocol/charset.js';
import { outputFormat, useColor, writeLine, type Context } from '../context.js';
import { parseJsonArgument, parseKeyValue, readTextArgument } from '../input.js';
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
function redactionNote(tokens: readonly string[]): string {
  const names = tokens.join(' and ');
  return `note: ${names} ${tokens.length === 1 ? 'is' : 'are'} printed as <redacted …> but signed with the real value, so the printed string to sign, params and URL are not byte-identical to what was signed`;
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
    throw new UsageError('sign: --method is required (or --content to sign a raw string)', {
      hint: "e.g. alipay-card sign --method alipay.marketing.card.template.query --biz '{\"template_id\":\"...\"}'",
    });
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
  if (redacted.length > 0) writeLine(ctx.stderr, redactionNote(redacted));
  const shown = redactRequest(request);
  // JSON is written here and tables are imported when asked for: `sign --json` is on the start-up
  // bench, and the renderer's modules are two more files to load.
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(requestJson(shown) + '\n');
    return;
  }
  const { printDryRun } = await import('../gateway-output.js');
  await printDryRun(ctx, shown, config.profile.gatewayUrl === undefined ? 'local gateway: its address is chosen when it starts' : undefined);
}

/** `--param key=value` pairs; a token never comes this way (it would show in `ps`). */
function requestParams(items: readonly string[]): Record<string, string> {
  const params = Object.fromEntries(items.map((p) => parseKeyValue('--param', p)));
  const secret = SECRET_PARAMS.find((name) => Object.hasOwn(params, name));
  if (secret !== undefined) {
    throw new UsageError(`--param ${secret}=…: a token is never accepted as a flag value (it would show in \`ps\` and in shell history)`, {
      hint: secret === 'auth_token'
        ? "put the user's auth_token in a file and pass --auth-token-file <file>, or set ALIPAY_AUTH_TOKEN"
        : 'set appAuthToken in the profile (alipay-card config init)',
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
    throw new ConfigError('no app_id: the profile has no appId', {
      hint: extraParams
        ? 'set appId in the config file, ALIPAY_APP_ID in the environment, or pass --param app_id=<id>'
        : 'set appId in the config file or ALIPAY_APP_ID in the environment (--gateway local needs none)',
    });
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
    throw new UsageError(`${source.label}: biz_content must be a JSON object, got ${describeJson(biz)}`, {
      hint: `e.g. --biz '{"template_id":"20170308000000000058101000300045"}'`,
    });
  }
  // The user's text as written, whitespace aside: never re-serialised (big numbers, escapes stay).
  const { json, duplicateKey } = compactJson(text);
  if (duplicateKey) {
    const where = duplicateKey.path === '' ? '' : ` in ${duplicateKey.path}`;
    throw new UsageError(`${source.label}: key ${JSON.stringify(duplicateKey.key)} appears twice${where}`, {
      hint: 'keep one of them: which value the gateway would read is not defined',
    });
  }
  return json;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'number' || typeof value === 'boolean' ? `a ${typeof value} (${String(value)})` : `a ${typeof value}`;
}

function requestTimestamp(ctx: Context, value: string | undefined): string {
  if (value === undefined) return formatTimestamp(ctx.now());
  if (!parseTimestamp(value)) {
    throw new UsageError(`--timestamp ${JSON.stringify(value)} is not a valid time`, {
      hint: "use 'yyyy-MM-dd HH:mm:ss' (Asia/Shanghai), e.g. --timestamp '2024-05-01 09:30:00'",
    });
  }
  return value;
}

/** The user's auth_token never comes from a flag value (it would show in `ps`). */
export async function readAuthToken(ctx: Context, file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return ctx.env.ALIPAY_AUTH_TOKEN || undefined;
  return readTokenFile(ctx, '--auth-token-file', file, 'an auth_token file');
}

/** A token or code from the file a flag names (`--auth-token-file`, `--code-file`): at most 4 KiB, trimmed, not empty. */
export function readTokenFile(ctx: Context, flag: string, file: string, what: string): string {
  let bytes: Buffer;
  try {
    bytes = readUpTo(resolve(ctx.cwd, file), TOKEN_FILE_MAX_BYTES + 1);
  } catch (err) {
    throw new UsageError(`${flag}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  if (bytes.length > TOKEN_FILE_MAX_BYTES) throw new UsageError(`${flag}: cannot read ${file}: ${tooLargeReason(TOKEN_FILE_MAX_BYTES, what)}`);
  const token = bytes.toString('utf8').trim();
  if (!token) throw new UsageError(`${flag} ${file} is empty`);
  return token;
}

async function signRawContent(ctx: Context, opts: SignOptions): Promise<void> {
  const conflicting = REQUEST_FLAGS.filter(([key]) => opts[key] !== undefined).map(([, flag]) => flag);
  if (conflicting.length > 0) {
    throw new UsageError(`sign --content signs a raw string; ${conflicting.join(', ')} ${conflicting.length === 1 ? 'builds' : 'build'} a request and cannot go with it`, {
      hint: `drop --content to sign a request, or drop ${conflicting.join(' and ')}`,
    });
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
    throw new UsageError(`--content: character ${err.codePoint} at position ${err.index} cannot be encoded in ${charset}, the profile's charset`, {
      hint: charset === 'utf-8' ? 'the text is not valid Unicode (a lone surrogate)' : 'remove the character, or sign in a profile with charset utf-8',
    });
  }
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(JSON.stringify({ signContent: text, sign, signType, charset }) + '\n');
    return;
  }
  const [{ renderSections }, { loadStyle }] = await Promise.all([import('../../render/sections.js'), import('../../render/style.js')]);
  const style = await loadStyle(useColor(ctx));
  ctx.stdout.write(renderSections([
    { title: 'Content', text },
    { title: `Signature (${signType}, ${charset})`, text: sign },
  ], style));
}
