import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { Style } from './style.js';
import { visibleText, wrapToWidth } from './wrap.js';

/** The terminal width tables are made to fit. */
const TERMINAL_WIDTH = 80;
/** Widths that fit an 80-column terminal with the borders cli-table3 draws. */
const KEY_WIDTH = 26;
const VALUE_WIDTH = 50;
/** cli-table3's default padding: one space each side of a cell. */
const PADDING = 2;

/**
 * A titled two-column table; long keys and values wrap rather than widen the table past 80 columns.
 * We wrap, not cli-table3: its wrap counts escape codes as text and cuts through them, leaving a
 * key like `biz_no_suffix_len^[[` on one row and a junk row `39m` below it.
 */
export function keyValueTable(title: string, rows: ReadonlyArray<readonly [string, string]>, style: Style): string {
  const table = new Table({
    colWidths: [KEY_WIDTH, VALUE_WIDTH],
    wordWrap: false,
    style: { head: [], border: [] },
    // No rule between rows: a template has dozens of them and the wrapped values read fine without.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const [key, value] of rows) {
    table.push([cellText(key, KEY_WIDTH - PADDING, style.cyan), cellText(value, VALUE_WIDTH - PADDING)]);
  }
  return `${style.bold(title)}\n${table.toString()}\n`;
}

/**
 * A titled table with one column per key and one row per item — how a person reads a list of
 * like records (columns, field rules, levels). Undefined when it would not fit 80 columns: the
 * caller then shows each item as a key/value table instead.
 */
export function gridTable(title: string, keys: readonly string[], rows: ReadonlyArray<readonly string[]>, style: Style): string | undefined {
  const table = new Table({
    head: keys.map((k) => cellText(k, TERMINAL_WIDTH, style.cyan)),
    // Rules between rows here: they are what sets the header apart from the records.
    style: { head: [], border: [] },
  });
  for (const row of rows) table.push(row.map((v) => cellText(v, TERMINAL_WIDTH)));
  const text = table.toString();
  if (Math.max(...text.split('\n').map((line) => stringWidth(line))) > TERMINAL_WIDTH) return undefined;
  return `${style.bold(title)}\n${text}\n`;
}

/** A cell's lines, each fitting `width` columns and coloured on its own. */
function cellText(text: string, width: number, colour: (line: string) => string = (line) => line): string {
  // One argument only: chalk joins extra arguments (map's index and array) into the text.
  return wrapToWidth(visibleText(text), width).map((line) => colour(line)).join('\n');
}
