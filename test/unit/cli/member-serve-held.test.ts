import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { commonFieldsText } from '../../../src/cards/member-form.js';
import { ACTIVATE_URL_APPLY_METHOD, CARD_OPEN_METHOD, CARD_QUERY_METHOD, FORM_TEMPLATE_SET_METHOD, TEMPLATE_QUERY_METHOD } from '../../../src/cards/methods.js';
import { templateRulesOf } from '../../../src/cards/template-rules.js';
import type { GatewayClient } from '../../../src/client/client.js';
import { demoTemplate } from '../../../src/cli/commands/demo.js';
import { startMemberServer } from '../../../src/cli/commands/member-serve.js';
import { MemberJournal } from '../../../src/cli/member-journal.js';
import type { Context } from '../../../src/cli/context.js';
import { connectLocal } from '../../../src/cli/gateway-client.js';
import { TransportError } from '../../../src/errors.js';

// member serve asks the gateway whether a returning member still holds their card. That question
// comes after the member's code is spent: when it fails, a reload must still reach an answer.
describe('member serve: a returning member, and the card query failing', () => {
  it('a failed card query is a "try again" page, and the reload gives the member their card, not "link expired"; a card issued whose answer was lost is the card a new sign-up gets, not a second', async () => {
    const home = mkdtempSync(join(tmpdir(), 'member-serve-held-'));
    const ctx = {
      stdout: new PassThrough(), stderr: new PassThrough(), stdin: Readable.from([]),
      env: { XDG_STATE_HOME: home }, cwd: home, homeDir: home, now: () => new Date(), globals: {},
    } as unknown as Context;
    const gateway = await connectLocal(ctx);
    // The gateway, but for one card query that fails as a network error would (after the client's own retries).
    let failQuery = false;
    let loseOpenAnswer = false;
    const client: Pick<GatewayClient, 'call'> = {
      call: async (method, request) => {
        if (method === CARD_QUERY_METHOD && failQuery) {
          failQuery = false;
          throw new TransportError('connection reset');
        }
        if (method === CARD_OPEN_METHOD && loseOpenAnswer) {
          // Sent and carried out, but the answer lost on the way back (a reset, a timeout).
          loseOpenAnswer = false;
          await gateway.client.call(method, request);
          throw new TransportError('connection reset');
        }
        return gateway.client.call(method, request);
      },
    };
    const call = (method: string, biz: unknown) => gateway.client.call(method, { bizContent: JSON.stringify(biz), retrySafe: true });
    const templateId = String((await call('alipay.marketing.card.template.create', demoTemplate('unit-member-held'))).node.template_id);
    await call(FORM_TEMPLATE_SET_METHOD, { template_id: templateId, fields: { required: commonFieldsText(['OPEN_FORM_FIELD_MOBILE', 'OPEN_FORM_FIELD_NAME']) } });
    const rules = templateRulesOf((await call(TEMPLATE_QUERY_METHOD, { template_id: templateId })).node);
    const journal = await MemberJournal.open(join(home, 'signups.ndjson'), templateId);
    const server = await startMemberServer({ ctx, client, templateId, journal, rules, concurrency: 2, host: '127.0.0.1', port: 0, defaults: { level: 'VIP1', point: '0', balance: '0.00' }, log: () => {} });
    try {
      const link = String((await call(ACTIVATE_URL_APPLY_METHOD, { template_id: templateId, callback: server.url })).node.apply_card_url);
      const member = { user_id: '2088000000000777', answers: { OPEN_FORM_FIELD_MOBILE: '13800000777', OPEN_FORM_FIELD_NAME: '张三' } };
      const signUp = async () => {
        const res = await fetch(`${gateway.gatewayUrl.replace(/\/gateway\.do$/, '')}/_local/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ link, ...member }) });
        return (await res.json()) as { status: number; callback: string; body: string };
      };
      const first = await signUp();
      const card = /data-card="([^"]+)"/.exec(first.body)![1]!;
      expect(first.body).toContain('Welcome');

      failQuery = true;
      const again = await signUp();
      expect([again.status, again.body]).toEqual([502, expect.stringContaining('reload this page')]);
      const reload = await fetch(again.callback);
      const page = await reload.text();
      expect(reload.status).toBe(200);
      expect(page).toContain('Already a member');
      expect(page).toContain(`data-card="${card}"`);
      expect(page).not.toContain('Link expired');

      // Another member: their card issued, the answer lost. They open the link again (a new sign-up,
      // a new request_id): the request whose answer never came is sent again, and they get that card.
      const other = { user_id: '2088000000000778', answers: { OPEN_FORM_FIELD_MOBILE: '13800000778', OPEN_FORM_FIELD_NAME: '李四' } };
      const signUpOther = async () => {
        const res = await fetch(`${gateway.gatewayUrl.replace(/\/gateway\.do$/, '')}/_local/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ link, ...other }) });
        return (await res.json()) as { status: number; callback: string; body: string };
      };
      loseOpenAnswer = true;
      const lost = await signUpOther();
      expect([lost.status, lost.body]).toEqual([502, expect.stringContaining('reload this page')]);
      const cardsOf = async (user: string) => ((await (await fetch(`${gateway.gatewayUrl.replace(/\/gateway\.do$/, '')}/_local/cards`)).json()) as Array<{ user_uni_id: string; biz_card_no: string }>).filter((c) => c.user_uni_id === user);
      const issued = await cardsOf(other.user_id);
      expect(issued).toHaveLength(1);
      const anew = await signUpOther();
      expect([anew.status, anew.body]).toEqual([200, expect.stringContaining(`data-card="${issued[0]!.biz_card_no}"`)]);
      expect(await cardsOf(other.user_id)).toHaveLength(1);
    } finally {
      await server.close();
      await gateway.close();
    }
  }, 30_000);
});

// What a send that is refused, or told SYSTEM_ERROR, says of a card request sent before with no
// answer: nothing. The member is given one card, whichever sign-up or reload asks.
describe('member serve: a card request with no answer, then refusals', () => {
  it('a resend told SYSTEM_ERROR keeps the request pending (its first send may have issued the card); a refused sign-up reloaded after the member got a card shows that card; one refused outright asks the member to sign up again', async () => {
    const home = mkdtempSync(join(tmpdir(), 'member-serve-refusals-'));
    const ctx = {
      stdout: new PassThrough(), stderr: new PassThrough(), stdin: Readable.from([]),
      env: { XDG_STATE_HOME: home }, cwd: home, homeDir: home, now: () => new Date(), globals: {},
    } as unknown as Context;
    const gateway = await connectLocal(ctx);
    const base = gateway.gatewayUrl.replace(/\/gateway\.do$/, '');
    let openFault: 'lose-answer' | 'refuse' | undefined;
    const client: Pick<GatewayClient, 'call'> = {
      call: async (method, request) => {
        const fault = method === CARD_OPEN_METHOD ? openFault : undefined;
        if (method === CARD_OPEN_METHOD) openFault = undefined;
        if (fault === 'lose-answer') {
          await gateway.client.call(method, request);
          throw new TransportError('connection reset');
        }
        // The gateway's own refusal (TEMPLATE_NOT_EXIT), of a request it never carried out.
        if (fault === 'refuse') return gateway.client.call(method, { ...request, bizContent: request.bizContent!.replace(/"card_template_id":"\d+"/, '"card_template_id":"20990101000000000000000000000000"') });
        return gateway.client.call(method, request);
      },
    };
    const call = (method: string, biz: unknown) => gateway.client.call(method, { bizContent: JSON.stringify(biz), retrySafe: true });
    const templateId = String((await call('alipay.marketing.card.template.create', demoTemplate('unit-member-refusals'))).node.template_id);
    await call(FORM_TEMPLATE_SET_METHOD, { template_id: templateId, fields: { required: commonFieldsText(['OPEN_FORM_FIELD_MOBILE', 'OPEN_FORM_FIELD_NAME']) } });
    const rules = templateRulesOf((await call(TEMPLATE_QUERY_METHOD, { template_id: templateId })).node);
    const journal = await MemberJournal.open(join(home, 'signups.ndjson'), templateId);
    const server = await startMemberServer({ ctx, client, templateId, journal, rules, concurrency: 2, host: '127.0.0.1', port: 0, defaults: { level: 'VIP1', point: '0', balance: '0.00' }, log: () => {} });
    const fault = (spec: string) => fetch(`${base}/_local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fault: spec }) });
    const clear = () => fetch(`${base}/_local/faults`, { method: 'DELETE' });
    const cardsOf = async (user: string) => ((await (await fetch(`${base}/_local/cards`)).json()) as Array<{ user_uni_id: string; biz_card_no: string }>).filter((c) => c.user_uni_id === user);
    try {
      const link = String((await call(ACTIVATE_URL_APPLY_METHOD, { template_id: templateId, callback: server.url })).node.apply_card_url);
      const signUp = async (user: string) => {
        const res = await fetch(`${base}/_local/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ link, user_id: user, answers: { OPEN_FORM_FIELD_MOBILE: '13800000888', OPEN_FORM_FIELD_NAME: '王五' } }) });
        return (await res.json()) as { status: number; callback: string; body: string };
      };
      const cardIn = (body: string) => /data-card="([^"]+)"/.exec(body)?.[1];

      // 1. Issued, the answer lost; the reload's resend is told SYSTEM_ERROR every time; a new sign-up gets that card.
      const u1 = '2088000000000881';
      openFault = 'lose-answer';
      const lost = await signUp(u1);
      expect(lost.status).toBe(502);
      const [issued] = await cardsOf(u1);
      await fault('system-error');
      expect((await fetch(lost.callback)).status).toBe(502);
      await clear();
      const anew = await signUp(u1);
      expect([anew.status, cardIn(anew.body)]).toEqual([200, issued!.biz_card_no]);
      expect(await cardsOf(u1)).toHaveLength(1);

      // 2. SYSTEM_ERROR on the first send: pending; a new sign-up sends it again and is given the card; the first page reloaded shows it.
      const u2 = '2088000000000882';
      await fault('system-error');
      const failed = await signUp(u2);
      expect(failed.status).toBe(502);
      await clear();
      const second = await signUp(u2);
      const card2 = cardIn(second.body);
      expect([second.status, card2]).toEqual([200, expect.any(String)]);
      const reloaded = await fetch(failed.callback);
      expect([reloaded.status, cardIn(await reloaded.text())]).toEqual([200, card2]);
      expect(await cardsOf(u2)).toHaveLength(1);

      // 3. Refused outright on its first send: its reload asks the member to sign up again, and a new sign-up issues the card.
      const u3 = '2088000000000883';
      openFault = 'refuse';
      const refused = await signUp(u3);
      expect(refused.status).toBe(502);
      expect(await cardsOf(u3)).toHaveLength(0);
      const again = await fetch(refused.callback);
      expect([again.status, await again.text()]).toEqual([400, expect.stringContaining('Please open the sign-up link again')]);
      const fresh = await signUp(u3);
      expect(fresh.status).toBe(200);
      expect(await cardsOf(u3)).toHaveLength(1);
    } finally {
      await server.close();
      await gateway.close();
    }
  }, 60_000);
});
