import { closeSync, constants, ftruncateSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { gatewayLocalText } from '../i18n/en/gateway-local.js';
import { english, type Text } from '../i18n/text.js';
import { checkStoredEntry } from './state-shape.js';
import type { StoredEntry } from './store.js';

/** `gateway.json` → `gateway.json.log`, beside it. */
export function stateLogPath(statePath: string): string {
  return `${statePath}.log`;
}

/**
 * An entry the log could not take (disk full, file too large, I/O error): nothing was stored, and
 * the request that would have stored it is answered with a retryable error instead of success.
 */
export class StateLogWriteError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
    /** An entry appended, or the log started again after a write of the state file. */
    readonly doing: 'append' | 'restart' = 'append',
  ) {
    const text = (doing === 'append' ? gatewayLocalText.logAppendFailed : gatewayLocalText.logCannotRestart)({ path, reason: (cause as Error).message });
    super(english(text), { cause });
    this.name = 'StateLogWriteError';
    this.text = text;
  }

  /** The message as data, for a person. */
  readonly text: Text;
}

/**
 * What the gateway stored since its state file was last written, appended before it is stored and
 * answered. The state file is written whole, at most once a second: a gateway killed in between
 * (kill -9, or the `card batch` it runs inside) would otherwise forget cards it had answered for,
 * and a batch started over would issue them again. Written, not fsync'ed: it outlives the process;
 * a crash of the machine is beyond what a local test gateway promises.
 */
export class StateLog {
  private fd: number;
  /** Bytes of whole lines in the file: a failed append is cut back to here. */
  private size = 0;
  /** A failed append left part of its line that could not be cut away: the next starts on a new line. */
  private torn = false;

  /** A new, empty log: whatever an earlier one held is in the state file by now. */
  constructor(
    readonly path: string,
    private readonly write: (fd: number, data: Buffer) => void = writeFileSync,
  ) {
    // 0600, as the state file: cards and templates are the merchant's data. Opened to append, so a
    // write after a failed one cut back goes where that one began, not past a hole.
    this.fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND, 0o600);
  }

  /**
   * `entryJson`: the entry as JSON (the writer has the card's JSON made already). All of the line is
   * written or none of it: a write that fails part way (ENOSPC) is cut back, so the log never holds
   * half an entry that a later line would be glued to; then StateLogWriteError.
   */
  append(entryJson: string): void {
    const line = Buffer.from(`${this.torn ? '\n' : ''}${entryJson}\n`);
    try {
      // With a descriptor, writeFileSync appends (the log is opened for it) until every byte is out.
      this.write(this.fd, line);
    } catch (err) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        this.torn = true;
      }
      throw new StateLogWriteError(this.path, err);
    }
    this.size += line.length;
    this.torn = false;
  }

  /**
   * The state file now holds everything but `entries` (stored while it was being written): the log
   * starts again with only those. Replaced whole, so a kill here (or a failed write) leaves the old
   * log or the new one.
   */
  restart(entries: readonly StoredEntry[]): void {
    const temp = `${this.path}.${process.pid}.tmp`;
    const text = Buffer.from(entries.map((e) => JSON.stringify(e) + '\n').join(''));
    // The new log is opened before it takes the old one's place: once it has, appends must go to it
    // (a reopen failing after the rename would leave them going to the old, unlinked file).
    let fd: number | undefined;
    try {
      fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND | constants.O_NOFOLLOW, 0o600);
      writeFileSync(fd, text);
      renameSync(temp, this.path);
    } catch (err) {
      // Only a file we made: what stood at `temp` (a directory, a link) is not ours to remove.
      if (fd !== undefined) {
        closeSync(fd);
        rmSync(temp, { force: true });
      }
      throw new StateLogWriteError(this.path, err, 'restart');
    }
    closeSync(this.fd);
    this.fd = fd;
    this.size = text.length;
    this.torn = false;
  }

  /** Once the state file holds everything: no log left behind. */
  remove(): void {
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }
}

export interface LoggedEntries {
  entries: StoredEntry[];
  /** Lines that were skipped, each said in a sentence naming the file and the line. */
  warnings: Text[];
}

/**
 * The entries of a log left by a gateway that did not stop cleanly; none if there is no log. A last
 * line cut short (killed, or out of space, while writing it) is dropped with a warning: its request
 * was never answered. A damaged line elsewhere is skipped with a warning naming it, and every other
 * entry is kept.
 */
export function readStateLog(path: string): LoggedEntries {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], warnings: [] };
    throw new ConfigError(gatewayLocalText.logUnreadable({ path, reason: (err as Error).message }), { cause: err });
  }
  const lines = text.split('\n');
  const last = lines.pop()!; // after the last newline: '' or a line cut short
  const entries: StoredEntry[] = [];
  const warnings: Text[] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    const entry = parseEntry(line);
    if (entry) entries.push(entry);
    // Its bytes are not quoted: a line may hold an app's AES key, or a member's name and phone number.
    else warnings.push(gatewayLocalText.logDamagedLine({ path, line: i + 1, bytes: Buffer.byteLength(line) }));
  });
  if (last !== '') {
    warnings.push(gatewayLocalText.logCutShort({ path, line: lines.length + 1, bytes: Buffer.byteLength(last) }));
  }
  return { entries, warnings };
}

function parseEntry(line: string): StoredEntry | undefined {
  try {
    return checkStoredEntry(JSON.parse(line));
  } catch {
    return undefined;
  }
}
