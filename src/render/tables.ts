import Table from 'cli-table3';
import type { Style } from './style.js';

/** Widths that fit an 80-column terminal with the borders cli-table3 draws. */
const KEY_WIDTH = 26;
const VALUE_WIDTH = 50;

/** A titled two-column table; long values wrap rather than widen the table past 80 columns. */
export function keyValueTable(title: string, rows: ReadonlyArray<readonly [string, string]>, style: Style): string {
  const table = new Table({
    colWidths: [KEY_WIDTH, VALUE_WIDTH],
    wordWrap: true,
    wrapOnWordBoundary: false,
    style: { head: [], border: [] },
    // No rule between rows: a template has dozens of them and the wrapped values read fine without.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const [key, value] of rows) table.push([style.cyan(key), value]);
  return `${style.bold(title)}\n${table.toString()}\n`;
}
