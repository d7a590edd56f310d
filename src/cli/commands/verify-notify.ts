// verify --notify: a notification body as the user pasted it (form, URL query or JSON), and the
// charset it declares, which decides how its bytes are read before the signature is checked.
import { UsageError } from '../../errors.js';
import { verifyText } from '../../i18n/en/verify-command.js';
import { normalizeCharset, parseForm, ProtocolError, type Charset } from '../../protocol/index.js';
import { parseJsonArgument, type InputSource } from '../input.js';

/** A notification as a form body, a query string (with or without the URL before '?'), or JSON. */
export function parseNotification(text: string, source: InputSource, charset: Charset): Record<string, string> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const value = parseJsonArgument(trimmed, source);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(verifyText.notifyNotObject({ source: source.label }));
    const obj = (value as { params?: unknown }).params && typeof (value as { params?: unknown }).params === 'object'
      ? (value as { params: Record<string, unknown> }).params
      : (value as Record<string, unknown>);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  try {
    // Percent-escapes are bytes in the notification's own charset.
    const params = parseForm(formPart(trimmed), charset);
    if (!params.sign) throw new UsageError(verifyText.notifyNoSign({ source: source.label }));
    return params;
  } catch (err) {
    if (err instanceof ProtocolError) throw new UsageError(verifyText.sourceProblem({ source: source.label, message: err.text }));
    throw err;
  }
}

/**
 * The `charset` a notification declares, read from its bytes before they are decoded: the name is
 * ASCII, and neither '&' nor '"' can be the second byte of a GBK character, so the scan cannot
 * start inside one. The last one counts, as in parseForm.
 */
export function declaredCharset(bytes: Buffer): string | undefined {
  const text = bytes.toString('latin1').trim();
  let declared: string | undefined;
  if (text.startsWith('{')) {
    for (const m of text.matchAll(/"charset"\s*:\s*"([^"\\]*)"/g)) declared = m[1];
  } else {
    for (const field of formPart(text).split('&')) {
      if (!field.startsWith('charset=')) continue;
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

/** The query of a URL, or the text itself. */
function formPart(text: string): string {
  return text.includes('?') && /^[a-z]+:\/\//i.test(text) ? text.slice(text.indexOf('?') + 1) : text;
}
