/** The named gateways (DESIGN section 3); `local` is the embedded gateway, started in-process. */
export const GATEWAY_URLS = {
  production: 'https://openapi.alipay.com/gateway.do',
  sandbox: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do',
  local: undefined,
} as const;

export type GatewayName = keyof typeof GATEWAY_URLS;

export const GATEWAY_NAMES = Object.keys(GATEWAY_URLS) as GatewayName[];

export function isGatewayName(value: string): value is GatewayName {
  return Object.hasOwn(GATEWAY_URLS, value);
}

/** A gateway setting is a name or an absolute http(s) URL (a proxy, a mock, a local gateway on another port). */
export function isGateway(value: string): boolean {
  if (isGatewayName(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The URL to POST to, or undefined for the embedded local gateway. */
export function gatewayUrl(gateway: string): string | undefined {
  return isGatewayName(gateway) ? GATEWAY_URLS[gateway] : gateway;
}

/**
 * Whether a gateway URL is Alipay's live gateway, judged by its host wherever the URL came from
 * (the name `production`, a URL spelled out in a flag, ALIPAY_GATEWAY or the config file). The
 * production gateway is openapi.alipay.com (DESIGN section 3); every host under alipay.com is
 * Alipay's live side, while the sandbox lives under alipaydev.com. Guarding a host too many costs a
 * question; missing one issues real cards unannounced.
 */
export function isProductionGateway(url: string | undefined): boolean {
  if (url === undefined) return false;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  host = host.replace(/\.$/, '');
  return host === 'alipay.com' || host.endsWith('.alipay.com');
}
