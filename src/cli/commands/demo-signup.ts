import { randomBytes } from 'node:crypto';
import { commonFieldsText } from '../../cards/member-form.js';
import { ACTIVATE_URL_APPLY_METHOD, CARD_QUERY_METHOD, FORM_TEMPLATE_SET_METHOD, TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import { templateRulesOf } from '../../cards/template-rules.js';
import type { GatewayClient } from '../../client/client.js';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { stateDir } from '../local-app.js';
import { startMemberServer } from './member-serve.js';
import { MemberJournal } from '../member-journal.js';

export interface DemoSignUp {
  link: string;
  qr?: string | undefined;
  member: { user_id: string; answers: Record<string, string> };
  callback: { status: number; url: string };
  card?: Record<string, unknown> | undefined;
}

/**
 * A member signing up by themselves, on the same local gateway: the template's form set
 * (mobile and name required, gender optional), member serve listening, the sign-up link (and its
 * QR code), the gateway playing a member who opens it and submits the form, and the card that
 * member serve opened for them.
 */
export async function demoSignUp(ctx: Context, client: Pick<GatewayClient, 'call'>, gatewayUrl: string, templateId: string, withQr: boolean): Promise<DemoSignUp> {
  await client.call(FORM_TEMPLATE_SET_METHOD, {
    bizContent: JSON.stringify({ template_id: templateId, fields: { required: commonFieldsText(['OPEN_FORM_FIELD_MOBILE', 'OPEN_FORM_FIELD_NAME']), optional: commonFieldsText(['OPEN_FORM_FIELD_GENDER']) } }),
    retrySafe: true,
  });
  const rules = templateRulesOf((await client.call(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: templateId }), retrySafe: true })).node);
  const journal = await MemberJournal.open(join(stateDir(ctx), 'member-serve', `demo-${templateId}.ndjson`), templateId);
  const server = await startMemberServer({ ctx, client: client as GatewayClient, templateId, journal, rules, concurrency: 2, host: '127.0.0.1', port: 0, defaults: { level: 'VIP1', point: '0', balance: '0.00' }, log: () => {} });
  try {
    const applied = await client.call(ACTIVATE_URL_APPLY_METHOD, { bizContent: JSON.stringify({ template_id: templateId, callback: server.url, out_string: 'demo' }), retrySafe: true });
    const encoded = String(applied.node.apply_card_url);
    const link = decodeURIComponent(encoded);
    const qr = withQr ? await (await import('qrcode')).default.toString(link, { type: 'terminal', small: true }) : undefined;
    const member = { user_id: `2088${String(randomBytes(6).readUIntBE(0, 6) % 1e12).padStart(12, '0')}`, answers: { OPEN_FORM_FIELD_MOBILE: '13800000000', OPEN_FORM_FIELD_NAME: '张三', OPEN_FORM_FIELD_GENDER: '男' } };
    const base = gatewayUrl.replace(/\/gateway\.do$/, '');
    const visit = await fetch(`${base}/_local/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ link: encoded, ...member }) });
    const report = (await visit.json()) as { status: number; callback: string; body: string };
    const cardNo = /data-card="([^"]+)"/.exec(report.body ?? '')?.[1];
    const card = cardNo === undefined ? undefined
      : (await client.call(CARD_QUERY_METHOD, { bizContent: JSON.stringify({ target_card_no: cardNo, target_card_no_type: 'BIZ_CARD' }), retrySafe: true })).node;
    // The callback carried the member's auth code: spent by now, still not shown.
    const shownCallback = (report.callback ?? '').replace(/([?&]auth_code=)[^&]*/, '$1<redacted>');
    return { link, qr, member, callback: { status: report.status, url: shownCallback }, card };
  } finally {
    await server.close();
  }
}
