import { resolve } from 'node:path';
import { isLoopbackHost } from '../../client/proxy.js';
import { KEY_FILE_MAX_BYTES, parsePrivateKey, parsePublicKey, readUpTo } from '../../config/index.js';
import { tooLargeText } from '../../config/read-capped.js';
import { ConfigError, UsageError } from '../../errors.js';
import { gatewayServeText } from '../../i18n/en/gateway-serve.js';
import { local, type Text } from '../../i18n/text.js';
import { defaultStatePath, parseFault, startGateway, type AppRegistration, type FaultSpec, type LocalApiReach } from '../../gateway/index.js';
import { MAX_BODY_BYTES } from '../../gateway/http-body.js';
import { outputFormat, writeLine, type Context } from '../context.js';
import { refuseDryRun } from '../dry-run.js';
import { offStopSignals, onStopSignals } from '../interrupt.js';
import { isUnresolvedHost, listenHost } from '../listen-host.js';

export interface GatewayServeOptions {
  host: string;
  port: string;
  state?: string;
  key?: string;
  app?: string[];
  /** `<appId>=<file>`: the file holds the app's AES key (a secret: never a flag value itself). */
  appEncryptKey?: string[];
  /** A JSON array of template.create biz_contents, each with its template_id. */
  templates?: string;
  fault?: string[];
  /** Required for a --host other machines can reach. */
  allowRemote?: boolean;
  /** With --allow-remote: /_local/* answers other machines too (by default only this one). */
  exposeLocalApi?: boolean;
}

/**
 * `gateway serve`: runs the local gateway until SIGINT/SIGTERM (or `until` settles, for tests),
 * then writes its state and resolves. With --json the first stdout line is
 * `{"url":"http://HOST:PORT/gateway.do","alipayPublicKey":"<bare base64 SPKI>"}`.
 */
export async function runGatewayServe(ctx: Context, opts: GatewayServeOptions, until: Promise<unknown> = stopSignal()): Promise<void> {
  refuseDryRun(ctx, 'gateway serve');
  const port = parsePort(opts.port);
  const localApiReach = reachOf(opts);
  const faults: FaultSpec[] = (opts.fault ?? []).map(parseFault);
  const apps = await Promise.all((opts.app ?? []).map((spec) => readApp(ctx, spec)));
  const encryptKeys = Object.fromEntries(await Promise.all((opts.appEncryptKey ?? []).map((spec) => readEncryptKey(ctx, spec))));
  const templateSeeds = opts.templates ? { source: opts.templates, templates: await readTemplates(ctx, opts.templates) } : undefined;
  const privateKey = opts.key ? parsePrivateKey(await readInput(ctx, opts.key, '--key'), opts.key, 'file') : undefined;
  const statePath = opts.state ? resolve(ctx.cwd, opts.state) : defaultStatePath(ctx.env, ctx.homeDir);

  const gateway = await startGateway({
    host: listenHost(opts.host),
    port,
    statePath,
    privateKey,
    apps,
    encryptKeys,
    templateSeeds,
    faults,
    localApiReach,
    onError: (err) => writeLine(ctx.stderr, local(gatewayServeText.internalError({ detail: err instanceof Error ? err.stack ?? err.message : String(err) }))),
    onWarning: (_message, text) => writeLine(ctx.stderr, local(gatewayServeText.warning({ message: text }))),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
      throw new UsageError(gatewayServeText.cannotListen({ host: opts.host, port, code: err.code }), { hint: gatewayServeText.cannotListenHint() });
    }
    if (isUnresolvedHost(err.code)) {
      throw new UsageError(gatewayServeText.hostUnresolved({ host: opts.host, code: err.code! }), { hint: gatewayServeText.hostUnresolvedHint() });
    }
    throw err;
  });

  for (const line of exposureWarnings(gateway.url, localApiReach, opts.allowRemote === true)) writeLine(ctx.stderr, local(line));
  if (outputFormat(ctx) === 'table') {
    writeLine(ctx.stdout, local(gatewayServeText.listening({ url: gateway.url })));
    writeLine(ctx.stdout, local(gatewayServeText.alipayPublicKey({ key: gateway.alipayPublicKey })));
    writeLine(ctx.stdout, local(gatewayServeText.certificateMode({ sn: gateway.alipayCertSn, rootSn: gateway.alipayRootCertSn })));
    writeLine(ctx.stdout, local(gatewayServeText.stateFile({ path: statePath })));
    if (apps.length > 0) writeLine(ctx.stdout, local(gatewayServeText.apps({ items: apps.map((a) => (a.appCert ? gatewayServeText.appInCertificateMode({ appId: a.appId }) : a.appId)) })));
    if (Object.keys(encryptKeys).length > 0) writeLine(ctx.stdout, local(gatewayServeText.aesKeysFor({ apps: Object.keys(encryptKeys).join(', ') })));
    if (templateSeeds) writeLine(ctx.stdout, local(gatewayServeText.templatesFrom({ source: templateSeeds.source, count: templateSeeds.templates.length })));
    if (faults.length > 0) writeLine(ctx.stdout, local(gatewayServeText.faults({ faults: (opts.fault ?? []).join(', ') })));
  } else {
    ctx.stdout.write(JSON.stringify({ url: gateway.url, alipayPublicKey: gateway.alipayPublicKey }) + '\n');
  }
  writeLine(ctx.stderr, local(gatewayServeText.ctrlCStops()));

  await until;
  await gateway.close();
  writeLine(ctx.stderr, local(gatewayServeText.stopped({ path: statePath })));
}

/** Resolves on the first SIGINT or SIGTERM; the handlers stop Node's default exit so state gets written. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolvePromise) => {
    const stop = (signal: NodeJS.Signals) => {
      offStopSignals(stop);
      resolvePromise(signal);
    };
    onStopSignals(stop);
  });
}

/**
 * The gateway is for this machine: a --host other machines can reach must be asked for with
 * --allow-remote, and even then /_local/* (unauthenticated) stays this machine's unless
 * --expose-local-api; gateway.do needs no such care, its requests being signed.
 */
function reachOf(opts: GatewayServeOptions): LocalApiReach {
  if (!isLoopbackHost(opts.host) && !opts.allowRemote) {
    throw new UsageError(gatewayServeText.hostNotLoopback({ host: opts.host }), {
      hint: gatewayServeText.hostNotLoopbackHint(),
    });
  }
  if (opts.exposeLocalApi && !opts.allowRemote) {
    throw new UsageError(gatewayServeText.exposeNeedsRemote());
  }
  return opts.exposeLocalApi ? 'any-machine' : 'this-machine';
}

function exposureWarnings(url: string, reach: LocalApiReach, allowRemote: boolean): Text[] {
  if (!allowRemote) return [];
  const base = url.replace(/\/gateway\.do$/, '');
  if (reach === 'this-machine') {
    return [gatewayServeText.remoteWarning({ url })];
  }
  return [gatewayServeText.exposedWarning({ base })];
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(gatewayServeText.portInvalid({ value: JSON.stringify(value) }), { hint: gatewayServeText.portInvalidHint() });
  }
  return Number(value);
}

/** `--app <appId>=<file>`: an app public key (PEM or bare base64), or an app public cert for certificate mode. */
async function readApp(ctx: Context, spec: string): Promise<AppRegistration> {
  const [appId, file] = appSpec(spec, '--app', 'publicKeyFile', 'keys/app_public_key.pem');
  const text = await readInput(ctx, file, '--app');
  if (text.includes('-----BEGIN CERTIFICATE-----')) return { appId, appCert: text };
  return { appId, publicKey: parsePublicKey(text, file, 'file', 'app') };
}

/** `--app-encrypt-key <appId>=<file>`: the app's AES key (base64, as the console shows it) from a file. */
async function readEncryptKey(ctx: Context, spec: string): Promise<[string, string]> {
  const [appId, file] = appSpec(spec, '--app-encrypt-key', 'keyFile', 'keys/aes_key.txt');
  return [appId, (await readInput(ctx, file, '--app-encrypt-key')).trim()];
}

function appSpec(spec: string, flag: string, fileName: string, example: string): [appId: string, file: string] {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new UsageError(gatewayServeText.appSpecInvalid({ flag, spec: JSON.stringify(spec), fileName }), { hint: gatewayServeText.appSpecInvalidHint({ flag, example }) });
  }
  return [spec.slice(0, eq), spec.slice(eq + 1)];
}

async function readTemplates(ctx: Context, file: string): Promise<unknown[]> {
  const text = await readInput(ctx, file, '--templates', MAX_BODY_BYTES);
  let templates: unknown;
  try {
    templates = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(gatewayServeText.templatesNotJson({ file, reason: (err as Error).message }));
  }
  if (!Array.isArray(templates)) {
    throw new ConfigError(gatewayServeText.templatesNotArray({ file }), { hint: gatewayServeText.templatesNotArrayHint() });
  }
  return templates;
}

/** A key or cert file (at most KEY_FILE_MAX_BYTES), or the templates (at most the gateway's body limit). */
async function readInput(ctx: Context, file: string, flag: string, maxBytes = KEY_FILE_MAX_BYTES): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = readUpTo(resolve(ctx.cwd, file), maxBytes + 1);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? gatewayServeText.noSuchFile() : (err as Error).message;
    throw new ConfigError(gatewayServeText.cannotRead({ flag, file, reason }));
  }
  if (bytes.length > maxBytes) throw new ConfigError(gatewayServeText.cannotRead({ flag, file, reason: tooLargeText(maxBytes, flag === '--templates' ? gatewayServeText.templatesFile() : gatewayServeText.keyOrCertificateFile()) }));
  return bytes.toString('utf8');
}
