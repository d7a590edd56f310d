import { batchCommandText } from '../i18n/en/batch-command.js';
import { local, type Text } from '../i18n/text.js';
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

/** For stderr, in the person's language: the counts first (what a person looks for), then time, rate and where the files are. */
export function summaryLines(s: BatchSummary): string[] {
  const { issued, failed, invalid, inFlight } = s.counts;
  const done = batchAction(s.action).done;
  const seconds = (s.elapsedMs / 1000).toFixed(1);
  const t = batchCommandText;
  const lines: Text[] = [
    (s.interrupted ? t.summaryInterrupted : t.summaryDone)({ rows: s.rows, file: s.file }),
    t.summaryDoneRows({ done, count: issued }),
    failed > 0 ? t.summaryFailedReasons({ count: failed, reasons: s.counts.failedByReason.map(([reason, n]) => `${reason} ${n}`).join(', ') }) : t.summaryFailed({ count: failed }),
    t.summaryInvalid({ count: invalid }),
  ];
  const pending = s.rows - issued - failed - invalid;
  // In flight: sent, with no answer recorded (left by a second Ctrl-C, or a crash); --resume sends them again.
  if (pending > 0) {
    lines.push(inFlight === 0 ? t.summaryPending({ count: pending })
      : (s.abandoned > 0 ? t.summaryPendingAbandoned : t.summaryPendingInFlight)({ count: pending, inFlight }));
  }
  if (s.balancesNormalised > 0) lines.push(t.summaryBalance({ note: balanceNote(s.balancesNormalised) }));
  lines.push(t.summaryThisRun({ ended: s.ended, seconds, rate: rateOf(s).toFixed(0), done, count: s.issued }));
  lines.push(t.summaryResults({ path: s.results }), t.summaryJournal({ path: s.journal }));
  return lines.map((line) => local(line));
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
export function balanceNote(rows: number): Text {
  return batchCommandText.balanceNote({ rows });
}
