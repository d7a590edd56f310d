import { gatewayLocalText } from '../i18n/en/gateway-local.js';
import type { Text } from '../i18n/text.js';
import * as v from 'valibot';
import { describeProblems, validateTemplateDefinition } from '../cards/index.js';
import type { StateData, StoredEntry } from './store.js';

// The shapes the gateway reads back from its state file and log: a file edited by hand, or damaged,
// is refused naming the entry, instead of failing later inside a request (an internal error, 20000).
// Members beyond these are kept as they are (a newer gateway may write more).
const text = v.string();
const record = v.record(v.string(), v.unknown());

const app = v.looseObject({ app_id: text, public_key: v.optional(text), app_cert: v.optional(text), encrypt_key: v.optional(text) });

const template = v.looseObject({
  app_id: text, template_id: text, request_id: text, created_at: text, template: record, modified_at: v.optional(text), modify_requests: v.optional(v.record(v.string(), text)),
});
const templateModify = v.looseObject({ app_id: text, template_id: text, at: text, template: record, request_id: v.optional(text), request_digest: v.optional(text) });

const card = v.looseObject({
  app_id: text,
  out_serial_no: text,
  biz_card_no: text,
  card_template_id: text,
  user_uni_id: text,
  user_uni_id_type: text,
  fields: record,
  member_ext_info: v.optional(record),
  echoed: v.optional(record),
  created_at: text,
  request_digest: text,
});

const cardChange = v.looseObject({
  app_id: text,
  biz_card_no: text,
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  action: v.picklist(['update', 'delete']),
  at: text,
  occur_time: v.optional(text),
  card_info: v.optional(record),
  template_id: v.optional(text),
  out_serial_no: v.optional(text),
  reason_code: v.optional(text),
  ext_info: v.optional(text),
  biz_serial_no: v.optional(text),
});

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const image = v.looseObject({
  app_id: text,
  image_id: text,
  sha256: v.pipe(text, v.regex(/^[0-9a-f]{64}$/)),
  image_type: text,
  image_name: text,
  content_type: text,
  bytes: count,
  width: count,
  height: count,
  created_at: text,
});

const form = v.looseObject({
  app_id: text,
  template_id: text,
  set_at: text,
  form: v.looseObject({ required: v.array(text), optional: v.array(text) }),
});

const identity = v.looseObject({ private_key: v.optional(text), alipay_cert: text, root_cert: text });

const state = v.looseObject({
  version: v.literal(1),
  identity: v.optional(identity),
  apps: v.array(app),
  templates: v.array(template),
  cards: v.array(card),
  card_changes: v.optional(v.array(cardChange)),
  images: v.optional(v.array(image)),
  forms: v.optional(v.array(form)),
});

const entry = v.union([v.strictObject({ card }), v.strictObject({ template }), v.strictObject({ app }), v.strictObject({ card_change: cardChange }), v.strictObject({ image }), v.strictObject({ template_modify: templateModify }), v.strictObject({ form })]);

/** The state file's data, or where it first goes wrong (`cards[3].biz_card_no: expected string, got number`). */
export function checkStateData(data: unknown): { ok: true; data: StateData } | { ok: false; problem: Text } {
  const result = v.safeParse(state, data);
  if (!result.success) return { ok: false, problem: describeIssue(result.issues[0]) };
  for (const [i, stored] of result.output.templates.entries()) {
    const problem = templateProblem(stored);
    if (problem) return { ok: false, problem: gatewayLocalText.stateTemplateInvalid({ index: i, templateId: stored.template_id, problem }) };
  }
  const changes = changeProblem(result.output.cards, result.output.card_changes ?? []);
  if (changes) return { ok: false, problem: changes };
  return { ok: true, data: result.output as unknown as StateData };
}

/** Each card's changes follow its open and each other, numbered 1, 2, ...: anything else was not written by a gateway. */
function changeProblem(cards: ReadonlyArray<{ biz_card_no: string }>, changes: ReadonlyArray<{ biz_card_no: string; seq: number }>): Text | undefined {
  const counts = new Map(cards.map((c) => [c.biz_card_no, 0]));
  for (const [i, change] of changes.entries()) {
    const count = counts.get(change.biz_card_no);
    if (count === undefined) return gatewayLocalText.stateChangeOfUnknownCard({ index: i, card: change.biz_card_no });
    if (change.seq !== count + 1) return gatewayLocalText.stateChangeOutOfOrder({ index: i, seq: change.seq, card: change.biz_card_no, count });
    counts.set(change.biz_card_no, change.seq);
  }
  return undefined;
}

/** One line of the state log, or undefined when it is not an entry. */
export function checkStoredEntry(value: unknown): StoredEntry | undefined {
  const result = v.safeParse(entry, value);
  if (!result.success || ('template' in result.output && templateProblem(result.output.template))) return undefined;
  if ('template_modify' in result.output && templateProblem({ request_id: 'modify', template: result.output.template_modify.template })) return undefined;
  return result.output as unknown as StoredEntry;
}

/** A stored template is a template.create biz_content that passed the gateway's checks: it must still pass them. */
function templateProblem(stored: { request_id: string; template: Record<string, unknown> }): Text | undefined {
  const problems = validateTemplateDefinition({ ...stored.template, request_id: stored.request_id });
  return problems.length > 0 ? describeProblems(problems) : undefined;
}

function describeIssue(issue: v.BaseIssue<unknown>): Text {
  const path = (issue.path ?? []).map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`)).join('').replace(/^\./, '');
  if (issue.received === 'undefined') return gatewayLocalText.stateMissing({ path });
  const found = { expected: issue.expected ?? gatewayLocalText.somethingElse(), received: issue.received };
  return path ? gatewayLocalText.stateExpected({ path, ...found }) : gatewayLocalText.stateExpectedAtTop(found);
}
