import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildRequest } from '../../client/request.js';
import { printDryRun } from '../gateway-output.js';
import { redactRequest } from '../../client/redact.js';
import { requirePrivateKey, type ResolvedProfile, type Credentials } from '../../config/index.js';
import { ConfigError, UsageError } from '../../errors.js';
import { formatTimestamp, parseTimestamp, signContent } from '../../protocol/index.js';
import { renderSections } from '../../render/sections.js';
import { loadStyle } from '../../render/style.js';
import { outputFormat, useColor, type Context } from '../context.js';
import { parseJsonArgument, parseKeyValue, readTextArgument } from '../input.js';
import { loadSession } from '../session.js';

export interface SignOptions {
  method?: string;
  biz?: string;
  param?: string[];
  timestamp?: string;
  authTokenFile?: string;
  content?: string;
}

export async function runSign(ctx: Context, opts: SignOptions): Promise<void> {
  if (opts.content !== undefined) return signRawContent(ctx, opts);
  if (!opts.method) {
    throw new UsageError('sign: --method is required (or --content to sign a raw string)', {
      hint: "e.g. alipay-card sign --method alipay.marketing.card.template.query --biz '{\"template_id\":\"...\"}'",
    });
  }
  const extraParams = Object.fromEntries((opts.param ?? []).map((p) => parseKeyValue('--param', p)));
  const bizContent = opts.biz === undefined ? undefined : await readBizContent(ctx, opts.biz);
  const timestamp = requestTimestamp(ctx, opts.timestamp);
  const authToken = await readAuthToken(ctx, opts.authTokenFile);

  const { config, credentials } = await loadSession(ctx);
  const request = buildRequest(
    config.profile.gatewayUrl ?? '/gateway.do',
    { method: opts.method, bizContent, timestamp, authToken, extraParams },
    signingIdentity(config.profile, credentials, extraParams),
  );
  await printDryRun(ctx, redactRequest(request), config.profile.gatewayUrl === undefined ? 'local gateway: its address is chosen when it starts' : undefined);
}

export function signingIdentity(profile: ResolvedProfile, credentials: Credentials, extraParams: Record<string, string> = {}) {
  const appId = extraParams.app_id ?? profile.appId;
  if (!appId) {
    throw new ConfigError('no app_id: the profile has no appId', {
      hint: 'set appId in the config file, ALIPAY_APP_ID in the environment, or pass --param app_id=<id>',
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

async function readBizContent(ctx: Context, value: string): Promise<string> {
  const { text, source } = await readTextArgument('--biz', value, ctx);
  const biz = parseJsonArgument(text, source);
  if (biz === null || typeof biz !== 'object' || Array.isArray(biz)) {
    throw new UsageError(`${source.label}: biz_content must be a JSON object, got ${Array.isArray(biz) ? 'an array' : typeof biz}`);
  }
  // Compact, with keys exactly as given: the API's names are never renamed or reordered.
  return JSON.stringify(biz);
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
  try {
    const token = (await readFile(resolve(ctx.cwd, file), 'utf8')).trim();
    if (!token) throw new UsageError(`--auth-token-file ${file} is empty`);
    return token;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--auth-token-file: cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

async function signRawContent(ctx: Context, opts: SignOptions): Promise<void> {
  const { text } = await readTextArgument('--content', opts.content!, ctx);
  const { config, credentials } = await loadSession(ctx);
  const { signType, charset } = config.profile;
  const sign = signContent(text, requirePrivateKey(credentials), signType, charset);
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(JSON.stringify({ signContent: text, sign, signType, charset }) + '\n');
    return;
  }
  const style = await loadStyle(useColor(ctx));
  ctx.stdout.write(renderSections([
    { title: 'Content', text },
    { title: `Signature (${signType}, ${charset})`, text: sign },
  ], style));
}
