/**
 * An object as `[dotted.key, text]` rows for a key/value table: nested objects become dotted keys,
 * arrays of scalars are joined, arrays of objects get `[i]` keys numbered from 0, as --set paths,
 * field problems and CSV columns number them (a path copied from a table works there), empty values
 * are left out.
 */
export function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    // One item a line: IDs stay whole and copyable instead of wrapping mid-way.
    if (value.every((v) => v === null || typeof v !== 'object')) return [[prefix, value.map(String).join('\n')]];
    return value.flatMap((item, i) => flatten(item, `${prefix}[${i}]`));
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, String(value)]];
}
