import type { CsvError, Parser } from 'csv-parse';
import type { InputFile } from './input-file.js';
import { decodedStream, PARSE_OPTIONS } from './csv-source.js';

/** A csv-parse error with the counts it carries. */
export type CsvParseError = CsvError & { records: number; lines: number };

/**
 * Line numbers, worked out only for an error message, by reading the file again (asking the parser
 * for them on every record costs half as much again as the parsing). The passes read the text with
 * every line break made one LF: csv-parse counts a CRLF inside a quoted value — a multi-line cell
 * of any Excel file — as two lines.
 */

/** The line where the record at spreadsheet row `row` ends. */
export async function endLineOf(file: InputFile, row: number): Promise<number> {
  const { line } = await parseLocating(file, row);
  return line;
}

/**
 * Where the parse error lies: the line it was found on, and the line where the record it broke
 * starts (an unbalanced quote is found only at the end of what it swallowed). Undefined if the
 * file now parses (it changed under us).
 */
export async function locateParseError(file: InputFile): Promise<{ error: CsvParseError; line: number; recordStart: number } | undefined> {
  const { line, error } = await parseLocating(file);
  return error && { error, line: error.lines, recordStart: line + 1 };
}

export function isCsvError(err: unknown): err is CsvParseError {
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE');
}

/**
 * For a record that grew past the size limit: the column it had reached (0-based) and whether a
 * quoted value was open there — an unbalanced quote — or the values were plain and just too long.
 * Parsed again keeping the record's raw text (only then: it costs a copy of every record).
 */
export async function overlongRecord(file: InputFile): Promise<{ column: number; quoteOpen: boolean } | undefined> {
  const { parse } = await import('csv-parse');
  const parser: Parser = parse({ ...PARSE_OPTIONS, raw: true });
  const source = await decodedStream(file, true);
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    for await (const _ of parser) void _;
    return undefined;
  } catch (err) {
    if (!isCsvError(err) || err.code !== 'CSV_MAX_RECORD_SIZE') return undefined;
    const { column, raw } = err as CsvParseError & { column: number; raw?: string };
    return { column, quoteOpen: endsInQuotedLines(raw ?? '') };
  } finally {
    source.destroy();
  }
}

/**
 * Whether the text of a record so far ends inside a quoted value (one opened at the start of a value
 * and not closed) that runs over line breaks: what a quote that never closes does, swallowing the
 * lines after it. One long value on one line is a value over the limit, quoted or not.
 */
function endsInQuotedLines(raw: string): boolean {
  let opened = -1;
  let valueStart = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (opened >= 0) {
      if (c === '"') {
        if (raw[i + 1] === '"') i++;
        else opened = -1;
      }
    } else if (valueStart && c === '"') {
      opened = i;
      valueStart = false;
    } else {
      valueStart = c === ',';
    }
  }
  return opened >= 0 && /[\r\n]/.test(raw.slice(opened));
}

/** Parses up to record `to` (or to the end); `line` is where the last whole record ended (0 for none). */
async function parseLocating(file: InputFile, to = -1): Promise<{ line: number; error?: CsvParseError }> {
  const { parse } = await import('csv-parse');
  let line = 0;
  const parser: Parser = parse({ ...PARSE_OPTIONS, to, on_record: (cells: string[], context) => ((line = context.lines), cells) });
  const source = await decodedStream(file, true);
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    for await (const _ of parser) void _;
    return { line };
  } catch (err) {
    return isCsvError(err) ? { line, error: err } : { line };
  } finally {
    source.destroy();
  }
}
