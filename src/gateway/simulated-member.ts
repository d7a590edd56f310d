import { randomBytes } from 'node:crypto';
import { formFieldName } from '../cards/member-form.js';
import { UsageError } from '../errors.js';
import { formatTimestamp } from '../protocol/index.js';
import { AUTH_CODE_MS } from './member-desk.js';
import { OPEN_FORM_PATH } from './methods/member-signup.js';
import type { GatewayStore } from './store.js';

export interface MemberVisit {
  /** The link as `form link --json` prints it (URL-encoded, as activateurl.apply answers) or decoded. */
  link: string;
  user_id: string;
  answers: Record<string, string>;
}

export interface MemberReport {
  request_id: string;
  callback: string;
  status: number;
  body: string;
  error?: string;
}

/**
 * POST /_local/members: the local gateway playing a member on their phone. The member opens the
 * sign-up link, fills in the form (every required field, only the form's fields), submits it; the
 * gateway keeps the answers under a new request_id, makes an auth code for the member, and does
 * what Alipay then does: a GET to the merchant's callback with auth_code, request_id, template_id,
 * app_id and out_string. The report says what the callback answered.
 */
export async function visitAsMember(store: GatewayStore, visit: MemberVisit, now: Date): Promise<MemberReport> {
  let url: URL;
  try {
    url = new URL(/^https?%3A/i.test(visit.link) ? decodeURIComponent(visit.link) : visit.link);
  } catch {
    throw new UsageError('link: not a URL: give apply_card_url as activateurl.apply answered it (or `form link --json` prints it)');
  }
  if (!url.pathname.endsWith(OPEN_FORM_PATH)) throw new UsageError(`link: not a sign-up link of this gateway (its path is not ${OPEN_FORM_PATH})`);
  const appId = url.searchParams.get('app_id') ?? '';
  const templateId = url.searchParams.get('template_id') ?? '';
  const callback = url.searchParams.get('callback');
  const form = store.form(appId, templateId);
  if (form === undefined) throw new UsageError(`link: template ${templateId} of app ${appId} has no sign-up form here`);
  if (!/^2088\d{12}$/.test(visit.user_id)) throw new UsageError('user_id: an Alipay user id is 2088 and 12 more digits');
  const answers = visit.answers ?? {};
  const missing = form.required.filter((field) => (answers[field] ?? '').trim() === '');
  if (missing.length > 0) throw new UsageError(`answers: the form requires ${missing.map((f) => `${f} (${formFieldName(f)})`).join(', ')}`);
  const stray = Object.keys(answers).filter((field) => !form.required.includes(field) && !form.optional.includes(field));
  if (stray.length > 0) throw new UsageError(`answers: ${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} not on this form (${[...form.required, ...form.optional].join(', ')})`);
  if (callback === null) throw new UsageError('link: it has no callback: activateurl.apply was called without one, so Alipay would have nowhere to send the member');

  const requestId = `${formatTimestamp(now).replace(/\D/g, '')}${randomBytes(8).toString('hex')}`;
  const code = randomBytes(16).toString('hex');
  // In the order of the form, as Alipay lists them.
  const ordered: Record<string, string> = {};
  for (const field of [...form.required, ...form.optional]) if (answers[field] !== undefined && answers[field] !== '') ordered[field] = answers[field]!;
  store.members.signUps.set(requestId, { app_id: appId, template_id: templateId, user_id: visit.user_id, answers: ordered, at: now.getTime() });
  store.members.codes.set(code, { app_id: appId, user_id: visit.user_id, expiresAt: now.getTime() + AUTH_CODE_MS, used: false, request_id: requestId });

  const target = new URL(callback);
  const query: Record<string, string> = { app_id: appId, auth_code: code, request_id: requestId, template_id: templateId, scope: 'auth_base,auth_user,auth_ecard', state: 'bWNhcmQ=' };
  const outString = url.searchParams.get('out_string');
  if (outString !== null) query.out_string = outString;
  for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(30_000), redirect: 'manual' });
    return { request_id: requestId, callback: target.toString(), status: response.status, body: (await response.text()).slice(0, 4000) };
  } catch (err) {
    return { request_id: requestId, callback: target.toString(), status: 0, body: '', error: (err as Error).message };
  }
}

/** Replays a member's callback as Alipay retries one: the same URL again. */
export async function replayCallback(callback: string): Promise<{ status: number; body: string }> {
  const response = await fetch(callback, { signal: AbortSignal.timeout(30_000), redirect: 'manual' });
  return { status: response.status, body: (await response.text()).slice(0, 4000) };
}
