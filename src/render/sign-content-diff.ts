import stringWidth from 'string-width';
import { renderGatewayFailureText } from '../i18n/en/render-gateway-failure.js';
import { local } from '../i18n/text.js';
import type { Style } from './style.js';

/** Columns a string to sign may take on a line, after its label, in an 80-column terminal. */
const TERMINAL_WIDTH = 80;
/** How much of each side of the first difference a long string keeps, in columns. */
const BEFORE = 30;

/**
 * The two labels, indented two spaces and padded to one width, then two spaces: in English
 * `  gateway signed:  ` and `  we signed:       `.
 */
function labels(): { gateway: string; ours: string } {
  const gateway = local(renderGatewayFailureText.gatewaySigned());
  const ours = local(renderGatewayFailureText.weSigned());
  const width = Math.max(stringWidth(gateway), stringWidth(ours));
  const padded = (label: string) => `  ${label}${' '.repeat(width - stringWidth(label))}  `;
  return { gateway: padded(gateway), ours: padded(ours) };
}

/**
 * The gateway's string to sign above ours, with a `^` under the first character that differs.
 * Strings too long for one line are cut to a window around that character (… at the cuts): a
 * wrapped line leaves the marker under nothing. Both strings must already be redacted alike.
 */
export function compareSignContents(theirs: string, ours: string, style: Style): string[] {
  const label = labels();
  const room = TERMINAL_WIDTH - stringWidth(label.gateway);
  const a = Array.from(theirs);
  const b = Array.from(ours);
  const at = firstDifference(a, b);
  if (at === -1) {
    return [`${label.gateway}${theirs}`, `${label.ours}${ours}`, local(renderGatewayFailureText.identical())];
  }
  const whole = stringWidth(theirs) <= room && stringWidth(ours) <= room;
  const start = whole ? 0 : startOfWindow(a, at);
  const head = (start > 0 ? '…' : '') + a.slice(start, at).join('');
  const indent = blankLike(label.gateway);
  const marker = `${indent}${blankLike(head)}`;
  const note = local(renderGatewayFailureText.firstDifference({ at: at + 1 }));
  const after = room - BEFORE - 2;
  return [
    `${label.gateway}${head}${whole ? a.slice(at).join('') : tail(a, at, after)}`,
    `${label.ours}${head}${whole ? b.slice(at).join('') : tail(b, at, after)}`,
    ...(stringWidth(marker) + 2 + stringWidth(note) <= TERMINAL_WIDTH
      ? [`${marker}${style.red('^')} ${note}`]
      : [`${marker}${style.red('^')}`, `${indent}${note}`]),
  ];
}

/** Index of the first differing character (code point), or -1 when the strings are equal. */
export function firstDifference(a: readonly string[] | string, b: readonly string[] | string): number {
  const x = typeof a === 'string' ? Array.from(a) : a;
  const y = typeof b === 'string' ? Array.from(b) : b;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return i;
  return x.length === y.length ? -1 : n;
}

function startOfWindow(chars: readonly string[], at: number): number {
  let start = at;
  for (let used = 0; start > 0 && used + stringWidth(chars[start - 1]!) <= BEFORE; start--) used += stringWidth(chars[start - 1]!);
  return start;
}

function tail(chars: readonly string[], at: number, after: number): string {
  let end = at;
  for (let used = 0; end < chars.length && used + stringWidth(chars[end]!) <= after; end++) used += stringWidth(chars[end]!);
  return chars.slice(at, end).join('') + (end < chars.length ? '…' : '');
}

/**
 * Blanks as wide as `text` on a terminal. A CJK character becomes an ideographic space (one code
 * unit, two columns), so the marker sits under the character both on screen and by string index.
 */
function blankLike(text: string): string {
  return Array.from(text, (ch) => {
    const width = stringWidth(ch);
    return width === 2 && ch.length === 1 ? '\u3000' : ' '.repeat(width);
  }).join('');
}
