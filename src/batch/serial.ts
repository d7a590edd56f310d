import { createHash } from 'node:crypto';
import { batchFilesText } from '../i18n/en/batch-files.js';

/** The options that shape every row's request: a batch is the file read with these. */
export interface BatchShape {
  /** update or delete; undefined for open (so a card open batch keeps the ids it always had). */
  action?: 'open' | 'update' | 'delete' | undefined;
  reason?: string | undefined;
  templateId?: string | undefined;
  map?: readonly string[] | undefined;
  ignoreUnknownColumns?: boolean | undefined;
}

/**
 * A batch's identity and the out_serial_no of a row that brings none.
 *
 * The batch id is the start of a SHA-256 over the file's SHA-256 and the options that shape the
 * requests (template, --map in the order given, --ignore-unknown-columns; --action and --reason). So it is the same on
 * every run of the same bytes with the same options: a resumed run — or a rerun after the journal
 * was lost — sends each row under the serial it had, and the gateway's idempotency answers a
 * serial it has seen with the card it already issued. The same file run with another template or
 * mapping asks for other cards, so it gets other serials rather than a conflict on every row.
 * 16 hex digits (64 bits) make two batches sharing an id practically impossible.
 */
export function batchIdOf(sha256: string, shape: BatchShape): string {
  const base = { template_id: shape.templateId ?? null, map: shape.map ?? [], ignore_unknown_columns: Boolean(shape.ignoreUnknownColumns) };
  // The same file as an update and as a delete are two batches: a delete's serials are its own.
  const options = JSON.stringify(shape.action === undefined || shape.action === 'open' ? base : { ...base, action: shape.action, reason: shape.reason ?? null });
  return createHash('sha256').update(`${sha256}\n${options}`).digest('hex').slice(0, 16);
}

/** `<batch id><row, 8 digits>`, e.g. `3f2a9c0d1e4b5a6f00000002`: 24 characters, sortable by row. */
export function derivedOutSerialNo(batchId: string, row: number): string {
  return `${batchId}${String(row).padStart(8, '0')}`;
}

/**
 * What happens to a batch rerun without its journal, said once for every message that suggests it.
 * The serials are the same, but values filled in when a row was first sent (open_date is "now",
 * valid_date follows from it) are not: the gateway refuses such a row's new request.
 */
export const RERUN_WITHOUT_JOURNAL = batchFilesText.rerunWithoutJournal();
