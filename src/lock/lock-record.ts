import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * What a lock file says: `<pid>\n<detail>\n<marker>\n`, the marker being
 * `alipay-card-lock/2 <kind> host=<hostname> boot=<boot id> start=<start ticks>`. The first two
 * lines are what versions before the kernel lock wrote (`<pid>\n[detail\n]`, their pid lock), so
 * such a version still reads our pid and waits for us; a file with no marker is theirs.
 */
export interface LockRecord {
  pid: number | undefined;
  detail: string | undefined;
  /**
   * 'kernel': its holder held a kernel lock on it (file-lock.ts), so a file we can lock is a dead
   * holder's; 'pid': a portable lock (portable-lock.ts), held while its process lives; 'legacy':
   * an older alipay-card's pid lock, held while its process lives.
   */
  kind: 'kernel' | 'pid' | 'legacy';
  host: string | undefined;
  boot: string | undefined;
  start: string | undefined;
}

const MARKER = 'alipay-card-lock/2';

export function lockContent(kind: 'kernel' | 'pid', detail: string | undefined): string {
  const self = procStat(process.pid);
  return `${process.pid}\n${detail ?? ''}\n${MARKER} ${kind} host=${hostname() || '-'} boot=${bootId() ?? '-'} start=${self?.start ?? '-'}\n`;
}

export function parseLockRecord(text: string): LockRecord {
  const [first = '', detail = '', marker = ''] = text.split('\n');
  const pid = /^[1-9]\d*$/.test(first.trim()) ? Number(first.trim()) : undefined;
  const words = marker.trim().split(' ');
  const field = (name: string) => {
    const value = words.find((w) => w.startsWith(`${name}=`))?.slice(name.length + 1);
    return value === undefined || value === '-' ? undefined : value;
  };
  const kind = words[0] === MARKER && (words[1] === 'kernel' || words[1] === 'pid') ? words[1] : 'legacy';
  return { pid, detail: detail.trim() || undefined, kind, host: field('host'), boot: field('boot'), start: field('start') };
}

export function readLockRecord(fd: number): LockRecord {
  return parseLockRecord(readFileSync(fd, 'utf8'));
}

/**
 * Whether the process a lock file names still lives: judged by its pid, as a kernel lock cannot be
 * asked (a portable lock, an older version's pid lock). What makes a pid prove little is ruled
 * out where the system tells: a zombie, a pid reused by a process started later (its start time
 * differs), a lock written before a reboot (another boot id). `self` says whether a lock naming
 * this process is held by it. A lock written on another machine (a shared directory) cannot be
 * judged from here: it counts as held.
 */
export function holderLives(record: LockRecord, self: () => boolean): boolean {
  if (record.pid === undefined) return false;
  if (record.host !== undefined && record.host !== (hostname() || undefined)) return true;
  const boot = bootId();
  if (record.boot !== undefined && boot !== undefined && record.boot !== boot) return false;
  if (record.pid === process.pid) return self();
  try {
    process.kill(record.pid, 0);
  } catch (err) {
    // EPERM: it exists, another user's.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(record.pid);
  if (stat === undefined) return true;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return record.start === undefined || record.start === stat.start;
}

/** A process's state letter and start time (clock ticks since boot), where /proc tells (Linux). */
function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (comm) S ppid …`: comm may hold spaces and parentheses; the fields follow the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, start: fields[19]! };
  } catch {
    return undefined;
  }
}

let boot: string | null | undefined;

function bootId(): string | undefined {
  if (boot === undefined) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      boot = null;
    }
  }
  return boot ?? undefined;
}
