import { UsageError } from '../errors.js';
import { mapColumns, type ColumnMap, type ColumnOptions } from './columns.js';
import { readCsvRecords, type CsvRecord } from './csv-records.js';
import type { InputFile } from './input-file.js';

export interface CsvShape {
  columns: ColumnMap;
  /** Data rows (blank ones not counted). */
  rows: number;
  /** Of those, the rows `counted` accepted: what the progress bar counts to. */
  counted: number;
}

export interface ShapeOptions extends ColumnOptions {
  templateId?: string | undefined;
}

/** The header, bound to fields, and the data records after it. */
export async function openCsv(file: InputFile, options: ShapeOptions): Promise<{ columns: ColumnMap; records: AsyncGenerator<CsvRecord> }> {
  const records = readCsvRecords(file);
  const first = await records.next();
  if (first.done) {
    throw new UsageError(`${file.path} is empty`, { hint: 'the first row must be the header: user_uni_id,valid_date,level,...' });
  }
  try {
    const columns = mapColumns(first.value.cells, options);
    checkRequiredColumns(columns, options);
    return { columns, records };
  } catch (err) {
    await records.return(undefined);
    throw err;
  }
}

/**
 * Reads the whole file once before anything is sent: a broken line anywhere (an unbalanced quote,
 * a row wider than the header) stops the run before its first request rather than half way, and
 * the row count gives the progress bar its total.
 */
export async function measureCsv(file: InputFile, options: ShapeOptions, counted: (row: number) => boolean = () => true): Promise<CsvShape> {
  const { columns, records } = await openCsv(file, options);
  let rows = 0;
  let included = 0;
  for await (const record of records) {
    rows++;
    if (counted(record.row)) included++;
  }
  return { columns, rows, counted: included };
}

/** Columns without which every row would be invalid: say so once, not once per row. */
function checkRequiredColumns(columns: ColumnMap, options: ShapeOptions): void {
  if (columns.headerOf('card_user_info.user_uni_id') === undefined) {
    throw new UsageError("no column for the user's Alipay user ID (card_user_info.user_uni_id)", {
      hint: 'name a column user_uni_id, or --map <column>=user_uni_id',
    });
  }
  if (columns.headerOf('card_template_id') === undefined && !options.templateId) {
    throw new UsageError('no card template: pass --template-id, or add a card_template_id column', {
      hint: 'alipay-card card batch members.csv --template-id 20170308000000000058101000300045',
    });
  }
}
