// The files a card batch keeps beside its input — the results file, the journal and their locks —
// and what a continued run (--resume, --retry-failed) holds them to.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // The results file or the journal: `role` is 'results file' or 'journal'.
  isDirectory: (p: { role: string; path: string }) => `the ${p.role === 'journal' ? 'journal' : 'results file'} ${p.path} is a directory, not a file`,
  notRegularFile: (p: { role: string; path: string }) => `the ${p.role === 'journal' ? 'journal' : 'results file'} ${p.path} is not a regular file`,
  cannotOpen: (p: { role: string; path: string; reason: string }) => `cannot open the ${p.role === 'journal' ? 'journal' : 'results file'} ${p.path}: ${p.reason}`,
  cannotWrite: (p: { role: string; path: string; reason: string }) => `cannot write the ${p.role === 'journal' ? 'journal' : 'results file'} ${p.path}: ${p.reason}`,
  symbolicLink: (p: { role: string; path: string }) => `the ${p.role === 'journal' ? 'journal' : 'results file'} ${p.path} is a symbolic link: a batch writes only to a file of its own, never through a link`,
  isTheInput: (p: { role: string; path: string; input: string }) => `the ${p.role === 'journal' ? 'journal' : 'results file'} ${p.path} is the input file ${p.input}: writing it would lose the rows`,
  isTheResults: (p: { path: string }) => `the journal ${p.path} is the results file: each needs a file of its own`,
  removeLinkHint: (p: { hint: string }) => `remove the link, or ${p.hint}`,
  journalPathHint: 'pass --journal (or --results, which the journal sits beside) a path for a file of its own',
  resultsPathHint: 'pass --results a path for a file of its own, ending in .csv, .ndjson or .jsonl',
  /** Why a write failed, and the OS's code for it: `no space left on the device (ENOSPC)`. */
  writeReason: (p: { reason: string; code: string }) => `${p.reason} (${p.code})`,
  noSpace: 'no space left on the device',
  fileTooLarge: 'the file has reached the largest size allowed (the shell\'s file size limit, ulimit -f, or the file system\'s)',
  quotaUsed: 'the disk quota is used up',
  ioError: 'an input/output error (the disk may be failing)',
  readOnly: 'the file system is read-only',

  // The journal as read back.
  damaged: (p: { path: string; line: number; problem: string }) => `the journal ${p.path} is damaged at line ${p.line}: ${p.problem}`,
  damagedHint: (p: { rerun: string }) => `restore it from a backup; without it (delete it and run again), ${p.rerun}`,
  rerunWithoutJournal: 'every row is sent again under its out_serial_no, so no card is issued twice: an issued row whose values all come from the file is answered with its card, '
    + 'but one whose open_date or valid_date was filled in (from the time of sending) now differs and ends failed as OUT_SERIAL_NO_CONFLICT',
  notJson: 'not a JSON record',
  notAJournal: (p: { path: string }) => `${p.path} is not a card batch journal`,
  notAJournalHint: 'pass --journal with the journal of this batch, or another --results path',
  notARecord: 'not a record',
  badStatus: (p: { status: string }) => `status ${p.status} is not issued, updated, deleted, failed or invalid`,
  badRetryable: 'retryable is not true or false',
  notARunMark: 'not a run mark this tool writes',
  secondHeader: 'a second header',
  unknownRecord: 'not a send, end or run record',
  badVersion: (p: { version: string; reads: number }) => `version ${p.version}: this alipay-card reads version ${p.reads}`,
  badInput: 'its input is not a path, sha256, byte count and encoding',
  headerIncomplete: 'batch_id, results or created_at is missing',
  badAction: (p: { action: string }) => `action ${p.action} is not update or delete`,
  badRow: (p: { row: string }) => `row ${p.row} is not a data row number (2 or more)`,
  rowPastEnd: (p: { row: number; bytes: number }) => `row ${p.row} is past the end of the input (${p.bytes} bytes)`,
  serialMissing: 'out_serial_no is missing',
  notText: (p: { key: string }) => `${p.key} is not text`,
  strayRow: (p: { row: number; input: string; why: string }) => `row ${p.row} is not a row of ${p.input} (${p.why})`,
  pastLastRow: (p: { last: number }) => `its last row is ${p.last}`,
  emptyRow: 'that row is empty',

  // Locks.
  inputLockHint: (p: { dir: string }) => `the lock of the input file goes in ${p.dir}: make it a directory you can write in`,
  journalLockHint: 'the journal and its lock go beside --results (or at --journal): pass paths in a directory that exists and you can write in',
  inputBusy: (p: { pid: string; input: string; journal: string }) => `another card batch${p.pid === '' ? '' : ` (pid ${p.pid})`} is running ${p.input}${p.journal === '' ? '' : ` (journal ${p.journal})`}`,
  inputBusyHint: 'one run of a file at a time, whatever its --results: wait for it to end, or stop it (Ctrl-C) and resume that run',
  journalBusy: (p: { pid: string; lock: string }) => `another card batch${p.pid === '' ? '' : ` (pid ${p.pid})`} is running this batch (${p.lock})`,
  journalBusyHint: 'wait for it to end, or stop it (Ctrl-C) and run again with --resume',
  cannotCreateLockDir: (p: { dir: string; reason: string }) => `cannot create the batch lock directory ${p.dir}: ${p.reason}`,
  cannotCreateLockDirHint: 'set XDG_STATE_HOME to a directory you can write in',
  lockDirNotPrivate: (p: { dir: string; why: string }) => `the batch lock directory ${p.dir} is not a private directory of yours (${p.why}): refusing to use it`,
  notADirectory: 'not a directory',
  belongsToUid: (p: { uid: number }) => `it belongs to uid ${p.uid}`,
  othersCanWrite: 'others can write in it',
  lockDirNotPrivateHint: (p: { dir: string }) => `remove ${p.dir} (alipay-card makes it again, mode 0700), or set XDG_STATE_HOME to a directory of yours`,

  // Starting or continuing a run.
  journalHasNoRows: (p: { journal: string }) => `the journal ${p.journal} has no rows (its run stopped before the first): starting from the first row`,
  inputChanged: (p: { input: string; journal: string }) => `${p.input} has changed since its batch started (journal ${p.journal})`,
  inputChangedHint: 'rows are numbered in the file as it was: put new or corrected rows in a new file, or restore the original to resume',
  optionDiffers: (p: { flag: string; given: string; recorded: string; journal: string }) => `${p.flag} ${p.given} differs from the batch's ${p.recorded} (journal ${p.journal})`,
  optionWasAbsent: (p: { flag: string; given: string; journal: string }) => `${p.flag} ${p.given} differs from the batch's absence of it (journal ${p.journal})`,
  optionDiffersHint: (p: { flag: string }) => `leave ${p.flag} out when resuming: the journal remembers it`,
  targetDiffers: (p: { gateway: string; appId: string; givenGateway: string; givenAppId: string; journal: string }) =>
    `this batch was sent to ${p.gateway} as app ${p.appId}; this command would send to ${p.givenGateway} as app ${p.givenAppId} (journal ${p.journal})`,
  targetDiffersHint: 'continue it with the configuration it started with (the same -c, --profile, --gateway, ALIPAY_* variables, and XDG_STATE_HOME for the in-process gateway): its rows in flight must go back to the gateway that may have issued their cards',
  changedSinceStart: (p: { input: string; journal: string; issued: number; inFlight: number }) =>
    `${p.input} has changed since its batch started (journal ${p.journal}: ${p.issued} cards issued${p.inFlight > 0 ? `, ${p.inFlight} rows in flight` : ''}): its rows now have other out_serial_no, so a new run would issue those cards again`,
  changedSinceStartHint: (p: { results: string }) => `put only the rows still to do (see their status in ${p.results}) in a new file and run that, or restore the original file and continue with --resume`,
  editedSinceOtherBatch: (p: { input: string; journal: string; issued: number; inFlight: number }) =>
    `${p.input} has changed since another batch ran it (journal ${p.journal}: ${p.issued} cards issued${p.inFlight > 0 ? `, ${p.inFlight} rows in flight` : ''}): its rows now have other out_serial_no, so this run would issue those cards again`,
  otherOptionsBatch: (p: { input: string; journal: string; issued: number; inFlight: number }) =>
    `another batch of ${p.input} for this template ran with other --map or --ignore-unknown-columns (journal ${p.journal}: ${p.issued} cards issued${p.inFlight > 0 ? `, ${p.inFlight} rows in flight` : ''}): this run's rows have other out_serial_no, so it would issue those cards again`,
  editedSinceOtherBatchHint: (p: { results: string; journal: string }) => `put only the rows still to do (see their status in ${p.results}) in a new file and run that; to run this file all the same, delete ${p.journal}`,
  alreadyStarted: (p: { journal: string; started: string; ended: number; inFlight: number }) =>
    `this file already has a batch journal (${p.journal}, started ${p.started}): ${p.ended} rows ended, ${p.inFlight} in flight`,
  alreadyStartedHint: (p: { rerun: string }) => `--resume continues it, --retry-failed also reruns rows that failed for a transient reason; to start over, delete the journal: ${p.rerun}`,
  noJournal: (p: { flag: string; journal: string; input: string }) => `${p.flag}: no journal at ${p.journal}, so no run of ${p.input} to continue there`,
  noJournalHint: (p: { flag: string }) => `pass the same --results (and --journal) as the run you are resuming; leave out ${p.flag} to start a new run`,
} satisfies Entries);

export type BatchFilesEntries = ReturnType<typeof entries>;
export const batchFilesText = messages('batch-files', entries);
