import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { batchFilesText } from '../i18n/en/batch-files.js';
import { cardsUnderDerivedSerials } from './journal-reader.js';
import { inputFileLockPath, inputLockPath, realInputPath } from './run-lock.js';

/**
 * A batch that ran an input: its journal (which holds the rest), when it started, and the real path
 * of the file it ran (absent in lines written before it was recorded).
 */
interface EarlierBatch {
  journal: string;
  created_at: string;
  input?: string;
}

/**
 * The batches each input has had, beside its locks (`<lock dir>/<hash of the path>.batches` and
 * `<lock dir>/file-<hash of device and inode>.batches`, one JSON line a batch): what lets a new
 * batch of a file see one that ran it under another --results, or under another name (a hard link).
 * A batch's serials come from the file's hash, so the same file edited and run under a new
 * --results would send every row under new serials, and issue again each card the other issued.
 */
export class BatchHistory {
  private constructor(
    readonly path: string,
    private readonly byFile: string | undefined,
    private readonly input: string,
  ) {}

  /** The history of `inputPath`, in the lock directory lockRun has made and checked. */
  static of(inputPath: string, lockDir: string): BatchHistory {
    const history = (lockPath: string): string => lockPath.replace(/\.lock$/, '.batches');
    const byFile = inputFileLockPath(inputPath, lockDir);
    return new BatchHistory(history(inputLockPath(inputPath, lockDir)), byFile && history(byFile), realInputPath(inputPath));
  }

  /**
   * A new card open batch is refused while another batch of this path, for the same template but
   * with another batch id (the file edited since, or another --map or --ignore-unknown-columns),
   * has a journal with cards issued (or rows in flight) under serials derived from its id: this
   * batch would send those rows again under other serials, and issue their cards again. Deleting
   * that journal is how a person says they mean it. Rows that bring their own out_serial_no keep it
   * in every batch, and are not counted.
   */
  async refuseRerun(batch: { path: string; sha256: string; batchId: string; templateId: string | undefined }, journalPath: string): Promise<void> {
    for (const earlier of this.earlier()) {
      if (earlier.journal === journalPath || !existsSync(earlier.journal)) continue;
      const { header, issued, inFlight } = await cardsUnderDerivedSerials(earlier.journal).catch(() => ({ header: undefined, issued: 0, inFlight: 0 }));
      // A journal this tool cannot read, or another action's: not a batch that issued cards.
      if (header === undefined || header.action !== undefined) continue;
      if (header.batch_id === batch.batchId || header.template_id !== batch.templateId || issued + inFlight === 0) continue;
      const said = { input: batch.path, journal: earlier.journal, issued, inFlight };
      throw new UsageError(header.input.sha256 !== batch.sha256 ? batchFilesText.editedSinceOtherBatch(said) : batchFilesText.otherOptionsBatch(said), {
        hint: batchFilesText.editedSinceOtherBatchHint({ results: header.results, journal: earlier.journal }),
      });
    }
  }

  /**
   * Records a batch that starts. Best effort, as the check is (a copy of the file under another
   * name has a history of its own): a history that cannot be written does not stop the batch.
   */
  add(journal: string, createdAt: string): void {
    const line: EarlierBatch = { journal, created_at: createdAt, input: this.input };
    for (const path of this.byFile === undefined ? [this.path] : [this.path, this.byFile]) {
      try {
        appendFileSync(path, `${JSON.stringify(line)}\n`, { mode: 0o600 });
      } catch {
        // The lock directory was writable a moment ago; a full disk stops the journal next anyway.
      }
    }
  }

  /** The path's batches, then the file's under other names (hard links), each once. */
  private earlier(): EarlierBatch[] {
    const batches = readHistory(this.path);
    const seen = new Set(batches.map((batch) => batch.journal));
    for (const batch of this.byFile === undefined ? [] : readHistory(this.byFile)) {
      if (seen.has(batch.journal)) continue;
      seen.add(batch.journal);
      batches.push(batch);
    }
    return batches;
  }
}

function readHistory(path: string): EarlierBatch[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const batches: EarlierBatch[] = [];
  for (const line of text.split('\n')) {
    try {
      const parsed = JSON.parse(line) as Partial<EarlierBatch>;
      if (typeof parsed.journal === 'string') {
        batches.push({ journal: parsed.journal, created_at: String(parsed.created_at), input: typeof parsed.input === 'string' ? parsed.input : undefined });
      }
    } catch {
      // An empty line, or one a kill cut short.
    }
  }
  return batches;
}
