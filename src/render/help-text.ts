import stringWidth from 'string-width';

/**
 * Help text written for 100 columns, fitted to `width`: prose lines are joined into paragraphs and
 * wrapped at word boundaries; an indented line (a table row such as the exit codes) wraps under its
 * own text; a command example (`$ ...`) is left whole, as a copy-and-paste line must be.
 */
export function fitHelpText(text: string, width: number): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(...wrapWords(paragraph.join(' '), width, ''));
    paragraph = [];
  };
  let command = false;
  for (const line of text.split('\n')) {
    const indent = /^\s*/.exec(line)![0];
    // A command example and the lines it continues with a trailing backslash.
    const example: boolean = command || line.trimStart().startsWith('$');
    command = example && line.endsWith('\\');
    if (line.trim() === '' || /:$/.test(line)) {
      flush();
      out.push(line);
    } else if (indent === '') {
      paragraph.push(line);
    } else if (example || stringWidth(line) <= width) {
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

function wrapWords(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && stringWidth(line) + 1 + stringWidth(word) > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(indent + line);
  return lines;
}
