import { closeSync, fdatasync, fdatasyncSync, ftruncateSync, rmSync } from 'node:fs';
import { cannotWrite, openBatchFile, writeText, type WriteText } from './batch-files.js';
import type { JournalHeader, JournalRecord } from './journal-records.js';

/** The journal was closed (the run was abandoned): the caller must not send what it meant to record. */
export class JournalClosedError extends Error {}

interface Pending {
  line: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Appends records and makes them durable (fdatasync) before `write` resolves, so "sent" is on disk
 * before the request leaves and "ended" before the results line. Group commit: records that come
 * while a sync is under way wait for it to end and then go to disk together, in one write and one
 * sync, so with 16 rows in flight the journal costs a few syncs per batch of rows, not two per row.
 *
 * The write is synchronous (a page-cache copy of a few hundred bytes, cheaper than a thread-pool
 * round trip); the sync runs on the thread pool, so the event loop — signing, HTTP — never waits
 * for the disk.
 */
export class JournalWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private syncing: Promise<void> | undefined;
  private closed = false;
  private failure: unknown;

  private constructor(private readonly fd: number, readonly path: string, private readonly writeOut: WriteText) {}

  /**
   * A new journal: fails if one exists, so two runs never share one. One whose header cannot be
   * written (a full disk) is removed: nothing was sent under it, and a headless file left behind
   * would be "not a card batch journal" to the next run.
   */
  static async create(path: string, header: JournalHeader, write: WriteText = writeText): Promise<JournalWriter> {
    const writer = new JournalWriter(openBatchFile('journal', path, 'createNew'), path, write);
    try {
      await writer.write(header);
    } catch (err) {
      await writer.close();
      rmSync(path, { force: true });
      throw err;
    }
    return writer;
  }

  /** An existing journal, cut back to its last whole record (a kill can leave half of one). */
  static async reopen(path: string, validBytes: number, write: WriteText = writeText): Promise<JournalWriter> {
    const fd = openBatchFile('journal', path, 'update');
    try {
      ftruncateSync(fd, validBytes);
    } catch (err) {
      throw cannotWrite('journal', path, err);
    } finally {
      closeSync(fd);
    }
    return new JournalWriter(openBatchFile('journal', path, 'append'), path, write);
  }

  write(record: JournalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new JournalClosedError('the journal is closed'));
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ line: JSON.stringify(record) + '\n', resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Makes what was written durable; later writes are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.syncing) await this.syncing;
    const group = this.takeGroup();
    if (group) this.settle(group, () => fdatasyncSync(this.fd));
    closeSync(this.fd);
  }

  private flush(): void {
    this.scheduled = false;
    if (this.syncing) return;
    const group = this.takeGroup();
    if (!group) return;
    this.syncing = new Promise<void>((done) => {
      fdatasync(this.fd, (err) => {
        this.syncing = undefined;
        this.settle(group, () => {
          if (err) throw err;
        });
        done();
        if (this.queue.length > 0 && !this.closed) this.flush();
      });
    });
  }

  /** Takes the queued records and writes them (not yet synced); undefined if there are none or the write failed. */
  private takeGroup(): Pending[] | undefined {
    const group = this.queue;
    if (group.length === 0) return undefined;
    this.queue = [];
    try {
      this.writeOut(this.fd, group.map((p) => p.line).join(''), this.path);
    } catch (err) {
      this.fail(group, err);
      return undefined;
    }
    return group;
  }

  private settle(group: Pending[], sync: () => void): void {
    try {
      sync();
    } catch (err) {
      this.fail(group, err);
      return;
    }
    for (const p of group) p.resolve();
  }

  /** A journal that failed once (disk full) cannot vouch for anything after: refuse the rest. */
  private fail(group: Pending[], err: unknown): void {
    const failure = cannotWrite('journal', this.path, err);
    this.failure = failure;
    for (const p of [...group, ...this.queue.splice(0)]) p.reject(failure);
  }
}
