/**
 * Quoting for the commands we print for users to paste (`chmod 600 …`, `--map …`, a resume line):
 * it lives here, below cli and batch, because config's own messages need it too.
 */

/** A value as one POSIX shell word, quoted only when it must be. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
