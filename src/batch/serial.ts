/**
 * A batch's identity and the out_serial_no of a row that brings none.
 *
 * The batch id is the start of the file's SHA-256, so it is the same on every run of the same bytes:
 * a resumed run — or a rerun after the journal was lost — sends each row under the serial it had,
 * and the gateway's idempotency answers a serial it has seen with the card it already issued.
 * 16 hex digits (64 bits) make two different files sharing an id practically impossible.
 */
export function batchIdOf(sha256: string): string {
  return sha256.slice(0, 16);
}

/** `<batch id><row, 8 digits>`, e.g. `3f2a9c0d1e4b5a6f00000002`: 24 characters, sortable by row. */
export function derivedOutSerialNo(batchId: string, row: number): string {
  return `${batchId}${String(row).padStart(8, '0')}`;
}
