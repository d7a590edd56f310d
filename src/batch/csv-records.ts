import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { CsvError, Parser } from 'csv-parse';
import { UsageError } from '../errors.js';
import { unreadable, type InputFile } from './input-file.js';

/** One record of the file, numbered as a person counts rows in a spreadsheet. */
export interface CsvRecord {
  /**
   * Spreadsheet row: the header is row 1, an empty line still takes a row (Excel shows it), and a
   * quoted value holding line breaks is one row however many lines it spans.
   */
  row: number;
  cells: string[];
}

/** The file's structure is broken: an unbalanced quote, a row with more or fewer values than the header. */
export class CsvFormatError extends UsageError {}

const PARSE_OPTIONS = {
  bom: true,
  // Blank lines come through as records so that counting records counts rows; they are skipped below.
  skip_empty_lines: false,
  relax_column_count: true,
  // Excel writes CRLF, other tools LF, and an edited file can mix them.
  record_delimiter: ['\r\n', '\n', '\r'],
};

/**
 * Every record with a value in it, header first, streamed (the parser pauses while the consumer is
 * busy, so memory stays flat for any file size). Blank records (empty lines, lines of commas or
 * spaces) are skipped but counted; a record whose width differs from the header's is an error
 * naming its line, except for trailing empty cells, which Excel leaves when a column was cleared.
 * Line numbers are worked out only for an error, by reading the file again: asking the parser for
 * them on every record costs half as much again as the parsing.
 */
export async function* readCsvRecords(file: InputFile): AsyncGenerator<CsvRecord> {
  const { parse } = await import('csv-parse');
  const parser: Parser = parse(PARSE_OPTIONS);
  const source = await decodedStream(file);
  source.on('error', (err) => parser.destroy(unreadable(file.path, err)));
  source.pipe(parser);

  let row = 0;
  let width: number | undefined;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      if (cells.every((c) => c.trim() === '')) continue;
      if (width === undefined) width = cells.length;
      else if (!fits(cells, width)) throw await widthError(file, { row, cells }, width);
      yield { row, cells };
    }
  } catch (err) {
    if (isCsvError(err)) throw formatError(file.path, err, await lineAfterRecord(file, err.records));
    throw unreadable(file.path, err);
  } finally {
    source.destroy();
  }
}

function fits(cells: string[], width: number): boolean {
  return cells.length === width || (cells.length > width && cells.slice(width).every((c) => c.trim() === ''));
}

/** The line where record number `records + 1` starts (for a parse error, the record that broke). */
async function lineAfterRecord(file: InputFile, records: number): Promise<number> {
  if (records === 0) return 1;
  return (await endLineOf(file, records)) + 1;
}

/** The line where the record at spreadsheet row `row` ends, found by parsing the file again up to it. */
async function endLineOf(file: InputFile, row: number): Promise<number> {
  const { parse } = await import('csv-parse');
  let line = 0;
  const parser: Parser = parse({ ...PARSE_OPTIONS, to: row, on_record: (cells: string[], context) => ((line = context.lines), cells) });
  const source = await decodedStream(file);
  source.pipe(parser);
  try {
    for await (const _ of parser) void _;
  } catch {
    // The error being reported is the one that matters.
  } finally {
    source.destroy();
  }
  return line;
}

async function decodedStream(file: InputFile): Promise<Readable> {
  const raw = createReadStream(file.path, { highWaterMark: 256 * 1024 });
  if (file.encoding === 'utf-8') return raw;
  const { createRequire } = await import('node:module');
  // iconv-lite is CommonJS; its GB tables load on first use.
  const iconv = createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
  const decoder = iconv.decodeStream(file.encoding, { stripBOM: true }) as unknown as Readable & NodeJS.WritableStream;
  raw.on('error', (err) => decoder.destroy(err));
  return raw.pipe(decoder);
}

async function widthError(file: InputFile, record: CsvRecord, width: number): Promise<CsvFormatError> {
  const { cells } = record;
  const at = `${file.path} line ${await endLineOf(file, record.row)} (row ${record.row})`;
  if (cells.length > width) {
    return new CsvFormatError(`${at}: ${cells.length} values, but the header has ${width} columns`, {
      hint: 'a value holding a comma must be quoted: "Beijing, China"',
    });
  }
  return new CsvFormatError(`${at}: ${cells.length} value${cells.length === 1 ? '' : 's'}, but the header has ${width} columns`, {
    hint: 'every row needs a value (or an empty cell) for each column',
  });
}

function isCsvError(err: unknown): err is CsvError & { records: number; lines: number } {
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE');
}

function formatError(path: string, err: CsvError & { lines: number }, recordStart: number): CsvFormatError {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvFormatError(`${path} line ${recordStart}: a quoted value starts on this line and its closing quote never comes (unbalanced quote)`, {
        hint: 'close the quote; a quote inside a quoted value is written twice: "say ""hi"""',
      });
    case 'INVALID_OPENING_QUOTE':
      return new CsvFormatError(`${path} line ${err.lines}: a quote in the middle of an unquoted value`, {
        hint: 'quote the whole value and write the inner quote twice: "12"" screen"',
      });
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new CsvFormatError(`${path} line ${err.lines}: text right after a closing quote`, {
        hint: 'a quote inside a quoted value is written twice: "say ""hi"""',
      });
    default:
      return new CsvFormatError(`${path} line ${err.lines}: ${err.message}`);
  }
}
