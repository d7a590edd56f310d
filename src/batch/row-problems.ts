import type { RowProblem } from './row-request.js';

/** Where the problem is, in the words of the file: its column and the field; a filled-in value by its field. */
function where(p: RowProblem): string {
  if (p.column === undefined) return p.path;
  return p.column === p.path ? p.column : `${p.column} (${p.path})`;
}

function shown(value: unknown): string {
  return value === undefined ? '' : ` — got ${JSON.stringify(value)}`;
}

/** `row 12, birth (member_ext_info.birth): must be 'yyyy-MM-dd', a date that exists — got "1990-02-30"` */
export function problemLine(p: RowProblem): string {
  return `row ${p.row}, ${where(p)}: ${p.message}${shown(p.value)}`;
}

/** One object per problem for json/ndjson: row, column, field, value, problem. */
export function problemJson(p: RowProblem): Record<string, unknown> {
  return { row: p.row, column: p.column ?? null, field: p.path, value: p.value ?? null, problem: p.message };
}

/** The results file's sub_msg for an invalid row: every problem, each with its column. */
export function describeRowProblems(problems: readonly RowProblem[]): string {
  return problems.map((p) => `${p.column ?? p.path}: ${p.message}${p.value === undefined ? '' : ` (got ${JSON.stringify(p.value)})`}`).join('; ');
}
