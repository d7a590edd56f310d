// Problems with biz_content fields as data, and the counting rules every check shares.

/** One thing wrong with a field, as data: where, what was there, and what would be valid. */
export interface FieldProblem {
  /** Dotted path into biz_content, e.g. 'card_ext_info.front_text_list[1].label'; '' for the whole object. */
  path: string;
  value: unknown;
  message: string;
}

export const TIMESTAMP_FORMAT = "'yyyy-MM-dd HH:mm:ss' (Asia/Shanghai), a date that exists, e.g. 2024-05-01 09:30:00";

export type JsonObject = Record<string, unknown>;

/** One clause per problem, e.g. `card_ext_info.valid_date: must be after open_date (...)`. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('; ');
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
