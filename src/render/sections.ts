import stringWidth from 'string-width';
import type { Style } from './style.js';

export type Section =
  | { title: string; text: string }
  | { title: string; rows: ReadonlyArray<readonly [string, string]> };

/**
 * Human output as titled sections: a block of text, or aligned key/value rows. Long values are
 * printed whole (they are signatures and URLs people copy), never truncated.
 */
export function renderSections(sections: readonly Section[], style: Style): string {
  const out: string[] = [];
  for (const section of sections) {
    out.push(style.bold(section.title));
    if ('text' in section) {
      for (const line of section.text.split('\n')) out.push(`  ${line}`);
    } else {
      // Columns as the terminal shows them: a Chinese label is two columns a character.
      const width = Math.max(0, ...section.rows.map(([k]) => stringWidth(k)));
      // A value of several lines keeps its column: the lines after the first are indented to it.
      for (const [k, v] of section.rows) out.push(`  ${style.cyan(k + ' '.repeat(width - stringWidth(k)))}  ${v.split('\n').join(`\n  ${' '.repeat(width)}  `)}`);
    }
    out.push('');
  }
  return out.join('\n');
}
