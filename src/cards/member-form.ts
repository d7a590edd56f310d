import { isJsonObject, type FieldProblem } from './fields.js';

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
    problems.push({ path, value: text, message: 'must be a JSON string holding {"common_fields":[...]} (the API types it as String)' });
    return [];
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    problems.push({ path, value: text, message: 'must be JSON: {"common_fields":["OPEN_FORM_FIELD_MOBILE"]}' });
    return [];
  }
  const list = isJsonObject(data) ? data.common_fields : undefined;
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) {
    problems.push({ path, value: text, message: 'must hold {"common_fields":[...]}, a list of OPEN_FORM_FIELD_* values' });
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
  if (!isJsonObject(biz)) return { problems: [{ path: '', value: biz, message: 'biz_content must be a JSON object' }], form };
  templateIdProblem(biz.template_id, problems);
  if (!isJsonObject(biz.fields)) {
    problems.push({ path: 'fields', value: biz.fields, message: 'required: {"required": "...", "optional": "..."}' });
    return { problems, form, subCode: 'ILLEGAL_NULL_ARGUMENT' };
  }
  form.required = commonFieldsOf('fields.required', biz.fields.required, problems);
  form.optional = commonFieldsOf('fields.optional', biz.fields.optional, problems);
  if (problems.length > 0) return { problems, form };
  if (form.required.length === 0) problems.push({ path: 'fields.required', value: biz.fields.required, message: 'must name at least one field' });
  const unknown = [...form.required, ...form.optional].filter((v) => !VALUES.has(v));
  if (unknown.length > 0) {
    problems.push({ path: 'fields', value: unknown, message: `unknown field${unknown.length === 1 ? '' : 's'}: one of ${Object.values(FORM_FIELDS).join(', ')}` });
    return { problems, form, subCode: 'FORM_FIELD_INVALID' };
  }
  const all = [...form.required, ...form.optional];
  const twice = all.filter((v, i) => all.indexOf(v) !== i);
  if (twice.length > 0) {
    problems.push({ path: 'fields', value: [...new Set(twice)], message: 'a field is given twice (in required and optional, or twice in one)' });
    return { problems, form, subCode: 'DUPLICATE_FORM_FIELD' };
  }
  if (all.length > MAX_FORM_FIELDS) problems.push({ path: 'fields', value: all.length, message: `at most ${MAX_FORM_FIELDS} fields in all` });
  return { problems, form };
}

function templateIdProblem(value: unknown, problems: FieldProblem[]): void {
  if (typeof value !== 'string' || value === '') problems.push({ path: 'template_id', value, message: 'required: the card template id' });
  else if (value.length > 32) problems.push({ path: 'template_id', value, message: `must be at most 32 characters (it has ${value.length})` });
}

/**
 * activateurl.apply's biz_content. The callback is where Alipay sends the member after the form:
 * an http(s) URL with no query string (the reference: "use out_string instead").
 */
export function checkActivateUrlApply(biz: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isJsonObject(biz)) return [{ path: '', value: biz, message: 'biz_content must be a JSON object' }];
  templateIdProblem(biz.template_id, problems);
  for (const [key, max] of [['out_string', 256], ['callback', 10240], ['follow_app_id', 512]] as const) {
    const value = biz[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') problems.push({ path: key, value, message: 'must be a string' });
    else if (value.length > max) problems.push({ path: key, value, message: `must be at most ${max} characters (it has ${value.length})` });
  }
  if (typeof biz.callback === 'string') {
    const problem = callbackProblem(biz.callback);
    if (problem) problems.push({ path: 'callback', value: biz.callback, message: problem });
  }
  return problems;
}

export function callbackProblem(callback: string): string | undefined {
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return 'must be an http:// or https:// URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http:// or https:// URL';
  if (url.search !== '' || callback.includes('?')) return 'must not have a query string: Alipay adds its own parameters (auth_code, request_id, ...); pass your value as out_string';
  if (url.hash !== '') return 'must not have a #fragment';
  return undefined;
}

/** activateform.query's biz_content: MEMBER_CARD, the template and the member's request_id. */
export function checkActivateFormQuery(biz: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isJsonObject(biz)) return [{ path: '', value: biz, message: 'biz_content must be a JSON object' }];
  if (biz.biz_type !== 'MEMBER_CARD') problems.push({ path: 'biz_type', value: biz.biz_type, message: 'must be MEMBER_CARD' });
  if (typeof biz.template_id !== 'string' || biz.template_id === '' || biz.template_id.length > 1024) problems.push({ path: 'template_id', value: biz.template_id, message: 'required: the card template id' });
  if (typeof biz.request_id !== 'string' || biz.request_id === '' || biz.request_id.length > 128) problems.push({ path: 'request_id', value: biz.request_id, message: 'required: the request_id the callback brought (at most 128 characters)' });
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
