import type { GatewayFailure } from '../client/response.js';
import type { Style } from './style.js';

/** The real gateway quotes its string to sign after this marker (or after "string to sign:"). */
const QUOTE_MARKERS = ['验签字符串为：', '验签字符串为:', 'string to sign:', 'sign content:'];

/**
 * Lines for stderr explaining a gateway error: its fields, and for isv.invalid-signature the
 * gateway's string to sign beside ours with the first difference marked.
 */
export function explainGatewayFailure(failure: GatewayFailure, style: Style): string[] {
  const n = failure.response.node;
  const quoted = n.sub_code === 'isv.invalid-signature' && typeof n.sub_msg === 'string' ? splitQuote(n.sub_msg) : undefined;
  const lines = (['code', 'msg', 'sub_code', 'sub_msg'] as const)
    .filter((k) => n[k] !== undefined && n[k] !== '')
    .map((k) => `  ${style.cyan(k.padEnd(8))}  ${k === 'sub_msg' && quoted ? `${quoted.message} (its string to sign is below)` : String(n[k])}`);
  if (n.sub_code === 'isv.invalid-signature') {
    const theirs = quoted?.signContent;
    if (theirs !== undefined) {
      const at = firstDifference(theirs, failure.ourSignContent);
      lines.push('', `  gateway signed:  ${theirs}`, `  we signed:       ${failure.ourSignContent}`);
      lines.push(at === -1
        ? '  the strings are identical: the key pair or the charset of the bytes differs'
        : `  ${' '.repeat(17 + at)}${style.red('^')} first difference at character ${at + 1}`);
    }
    lines.push('', '  usual causes: the app public key uploaded to Alipay is not the pair of privateKey;',
      "  the Alipay public key was configured where the app key belongs (or the reverse); charset mismatch.");
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

export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
