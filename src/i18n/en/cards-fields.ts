// What every check of a biz_content field says (src/cards/fields.ts, problems.ts, method-fields.ts):
// what a value should be, as nouns, and the sentences they go into (`required: <what>`,
// `must be <expected>`), so each method's own words compose with them.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  bizNotObject: 'biz_content must be a JSON object',

  // What a value should be.
  textOfAtMost: (p: { max: number }) => `a string of at most ${p.max} characters`,
  nonEmptyTextOfAtMost: (p: { max: number }) => `a non-empty string of at most ${p.max} characters`,
  /** A list item whose reference states no length. */
  nonEmptyText: 'a non-empty string',
  jsonObject: 'a JSON object',
  jsonArray: 'a JSON array',
  nonEmptyJsonArray: 'a JSON array with at least one item',
  /** time_stamp and other `Number` members: whole numbers JSON keeps exactly. */
  wholeNumber: (p: { max: number }) => `a whole number from 0 to ${p.max}, e.g. 1496996459`,
  /** Valid values, as the API spells them: `one of SUCCESS, FAIL_RETRY`. */
  oneOf: (p: { values: string }) => `one of ${p.values}`,
  timestampFormat: "'yyyy-MM-dd HH:mm:ss' (Asia/Shanghai), a date that exists, e.g. 2024-05-01 09:30:00",
  dateFormat: "'yyyy-MM-dd', a date that exists, e.g. 2016-06-27",
  httpUrl: 'an http:// or https:// URL',
  trueOrFalse: 'true or false',

  // What a value is instead (a JSON value's kind).
  anArray: 'an array',
  aNull: 'null',
  anObject: 'an object',
  aString: 'a string',
  aNumber: 'a number',
  aBoolean: 'a boolean',
  aValueOfType: (p: { type: string }) => `a ${p.type}`,

  // The sentences.
  required: (p: { what: string }) => `required: ${p.what}`,
  requiredPlain: 'required',
  mustBe: (p: { expected: string }) => `must be ${p.expected}`,
  mustBeNot: (p: { expected: string; got: string }) => `must be ${p.expected}, not ${p.got}`,
  tooLong: (p: { max: number; length: number }) => `must be at most ${p.max} characters (it has ${p.length})`,
  tooLongAsJson: (p: { max: number; length: number }) => `must be at most ${p.max} characters as JSON (it has ${p.length})`,
  tooManyItems: (p: { max: number; length: number }) => `must have at most ${p.max} items (it has ${p.length})`,
  /**
   * An item left out before one given (`--set 'x[1].label=A'` with no x[0]): JSON would send it as
   * null, which every gateway refuses.
   */
  listGap: 'missing: a list is numbered from [0] with no gap, and this item was not given (it would be sent as null)',
  /** A member the method does not have, and the nearest one it does. */
  notAFieldOf: (p: { method: string; nearest: string }) => `not a field of ${p.method} (did you mean ${p.nearest}?)`,
  /** valid_date after open_date, end_date after start_date. */
  afterDate: (p: { field: string; date: string }) => `must be after ${p.field} (${p.date})`,
} satisfies Entries);

export type CardsFieldsEntries = ReturnType<typeof entries>;
export const cardsFieldsText = messages('cards-fields', entries);
