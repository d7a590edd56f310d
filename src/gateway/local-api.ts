import type { IncomingMessage, ServerResponse } from 'node:http';
import { CliError } from '../errors.js';
import type { AppRegistration } from './apps.js';
import { readBody, send, sendJson, type BodyBudget } from './http-body.js';
import { StateLogWriteError } from './state-log.js';
import type { MemberReport, MemberVisit } from './simulated-member.js';
import type { CardState, StoredCard, StoredTemplate } from './store.js';

/** What tests and tools can ask of a running gateway, in-process or over /_local/*. */
export interface GatewayControl {
  info(): GatewayInfo;
  registerApp(app: AppRegistration): { appId: string; appCertSn?: string };
  injectFault(spec: string): void;
  clearFaults(): void;
  cards(): CardView[];
  templates(): StoredTemplate[];
  /** An uploaded image's bytes, by its image_id. */
  image(imageId: string): { contentType: string; bytes: Buffer } | undefined;
  /** A simulated member following a sign-up link (POST /_local/members). */
  visit(visit: MemberVisit): Promise<MemberReport>;
}

export interface GatewayInfo {
  url: string;
  alipayPublicKey: string;
  alipayCertSn: string;
  alipayRootCertSn: string;
  alipayCert: string;
  alipayRootCert: string;
}

/**
 * A stored card as /_local/cards lists it: as it was opened (the members of StoredCard), then
 * `state` — as it stands now — and `history`: the open, each update and the delete, in order.
 */
export type CardView = Omit<StoredCard, 'request_digest'> & {
  state: { status: 'ACTIVE' | 'DELETED'; template_id: string; card_info: Record<string, unknown>; reason_code?: string };
  history: Array<Record<string, unknown>>;
};

export function cardView({ card, fields, template_id, changes, deleted }: CardState): CardView {
  const { request_digest: _digest, ...opened } = card;
  return {
    ...opened,
    state: { status: deleted ? 'DELETED' : 'ACTIVE', template_id, card_info: fields, ...(deleted?.reason_code ? { reason_code: deleted.reason_code } : {}) },
    history: [
      { action: 'open', at: card.created_at, out_serial_no: card.out_serial_no, card_info: card.fields },
      ...changes.map(({ app_id: _a, biz_card_no: _b, ...change }) => change),
    ],
  };
}

const IMAGES = '/_local/images/';

/**
 * GET  /_local/cards, /_local/templates, /_local/gateway (url, key, certs), /_local/images/<image_id> (the bytes)
 * POST /_local/apps {"app_id","public_key"|"app_cert","encrypt_key"?}
 * POST /_local/faults {"fault":"unavailable:next=1"}, DELETE /_local/faults
 * POST /_local/members {"link","user_id","answers"}: a member signs up through a link
 */
export async function handleLocalApi(req: IncomingMessage, res: ServerResponse, path: string, control: GatewayControl, budget: BodyBudget): Promise<void> {
  const route = `${req.method} ${path}`;
  if (req.method === 'GET' && path.startsWith(IMAGES)) {
    const image = control.image(decodeURIComponent(path.slice(IMAGES.length)));
    if (image === undefined) return sendJson(res, 404, { error: `no image ${path.slice(IMAGES.length)}: upload one with alipay.offline.material.image.upload` });
    return send(res, 200, image.contentType, image.bytes);
  }
  switch (route) {
    case 'GET /_local/cards':
      return sendJson(res, 200, control.cards());
    case 'GET /_local/templates':
      return sendJson(res, 200, control.templates());
    case 'GET /_local/gateway':
      return sendJson(res, 200, control.info());
    case 'DELETE /_local/faults':
      control.clearFaults();
      return sendJson(res, 200, { faults: [] });
    case 'POST /_local/members':
      return withJsonBody(req, res, budget, async (body) => {
        const visit = { link: String(body.link ?? ''), user_id: String(body.user_id ?? ''), answers: (typeof body.answers === 'object' && body.answers !== null ? body.answers : {}) as Record<string, string> };
        sendJson(res, 200, await control.visit(visit));
      });
    case 'POST /_local/apps':
    case 'POST /_local/faults':
      return withJsonBody(req, res, budget, (body) => {
        if (path === '/_local/faults') {
          const specs = Array.isArray(body.faults) ? body.faults : [body.fault];
          for (const spec of specs) control.injectFault(String(spec));
          return sendJson(res, 200, { added: specs });
        }
        const registered = control.registerApp({
          appId: String(body.app_id ?? ''),
          publicKey: optional(body.public_key),
          appCert: optional(body.app_cert),
          encryptKey: optional(body.encrypt_key),
        });
        sendJson(res, 201, { app_id: registered.appId, ...(registered.appCertSn ? { app_cert_sn: registered.appCertSn } : {}) });
      });
    default:
      return sendJson(res, 404, { error: `no such local endpoint: ${route}` });
  }
}

async function withJsonBody(req: IncomingMessage, res: ServerResponse, budget: BodyBudget, use: (body: Record<string, unknown>) => void | Promise<void>): Promise<void> {
  const read = await readBody(req, budget);
  if (read.kind === 'aborted') return;
  if (read.kind === 'too-large') return sendJson(res, 413, { error: 'body over 1 MB' });
  let body: unknown;
  try {
    body = JSON.parse(read.body.toString('utf8'));
  } catch {
    return sendJson(res, 400, { error: 'the body must be a JSON object' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendJson(res, 400, { error: 'the body must be a JSON object' });
  try {
    await use(body as Record<string, unknown>);
  } catch (err) {
    if (err instanceof StateLogWriteError) return sendJson(res, 503, { error: `${err.message}: nothing was changed` });
    if (!(err instanceof CliError)) throw err;
    sendJson(res, 400, { error: err.message, ...(err.hint ? { hint: err.hint } : {}) });
  }
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
