import type { InputEncoding } from './input-file.js';
import type { RowStatus } from './outcome.js';

export const JOURNAL_KIND = 'alipay-card card batch';
export const JOURNAL_VERSION = 1;

/**
 * The journal's first line: which file (by content) the rows are numbered in, and the options
 * that shape each row's request, so a resumed run rebuilds exactly the requests it sent.
 * No secrets and no row contents: rows are re-read from the file, which must not have changed.
 */
export interface JournalHeader {
  journal: typeof JOURNAL_KIND;
  version: typeof JOURNAL_VERSION;
  batch_id: string;
  input: { path: string; sha256: string; bytes: number; encoding: InputEncoding };
  created_at: string;
  template_id?: string | undefined;
  map?: string[] | undefined;
  ignore_unknown_columns?: boolean | undefined;
  results: string;
  /** Where the rows go (absent in journals written before it was recorded). */
  target?: BatchTarget | undefined;
}

/**
 * The gateway the rows were sent to — its URL, or `local <state file>` for the in-process one —
 * and the app they were sent as. A resumed run sends the rows in flight again: only to these.
 */
export interface BatchTarget {
  gateway: string;
  app_id: string;
}

/** Written and fsync'ed before the row's first request goes out. */
export interface SendRecord {
  send: number;
  out_serial_no: string;
  /** Values filled in rather than read from the row: a re-send must carry the same. */
  open_date?: string | undefined;
  valid_date?: string | undefined;
}

/** Written and fsync'ed once the row's outcome is known; the results line follows it. */
export interface EndRecord {
  end: number;
  out_serial_no: string;
  status: RowStatus;
  biz_card_no?: string | undefined;
  code?: string | undefined;
  sub_code?: string | undefined;
  sub_msg?: string | undefined;
  /** For a failed row: whether --retry-failed sends it again. */
  retryable?: boolean | undefined;
}

/** Marks in the story of the run, for people reading the journal; resuming does not need them. */
export interface RunRecord {
  run: 'started' | 'resumed' | 'retry-failed' | 'interrupted' | 'finished';
  at: string;
}

export type JournalRecord = JournalHeader | SendRecord | EndRecord | RunRecord;

export function isHeader(record: unknown): record is JournalHeader {
  return typeof record === 'object' && record !== null && (record as JournalHeader).journal === JOURNAL_KIND;
}

export function isSend(record: JournalRecord): record is SendRecord {
  return typeof (record as SendRecord).send === 'number';
}

export function isEnd(record: JournalRecord): record is EndRecord {
  return typeof (record as EndRecord).end === 'number';
}
