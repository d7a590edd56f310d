import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { systemFolderNamed } from '../config/system-folders.js';
import { UsageError } from '../errors.js';
import { memberServeText } from '../i18n/en/member-serve.js';
import { takeFileLock, type FileLock } from '../lock/file-lock.js';
import { realFilePath } from '../lock/real-path.js';
import type { Text } from '../i18n/text.js';

/** What the journal knows of a sign-up: the member and their answers, the card request as sent, the card. */
export interface MemberEntry {
  user_id?: string;
  answers?: Record<string, string>;
  biz?: Record<string, unknown>;
  biz_card_no?: string;
  /** The gateway refused the card request (its sub_code): no card came of it. */
  refused?: string;
}

/** A card request sent for a member whose outcome is not known: the gateway may have issued its card. */
export interface PendingRequest {
  requestId: string;
  biz: Record<string, unknown>;
}

/**
 * member serve's journal: NDJSON, one line per step of a sign-up (`{"request_id", ...}`), synced,
 * merged in order on start. One member serve at a time uses it (a lock beside it): two would each
 * keep their own copy in memory, and give a member a card each.
 */
export class MemberJournal {
  private readonly entries = new Map<string, MemberEntry>();
  private readonly cards = new Map<string, string>();
  private readonly pending = new Map<string, string>();

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private size: number,
    private readonly lock: FileLock,
  ) {}

  /**
   * Opens (and makes) the journal of `templateId`'s sign-ups and takes its lock. A line cut short
   * by a kill (its step is done again) is taken back if it is the last, and skipped with a warning
   * if it is not (an older alipay-card ended such a line and wrote on); a last line that is whole
   * but for its newline is kept. Any other damaged line is exit 2 naming it: it may hold a card,
   * which skipping it would issue again. A journal of another template's sign-ups is exit 2.
   */
  static async open(path: string, templateId: string, warn?: (message: Text | string) => void): Promise<MemberJournal> {
    refuseNonFile(path);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Where a symlink to it points: its lock, beside it, is then one for every name.
    const real = realFilePath(path);
    const lock = await takeFileLock(`${real}.lock`, {
      warn,
      busy: ({ pid }) => new UsageError(memberServeText.journalBusy({ pid: pid === undefined ? '' : String(pid), journal: path }), { hint: memberServeText.journalBusyHint() }),
      hint: memberServeText.journalLockHint(),
    });
    let fd: number | undefined;
    try {
      fd = openSync(real, 'a', 0o600);
      const text = readFileSync(real, 'utf8');
      const journal = new MemberJournal(path, fd, fstatSync(fd).size, lock);
      const lastWhole = journal.load(text, warn);
      if (!text.endsWith('\n') && text !== '') {
        // Whole but for its newline: ended. Cut short: taken back, so the next step starts a line of its own.
        if (lastWhole) journal.write('\n');
        else journal.cutTo(Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
      }
      journal.refuseOtherTemplate(templateId);
      return journal;
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      lock.release();
      throw err;
    }
  }

  /** Reads every step; whether the last line, when it has no newline, is a whole step. */
  private load(text: string, warn?: (message: Text | string) => void): boolean {
    const lines = text.split('\n');
    const unended = text.endsWith('\n') ? -1 : lines.length - 1;
    let lastWhole = false;
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let step: MemberEntry & { request_id?: unknown };
      try {
        step = JSON.parse(line) as MemberEntry & { request_id?: unknown };
        if (typeof step !== 'object' || step === null || typeof step.request_id !== 'string') throw new Error('not a step of a sign-up');
      } catch (err) {
        if (index === unended) return;
        if (CUT_SHORT.test(line)) {
          warn?.(memberServeText.journalLineCut({ path: this.path, line: index + 1 }));
          return;
        }
        throw new UsageError(memberServeText.journalDamaged({ path: this.path, line: index + 1, problem: (err as Error).message }), { hint: memberServeText.journalDamagedHint() });
      }
      if (index === unended) lastWhole = true;
      const { request_id: id, ...rest } = step;
      this.remember(id as string, rest);
    });
    return lastWhole;
  }

  /** One journal, one template: a member of another is not a member of this one, nor is their request this template's. */
  private refuseOtherTemplate(templateId: string): void {
    for (const entry of this.entries.values()) {
      const other = entry.biz?.card_template_id;
      if (other !== undefined && other !== templateId) {
        throw new UsageError(memberServeText.journalOtherTemplate({ path: this.path, other: String(other), templateId }), { hint: memberServeText.journalOtherTemplateHint() });
      }
    }
  }

  get(requestId: string): MemberEntry | undefined {
    return this.entries.get(requestId);
  }

  /** The card a member was given last, whichever sign-up gave it. */
  cardOf(userId: string): string | undefined {
    return this.cards.get(userId);
  }

  /** The member's card request last sent with no answer (a timeout, a reset, a crash): to be sent again as it was. */
  pendingOf(userId: string): PendingRequest | undefined {
    const requestId = this.pending.get(userId);
    const biz = requestId === undefined ? undefined : this.entries.get(requestId)?.biz;
    return requestId === undefined || biz === undefined ? undefined : { requestId, biz };
  }

  /**
   * One step, written whole and synced before it counts. A write cut short (a full disk) is taken
   * back, so the journal never holds half a line, and the step is an error, not remembered.
   */
  append(requestId: string, step: MemberEntry): void {
    this.write(`${JSON.stringify({ request_id: requestId, ...step })}\n`);
    this.remember(requestId, step);
  }

  private write(line: string): void {
    const bytes = Buffer.from(line);
    try {
      // With a descriptor, writeFileSync writes until every byte is out or fails (as the gateway's state log does).
      writeFileSync(this.fd, bytes);
      fsyncSync(this.fd);
      this.size += bytes.length;
    } catch (err) {
      try {
        this.cutTo(this.size);
      } catch {
        // The next start takes back the line this left, and its step is done again.
      }
      throw err;
    }
  }

  private cutTo(size: number): void {
    ftruncateSync(this.fd, size);
    this.size = size;
  }

  private remember(requestId: string, step: MemberEntry): void {
    const entry = { ...this.entries.get(requestId), ...step };
    this.entries.set(requestId, entry);
    const user = entry.user_id;
    if (user === undefined) return;
    if (step.biz !== undefined && entry.biz_card_no === undefined) this.pending.set(user, requestId);
    if (entry.biz_card_no !== undefined || entry.refused !== undefined) {
      if (entry.biz_card_no !== undefined) this.cards.set(user, entry.biz_card_no);
      // This request's outcome is known, and so is that of another whose request it sent again.
      const waiting = this.pending.get(user);
      if (waiting !== undefined && sameRequest(this.entries.get(waiting)?.biz, entry.biz)) this.pending.delete(user);
    }
  }

  close(): void {
    closeSync(this.fd);
    this.lock.release();
  }
}

function sameRequest(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  return a !== undefined && b !== undefined && a.out_serial_no === b.out_serial_no;
}

/**
 * A line a kill cut short, as it was written: the start of a step (`{"request_id":"…`) and then
 * printable text only. Anything else that does not parse (a NUL, bytes from elsewhere) is damage.
 */
const CUT_SHORT = /^\{"request_id":"[\w-]*(?:"[^\u0000-\u001f]*)?$/;

/** /dev/null would keep nothing, /dev/full nothing but errors: a journal is a file. */
function refuseNonFile(path: string): void {
  let isFile = systemFolderNamed(path) === undefined;
  try {
    // A directory is told as any output file's is (outputFileError), when it is opened.
    const stats = statSync(path);
    isFile &&= stats.isFile() || stats.isDirectory();
  } catch {
    // Not there yet: made as a file.
  }
  if (!isFile) throw new UsageError(memberServeText.journalNotAFile({ path }));
}
