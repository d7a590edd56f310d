import { getPath, setPath, VALID_DATE } from '../cards/card-open-fields.js';
import { applyCardOpenDefaults } from '../cards/card-open-defaults.js';
import { cardOpenFieldValue } from '../cards/card-open-shape.js';
import { problemText, withText, type FieldProblem } from '../cards/problems.js';
import { checkAgainstTemplate } from '../cards/template-rules.js';
import { batchRowsText } from '../i18n/en/batch-rows.js';
import { english, type Text } from '../i18n/text.js';
import { formatTimestamp } from '../protocol/index.js';
import type { ColumnMap } from './columns.js';
import type { CsvRecord } from './csv-records.js';
import { AUTH_TOKEN_FIELD } from './field-names.js';
import { derivedOutSerialNo } from './serial.js';
import { redactedMarker } from '../client/redact.js';
import type { TemplateSource } from './template-lookups.js';

/** One thing wrong with one row: where (row, column, field), what was there, what would be valid. */
export interface RowProblem {
  row: number;
  /** The CSV header of the cell, when the value came from one. */
  column?: string | undefined;
  path: string;
  value: unknown;
  /** In English: what the results file's sub_msg and --validate-only's JSON carry. */
  message: string;
  /** The message as data, for a person (`local()`); absent where it was given as a plain string. */
  text?: Text;
}

/** A problem from its message as data: `message` is its English, `text` renders in any language. */
export function rowProblem(at: Omit<RowProblem, 'message' | 'text'>, text: Text | string): RowProblem {
  return typeof text === 'string' ? { ...at, message: text } : { ...at, message: english(text), text };
}

/** Values we filled in rather than read from the row; journaled, so a re-send is byte for byte the same. */
export interface FilledValues {
  open_date?: string;
  valid_date?: string;
  /** An update's occur_time: when the row was first sent. */
  occur_time?: string;
}

/** What the journal recorded when the row was sent before (a resumed row in flight). */
export interface SentBefore extends FilledValues {
  /** Empty for an update, which has none. */
  out_serial_no: string;
}

export interface RowRequest {
  row: number;
  outSerialNo: string;
  biz: Record<string, unknown>;
  authToken?: string | undefined;
  filled: FilledValues;
  /** The row's balance was whole yuan (or one decimal), as Excel saves 100.00, and was sent with two decimals. */
  balanceNormalised: boolean;
  problems: RowProblem[];
}

export interface RowContext {
  columns: ColumnMap;
  /** --template-id, for rows with no card_template_id of their own. */
  templateId?: string | undefined;
  batchId: string;
  /** ALIPAY_AUTH_TOKEN, for rows with no auth_token column. */
  authToken?: string | undefined;
  /** --reason, for delete rows with no reason_code column. */
  reason?: string | undefined;
  templates: TemplateSource;
}

const TEMPLATE_ID = 'card_template_id';
const BALANCE = 'card_ext_info.balance';
/**
 * Excel saves 100.00 as 100 and 100.50 as 100.5 unless the column is formatted otherwise: such a
 * value is exactly that many yuan, so it is sent with the two decimals the API wants. Three
 * decimals are not an amount in yuan and are still refused (by card open's check).
 */
const EXCEL_AMOUNT = /^\d+(?:\.\d)?$/;

function toTwoDecimals(amount: string): string {
  return amount.includes('.') ? `${amount}0` : `${amount}.00`;
}

/** A row's cells as a biz_content, and what is wrong with the cells themselves. */
export interface RowCells {
  biz: Record<string, unknown>;
  /** The fields this row's cells filled: a problem with one of them points at its column. */
  fromCells: Set<string>;
  problems: RowProblem[];
  balanceNormalised: boolean;
  /** An auth_token cell (sent as a request parameter, never in biz_content). */
  authToken?: string | undefined;
}

/**
 * Each non-empty cell into its field (trimmed: people do not see the spaces around a value in a
 * spreadsheet), a control character refused with its column, and a balance Excel saved as whole
 * yuan given its two decimals.
 */
export function readCells(record: CsvRecord, columns: ColumnMap, balancePath: string): RowCells {
  const cells: RowCells = { biz: {}, fromCells: new Set(), problems: [], balanceNormalised: false };
  for (const { index, header, path } of columns.bindings) {
    const cell = (record.cells[index] ?? '').trim();
    if (cell === '') continue;
    const control = controlCharacterIn(cell);
    // The member's token is a credential: a problem with it names its column, never its value.
    const shown = path === AUTH_TOKEN_FIELD ? redactedMarker(AUTH_TOKEN_FIELD) : cell;
    if (control !== undefined) cells.problems.push(rowProblem({ row: record.row, column: header, path, value: shown }, control));
    if (path === AUTH_TOKEN_FIELD) cells.authToken = cell;
    else if (path === balancePath && EXCEL_AMOUNT.test(cell)) {
      setPath(cells.biz, path, toTwoDecimals(cell));
      cells.balanceNormalised = true;
    } else setPath(cells.biz, path, cardOpenFieldValue(path, cell));
    cells.fromCells.add(path);
  }
  return cells;
}

/** A field problem placed in the file: its row, and its column when a cell (or a missing one) is at fault. */
export function locator(row: number, columns: ColumnMap, fromCells: ReadonlySet<string>): (p: FieldProblem) => RowProblem {
  // withText: a spread copy loses the problem's Text (it is not enumerable), and a person would read English.
  return (p) => explain(withText({
    row,
    column: fromCells.has(p.path) || p.value === undefined ? columns.headerOf(p.path) : undefined,
    ...p,
  }, problemText(p)));
}

/**
 * The card open request for one row, with `card open`'s defaults — out_serial_no (here derived from
 * the batch and row, so a rerun reuses it), open_date now, UID, external_card_no = the serial,
 * valid_date from the template's rule — and every problem with it: `card open`'s field checks, then
 * what its template would refuse (an ASSIGN_FROM_REQUEST field the row lacks, a level the template
 * does not define), checked by the very function the local gateway applies.
 *
 * A row sent before (in flight, or failed and retried) is rebuilt as recorded and not held to the
 * template again: its card may already exist, and only the gateway can say so for its serial.
 */
export async function buildRowRequest(record: CsvRecord, context: RowContext, now: Date, sentBefore?: SentBefore): Promise<RowRequest> {
  const { biz, fromCells, problems: cellProblems, balanceNormalised, authToken: cellToken } = readCells(record, context.columns, BALANCE);
  const authToken = cellToken ?? context.authToken;
  if (getPath(biz, TEMPLATE_ID) === undefined && context.templateId) setPath(biz, TEMPLATE_ID, context.templateId);

  const outSerialNo = sentBefore?.out_serial_no ?? stringAt(biz, 'out_serial_no') ?? derivedOutSerialNo(context.batchId, record.row);
  const filled: FilledValues = {};
  if (getPath(biz, 'card_ext_info.open_date') === undefined) filled.open_date = sentBefore?.open_date ?? formatTimestamp(now);
  applyCardOpenDefaults(biz, { outSerialNo: () => outSerialNo, openDate: filled.open_date ?? '' });

  const row = record.row;
  const located = locator(row, context.columns, fromCells);
  const templateId = stringAt(biz, TEMPLATE_ID);
  const checkRules = sentBefore === undefined;
  const lacksValidDate = getPath(biz, VALID_DATE) === undefined;
  // A row sent before takes the valid_date it was sent with; any other row asks its template.
  const template = templateId !== undefined && (checkRules || (lacksValidDate && sentBefore?.valid_date === undefined))
    ? await context.templates.lookUp(templateId)
    : undefined;
  if (lacksValidDate && sentBefore?.valid_date !== undefined) {
    filled.valid_date = sentBefore.valid_date;
    setPath(biz, VALID_DATE, sentBefore.valid_date);
  }
  // An empty user id cell leaves no card_user_info at all; name the cell, not the object.
  if (getPath(biz, 'card_user_info') === undefined) setPath(biz, 'card_user_info.user_uni_id_type', 'UID');

  const rules = template !== undefined && 'rules' in template ? template.rules : undefined;
  const check = checkAgainstTemplate(biz, rules, now, { holdToRules: checkRules });
  if (check.validDate !== undefined) {
    filled.valid_date = check.validDate.value;
    setPath(biz, VALID_DATE, check.validDate.value);
  }
  const problems: RowProblem[] = [...cellProblems];
  const templateFailed = template !== undefined && 'problem' in template;
  // A template id card open refuses is the problem; that the gateway does not know it adds nothing.
  if (templateFailed && !check.problems.some((p) => p.path === TEMPLATE_ID)) {
    problems.push(rowProblem({ row, column: context.columns.headerOf(TEMPLATE_ID), path: TEMPLATE_ID, value: templateId }, template.problem));
  }
  const why = check.missingValidDateWhy;
  for (const p of check.problems) {
    if (p.path === VALID_DATE && p.value === undefined && (why !== undefined || templateFailed)) {
      // valid_date was to come from the template: say why it did not (a template that cannot be used says it all).
      if (why !== undefined) problems.push(rowProblem({ row, column: context.columns.headerOf(VALID_DATE), path: VALID_DATE, value: undefined }, batchRowsText.validDateRequired({ why })));
      continue;
    }
    problems.push(located(p));
  }
  return { row, outSerialNo, biz, authToken, filled, balanceNormalised, problems };
}

/**
 * C0 controls but tab and line breaks (a quoted CSV value may hold those, and a name or an address
 * text may too), DEL and C1 controls: never text a card shows. A NUL most often means the file is
 * not what it seems (UTF-16 saved as something else, a binary export); the gateway would get it.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const C0_NAMES = ['NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US'];

function controlCharacterIn(cell: string): Text | undefined {
  const found = CONTROL.exec(cell);
  if (found === null) return undefined;
  const code = found[0].charCodeAt(0);
  const name = code < 0x20 ? C0_NAMES[code]! : code === 0x7f ? 'DEL' : batchRowsText.c1Control();
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return batchRowsText.controlCharacter({ hex, name, at: found.index + 1 });
}

function stringAt(biz: Record<string, unknown>, path: string): string | undefined {
  const value = getPath(biz, path);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Excel shows a long number as 2.08830E+15 and saves it so: the digits are gone, and people need to know why. */
function explain(p: RowProblem): RowProblem {
  if (typeof p.value === 'string' && /^\d+(\.\d+)?E\+\d+$/i.test(p.value)) {
    return rowProblem(p, batchRowsText.excelScientific({ message: problemText(p) }));
  }
  return p;
}
