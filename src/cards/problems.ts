// Problems with biz_content fields as data, and the counting rules every check shares.
import { commonText } from '../i18n/en/common.js';
import { english, type Text } from '../i18n/text.js';

/** One thing wrong with a field, as data: where, what was there, and what would be valid. */
export interface FieldProblem {
  /** Dotted path into biz_content, e.g. 'card_ext_info.front_text_list[1].label'; '' for the whole object. */
  path: string;
  value: unknown;
  /** In English: what the gateway's sub_msg, results files and JSON carry. */
  message: string;
  /** The message as data, for a person (`local()`); absent where it was given as a plain string. */
  text?: Text;
}

/** A problem from its message as data: `message` is its English, `text` renders in any language. */
export function fieldProblem(path: string, value: unknown, text: Text | string): FieldProblem {
  return typeof text === 'string' ? { path, value, message: text } : { path, value, message: english(text), text };
}

/** What a person reads of a problem: its Text, or its message where it has none. */
export function problemText(problem: FieldProblem): Text | string {
  return problem.text ?? problem.message;
}

export const TIMESTAMP_FORMAT = "'yyyy-MM-dd HH:mm:ss' (Asia/Shanghai), a date that exists, e.g. 2024-05-01 09:30:00";

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
