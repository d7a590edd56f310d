import { batchFilesText } from '../i18n/en/batch-files.js';
import type { Text } from '../i18n/text.js';
import { INPUT_ENCODINGS, type InputEncoding } from './input-file.js';
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
  /** update or delete (absent: open, as every journal written before there were actions). */
  action?: 'update' | 'delete' | undefined;
  /** --reason, for a delete batch's rows without a reason_code. */
  reason?: string | undefined;
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
  occur_time?: string | undefined;
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
  /** The member, for the results file a resumed run rebuilds (absent in journals written before). */
  user_uni_id?: string | undefined;
  external_card_no?: string | undefined;
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

const RUN_MARKS: ReadonlySet<string> = new Set(['started', 'resumed', 'retry-failed', 'interrupted', 'finished']);
const STATUSES: ReadonlySet<string> = new Set(['issued', 'updated', 'deleted', 'failed', 'invalid']);
const ENCODINGS: ReadonlySet<string> = new Set(INPUT_ENCODINGS);

/**
 * What is wrong with a record after the header, or undefined if it is one this tool writes. Rows
 * are spreadsheet rows, from 2 (the header is row 1) to at most one a byte of the input (an empty
 * line is a row): a row past that would count in the summary as a row the file does not have.
 * Checked by hand rather than with a schema: a resumed million-row batch replays two million of them.
 */
export function recordProblem(record: unknown, maxRow: number, serials = true): Text | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return batchFilesText.notARecord();
  const r = record as Record<string, unknown>;
  if ('send' in r) {
    return rowProblem(r.send, maxRow) ?? serialProblem(r, serials) ?? optionalStrings(r, ['open_date', 'valid_date', 'occur_time']);
  }
  if ('end' in r) {
    const problem = rowProblem(r.end, maxRow) ?? serialProblem(r, serials);
    if (problem !== undefined) return problem;
    if (typeof r.status !== 'string' || !STATUSES.has(r.status)) return batchFilesText.badStatus({ status: String(JSON.stringify(r.status)) });
    if (r.retryable !== undefined && typeof r.retryable !== 'boolean') return batchFilesText.badRetryable();
    return optionalStrings(r, ['biz_card_no', 'code', 'sub_code', 'sub_msg', 'user_uni_id', 'external_card_no']);
  }
  if ('run' in r) return typeof r.run === 'string' && RUN_MARKS.has(r.run) && typeof r.at === 'string' ? undefined : batchFilesText.notARunMark();
  if ('journal' in r) return batchFilesText.secondHeader();
  return batchFilesText.unknownRecord();
}

/** What is wrong with the first line, or undefined if it is a header this version reads. */
export function headerProblem(header: JournalHeader): Text | undefined {
  if (header.version !== JOURNAL_VERSION) return batchFilesText.badVersion({ version: String(JSON.stringify(header.version)), reads: JOURNAL_VERSION });
  const input = header.input as Partial<JournalHeader['input']> | undefined;
  if (typeof input !== 'object' || input === null || typeof input.path !== 'string' || typeof input.sha256 !== 'string'
    || !Number.isSafeInteger(input.bytes) || input.bytes! < 0 || typeof input.encoding !== 'string' || !ENCODINGS.has(input.encoding)) {
    return batchFilesText.badInput();
  }
  if (typeof header.batch_id !== 'string' || typeof header.results !== 'string' || typeof header.created_at !== 'string') return batchFilesText.headerIncomplete();
  if (header.action !== undefined && header.action !== 'update' && header.action !== 'delete') return batchFilesText.badAction({ action: String(JSON.stringify(header.action)) });
  return undefined;
}

/** The largest row number a file of `bytes` bytes can have: one a byte, plus the row after its last line break. */
export function maxRowOf(header: JournalHeader): number {
  return header.input.bytes + 1;
}

function rowProblem(row: unknown, maxRow: number): Text | undefined {
  if (!Number.isSafeInteger(row) || (row as number) < 2) return batchFilesText.badRow({ row: String(JSON.stringify(row)) });
  if ((row as number) > maxRow) return batchFilesText.rowPastEnd({ row: row as number, bytes: maxRow - 1 });
  return undefined;
}

/** An update has no serial: its records carry an empty one. */
function serialProblem(r: Record<string, unknown>, required: boolean): Text | undefined {
  return typeof r.out_serial_no === 'string' && (r.out_serial_no !== '' || !required) ? undefined : batchFilesText.serialMissing();
}

function optionalStrings(r: Record<string, unknown>, keys: readonly string[]): Text | undefined {
  const bad = keys.find((k) => r[k] !== undefined && typeof r[k] !== 'string');
  return bad === undefined ? undefined : batchFilesText.notText({ key: bad });
}
