import { editDistance } from '../config/edit-distance.js';
import { cardsFieldsText } from '../i18n/en/cards-fields.js';
import { isAtOrUnder } from './card-open-fields.js';
import { textOfNumber } from './number-text.js';
import { fieldProblem, isJsonObject, type FieldProblem } from './problems.js';

/**
 * Every member of a card open biz_content and the JSON type the reference gives it: `String(n)`
 * members are sent as JSON strings, `time_stamp` (`Number(20)`, unquoted in the sample) as a JSON
 * number. Anything else is not part of the API, and the gateway would drop it without a word.
 */
type Shape = 'string' | 'number' | { readonly [key: string]: Shape } | readonly [Shape];

const CARD_OPEN_SHAPE: Shape = {
  out_serial_no: 'string',
  card_template_id: 'string',
  card_user_info: { user_uni_id: 'string', user_uni_id_type: 'string' },
  card_ext_info: {
    biz_card_no: 'string',
    external_card_no: 'string',
    open_date: 'string',
    valid_date: 'string',
    level: 'string',
    point: 'string',
    balance: 'string',
    template_id: 'string',
    mdcode_info: { code_status: 'string', code_value: 'string', expire_time: 'string', time_stamp: 'number' },
    front_text_list: [{ label: 'string', value: 'string' }],
    front_image_id: 'string',
  },
  member_ext_info: { name: 'string', gende: 'string', birth: 'string', cell: 'string' },
  open_card_channel: 'string',
  open_card_channel_id: 'string',
};

/** Dotted paths of every known member, arrays written `[]`: 'card_ext_info.front_text_list[].label'. */
export const CARD_OPEN_PATHS: readonly string[] = pathsOf(CARD_OPEN_SHAPE, '');

/**
 * Puts a card open biz_content into the types the reference gives its members, in place, and
 * returns what cannot be: members the API does not have (with the nearest one it does), and JSON
 * numbers that would not arrive as the text the user meant. A number where a string belongs is
 * sent as its decimal text — except balance, whose trailing zeros JSON drops (`100.00` parses as
 * 100), and whole numbers beyond 2^53, whose digits JSON parsers do not keep.
 */
export function normalizeCardOpenBiz(biz: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  walk(biz, CARD_OPEN_SHAPE as Record<string, Shape>, '', problems);
  return problems;
}

/**
 * A text value for a member of the given path as the reference types it: a `time_stamp` of digits
 * becomes a JSON number when one can hold it exactly; everything else stays the text it was given.
 */
export function cardOpenFieldValue(path: string, value: string): unknown {
  if (path.endsWith('.time_stamp') && /^\d{1,16}$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  return value;
}

/**
 * Every value of a request as `[path, text]`, in the reference's order of members, with the paths
 * errors and `--set` use (`card_ext_info.front_text_list[0].label`): what a person confirms.
 */
export function cardOpenRows(biz: Record<string, unknown>): Array<[string, string]> {
  return rowsOf(biz, CARD_OPEN_SHAPE, '');
}

function rowsOf(value: unknown, shape: Shape | undefined, path: string): Array<[string, string]> {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => rowsOf(item, Array.isArray(shape) ? shape[0] : undefined, `${path}[${i}]`));
  if (!isJsonObject(value)) return [[path, typeof value === 'string' ? value : JSON.stringify(value)]];
  const members = shape !== undefined && typeof shape === 'object' && !Array.isArray(shape) ? Object.keys(shape) : [];
  const keys = [...members.filter((k) => Object.hasOwn(value, k)), ...Object.keys(value).filter((k) => !members.includes(k))];
  return keys.flatMap((key) => rowsOf(value[key], members.includes(key) ? (shape as Record<string, Shape>)[key] : undefined, path === '' ? key : `${path}.${key}`));
}

/** True for a known member or a part of one ('card_ext_info', 'card_ext_info.front_text_list[0]'). */
export function isCardOpenPath(path: string): boolean {
  const plain = path.replace(/\[\d+\]/g, '[]');
  return CARD_OPEN_PATHS.some((known) => isAtOrUnder(known, plain));
}

export function unknownFieldProblem(path: string, value: unknown): FieldProblem {
  return fieldProblem(path, value, cardsFieldsText.notAFieldOf({ method: 'alipay.marketing.card.open', nearest: nearestCardOpenPath(path) }));
}

/** The known member nearest to an unknown path: same last name first, then edit distance. */
export function nearestCardOpenPath(path: string): string {
  const plain = path.replace(/\[\d+\]/g, '[]');
  const last = lastName(plain);
  let best = CARD_OPEN_PATHS[0]!;
  let bestScore = Infinity;
  for (const known of CARD_OPEN_PATHS) {
    const score = lastName(known) === last ? 0 : Math.min(editDistance(plain, known), editDistance(last, lastName(known)) + 1);
    if (score < bestScore) [best, bestScore] = [known, score];
  }
  return best;
}

function walk(node: Record<string, unknown>, shape: Record<string, Shape>, path: string, problems: FieldProblem[]): void {
  for (const [key, value] of Object.entries(node)) {
    const at = path === '' ? key : `${path}.${key}`;
    const member = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (member === undefined) {
      problems.push(unknownFieldProblem(at, value));
    } else if (member === 'string' || member === 'number') {
      const fixed = typed(member, key, value, at, problems);
      if (fixed !== value) node[key] = fixed;
    } else if (Array.isArray(member)) {
      if (!Array.isArray(value)) continue;
      value.forEach((item, i) => {
        if (isJsonObject(item)) walk(item, member[0] as Record<string, Shape>, `${at}[${i}]`, problems);
      });
    } else if (isJsonObject(value)) {
      walk(value, member as Record<string, Shape>, at, problems);
    }
    // A wrong kind of value (an object for a string, ...) is validateCardOpen's to report.
  }
}

function typed(type: 'string' | 'number', key: string, value: unknown, at: string, problems: FieldProblem[]): unknown {
  if (type === 'number') return typeof value === 'string' ? cardOpenFieldValue(at, value) : value;
  return textOfNumber(key, value, at, problems);
}

function pathsOf(shape: Shape, prefix: string): string[] {
  if (typeof shape === 'string') return [prefix];
  if (Array.isArray(shape)) return pathsOf(shape[0] as Shape, `${prefix}[]`);
  return Object.entries(shape as Record<string, Shape>).flatMap(([key, member]) => pathsOf(member, prefix === '' ? key : `${prefix}.${key}`));
}

function lastName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
