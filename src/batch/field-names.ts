import { CARD_OPEN_FIELDS } from '../cards/card-open-fields.js';

/** A column that is not a biz_content field: the user's auth_token, sent as a request param, never stored. */
export const AUTH_TOKEN_FIELD = 'auth_token';

export type FieldLookup = { path: string } | { ambiguous: string[] } | undefined;

/**
 * The names a CSV header (or a --map target) may use for a field: the API's own names from the
 * card open reference (`user_uni_id`, `gende`, `card_template_id`), the `card open` flag names
 * with dashes as underscores or dropped (`member_name`, `membername`), and full paths
 * (`member_ext_info.name`). Case, spaces and dashes do not matter: Excel headers are typed by people.
 */
const byName = new Map<string, Set<string>>();
const bySquashedName = new Map<string, Set<string>>();

function add(name: string, path: string): void {
  for (const [map, key] of [[byName, normalize(name)], [bySquashedName, squash(name)]] as const) {
    const paths = map.get(key) ?? new Set<string>();
    paths.add(path);
    map.set(key, paths);
  }
}

for (const field of CARD_OPEN_FIELDS) {
  add(field.path, field.path);
  add(field.path.slice(field.path.lastIndexOf('.') + 1), field.path);
  add(field.flag, field.path);
}
for (let i = 0; i < 4; i++) {
  for (const part of ['label', 'value']) {
    add(`card_ext_info.front_text_list[${i}].${part}`, `card_ext_info.front_text_list[${i}].${part}`);
    add(`front_text_list[${i}].${part}`, `card_ext_info.front_text_list[${i}].${part}`);
  }
}
add(AUTH_TOKEN_FIELD, AUTH_TOKEN_FIELD);

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function squash(name: string): string {
  return normalize(name).replace(/[_.]/g, '');
}

/**
 * The field a name means. Two fields can share a name — `template_id` is both the `--template-id`
 * flag (card_template_id) and card_ext_info.template_id — and then the caller must ask which.
 */
export function lookupField(name: string): FieldLookup {
  const paths = byName.get(normalize(name)) ?? bySquashedName.get(squash(name));
  if (paths === undefined) return undefined;
  if (paths.size > 1) return { ambiguous: [...paths] };
  return { path: [...paths][0]! };
}

/** For error messages: the names people most likely meant to use. */
export function knownFieldNames(): string[] {
  return ['user_uni_id', 'card_template_id', 'out_serial_no', 'external_card_no', 'open_date', 'valid_date', 'level', 'point', 'balance',
    'name', 'gende', 'birth', 'cell', 'front_image_id', 'front_text_list[0].label', AUTH_TOKEN_FIELD, 'or any card open flag name, e.g. member_cell'];
}
