import { closeSync, createReadStream, readSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { batchFilesText } from '../i18n/en/batch-files.js';
import type { Text } from '../i18n/text.js';
import { cannotOpen, openBatchFile } from './batch-files.js';
import { headerProblem, isEnd, isHeader, isSend, maxRowOf, recordProblem, type EndRecord, type JournalHeader, type JournalRecord, type SendRecord } from './journal-records.js';
import { reasonOf, rowStateOf } from './outcome.js';
import { RowBook, RowState } from './row-book.js';
import { derivedOutSerialNo, RERUN_WITHOUT_JOURNAL } from './serial.js';

export interface JournalState {
  header: JournalHeader;
  book: RowBook;
  /**
   * What was sent for rows that may be sent again: in flight (no outcome recorded), or failed for a
   * transient reason (--retry-failed). Either may have issued a card whose answer was lost, so the
   * next request must be the same one — same serial, same filled-in dates — for the gateway to
   * answer with that card rather than refuse a different request under its serial.
   */
  sentBefore: Map<number, SendRecord>;
  /** Bytes up to the end of the last whole record: anything after is a write a kill cut short. */
  validBytes: number;
}

/** Each whole line of the journal with the byte offset where it ends; a last line with no newline is not whole. */
export async function* journalLines(path: string, limit = Infinity): AsyncGenerator<{ record: JournalRecord; end: number; number: number }> {
  let carry = Buffer.alloc(0);
  let offset = 0;
  let number = 0;
  // Opened here, not by the stream, to refuse a symbolic link (O_NOFOLLOW) as the writers do.
  const fd = openBatchFile('journal', path, 'read');
  const stream = createReadStream('', { fd, ...(limit === Infinity ? {} : { end: limit - 1 }) }) as AsyncIterable<Buffer>;
  const chunks = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (err) {
        // A directory, no permission: the journal's path is wrong, and the message says how.
        throw cannotOpen('journal', path, err);
      }
      if (next.done) return;
      let data = carry.length > 0 ? Buffer.concat([carry, next.value]) : next.value;
      let newline: number;
      while ((newline = data.indexOf(0x0a)) !== -1) {
        const line = data.subarray(0, newline);
        offset += newline + 1;
        number++;
        yield { record: parseLine(path, line, number), end: offset, number };
        data = data.subarray(newline + 1);
      }
      carry = Buffer.from(data);
    }
  } finally {
    // Closes the file whether the lines ran out, a reader stopped early or a line was damaged.
    await chunks.return?.();
  }
}

/**
 * Rows of a card open batch whose card exists or may (issued, or sent and not ended) under a serial
 * derived from its batch id (derivedOutSerialNo), with its header, in one pass: the rows another
 * batch of the same file, with another id, would send again under other serials. A row that
 * brought its own out_serial_no keeps it in any batch, and is not counted.
 */
export async function cardsUnderDerivedSerials(path: string): Promise<{ header: JournalHeader | undefined; issued: number; inFlight: number }> {
  let header: JournalHeader | undefined;
  const last = new Map<number, { serial: string; status?: string }>();
  for await (const { record } of journalLines(path)) {
    if (isHeader(record)) header ??= record;
    else if (isSend(record)) last.set(record.send, { serial: record.out_serial_no });
    else if (isEnd(record)) last.set(record.end, { serial: record.out_serial_no, status: record.status });
  }
  let issued = 0;
  let inFlight = 0;
  for (const [row, { serial, status }] of last) {
    if (header === undefined || serial !== derivedOutSerialNo(header.batch_id, row)) continue;
    if (status === undefined) inFlight++;
    else if (status === 'issued') issued++;
  }
  return { header, issued, inFlight };
}

/**
 * Replays a journal into the state of every row. Every whole record is checked: one this tool
 * would not have written (an edit, a copy gone wrong) is damage, named by its line, rather than a
 * row counted that the file does not have.
 */
export async function loadJournal(path: string): Promise<JournalState> {
  let header: JournalHeader | undefined;
  const book = new RowBook();
  const sentBefore = new Map<number, SendRecord>();
  let validBytes = 0;
  let maxRow = 0;
  let serials = true;
  for await (const { record, end, number } of journalLines(path)) {
    validBytes = end;
    if (number === 1) {
      if (!isHeader(record)) throw notAJournal(path);
      const problem = headerProblem(record);
      if (problem !== undefined) throw damaged(path, number, problem);
      header = record;
      maxRow = maxRowOf(header);
      serials = header.action !== 'update';
      continue;
    }
    const problem = recordProblem(record, maxRow, serials);
    if (problem !== undefined) throw damaged(path, number, problem);
    if (isSend(record)) {
      sentBefore.set(record.send, record);
      book.set(record.send, RowState.InFlight);
    } else if (isEnd(record)) {
      const retryable = record.status === 'failed' && record.retryable === true;
      if (!retryable) sentBefore.delete(record.end);
      book.set(record.end, rowStateOf(record, retryable), record.status === 'failed' ? reasonOf(record) : undefined);
    }
  }
  if (header === undefined) throw notAJournal(path);
  return { header, book, sentBefore, validBytes };
}

/**
 * The outcome each row ended with last, in row order — the order of the input file — whatever
 * order the rows ended in (rows end out of order, and a resumed or --retry-failed run ends rows of
 * every part of the file). Two passes: where each row's last outcome lies (12 bytes a row), then
 * those lines read in row order through a 64 KiB window — the journal is nearly in row order, so
 * the reads are nearly sequential.
 */
export async function* outcomesInRowOrder(path: string, limit = Infinity): AsyncGenerator<EndRecord> {
  let starts: Float64Array = new Float64Array(1024);
  let lengths: Uint32Array = new Uint32Array(1024);
  let lineStart = 0;
  let lastRow = 0;
  for await (const { record, end } of journalLines(path, limit)) {
    if (isEnd(record)) {
      if (record.end >= lengths.length) {
        starts = growFloat(starts, record.end);
        lengths = grow32(lengths, record.end);
      }
      starts[record.end] = lineStart;
      lengths[record.end] = end - lineStart;
      lastRow = Math.max(lastRow, record.end);
    }
    lineStart = end;
  }
  const fd = openBatchFile('journal', path, 'read');
  try {
    let window = Buffer.alloc(0);
    let windowStart = 0;
    for (let row = 2; row <= lastRow; row++) {
      const length = lengths[row]!;
      if (length === 0) continue;
      const start = starts[row]!;
      if (start < windowStart || start + length > windowStart + window.length) {
        window = Buffer.alloc(Math.max(64 * 1024, length));
        window = window.subarray(0, readSync(fd, window, 0, window.length, start));
        windowStart = start;
      }
      const line = window.subarray(start - windowStart, start - windowStart + length);
      yield JSON.parse(line.toString('utf8')) as EndRecord;
    }
  } finally {
    closeSync(fd);
  }
}

/** The first line naming `row` (for a message about a row the journal should not have), or undefined. */
export async function lineNaming(path: string, row: number): Promise<number | undefined> {
  for await (const { record, number } of journalLines(path)) {
    if (number > 1 && ((isSend(record) && record.send === row) || (isEnd(record) && record.end === row))) return number;
  }
  return undefined;
}

function parseLine(path: string, line: Buffer, number: number): JournalRecord {
  try {
    return JSON.parse(line.toString('utf8')) as JournalRecord;
  } catch {
    // Records are appended whole and synced; a broken one in the middle is damage, not a crash.
    throw damaged(path, number, batchFilesText.notJson());
  }
}

export function damaged(path: string, line: number, problem: Text): UsageError {
  return new UsageError(batchFilesText.damaged({ path, line, problem }), { hint: batchFilesText.damagedHint({ rerun: RERUN_WITHOUT_JOURNAL }) });
}

function notAJournal(path: string): UsageError {
  return new UsageError(batchFilesText.notAJournal({ path }), { hint: batchFilesText.notAJournalHint() });
}

function growFloat(array: Float64Array, index: number): Float64Array {
  const bigger = new Float64Array(Math.max(array.length * 2, index + 1));
  bigger.set(array);
  return bigger;
}

function grow32(array: Uint32Array, index: number): Uint32Array {
  const bigger = new Uint32Array(Math.max(array.length * 2, index + 1));
  bigger.set(array);
  return bigger;
}
