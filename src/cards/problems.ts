// Problems with biz_content fields as data, and the counting rules every check shares.
import { cardsFieldsText } from '../i18n/en/cards-fields.js';
import { commonText } from '../i18n/en/common.js';
import { english, Text } from '../i18n/text.js';

/** One thing wrong with a field, as data: where, what was there, and what would be valid. */
export interface FieldProblem {
  /** Dotted path into biz_content, e.g. 'card_ext_info.front_text_list[1].label'; '' for the whole object. */
  path: string;
  value: unknown;
  /** In English: what the gateway's sub_msg, results files and JSON carry. */
  message: string;
  /**
   * The message as data, for a person (`local()`); absent where it was given as a plain string.
   * Not enumerable (fieldProblem makes it so): JSON and deep equality see a problem as its path,
   * value and message, as before there was a text. A spread copy (`{ ...p }`) loses it: copy
   * with `copyProblem`, or give the copy its text with `withText`.
   */
  text?: Text;
}

/** A problem from its message as data: `message` is its English, `text` renders in any language. */
export function fieldProblem(path: string, value: unknown, text: Text | string): FieldProblem {
  return withText({ path, value, message: '' }, text);
}

/**
 * `problem` saying `text`, in place: `message` its English, `text` the Text itself (not enumerable),
 * or none for a plain string. For a copy made with a spread: `withText({ row, ...p }, problemText(p))`.
 */
export function withText<P extends FieldProblem>(problem: P, text: Text | string): P {
  problem.message = english(text);
  if (typeof text === 'string') delete problem.text;
  else Object.defineProperty(problem, 'text', { value: text, enumerable: false, writable: true, configurable: true });
  return problem;
}

/** A copy of a problem (its other members too) with another path, value or message, keeping its text, which a spread drops. */
export function copyProblem<P extends FieldProblem>(problem: P, change: { path?: string; value?: unknown; text?: Text | string } = {}): P {
  const { text, ...members } = change;
  return withText({ ...problem, ...members }, text ?? problemText(problem));
}

/** What a person reads of a problem: its Text, or its message where it has none. */
export function problemText(problem: FieldProblem): Text | string {
  return problem.text ?? problem.message;
}

/** How much of a value a problem line quotes: enough to find it, not a 100 KB argument echoed back. */
const SHOWN_VALUE_MAX = 80;

/** A problem's value as a person is shown it: its JSON, cut at SHOWN_VALUE_MAX characters with an ellipsis. */
export function shownValue(value: unknown): string {
  const json = String(JSON.stringify(value));
  return json.length > SHOWN_VALUE_MAX ? `${json.slice(0, SHOWN_VALUE_MAX)}…` : json;
}

/** 'yyyy-MM-dd HH:mm:ss' in Beijing time, as every timestamp member is written, as data. */
export const TIMESTAMP_FORMAT_TEXT = cardsFieldsText.timestampFormat();

/**
 * A message as data with every string parameter (and those of the Texts in it) changed by `change`:
 * e.g. a field's name replaced by another name for it (template.create's card_level_conf).
 */
export function changeTextParams(text: Text, change: (value: string) => string): Text {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) {
    params[name] = Array.isArray(value) ? value.map((item: unknown) => changeParam(item, change)) : changeParam(value, change);
  }
  return new Text(text.section, text.key, text.params === undefined ? undefined : (params as Text['params']));
}

function changeParam(value: unknown, change: (value: string) => string): unknown {
  if (value instanceof Text) return changeTextParams(value, change);
  return typeof value === 'string' ? change(value) : value;
}

export type JsonObject = Record<string, unknown>;

/** One clause per problem, e.g. `card_ext_info.valid_date: must be after open_date (...)`. */
export function describeProblems(problems: readonly FieldProblem[]): Text {
  return commonText.clauses({ items: problems.map((p) => (p.path === '' ? problemText(p) : commonText.pathed({ path: p.path, message: problemText(p) }))) });
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Length as the API references mean `String(n)`: characters, not bytes. The references were
 * written for Chinese text — `label` String(4) holds "专业", which is 6 bytes in UTF-8 and 4 in
 * GBK — and a character above U+FFFF counts once, as a person would count it.
 */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
