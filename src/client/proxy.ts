import { ConfigError } from '../errors.js';
import { clientErrorsText } from '../i18n/en/client-errors.js';

/** The proxy a request goes through, and the variable it came from (named in errors and hints). */
export interface ProxyRoute {
  /** The proxy's URL, credentials included: for the dispatcher only, never printed. */
  url: string;
  /** `host:port` of the proxy: what messages show. */
  host: string;
  variable: string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** localhost, 127.0.0.0/8 and ::1: the local gateway's addresses. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Which proxy, if any, serves `target`, by the rules undici's EnvHttpProxyAgent applies
 * (HTTPS_PROXY for https, falling back to HTTP_PROXY; NO_PROXY hosts, their subdomains, `*`) plus
 * one of curl's: loopback never goes through a proxy, since a proxy cannot reach our localhost.
 * Choosing here rather than inside undici is what lets a failure name the proxy instead of the gateway.
 */
export function proxyFor(target: URL, env: Readonly<Record<string, string | undefined>>): ProxyRoute | undefined {
  if (isLoopbackHost(target.hostname)) return undefined;
  const candidates = target.protocol === 'https:'
    ? ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']
    : ['HTTP_PROXY', 'http_proxy'];
  const variable = candidates.find((name) => env[name]);
  if (!variable || bypassed(target, env.NO_PROXY || env.no_proxy || '')) return undefined;
  const url = env[variable]!;
  try {
    return { url, host: new URL(url).host, variable };
  } catch {
    // Not the value itself: a proxy URL may hold a password.
    throw new ConfigError(clientErrorsText.proxyNotUrl({ variable }), { hint: clientErrorsText.proxyNotUrlHint({ variable }) });
  }
}

function bypassed(target: URL, noProxy: string): boolean {
  if (noProxy.trim() === '*') return true;
  const hostname = target.hostname.toLowerCase();
  const port = Number.parseInt(target.port, 10) || DEFAULT_PORTS[target.protocol] || 0;
  return noProxy.split(/[,\s]/).filter(Boolean).some((entry) => {
    const parsed = /^(.+):(\d+)$/.exec(entry);
    const name = (parsed ? parsed[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    if (parsed && Number.parseInt(parsed[2]!, 10) !== port) return false;
    return hostname === name || hostname.endsWith(`.${name}`);
  });
}
