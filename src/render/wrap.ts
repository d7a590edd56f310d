import stringWidth from 'string-width';

// Graphemes, not code units: a wrap must never split a surrogate pair or a base letter from its accent.
// Made when first used: help text, which loads this module, seldom needs it.
let graphemes: Intl.Segmenter | undefined;
const segmenter = (): Intl.Segmenter => (graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

const widths = new Map<string, number>();

/**
 * Terminal columns of a piece of text, as string-width counts them (CJK two, ANSI escapes none):
 * Chinese help measures hundreds of descriptions a piece at a time, and string-width builds its
 * emoji expression on every call (≈2 ms and much of the garbage of a Chinese `--help`), so CJK
 * characters count two here and any other character is string-width's, remembered.
 */
export function textWidth(text: string): number {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  // ANSI escapes, surrogate pairs (emoji) and joiners are string-width's to count, whole.
  if (WHOLE_ONLY.test(text)) return stringWidth(text);
  let width = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) width += 1;
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff60)) width += 2;
    // Dashes, quotes, ellipsis, bullets: one column, and no emoji among them (string-width's first
    // call compiles its emoji expression, ≈3 ms, which Chinese help would pay for “ and ”).
    else if (code >= 0x2010 && code <= 0x2027) width += 1;
    else {
      let w = widths.get(ch);
      if (w === undefined) widths.set(ch, (w = stringWidth(ch)));
      width += w;
    }
  }
  return width;
}

const WHOLE_ONLY = /[\x1b\ud800-\udfff\u200d]/;
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * Control characters in a value shown as `\uXXXX`. Values come from the gateway: an ESC in one
 * would be a terminal command (recolour, move the cursor), and would throw every width off.
 */
export function visibleText(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Plain text as lines of at most `width` terminal columns (CJK and emoji count two). Hard-wrapped,
 * not at word boundaries: most long values are IDs and URLs, which have none. Colour is applied to
 * each line afterwards, so no escape sequence is ever cut or counted as width.
 */
export function wrapToWidth(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const { segment } of segmenter().segment(paragraph)) {
      const w = stringWidth(segment);
      if (used + w > width && line !== '') {
        lines.push(line);
        line = '';
        used = 0;
      }
      line += segment;
      used += w;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Written without spaces between words (Chinese, Japanese; their full-width punctuation): a line
 * may break between any two. Ranges rather than \p{Script=Han}, which costs ≈0.2 ms to compile.
 */
const WIDE = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6\u{20000}-\u{3134f}]/u;
/** Never first on a line: closing brackets and the punctuation that ends a clause. */
const NO_BREAK_BEFORE = /^[\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff1f\uff01\uff09\u300d\u300f\u3011\u300b\u3009\u3015\u201d\u2019\u2026\u2014\uff5e\uff05,.;:?!)\]}%]/u;
/** Never last on a line: opening brackets. */
const NO_BREAK_AFTER = /[\uff08\u300c\u300e\u3010\u300a\u3008\u3014\u201c\u2018([{]$/u;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * A character and the combining marks (and variation selectors, joiners) that follow it. The marks'
 * blocks by range: \p{M} makes V8 load Unicode property tables to compile it.
 */
const CHARACTER = /.[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a\u200d\ufe00-\ufe0f]*/gsu;

/** Full-width punctuation: nothing stands between it and the next character. */
const WIDE_PUNCTUATION = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;

/** A piece of a line between two places it may break, and the whitespace before it ('' inside CJK text). */
export interface LinePiece {
  space: string;
  word: string;
}

/**
 * The pieces a line may be broken into: at whitespace, as English is, and between two characters
 * where either is CJK, as Chinese is (except before a closing bracket or a comma, after an opening
 * bracket). Text without CJK breaks at whitespace only, exactly as before.
 */
export function linePieces(text: string): LinePiece[] {
  const pieces: LinePiece[] = [];
  // ASCII (all English help) breaks at whitespace only, without compiling the CJK expressions.
  if (ASCII.test(text)) {
    for (const [, space, word] of text.matchAll(/(\s*)(\S+)/g)) pieces.push({ space: space!, word: word! });
    return pieces;
  }
  for (const [, space, word] of text.matchAll(/(\s*)(\S+)/g)) {
    if (!WIDE.test(word!)) {
      pieces.push({ space: space!, word: word! });
      continue;
    }
    let piece = { space: space!, word: '' };
    let before = '';
    // Characters, a combining mark kept with the one before it. Not Intl.Segmenter: creating one
    // loads ICU's break data for the locale, ≈10 ms of every Chinese `--help`.
    for (const segment of word!.match(CHARACTER) ?? []) {
      if (before !== '' && (WIDE.test(before) || WIDE.test(segment)) && !NO_BREAK_BEFORE.test(segment) && !NO_BREAK_AFTER.test(before)) {
        pieces.push(piece);
        piece = { space: '', word: '' };
      }
      piece.word += segment;
      before = segment;
    }
    pieces.push(piece);
  }
  return pieces;
}

/**
 * What joins two lines of one paragraph: a space between words, nothing between two CJK
 * characters or beside full-width punctuation (Chinese has no spaces to put back).
 */
export function lineJoint(before: string, after: string): string {
  if (ASCII.test(before.slice(-1)) && ASCII.test(after.slice(0, 1))) return ' ';
  const last = /.$/su.exec(before)?.[0] ?? '';
  const first = /^./su.exec(after)?.[0] ?? '';
  return (WIDE.test(last) && WIDE.test(first)) || WIDE_PUNCTUATION.test(last) || WIDE_PUNCTUATION.test(first) ? '' : ' ';
}
