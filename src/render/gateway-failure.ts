import type { GatewayFailure } from '../client/response.js';
import { renderGatewayFailureText } from '../i18n/en/render-gateway-failure.js';
import { local } from '../i18n/text.js';
import { compareSignContents } from './sign-content-diff.js';
import type { Style } from './style.js';

/** The real gateway quotes its string to sign after this marker (or after "string to sign:"). */
const QUOTE_MARKERS = ['验签字符串为：', '验签字符串为:', 'string to sign:', 'sign content:'];

/**
 * Lines for stderr explaining a gateway error: its fields, and for isv.invalid-signature the
 * gateway's string to sign beside ours with the first difference marked. `failure` comes from
 * the client's gatewayError, secrets already redacted.
 */
export function explainGatewayFailure(failure: GatewayFailure, style: Style): string[] {
  const n = failure.response.node;
  const quoted = n.sub_code === 'isv.invalid-signature' && typeof n.sub_msg === 'string' ? splitQuote(n.sub_msg) : undefined;
  // The gateway quotes auth_token and app_auth_token in clear; the client's gatewayError redacted
  // both strings alike before they got here, so a token is never reported as the first difference.
  const lines = (['code', 'msg', 'sub_code', 'sub_msg'] as const)
    .filter((k) => n[k] !== undefined && n[k] !== '')
    .map((k) => {
      const value = k === 'sub_msg' && quoted ? local(renderGatewayFailureText.quotedBelow({ message: quoted.message })) : String(n[k]);
      return `  ${style.cyan(k.padEnd(8))}  ${value}`;
    });
  if (n.sub_code === 'isv.invalid-signature') {
    if (quoted) lines.push('', ...compareSignContents(quoted.signContent, failure.ourSignContent, style));
    lines.push('', ...local(renderGatewayFailureText.usualCauses()).split('\n'));
  }
  return lines;
}

/** The sub_msg's words, and the gateway's string to sign it quotes (HTML entities decoded). */
export function splitQuote(subMsg: string): { message: string; signContent: string } | undefined {
  for (const marker of QUOTE_MARKERS) {
    const at = subMsg.indexOf(marker);
    if (at !== -1) return { message: subMsg.slice(0, at + marker.length), signContent: decodeHtmlEntities(subMsg.slice(at + marker.length).trim()) };
  }
  return undefined;
}

/** The gateway HTML-escapes the quoted string (&amp; &quot; ...); enough of HTML for that. */
export function decodeHtmlEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return named[body.toLowerCase()] ?? whole;
  });
}
