import stringWidth from 'string-width';

// Graphemes, not code units: a wrap must never split a surrogate pair or a base letter from its accent.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

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
    for (const { segment } of graphemes.segment(paragraph)) {
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
