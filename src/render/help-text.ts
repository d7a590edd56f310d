import { lineJoint, linePieces, textWidth } from './wrap.js';

/**
 * Help text written for 100 columns, fitted to `width`: prose lines are joined into paragraphs and
 * wrapped at word boundaries (and between CJK characters, Chinese having no spaces); an indented
 * line (a table row such as the exit codes) wraps under its own text; a command example (`$ ...`)
 * is left whole, as a copy-and-paste line must be. A line ending in a colon (`Examples:`, `示例：`)
 * is a heading.
 */
export function fitHelpText(text: string, width: number): string {
  const out: string[] = [];
  let paragraph = '';
  const flush = () => {
    if (paragraph !== '') out.push(...wrapWords(paragraph, width, ''));
    paragraph = '';
  };
  let command = false;
  for (const line of text.split('\n')) {
    const indent = /^\s*/.exec(line)![0];
    // A command example and the lines it continues with a trailing backslash.
    const example: boolean = command || line.trimStart().startsWith('$');
    command = example && line.endsWith('\\');
    if (line.trim() === '' || /[:\uff1a]$/.test(line)) {
      flush();
      out.push(line);
    } else if (indent === '') {
      paragraph = paragraph === '' ? line : paragraph + lineJoint(paragraph, line) + line;
    } else if (example || textWidth(line) <= width) {
      flush();
      out.push(line);
    } else {
      flush();
      // Continuation lines line up with the text after the row's first word: `130  interrupted`.
      const hanging = /^\s*\S+\s+/.exec(line)?.[0].length ?? indent.length;
      const lines = wrapWords(line.slice(hanging), width - hanging, ' '.repeat(hanging));
      out.push(line.slice(0, hanging) + lines[0]!.slice(hanging), ...lines.slice(1));
    }
  }
  flush();
  return out.join('\n');
}

/** `text` in lines of at most `width` columns (a longer word stays whole), each after `indent`; runs of whitespace become one space. */
function wrapWords(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const { space, word } of linePieces(text)) {
    const gap = line === '' || space === '' ? '' : ' ';
    const w = textWidth(word);
    if (line !== '' && used + gap.length + w > width) {
      lines.push(indent + line);
      line = word;
      used = w;
    } else {
      line = line + gap + word;
      used += gap.length + w;
    }
  }
  lines.push(indent + line);
  return lines;
}

/**
 * Commander's `boxWrap` (a description beside its flag, a command's description), breaking between
 * CJK characters too: the same chunks, each with the whitespace before it, so text without CJK
 * wraps exactly as commander wraps it. `displayWidth` counts a CJK character as two columns.
 */
export function boxWrap(text: string, width: number, displayWidth: (s: string) => number = textWidth): string {
  const wrapped: string[] = [];
  for (const raw of text.split(/\r\n|\n/)) {
    // A line that fits is the line: no need to cut it into pieces to put it back together.
    if (displayWidth(raw) <= width) {
      wrapped.push(raw.trimEnd());
      continue;
    }
    const chunks = linePieces(raw).map((piece) => piece.space + piece.word);
    if (chunks.length === 0) {
      wrapped.push('');
      continue;
    }
    let line = chunks.shift()!;
    let used = displayWidth(line);
    for (const chunk of chunks) {
      const w = displayWidth(chunk);
      if (used + w <= width) {
        line += chunk;
        used += w;
        continue;
      }
      wrapped.push(line);
      line = chunk.trimStart();
      used = displayWidth(line);
    }
    wrapped.push(line);
  }
  return wrapped.join('\n');
}
