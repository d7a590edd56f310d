import type { KeyObject } from 'node:crypto';
import { requireAlipayKey, VERIFYING_PARTS, type Credentials } from '../../config/index.js';
import { UsageError, VerificationError } from '../../errors.js';
import {
  extractResponse,
  normalizeCharset,
  ProtocolError,
  verifyContent,
  verifyNotification,
  type Charset,
  type NotifyMode,
  type SignType,
} from '../../protocol/index.js';
import { isStandardBase64 } from '../../protocol/base64.js';
import { renderSections } from '../../render/sections.js';
import { loadStyle } from '../../render/style.js';
import { outputFormat, useColor, type Context } from '../context.js';
import { argumentText, readArgumentBytes, readTextArgument, type ArgumentText } from '../input.js';
import { loadProfile, loadProfileCredentials } from '../session.js';
import { declaredCharset, parseNotification, supportedCharset } from './verify-notify.js';

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
  // Not a signature at all is the user's input to fix (exit 2), not a verdict on one (exit 5).
  if (opts.sign !== undefined && !isStandardBase64(opts.sign)) throw notBase64(opts.sign);

  const config = await loadProfile(ctx);
  const charset = opts.charset === undefined ? config.profile.charset : flagCharset(opts.charset);
  const signType = opts.signType ?? config.profile.signType;
  // Only Alipay's key or certs: a damaged app private key does not stop a verification.
  const credentials = loadProfileCredentials(ctx, config, VERIFYING_PARTS);

  let result: VerifyResult;
  if (opts.response !== undefined) {
    // The gateway writes the body, and signs the node, in the request's charset.
    const input = await readTextArgument('--response', opts.response, ctx, charset);
    result = firstValidReading(input, (text) => verifyResponseBody(text, input.source.label, opts.method, credentials, signType, charset));
  } else if (opts.notify !== undefined) {
    const { bytes, source } = await readArgumentBytes('--notify', opts.notify, ctx);
    // A notification names its own charset; without one, --charset, else UTF-8 (as verifyNotification).
    const declared = declaredCharset(bytes);
    const notifyCharset = declared !== undefined ? supportedCharset(declared, source) : opts.charset === undefined ? 'utf-8' : charset;
    const key = requireAlipayKey(credentials);
    result = firstValidReading(argumentText(bytes, source, notifyCharset), (text) => {
      const params = parseNotification(text, source, notifyCharset);
      try {
        const v = verifyNotification(params, key, opts.notifyMode ?? 'auto', notifyCharset);
        return { valid: v.valid, signContent: v.signContent, kind: 'notify', signType: v.signType, charset: notifyCharset, notifyMode: v.mode };
      } catch (err) {
        if (err instanceof ProtocolError) {
          throw new UsageError(`${source.label}: ${err.message}`, { hint: 'Alipay signs notifications with RSA2 or RSA; only those can be checked here' });
        }
        throw err;
      }
    });
  } else {
    const input = await readTextArgument('--content', opts.content!, ctx, charset);
    const key = requireAlipayKey(credentials);
    result = firstValidReading(input, (text) => ({ valid: verifyContent(text, opts.sign!, key, signType, charset), signContent: text, kind: 'content', signType, charset }));
  }
  await print(ctx, result);
  if (!result.valid) {
    throw new VerificationError(`signature is NOT valid${result.reason ? `: ${result.reason}` : ''}`, {
      hint: 'check the Alipay public key (not your app public key), the sign type and the charset',
    });
  }
}

function notBase64(sign: string): UsageError {
  const bad = /[^A-Za-z0-9+/=]/.exec(sign);
  const where = bad ? `: ${JSON.stringify(bad[0])} at character ${bad.index + 1}` : `: ${sign.length} characters, not whole base64 groups of 4`;
  return new UsageError(`--sign is not base64${where}`, {
    hint: bad && /[ %_-]/.test(bad[0])
      ? "pass the signature as Alipay sent it: a '+' read as a space, or a value still URL-encoded (%2B) or URL-safe (-, _), is not it"
      : 'pass the base64 signature Alipay sent with the content (the `sign` value)',
  });
}

/**
 * A file that is valid UTF-8 and valid GBK reads two ways (short GBK text can pass for UTF-8): the
 * signature says which one was signed. The first reading's result stands unless the other verifies.
 */
function firstValidReading(input: ArgumentText, check: (text: string) => VerifyResult): VerifyResult {
  const first = check(input.text);
  if (first.valid || input.alternative === undefined) return first;
  try {
    const other = check(input.alternative);
    return other.valid ? other : first;
  } catch {
    return first;
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
