import { batchAction, type BatchActionName } from './batch-action.js';
import type { BookCounts } from './row-book.js';

/** The end of a run: every row of the file by how it stands, and what this run did. */
export interface BatchSummary {
  action: BatchActionName;
  file: string;
  rows: number;
  counts: BookCounts;
  /** Rows ended in this run, of them done (issued, updated, deleted), and the time it took. */
  ended: number;
  issued: number;
  /** Of the rows sent in this run, those whose balance came as whole yuan and went with two decimals. */
  balancesNormalised: number;
  elapsedMs: number;
  results: string;
  journal: string;
  interrupted: boolean;
  abandoned: number;
}

/** Rows ended per second in this run. */
export function rateOf(summary: Pick<BatchSummary, 'ended' | 'elapsedMs'>): number {
  return summary.elapsedMs > 0 ? summary.ended / (summary.elapsedMs / 1000) : 0;
}

/** For stderr: the counts first (what a person looks for), then time, rate and where the files are. */
export function summaryLines(s: BatchSummary): string[] {
  const { issued, failed, invalid, inFlight } = s.counts;
  const done = batchAction(s.action).done;
  const seconds = (s.elapsedMs / 1000).toFixed(1);
  const lines = [
    `${s.interrupted ? 'interrupted' : 'done'}: ${s.rows} row${s.rows === 1 ? '' : 's'} in ${s.file}`,
    `  ${done.padEnd(8)} ${issued}`,
    `  failed   ${failed}${failed > 0 ? `  (${s.counts.failedByReason.map(([reason, n]) => `${reason} ${n}`).join(', ')})` : ''}`,
    `  invalid  ${invalid}`,
  ];
  const pending = s.rows - issued - failed - invalid;
  // In flight: sent, with no answer recorded (left by a second Ctrl-C, or a crash); --resume sends them again.
  const left = s.abandoned > 0 ? ', left unanswered by the second Ctrl-C' : '';
  if (pending > 0) lines.push(`  not yet  ${pending}${inFlight > 0 ? ` (${inFlight} of them in flight${left}: --resume sends them again)` : ''}`);
  if (s.balancesNormalised > 0) lines.push(`  balance  ${balanceNote(s.balancesNormalised)}`);
  lines.push(`  this run ${s.ended} rows in ${seconds} s, ${rateOf(s).toFixed(0)} rows/s (${s.issued} ${done})`);
  lines.push(`  results  ${s.results}`, `  journal  ${s.journal}`);
  return lines;
}

/** For --output json: the same, snake_case, as one object. */
export function summaryJson(s: BatchSummary): Record<string, unknown> {
  const { issued, failed, invalid, inFlight } = s.counts;
  const done = batchAction(s.action).done;
  return {
    ...(s.action === 'open' ? {} : { action: s.action }),
    file: s.file,
    rows: s.rows,
    [done]: issued,
    failed,
    invalid,
    in_flight: inFlight,
    failed_by_reason: Object.fromEntries(s.counts.failedByReason),
    interrupted: s.interrupted,
    this_run: { ended: s.ended, [done]: s.issued, balances_normalised: s.balancesNormalised, elapsed_ms: Math.round(s.elapsedMs), rows_per_second: Math.round(rateOf(s)) },
    results: s.results,
    journal: s.journal,
  };
}

/** Said wherever rows were checked or sent: the file held amounts that are not what the API takes, and what was done. */
export function balanceNote(rows: number): string {
  return `${rows} row${rows === 1 ? '' : 's'} gave whole yuan or one decimal (Excel saves 100.00 as 100): sent with two decimals (100.00)`;
}
