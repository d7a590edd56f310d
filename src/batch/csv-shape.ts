import { UsageError } from '../errors.js';
import { batchInputText } from '../i18n/en/batch-input.js';
import { batchAction, type BatchActionName } from './batch-action.js';
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

export interface ShapeOptions extends Omit<ColumnOptions, 'names'> {
  /** open (the default), update or delete: what each row asks of its card. */
  action?: BatchActionName | undefined;
  /** card_template_id for open rows without one; for update, the template the cards are on (their levels are checked against it). */
  templateId?: string | undefined;
  /** reason_code for delete rows without one. */
  reason?: string | undefined;
}

/** The header, bound to fields, and the data records after it. */
export async function openCsv(file: InputFile, options: ShapeOptions): Promise<{ columns: ColumnMap; records: AsyncGenerator<CsvRecord> }> {
  const records = readCsvRecords(file);
  const first = await records.next();
  if (first.done) {
    throw new UsageError(batchInputText.emptyFile({ path: file.path }), { hint: batchInputText.emptyFileHint({ header: batchAction(options.action).header }) });
  }
  try {
    const action = batchAction(options.action);
    const columns = mapColumns(first.value.cells, { ...options, names: action.names });
    action.checkColumns(columns, options);
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
