import { UsageError } from '../errors.js';
import { batchInputText } from '../i18n/en/batch-input.js';
import { shellQuote } from '../config/shell-word.js';
import { OPEN_FIELD_NAMES, type FieldNames } from './field-names.js';

/** A CSV column and the field its cells fill (a biz_content path, or auth_token). */
export interface ColumnBinding {
  index: number;
  header: string;
  path: string;
}

export interface ColumnMap {
  bindings: ColumnBinding[];
  /** Headers of columns left out (--ignore-unknown-columns). */
  ignored: string[];
  /** The header that fills `path`, for messages that point at a column. */
  headerOf(path: string): string | undefined;
}

export interface ColumnOptions {
  /** `column=field` pairs from --map. */
  map?: readonly string[] | undefined;
  ignoreUnknownColumns?: boolean | undefined;
  /** The fields columns may fill: the batch action's (card open's by default). */
  names?: FieldNames | undefined;
}

/**
 * Binds each header to a field: --map first, then the header's own name. Problems that would make
 * every row wrong — an unknown column, two columns for one field, a --map naming no column — are
 * usage errors before anything is read or sent.
 */
export function mapColumns(header: readonly string[], options: ColumnOptions = {}): ColumnMap {
  const fields = options.names ?? OPEN_FIELD_NAMES;
  const explicit = parseMapOptions(options.map ?? [], fields);
  // Nameless cells that end the header are no columns: Excel leaves them where a column was
  // cleared, and the reader holds the rows to the named width (a value under them is an error).
  const names = header.slice(0, namedWidth(header)).map((h) => h.trim());
  for (const column of explicit.keys()) {
    if (!names.includes(column)) {
      throw new UsageError(batchInputText.mapNoColumn({ column, quoted: JSON.stringify(column) }), { hint: batchInputText.itsColumnsHint({ columns: names.filter(Boolean).join(', ') }) });
    }
  }
  const seen = new Set<string>();
  const bindings: ColumnBinding[] = [];
  const ignored: string[] = [];
  const unknown: string[] = [];
  names.forEach((name, index) => {
    if (seen.has(name) && name !== '') throw new UsageError(batchInputText.twoColumnsNamed({ name: JSON.stringify(name) }), { hint: batchInputText.renameOneHint() });
    seen.add(name);
    const mapped = explicit.get(name);
    if (mapped !== undefined) return void bindings.push({ index, header: name, path: mapped });
    // Between named ones, a column with no name would be dropped with every value in it: whatever
    // it holds, the user must say what it is.
    if (name === '') {
      throw new UsageError(batchInputText.unnamedColumn({ column: index + 1, letter: columnLetter(index) }), { hint: batchInputText.unnamedColumnHint() });
    }
    const found = fields.lookUp(name);
    if (found === undefined) {
      if (options.ignoreUnknownColumns) ignored.push(name);
      else unknown.push(name);
    } else if ('ambiguous' in found) {
      throw new UsageError(batchInputText.ambiguousColumn({ name: JSON.stringify(name), fields: found.ambiguous }), {
        hint: batchInputText.sayWhichHint({ map: shellQuote(`${name}=${found.ambiguous[0]}`) }),
      });
    } else {
      bindings.push({ index, header: name, path: found.path });
    }
  });
  if (unknown.length > 0) {
    throw new UsageError(batchInputText.unknownColumns({ count: unknown.length, names: unknown.map((u) => JSON.stringify(u)).join(', ') }), {
      hint: batchInputText.unknownColumnsHint({ map: shellQuote(`${unknown[0]}=<field>`), fields: fields.knownNames() }),
    });
  }
  checkOneColumnPerField(bindings);
  const headers = new Map(bindings.map((b) => [b.path, b.header]));
  return { bindings, ignored, headerOf: (path) => headers.get(path) };
}

/** How many cells of the header are columns: up to its last named one. */
export function namedWidth(header: readonly string[]): number {
  let width = header.length;
  while (width > 0 && header[width - 1]!.trim() === '') width--;
  return width;
}

/** A spreadsheet's name for the column at `index` (0 → A, 26 → AA), as people see it in Excel. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function parseMapOptions(pairs: readonly string[], fields: FieldNames): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of pairs) {
    // A field name never holds '=', a spreadsheet header might: split at the last one.
    const at = pair.lastIndexOf('=');
    const column = pair.slice(0, Math.max(at, 0)).trim();
    const field = pair.slice(at + 1).trim();
    if (at <= 0 || column === '' || field === '') throw new UsageError(batchInputText.mapSyntax({ pair: JSON.stringify(pair) }));
    const found = fields.lookUp(field);
    if (found === undefined) throw new UsageError(batchInputText.mapNoField({ pair, field: JSON.stringify(field) }), { hint: batchInputText.fieldsHint({ fields: fields.knownNames() }) });
    if ('ambiguous' in found) throw new UsageError(batchInputText.mapAmbiguous({ pair, field: JSON.stringify(field), fields: found.ambiguous }));
    const before = out.get(column);
    if (before !== undefined && before !== found.path) {
      throw new UsageError(batchInputText.mapTwice({ column: JSON.stringify(column), first: before, second: found.path }), { hint: batchInputText.mapTwiceHint() });
    }
    out.set(column, found.path);
  }
  return out;
}

function checkOneColumnPerField(bindings: readonly ColumnBinding[]): void {
  const byPath = new Map<string, string>();
  for (const b of bindings) {
    const other = byPath.get(b.path);
    if (other !== undefined) {
      throw new UsageError(batchInputText.bothFill({ first: JSON.stringify(other), second: JSON.stringify(b.header), path: b.path }), { hint: batchInputText.bothFillHint() });
    }
    byPath.set(b.path, b.header);
  }
}
