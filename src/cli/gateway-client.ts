import type { KeyObject } from 'node:crypto';
import type { GatewayClient, ExchangeEvent } from '../client/client.js';
import type { ResponseVerifier } from '../client/response.js';
import type { SigningIdentity } from '../client/request.js';
import { redactRequest } from '../client/redact.js';
import { requireAlipayKey, type Credentials, type ResolvedConfig } from '../config/index.js';
import { writeLine, type Context } from './context.js';
import { signingIdentity } from './commands/sign.js';
import type { Session } from './session.js';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export interface ConnectedGateway {
  client: GatewayClient;
  identity: SigningIdentity;
  gatewayUrl: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  maxAttempts?: number;
}

/**
 * A client for the profile's gateway. `local` starts the local gateway inside this process and
 * registers the app with it, so any command works with no account and no setup.
 */
export async function connectGateway(ctx: Context, session: Session, options: ConnectOptions = {}): Promise<ConnectedGateway> {
  const { config } = session;
  let { credentials } = session;
  let gatewayUrl: string;
  let stopLocal: (() => Promise<void>) | undefined;
  if (config.profile.gatewayUrl === undefined) {
    const { startLocalGateway } = await import('./local-gateway.js');
    const local = await startLocalGateway(ctx, session);
    gatewayUrl = local.url;
    credentials = local.credentials;
    stopLocal = local.close;
  } else {
    gatewayUrl = config.profile.gatewayUrl;
  }
  const identity = signingIdentity(config.profile, credentials);
  if (config.profile.gateway === 'production') {
    writeLine(ctx.stderr, `▲ production gateway — profile ${config.profileName}, app_id ${identity.appId}, ${gatewayUrl}`);
  }
  const { GatewayClient } = await import('../client/client.js');
  const client = new GatewayClient({
    gatewayUrl,
    identity,
    verifier: responseVerifier(config, credentials),
    transport: { timeoutMs: config.profile.timeoutMs, userAgent: `alipay-card/${VERSION}`, env: ctx.env },
    retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 200, maxDelayMs: 5000 },
    now: ctx.now,
    ...(ctx.globals.verbose ? { onExchange: (e: ExchangeEvent) => logExchange(ctx, e) } : {}),
  });
  return {
    client,
    identity,
    gatewayUrl,
    close: async () => {
      await client.close();
      await stopLocal?.();
    },
  };
}

export function responseVerifier(config: ResolvedConfig, credentials: Credentials): ResponseVerifier {
  const certs = credentials.mode === 'cert' ? credentials.alipayCerts ?? [] : [];
  const key: KeyObject | undefined = certs.length === 0 ? requireAlipayKey(credentials) : undefined;
  return {
    signType: config.profile.signType,
    charset: config.profile.charset,
    encryptKey: credentials.encryptKey,
    keyFor: (sn) => {
      if (key) return key;
      const cert = sn ? certs.find((c) => c.sn === sn) : certs[0];
      if (cert) return cert.publicKey;
      return { error: `the response names alipay_cert_sn ${sn}, which none of the configured Alipay certs has (${certs.map((c) => c.sn).join(', ')}): download Alipay's current public cert` };
    },
  };
}

/** --verbose: the exchange on stderr, with auth tokens and signatures redacted. */
function logExchange(ctx: Context, event: ExchangeEvent): void {
  const shown = redactRequest(event.request, { sign: true });
  const lines = [
    `── attempt ${event.attempt} ──`,
    `string to sign: ${shown.signContent}`,
    `→ POST ${shown.url}`,
    `  content-type: ${shown.contentType}`,
    `  ${shown.body}`,
  ];
  if (event.status !== undefined) lines.push(`← HTTP ${event.status}`, `  ${event.body ?? ''}`);
  if (event.error) lines.push(`✗ ${event.error.message}`);
  if (event.retryInMs !== undefined) lines.push(`↻ retrying in ${event.retryInMs} ms`);
  for (const line of lines) writeLine(ctx.stderr, line);
}

