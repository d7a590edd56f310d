import { ProtocolError } from './errors.js';
import { protocolText } from '../i18n/en/protocol-errors.js';
import type { Text } from '../i18n/text.js';

/**
 * Finds where JSON values end in a response body without parsing them, so the signed node can be
 * cut out byte for byte: the gateway signs the node's text exactly as it wrote it (its spacing,
 * `\/` and `\uXXXX` escapes, key order), which no JSON.parse/stringify round trip reproduces.
 * It validates the grammar as strictly as JSON.parse, so the text it delimits is the text a
 * parser of the same body would read. Iterative, so deep nesting cannot overflow the stack.
 */

export function skipWhitespace(text: string, pos: number): number {
  let i = pos;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** Index just past the value starting at `pos` (no leading whitespace). */
export function skipValue(text: string, pos: number): number {
  const open: number[] = [];
  let i = pos;
  for (;;) {
    // A value is expected at i.
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      i = skipWhitespace(text, i + 1);
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(i) === close) {
        i++;
      } else {
        open.push(c);
        i = c === 0x7b ? skipMemberName(text, i) : i;
        continue;
      }
    } else if (c === 0x22 /* " */) {
      i = skipString(text, i);
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      i = skipNumber(text, i);
    } else {
      i = skipLiteral(text, i);
    }
    // A value ended just before i: close containers or move to the next member/element.
    for (;;) {
      const container = open[open.length - 1];
      if (container === undefined) return i;
      i = skipWhitespace(text, i);
      const d = text.charCodeAt(i);
      if (d === 0x2c /* , */) {
        i = skipWhitespace(text, i + 1);
        if (container === 0x7b) i = skipMemberName(text, i);
        break;
      }
      if (d !== (container === 0x7b ? 0x7d : 0x5d)) {
        throw malformed(text, i, container === 0x7b ? protocolText.expectCommaOrBrace() : protocolText.expectCommaOrBracket());
      }
      open.pop();
      i++;
    }
  }
}

/** Skips `"name" :` and the whitespace after it; returns where the member's value starts. */
export function skipMemberName(text: string, pos: number): number {
  if (text.charCodeAt(pos) !== 0x22) throw malformed(text, pos, protocolText.expectMemberName());
  let i = skipWhitespace(text, skipString(text, pos));
  if (text.charCodeAt(i) !== 0x3a /* : */) throw malformed(text, i, protocolText.expectColon());
  return skipWhitespace(text, i + 1);
}

/** Index just past the string literal whose opening quote is at `pos`. */
export function skipString(text: string, pos: number): number {
  let i = pos + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (Number.isNaN(c)) throw malformed(text, i, protocolText.expectClosingQuote({ position: pos }));
    if (c < 0x20) throw malformed(text, i, protocolText.expectNoControl());
    if (c === 0x5c /* \ */) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw malformed(text, i, protocolText.expectHexDigits());
        i += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e)) throw malformed(text, i, protocolText.expectEscape());
      i += 2;
      continue;
    }
    i++;
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function skipNumber(text: string, pos: number): number {
  NUMBER.lastIndex = pos;
  if (!NUMBER.test(text)) throw malformed(text, pos, protocolText.expectNumber());
  return NUMBER.lastIndex;
}

function skipLiteral(text: string, pos: number): number {
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, pos)) return pos + literal.length;
  }
  throw malformed(text, pos, protocolText.expectValue());
}

export function malformed(text: string, pos: number, expected: Text): ProtocolError {
  const found = pos >= text.length ? protocolText.endOfInput() : JSON.stringify(text.slice(pos, pos + 12));
  return new ProtocolError('malformed-response', protocolText.notJson({ expected, position: pos, found }));
}
