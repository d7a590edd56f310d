// What the sign-up form's checks say (src/cards/member-form.ts): formtemplate.set's fields,
// activateurl.apply's callback, activateform.query's request.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  notJsonString: 'must be a JSON string holding {"common_fields":[...]} (the API types it as String)',
  notJson: 'must be JSON: {"common_fields":["OPEN_FORM_FIELD_MOBILE"]}',
  notCommonFields: 'must hold {"common_fields":[...]}, a list of OPEN_FORM_FIELD_* values',
  noRequiredField: 'must name at least one field',
  unknownFields: (p: { count: number; values: string }) => `unknown field${p.count === 1 ? '' : 's'}: one of ${p.values}`,
  fieldTwice: 'a field is given twice (in required and optional, or twice in one)',
  tooManyFields: (p: { max: number }) => `at most ${p.max} fields in all`,
  templateId: 'the card template id',
  requestId: 'the request_id the callback brought (at most 128 characters)',
  queryString: 'must not have a query string: Alipay adds its own parameters (auth_code, request_id, ...); pass your value as out_string',
  fragment: 'must not have a #fragment',
} satisfies Entries);

export type CardsMemberFormEntries = ReturnType<typeof entries>;
export const cardsMemberFormText = messages('cards-member-form', entries);
