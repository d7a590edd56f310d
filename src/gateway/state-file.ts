import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { gatewayLocalText } from '../i18n/en/gateway-local.js';
import type { Text } from '../i18n/text.js';
import type { StateFileHold } from './state-file-hold.js';
import { checkStateData } from './state-shape.js';
import { StateLogWriteError, type StateLog } from './state-log.js';
import type { GatewayStore, StateData, StoredEntry } from './store.js';

export { defaultStatePath } from './state-path.js';

/**
 * Temporary files of writes a killed gateway never finished (`gateway.json.<pid>.tmp`, and the
 * log's): called once the state file is ours, when nobody else can be writing them.
 */
export async function removeUnfinishedWrites(statePath: string): Promise<void> {
  const prefix = `${basename(statePath)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(statePath));
  } catch {
    return; // no directory yet: nothing left over
  }
  const left = names.filter((name) => name.startsWith(prefix) && /^(?:log\.)?\d+\.tmp$/.test(name.slice(prefix.length)));
  await Promise.all(left.map((name) => rm(join(dirname(statePath), name), { force: true })));
  // An image a killed gateway was writing (images/<sha256>.<pid>.tmp, src/gateway/image-files.ts).
  const images = join(dirname(statePath), 'images');
  const cut = await readdir(images).then((all) => all.filter((name) => /^[0-9a-f]{64}\.\d+\.tmp$/.test(name)), () => []);
  await Promise.all(cut.map((name) => rm(join(images, name), { force: true })));
}

/**
 * What to do about a state file that does not load. `choosable`: the user can start on another
 * (gateway serve's --state); the in-process gateway's (demo, --gateway local) is always the same
 * file, so its hint names that file instead.
 */
export function damagedStateHints(path: string, choosable: boolean): { moveAway: Text; mend: Text } {
  return choosable
    ? { moveAway: gatewayLocalText.stateMoveAwayHint(), mend: gatewayLocalText.stateMendHint() }
    : { moveAway: gatewayLocalText.stateFileMoveAwayHint({ path }), mend: gatewayLocalText.stateFileMendHint({ path }) };
}

export async function readStateFile(path: string, choosable = true): Promise<StateData | undefined> {
  const hints = damagedStateHints(path, choosable);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(gatewayLocalText.stateUnreadable({ path, reason: (err as Error).message }), { cause: err });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(gatewayLocalText.stateNotJson({ path }), { hint: hints.moveAway, cause: err });
  }
  if ((data as Partial<StateData> | null)?.version !== 1) {
    throw new ConfigError(gatewayLocalText.stateWrongVersion({ path }), { hint: gatewayLocalText.stateWrongVersionHint() });
  }
  const checked = checkStateData(data);
  if (!checked.ok) {
    throw new ConfigError(gatewayLocalText.stateDamaged({ path, problem: checked.problem }), {
      hint: hints.mend,
    });
  }
  return checked.data;
}

/** The temporary file a state write goes to: each writeFile goes on from where the last ended. */
export type StateTempFile = Pick<FileHandle, 'writeFile' | 'sync' | 'close'>;

export interface StateWriterFiles {
  /** Opens the temporary file a write goes to; tests give one on a disk that fills up. */
  openTemp?: (path: string) => Promise<StateTempFile>;
  /** The lock on the state file itself, moved to each new one as it replaces the old. */
  hold?: StateFileHold;
}

const openTemp = (path: string): Promise<StateTempFile> => open(path, 'w', 0o600);

// Cards are written in slices with a yield between them, so a large state never holds the event
// loop (and the requests waiting on it) for long.
const CARDS_PER_WRITE = 2000;

/**
 * A state of 100,000 cards and their changes takes a good part of a second to write: written every
 * second it took a quarter of the gateway's time and made a 100,000-row update batch crawl. So the
 * next timed write waits until the last one is at most this share of the time since; everything
 * stored meanwhile is in the log, so nothing is less durable, and a small state is written every interval as before.
 */
const WRITE_SHARE = 0.1;

/**
 * Keeps the state file in step with the store: written whole to a temporary file, synced, then
 * renamed over the old one, so a crash leaves either the old state or the new, never half of one.
 * Writes happen at most once per interval when something changed, and on `flush`/`close`; what is
 * stored in between is in the state log (state-log.ts) until the next write holds it.
 */
export class StateWriter {
  private written = -1;
  /** Each card's JSON, made once: cards never change after they are stored, so a flush only joins text. */
  private readonly cardLines: string[] = [];
  /** Each card change's JSON, the same way (a change is a new entry; the card it changes is not rewritten). */
  private readonly changeLines: string[] = [];
  private running: Promise<void> = Promise.resolve();
  /**
   * Every entry logged since the state file's write began, in order: what the restarted log must
   * keep. Counting what was added (templates, cards) missed a template modified or an app
   * registered during the write: the write could have read the old one, and the restart dropped
   * the entry, so a kill -9 before the next write lost it.
   */
  private loggedDuringWrite: StoredEntry[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** How long the last write took, and when it ended (performance.now()). */
  private lastWriteMs = 0;
  private lastWriteEnd = 0;
  /** What was stored since the last write, kept between writes; restarted after each. */
  private log: StateLog | undefined;
  /** What is failing now ('log', 'state'), so a full disk is reported once, not at every request. */
  private readonly failing = new Set<'log' | 'state' | 'restart'>();

  constructor(
    readonly path: string,
    private readonly store: GatewayStore,
    /** Told when writing the log or the state file starts failing, and when it works again. */
    private readonly warn: (message: Text | string) => void = () => undefined,
    private readonly files: StateWriterFiles = {},
  ) {}

  /** From now on, each app, template, card and card change goes into `log` before it is stored, until the next write holds it. */
  keepLog(log: StateLog): void {
    this.log = log;
    this.store.persist = (entry) => this.persist(log, entry);
  }

  /** Into the log first (a throw stores nothing); a card's JSON is kept for the next write, which then only joins text. */
  private persist(log: StateLog, entry: StoredEntry): void {
    const json = 'card' in entry ? JSON.stringify(entry.card) : undefined;
    const change = 'card_change' in entry ? JSON.stringify(entry.card_change) : undefined;
    try {
      log.append(json !== undefined ? `{"card":${json}}` : change !== undefined ? `{"card_change":${change}}` : JSON.stringify(entry));
    } catch (err) {
      if (err instanceof StateLogWriteError) this.failed('log', gatewayLocalText.logWriteFailed({ problem: err.text }));
      throw err;
    }
    this.recovered('log', gatewayLocalText.logWrittenAgain({ path: log.path }));
    this.loggedDuringWrite?.push(entry);
    // The card is stored right after this returns: it will be at this index.
    if (json !== undefined && this.cardLines.length === this.store.cards().length) this.cardLines.push(json);
    if (change !== undefined && this.changeLines.length === this.store.cardChanges().length) this.changeLines.push(change);
  }

  /** Writes when something changed, at most once per interval; a failed write is reported and tried again next time. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.store.revision === this.written) return;
      if (performance.now() - this.lastWriteEnd < this.lastWriteMs / WRITE_SHARE) return;
      void this.flush().catch(() => undefined);
    }, intervalMs);
    this.timer.unref();
  }

  private failed(what: 'log' | 'state' | 'restart', message: Text): void {
    if (this.failing.has(what)) return;
    this.failing.add(what);
    this.warn(message);
  }

  private recovered(what: 'log' | 'state' | 'restart', message: Text): void {
    if (this.failing.delete(what)) this.warn(message);
  }

  /** Resolves once everything stored before the call is on disk. */
  flush(): Promise<void> {
    const next = this.running.catch(() => undefined).then(() => (this.store.revision === this.written ? undefined : this.write()));
    this.running = next;
    return next;
  }

  /**
   * The last write; then no log. A request still being handled (its connection already cut) may
   * store a card after this: it goes nowhere, as its answer did — not into a closed log's descriptor.
   */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.store.persist = undefined;
    await this.flush();
    this.log?.remove();
    this.log = undefined;
  }

  /** One write of the state file; a failure is reported once (until a write works again) and thrown. */
  private async write(): Promise<void> {
    const started = performance.now();
    try {
      await this.writeState();
    } catch (err) {
      const failure = { path: this.path, reason: (err as Error).message };
      this.failed('state', this.log ? gatewayLocalText.stateWriteFailedKept({ ...failure, log: this.log.path }) : gatewayLocalText.stateWriteFailedInMemory(failure));
      // Exit 2, as for any file the tool cannot write (a results file, keys generate --out): the
      // environment's to fix, not a bug and not the configuration.
      throw new UsageError(gatewayLocalText.stateWriteFailed(failure), {
        hint: gatewayLocalText.stateWriteFailedHint({ dir: dirname(this.path) }),
        cause: err,
      });
    }
    this.recovered('state', gatewayLocalText.stateWrittenAgain({ path: this.path }));
    this.lastWriteEnd = performance.now();
    this.lastWriteMs = this.lastWriteEnd - started;
  }

  private async writeState(): Promise<void> {
    this.loggedDuringWrite = [];
    try {
      await this.writeStateFile();
    } finally {
      this.loggedDuringWrite = undefined;
    }
  }

  private async writeStateFile(): Promise<void> {
    const revision = this.store.revision;
    const cards = this.store.cards();
    const count = cards.length;
    const changeCount = this.store.cardChanges().length;
    const imageCount = this.store.images().length;
    const head: Omit<StateData, 'cards'> = {
      version: 1,
      ...(this.store.identity ? { identity: this.store.identity } : {}),
      apps: [...this.store.apps.values()].map((app) => app.record),
      templates: [...this.store.templates()],
      forms: this.store.forms(),
    };
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    // 0600: the file holds the gateway's private key and the apps' AES keys.
    const file = await (this.files.openTemp ?? openTemp)(temp);
    try {
      // writeFile, not write: a write on a nearly full disk writes what fits and says so only in
      // its count, so a state cut short was renamed into place; writeFile writes every byte or throws.
      const prefix = JSON.stringify(head, null, 1);
      await file.writeFile(`${prefix.slice(0, -2)},\n "cards": [`);
      for (let start = 0; start < count; start += CARDS_PER_WRITE) {
        const end = Math.min(start + CARDS_PER_WRITE, count);
        for (let i = this.cardLines.length; i < end; i++) this.cardLines.push(JSON.stringify(cards[i]));
        await file.writeFile((start === 0 ? '\n' : ',\n') + this.cardLines.slice(start, end).join(',\n'));
      }
      const changes = this.store.cardChanges();
      for (let i = this.changeLines.length; i < changeCount; i++) this.changeLines.push(JSON.stringify(changes[i]));
      const imageLines = this.store.images().slice(0, imageCount).map((image) => JSON.stringify(image)).join(',\n');
      await file.writeFile(`\n ],\n "card_changes": [${changeCount === 0 ? '' : '\n'}${this.changeLines.slice(0, changeCount).join(',\n')}\n ],\n "images": [${imageCount === 0 ? '' : '\n'}${imageLines}\n ]\n}\n`);
      await file.sync();
    } catch (err) {
      await file.close();
      await rm(temp, { force: true });
      throw err;
    }
    await file.close();
    const handOver = this.files.hold?.handOver(temp);
    try {
      await rename(temp, this.path);
    } catch (err) {
      handOver?.(false);
      throw err;
    }
    handOver?.(true);
    this.written = revision;
    // Synchronous from here: nothing is stored between reading what came in meanwhile and restarting
    // the log with it. What the state file has too is read back harmlessly at the next start.
    this.restartLog([...this.loggedDuringWrite!]);
  }

  /**
   * Not a failed write of the state file: that is on disk. The old log is left as it was and keeps
   * taking entries; what it holds that the state file has too is read back harmlessly at the next
   * start. So a warning (once, until a restart works), and the next write tries again.
   */
  private restartLog(since: readonly StoredEntry[]): void {
    if (!this.log) return;
    try {
      this.log.restart(since);
    } catch (err) {
      if (!(err instanceof StateLogWriteError)) throw err;
      this.failed('restart', gatewayLocalText.logRestartFailed({ path: this.path, problem: err.text }));
      return;
    }
    this.recovered('restart', gatewayLocalText.logRestarted({ path: this.log.path }));
  }
}
