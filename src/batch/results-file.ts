import { closeSync, rmSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { extname } from 'node:path';
import { UsageError } from '../errors.js';
import { batchInputText } from '../i18n/en/batch-input.js';
import { BatchFileError, cannotOpen, cannotWrite, openBatchFile, writeText, type WriteText } from './batch-files.js';
import { RESULT_COLUMNS, type RowOutcome } from './outcome.js';
import { Slots } from './slots.js';

export type ResultsFormat = 'csv' | 'ndjson';

/**
 * By extension: CSV for .csv, NDJSON (one object a line) for .ndjson and .jsonl. Anything else is
 * a usage error: a .json name promises one JSON document, and .txt or none says nothing.
 */
export function resultsFormatOf(path: string): ResultsFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  throw new UsageError(batchInputText.resultsExtension({ path }), { hint: batchInputText.resultsExtensionHint() });
}

type Stringify = (input: unknown[][]) => string;

export interface ResultsOptions {
  /**
   * Start a new CSV file with a UTF-8 BOM: what Excel needs to read UTF-8 as UTF-8 rather than the
   * locale's code page (GBK in a Chinese locale), so that names read right where the input came from.
   */
  bom?: boolean | undefined;
}

/**
 * Rows admitted (started) and not yet written past which the run waits for the earliest: memory
 * stays bounded (a line each, some hundred bytes) when a row is slow — retried, or its answer long
 * in coming — while thousands after it end. Far more than are ever in progress at once (2 × 256).
 */
export const RESULTS_WINDOW = 8192;

/**
 * One line per row that ended, in the order of the file: the runner admits rows as it starts them
 * (in file order), and a row that ends before one started earlier waits for it, at most
 * RESULTS_WINDOW rows. Rows not admitted (a rebuilt file) are written as they come. Lines ready in
 * the same turn of the event loop are written together, synchronously (a page-cache write of a few
 * hundred bytes is quicker than handing it to the thread pool), and always whole: a crash leaves
 * whole lines only. The journal is the durable record; a resumed run rebuilds this file from it, so
 * a line a kill took, or one still waiting for an earlier row, comes back.
 *
 * A write that fails (a full disk) is not thrown from the turn that flushes — nobody could catch
 * it there —: the next `write` and `close` reject with it, so the run stops and says which file.
 */
export class ResultsWriter {
  private pending: string[] = [];
  private scheduled = false;
  private closed = false;
  private failure: Error | undefined;
  /** Rows admitted, in order, from `head` on not yet written. */
  private admitted: number[] = [];
  private head = 0;
  /** Admitted rows that have neither ended nor been settled. */
  private readonly waiting = new Set<number>();
  /** An admitted row's line once it has ended; null for a row that will not end in this run. */
  private readonly ready = new Map<number, string | null>();
  private readonly window = new Slots(RESULTS_WINDOW);

  private constructor(
    private readonly fd: number,
    readonly path: string,
    private readonly format: ResultsFormat,
    private readonly stringify: Stringify,
    private readonly writeOut: WriteText,
  ) {}

  /**
   * Creates (or replaces) the file with its header, creates it only if nothing is there
   * ('createNew', for a temp file), or appends to one that exists.
   */
  static async open(path: string, format: ResultsFormat, mode: 'create' | 'createNew' | 'append', write: WriteText = writeText, options: ResultsOptions = {}): Promise<ResultsWriter> {
    const { stringify } = await import('csv-stringify/sync');
    const fd = openBatchFile('results file', path, mode);
    const writer = new ResultsWriter(fd, path, format, (rows) => stringify(rows), write);
    if (mode !== 'append' && format === 'csv') writer.add((options.bom ? '\ufeff' : '') + stringify([[...RESULT_COLUMNS]]));
    return writer;
  }

  /**
   * A row the run starts (rows start in file order): its line goes after those of the rows admitted
   * before it. Waits while RESULTS_WINDOW rows are waiting; false if `signal` stops the wait.
   */
  async admit(row: number, signal: AbortSignal): Promise<boolean> {
    if (!(await this.window.acquire(signal))) return false;
    this.admitted.push(row);
    this.waiting.add(row);
    return true;
  }

  /** An admitted row that will not end in this run (withdrawn, or its run failed): the rows after it need not wait. */
  settle(row: number): void {
    if (this.waiting.delete(row)) {
      this.ready.set(row, null);
      this.drain();
    }
  }

  async write(outcome: RowOutcome): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.closed) return;
    const line = formatOutcome(outcome, this.format, this.stringify);
    if (!this.waiting.delete(outcome.row)) return this.add(line);
    this.ready.set(outcome.row, line);
    this.drain();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Rows left in flight (a second Ctrl-C) never end: the lines after them go out, in order.
    for (let i = this.head; i < this.admitted.length; i++) {
      const line = this.ready.get(this.admitted[i]!);
      if (line) this.pending.push(line);
    }
    this.admitted = [];
    this.ready.clear();
    this.waiting.clear();
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
    if (this.failure) throw this.failure;
  }

  /** Writes the lines of the earliest admitted rows that are ready, and stops at the first still waiting. */
  private drain(): void {
    while (this.head < this.admitted.length) {
      const row = this.admitted[this.head]!;
      const line = this.ready.get(row);
      if (line === undefined) break;
      this.ready.delete(row);
      this.head++;
      this.window.release();
      if (line !== null) this.add(line);
    }
    // Drop the written part now and then: each row is moved at most once more.
    if (this.head > 1024 && this.head * 2 > this.admitted.length) {
      this.admitted = this.admitted.slice(this.head);
      this.head = 0;
    }
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
 * that had our pid goes first; ours is then created exclusively (O_EXCL), so a file put there in
 * between — a hard link to another file, say — is refused rather than truncated and written; on
 * failure ours goes too.
 */
export async function writeResultsFile(path: string, format: ResultsFormat, outcomes: AsyncIterable<RowOutcome>, write: WriteText = writeText, options: ResultsOptions = {}): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  const writer = await ResultsWriter.open(temp, format, 'createNew', write, options);
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
