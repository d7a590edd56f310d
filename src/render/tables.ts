import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { Style } from './style.js';
import { visibleText, wrapToWidth } from './wrap.js';

/** The terminal width tables are made to fit unless the caller knows the terminal's own. */
const TERMINAL_WIDTH = 80;
/** The key column at 80 columns; a narrower terminal gives it a third of the room. */
const KEY_WIDTH = 26;
/** cli-table3's default padding: one space each side of a cell. */
const PADDING = 2;
/** The three │ of a two-column table, and one column spare so a full line never wraps early. */
const BORDERS = 4;

/**
 * A titled two-column table; long keys and values wrap rather than widen the table past `width`.
 * We wrap, not cli-table3: its wrap counts escape codes as text and cuts through them, leaving a
 * key like `biz_no_suffix_len^[[` on one row and a junk row `39m` below it.
 */
export function keyValueTable(title: string, rows: ReadonlyArray<readonly [string, string]>, style: Style, width = TERMINAL_WIDTH): string {
  const keyWidth = Math.min(KEY_WIDTH, Math.floor(width / 3));
  const valueWidth = width - BORDERS - keyWidth;
  const table = new Table({
    colWidths: [keyWidth, valueWidth],
    wordWrap: false,
    style: { head: [], border: [] },
    // No rule between rows: a template has dozens of them and the wrapped values read fine without.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const [key, value] of rows) {
    table.push([cellText(key, keyWidth - PADDING, style.cyan), cellText(value, valueWidth - PADDING)]);
  }
  return `${style.bold(title)}\n${table.toString()}\n`;
}

/**
 * A titled table with one column per key and one row per item — how a person reads a list of
 * like records (columns, field rules, levels). Undefined when it would not fit `width`: the
 * caller then shows each item as a key/value table instead.
 */
export function gridTable(title: string, keys: readonly string[], rows: ReadonlyArray<readonly string[]>, style: Style, width = TERMINAL_WIDTH): string | undefined {
  const table = new Table({
    head: keys.map((k) => cellText(k, width, style.cyan)),
    // Rules between rows here: they are what sets the header apart from the records.
    style: { head: [], border: [] },
  });
  for (const row of rows) table.push(row.map((v) => cellText(v, width)));
  const text = table.toString();
  if (Math.max(...text.split('\n').map((line) => stringWidth(line))) > width) return undefined;
  return `${style.bold(title)}\n${text}\n`;
}

/** A cell's lines, each fitting `width` columns and coloured on its own. */
function cellText(text: string, width: number, colour: (line: string) => string = (line) => line): string {
  // One argument only: chalk joins extra arguments (map's index and array) into the text.
  return wrapToWidth(visibleText(text), width).map((line) => colour(line)).join('\n');
}
