import type { KeyObject } from 'node:crypto';
import { normalizeCharset, type Charset } from './charset.js';
import { ProtocolError } from './errors.js';
import { protocolText } from '../i18n/en/protocol-errors.js';
import { joinSorted } from './sign-content.js';
import { parseSignType, verifyContent, type SignType } from './signature.js';

/** v1 (payment-style) signs every param but sign and sign_type; v2 signs sign_type too. */
export type NotifyMode = 'v1' | 'v2' | 'auto';

export interface NotifyVerification {
  valid: boolean;
  mode: 'v1' | 'v2';
  signContent: string;
  signType: SignType;
}

const OMITTED: Readonly<Record<'v1' | 'v2', readonly string[]>> = { v1: ['sign', 'sign_type'], v2: ['sign'] };

/**
 * Verifies form-decoded notification params. For `auto`: the v1 result if valid, else the v2
 * result if valid, else the (invalid) v1 result, since v1 is what payment notifications use.
 * `charset`, when given, is the one the caller read the body in; else the notification's own
 * `charset` param, else UTF-8. The sign type is the notification's `sign_type` param, else
 * `defaultSignType` (the app's own, as Alipay's SDKs take `sign_type || config.signType || 'RSA2'`).
 */
export function verifyNotification(
  params: Record<string, string>,
  publicKey: KeyObject,
  mode: NotifyMode,
  charset?: Charset,
  defaultSignType: SignType = 'RSA2',
): NotifyVerification {
  const declaredSignType = params['sign_type'];
  const signType = declaredSignType === undefined || declaredSignType === '' ? defaultSignType : parseSignType(declaredSignType);
  const contentCharset = charset ?? notificationCharset(params);
  const check = (variant: 'v1' | 'v2'): NotifyVerification => {
    const signContent = notificationSignContent(params, OMITTED[variant]);
    const valid = verifyContent(signContent, params['sign'] ?? '', publicKey, signType, contentCharset);
    return { valid, mode: variant, signContent, signType };
  };
  if (mode !== 'auto') return check(mode);
  const v1 = check('v1');
  if (v1.valid) return v1;
  const v2 = check('v2');
  return v2.valid ? v2 : v1;
}

/**
 * Unlike the request string to sign, empty values stay in (`key=`): the gateway signs every param
 * it sends, and Alipay's SDKs (getSignCheckContentV1/V2) check it that way.
 */
function notificationSignContent(params: Record<string, string>, omit: readonly string[]): string {
  const pairs = Object.entries(params).filter(([key]) => !omit.includes(key));
  return joinSorted(pairs);
}

function notificationCharset(params: Record<string, string>): Charset {
  const declared = params['charset'];
  if (declared === undefined || declared === '') return 'utf-8';
  const charset = normalizeCharset(declared);
  if (charset === undefined) {
    throw new ProtocolError('unsupported-charset', protocolText.notificationCharset({ charset: declared }));
  }
  return charset;
}
