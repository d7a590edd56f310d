import { openCsv, type ShapeOptions } from './csv-shape.js';
import { DuplicateSerials } from './duplicate-serials.js';
import type { InputFile } from './input-file.js';
import { batchAction } from './batch-action.js';
import type { RowContext, RowProblem } from './row-request.js';

export interface ValidationReport {
  rows: number;
  invalidRows: number;
  problems: number;
  /** Valid rows whose balance came as whole yuan (or one decimal) and would be sent with two decimals. */
  balancesNormalised: number;
}

/**
 * Checks every row of the file with its action's rules (`card open`'s, its template's field rules
 * and levels included; card update's or card delete's), and hands each invalid row's problems to `onInvalid` as it is found (streamed: a
 * million-row file is never held in memory). Nothing is sent but one template query per template.
 */
export async function validateFile(
  file: InputFile,
  shape: ShapeOptions,
  context: Omit<RowContext, 'columns'>,
  now: () => Date,
  onInvalid: (problems: RowProblem[]) => Promise<void> | void,
): Promise<ValidationReport> {
  const action = batchAction(shape.action);
  const { columns, records } = await openCsv(file, shape);
  const rowContext: RowContext = { ...context, columns };
  const report: ValidationReport = { rows: 0, invalidRows: 0, problems: 0, balancesNormalised: 0 };
  const duplicates = new DuplicateSerials(columns, action.unique);
  for await (const record of records) {
    report.rows++;
    const { problems, balanceNormalised } = await action.buildRequest(record, rowContext, now());
    const duplicate = duplicates.check(record);
    if (duplicate) problems.push(duplicate);
    if (problems.length === 0) {
      if (balanceNormalised) report.balancesNormalised++;
      continue;
    }
    report.invalidRows++;
    report.problems += problems.length;
    await onInvalid(problems);
  }
  return report;
}
