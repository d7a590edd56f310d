import { openCsv } from './csv-shape.js';
import type { RunSetup } from './run-setup.js';
import { needsWork } from './runner.js';

/**
 * How many of the rows a delete run will send carry each reason_code (the row's, or --reason): a
 * CANCEL, after which the member can never bind the card again, is confirmed before anything is sent.
 */
export async function deleteReasons(setup: Pick<RunSetup, 'file' | 'shape' | 'book' | 'mode'>): Promise<Map<string, number>> {
  const { columns, records } = await openCsv(setup.file, setup.shape);
  const column = columns.bindings.find((b) => b.path === 'reason_code')?.index;
  const counts = new Map<string, number>();
  try {
    for await (const record of records) {
      if (!needsWork(setup.book.get(record.row), setup.mode === 'retry-failed')) continue;
      const cell = column === undefined ? '' : (record.cells[column] ?? '').trim();
      const reason = cell === '' ? (setup.shape.reason ?? '') : cell;
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  } finally {
    await records.return(undefined);
  }
  return counts;
}
