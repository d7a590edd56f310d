import { cardsFieldsText as f } from '../i18n/en/cards-fields.js';
import { cardsMemberFormText as t } from '../i18n/en/cards-member-form.js';
import type { Text } from '../i18n/text.js';
import { fieldProblem, isJsonObject, type FieldProblem } from './fields.js';

/**
 * The sign-up form's fields (alipay.marketing.card.formtemplate.set, its OpenFormFieldDO values),
 * by the names people use on the command line. The raw values are accepted too.
 */
export const FORM_FIELDS = {
  mobile: 'OPEN_FORM_FIELD_MOBILE',
  gender: 'OPEN_FORM_FIELD_GENDER',
  name: 'OPEN_FORM_FIELD_NAME',
  birthday: 'OPEN_FORM_FIELD_BIRTHDAY',
  idcard: 'OPEN_FORM_FIELD_IDCARD',
  email: 'OPEN_FORM_FIELD_EMAIL',
  address: 'OPEN_FORM_FIELD_ADDRESS',
  city: 'OPEN_FORM_FIELD_CITY',
  'is-student': 'OPEN_FORM_FIELD_IS_STUDENT',
  'member-grade': 'OPEN_FORM_FIELD_MEMBER_GRADE',
  'cert-type': 'OPEN_FORM_FIELD_CERT_TYPE',
  'cert-no': 'OPEN_FORM_FIELD_CERT_NO',
} as const;

export type FormFieldValue = (typeof FORM_FIELDS)[keyof typeof FORM_FIELDS];
const VALUES: ReadonlySet<string> = new Set(Object.values(FORM_FIELDS));

/** The reference: "up to 20 common fields in total". */
export const MAX_FORM_FIELDS = 20;

/** A field's word for people: OPEN_FORM_FIELD_MOBILE → mobile. */
export function formFieldName(value: string): string {
  return Object.entries(FORM_FIELDS).find(([, raw]) => raw === value)?.[0] ?? value;
}

/** `mobile,name` (or raw values) → the raw values, or the names that are none. */
export function parseFormFields(text: string): { values: string[]; unknown: string[] } {
  const values: string[] = [];
  const unknown: string[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const key = part.toLowerCase().replace(/_/g, '-');
    const value = (FORM_FIELDS as Record<string, string>)[key] ?? (VALUES.has(part.toUpperCase()) ? part.toUpperCase() : undefined);
    if (value === undefined) unknown.push(part);
    else values.push(value);
  }
  return { values, unknown };
}

/** `{"common_fields":[...]}` as the JSON string the API types `required` and `optional` as. */
export function commonFieldsText(values: readonly string[]): string {
  return JSON.stringify({ common_fields: values });
}

/** The values in a `required`/`optional` string, or a problem. */
function commonFieldsOf(path: string, text: unknown, problems: FieldProblem[]): string[] {
  if (text === undefined) return [];
  if (typeof text !== 'string') {
    problems.push(fieldProblem(path, text, t.notJsonString()));
    return [];
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    problems.push(fieldProblem(path, text, t.notJson()));
    return [];
  }
  const list = isJsonObject(data) ? data.common_fields : undefined;
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) {
    problems.push(fieldProblem(path, text, t.notCommonFields()));
    return [];
  }
  return list as string[];
}

export interface FormSpec {
  required: string[];
  optional: string[];
}

/** formtemplate.set's biz_content: the template, and the form's fields by the reference's rules. */
export function checkFormTemplateSet(biz: unknown): { problems: FieldProblem[]; form: FormSpec; subCode?: string } {
  const problems: FieldProblem[] = [];
  const form: FormSpec = { required: [], optional: [] };
  if (!isJsonObject(biz)) return { problems: [fieldProblem('', biz, f.bizNotObject())], form };
  templateIdProblem(biz.template_id, problems);
  if (!isJsonObject(biz.fields)) {
    problems.push(fieldProblem('fields', biz.fields, f.required({ what: '{"required": "...", "optional": "..."}' })));
    return { problems, form, subCode: 'ILLEGAL_NULL_ARGUMENT' };
  }
  form.required = commonFieldsOf('fields.required', biz.fields.required, problems);
  form.optional = commonFieldsOf('fields.optional', biz.fields.optional, problems);
  if (problems.length > 0) return { problems, form };
  if (form.required.length === 0) problems.push(fieldProblem('fields.required', biz.fields.required, t.noRequiredField()));
  const unknown = [...form.required, ...form.optional].filter((v) => !VALUES.has(v));
  if (unknown.length > 0) {
    problems.push(fieldProblem('fields', unknown, t.unknownFields({ count: unknown.length, values: Object.values(FORM_FIELDS).join(', ') })));
    return { problems, form, subCode: 'FORM_FIELD_INVALID' };
  }
  const all = [...form.required, ...form.optional];
  const twice = all.filter((v, i) => all.indexOf(v) !== i);
  if (twice.length > 0) {
    problems.push(fieldProblem('fields', [...new Set(twice)], t.fieldTwice()));
    return { problems, form, subCode: 'DUPLICATE_FORM_FIELD' };
  }
  if (all.length > MAX_FORM_FIELDS) problems.push(fieldProblem('fields', all.length, t.tooManyFields({ max: MAX_FORM_FIELDS })));
  return { problems, form };
}

function templateIdProblem(value: unknown, problems: FieldProblem[]): void {
  if (typeof value !== 'string' || value === '') problems.push(fieldProblem('template_id', value, f.required({ what: t.templateId() })));
  else if (value.length > 32) problems.push(fieldProblem('template_id', value, f.tooLong({ max: 32, length: value.length })));
}

/**
 * activateurl.apply's biz_content. The callback is where Alipay sends the member after the form:
 * an http(s) URL with no query string (the reference: "use out_string instead").
 */
export function checkActivateUrlApply(biz: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isJsonObject(biz)) return [fieldProblem('', biz, f.bizNotObject())];
  templateIdProblem(biz.template_id, problems);
  for (const [key, max] of [['out_string', 256], ['callback', 10240], ['follow_app_id', 512]] as const) {
    const value = biz[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') problems.push(fieldProblem(key, value, f.mustBe({ expected: f.aString() })));
    else if (value.length > max) problems.push(fieldProblem(key, value, f.tooLong({ max, length: value.length })));
  }
  if (typeof biz.callback === 'string') {
    const problem = callbackProblemText(biz.callback);
    if (problem) problems.push(fieldProblem('callback', biz.callback, problem));
  }
  return problems;
}

/** What is wrong with a callback URL, as data (`local()` for a person); undefined if nothing. */
export function callbackProblemText(callback: string): Text | undefined {
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return f.mustBe({ expected: f.httpUrl() });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return f.mustBe({ expected: f.httpUrl() });
  if (url.search !== '' || callback.includes('?')) return t.queryString();
  if (url.hash !== '') return t.fragment();
  return undefined;
}

/** activateform.query's biz_content: MEMBER_CARD, the template and the member's request_id. */
export function checkActivateFormQuery(biz: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isJsonObject(biz)) return [fieldProblem('', biz, f.bizNotObject())];
  if (biz.biz_type !== 'MEMBER_CARD') problems.push(fieldProblem('biz_type', biz.biz_type, f.mustBe({ expected: 'MEMBER_CARD' })));
  if (typeof biz.template_id !== 'string' || biz.template_id === '' || biz.template_id.length > 1024) problems.push(fieldProblem('template_id', biz.template_id, f.required({ what: t.templateId() })));
  if (typeof biz.request_id !== 'string' || biz.request_id === '' || biz.request_id.length > 128) problems.push(fieldProblem('request_id', biz.request_id, f.required({ what: t.requestId() })));
  return problems;
}

/** activateform.query's `infos` (a JSON array as text, one object per field) as field → value. */
export function parseInfos(infos: unknown): Record<string, string> {
  const answers: Record<string, string> = {};
  if (typeof infos !== 'string') return answers;
  try {
    const list = JSON.parse(infos) as unknown;
    if (!Array.isArray(list)) return answers;
    for (const item of list) if (isJsonObject(item)) for (const [k, v] of Object.entries(item)) answers[k] = String(v);
  } catch {
    // Not JSON: no answers.
  }
  return answers;
}
