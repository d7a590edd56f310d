import { open, type FileHandle } from 'node:fs/promises';
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
 * before the request leaves and "ended" before the results line. Records that arrive while a sync
 * is under way are written together by the next one (group commit): with 16 rows in flight that is
 * one fsync for many records rather than one each, and the journal costs little of the run's time.
 */
export class JournalWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  private failure: unknown;

  private constructor(private readonly handle: FileHandle, readonly path: string) {}

  /** A new journal: fails if one exists, so two runs never share one. */
  static async create(path: string, header: JournalHeader): Promise<JournalWriter> {
    const writer = new JournalWriter(await open(path, 'wx', 0o600), path);
    await writer.write(header);
    return writer;
  }

  /** An existing journal, cut back to its last whole record (a kill can leave half of one). */
  static async reopen(path: string, validBytes: number): Promise<JournalWriter> {
    const handle = await open(path, 'r+');
    await handle.truncate(validBytes);
    await handle.close();
    return new JournalWriter(await open(path, 'a'), path);
  }

  write(record: JournalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new JournalClosedError('the journal is closed'));
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ line: JSON.stringify(record) + '\n', resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Waits for what was written to be durable; later writes are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushing;
    this.closed = true;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      try {
        await writeAll(this.handle, Buffer.from(group.map((p) => p.line).join(''), 'utf8'));
        await this.handle.datasync();
        for (const p of group) p.resolve();
      } catch (err) {
        // A journal that failed once (disk full) cannot vouch for anything after: refuse the rest.
        this.failure = err;
        for (const p of [...group, ...this.queue.splice(0)]) p.reject(err);
      }
    }
    this.flushing = undefined;
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}
