import { createWriteStream, type WriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import { RESULT_COLUMNS, type RowOutcome } from './outcome.js';

export type ResultsFormat = 'csv' | 'ndjson';

/** NDJSON by extension (.ndjson, .jsonl, .json: one object a line), CSV otherwise. */
export function resultsFormatOf(path: string): ResultsFormat {
  return /\.(ndjson|jsonl|json)$/i.test(path) ? 'ndjson' : 'csv';
}

type Stringify = (input: unknown[][]) => string;

/**
 * One line per row that ended, appended as rows end. Each line is one write of a whole line, so
 * a crash leaves whole lines only; the journal is the durable record, and a resumed run rebuilds
 * this file from it, so a line lost to a kill comes back.
 */
export class ResultsWriter {
  private closed = false;

  private constructor(
    private readonly stream: WriteStream,
    private readonly format: ResultsFormat,
    private readonly stringify: Stringify,
  ) {}

  /** Creates (or replaces) the file with its header, or appends to one that exists. */
  static async open(path: string, format: ResultsFormat, mode: 'create' | 'append'): Promise<ResultsWriter> {
    const { stringify } = await import('csv-stringify/sync');
    const stream = createWriteStream(path, { flags: mode === 'create' ? 'w' : 'a', mode: 0o600 });
    await once(stream, 'open');
    const writer = new ResultsWriter(stream, format, (rows) => stringify(rows));
    if (mode === 'create' && format === 'csv') await writer.writeLine(stringify([[...RESULT_COLUMNS]]));
    return writer;
  }

  async write(outcome: RowOutcome): Promise<void> {
    if (this.closed) return;
    await this.writeLine(formatOutcome(outcome, this.format, this.stringify));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stream.end();
    await once(this.stream, 'close');
  }

  private async writeLine(line: string): Promise<void> {
    // Waiting for drain keeps memory flat when the disk is slower than the gateway.
    if (!this.stream.write(line)) await once(this.stream, 'drain');
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

/** Writes `outcomes` as a complete results file at `path`, atomically (a temp file renamed into place). */
export async function writeResultsFile(path: string, format: ResultsFormat, outcomes: AsyncIterable<RowOutcome>): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const writer = await ResultsWriter.open(temp, format, 'create');
  for await (const outcome of outcomes) await writer.write(outcome);
  await writer.close();
  await rename(temp, path);
}
