import type { KeyObject } from 'node:crypto';
import { requireAlipayKey, VERIFYING_PARTS, type Credentials } from '../../config/index.js';
import { UsageError, VerificationError } from '../../errors.js';
import { verifyText } from '../../i18n/en/verify-command.js';
import { english, local, type Text } from '../../i18n/text.js';
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
  /** What the signature was checked over; absent when the input was refused before any check. */
  signContent?: string;
  kind: 'response' | 'notify' | 'content';
  /** Absent, as signContent is, when the input was refused before any check. */
  signType?: SignType;
  charset: Charset;
  nodeName?: string;
  notifyMode?: 'v1' | 'v2';
  alipayCertSn?: string;
  reason?: string;
}

/**
 * A result as checked: its reason as data for a person (`reason` is its English, for --json), and
 * what to do about it where that is not the key, sign type or charset.
 */
type Verdict = Omit<VerifyResult, 'reason'> & { reason?: Text; hint?: Text };

export async function runVerify(ctx: Context, opts: VerifyOptions): Promise<void> {
  const modes = [opts.response, opts.notify, opts.content].filter((v) => v !== undefined).length;
  if (modes !== 1) {
    throw new UsageError(verifyText.oneMode(), { hint: verifyText.oneModeHint() });
  }
  if (opts.content !== undefined && !opts.sign) throw new UsageError(verifyText.contentNeedsSign());
  if (opts.sign !== undefined && opts.content === undefined) throw new UsageError(verifyText.signNeedsContent());
  // Not a signature at all is the user's input to fix (exit 2), not a verdict on one (exit 5).
  if (opts.sign !== undefined && !isStandardBase64(opts.sign)) throw notBase64(opts.sign);

  const config = await loadProfile(ctx);
  const charset = opts.charset === undefined ? config.profile.charset : flagCharset(opts.charset);
  const signType = opts.signType ?? config.profile.signType;
  // Only Alipay's key or certs: a damaged app private key does not stop a verification.
  const credentials = loadProfileCredentials(ctx, config, VERIFYING_PARTS);

  let result: Verdict;
  if (opts.response !== undefined) {
    // The gateway writes the body, and signs the node, in the request's charset.
    const input = await readTextArgument('--response', opts.response, ctx, charset);
    result = firstValidReading(input, (text) => verifyResponseBody(text, input.source.label, opts.method, credentials, signType, charset));
  } else if (opts.notify !== undefined) {
    const { bytes, source } = await readArgumentBytes('--notify', opts.notify, ctx);
    // A notification names its own charset and sign type; without them, --charset and --sign-type,
    // else the profile's, as for a response: what the app sends its requests in is what Alipay
    // notifies it in, and the SDKs verify with the configured sign type.
    const declared = declaredCharset(bytes);
    const notifyCharset = declared !== undefined ? supportedCharset(declared, source) : charset;
    const key = requireAlipayKey(credentials);
    result = firstValidReading(argumentText(bytes, source, notifyCharset), (text) => {
      const read = parseNotification(text, source, notifyCharset);
      if (read.repeated !== undefined) {
        const params = read.repeated.map((name) => JSON.stringify(name)).join(', ');
        const reason = read.repeated.length === 1 ? verifyText.repeatedParam({ param: params }) : verifyText.repeatedParams({ params });
        return { valid: false, kind: 'notify', charset: notifyCharset, reason, hint: verifyText.repeatedHint() };
      }
      const { params } = read;
      try {
        const v = verifyNotification(params, key, opts.notifyMode ?? 'auto', notifyCharset, signType);
        return { valid: v.valid, signContent: v.signContent, kind: 'notify', signType: v.signType, charset: notifyCharset, notifyMode: v.mode };
      } catch (err) {
        if (err instanceof ProtocolError) {
          throw new UsageError(verifyText.sourceProblem({ source: source.label, message: err.text }), { hint: verifyText.notifySignTypeHint() });
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
    throw new VerificationError(result.reason ? verifyText.notValidBecause({ reason: result.reason }) : verifyText.notValid(), {
      hint: result.hint ?? verifyText.notValidHint(),
    });
  }
}

function notBase64(sign: string): UsageError {
  const bad = /[^A-Za-z0-9+/=]/.exec(sign);
  const message = bad ? verifyText.notBase64Character({ character: JSON.stringify(bad[0]), position: bad.index + 1 }) : verifyText.notBase64Length({ length: sign.length });
  return new UsageError(message, { hint: bad && /[ %_-]/.test(bad[0]) ? verifyText.mangledSignHint() : verifyText.notBase64Hint() });
}

/**
 * A file that is valid UTF-8 and valid GBK reads two ways (short GBK text can pass for UTF-8): the
 * signature says which one was signed. The first reading's result stands unless the other verifies.
 */
function firstValidReading(input: ArgumentText, check: (text: string) => Verdict): Verdict {
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
  label: Text | string,
  method: string | undefined,
  credentials: Credentials,
  signType: SignType,
  charset: Charset,
): Verdict {
  let extracted;
  try {
    extracted = extractResponse(body, method);
  } catch (err) {
    // A key twice at the top (the node, or sign) is a forged response: a verdict, not bad input.
    if (err instanceof ProtocolError && err.code === 'duplicate-node') {
      return { kind: 'response', charset, valid: false, reason: verifyText.repeatedResponseKey({ problem: err.text }), hint: verifyText.repeatedHint() };
    }
    if (err instanceof ProtocolError) throw new UsageError(verifyText.sourceProblem({ source: label, message: err.text }));
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
  if (!extracted.sign) return { ...base, valid: false, ...unsignedReason(extracted.nodeName, errorCode(extracted.signContent, extracted.encrypted)) };
  const key = responseKey(credentials, extracted.alipayCertSn);
  if ('reason' in key) return { ...base, valid: false, reason: key.reason };
  return { ...base, valid: verifyContent(extracted.signContent, extracted.sign, key.key, signType, charset) };
}

/**
 * The gateway may leave an error answer unsigned (as the client accepts one, marked unverified),
 * never a success: the key, sign type and charset have nothing to do with either.
 */
function unsignedReason(node: string, code: string | undefined): { reason: Text; hint: Text } {
  return code === undefined
    ? { reason: verifyText.unsignedAnswer({ node }), hint: verifyText.unsignedAnswerHint() }
    : { reason: verifyText.unsignedError({ node, code }), hint: verifyText.unsignedErrorHint() };
}

/** The node's `code` when it is not 10000 (success), else undefined; an encrypted node's is unread. */
function errorCode(signContent: string, encrypted: boolean): string | undefined {
  if (encrypted) return undefined;
  const { code } = JSON.parse(signContent) as { code?: unknown };
  if (code === undefined || code === null || String(code) === '10000') return undefined;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : JSON.stringify(code);
}

/** In certificate mode the response names the Alipay cert that signed it; use that cert's key. */
function responseKey(credentials: Credentials, certSn: string | undefined): { key: KeyObject } | { reason: Text } {
  if (credentials.mode === 'cert' && credentials.alipayCerts) {
    const cert = certSn ? credentials.alipayCerts.find((c) => c.sn === certSn) : credentials.alipayCerts[0];
    if (!cert) {
      const known = credentials.alipayCerts.map((c) => c.sn).join(', ');
      return { reason: verifyText.unknownCert({ sn: String(certSn), known }) };
    }
    return { key: cert.publicKey };
  }
  return { key: requireAlipayKey(credentials) };
}

function flagCharset(value: string): Charset {
  const charset = normalizeCharset(value);
  if (!charset) throw new UsageError(verifyText.unsupportedCharsetFlag({ value }), { hint: verifyText.charsetHint() });
  return charset;
}

async function print(ctx: Context, result: Verdict): Promise<void> {
  if (outputFormat(ctx) !== 'table') {
    // Machine output: the reason in English, whatever the language.
    const { valid, reason, hint: _hint, ...rest } = result;
    const json: Omit<VerifyResult, 'valid'> = reason === undefined ? rest : { ...rest, reason: english(reason) };
    ctx.stdout.write(JSON.stringify({ valid, ...json }) + '\n');
    return;
  }
  const style = await loadStyle(useColor(ctx));
  const verdict = result.valid ? style.green(local(verifyText.valid())) : style.red(local(verifyText.invalid()));
  const rows: Array<[string, string]> = [[local(verifyText.signatureLabel()), verdict]];
  if (result.signType) rows.push([local(verifyText.signTypeLabel()), result.signType]);
  rows.push([local(verifyText.charsetLabel()), result.charset]);
  if (result.nodeName) rows.push([local(verifyText.nodeLabel()), result.nodeName]);
  if (result.notifyMode) rows.push([local(verifyText.notifyModeLabel()), result.notifyMode]);
  if (result.alipayCertSn) rows.push(['alipay_cert_sn', result.alipayCertSn]);
  if (result.reason) rows.push([local(verifyText.reasonLabel()), local(result.reason)]);
  ctx.stdout.write(renderSections([
    { title: local(verifyText.verificationTitle()), rows },
    ...(result.signContent === undefined ? [] : [{ title: local(verifyText.contentCheckedTitle()), text: result.signContent }]),
  ], style));
}
