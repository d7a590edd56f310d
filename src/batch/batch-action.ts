import { deletedAsAsked } from '../cards/deleted-already.js';
import { getPath } from '../cards/card-open-fields.js';
import { CARD_DELETE_METHOD, CARD_OPEN_METHOD, CARD_UPDATE_METHOD } from '../cards/methods.js';
import type { GatewayResponse } from '../client/response.js';
import { UsageError } from '../errors.js';
import { batchInputText } from '../i18n/en/batch-input.js';
import { batchRowsText } from '../i18n/en/batch-rows.js';
import type { Text } from '../i18n/text.js';
import { buildDeleteRow, buildUpdateRow } from './change-rows.js';
import type { ColumnMap } from './columns.js';
import type { CsvRecord } from './csv-records.js';
import { DELETE_FIELD_NAMES, OPEN_FIELD_NAMES, UPDATE_FIELD_NAMES, type FieldNames } from './field-names.js';
import type { AttemptFailure, RowOutcome } from './outcome.js';
import { buildRowRequest, type RowContext, type RowRequest, type SentBefore } from './row-request.js';

export const BATCH_ACTIONS = ['open', 'update', 'delete'] as const;
export type BatchActionName = (typeof BATCH_ACTIONS)[number];

/** The status of a row whose request succeeded: what was done to its card. */
export type DoneStatus = 'issued' | 'updated' | 'deleted';

/** A biz_content field that must not repeat between rows, and why. */
export interface UniqueField {
  path: string;
  why: (firstRow: number) => Text;
}

/**
 * What `card batch --action` does to each row: the method, the columns it reads, the request it
 * builds and checks, and how a success reads in the results. The engine around it — validation of
 * every row first, journal, resume, pacing, results — is the same for every action.
 */
export interface BatchAction {
  name: BatchActionName;
  method: string;
  done: DoneStatus;
  /** What is done to each card, as a confirmation says it: "about to issue 20 cards". */
  verb: 'issue' | 'update' | 'delete';
  names: FieldNames;
  /** A header such a file starts with, for messages. */
  header: string;
  unique: readonly UniqueField[];
  /** Columns without which every row would be invalid: a usage error, said once. */
  checkColumns(columns: ColumnMap, defaults: { templateId?: string | undefined; reason?: string | undefined }): void;
  buildRequest(record: CsvRecord, context: RowContext, now: Date, sentBefore?: SentBefore): Promise<RowRequest>;
  /** The results columns that say whose card the row is, from its request (or what the row had, if invalid). */
  identity(biz: Record<string, unknown>): Pick<RowOutcome, 'biz_card_no' | 'user_uni_id' | 'external_card_no'>;
  succeeded(row: number, outSerialNo: string, response: GatewayResponse): RowOutcome;
  /** A business answer that means the row's work was done before (a card deleted already, as the row asked): the row ends done, with the answer kept. */
  doneBefore?(failure: AttemptFailure, bizContent: string): boolean;
}

const SERIAL_TWICE: UniqueField = {
  path: 'out_serial_no',
  why: (first) => batchRowsText.serialTwice({ first }),
};

function cardTwice(action: 'update' | 'delete'): UniqueField {
  return { path: 'target_card_no', why: (first) => batchRowsText.cardTwice({ first, action }) };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

const OPEN: BatchAction = {
  name: 'open',
  method: CARD_OPEN_METHOD,
  done: 'issued',
  verb: 'issue',
  names: OPEN_FIELD_NAMES,
  header: 'user_uni_id,valid_date,level,...',
  unique: [SERIAL_TWICE],
  checkColumns(columns, defaults) {
    if (columns.headerOf('card_user_info.user_uni_id') === undefined) {
      throw new UsageError(batchInputText.noUserColumn(), { hint: batchInputText.noUserColumnHint() });
    }
    if (columns.headerOf('card_template_id') === undefined && !defaults.templateId) {
      throw new UsageError(batchInputText.noTemplate(), {
        hint: 'alipay-card card batch members.csv --template-id 20170308000000000058101000300045',
      });
    }
  },
  buildRequest: buildRowRequest,
  identity: (biz) => ({ user_uni_id: text(getPath(biz, 'card_user_info.user_uni_id')), external_card_no: text(getPath(biz, 'card_ext_info.external_card_no')) }),
  succeeded(row, outSerialNo, response) {
    const card = response.node.card_info as { biz_card_no?: unknown } | undefined;
    return { row, out_serial_no: outSerialNo, status: 'issued', biz_card_no: text(card?.biz_card_no), code: response.node.code };
  },
};

function needCardColumn(columns: ColumnMap, action: string): void {
  if (columns.headerOf('target_card_no') !== undefined) return;
  throw new UsageError(batchInputText.noCardColumn({ action }), { hint: batchInputText.noCardColumnHint() });
}

const UPDATE: BatchAction = {
  name: 'update',
  method: CARD_UPDATE_METHOD,
  done: 'updated',
  verb: 'update',
  names: UPDATE_FIELD_NAMES,
  header: 'target_card_no,point,balance,level,...',
  unique: [cardTwice('update')],
  checkColumns: (columns) => needCardColumn(columns, 'update'),
  buildRequest: buildUpdateRow,
  identity: (biz) => ({ biz_card_no: text(biz.target_card_no) }),
  succeeded: (row, outSerialNo, response) => ({ row, out_serial_no: outSerialNo, status: 'updated', code: response.node.code }),
};

const DELETE: BatchAction = {
  name: 'delete',
  method: CARD_DELETE_METHOD,
  done: 'deleted',
  verb: 'delete',
  names: DELETE_FIELD_NAMES,
  header: 'target_card_no,reason_code',
  unique: [cardTwice('delete'), SERIAL_TWICE],
  checkColumns(columns, defaults) {
    needCardColumn(columns, 'delete');
    if (columns.headerOf('reason_code') === undefined && defaults.reason === undefined) {
      throw new UsageError(batchInputText.noReason(), {
        hint: 'alipay-card card batch cards.csv --action delete --reason USER_UNBUND',
      });
    }
  },
  buildRequest: buildDeleteRow,
  identity: (biz) => ({ biz_card_no: text(biz.target_card_no) }),
  succeeded: (row, outSerialNo, response) => ({ row, out_serial_no: outSerialNo, status: 'deleted', code: response.node.code }),
  // Deleted already (by another serial: someone else, or an earlier file) with the row's reason is
  // what the row asked for, as `card delete` says: done, with the gateway's answer in the results.
  // With another reason (or one the gateway does not name) the row's reason was not applied: failed.
  doneBefore: (failure, bizContent) => failure.sub_code === 'CARD_IS_DELETED_ALREADY' && deletedAsAsked(failure.sub_msg, (JSON.parse(bizContent) as { reason_code?: unknown }).reason_code),
};

const ACTIONS: Record<BatchActionName, BatchAction> = { open: OPEN, update: UPDATE, delete: DELETE };

export function batchAction(name: BatchActionName | undefined): BatchAction {
  return ACTIONS[name ?? 'open'];
}

export function isDone(status: string): status is DoneStatus {
  return status === 'issued' || status === 'updated' || status === 'deleted';
}
