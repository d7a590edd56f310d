import { cardsFieldsText as f } from '../i18n/en/cards-fields.js';
import { cardsTemplatesText as t } from '../i18n/en/cards-templates.js';
import { english, type Text } from '../i18n/text.js';
import { getPath } from './card-open-fields.js';
import { fieldProblem, isJsonObject, type FieldProblem } from './fields.js';
import type { TemplateDefinition } from './template.js';
import { ANSWER_LEVELS, definitionOf, inRequestNames, REQUEST_LEVELS, requestOnlyProblems } from './template-request.js';
import { validateTemplateDefinition } from './validate-template.js';

/**
 * alipay.marketing.card.template.modify (../shared/api/alipay.marketing.card.template.modify.md):
 * request_id (≤ 64) and template_id (≤ 32), then the members to change, named as in create. What
 * a modify cannot do, per the reference: change field_rule_list (ignored), biz_no_suffix_len
 * (fixed once set), card_type and service_label_list (not modify members), or remove shop ids
 * (add only; omitted keeps them). A member left out keeps its value.
 */
export const NOT_MODIFIABLE = {
  field_rule_list: t.fieldRulesKept(),
  biz_no_suffix_len: t.suffixLenKept(),
} as const;

export const NOT_MODIFY_MEMBERS = ['card_type', 'service_label_list'] as const;

export interface Modification {
  /** The template once modified, as Alipay keeps it (field rules and number length as they were). */
  template: TemplateDefinition;
  problems: FieldProblem[];
  /**
   * Members the request changes that a modify does not change (NOT_MODIFIABLE): the gateway ignores
   * them, the CLI refuses them (`fieldProblem(u.path, undefined, u.text)`). `message` is the English.
   */
  unchangeable: Array<{ path: string; message: string; text: Text }>;
}

/** The template `current` becomes under the modify request `biz`, and what is wrong with the request. */
export function modifyTemplate(current: TemplateDefinition, biz: unknown): Modification {
  const problems: FieldProblem[] = [];
  if (!isJsonObject(biz)) return { template: current, problems: [fieldProblem('', biz, f.bizNotObject())], unchangeable: [] };
  for (const [key, max] of [['request_id', 64], ['template_id', 32]] as const) {
    const value = biz[key];
    if (typeof value !== 'string' || value === '') problems.push(fieldProblem(key, value, f.required({ what: f.textOfAtMost({ max }) })));
    else if ([...value].length > max) problems.push(fieldProblem(key, value, f.tooLong({ max, length: [...value].length })));
  }
  for (const key of NOT_MODIFY_MEMBERS) {
    if (biz[key] !== undefined) problems.push(fieldProblem(key, biz[key], t.setAtCreate()));
  }
  if (biz[ANSWER_LEVELS] !== undefined) {
    problems.push(fieldProblem(ANSWER_LEVELS, biz[ANSWER_LEVELS], t.levelsName({ method: 'template.modify', request: REQUEST_LEVELS, answer: ANSWER_LEVELS })));
  }
  if (!isJsonObject(biz.template_style_info)) problems.push(fieldProblem('template_style_info', biz.template_style_info, f.required({ what: t.styleInfo() })));

  const { request_id: _r, template_id: _t, card_type: _c, service_label_list: _s, ...changes } = definitionOf(biz);
  const unchangeable: Modification['unchangeable'] = [];
  const next: Record<string, unknown> = { ...(current as unknown as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (key in NOT_MODIFIABLE) {
      const was = (current as unknown as Record<string, unknown>)[key];
      const same = key === 'biz_no_suffix_len' ? String(value) === String(was) : JSON.stringify(value) === JSON.stringify(was);
      if (!same) {
        const text = NOT_MODIFIABLE[key as keyof typeof NOT_MODIFIABLE];
        unchangeable.push({ path: key, message: english(text), text });
      }
      continue;
    }
    next[key] = value;
  }
  const kept = current.shop_ids ?? [];
  if (Array.isArray(changes.shop_ids)) {
    const removed = kept.filter((id) => !(changes.shop_ids as unknown[]).includes(id));
    if (removed.length > 0) problems.push(fieldProblem('shop_ids', changes.shop_ids, t.shopsRemoved({ ids: removed.join(', ') })));
  }
  // A value the template holds already is not the request's to answer for: a modify of its columns
  // must not fail on an image id a local gateway stored before ids were checked (the CLI's request
  // carries the current style whole, modifyRequestOf).
  problems.push(...requestOnlyProblems(biz).filter((p) => !heldAlready(current, p)));
  for (const p of validateTemplateDefinition({ ...next, request_id: 'modify' })) {
    if (problems.some((q) => q.path === p.path)) continue;
    problems.push(inRequestNames(p));
  }
  return { template: next as unknown as TemplateDefinition, problems, unchangeable };
}

/** Whether `problem`'s value is what `current` holds at its path (in the request's names). */
function heldAlready(current: TemplateDefinition, problem: FieldProblem): boolean {
  if (problem.path === '') return false;
  const held = getPath(current, problem.path.replace(new RegExp(`^${REQUEST_LEVELS}\\b`), ANSWER_LEVELS));
  return held !== undefined && JSON.stringify(held) === JSON.stringify(problem.value);
}

/**
 * The modify request a file asks for. The file holds the whole template (as `template query --out`
 * writes it) or only the members to change; Alipay's modify replaces each member it is given
 * whole, so each member the file names is sent as the file laid over the current one: objects
 * member by member (recursively), lists replaced whole, `null` removing a member inside an object.
 * A top-level member cannot be removed (a modify keeps what it leaves out): null there is refused.
 * The style always goes (the SDKs' check requires template_style_info), as it is when the file
 * leaves it out. `file` is in the request's names (card_level_conf), without request_id/template_id.
 */
export function modifyRequestOf(current: TemplateDefinition, file: Record<string, unknown>): { request: Record<string, unknown>; problems: FieldProblem[] } {
  const was = current as unknown as Record<string, unknown>;
  const request: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(file)) {
    if (value === null) {
      problems.push(fieldProblem(key, value, t.cannotRemoveMember()));
      continue;
    }
    request[key] = laidOver(was[key === REQUEST_LEVELS ? ANSWER_LEVELS : key], value);
  }
  if (request.template_style_info === undefined && was.template_style_info !== undefined) request.template_style_info = was.template_style_info;
  return { request, problems };
}

/** `value` laid over `base`: an object member by member (null removes one), anything else (a list too) as it is. */
function laidOver(base: unknown, value: unknown): unknown {
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = isJsonObject(base) ? { ...base } : {};
  for (const [key, member] of Object.entries(value)) {
    if (member === null) delete out[key];
    else out[key] = laidOver(out[key], member);
  }
  return out;
}

/** One changed value: where (a JSON path, as the request names it), what it was, what it becomes (undefined: absent). */
export interface TemplateChange {
  path: string;
  from: unknown;
  to: unknown;
}

/** Every leaf that differs between two templates (query shape), in the order of `to` then what only `from` had; paths as the request names them. */
export function templateChanges(from: TemplateDefinition, to: TemplateDefinition): TemplateChange[] {
  const before = leaves(from);
  const after = leaves(to);
  const changes: TemplateChange[] = [];
  for (const [path, value] of after) {
    const was = before.get(path);
    if (JSON.stringify(was) !== JSON.stringify(value)) changes.push({ path: requestPath(path), from: was, to: value });
  }
  for (const [path, value] of before) if (!after.has(path)) changes.push({ path: requestPath(path), from: value, to: undefined });
  return changes;
}

function requestPath(path: string): string {
  return path.startsWith(ANSWER_LEVELS) ? REQUEST_LEVELS + path.slice(ANSWER_LEVELS.length) : path;
}

/** Scalars (and arrays of scalars, whole) by JSON path, 0-based indices. */
function leaves(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) out.set(prefix, value);
    else value.forEach((item, i) => leaves(item, `${prefix}[${i}]`, out));
  } else if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(prefix, value);
  }
  return out;
}
