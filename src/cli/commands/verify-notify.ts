// verify --notify: a notification body as the user pasted it (form, URL query or JSON), and the
// charset it declares, which decides how its bytes are read before the signature is checked.
import { UsageError } from '../../errors.js';
import { verifyText } from '../../i18n/en/verify-command.js';
import { compactJson, normalizeCharset, parseFormPairs, ProtocolError, type Charset } from '../../protocol/index.js';
import { parseJsonArgument, type InputSource } from '../input.js';

/** A notification's params; or, for one that carries params more than once, their names and no params. */
export type NotificationParams = { params: Record<string, string>; repeated?: undefined } | { repeated: string[] };

/**
 * A notification as a form body, a query string (with or without the URL before '?'), or JSON.
 * Alipay sends each param once. A body with one twice is not what it signed, and a server reading
 * it may take either value (a servlet's getParameter and Python's parse_qs take the first,
 * Alipay's Node SDK over querystring.parse sees an array), so it is reported, never checked.
 */
export function parseNotification(text: string, source: InputSource, charset: Charset): NotificationParams {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const value = parseJsonArgument(trimmed, source);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(verifyText.notifyNotObject({ source: source.label }));
    const { duplicateKeys } = compactJson(trimmed);
    if (duplicateKeys !== undefined) return { repeated: distinct(duplicateKeys.map((d) => (d.path === '' || d.path === 'params' ? d.key : `${d.path}.${d.key}`))) };
    const obj = (value as { params?: unknown }).params && typeof (value as { params?: unknown }).params === 'object'
      ? (value as { params: Record<string, unknown> }).params
      : (value as Record<string, unknown>);
    return { params: Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) };
  }
  try {
    // Percent-escapes are bytes in the notification's own charset.
    const fields = parseFormPairs(formPart(trimmed), charset);
    const params: Record<string, string> = Object.create(null) as Record<string, string>;
    const repeated: string[] = [];
    for (const [key, value] of fields) {
      if (key in params) repeated.push(key);
      params[key] = value;
    }
    if (!params.sign) throw new UsageError(verifyText.notifyNoSign({ source: source.label }));
    return repeated.length === 0 ? { params } : { repeated: distinct(repeated) };
  } catch (err) {
    if (err instanceof ProtocolError) throw new UsageError(verifyText.sourceProblem({ source: source.label, message: err.text }));
    throw err;
  }
}

/**
 * The `charset` a notification declares, read from its bytes before they are decoded: the name is
 * ASCII, and neither '&' nor '"' can be the second byte of a GBK character, so the scan cannot
 * start inside one. The first one counts: a notification that names it twice is refused anyway
 * (parseNotification), and the first is what a servlet's getParameter would read.
 */
export function declaredCharset(bytes: Buffer): string | undefined {
  const text = bytes.toString('latin1').trim();
  let declared: string | undefined;
  if (text.startsWith('{')) {
    declared = /"charset"\s*:\s*"([^"\\]*)"/.exec(text)?.[1];
  } else {
    const field = formPart(text).split('&').find((f) => f.startsWith('charset='));
    if (field !== undefined) {
      const raw = field.slice('charset='.length).replaceAll('+', ' ');
      try {
        declared = decodeURIComponent(raw);
      } catch {
        declared = raw;
      }
    }
  }
  return declared === undefined || declared.trim() === '' ? undefined : declared;
}

export function supportedCharset(declared: string, source: InputSource): Charset {
  const charset = normalizeCharset(declared);
  if (charset === undefined) {
    throw new UsageError(verifyText.notifyCharset({ source: source.label, charset: JSON.stringify(declared) }), { hint: verifyText.notifyCharsetHint() });
  }
  return charset;
}

function distinct(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** The query of a URL, a query without its leading '?' (as copied from a URL or a log), or the text itself. */
function formPart(text: string): string {
  if (text.startsWith('?')) return text.slice(1);
  return text.includes('?') && /^[a-z]+:\/\//i.test(text) ? text.slice(text.indexOf('?') + 1) : text;
}
