import { commonText } from '../../i18n/en/common.js';
import { memberServeText } from '../../i18n/en/member-serve.js';
import { english, local, type Text } from '../../i18n/text.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { memberCardRequest, type MemberCardDefaults } from '../../cards/member-card.js';
import { parseInfos } from '../../cards/member-form.js';
import { ACTIVATE_FORM_QUERY_METHOD, CARD_OPEN_METHOD, CARD_QUERY_METHOD, OAUTH_TOKEN_METHOD, TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import { templateRulesOf, type TemplateRules } from '../../cards/template-rules.js';
import { describeProblems } from '../../cards/fields.js';
import type { GatewayFailure } from '../../client/response.js';
import type { GatewayClient } from '../../client/client.js';
import { CliError, GatewayError, UsageError } from '../../errors.js';
import { Slots } from '../../batch/slots.js';
import { escapeHtml } from '../../render/html.js';
import { outputFormat, writeLine, type Context } from '../context.js';
import { isUnresolvedHost, listenHost } from '../listen-host.js';
import { stateDir } from '../local-app.js';
import { makeStateDir } from '../state-dir.js';
import { loadSession } from '../session.js';
import { outputFileError } from '../output-file.js';
import { offStopSignals, onStopSignals } from '../interrupt.js';
import { takeFileLock, type FileLock } from '../../lock/file-lock.js';
import { createHash } from 'node:crypto';
import { MemberJournal, type MemberEntry } from '../member-journal.js';

export interface MemberServeOptions {
  port?: string;
  host?: string;
  templateId?: string;
  journal?: string;
  concurrency?: string;
  level?: string;
  point?: string;
  balance?: string;
}

type Entry = MemberEntry;

type Page = { status: number; title: string; text: string; card?: string };

/**
 * `member serve`: the merchant's sign-up callback as one command. Alipay (or the local gateway
 * playing the member) sends the member's browser to it with auth_code and request_id; it exchanges
 * the code, reads the form, opens the card with the answers, and answers the browser with a page.
 * A journal keyed by request_id (the member, their answers, the card request as sent, the card)
 * makes a reload or a retried callback get the same card — the out_serial_no derives from the
 * request_id — even after a restart, when the code is spent. No token or full phone number is
 * written or logged.
 */
export async function runMemberServe(ctx: Context, opts: MemberServeOptions): Promise<void> {
  // It issues a real card for each member who signs up: there is nothing it could leave unsent.
  if (ctx.globals.dryRun) throw new UsageError(memberServeText.noDryRun(), { hint: memberServeText.noDryRunHint() });
  const templateId = opts.templateId;
  if (!templateId) throw new UsageError(memberServeText.templateIdRequired());
  const port = opts.port === undefined ? 8787 : /^\d{1,5}$/.test(opts.port) ? Number(opts.port) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(memberServeText.portInvalid({ value: JSON.stringify(opts.port) }));
  const concurrency = opts.concurrency === undefined ? 8 : Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(memberServeText.concurrencyInvalid());
  const { refuseBadTemplateId } = await import('./card-call.js');
  refuseBadTemplateId(templateId);
  // The default journal and the template's lock are named by the id: a name, never a path.
  const fileName = /^[\w-]+$/.test(templateId) ? templateId : createHash('sha256').update(templateId).digest('hex').slice(0, 32);
  const journalPath = resolve(ctx.cwd, opts.journal ?? join(stateDir(ctx), 'member-serve', `${fileName}.ndjson`));
  // One member serve per template for this user, whatever its journal: two, on two journals, would
  // each give a member a card.
  const templateLock = await lockTemplate(ctx, fileName, templateId);
  // Opened (its directory made) before anything is sent: a directory given as the journal, or a place that cannot be written, is exit 2 naming it.
  const journalFile = { path: journalPath, what: opts.journal === undefined ? journalPath : `--journal ${opts.journal}` };
  let journal: MemberJournal;
  try {
    journal = await MemberJournal.open(journalPath, templateId, (message) => writeLine(ctx.stderr, local(message)));
  } catch (err) {
    templateLock.release();
    throw err instanceof CliError ? err : outputFileError(journalFile, err);
  }
  const defaults: MemberCardDefaults = { level: opts.level, point: opts.point, balance: opts.balance };

  const session = await loadSession(ctx);
  const { connectGateway } = await import('../gateway-client.js');
  const gateway = await connectGateway(ctx, session, { manyCalls: true, maxAttempts: 3 });
  const client = gateway.client;
  let rules: TemplateRules;
  try {
    rules = templateRulesOf((await client.call(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: templateId }), retrySafe: true })).node);
    // Every member's card must pass the template's rules with the answers a form can give: say now what is missing.
    const sample = memberCardRequest(templateId, 'check', '2088000000000000', { OPEN_FORM_FIELD_NAME: 'x' }, defaults, rules, ctx.now());
    const missing = sample.problems.filter((p) => !p.path.startsWith('member_ext_info'));
    if (missing.length > 0) throw new UsageError(memberServeText.templateNeedsMore({ templateId, problems: describeProblems(missing) }), { hint: memberServeText.templateNeedsMoreHint() });
  } catch (err) {
    journal.close();
    templateLock.release();
    await gateway.close();
    throw err;
  }

  let server: Awaited<ReturnType<typeof startMemberServer>>;
  try {
    server = await startMemberServer({ ctx, client, templateId, journal, defaults, rules, concurrency, host: listenHost(opts.host ?? '127.0.0.1'), port });
  } catch (err) {
    journal.close();
    templateLock.release();
    await gateway.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new UsageError(memberServeText.cannotListen({ port, host: opts.host ?? '', reason: code === 'EADDRINUSE' ? memberServeText.inUse() : code }), { hint: memberServeText.cannotListenHint() });
    }
    if (isUnresolvedHost(code)) throw new UsageError(memberServeText.hostUnresolved({ host: opts.host ?? '', code: code! }), { hint: memberServeText.hostUnresolvedHint() });
    throw err;
  }
  if (outputFormat(ctx) === 'table') writeLine(ctx.stdout, local(memberServeText.listening({ templateId, url: server.url, journal: journalPath })));
  else writeLine(ctx.stdout, JSON.stringify({ url: server.url, template_id: templateId, journal: journalPath }));

  await new Promise<void>((resolveStop) => {
    const onSignal = () => {
      offStopSignals(onSignal);
      writeLine(ctx.stderr, local(memberServeText.stopping()));
      resolveStop();
    };
    onStopSignals(onSignal);
  });
  await server.close();
  templateLock.release();
  await gateway.close();
  writeLine(ctx.stderr, local(memberServeText.stopped()));
}

export interface MemberServerOptions {
  ctx: Context;
  client: Pick<GatewayClient, 'call'>;
  templateId: string;
  journal: MemberJournal;
  defaults: MemberCardDefaults;
  rules: TemplateRules;
  concurrency: number;
  host: string;
  port: number;
  /** One line per member (default: on stderr); the demo tells the story itself. */
  log?: ((line: string) => void) | undefined;
}

/** The callback server, listening; `close` stops taking callbacks, lets those in progress end, and closes the journal. */
export async function startMemberServer(o: MemberServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { ctx, client, templateId, journal, defaults, rules } = o;
  const concurrency = o.concurrency;
  const slots = new Slots(concurrency);
  const inFlight = new Map<string, Promise<Page>>();
  const stop = new AbortController();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://member-serve');
    if (req.method !== 'GET') return page(res, { status: 405, title: '请求方式不对 Method not allowed', text: 'the sign-up callback is a GET' });
    const q = url.searchParams;
    const requestId = q.get('request_id') ?? '';
    const authCode = q.get('auth_code') ?? '';
    if (q.get('template_id') !== templateId) return page(res, { status: 403, title: '不是本会员卡 Not this card', text: `this endpoint signs members up for template ${templateId} only` });
    if (!/^[\w-]{1,128}$/.test(requestId) || !/^[\w-]{1,64}$/.test(authCode)) return page(res, { status: 400, title: '链接无效 Invalid link', text: 'auth_code and request_id are required' });
    let work = inFlight.get(requestId);
    if (work === undefined) {
      work = (async () => {
        if (!(await slots.acquire(stop.signal))) return { status: 503, title: '请稍后重试 Try again', text: 'the service is stopping' };
        try {
          return await signUp(requestId, authCode);
        } finally {
          slots.release();
        }
      })().finally(() => inFlight.delete(requestId));
      inFlight.set(requestId, work);
    }
    page(res, await work);
  };

  const signUp = async (requestId: string, authCode: string): Promise<Page> => {
    const started = Date.now();
    const known = journal.get(requestId);
    if (known?.biz_card_no) {
      // The member's card now: a later sign-up (after this card was deleted) gave them another.
      const card = (known.user_id === undefined ? undefined : journal.cardOf(known.user_id)) ?? known.biz_card_no;
      log(requestId, known, memberServeText.alreadyMember({ card }), started);
      return { status: 200, title: '您已是会员 Already a member', text: '您的会员卡已在支付宝卡包中', card };
    }
    let entry = known ?? {};
    let authToken: string | undefined;
    try {
      let userId = entry.user_id;
      let answers = entry.answers;
      if (answers === undefined) {
        const token = await client.call(OAUTH_TOKEN_METHOD, { params: { grant_type: 'authorization_code', code: authCode }, retrySafe: false });
        authToken = String(token.node.access_token);
        userId = String(token.node.user_id);
        const form = await client.call(ACTIVATE_FORM_QUERY_METHOD, { bizContent: JSON.stringify({ biz_type: 'MEMBER_CARD', template_id: templateId, request_id: requestId }), authToken, retrySafe: true });
        answers = parseInfos(form.node.infos);
      }
      // One member's sign-ups one at a time: two arriving together must not both open a card.
      return await oneAtATime(userId!, async () => {
        // A member who holds this card already (signed up before, under another request_id) is not
        // given a second; one whose card was deleted since (card delete, USER_UNBUND: "can bind
        // again") signs up anew.
        // The answers first: the code is spent, and a reload after a failure below must not need it.
        if (entry.answers === undefined) {
          entry = { user_id: userId, answers };
          journal.append(requestId, entry);
        }
        // Whatever this sign-up sent before: a reload of one the gateway refused, or whose answer
        // never came, after the member was given a card by another, gets that card, not a second.
        const held = journal.cardOf(userId!);
        if (held !== undefined && (await stillHeld(requestId, userId!, held, started))) {
          journal.append(requestId, { biz_card_no: held });
          log(requestId, entry, memberServeText.alreadyMember({ card: held }), started);
          return { status: 200, title: '您已是会员 Already a member', text: '您的会员卡已在支付宝卡包中', card: held };
        }
        // A card request of theirs whose answer never came (a timeout, a crash) may have issued a
        // card: it is sent again as it was, and the gateway answers it with that card.
        const pending = journal.pendingOf(userId!);
        if (pending !== undefined && pending.requestId !== requestId && entry.biz === undefined) {
          entry = { ...entry, biz: pending.biz };
          journal.append(requestId, { biz: pending.biz });
          log(requestId, entry, memberServeText.sentAgain({ requestId: pending.requestId }), started);
        }
        // Refused (its answers, say): sent again as it was, it would be refused again; the member
        // signs up anew from the link.
        if (entry.refused !== undefined) return signUpAgain(requestId, entry, started);
        return openCard(requestId, entry, authToken, started);
      });
    } catch (err) {
      return failed(requestId, entry, err, started);
    }
  };

  /** Whether the card the journal gave a member is still theirs: the gateway answers a deleted one CARD_NOT_EXIT. */
  const stillHeld = async (requestId: string, userId: string, cardNo: string, started: number): Promise<boolean> => {
    try {
      await client.call(CARD_QUERY_METHOD, { bizContent: JSON.stringify({ target_card_no: cardNo, target_card_no_type: 'BIZ_CARD' }), retrySafe: true });
      return true;
    } catch (err) {
      if (!(err instanceof GatewayError) || (err.failure as GatewayFailure | undefined)?.response.node.sub_code !== 'CARD_NOT_EXIT') throw err;
      log(requestId, { user_id: userId }, memberServeText.cardGone({ card: cardNo }), started);
      return false;
    }
  };

  const openCard = async (requestId: string, known: Entry, authToken: string | undefined, started: number): Promise<Page> => {
    let entry = known;
    // Made now, and so never sent before: only then does a refusal say that no card came of it.
    const firstSend = entry.biz === undefined;
    try {
      if (entry.biz === undefined) {
        const { biz, problems } = memberCardRequest(templateId, requestId, entry.user_id!, entry.answers!, defaults, rules, ctx.now());
        if (problems.length > 0) {
          log(requestId, entry, memberServeText.refused({ problems: describeProblems(problems) }), started);
          return { status: 422, title: '信息有误 Please check your details', text: english(describeProblems(problems.map((p) => ({ ...p, value: undefined })))) };
        }
        entry = { ...entry, biz };
        journal.append(requestId, { biz });
      }
      // The same request every time (same serial, same open_date): a resend gets the card already issued.
      const opened = await client.call(CARD_OPEN_METHOD, { bizContent: JSON.stringify(entry.biz), authToken, retrySafe: true });
      const cardNo = String((opened.node.card_info as { biz_card_no?: unknown } | undefined)?.biz_card_no ?? '');
      journal.append(requestId, { biz_card_no: cardNo });
      log(requestId, entry, memberServeText.issued({ card: cardNo }), started);
      return { status: 200, title: '开卡成功 Welcome', text: '会员卡已放入您的支付宝卡包', card: cardNo };
    } catch (err) {
      // Refused by the gateway the first time it was sent: no card came of it, and the member's
      // next sign-up is a request of its own. A request sent before with no answer stays pending
      // whatever a later send is told: the first may have issued the card.
      const refusal = firstSend ? refusedBy(err) : undefined;
      if (refusal !== undefined && entry.biz !== undefined) {
        try {
          journal.append(requestId, { refused: refusal });
        } catch {
          // Left as sent: the next sign-up sends it again, and is refused again or given its card.
        }
      }
      return failed(requestId, entry, err, started);
    }
  };

  const signUpAgain = (requestId: string, entry: Entry, started: number): Page => {
    log(requestId, entry, memberServeText.refusedBefore({ why: String(entry.refused) }), started);
    return { status: 400, title: '请重新开卡 Please sign up again', text: '请重新打开开卡链接 Please open the sign-up link again' };
  };

  const failed = (requestId: string, entry: Entry, err: unknown, started: number): Page => {
    const node = err instanceof GatewayError ? (err.failure as GatewayFailure | undefined)?.response.node : undefined;
    if (node === undefined && !(err instanceof Error)) throw err;
    const why = node ? [node.code, node.sub_code].filter(Boolean).join(' ') : err instanceof CliError ? err.text : (err as Error).message;
    log(requestId, entry, memberServeText.failed({ why }), started);
    if (node?.sub_code === 'isv.code-invalid') return { status: 400, title: '链接已失效 Link expired', text: '请重新打开开卡链接 Please open the sign-up link again' };
    return { status: 502, title: '请稍后重试 Please try again', text: '开卡暂时失败，请稍后刷新本页 The card could not be opened just now: reload this page' };
  };

  const userQueues = new Map<string, Promise<unknown>>();
  const oneAtATime = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const next = (userQueues.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    const tail = next.catch(() => undefined);
    userQueues.set(key, tail);
    void tail.then(() => {
      if (userQueues.get(key) === tail) userQueues.delete(key);
    });
    return next;
  };

  const log = (requestId: string, entry: Entry, what: Text, started: number) => {
    const user = entry.user_id ? `${entry.user_id.slice(0, 4)}****${entry.user_id.slice(-4)}` : '-';
    const mobile = entry.answers?.OPEN_FORM_FIELD_MOBILE;
    const masked = mobile ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '';
    const line = memberServeText.memberLine({ time: new Date().toISOString(), requestId, user, mobile: masked, what, ms: Date.now() - started });
    (o.log ?? ((shown: string) => writeLine(ctx.stderr, shown)))(local(line));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      writeLine(ctx.stderr, local(commonText.labelled({ label: commonText.errorLabel(), message: err instanceof CliError ? err.text : (err as Error).message })));
      if (!res.headersSent) page(res, { status: 500, title: '出错了 Error', text: '开卡没有完成，请稍后再试 (internal error)' });
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${address.port}/`;
  return {
    url,
    close: async () => {
      stop.abort();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeIdleConnections();
      });
      await Promise.all(inFlight.values());
      journal.close();
    },
  };
}
function page(res: ServerResponse, p: Page): void {
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(p.title)}</title></head>`
    + `<body style="font-family:sans-serif;text-align:center;padding:48px 16px"><h1>${escapeHtml(p.title)}</h1><p>${escapeHtml(p.text)}</p>`
    + `${p.card ? `<p>会员卡号 Card: <b data-card="${escapeHtml(p.card)}">${escapeHtml(p.card)}</b></p>` : ''}</body></html>\n`;
  res.writeHead(p.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * The sub_code of a gateway's answer that refused the request outright, so that no card came of
 * it: the card open reference's own refusals (INVALID_PARAMETER, TEMPLATE_NOT_EXIT, NO_CARD_TYPE)
 * and the gateway's refusals of the call itself (missing or invalid params, no permission, an
 * invalid token). Undefined for any other answer, which leaves the outcome open: 20000,
 * SYSTEM_ERROR and isp.* (retry, DESIGN §3), OUT_SERIAL_NO_CONFLICT (the serial was used), and
 * whatever the reference does not name.
 */
function refusedBy(err: unknown): string | undefined {
  const node = err instanceof GatewayError ? (err.failure as GatewayFailure | undefined)?.response.node : undefined;
  if (node === undefined) return undefined;
  const code = String(node.code ?? '');
  const subCode = String(node.sub_code ?? '');
  if (subCode.startsWith('isp.')) return undefined;
  if (code === '40004') return ['INVALID_PARAMETER', 'TEMPLATE_NOT_EXIT', 'NO_CARD_TYPE'].includes(subCode) ? subCode : undefined;
  return ['20001', '40001', '40002', '40006'].includes(code) ? subCode || code : undefined;
}

/** The user's lock of `templateId`'s sign-ups (in the state directory), whatever journal a member serve keeps them in. */
async function lockTemplate(ctx: Context, fileName: string, templateId: string): Promise<FileLock> {
  // Made, or exit 2 naming it and why, as the state directory's other folders are.
  const dir = makeStateDir(join(stateDir(ctx), 'member-serve'));
  return takeFileLock(join(dir, `${fileName}.lock`), {
    detail: templateId,
    busy: ({ pid }) => new UsageError(memberServeText.templateBusy({ pid: pid === undefined ? '' : String(pid), templateId }), { hint: memberServeText.journalBusyHint() }),
    hint: memberServeText.templateLockHint(),
  });
}
