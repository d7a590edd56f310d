import { problemText, shownValue } from '../cards/problems.js';
import { batchRowsText } from '../i18n/en/batch-rows.js';
import { local } from '../i18n/text.js';
import type { RowProblem } from './row-request.js';
import type { ValidationReport } from './validate-file.js';

/** Where the problem is, in the words of the file: its column and the field; a filled-in value by its field. */
function where(p: RowProblem): string {
  if (p.column === undefined) return p.path;
  return p.column === p.path ? p.column : `${p.column} (${p.path})`;
}

/** For a person, in their language: `row 12, birth (member_ext_info.birth): must be 'yyyy-MM-dd', a date that exists — got "1990-02-30"` */
export function problemLine(p: RowProblem): string {
  const at = { row: p.row, where: where(p), message: problemText(p) };
  return local(p.value === undefined ? batchRowsText.problemLine(at) : batchRowsText.problemLineGot({ ...at, value: shownValue(p.value) }));
}

/** One object per problem for json/ndjson: row, column, field, value, problem. */
export function problemJson(p: RowProblem): Record<string, unknown> {
  return { row: p.row, column: p.column ?? null, field: p.path, value: p.value ?? null, problem: p.message };
}

/** The results file's sub_msg for an invalid row: every problem, each with its column. */
export function describeRowProblems(problems: readonly RowProblem[]): string {
  return problems.map((p) => `${p.column ?? p.path}: ${p.message}${p.value === undefined ? '' : ` (got ${shownValue(p.value)})`}`).join('; ');
}

/**
 * What --validate-only prints, piece by piece, so that problems go out as they are found. As JSON
 * stdout is either nothing or one whole object: the opening goes out with the first problem (a
 * file that cannot be opened prints nothing), and a file that breaks half way (an unbalanced
 * quote on row 900,000) closes the object with the error.
 */
export class ProblemListing {
  private opened = false;

  constructor(private readonly format: 'table' | 'json' | 'ndjson') {}

  problem(p: RowProblem): string {
    if (this.format === 'table') return problemLine(p) + '\n';
    if (this.format === 'ndjson') return JSON.stringify(problemJson(p)) + '\n';
    const lead = this.opened ? ',\n' : '{"problems":[\n';
    this.opened = true;
    return lead + JSON.stringify(problemJson(p));
  }

  end(report: ValidationReport, encoding: string): string {
    if (this.format !== 'json') return '';
    return `${this.opened ? '\n]' : '{"problems":[]'},"rows":${report.rows},"invalid_rows":${report.invalidRows},"balances_normalised":${report.balancesNormalised},"encoding":${JSON.stringify(encoding)}}\n`;
  }

  /** What closes the JSON printed so far when the check stops on an error ('' if none was printed). */
  failed(err: unknown): string {
    if (this.format !== 'json' || !this.opened) return '';
    return `\n],"error":${JSON.stringify(err instanceof Error ? err.message : String(err))}}\n`;
  }
}
