// `card batch` as a person watches it: the confirmation of a delete batch, the progress line, the
// summary at the end, an interruption and what to run next, and --validate-only's verdict.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  reasonIsForDelete: '--reason is for --action delete',
  /** `done`: issued, updated or deleted. */
  dryRun: (p: { done: string }) => `--dry-run: checking every row (as --validate-only): no card is ${p.done}, only the rows' templates are looked up`,
  /** The first Ctrl-C (SIGINT) or SIGTERM of a run: the second leaves the rows in flight. */
  stopping: (p: { signal: string }) => `stopping${p.signal === 'SIGTERM' ? ' (SIGTERM)' : ''}: waiting for the rows in flight to end (${p.signal === 'SIGTERM' ? 'a second SIGTERM or Ctrl-C leaves' : 'Ctrl-C again to leave'} them; --resume sends them again)`,
  stoppingStdoutClosed: 'stopping (stdout was closed): waiting for the rows in flight to end (Ctrl-C to leave them; --resume sends them again)',
  nothingLeft: 'every row had ended by then: nothing is left to resume',
  interrupted: (p: { ended: number; rows: number }) => `interrupted: ${p.ended} of ${p.rows} rows ended`,
  resumeWith: (p: { command: string }) => `resume with: ${p.command}`,
  batchFailed: (p: { failed: number; invalid: number; results: string }) =>
    `${p.failed} row${p.failed === 1 ? '' : 's'} failed and ${p.invalid} ${p.invalid === 1 ? 'was' : 'were'} invalid: see ${p.results}`,
  retryFailedHint: (p: { count: number; command: string }) => `${p.count} failed for a transient reason and can be sent again: ${p.command}`,
  fixRowsHint: 'fix the rows in a new file and run that',
  /** A results or journal write failed: `next` is runAgain or resumeAfter. */
  makeRoomHint: (p: { next: string }) => `make room for it (free disk space, or raise the file size limit: ulimit -f), ${p.next}`,
  runAgain: 'then run the same command again',
  resumeAfter: (p: { command: string }) => `then resume with: ${p.command}`,

  // A delete batch's confirmation.
  cancelNeedsYes: (p: { count: number; meaning: string }) =>
    `${p.count} row${p.count === 1 ? ' deletes its card' : 's delete their cards'} with CANCEL (${p.meaning}): card batch needs --yes for that without a terminal; nothing was sent`,
  cancelNeedsYesHint: 'add --yes to delete those cards for good',
  aboutToDelete: (p: { count: number }) => `About to delete ${p.count} card${p.count === 1 ? '' : 's'}:`,
  /** One line a reason: `count` is padded to the width of the largest. */
  reasonLine: (p: { count: string; reason: string; meaning: string }) => `  ${p.count}  ${p.reason} — ${p.meaning}`,
  unknownReasonLine: (p: { count: string; reason: string }) => `  ${p.count}  ${p.reason}`,
  noReasonLine: (p: { count: string }) => `  ${p.count}  (no reason: those rows are invalid)`,
  typeCardCount: (p: { cards: number; cancels: number }) => `Type the number of cards, ${p.cards}, to delete them (${p.cancels} for good)`,
  deleteThem: 'Delete them?',
  notConfirmed: 'not confirmed: nothing was sent',
  yesSkipsHint: '--yes skips this question',

  // --validate-only.
  validateBalance: (p: { note: string }) => `balance: ${p.note}`,
  rowsInvalid: (p: { invalid: number; rows: number; problems: number }) => `${p.invalid} of ${p.rows} rows are invalid (${p.problems} problem${p.problems === 1 ? '' : 's'}); nothing was sent`,
  allValid: (p: { rows: number; path: string; encoding: string }) => `all ${p.rows} rows of ${p.path} are valid (${p.encoding}); nothing was sent`,
  allValidDetected: (p: { rows: number; path: string; encoding: string }) => `all ${p.rows} rows of ${p.path} are valid (${p.encoding}, detected); nothing was sent`,
  localTemplates: (p: { state: string }) => `checking rows against their templates in the in-process local gateway (${p.state})`,
  localTemplatesUnconfigured: (p: { state: string }) => `checking rows against their templates in the in-process local gateway (${p.state}), since no profile is configured`,

  // The summary: an indented table of label and value. `done` is issued, updated or deleted.
  summaryDone: (p: { rows: number; file: string }) => `done: ${p.rows} row${p.rows === 1 ? '' : 's'} in ${p.file}`,
  summaryInterrupted: (p: { rows: number; file: string }) => `interrupted: ${p.rows} row${p.rows === 1 ? '' : 's'} in ${p.file}`,
  summaryDoneRows: (p: { done: string; count: number }) => `  ${p.done.padEnd(8)} ${p.count}`,
  summaryFailed: (p: { count: number }) => `  failed   ${p.count}`,
  /** `reasons`: `SYSTEM_ERROR 1, INVALID_PARAMETER 1`. */
  summaryFailedReasons: (p: { count: number; reasons: string }) => `  failed   ${p.count}  (${p.reasons})`,
  summaryInvalid: (p: { count: number }) => `  invalid  ${p.count}`,
  summaryPending: (p: { count: number }) => `  not yet  ${p.count}`,
  summaryPendingInFlight: (p: { count: number; inFlight: number }) => `  not yet  ${p.count} (${p.inFlight} of them in flight: --resume sends them again)`,
  summaryPendingAbandoned: (p: { count: number; inFlight: number }) => `  not yet  ${p.count} (${p.inFlight} of them in flight, left unanswered by the second Ctrl-C: --resume sends them again)`,
  summaryBalance: (p: { note: string }) => `  balance  ${p.note}`,
  summaryThisRun: (p: { ended: number; seconds: string; rate: string; done: string; count: number }) => `  this run ${p.ended} rows in ${p.seconds} s, ${p.rate} rows/s (${p.count} ${p.done})`,
  summaryResults: (p: { path: string }) => `  results  ${p.path}`,
  summaryJournal: (p: { path: string }) => `  journal  ${p.path}`,
  balanceNote: (p: { rows: number }) => `${p.rows} row${p.rows === 1 ? '' : 's'} gave whole yuan or one decimal (Excel saves 100.00 as 100): sent with two decimals (100.00)`,
  /** --validate-only, which sends nothing. */
  balanceNoteUnsent: (p: { rows: number }) => `${p.rows} row${p.rows === 1 ? '' : 's'} gave whole yuan or one decimal (Excel saves 100.00 as 100): would be sent with two decimals (100.00)`,

  // The progress line on a terminal, from the widest form to the narrowest.
  progressCounts: (p: { done: number; total: number; failed: number; invalid: number }) => `${p.done}/${p.total} rows | ${p.failed} failed, ${p.invalid} invalid`,
  progressCountsShort: (p: { done: number; total: number; failed: number; invalid: number }) => `${p.done}/${p.total} | ${p.failed} failed, ${p.invalid} invalid`,
  /** `eta`: 45s, 1m05s, 2h03m, or -- before there is a rate. */
  progressEta: (p: { eta: string }) => `ETA ${p.eta}`,
  // The time left: 59s, 1m05s, 2h03m (minutes and seconds past the first unit come as two digits).
  durationSeconds: (p: { seconds: number }) => `${p.seconds}s`,
  durationMinutes: (p: { minutes: number; seconds: string }) => `${p.minutes}m${p.seconds}s`,
  durationHours: (p: { hours: number; minutes: string }) => `${p.hours}h${p.minutes}m`,
  progressRate: (p: { rate: string }) => `${p.rate} rows/s`,
  progressWithEta: (p: { counts: string; eta: string }) => `${p.counts} | ${p.eta}`,
  progressFull: (p: { counts: string; eta: string; rate: string }) => `${p.counts} | ${p.eta} | ${p.rate}`,
  progressBar: (p: { bar: string; line: string }) => `${p.bar} ${p.line}`,
} satisfies Entries);

export type BatchCommandEntries = ReturnType<typeof entries>;
export const batchCommandText = messages('batch-command', entries);
