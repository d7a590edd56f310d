import type { Parser } from 'csv-parse';
import { UsageError } from '../errors.js';
import { batchInputText } from '../i18n/en/batch-input.js';
import { columnLetter, namedWidth } from './columns.js';
import { endLineOf, isCsvError, locateParseError, overlongRecord, type CsvParseError } from './csv-lines.js';
import { decodedStream, MAX_FIELD_CHARS, MAX_RECORD_BYTES, PARSE_OPTIONS } from './csv-source.js';
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
export class CsvFormatError extends UsageError {
  override readonly name: string = 'CsvFormatError';
}

/**
 * Every record with a value in it, header first, streamed (the parser pauses while the consumer is
 * busy, so memory stays flat for any file size). Blank records (empty lines, lines of commas or
 * spaces) are skipped but counted; a record whose width differs from the header's is an error
 * naming its line, except for trailing empty cells, which Excel leaves when a column was cleared.
 * Line numbers are worked out only for an error (csv-lines.ts).
 */
export async function* readCsvRecords(file: InputFile): AsyncGenerator<CsvRecord> {
  const { parse } = await import('csv-parse');
  const parser: Parser = parse(PARSE_OPTIONS);
  const source = await decodedStream(file);
  source.on('error', (err) => parser.destroy(unreadable(file.path, err)));
  source.pipe(parser);

  let row = 0;
  let width: number | undefined;
  let header: string[] = [];
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      if (cells.every((c) => c.trim() === '')) continue;
      // The header's named cells: nameless ones that end it are no columns (see mapColumns).
      if (width === undefined) {
        header = cells;
        width = namedWidth(cells);
      }
      else if (!fits(cells, width)) throw await widthError(file, { row, cells }, width, header);
      yield { row, cells };
    }
  } catch (err) {
    if (isCsvError(err)) throw await formatError(file, err, { row: row + 1, header });
    throw unreadable(file.path, err);
  } finally {
    source.destroy();
  }
}

function fits(cells: string[], width: number): boolean {
  return cells.length === width || (cells.length > width && cells.slice(width).every((c) => c.trim() === ''));
}

async function widthError(file: InputFile, record: CsvRecord, width: number, header: readonly string[]): Promise<CsvFormatError> {
  const { cells } = record;
  const at = { path: file.path, line: await endLineOf(file, record.row), row: record.row, values: cells.length, columns: width };
  // A value under one of the nameless cells that end the header (Excel's trailing comma): that column, not a count.
  const extra = cells.findIndex((c, index) => index >= width && c.trim() !== '');
  if (extra >= width && extra < header.length) {
    return new CsvFormatError(batchInputText.valueUnderUnnamed({ ...at, column: extra + 1, letter: columnLetter(extra) }), { hint: batchInputText.unnamedColumnHint() });
  }
  if (cells.length > width) return new CsvFormatError(batchInputText.tooManyValues(at), { hint: batchInputText.tooManyValuesHint() });
  return new CsvFormatError(batchInputText.tooFewValues(at), { hint: batchInputText.tooFewValuesHint() });
}

/** Where the parser was when it failed: the spreadsheet row of the record it was reading, and the header. */
interface ParsePosition {
  row: number;
  header: readonly string[];
}

async function formatError(file: InputFile, parsed: CsvParseError, position: ParsePosition): Promise<CsvFormatError> {
  // Located again by a pass that counts lines right; this pass's count if that one finds nothing.
  const { error, line, recordStart } = (await locateParseError(file)) ?? { error: parsed, line: parsed.lines, recordStart: parsed.lines };
  const path = file.path;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvFormatError(batchInputText.quoteNotClosed({ path, line: recordStart }), { hint: batchInputText.closeQuoteHint() });
    case 'CSV_MAX_RECORD_SIZE':
      return overlongError(file, recordStart, position);
    case 'INVALID_OPENING_QUOTE':
      return new CsvFormatError(batchInputText.quoteInValue({ path, line }), { hint: batchInputText.quoteInValueHint() });
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new CsvFormatError(batchInputText.textAfterQuote({ path, line }), { hint: batchInputText.quoteTwiceHint() });
    default:
      return new CsvFormatError(batchInputText.parseFailed({ path, line, reason: error.message }));
  }
}

/**
 * A record past the size limit: an unbalanced quote that swallowed the lines after it, or — with no
 * quote open — values far longer than any card field, which is what to say then.
 */
async function overlongError(file: InputFile, recordStart: number, position: ParsePosition): Promise<CsvFormatError> {
  const limit = `${MAX_RECORD_BYTES / 1024 / 1024} MiB`;
  const found = await overlongRecord(file);
  if (found === undefined || found.quoteOpen) {
    return new CsvFormatError(batchInputText.overlongQuote({ path: file.path, line: recordStart, limit }), { hint: batchInputText.closeQuoteHint() });
  }
  const name = position.header[found.column]?.trim();
  return new CsvFormatError(batchInputText.overlongRow({
    path: file.path, line: recordStart, row: position.row, column: found.column + 1, name: name ? JSON.stringify(name) : columnLetter(found.column),
    limit, max: MAX_FIELD_CHARS.toLocaleString('en'),
  }), { hint: batchInputText.overlongRowHint() });
}
