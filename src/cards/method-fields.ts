import { editDistance } from '../config/edit-distance.js';
import { cardsFieldsText as t } from '../i18n/en/cards-fields.js';
import type { Text } from '../i18n/text.js';
import { Fields, fieldProblem, isJsonObject, type FieldProblem } from './fields.js';
import { textOfNumber } from './number-text.js';

/**
 * One member of a method's biz_content, described once: its path, the `String(n)` length and
 * checks the reference gives it, and the flag and help a command derives from it. Paths are dotted,
 * array items written `[]` ('card_info.front_text_list[].label'). Validation, the `--set` paths,
 * the unknown-member check, the command's options and the local gateway's checks all read this.
 */
export interface MethodField {
  path: string;
  /** Command flag without dashes, when the command has one. */
  flag?: string;
  /** For --help: what the member is, in the reference's words (a person reads it: `local()`). */
  description: Text | string;
  example?: string;
  /** 'object' and 'array' (of objects) are containers of the members below them; 'json' any JSON object. */
  kind?: 'text' | 'object' | 'array' | 'json' | 'timestamp' | 'integer';
  max?: number;
  required?: boolean;
  /** An array's "at most N items". */
  maxItems?: number;
  values?: readonly string[];
  pattern?: RegExp;
  /** What `pattern` wants, as the error says it ('a number with at most two decimals, e.g. 88'). */
  expected?: Text | string;
  /** A member the method does not take although the model has it: refused, with this reason. */
  refused?: Text | string;
}

/** A method's biz_content described as data: its API name and its members. */
export interface MethodModel {
  method: string;
  fields: readonly MethodField[];
}

/**
 * A model whose members are described on first read: the models live in the program's chunk, which
 * every run loads, and only the card commands (and the gateway) read them. Built at load, their
 * descriptions, patterns and copies were young-generation memory every `sign` made (≈35 KB with
 * card open's fields, Node 20: start-up, issue 14).
 */
export function methodModel(method: string, describe: () => readonly MethodField[]): MethodModel {
  const fields = describedOnce(describe);
  return {
    method,
    get fields() {
      return fields();
    },
  };
}

/** `describe`, called on the first call only: what it gave is given again after. */
export function describedOnce<T>(describe: () => T): () => T {
  let described: { value: T } | undefined;
  return () => (described ??= { value: describe() }).value;
}

/** Every problem with a biz_content against its model, all at once: unknown members, then each field's own. */
export function checkMethodFields(model: MethodModel, biz: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const root = Fields.root(biz, problems);
  if (root === undefined) return problems;
  walkUnknown(model, root.source, '', problems);
  const containers = new Map<string, Fields[]>([['', [root]]]);
  for (const field of model.fields) {
    const key = lastKey(field.path);
    for (const parent of parentsOf(field.path, containers)) checkField(parent, key, field, containers);
  }
  return problems;
}

/**
 * JSON numbers (`--set card_info.point:=7`, a --biz file) where the model types a String, as their
 * decimal text, in place, as card open makes them; the problems of those it cannot make exact
 * (textOfNumber). Integer members (mdcode_info.time_stamp) stay numbers.
 */
export function textsFromNumbers(model: MethodModel, biz: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (isJsonObject(biz)) walkNumbers(model, biz, '', '', problems);
  return problems;
}

/** `path`: the model's path of `node` (`card_info.front_text_list[]`); `shown`: the problems' (`…front_text_list[1]`). */
function walkNumbers(model: MethodModel, node: Record<string, unknown>, path: string, shown: string, problems: FieldProblem[]): void {
  for (const [key, value] of Object.entries(node)) {
    const at = path === '' ? key : `${path}.${key}`;
    const shownAt = shown === '' ? key : `${shown}.${key}`;
    const field = model.fields.find((f) => f.path === at);
    if (field === undefined || field.refused !== undefined) continue;
    if (field.kind === undefined || field.kind === 'text') node[key] = textOfNumber(key, value, shownAt, problems);
    else if (field.kind === 'object' && isJsonObject(value)) walkNumbers(model, value, at, shownAt, problems);
    else if (field.kind === 'array' && Array.isArray(value)) value.forEach((item, i) => isJsonObject(item) && walkNumbers(model, item, `${at}[]`, `${shownAt}[${i}]`, problems));
  }
}

/** True for a member of the model, an object holding members, or a part of an opaque JSON member: what `--set` may write. */
export function isModelPath(model: MethodModel, path: string): boolean {
  const plain = path.replace(/\[\d+\]/g, '[]');
  return model.fields.some((f) =>
    f.path === plain
    || f.path.startsWith(`${plain}.`)
    || f.path.startsWith(`${plain}[]`)
    || (f.kind === 'json' && (plain.startsWith(`${f.path}.`) || plain.startsWith(`${f.path}[]`))));
}

export function unknownMemberProblem(model: MethodModel, path: string, value: unknown): FieldProblem {
  return fieldProblem(path, value, t.notAFieldOf({ method: model.method, nearest: nearestPath(model, path) }));
}

function nearestPath(model: MethodModel, path: string): string {
  const plain = path.replace(/\[\d+\]/g, '[]');
  const last = lastKey(plain);
  let best = model.fields[0]!.path;
  let bestScore = Infinity;
  for (const { path: known } of model.fields) {
    const score = lastKey(known) === last ? 0 : Math.min(editDistance(plain, known), editDistance(last, lastKey(known)) + 1);
    if (score < bestScore) [best, bestScore] = [known, score];
  }
  return best;
}

function walkUnknown(model: MethodModel, node: Record<string, unknown>, path: string, problems: FieldProblem[]): void {
  for (const [key, value] of Object.entries(node)) {
    const at = path === '' ? key : `${path}.${key}`;
    const field = model.fields.find((f) => f.path === at);
    if (field === undefined) problems.push(unknownMemberProblem(model, at, value));
    else if (field.kind === 'object' && isJsonObject(value)) walkUnknown(model, value, at, problems);
    else if (field.kind === 'array' && Array.isArray(value)) value.forEach((item) => isJsonObject(item) && walkUnknown(model, item, `${at}[]`, problems));
  }
}

/** The objects a field's path lives in (several for a member of array items); a model lists containers before their members. */
function parentsOf(path: string, containers: Map<string, Fields[]>): Fields[] {
  const cut = path.lastIndexOf('.');
  return containers.get(cut < 0 ? '' : path.slice(0, cut)) ?? [];
}

function checkField(parent: Fields, key: string, field: MethodField, containers: Map<string, Fields[]>): void {
  const value = parent.source[key];
  if (field.refused !== undefined) {
    if (value !== undefined && value !== null && value !== '') parent.report(key, value, field.refused);
    return;
  }
  const max = field.max ?? 1024;
  switch (field.kind) {
    case 'object': {
      const object = parent.object(key, field.required);
      if (object !== undefined) push(containers, field.path, object);
      return;
    }
    case 'array': {
      const items = parent.objects(key, { required: field.required, maxItems: field.maxItems });
      parent.jsonSize(key, max);
      for (const item of items ?? []) push(containers, `${field.path}[]`, item);
      return;
    }
    case 'json':
      parent.object(key, field.required);
      parent.jsonSize(key, max);
      return;
    case 'timestamp':
      parent.timestamp(key, max, field.required);
      return;
    case 'integer':
      if (value === undefined || value === null || value === '') {
        if (field.required) parent.report(key, value, t.required({ what: INTEGER }));
      } else if (!isSafeWhole(value)) parent.report(key, value, t.mustBe({ expected: INTEGER }));
      return;
    default:
      if (field.values !== undefined && field.required && (value === undefined || value === null || value === '')) parent.report(key, value, t.required({ what: t.oneOf({ values: field.values.join(', ') }) }));
      else if (field.values !== undefined) parent.oneOf(key, max, Boolean(field.required), field.values);
      else if (field.pattern !== undefined) parent.matching(key, max, Boolean(field.required), field.pattern, field.expected ?? String(field.pattern));
      else parent.text(key, max, field.required);
  }
}

const INTEGER = t.wholeNumber({ max: Number.MAX_SAFE_INTEGER });

function isSafeWhole(value: unknown): boolean {
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function push(containers: Map<string, Fields[]>, path: string, fields: Fields): void {
  containers.set(path, [...(containers.get(path) ?? []), fields]);
}

function lastKey(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
