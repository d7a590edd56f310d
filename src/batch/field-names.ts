import { cardOpenFields } from '../cards/card-open-fields.js';
import { CARD_DELETE } from '../cards/card-delete.js';
import { CARD_UPDATE } from '../cards/card-update.js';
import type { MethodModel } from '../cards/method-fields.js';
import { batchInputText } from '../i18n/en/batch-input.js';
import type { Text } from '../i18n/text.js';

/** A column that is not a biz_content field: the user's auth_token, sent as a request param, never stored. */
export const AUTH_TOKEN_FIELD = 'auth_token';

export type FieldLookup = { path: string } | { ambiguous: string[] } | undefined;

/**
 * The names a CSV header (or a --map target) may use for a field of one batch action: the API's
 * own names from the method's reference (`user_uni_id`, `gende`, `target_card_no`), the command's
 * flag names with dashes as underscores or dropped (`member_name`, `membername`), and full paths
 * (`member_ext_info.name`). Case, spaces and dashes do not matter: Excel headers are typed by people.
 */
export class FieldNames {
  private readonly byName = new Map<string, Set<string>>();
  private readonly bySquashedName = new Map<string, Set<string>>();

  /** `known`: the names people most likely meant, for error messages. */
  constructor(private readonly known: readonly (string | Text)[]) {}

  add(name: string, path: string): this {
    for (const [map, key] of [[this.byName, normalize(name)], [this.bySquashedName, squash(name)]] as const) {
      const paths = map.get(key) ?? new Set<string>();
      paths.add(path);
      map.set(key, paths);
    }
    return this;
  }

  /** A field by its full path and by its last key. */
  addPath(path: string): this {
    return this.add(path, path).add(path.slice(path.lastIndexOf('.') + 1), path);
  }

  /**
   * The field a name means. Two fields can share a name — for card open `template_id` is both the
   * `--template-id` flag (card_template_id) and card_ext_info.template_id — and then the caller must ask which.
   */
  lookUp(name: string): FieldLookup {
    const paths = this.byName.get(normalize(name)) ?? this.bySquashedName.get(squash(name));
    if (paths === undefined) return undefined;
    if (paths.size > 1) return { ambiguous: [...paths] };
    return { path: [...paths][0]! };
  }

  knownNames(): readonly (string | Text)[] {
    return this.known;
  }
}

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function squash(name: string): string {
  return normalize(name).replace(/[_.]/g, '');
}

function frontTextLines(names: FieldNames, prefix: string): void {
  for (let i = 0; i < 4; i++) {
    for (const part of ['label', 'value']) {
      names.add(`${prefix}front_text_list[${i}].${part}`, `${prefix}front_text_list[${i}].${part}`);
      names.add(`front_text_list[${i}].${part}`, `${prefix}front_text_list[${i}].${part}`);
    }
  }
}

/** card open's columns. */
export const OPEN_FIELD_NAMES = new FieldNames(['user_uni_id', 'card_template_id', 'out_serial_no', 'external_card_no', 'open_date', 'valid_date', 'level', 'point', 'balance',
  'name', 'gende', 'birth', 'cell', 'front_image_id', 'front_text_list[0].label', AUTH_TOKEN_FIELD, batchInputText.anyOpenFlag()]);
for (const field of cardOpenFields()) OPEN_FIELD_NAMES.addPath(field.path).add(field.flag, field.path);
frontTextLines(OPEN_FIELD_NAMES, 'card_ext_info.');
OPEN_FIELD_NAMES.add(AUTH_TOKEN_FIELD, AUTH_TOKEN_FIELD);

/**
 * A method's plain text members a cell can hold — those with a flag, and the card number and type —
 * by path, last key and flag name. Objects, JSON members and members the method refuses are not
 * columns (a cell holds one value; the gateway ignores open_date in an update).
 */
function methodFieldNames(model: MethodModel, known: readonly (string | Text)[]): FieldNames {
  const names = new FieldNames(known);
  for (const field of model.fields) {
    if (field.refused !== undefined || field.path.includes('[]') || field.path.includes('mdcode_info')) continue;
    if (field.kind !== undefined && field.kind !== 'text' && field.kind !== 'timestamp') continue;
    names.addPath(field.path);
    if (field.flag) names.add(field.flag, field.path);
  }
  // What a CRM export calls the card: Alipay's own number for it, biz_card_no, as card open answered.
  names.add('biz_card_no', 'target_card_no').add('card_no', 'target_card_no');
  return names;
}

/** card update's columns: the card, then what changes (`point`, `balance`, `level`, `template_id` to move it, ...). */
export const UPDATE_FIELD_NAMES = methodFieldNames(CARD_UPDATE, [batchInputText.cardNumberNames(), 'point', 'balance', 'level', 'external_card_no', 'template_id', 'front_image_id',
  'front_text_list[0].label', 'changed_point', 'occur_time', batchInputText.anyUpdateFlag()]);
frontTextLines(UPDATE_FIELD_NAMES, 'card_info.');

/** card delete's columns: the card and the reason (`reason_code`, or `reason` as the flag). */
export const DELETE_FIELD_NAMES = methodFieldNames(CARD_DELETE, [batchInputText.cardNumberNames(), batchInputText.reasonNames(), 'out_serial_no']);
