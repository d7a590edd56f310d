import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { batchFilesText } from '../i18n/en/batch-files.js';
import { loadJournal } from './journal-reader.js';
import { inputLockPath } from './run-lock.js';

/** A batch that ran an input path: its journal, and the bytes it ran (the file's SHA-256). */
interface EarlierBatch {
  journal: string;
  sha256: string;
  created_at: string;
}

/**
 * The batches each input path has had, beside its lock (`<lock dir>/<hash of the path>.batches`, one
 * JSON line a batch): what lets a new batch of a file see one that ran it under another --results.
 * A batch's serials come from the file's hash, so the same file edited and run under a new
 * --results would send every row under new serials, and issue again each card the other issued.
 */
export class BatchHistory {
  private constructor(readonly path: string) {}

  /** The history of `inputPath`, in the lock directory lockRun has made and checked. */
  static of(inputPath: string, lockDir: string): BatchHistory {
    return new BatchHistory(inputLockPath(inputPath, lockDir).replace(/\.lock$/, '.batches'));
  }

  /**
   * A new card open batch of `sha256` is refused while another batch of this path with other bytes
   * has a journal with cards issued (or rows in flight): its rows would be issued again. Deleting
   * that journal is how a person says they mean it.
   */
  async refuseEditedRerun(input: { path: string; sha256: string }, journalPath: string): Promise<void> {
    for (const earlier of this.earlier()) {
      if (earlier.journal === journalPath || earlier.sha256 === input.sha256 || !existsSync(earlier.journal)) continue;
      const state = await loadJournal(earlier.journal).catch(() => undefined);
      // A journal since replaced by another batch's, or one this tool cannot read: not that batch.
      if (state === undefined || state.header.input.sha256 !== earlier.sha256 || state.header.action !== undefined) continue;
      const counts = state.book.counts();
      if (counts.issued + counts.inFlight === 0) continue;
      throw new UsageError(batchFilesText.editedSinceOtherBatch({ input: input.path, journal: earlier.journal, issued: counts.issued, inFlight: counts.inFlight }), {
        hint: batchFilesText.editedSinceOtherBatchHint({ results: state.header.results, journal: earlier.journal }),
      });
    }
  }

  /**
   * Records a batch that starts. Best effort, as the check is (a copy of the file under another
   * name has a history of its own): a history that cannot be written does not stop the batch.
   */
  add(journal: string, sha256: string, createdAt: string): void {
    const line: EarlierBatch = { journal, sha256, created_at: createdAt };
    try {
      appendFileSync(this.path, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    } catch {
      // The lock directory was writable a moment ago; a full disk stops the journal next anyway.
    }
  }

  private earlier(): EarlierBatch[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return [];
    }
    const batches: EarlierBatch[] = [];
    for (const line of text.split('\n')) {
      try {
        const parsed = JSON.parse(line) as Partial<EarlierBatch>;
        if (typeof parsed.journal === 'string' && typeof parsed.sha256 === 'string') batches.push({ journal: parsed.journal, sha256: parsed.sha256, created_at: String(parsed.created_at) });
      } catch {
        // An empty line, or one a kill cut short.
      }
    }
    return batches;
  }
}
