import { closeSync, rmSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { extname } from 'node:path';
import { UsageError } from '../errors.js';
import { BatchFileError, cannotOpen, cannotWrite, openBatchFile, writeText, type WriteText } from './batch-files.js';
import { RESULT_COLUMNS, type RowOutcome } from './outcome.js';

export type ResultsFormat = 'csv' | 'ndjson';

/**
 * By extension: CSV for .csv, NDJSON (one object a line) for .ndjson and .jsonl. Anything else is
 * a usage error: a .json name promises one JSON document, and .txt or none says nothing.
 */
export function resultsFormatOf(path: string): ResultsFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  throw new UsageError(`--results ${path}: a results file's name must end in .csv, .ndjson or .jsonl`, {
    hint: '.csv for a spreadsheet, .ndjson (or .jsonl) for one JSON object a line',
  });
}

type Stringify = (input: unknown[][]) => string;

/**
 * One line per row that ended, appended as rows end. Lines ended in the same turn of the event
 * loop are written together, synchronously (a page-cache write of a few hundred bytes is quicker
 * than handing it to the thread pool), and always whole: a crash leaves whole lines only. The
 * journal is the durable record; a resumed run rebuilds this file from it, so a line a kill took
 * comes back.
 *
 * A write that fails (a full disk) is not thrown from the turn that flushes — nobody could catch
 * it there —: the next `write` and `close` reject with it, so the run stops and says which file.
 */
export class ResultsWriter {
  private pending: string[] = [];
  private scheduled = false;
  private closed = false;
  private failure: Error | undefined;

  private constructor(
    private readonly fd: number,
    readonly path: string,
    private readonly format: ResultsFormat,
    private readonly stringify: Stringify,
    private readonly writeOut: WriteText,
  ) {}

  /** Creates (or replaces) the file with its header, or appends to one that exists. */
  static async open(path: string, format: ResultsFormat, mode: 'create' | 'append', write: WriteText = writeText): Promise<ResultsWriter> {
    const { stringify } = await import('csv-stringify/sync');
    const fd = openBatchFile('results file', path, mode === 'create' ? 'create' : 'append');
    const writer = new ResultsWriter(fd, path, format, (rows) => stringify(rows), write);
    if (mode === 'create' && format === 'csv') writer.add(stringify([[...RESULT_COLUMNS]]));
    return writer;
  }

  async write(outcome: RowOutcome): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.closed) this.add(formatOutcome(outcome, this.format, this.stringify));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
    if (this.failure) throw this.failure;
  }

  private add(line: string): void {
    this.pending.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    if (this.failure) return;
    try {
      this.writeOut(this.fd, text, this.path);
    } catch (err) {
      this.failure = cannotWrite('results file', this.path, err);
    }
  }
}

export function formatOutcome(outcome: RowOutcome, format: ResultsFormat, stringify: Stringify): string {
  if (format === 'ndjson') return JSON.stringify(outcomeObject(outcome)) + '\n';
  return stringify([RESULT_COLUMNS.map((c) => outcome[c] ?? '')]);
}

/** The results columns in order, every one present: null where there is no value. */
export function outcomeObject(outcome: RowOutcome): Record<(typeof RESULT_COLUMNS)[number], string | number | null> {
  const out = {} as Record<(typeof RESULT_COLUMNS)[number], string | number | null>;
  for (const c of RESULT_COLUMNS) out[c] = outcome[c] ?? null;
  return out;
}

/**
 * Writes `outcomes` as a complete results file at `path`, atomically (a temp file renamed into
 * place; rename replaces whatever is at `path` and follows no link). A temp file left by a process
 * that had our pid goes first, so a fresh one is created; on failure ours goes too.
 */
export async function writeResultsFile(path: string, format: ResultsFormat, outcomes: AsyncIterable<RowOutcome>, write: WriteText = writeText): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  const writer = await ResultsWriter.open(temp, format, 'create', write);
  try {
    try {
      for await (const outcome of outcomes) await writer.write(outcome);
    } finally {
      await writer.close();
    }
    await rename(temp, path).catch((err: unknown) => {
      throw cannotOpen('results file', path, err);
    });
  } catch (err) {
    rmSync(temp, { force: true });
    // Named by the file the user knows, not by our temp file.
    throw err instanceof BatchFileError && err.path === temp ? cannotWrite('results file', path, err.cause) : err;
  }
}
