import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { CsvError, Parser } from 'csv-parse';
import { UsageError } from '../errors.js';
import { unreadable, type InputFile } from './input-file.js';

/** One record of the file, numbered as a person counts rows in a spreadsheet. */
export interface CsvRecord {
  /**
   * Spreadsheet row: the header is row 1, a skipped empty line still takes a row (Excel shows it),
   * and a quoted value holding line breaks is one row however many lines it spans.
   */
  row: number;
  /** Line of the file where the record ends, as a text editor counts them. */
  line: number;
  cells: string[];
}

/** The file's structure is broken: an unbalanced quote, a row with more or fewer values than the header. */
export class CsvFormatError extends UsageError {}

/**
 * Every record with a value in it, header first, streamed (the parser pauses while the consumer is
 * busy, so memory stays flat for any file size). Blank records (empty lines, lines of commas or
 * spaces) are skipped but counted; a record whose width differs from the header's is an error
 * naming its line, except for trailing empty cells, which Excel leaves when a column was cleared.
 */
export async function* readCsvRecords(file: InputFile): AsyncGenerator<CsvRecord> {
  const { parse } = await import('csv-parse');
  // Where the last good record ended: a quote left open is reported where its record began.
  let lastLine = 0;
  let lastEmptyLines = 0;
  const parser: Parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    // Excel writes CRLF, other tools LF, and an edited file can mix them.
    record_delimiter: ['\r\n', '\n', '\r'],
    on_record: (cells: string[], context) => {
      lastLine = context.lines;
      lastEmptyLines = context.empty_lines;
      return { row: context.records + context.empty_lines, line: context.lines, cells } as never;
    },
  });
  const source = await decodedStream(file);
  source.on('error', (err) => parser.destroy(unreadable(file.path, err)));
  source.pipe(parser);

  let width: number | undefined;
  try {
    for await (const record of parser as AsyncIterable<CsvRecord>) {
      if (record.cells.every((c) => c.trim() === '')) continue;
      if (width === undefined) width = record.cells.length;
      else checkWidth(file.path, record, width);
      yield record;
    }
  } catch (err) {
    if (isCsvError(err)) throw formatError(file.path, err, lastLine + 1 + (err.empty_lines - lastEmptyLines));
    throw unreadable(file.path, err);
  } finally {
    source.destroy();
  }
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

function checkWidth(path: string, record: CsvRecord, width: number): void {
  const { cells } = record;
  if (cells.length === width || (cells.length > width && cells.slice(width).every((c) => c.trim() === ''))) return;
  const at = `${path} line ${record.line} (row ${record.row})`;
  if (cells.length > width) {
    throw new CsvFormatError(`${at}: ${cells.length} values, but the header has ${width} columns`, {
      hint: 'a value holding a comma must be quoted: "Beijing, China"',
    });
  }
  throw new CsvFormatError(`${at}: ${cells.length} value${cells.length === 1 ? '' : 's'}, but the header has ${width} columns`, {
    hint: 'every row needs a value (or an empty cell) for each column',
  });
}

function isCsvError(err: unknown): err is CsvError & { empty_lines: number; lines: number } {
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
