import type { KeyObject } from 'node:crypto';
// Static: the client is in this chunk (GATEWAY, scripts/build.mjs); its transport is loaded when a call is made.
import { GatewayClient, type ExchangeEvent } from '../client/client.js';
import type { ResponseVerifier } from '../client/response.js';
import { bodyText, type SigningIdentity } from '../client/request.js';
import { maskMobileNumbers, redactRequest, redactSecrets } from '../client/redact.js';
import { requireAlipayKey, type Credentials, type ResolvedProfile } from '../config/index.js';
import { writeLine, type Context } from './context.js';
import { gatewayCliText } from '../i18n/en/gateway-cli.js';
import { local, type Text } from '../i18n/text.js';
import { printGatewayBanner } from './gateway-banner.js';
import { LOCAL_APP_ID, localApp } from './local-app.js';
import { signingIdentity } from './commands/sign.js';
import type { Session } from './session.js';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export interface ConnectedGateway {
  client: GatewayClient;
  identity: SigningIdentity;
  gatewayUrl: string;
  /** Set for the in-process local gateway. */
  local?: { statePath: string; appKeyFile: string | undefined };
  close(): Promise<void>;
}

export interface ConnectOptions {
  maxAttempts?: number;
  /** Thousands of calls (card batch, member serve) rather than one or two: undici's pool (TransportOptions.pooled). */
  manyCalls?: boolean;
}

/**
 * A client for the profile's gateway. `local` starts the local gateway inside this process and
 * registers the app with it, so any command works with no account and no setup.
 */
export async function connectGateway(ctx: Context, session: Session, options: ConnectOptions = {}): Promise<ConnectedGateway> {
  const { profile } = session.config;
  printGatewayBanner(ctx, session.config, { reads: true });
  if (profile.gatewayUrl === undefined) return connectInProcess(ctx, session, profile, options);
  return connect(ctx, profile, session.credentials, profile.gatewayUrl, options);
}

/**
 * DESIGN section 1: a request for the production gateway (or the local one) says so on stderr,
 * sent or not (--dry-run). Kept under its old name for the commands that call it for a dry run.
 */
export function printProductionBanner(ctx: Context, session: Session): void {
  printGatewayBanner(ctx, session.config);
}

/**
 * Who signs a request that is built but not sent (--dry-run), and for which URL. For the local
 * gateway that is the app a real local call would use (startLocalGateway): the profile's key and
 * appId when it has them, else the local app's, so a dry run needs no more setup than a real call.
 */
export function dryRunTarget(ctx: Context, session: Session): { gatewayUrl: string; identity: SigningIdentity; note?: Text | string } {
  const { profile } = session.config;
  if (profile.gatewayUrl !== undefined) return { gatewayUrl: profile.gatewayUrl, identity: signingIdentity(profile, session.credentials) };
  const privateKey = session.credentials.privateKey ?? localApp(ctx).privateKey;
  const identity = signingIdentity({ ...profile, appId: profile.appId ?? LOCAL_APP_ID }, { ...session.credentials, privateKey });
  return { gatewayUrl: '/gateway.do', identity, note: gatewayCliText.inProcessNote() };
}

/** The in-process local gateway with the local app (the demo): no profile needed at all. */
export async function connectLocal(ctx: Context): Promise<ConnectedGateway> {
  const { DEFAULT_TIMEOUT_MS } = await import('../config/index.js');
  const profile: ResolvedProfile = { gateway: 'local', gatewayUrl: undefined, signType: 'RSA2', charset: 'utf-8', timeoutMs: ctx.globals.timeout ?? DEFAULT_TIMEOUT_MS };
  return connectInProcess(ctx, undefined, profile, {});
}

async function connectInProcess(ctx: Context, session: Session | undefined, profile: ResolvedProfile, options: ConnectOptions): Promise<ConnectedGateway> {
  const { startLocalGateway } = await import('./local-gateway.js');
  const local = await startLocalGateway(ctx, session);
  try {
    const connected = await connect(ctx, { ...profile, appId: local.appId }, local.credentials, local.url, options);
    return {
      ...connected,
      local: { statePath: local.statePath, appKeyFile: local.appKeyFile },
      close: async () => {
        try {
          await connected.close();
        } finally {
          await local.close();
        }
      },
    };
  } catch (err) {
    await local.close();
    throw err;
  }
}

async function connect(ctx: Context, profile: ResolvedProfile, credentials: Credentials, gatewayUrl: string, options: ConnectOptions): Promise<ConnectedGateway> {
  const identity = signingIdentity(profile, credentials);
  const client = new GatewayClient({
    gatewayUrl,
    identity,
    verifier: responseVerifier(profile, credentials),
    transport: { timeoutMs: profile.timeoutMs, userAgent: `alipay-card/${VERSION}`, env: ctx.env, pooled: options.manyCalls },
    retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 200, maxDelayMs: 5000 },
    now: ctx.now,
    ...(ctx.globals.verbose ? { onExchange: (e: ExchangeEvent) => logExchange(ctx, e) } : {}),
  });
  return { client, identity, gatewayUrl, close: () => client.close() };
}

export function responseVerifier(profile: ResolvedProfile, credentials: Credentials): ResponseVerifier {
  const certs = credentials.mode === 'cert' ? credentials.alipayCerts ?? [] : [];
  const key: KeyObject | undefined = certs.length === 0 ? requireAlipayKey(credentials) : undefined;
  return {
    signType: profile.signType,
    charset: profile.charset,
    encryptKey: credentials.encryptKey,
    keyFor: (sn) => {
      if (key) return key;
      const cert = sn ? certs.find((c) => c.sn === sn) : certs[0];
      if (cert) return cert.publicKey;
      return { error: gatewayCliText.noCertForSn({ sn: String(sn), configured: certs.map((c) => c.sn).join(', ') }) };
    },
  };
}

/** --verbose: the exchange on stderr, with auth tokens and signatures redacted, mobile numbers masked. */
function logExchange(ctx: Context, event: ExchangeEvent): void {
  const shown = redactRequest(event.request, { sign: true });
  // Each line whole, in the person's language where it has words; the exchange itself as sent.
  const lines: string[] = [
    local(gatewayCliText.verboseAttempt({ attempt: event.attempt })),
    local(gatewayCliText.verboseStringToSign({ content: shown.signContent })),
    event.proxy ? local(gatewayCliText.verbosePostThroughProxy({ url: shown.url, proxy: event.proxy.host, variable: event.proxy.variable })) : `→ POST ${shown.url}`,
    `  content-type: ${shown.contentType}`,
    `  x-request-id: ${event.requestId}`,
    `  ${bodyText(shown)}`,
  ];
  // The gateway may quote our string to sign, tokens and all (isv.invalid-signature's sub_msg).
  if (event.status !== undefined) lines.push(`← HTTP ${event.status}`, `  ${redactSecrets(event.body ?? '')}`);
  if (event.error) lines.push(local(gatewayCliText.verboseFailed({ message: event.error.text })));
  if (event.retryInMs !== undefined) lines.push(local(gatewayCliText.verboseRetrying({ ms: event.retryInMs })));
  // A member's mobile number too: the log is read, kept and pasted where personal data has no place.
  for (const line of lines) writeLine(ctx.stderr, maskMobileNumbers(line));
}
