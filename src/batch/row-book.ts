/** Where a row stands. Numbers are what the book stores: one byte per row. */
export const RowState = {
  Unseen: 0,
  /** A request went out (journaled) and no outcome is known yet. */
  InFlight: 1,
  Issued: 2,
  /** Failed for a reason that the same request, sent again, may get past (--retry-failed). */
  FailedRetryable: 3,
  Failed: 4,
  Invalid: 5,
} as const;

export type RowState = (typeof RowState)[keyof typeof RowState];

export interface BookCounts {
  issued: number;
  failed: number;
  /** Of the failed, those --retry-failed would send again. */
  failedRetryable: number;
  invalid: number;
  inFlight: number;
  /** Failed rows by reason (sub_code, else code), most frequent first. */
  failedByReason: Array<[reason: string, count: number]>;
}

/**
 * The state of every row of a run, kept in typed arrays indexed by row number: three bytes a row
 * (state and an interned failure reason), so a resumed million-row file costs 3 MB, not a Map of
 * a million objects. The journal is the durable copy; this is its in-memory index.
 */
export class RowBook {
  private states = new Uint8Array(1024);
  private reasons = new Uint16Array(1024);
  private readonly reasonIds = new Map<string, number>();
  private readonly reasonNames: string[] = [''];
  private highest = 0;

  /** The highest row with a state set (0 for none). */
  get highestRow(): number {
    return this.highest;
  }

  get(row: number): RowState {
    return (this.states[row] ?? RowState.Unseen) as RowState;
  }

  set(row: number, state: RowState, reason?: string): void {
    this.ensure(row);
    if (row > this.highest) this.highest = row;
    this.states[row] = state;
    this.reasons[row] = reason === undefined ? 0 : this.intern(reason);
  }

  reasonOf(row: number): string | undefined {
    const id = this.reasons[row] ?? 0;
    return id === 0 ? undefined : this.reasonNames[id];
  }

  counts(): BookCounts {
    const counts = { issued: 0, failed: 0, failedRetryable: 0, invalid: 0, inFlight: 0 };
    const byReason = new Map<string, number>();
    for (let row = 0; row < this.states.length; row++) {
      const state = this.states[row] as RowState;
      if (state === RowState.Issued) counts.issued++;
      else if (state === RowState.Invalid) counts.invalid++;
      else if (state === RowState.InFlight) counts.inFlight++;
      else if (state === RowState.Failed || state === RowState.FailedRetryable) {
        counts.failed++;
        if (state === RowState.FailedRetryable) counts.failedRetryable++;
        const reason = this.reasonOf(row) ?? 'unknown';
        byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      }
    }
    return { ...counts, failedByReason: [...byReason].sort((a, b) => b[1] - a[1]) };
  }

  private intern(reason: string): number {
    let id = this.reasonIds.get(reason);
    if (id === undefined) {
      // 65,535 distinct reasons is far beyond any gateway's code table; fold the rest into one.
      if (this.reasonNames.length >= 0xffff) return this.intern('other');
      id = this.reasonNames.length;
      this.reasonNames.push(reason);
      this.reasonIds.set(reason, id);
    }
    return id;
  }

  private ensure(row: number): void {
    if (row < this.states.length) return;
    let size = this.states.length;
    while (size <= row) size *= 2;
    const states = new Uint8Array(size);
    states.set(this.states);
    const reasons = new Uint16Array(size);
    reasons.set(this.reasons);
    this.states = states;
    this.reasons = reasons;
  }
}

/**
 * The first row the book has a state for that is not a data row of the file — a blank line, or a
 * row past its end — found while the file's data rows go by in order. Only a journal edited by
 * hand or taken from another file has one.
 */
export class StrayRows {
  private next = 0;
  private lastRow = 1;
  private stray: number | undefined;

  constructor(private readonly book: RowBook) {}

  dataRow(row: number): void {
    this.scan(row);
    this.next = row + 1;
    this.lastRow = row;
  }

  /** The stray row and the file's last data row (1 if it has none), once every data row went by. */
  end(): { row: number; lastRow: number } | undefined {
    this.scan(this.book.highestRow + 1);
    return this.stray === undefined ? undefined : { row: this.stray, lastRow: this.lastRow };
  }

  private scan(to: number): void {
    for (let row = this.next; row < to && this.stray === undefined; row++) if (this.book.get(row) !== RowState.Unseen) this.stray = row;
  }
}

export function isEnded(state: RowState): boolean {
  return state >= RowState.Issued;
}
