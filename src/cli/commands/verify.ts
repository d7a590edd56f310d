import type { KeyObject } from 'node:crypto';
import { requireAlipayKey, type Credentials } from '../../config/index.js';
import { UsageError, VerificationError } from '../../errors.js';
import {
  extractResponse,
  normalizeCharset,
  parseForm,
  ProtocolError,
  verifyContent,
  verifyNotification,
  type Charset,
  type NotifyMode,
  type SignType,
} from '../../protocol/index.js';
import { renderSections } from '../../render/sections.js';
import { loadStyle } from '../../render/style.js';
import { outputFormat, useColor, type Context } from '../context.js';
import { parseJsonArgument, readTextArgument } from '../input.js';
import { loadSession } from '../session.js';

export interface VerifyOptions {
  response?: string;
  method?: string;
  notify?: string;
  notifyMode?: NotifyMode;
  content?: string;
  sign?: string;
  signType?: SignType;
  charset?: string;
}

/** What `verify` prints; JSON output is this object. */
export interface VerifyResult {
  valid: boolean;
  signContent: string;
  kind: 'response' | 'notify' | 'content';
  signType: SignType;
  charset: Charset;
  nodeName?: string;
  notifyMode?: 'v1' | 'v2';
  alipayCertSn?: string;
  reason?: string;
}

export async function runVerify(ctx: Context, opts: VerifyOptions): Promise<void> {
  const modes = [opts.response, opts.notify, opts.content].filter((v) => v !== undefined).length;
  if (modes !== 1) {
    throw new UsageError('verify: pass exactly one of --response, --notify or --content', {
      hint: 'e.g. alipay-card verify --response @response.json',
    });
  }
  if (opts.content !== undefined && !opts.sign) throw new UsageError('verify --content needs --sign <base64>');
  if (opts.sign !== undefined && opts.content === undefined) throw new UsageError('--sign goes with --content');

  const { config, credentials } = await loadSession(ctx);
  const charset = opts.charset === undefined ? config.profile.charset : flagCharset(opts.charset);
  const signType = opts.signType ?? config.profile.signType;

  let result: VerifyResult;
  if (opts.response !== undefined) {
    const { text, source } = await readTextArgument('--response', opts.response, ctx);
    result = verifyResponseBody(text, source.label, opts.method, credentials, signType, charset);
  } else if (opts.notify !== undefined) {
    const { text, source } = await readTextArgument('--notify', opts.notify, ctx);
    const params = parseNotification(text, source);
    const v = verifyNotification(params, requireAlipayKey(credentials), opts.notifyMode ?? 'auto', charsetOf(params) ?? (opts.charset === undefined ? undefined : charset));
    result = { valid: v.valid, signContent: v.signContent, kind: 'notify', signType: v.signType, charset: charsetOf(params) ?? charset, notifyMode: v.mode };
  } else {
    const { text } = await readTextArgument('--content', opts.content!, ctx);
    const valid = verifyContent(text, opts.sign!, requireAlipayKey(credentials), signType, charset);
    result = { valid, signContent: text, kind: 'content', signType, charset };
  }
  await print(ctx, result);
  if (!result.valid) {
    throw new VerificationError(`signature is NOT valid${result.reason ? `: ${result.reason}` : ''}`, {
      hint: 'check the Alipay public key (not your app public key), the sign type and the charset',
    });
  }
}

function verifyResponseBody(
  body: string,
  label: string,
  method: string | undefined,
  credentials: Credentials,
  signType: SignType,
  charset: Charset,
): VerifyResult {
  let extracted;
  try {
    extracted = extractResponse(body, method);
  } catch (err) {
    if (err instanceof ProtocolError) throw new UsageError(`${label}: ${err.message}`);
    throw err;
  }
  const base = {
    kind: 'response' as const,
    signContent: extracted.signContent,
    signType,
    charset,
    nodeName: extracted.nodeName,
    ...(extracted.alipayCertSn ? { alipayCertSn: extracted.alipayCertSn } : {}),
  };
  if (!extracted.sign) {
    return { ...base, valid: false, reason: `the response carries no signature (an unsigned ${extracted.nodeName} is a gateway error, not authenticated)` };
  }
  const key = responseKey(credentials, extracted.alipayCertSn);
  if ('reason' in key) return { ...base, valid: false, reason: key.reason };
  return { ...base, valid: verifyContent(extracted.signContent, extracted.sign, key.key, signType, charset) };
}

/** In certificate mode the response names the Alipay cert that signed it; use that cert's key. */
function responseKey(credentials: Credentials, certSn: string | undefined): { key: KeyObject } | { reason: string } {
  if (credentials.mode === 'cert' && credentials.alipayCerts) {
    const cert = certSn ? credentials.alipayCerts.find((c) => c.sn === certSn) : credentials.alipayCerts[0];
    if (!cert) {
      const known = credentials.alipayCerts.map((c) => c.sn).join(', ');
      return { reason: `alipay_cert_sn ${certSn} matches none of the configured Alipay certs (${known}); download the current Alipay public cert` };
    }
    return { key: cert.publicKey };
  }
  return { key: requireAlipayKey(credentials) };
}

/** A notification as a form body, a query string (with or without the URL before '?'), or JSON. */
function parseNotification(text: string, source: { label: string; kind: 'inline' | 'file' | 'stdin' }): Record<string, string> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const value = parseJsonArgument(trimmed, source);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${source.label}: expected a JSON object of params`);
    const obj = (value as { params?: unknown }).params && typeof (value as { params?: unknown }).params === 'object'
      ? (value as { params: Record<string, unknown> }).params
      : (value as Record<string, unknown>);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  const query = trimmed.includes('?') && /^[a-z]+:\/\//i.test(trimmed) ? trimmed.slice(trimmed.indexOf('?') + 1) : trimmed;
  try {
    // Percent-escapes are bytes in the notification's own charset, named by its (ASCII) charset param.
    const charset = charsetOf(parseForm(query, 'utf-8')) ?? 'utf-8';
    const params = parseForm(query, charset);
    if (!params.sign) throw new UsageError(`${source.label}: the notification has no sign param`);
    return params;
  } catch (err) {
    if (err instanceof ProtocolError) throw new UsageError(`${source.label}: ${err.message}`);
    throw err;
  }
}

function charsetOf(params: Record<string, string>): Charset | undefined {
  return params.charset ? normalizeCharset(params.charset) : undefined;
}

function flagCharset(value: string): Charset {
  const charset = normalizeCharset(value);
  if (!charset) throw new UsageError(`--charset ${value}: not supported`, { hint: 'use utf-8, gbk or gb2312' });
  return charset;
}

async function print(ctx: Context, result: VerifyResult): Promise<void> {
  if (outputFormat(ctx) !== 'table') {
    const { valid, ...rest } = result;
    ctx.stdout.write(JSON.stringify({ valid, ...rest }) + '\n');
    return;
  }
  const style = await loadStyle(useColor(ctx));
  const verdict = result.valid ? style.green('valid') : style.red('INVALID');
  const rows: Array<[string, string]> = [['signature', verdict], ['sign type', result.signType], ['charset', result.charset]];
  if (result.nodeName) rows.push(['node', result.nodeName]);
  if (result.notifyMode) rows.push(['notify mode', result.notifyMode]);
  if (result.alipayCertSn) rows.push(['alipay_cert_sn', result.alipayCertSn]);
  if (result.reason) rows.push(['reason', result.reason]);
  ctx.stdout.write(renderSections([
    { title: 'Verification', rows },
    { title: 'Content checked', text: result.signContent },
  ], style));
}
