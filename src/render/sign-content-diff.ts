import stringWidth from 'string-width';
import type { Style } from './style.js';

const GATEWAY_LABEL = '  gateway signed:  ';
const OURS_LABEL = '  we signed:       ';
/** Columns left for a string to sign beside its label in an 80-column terminal. */
const ROOM = 80 - GATEWAY_LABEL.length;
/** How much of each side of the first difference a long string keeps, in columns. */
const BEFORE = 30;
const AFTER = ROOM - BEFORE - 2;

/**
 * The gateway's string to sign above ours, with a `^` under the first character that differs.
 * Strings too long for one line are cut to a window around that character (… at the cuts): a
 * wrapped line leaves the marker under nothing. Both strings must already be redacted alike.
 */
export function compareSignContents(theirs: string, ours: string, style: Style): string[] {
  const a = Array.from(theirs);
  const b = Array.from(ours);
  const at = firstDifference(a, b);
  if (at === -1) {
    return [`${GATEWAY_LABEL}${theirs}`, `${OURS_LABEL}${ours}`, '  the strings are identical: the key pair or the charset of the bytes differs'];
  }
  const whole = stringWidth(theirs) <= ROOM && stringWidth(ours) <= ROOM;
  const start = whole ? 0 : startOfWindow(a, at);
  const head = (start > 0 ? '…' : '') + a.slice(start, at).join('');
  const marker = `${' '.repeat(GATEWAY_LABEL.length)}${blankLike(head)}`;
  const note = `first difference at character ${at + 1}`;
  return [
    `${GATEWAY_LABEL}${head}${whole ? a.slice(at).join('') : tail(a, at)}`,
    `${OURS_LABEL}${head}${whole ? b.slice(at).join('') : tail(b, at)}`,
    ...(stringWidth(marker) + 2 + note.length <= 80
      ? [`${marker}${style.red('^')} ${note}`]
      : [`${marker}${style.red('^')}`, `${' '.repeat(GATEWAY_LABEL.length)}${note}`]),
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

function tail(chars: readonly string[], at: number): string {
  let end = at;
  for (let used = 0; end < chars.length && used + stringWidth(chars[end]!) <= AFTER; end++) used += stringWidth(chars[end]!);
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
