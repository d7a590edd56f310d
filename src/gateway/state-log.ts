import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import type { StoredEntry } from './store.js';

/** `gateway.json` → `gateway.json.log`, beside it. */
export function stateLogPath(statePath: string): string {
  return `${statePath}.log`;
}

/**
 * What the gateway stored since its state file was last written, appended as it is stored and
 * before the answer goes out. The state file is written whole, at most once a second: a gateway
 * killed in between (kill -9, or the `card batch` it runs inside) would otherwise forget cards it
 * had answered for, and a batch started over would issue them again. Written, not fsync'ed: it
 * outlives the process; a crash of the machine is beyond what a local test gateway promises.
 */
export class StateLog {
  private fd: number;

  /** A new, empty log: whatever an earlier one held is in the state file by now. */
  constructor(readonly path: string) {
    // 0600, as the state file: cards and templates are the merchant's data.
    this.fd = openSync(path, 'w', 0o600);
  }

  /** `entryJson`: the entry as JSON (the writer has the card's JSON made already). */
  append(entryJson: string): void {
    // With a descriptor, writeFileSync appends (the log is opened for it) until every byte is out.
    writeFileSync(this.fd, entryJson + '\n');
  }

  /**
   * The state file now holds everything but `entries` (stored while it was being written): the log
   * starts again with only those. Replaced whole, so a kill here leaves the old log or the new one.
   */
  restart(entries: readonly StoredEntry[]): void {
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, entries.map((e) => JSON.stringify(e) + '\n').join(''), { mode: 0o600 });
    renameSync(temp, this.path);
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a', 0o600);
  }

  /** Once the state file holds everything: no log left behind. */
  remove(): void {
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }
}

/**
 * The entries of a log left by a gateway that did not stop cleanly; none if there is no log. A last
 * line cut short (killed while writing it) is dropped: its request was never answered.
 */
export function readStateLog(path: string): StoredEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError(`cannot read the gateway state log ${path}: ${(err as Error).message}`, { cause: err });
  }
  const lines = text.split('\n');
  lines.pop(); // after the last newline: '' or a line cut short
  return lines.map((line, i) => {
    try {
      const entry = JSON.parse(line) as StoredEntry;
      if (('card' in entry && entry.card) || ('template' in entry && entry.template)) return entry;
    } catch {
      // reported below
    }
    throw new ConfigError(`the gateway state log ${path} is damaged at line ${i + 1}`, {
      hint: 'move it away to start from the state file alone (what the gateway stored after its last write is then forgotten)',
    });
  });
}
