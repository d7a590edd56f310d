import type { UniqueField } from './batch-action.js';
import type { ColumnMap } from './columns.js';
import type { CsvRecord } from './csv-records.js';
import { rowProblem, type RowProblem } from './row-request.js';

/**
 * Finds rows that bring a value an earlier row of the file already brought, in a field that must
 * not repeat: an out_serial_no (the gateway answers a serial it has seen with that card, or
 * refuses a different request under it: identical rows would both report "issued" with one card,
 * and different rows would race for the serial), or the card an update or delete names (rows run
 * at once: which of two updates came last would be chance). So the later row is invalid and never
 * sent. Derived serials are unique by construction: only values from the file's cells are kept.
 * Rows must be checked in file order, each once.
 */
export class DuplicateSerials {
  private readonly fields: Array<{ index: number; header: string; unique: UniqueField; seen: SerialRows }>;

  constructor(columns: ColumnMap, unique: readonly UniqueField[]) {
    this.fields = unique.flatMap((u) => {
      const column = columns.bindings.find((b) => b.path === u.path);
      return column === undefined ? [] : [{ index: column.index, header: column.header, unique: u, seen: new SerialRows() }];
    });
  }

  check(record: CsvRecord): RowProblem | undefined {
    for (const field of this.fields) {
      const value = (record.cells[field.index] ?? '').trim();
      if (value === '') continue;
      const first = field.seen.firstRow(value, record.row);
      if (first !== undefined) return rowProblem({ row: record.row, column: field.header, path: field.unique.path, value }, field.unique.why(first));
    }
    return undefined;
  }
}

/**
 * Serial → the row it first appeared on, in typed arrays rather than a Map of strings (which costs
 * several times as much and would break the batch's memory bar): each row's 64-bit serial hash by
 * row number, and an open-addressing table of row numbers, at most half full. About 16 MB for a
 * million serials. Two serials sharing a hash (odds under 1 in 30 million for a million-row file)
 * would make the later row invalid: refused, never a card issued twice.
 */
class SerialRows {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  /** Row numbers; 0 marks an empty slot (rows are numbered from 1). */
  private slots = new Uint32Array(1024);
  private count = 0;

  /** The row `serial` first appeared on, or undefined (and it is recorded for `row`). */
  firstRow(serial: string, row: number): number | undefined {
    const [hi, lo] = hash64(serial);
    const slot = this.find(hi, lo);
    if (this.slots[slot] !== 0) return this.slots[slot];
    if (row >= this.hi.length) this.growRows(row);
    this.hi[row] = hi;
    this.lo[row] = lo;
    this.slots[slot] = row;
    if (++this.count * 2 > this.slots.length) this.growSlots();
    return undefined;
  }

  private find(hi: number, lo: number): number {
    const mask = this.slots.length - 1;
    let slot = lo & mask;
    for (let row = this.slots[slot]!; row !== 0 && (this.hi[row] !== hi || this.lo[row] !== lo); row = this.slots[slot]!) slot = (slot + 1) & mask;
    return slot;
  }

  private growRows(row: number): void {
    let size = this.hi.length;
    while (size <= row) size *= 2;
    for (const key of ['hi', 'lo'] as const) {
      const bigger = new Uint32Array(size);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }

  private growSlots(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (const row of old) if (row !== 0) this.slots[this.find(this.hi[row]!, this.lo[row]!)] = row;
  }
}

/** cyrb53's mixing (bryc, public domain), both 32-bit halves kept: fast, and well spread for short keys. */
function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
