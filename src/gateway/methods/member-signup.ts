import { randomBytes } from 'node:crypto';
import { checkActivateFormQuery, checkActivateUrlApply, checkFormTemplateSet } from '../../cards/member-form.js';
import { describeProblems } from '../../cards/fields.js';
import { businessError, gatewayError, success, type BusinessSubCode, type ResponseNode } from '../codes.js';
import { ACCESS_TOKEN_S, REFRESH_TOKEN_S, type Grant } from '../member-desk.js';
import { formatTimestamp } from '../../protocol/timestamp.js';
import { dayStamp, type MethodCall } from './call.js';

/** The page of this gateway that plays Alipay's sign-up form (POST /_local/members submits it). */
export const OPEN_FORM_PATH = '/_local/openform';

/** alipay.marketing.card.formtemplate.set: the template's sign-up form (calling it again replaces it). */
export function setForm(call: MethodCall): ResponseNode {
  const { problems, form, subCode } = checkFormTemplateSet(call.biz);
  if (problems.length > 0) return businessError((subCode ?? 'INVALID_PARAMETER') as BusinessSubCode, `参数有误: ${describeProblems(problems)}`);
  const templateId = (call.biz as { template_id: string }).template_id;
  if (call.store.template(call.appId, templateId) === undefined) return businessError('CARD_TEMPLATE_NOT_EXIST', `会员卡模板不存在: no template ${templateId} for app ${call.appId}`);
  call.store.setForm({ app_id: call.appId, template_id: templateId, form, set_at: formatTimestamp(call.now) });
  return success();
}

/**
 * alipay.marketing.card.activateurl.apply: the link a member opens to sign up — here a page of this
 * gateway, which POST /_local/members fills in as a member would — URL-encoded, as Alipay answers it.
 */
export function applyActivateUrl(call: MethodCall): ResponseNode {
  const problems = checkActivateUrlApply(call.biz);
  if (problems.length > 0) return businessError('INVALID_PARAMETER', `参数有误: ${describeProblems(problems)}`);
  const biz = call.biz as { template_id: string; callback?: string; out_string?: string; follow_app_id?: string };
  if (call.store.template(call.appId, biz.template_id) === undefined) return businessError('CARD_TEMPLATE_NOT_EXIST', `会员卡模板不存在: no template ${biz.template_id} for app ${call.appId}`);
  if (call.store.form(call.appId, biz.template_id) === undefined) {
    return businessError('OPEN_FORM_TEMPLATE_NOT_EXIST', `开卡表单模板不存在: template ${biz.template_id} has no sign-up form: call alipay.marketing.card.formtemplate.set first`);
  }
  const link = new URL(`${call.store.baseUrl ?? 'http://127.0.0.1'}${OPEN_FORM_PATH}`);
  link.searchParams.set('app_id', call.appId);
  link.searchParams.set('template_id', biz.template_id);
  for (const key of ['callback', 'out_string', 'follow_app_id'] as const) if (biz[key]) link.searchParams.set(key, biz[key]!);
  return success({ apply_card_url: encodeURIComponent(link.toString()) });
}

/** alipay.system.oauth.token: an auth code (once, within five minutes) or a refresh token for the member's tokens. */
export function oauthToken(call: MethodCall): ResponseNode {
  const desk = call.store.members;
  const now = call.now.getTime();
  const grantType = call.params.grant_type;
  let grant: Grant;
  if (grantType === 'authorization_code') {
    const code = desk.codes.get(call.params.code ?? '');
    if (code === undefined) return gatewayError('isv.code-invalid', '授权码code无效: no such auth_code');
    if (code.app_id !== call.appId) return gatewayError('isv.unmatched-app-id', `调用方app_id与授权码所属app_id不一致: the code was issued to app ${code.app_id}`);
    if (code.used) return gatewayError('isv.code-invalid', '授权码code无效: the auth_code was used already (each is good once)');
    if (code.expiresAt < now) return gatewayError('isv.code-invalid', '授权码code无效: the auth_code has expired (good for 5 minutes)');
    code.used = true;
    grant = code;
  } else if (grantType === 'refresh_token') {
    const refresh = desk.refreshTokens.get(call.params.refresh_token ?? '');
    if (refresh === undefined) return gatewayError('isv.refresh-token-invalid');
    if (refresh.app_id !== call.appId) return gatewayError('isv.unmatched-app-id');
    if (refresh.expiresAt < now) return gatewayError('isv.refresh-token-time-out');
    desk.refreshTokens.delete(call.params.refresh_token!);
    grant = refresh;
  } else {
    return gatewayError('isv.grant-type-invalid', `grant_type参数不正确: ${JSON.stringify(grantType ?? null)} is not authorization_code or refresh_token`);
  }
  const accessToken = tokenOf(call.now);
  const refreshToken = tokenOf(call.now);
  desk.tokens.set(accessToken, { app_id: grant.app_id, user_id: grant.user_id, expiresAt: now + ACCESS_TOKEN_S * 1000 });
  desk.refreshTokens.set(refreshToken, { app_id: grant.app_id, user_id: grant.user_id, expiresAt: now + REFRESH_TOKEN_S * 1000 });
  return success({
    access_token: accessToken,
    user_id: grant.user_id,
    expires_in: String(ACCESS_TOKEN_S),
    re_expires_in: String(REFRESH_TOKEN_S),
    refresh_token: refreshToken,
    auth_start: new Date(now + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
  });
}

/** `yyyyMMdd` and 32 hex digits: 40 characters, as Alipay's tokens look. */
function tokenOf(now: Date): string {
  return `${dayStamp(now)}${randomBytes(16).toString('hex')}`;
}

/** The member an auth_token stands for, or the gateway's answer when it stands for nobody here. */
export function tokenUser(call: MethodCall): { user_id: string } | ResponseNode {
  const token = call.params.auth_token;
  if (token === undefined || token === '') return gatewayError('aop.invalid-auth-token', '无效的访问令牌: this method needs the member\'s auth_token (alipay.system.oauth.token)');
  const grant = call.store.members.tokens.get(token);
  if (grant === undefined || grant.app_id !== call.appId) return gatewayError('aop.invalid-auth-token');
  if (grant.expiresAt < call.now.getTime()) return gatewayError('aop.auth-token-time-out');
  return { user_id: grant.user_id };
}

/** alipay.marketing.card.activateform.query: what the member the token stands for submitted, for the request_id of their callback. */
export function queryActivateForm(call: MethodCall): ResponseNode {
  const user = tokenUser(call);
  if ('code' in user) return user;
  const problems = checkActivateFormQuery(call.biz);
  if (problems.length > 0) return businessError('INVALID_PARAMETER', `参数有误: ${describeProblems(problems)}`);
  const biz = call.biz as { template_id: string; request_id: string };
  const signUp = call.store.members.signUps.get(biz.request_id);
  if (signUp === undefined || signUp.app_id !== call.appId || signUp.template_id !== biz.template_id || signUp.user_id !== user.user_id) {
    return businessError('REQUEST_ID_INVALID', `request_id无效: no form submitted under request_id ${biz.request_id} by this member for template ${biz.template_id}`);
  }
  return success({ infos: JSON.stringify(Object.entries(signUp.answers).map(([field, value]) => ({ [field]: value }))) });
}
