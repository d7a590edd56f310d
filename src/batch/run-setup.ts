import { rm } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { batchFilesText } from '../i18n/en/batch-files.js';
import type { Text } from '../i18n/text.js';
import { batchFileExists, refuseSharedFiles, writeText, type WriteText } from './batch-files.js';
import { BatchHistory } from './batch-history.js';
import { measureCsv, type ShapeOptions } from './csv-shape.js';
import { fileSha256, scanInputFile, type InputEncoding, type InputFile } from './input-file.js';
import { JOURNAL_KIND, JOURNAL_VERSION, type BatchTarget, type EndRecord, type JournalHeader, type SendRecord } from './journal-records.js';
import { cardsUnderDerivedSerials, damaged, lineNaming, loadJournal, outcomesInRowOrder, type JournalState } from './journal-reader.js';
import { JournalWriter } from './journal-writer.js';
import type { RowOutcome } from './outcome.js';
import { ResultsWriter, resultsFormatOf, writeResultsFile } from './results-file.js';
import { RowBook, StrayRows } from './row-book.js';
import { lockRun, type RunLock } from './run-lock.js';
import { needsWork } from './runner.js';
import { batchIdOf, RERUN_WITHOUT_JOURNAL } from './serial.js';

export interface RunSetupOptions {
  inputPath: string;
  resultsPath: string;
  journalPath: string;
  /** Where the input's lock goes (batchLockDir). */
  lockDir: string;
  encoding?: InputEncoding | undefined;
  /** update or delete; undefined: open, or whatever the journal of a continued run recorded. */
  action?: 'open' | 'update' | 'delete' | undefined;
  reason?: string | undefined;
  templateId?: string | undefined;
  map?: string[] | undefined;
  ignoreUnknownColumns?: boolean | undefined;
  resume: boolean;
  retryFailed: boolean;
  now: Date;
  /** Where this run sends its rows: recorded by a new batch, held to the recorded one by a resumed batch. */
  target?: BatchTarget | undefined;
  /** How the journal and results are written (tests make a disk fill up). */
  write?: WriteText | undefined;
  /** Told once per process that the kernel lock cannot load here (src/lock/file-lock.ts). */
  warn?: (message: string) => void;
}

export type RunMode = 'fresh' | 'resume' | 'retry-failed';

export interface RunSetup {
  mode: RunMode;
  file: InputFile;
  shape: ShapeOptions;
  header: JournalHeader;
  book: RowBook;
  /** See JournalState.sentBefore. */
  sentBefore: Map<number, SendRecord>;
  journal: JournalWriter;
  results: ResultsWriter;
  /** Data rows in the file, and how many of them this run has work for. */
  rows: number;
  toProcess: number;
  /** Things to tell the user before starting. */
  notes: Text[];
  resultsPath: string;
  /** Held until the run ends: one run of a batch at a time. */
  lock: RunLock;
  /**
   * A continued run (--resume, --retry-failed) appends the rows it ends after those that had ended
   * before: once its files are closed, this writes the results again in file order, from the journal.
   */
  putResultsInOrder?: (() => Promise<void>) | undefined;
}

/**
 * Everything a real run needs before its first request: the journal (new, or the one of an earlier
 * run of the same bytes), the file checked end to end, and the results file (new, or rebuilt from
 * the journal so it holds every row that ended, once, whatever a kill cut short).
 */
export async function setUpRun(options: RunSetupOptions): Promise<RunSetup> {
  refuseSharedFiles({ input: options.inputPath, results: options.resultsPath, journal: options.journalPath });
  const lock = await lockRun(options.journalPath, options.inputPath, options.lockDir, options.warn);
  try {
    return { ...(await prepare(options)), lock };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/**
 * Closes the journal and results and lets go of the lock, whether the run ran, was declined at
 * the prompt or was interrupted there. Each step runs whatever the one before did, the lock last:
 * a close that fails must not leave the batch locked. Safe to call twice.
 */
export async function closeSetup(setup: Pick<RunSetup, 'journal' | 'results' | 'lock' | 'putResultsInOrder'>): Promise<void> {
  try {
    await closeFiles(setup.journal, setup.results);
    await setup.putResultsInOrder?.();
  } finally {
    setup.lock.release();
  }
}

/** The journal synced and closed, then the results, whatever the first did. */
async function closeFiles(journal: JournalWriter, results: ResultsWriter): Promise<void> {
  try {
    await journal.close();
  } finally {
    await results.close();
  }
}

async function prepare(options: RunSetupOptions): Promise<Omit<RunSetup, 'lock'>> {
  const continuing = options.resume || options.retryFailed;
  const write = options.write ?? writeText;
  // A link, a directory: refused before anything is read or written.
  batchFileExists('results file', options.resultsPath);
  const journalExists = batchFileExists('journal', options.journalPath);
  // Starting afresh here would send every row again under a journal the user did not mean.
  if (continuing && !journalExists) throw noJournal(options);
  let state = journalExists ? await loadJournal(options.journalPath) : undefined;
  const notes: Text[] = [];
  // The run stopped before its first row (a template lookup that failed, a "no" at the prompt):
  // nothing was sent under it, so this run starts from the first row — but with the options the
  // journal recorded (--resume's command line has no --template-id), and the journal is replaced
  // only once this run is ready to start: a run that fails first must leave it for the next.
  let restarted: JournalHeader | undefined;
  if (state && !hasRows(state)) {
    if (continuing) {
      restarted = state.header;
      notes.push(batchFilesText.journalHasNoRows({ journal: options.journalPath }));
    }
    state = undefined;
  }
  if (state && !continuing) throw await alreadyStarted(options, state);
  const recorded = state?.header ?? restarted;
  if (recorded) checkTarget(options, recorded);
  const shape: ShapeOptions = recorded ? reconcile(options, recorded)
    : { action: changeAction(options.action), reason: options.reason, templateId: options.templateId, map: options.map, ignoreUnknownColumns: options.ignoreUnknownColumns };

  const file = await scanInputFile(options.inputPath, options.encoding ?? recorded?.input.encoding, state && {
    sha256: state.header.input.sha256,
    changed: () => new UsageError(batchFilesText.inputChanged({ input: options.inputPath, journal: options.journalPath }), { hint: batchFilesText.inputChangedHint() }),
  });
  const book = state?.book ?? new RowBook();
  const retryFailed = options.retryFailed;
  const stray = new StrayRows(book);
  const measured = await measureCsv(file, shape, (row) => {
    stray.dataRow(row);
    return needsWork(book.get(row), retryFailed);
  });
  const strayRow = stray.end();
  if (strayRow !== undefined) throw await notARow(options, strayRow);
  const format = resultsFormatOf(options.resultsPath);
  // A file from Excel (GBK, or "CSV UTF-8" with its BOM) gets results Excel opens right: UTF-8 with
  // a BOM, which Excel reads as UTF-8 in any locale (without one, a Chinese Excel reads GBK). A file
  // without a BOM gets none: scripts that made it would find the BOM glued to the first column's name.
  const resultsOptions = { bom: file.bom || file.encoding !== 'utf-8' };

  let header: JournalHeader;
  let journal: JournalWriter;
  let results: ResultsWriter;
  if (state === undefined) {
    header = {
      journal: JOURNAL_KIND,
      version: JOURNAL_VERSION,
      batch_id: batchIdOf(file.sha256, shape),
      input: { path: file.path, sha256: file.sha256, bytes: file.bytes, encoding: file.encoding },
      created_at: options.now.toISOString(),
      action: changeAction(shape.action),
      reason: shape.reason,
      template_id: shape.templateId,
      map: shape.map?.length ? [...shape.map] : undefined,
      ignore_unknown_columns: shape.ignoreUnknownColumns || undefined,
      results: options.resultsPath,
      target: options.target,
    };
    const history = BatchHistory.of(options.inputPath, options.lockDir);
    if (header.action === undefined) await history.refuseRerun({ path: options.inputPath, sha256: file.sha256, batchId: header.batch_id, templateId: header.template_id }, options.journalPath);
    if (journalExists) await rm(options.journalPath);
    results = await ResultsWriter.open(options.resultsPath, format, 'create', write, resultsOptions);
    journal = await JournalWriter.create(options.journalPath, header, write).catch(async (err: unknown) => {
      await results.close().catch(() => {});
      throw err;
    });
    history.add(options.journalPath, header.created_at);
  } else {
    header = state.header;
    journal = await JournalWriter.reopen(options.journalPath, state.validBytes, write);
    try {
      // Rows this run will end again (in flight, or failed and retried) get their line when they do.
      const ended = outcomesOf(outcomesInRowOrder(options.journalPath, state.validBytes), (row) => !needsWork(book.get(row), retryFailed));
      await writeResultsFile(options.resultsPath, format, ended, write, resultsOptions);
      results = await ResultsWriter.open(options.resultsPath, format, 'append', write);
    } catch (err) {
      await journal.close();
      throw err;
    }
  }
  const mode: RunMode = state === undefined ? 'fresh' : retryFailed ? 'retry-failed' : 'resume';
  try {
    await journal.write({ run: mode === 'fresh' ? 'started' : mode === 'resume' ? 'resumed' : 'retry-failed', at: options.now.toISOString() });
  } catch (err) {
    await closeFiles(journal, results);
    throw err;
  }
  let inOrder = mode === 'fresh';
  const putResultsInOrder = async () => {
    if (inOrder) return;
    inOrder = true;
    await writeResultsFile(options.resultsPath, format, outcomesOf(outcomesInRowOrder(options.journalPath), () => true), write, resultsOptions);
  };
  return { mode, file, shape, header, book, sentBefore: state?.sentBefore ?? new Map(), journal, results, rows: measured.rows, toProcess: measured.counted, notes, resultsPath: options.resultsPath, putResultsInOrder };
}

/** Options that shape the requests must be those the journal's rows were sent with. */
function reconcile(options: RunSetupOptions, header: JournalHeader): ShapeOptions {
  const journal = options.journalPath;
  const differs = (flag: string, given: string, recorded: string | undefined) =>
    new UsageError(recorded === undefined ? batchFilesText.optionWasAbsent({ flag, given, journal }) : batchFilesText.optionDiffers({ flag, given, recorded, journal }), {
      hint: batchFilesText.optionDiffersHint({ flag }),
    });
  if (options.encoding && options.encoding !== header.input.encoding) throw differs('--encoding', options.encoding, header.input.encoding);
  if (options.action && (changeAction(options.action) ?? 'open') !== (header.action ?? 'open')) throw differs('--action', options.action, header.action ?? 'open');
  if (options.reason && options.reason !== header.reason) throw differs('--reason', options.reason, header.reason);
  if (options.templateId && options.templateId !== header.template_id) throw differs('--template-id', options.templateId, header.template_id);
  const map = options.map ?? [];
  if (map.length > 0 && map.join('\n') !== (header.map ?? []).join('\n')) throw differs('--map', map.join(' --map '), header.map?.join(' --map '));
  return { action: header.action, reason: header.reason, templateId: header.template_id, map: header.map, ignoreUnknownColumns: header.ignore_unknown_columns || options.ignoreUnknownColumns };
}

/** open is what a journal without an action did: it is recorded as no action, so its batch id is the one it always had. */
function changeAction(action: RunSetupOptions['action']): 'update' | 'delete' | undefined {
  return action === 'open' ? undefined : action;
}

/**
 * A batch goes on where it started: rows in flight are sent again, and must reach the gateway that
 * may have issued their cards; the rest must not be issued on another (a sandbox, the local one)
 * while the journal says "issued" as if they were where the batch began.
 */
function checkTarget(options: RunSetupOptions, header: JournalHeader): void {
  const recorded = header.target;
  const given = options.target;
  if (recorded === undefined || given === undefined) return;
  if (recorded.gateway === given.gateway && recorded.app_id === given.app_id) return;
  throw new UsageError(batchFilesText.targetDiffers({ gateway: recorded.gateway, appId: recorded.app_id, givenGateway: given.gateway, givenAppId: given.app_id, journal: options.journalPath }), {
    hint: batchFilesText.targetDiffersHint(),
  });
}

/** A row the journal has a record of that the file has not: the journal is not this file's, or was edited. */
async function notARow(options: RunSetupOptions, stray: { row: number; lastRow: number }): Promise<UsageError> {
  const line = (await lineNaming(options.journalPath, stray.row)) ?? 0;
  const why = stray.row > stray.lastRow ? batchFilesText.pastLastRow({ last: stray.lastRow }) : batchFilesText.emptyRow();
  return damaged(options.journalPath, line, batchFilesText.strayRow({ row: stray.row, input: options.inputPath, why }));
}

/**
 * A new run of a file whose batch has a journal. Deleting the journal reruns the batch under the
 * same serials only while the file is the same bytes: the batch id is the file's hash, so a file
 * edited since gives every row other serials, and a new run would issue again the cards it issued.
 */
async function alreadyStarted(options: RunSetupOptions, state: JournalState): Promise<UsageError> {
  const counts = state.book.counts();
  const ended = counts.issued + counts.failed + counts.invalid;
  if (state.header.action === undefined && (await fileSha256(options.inputPath)) !== state.header.input.sha256) {
    const { issued, inFlight } = await cardsUnderDerivedSerials(options.journalPath);
    if (issued + inFlight > 0) {
      return new UsageError(batchFilesText.changedSinceStart({ input: options.inputPath, journal: options.journalPath, issued, inFlight }), {
        hint: batchFilesText.changedSinceStartHint({ results: state.header.results }),
      });
    }
  }
  return new UsageError(batchFilesText.alreadyStarted({ journal: options.journalPath, started: state.header.created_at, ended, inFlight: counts.inFlight }), {
    hint: batchFilesText.alreadyStartedHint({ rerun: RERUN_WITHOUT_JOURNAL }),
  });
}

function noJournal(options: RunSetupOptions): UsageError {
  const flag = options.retryFailed ? '--retry-failed' : '--resume';
  return new UsageError(batchFilesText.noJournal({ flag, journal: options.journalPath, input: options.inputPath }), { hint: batchFilesText.noJournalHint({ flag }) });
}

async function* outcomesOf(records: AsyncIterable<EndRecord>, keep: (row: number) => boolean): AsyncGenerator<RowOutcome> {
  for await (const { end, retryable: _retryable, ...rest } of records) if (keep(end)) yield { row: end, ...rest };
}


function hasRows(state: JournalState): boolean {
  const counts = state.book.counts();
  return counts.issued + counts.failed + counts.invalid + counts.inFlight > 0;
}
