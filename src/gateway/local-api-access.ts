import { isLoopbackHost } from '../client/proxy.js';

/**
 * Who may use /_local/* (unauthenticated: it registers apps, injects faults, lists cards with user
 * ids, names and phone numbers). 'this-machine': connections from loopback naming a loopback Host.
 * 'any-machine' (`gateway serve --allow-remote --expose-local-api`): any connection, any Host.
 */
export type LocalApiReach = 'this-machine' | 'any-machine';

/** What the access rules read of one request. */
export interface LocalApiRequest {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  contentType: string | undefined;
  /** The connection's remote address, as Node gives it (`::ffff:127.0.0.1` for IPv4 on a dual-stack socket). */
  peer: string | undefined;
}

export interface Refusal {
  status: 403 | 415;
  error: string;
}

/**
 * Why a /_local request is refused, or undefined to answer it. A web page can make the browser send
 * requests here without asking anyone (a text/plain POST needs no CORS preflight), or, by DNS
 * rebinding, under its own host name; tools such as curl send no Origin and a loopback Host.
 * So: an Origin header must name a loopback origin; a Host header must name loopback (the port is
 * not checked: a port forward changes it, and the name is what rebinding cannot fake); a POST must
 * be application/json, which a browser sends cross-origin only after a preflight this gateway never
 * approves. gateway.do has none of these rules: its requests are authenticated by their signatures.
 */
export function localApiRefusal(req: LocalApiRequest, reach: LocalApiReach): Refusal | undefined {
  if (reach === 'this-machine' && !isLoopbackPeer(req.peer)) {
    return { status: 403, error: `/_local/* answers only this machine (request from ${req.peer ?? 'an unknown address'})` };
  }
  if (reach === 'this-machine' && !isLoopbackHostHeader(req.host)) {
    return { status: 403, error: `/_local/* answers only a loopback Host (127.0.0.1, localhost or [::1], with any port), got ${req.host === undefined ? 'none' : JSON.stringify(req.host)}` };
  }
  if (req.origin !== undefined && !isLoopbackOrigin(req.origin)) {
    return { status: 403, error: `/_local/* refuses requests from web pages: Origin ${JSON.stringify(req.origin)} is not a loopback origin` };
  }
  if (req.method === 'POST' && !isJson(req.contentType)) {
    return { status: 415, error: `/_local/* takes a POST body as Content-Type: application/json, got ${req.contentType === undefined ? 'none' : JSON.stringify(req.contentType)}` };
  }
  return undefined;
}

function isLoopbackPeer(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/i.test(address);
}

/**
 * `localhost:8080`, `127.0.0.1`, `[::1]:8080`; a name with a path, user or other junk is not a Host.
 * Also `0.0.0.0` and `[::]`: the URL `gateway serve --host 0.0.0.0` prints, which from this machine
 * reaches this machine (no DNS name is involved, so no rebinding).
 */
function isLoopbackHostHeader(host: string | undefined): boolean {
  if (host === undefined || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return false;
  const url = parseUrl(`http://${host}`);
  return url !== undefined && (isLoopbackHost(url.hostname) || url.hostname === '0.0.0.0' || url.hostname === '[::]');
}

function isLoopbackOrigin(origin: string): boolean {
  const url = parseUrl(origin);
  return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
