import { getPath, setPath } from '../cards/card-open-fields.js';
import { applyCardOpenDefaults, cardOpenFieldValue } from '../cards/card-open-defaults.js';
import { validateCardOpen } from '../cards/card-open.js';
import { dateInFuture } from '../cards/field-rules.js';
import { formatTimestamp } from '../protocol/index.js';
import type { ColumnMap } from './columns.js';
import type { CsvRecord } from './csv-records.js';
import { AUTH_TOKEN_FIELD } from './field-names.js';
import { derivedOutSerialNo } from './serial.js';
import type { ValidDateRules } from './template-valid-dates.js';

/** One thing wrong with one row: where (row, column, field), what was there, what would be valid. */
export interface RowProblem {
  row: number;
  /** The CSV header of the cell, when the value came from one. */
  column?: string | undefined;
  path: string;
  value: unknown;
  message: string;
}

/** Values we filled in rather than read from the row; journaled, so a re-send is byte for byte the same. */
export interface FilledValues {
  open_date?: string;
  valid_date?: string;
}

/** What the journal recorded when the row was sent before (a resumed row in flight). */
export interface SentBefore extends FilledValues {
  out_serial_no: string;
}

export interface RowRequest {
  row: number;
  outSerialNo: string;
  biz: Record<string, unknown>;
  authToken?: string | undefined;
  filled: FilledValues;
  problems: RowProblem[];
}

export interface RowContext {
  columns: ColumnMap;
  /** --template-id, for rows with no card_template_id of their own. */
  templateId?: string | undefined;
  batchId: string;
  /** ALIPAY_AUTH_TOKEN, for rows with no auth_token column. */
  authToken?: string | undefined;
  validDates: ValidDateRules;
}

/**
 * The card open request for one row, with `card open`'s defaults — out_serial_no (here derived from
 * the batch and row, so a rerun reuses it), open_date now, UID, external_card_no = the serial,
 * valid_date from the template's rule — and every problem with it, checked by `card open`'s rules.
 */
export async function buildRowRequest(record: CsvRecord, context: RowContext, now: Date, sentBefore?: SentBefore): Promise<RowRequest> {
  const biz: Record<string, unknown> = {};
  let authToken = context.authToken;
  // Fields this row's cells filled: a problem with one of them points at its column.
  const fromCells = new Set<string>();
  for (const { index, path } of context.columns.bindings) {
    // People do not see the spaces around a value in a spreadsheet, so they are not part of it.
    const cell = (record.cells[index] ?? '').trim();
    if (cell === '') continue;
    if (path === AUTH_TOKEN_FIELD) authToken = cell;
    else setPath(biz, path, cardOpenFieldValue(path, cell));
    fromCells.add(path);
  }
  if (getPath(biz, 'card_template_id') === undefined && context.templateId) setPath(biz, 'card_template_id', context.templateId);

  const outSerialNo = sentBefore?.out_serial_no ?? stringAt(biz, 'out_serial_no') ?? derivedOutSerialNo(context.batchId, record.row);
  const filled: FilledValues = {};
  if (getPath(biz, 'card_ext_info.open_date') === undefined) filled.open_date = sentBefore?.open_date ?? formatTimestamp(now);
  applyCardOpenDefaults(biz, { outSerialNo: () => outSerialNo, openDate: filled.open_date ?? '' });

  const problems: RowProblem[] = [];
  if (getPath(biz, 'card_ext_info.valid_date') === undefined) {
    const validDate = sentBefore?.valid_date ?? (await validDateFromTemplate(biz, context, now, record.row, problems));
    if (validDate !== undefined) {
      filled.valid_date = validDate;
      setPath(biz, 'card_ext_info.valid_date', validDate);
    }
  }
  if (problems.length === 0) {
    // An empty user id cell leaves no card_user_info at all; name the cell, not the object.
    if (getPath(biz, 'card_user_info') === undefined) setPath(biz, 'card_user_info.user_uni_id_type', 'UID');
    for (const p of validateCardOpen(biz)) problems.push({ row: record.row, column: fromCells.has(p.path) || p.value === undefined ? context.columns.headerOf(p.path) : undefined, ...p, message: explain(p.value, p.message) });
  }
  return { row: record.row, outSerialNo, biz, authToken, filled, problems };
}

async function validDateFromTemplate(biz: Record<string, unknown>, context: RowContext, now: Date, row: number, problems: RowProblem[]): Promise<string | undefined> {
  const templateId = stringAt(biz, 'card_template_id');
  const missing = (why: string) => problems.push({ row, path: 'card_ext_info.valid_date', value: undefined, message: `required: ${why}` });
  if (templateId === undefined) {
    // validateCardOpen names the missing template; valid_date follows from it.
    return undefined;
  }
  const rule = await context.validDates.ruleFor(templateId);
  if ('problem' in rule) {
    problems.push({ row, column: context.columns.headerOf('card_template_id'), path: 'card_template_id', value: templateId, message: rule.problem });
    return undefined;
  }
  if ('none' in rule) {
    missing(`a valid_date column ('yyyy-MM-dd HH:mm:ss'), since template ${templateId} has no DATE_IN_FUTURE rule for ValidDate`);
    return undefined;
  }
  try {
    return dateInFuture(now, rule.offset);
  } catch {
    missing(`a valid_date column: template ${templateId}'s DATE_IN_FUTURE rule ${JSON.stringify(rule.offset)} is not like 12m or 365d`);
    return undefined;
  }
}

function stringAt(biz: Record<string, unknown>, path: string): string | undefined {
  const value = getPath(biz, path);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Excel shows a long number as 2.08830E+15 and saves it so: the digits are gone, and people need to know why. */
function explain(value: unknown, message: string): string {
  if (typeof value === 'string' && /^\d+(\.\d+)?E\+\d+$/i.test(value)) {
    return `${message} — this is Excel's scientific notation: format the column as Text and type the digits again`;
  }
  return message;
}
