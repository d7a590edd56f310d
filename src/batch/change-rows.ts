import { getPath, setPath } from '../cards/card-open-fields.js';
import { validateCardDelete } from '../cards/card-delete.js';
import { levelProblem, validateCardUpdate } from '../cards/card-update.js';
import { templateLevels } from '../cards/template-rules.js';
import { formatTimestamp } from '../protocol/index.js';
import type { CsvRecord } from './csv-records.js';
import { batchRowsText } from '../i18n/en/batch-rows.js';
import { locator, readCells, rowProblem, type RowContext, type RowProblem, type RowRequest, type SentBefore } from './row-request.js';
import { derivedOutSerialNo } from './serial.js';

const CARD_TYPE = 'target_card_no_type';
const LEVEL = 'card_info.level';
const NEW_TEMPLATE = 'card_info.template_id';

/**
 * The card update request for one row: the card (target_card_no, BIZ_CARD unless the row says),
 * occur_time now (journaled, so a re-send is byte for byte the same) unless the row has one, the
 * values the row changes, and every problem with them: card update's field checks, and a level the
 * template does not define — the template the row moves the card to, or --template-id (the
 * template the file's cards are on). An update has no serial: it sets values, so sending it again
 * changes nothing more.
 */
export async function buildUpdateRow(record: CsvRecord, context: RowContext, now: Date, sentBefore?: SentBefore): Promise<RowRequest> {
  const { biz, fromCells, problems, balanceNormalised } = readCells(record, context.columns, 'card_info.balance');
  if (getPath(biz, CARD_TYPE) === undefined) setPath(biz, CARD_TYPE, 'BIZ_CARD');
  const filled: RowRequest['filled'] = {};
  if (getPath(biz, 'occur_time') === undefined) {
    filled.occur_time = sentBefore?.occur_time ?? formatTimestamp(now);
    setPath(biz, 'occur_time', filled.occur_time);
  }
  const located = locator(record.row, context.columns, fromCells);
  problems.push(...validateCardUpdate(biz).map(located));
  const level = getPath(biz, LEVEL);
  const moveTo = getPath(biz, NEW_TEMPLATE);
  const templateId = typeof moveTo === 'string' ? moveTo : context.templateId;
  // A row sent before is not held to its template again: only the gateway can say what it did.
  if (sentBefore === undefined && typeof level === 'string' && templateId !== undefined && !problems.some((p) => p.path === LEVEL)) {
    problems.push(...(await levelProblems(context, record.row, level, templateId, typeof moveTo === 'string')));
  }
  return { row: record.row, outSerialNo: '', biz, filled, balanceNormalised, problems };
}

async function levelProblems(context: RowContext, row: number, level: string, templateId: string, moved: boolean): Promise<RowProblem[]> {
  const template = await context.templates.lookUp(templateId);
  const column = context.columns.headerOf(LEVEL);
  if ('problem' in template) {
    return [moved
      ? rowProblem({ row, column: context.columns.headerOf(NEW_TEMPLATE), path: NEW_TEMPLATE, value: templateId }, template.problem)
      : rowProblem({ row, column, path: LEVEL, value: level }, batchRowsText.levelUnchecked({ problem: template.problem }))];
  }
  const problem = levelProblem(templateLevels(template.rules).map((l) => l.level), level, templateId);
  return problem === undefined ? [] : [{ row, column, ...problem }];
}

/**
 * The card delete request for one row: the card, its reason (the row's, or --reason), and an
 * out_serial_no — the row's own, or derived from the batch and row as card open's are — so a
 * resent row deletes once.
 */
export function buildDeleteRow(record: CsvRecord, context: RowContext, _now: Date, sentBefore?: SentBefore): Promise<RowRequest> {
  const { biz, fromCells, problems } = readCells(record, context.columns, '');
  if (getPath(biz, CARD_TYPE) === undefined) setPath(biz, CARD_TYPE, 'BIZ_CARD');
  if (getPath(biz, 'reason_code') === undefined && context.reason !== undefined) setPath(biz, 'reason_code', context.reason);
  const own = getPath(biz, 'out_serial_no');
  const outSerialNo = sentBefore?.out_serial_no || (typeof own === 'string' ? own : derivedOutSerialNo(context.batchId, record.row));
  // First in the request, as card delete sends it.
  const request = { out_serial_no: outSerialNo, ...biz };
  problems.push(...validateCardDelete(request).map(locator(record.row, context.columns, fromCells)));
  return Promise.resolve({ row: record.row, outSerialNo, biz: request, filled: {}, balanceNormalised: false, problems });
}
