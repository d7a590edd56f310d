import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';
import { gatewayLocalText } from '../i18n/en/gateway-local.js';
import { english, type Text } from '../i18n/text.js';
import type { FileLock } from '../lock/file-lock.js';
import type { ConnectionLimits } from './connection-limits.js';
import { appFromRecord, registerApp, type AppRegistration, type RegisteredApp } from './apps.js';
import { FaultPlan, type FaultSpec } from './faults.js';
import { ImageFiles } from './image-files.js';
import { visitAsMember } from './simulated-member.js';
import { issueAppCert, loadIdentity, type GatewayIdentity } from './identity.js';
import { cardView, type CardView, type GatewayControl, type GatewayInfo } from './local-api.js';
import type { LocalApiReach } from './local-api-access.js';
import { seedTemplates } from './seed-templates.js';
import { createGatewayServer, GATEWAY_PATH, stopServer } from './server.js';
import { damagedStateHints, readStateFile, removeUnfinishedWrites, StateWriter } from './state-file.js';
import { readStateLog, StateLog, stateLogPath } from './state-log.js';
import { lockStateFile } from './state-lock.js';
import { holdStateFile, type StateFileHold } from './state-file-hold.js';
import { realFilePath } from '../lock/real-path.js';
import { GatewayStore, type StoredTemplate } from './store.js';

export { defaultStatePath } from './state-file.js';
export { parseFault, FAULT_KINDS, type FaultKind, type FaultSpec } from './faults.js';
export type { AppRegistration } from './apps.js';
export type { CardView, GatewayInfo } from './local-api.js';
export type { LocalApiReach } from './local-api-access.js';
export type { ConnectionLimits } from './connection-limits.js';
export type { StoredCard, StoredTemplate } from './store.js';

export interface GatewayOptions {
  /** Default 127.0.0.1: the gateway is for this machine only. */
  host?: string;
  /** Default 0: any free port (read it back from `url`). */
  port?: number;
  /** JSON state file (keys, apps, templates, cards); omitted, state lives in memory only. */
  statePath?: string;
  /**
   * One gateway per state file: while one holds it, another start waits this long for it, then
   * fails (UsageError naming the holder's pid). Default 0: fail at once.
   */
  stateLockWaitMs?: number;
  /** Told once when the wait for the state file has lasted a second. */
  onStateLockWait?: (ownerPid: number) => void;
  /** The gateway's signing key (KeyObject or PEM); default: generated once and kept in the state file. */
  privateKey?: KeyObject | string;
  apps?: AppRegistration[];
  /** AES keys (base64) by app id, for apps given in `apps` or already in the state file. */
  encryptKeys?: Record<string, string>;
  /** Templates to start with: template.create biz_contents with their template_id (see seedTemplates); `source` names them in errors. */
  templateSeeds?: { source: string; templates: readonly unknown[] };
  faults?: Array<string | FaultSpec>;
  /**
   * Template ids every app may use, not only the one that created them: the demo's, in the gateway
   * `--gateway local` starts, so its printed next step works signed with a profile's own app.
   * Kept for this run only, never in the state file.
   */
  sharedTemplateIds?: readonly string[];
  /**
   * image_url of an upload names the stored file (file://) instead of GET /_local/images/<id> on
   * this gateway: for the in-process gateway, whose port is gone when the command ends. Needs a
   * state file: in memory, the image has no file, and image_url stays the gateway's.
   */
  imageUrlsAsFiles?: boolean;
  /**
   * The user can start on another state file (gateway serve's --state), so a damaged one's hint
   * offers that; default true. The in-process gateway's file is always the same: its hint names it.
   */
  stateChoosable?: boolean;
  /** Injected by tests: the gateway's clock (timestamp skew, open dates, DATE_IN_FUTURE). */
  clock?: () => Date;
  /** Injected by tests: fault rates, template ids, card number suffixes. */
  random?: () => number;
  /** How often dirty state is written; default 1000 ms. */
  flushIntervalMs?: number;
  /** Told about a bug inside the gateway (the client got 20000); default: ignored. */
  onError?: (err: unknown) => void;
  /**
   * Told, in a sentence, what the operator should know and no request answers: a damaged line of
   * the state log skipped at start, the log or the state file failing to be written (a full disk)
   * and working again. `message` is in English (for logs); `text` is the same as data, for a
   * person (`local(text)`). Default: ignored.
   */
  onWarning?: (message: string, text: Text | string) => void;
  /** Who /_local/* answers; default 'this-machine' (see localApiRefusal). */
  localApiReach?: LocalApiReach;
  /** Connections at most, header and request timeouts, bytes of bodies being read; each defaults to DEFAULT_LIMITS' (connection-limits.ts). */
  connectionLimits?: Partial<ConnectionLimits>;
  /** On close, how long requests in progress get to finish before their connections are cut; default 2000 ms. */
  closeGraceMs?: number;
}

export interface LocalGateway extends GatewayInfo {
  /** http://HOST:PORT/gateway.do */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly statePath: string | undefined;
  /** The gateway's public key as PEM (SPKI); `alipayPublicKey` is the bare base64 of the same key. */
  readonly alipayPublicKeyPem: string;
  /** Accepts requests from this app from now on (and keeps it in the state file). */
  registerApp(app: AppRegistration): { appId: string; appCertSn?: string };
  /** Issues an app public cert for `publicKey` from the gateway's root and registers the app in certificate mode. */
  issueAppCert(appId: string, publicKey: KeyObject, options?: { encryptKey?: string }): string;
  injectFault(spec: string | FaultSpec): void;
  clearFaults(): void;
  cards(): CardView[];
  templates(): StoredTemplate[];
  /** Resolves once everything stored so far is in the state file. */
  flush(): Promise<void>;
  /**
   * Writes the state file, stops listening, lets requests in progress finish (for closeGraceMs at
   * most), cuts every connection left (idle keep-alives, half-sent requests), writes the state
   * again and lets go of the state file.
   */
  close(): Promise<void>;
}

/** Starts the local gateway and resolves once it listens, holding its state file until closed. */
export async function startGateway(options: GatewayOptions = {}): Promise<LocalGateway> {
  // Where a link points, once: the link is kept, and the lock is the real file's whatever its name.
  const statePath = options.statePath ? realFilePath(options.statePath) : undefined;
  const lock = statePath
    ? await lockStateFile(statePath, { timeoutMs: options.stateLockWaitMs ?? 0, onWait: options.onStateLockWait, warn: warning(options), stateChoosable: options.stateChoosable })
    : undefined;
  let hold: StateFileHold | undefined;
  try {
    hold = statePath ? holdStateFile(statePath) : undefined;
    return await startLocked(options, statePath, { lock, hold });
  } catch (err) {
    hold?.release();
    lock?.release();
    throw err;
  }
}

/** What keeps the state file this gateway's: the lock by its path, and the hold on the file itself. */
interface StateLocks {
  lock: FileLock | undefined;
  hold: StateFileHold | undefined;
}

/** The state is read only once the lock is held, so it includes everything the previous holder wrote. */
async function startLocked(options: GatewayOptions, statePath: string | undefined, { lock, hold }: StateLocks): Promise<LocalGateway> {
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  if (statePath) await removeUnfinishedWrites(statePath);
  const warn = warning(options);
  const choosable = options.stateChoosable ?? true;
  const data = statePath ? await readStateFile(statePath, choosable) : undefined;
  const key = typeof options.privateKey === 'string' ? parseKey(options.privateKey) : options.privateKey;
  const identity = fromStateFile(statePath, choosable, 'identity', () => loadIdentity(data?.identity, key, clock()));
  const apps = (data?.apps ?? []).map((app, i) => fromStateFile(statePath, choosable, `apps[${i}]`, () => appFromRecord(app)));
  const store = new GatewayStore(data, apps);
  if (statePath) store.blobs = new ImageFiles(join(dirname(statePath), 'images'), warn);
  store.imageUrlsAsFiles = options.imageUrlsAsFiles ?? false;
  if (statePath) restoreLog(store, stateLogPath(statePath), warn);
  if (JSON.stringify(store.identity) !== JSON.stringify(identity.record)) store.setIdentity(identity.record);
  for (const app of options.apps ?? []) setApp(store, registerApp(app));
  for (const [appId, encryptKey] of Object.entries(options.encryptKeys ?? {})) setApp(store, withEncryptKey(store, appId, encryptKey));
  if (options.templateSeeds) seedTemplates(store, options.templateSeeds.templates, options.templateSeeds.source, clock());
  for (const templateId of options.sharedTemplateIds ?? []) store.shareTemplate(templateId);
  const faults = new FaultPlan(options.faults ?? [], random);
  const writer = statePath ? new StateWriter(statePath, store, warn, { hold }) : undefined;
  if (writer) {
    // All of it (what the log held, seeds, apps, a new key) in the state file before the first
    // request can store more; the log then starts again, empty. A failure here leaves both as they were.
    await writer.flush();
    writer.keepLog(new StateLog(stateLogPath(writer.path)));
  }

  let url = '';
  const control: GatewayControl = {
    info: () => info(url, identity),
    registerApp: (app) => {
      const registered = setApp(store, registerApp(app));
      return { appId: registered.appId, ...(registered.appCertSn ? { appCertSn: registered.appCertSn } : {}) };
    },
    injectFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    cards: () => [...store.cardStates()].map(cardView),
    templates: () => [...store.templates()],
    visit: (visit) => visitAsMember(store, visit, clock()),
    image: (imageId) => {
      const image = store.anyImage(imageId);
      const bytes = image && store.blobs.read(image.sha256);
      return image && bytes ? { contentType: image.content_type, bytes } : undefined;
    },
  };
  const server = createGatewayServer({ store, identity, faults, clock, random, control, localApiReach: options.localApiReach, limits: options.connectionLimits, onError: options.onError ?? (() => undefined) });
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    await writer?.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${GATEWAY_PATH}`;
  store.baseUrl = url.slice(0, -GATEWAY_PATH.length);
  writer?.start(options.flushIntervalMs ?? 1000);

  let closing: Promise<void> | undefined;
  return {
    ...info(url, identity),
    host,
    port,
    statePath: options.statePath,
    alipayPublicKeyPem: identity.publicKeyPem,
    registerApp: control.registerApp,
    issueAppCert: (appId, publicKey, extra = {}) => {
      const pem = issueAppCert(identity, appId, publicKey, clock());
      control.registerApp({ appId, appCert: pem, ...extra });
      return pem;
    },
    injectFault: (spec) => faults.add(spec),
    clearFaults: control.clearFaults,
    cards: control.cards,
    templates: control.templates,
    flush: () => writer?.flush() ?? Promise.resolve(),
    close: () => {
      closing ??= (async () => {
        try {
          // First, so a kill during the grace period loses nothing stored so far; a failure here
          // is reported by the final write.
          await writer?.flush().catch(() => undefined);
          await stopServer(server, options.closeGraceMs ?? 2000);
          await writer?.close();
        } finally {
          hold?.release();
          lock?.release();
        }
      })();
      return closing;
    },
  };
}

/** The gateway's warnings as data, told to onWarning in English and as data. */
function warning(options: GatewayOptions): (text: Text | string) => void {
  return (text) => options.onWarning?.(english(text), text);
}

/**
 * What a gateway that did not stop cleanly stored after its last write of the state file. An entry
 * that cannot be put back (damaged, or an app whose key no longer parses) is skipped and said.
 */
function restoreLog(store: GatewayStore, logPath: string, warn: (message: Text | string) => void): void {
  const { entries, warnings } = readStateLog(logPath);
  warnings.forEach((w) => warn(w));
  for (const entry of entries) {
    try {
      store.restore(entry);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      warn(gatewayLocalText.logEntrySkipped({ path: logPath, problem: err.text }));
    }
  }
}

/** A part of the state file that does not load (a key that no longer parses) is the file's fault: say which file and where. */
function fromStateFile<T>(statePath: string | undefined, choosable: boolean, where: string, load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (statePath === undefined) throw err;
    const problem = err instanceof ConfigError ? err.text : (err as Error).message;
    throw new ConfigError(gatewayLocalText.stateDamagedAt({ path: statePath, where, problem }), {
      hint: damagedStateHints(statePath, choosable).mend,
      cause: err,
    });
  }
}

function setApp(store: GatewayStore, app: RegisteredApp): RegisteredApp {
  store.setApp(app);
  return app;
}

function withEncryptKey(store: GatewayStore, appId: string, encryptKey: string): RegisteredApp {
  const app = store.apps.get(appId);
  if (app === undefined) {
    throw new ConfigError(gatewayLocalText.noAppForEncryptKey({ appId }), { hint: gatewayLocalText.noAppForEncryptKeyHint() });
  }
  return appFromRecord({ ...app.record, encrypt_key: encryptKey });
}

function info(url: string, identity: GatewayIdentity): GatewayInfo {
  return {
    url,
    alipayPublicKey: identity.publicKeyBase64,
    alipayCertSn: identity.alipayCertSn,
    alipayRootCertSn: identity.rootCertSn,
    alipayCert: identity.alipayCert,
    alipayRootCert: identity.rootCert,
  };
}

function parseKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (err) {
    throw new ConfigError(gatewayLocalText.gatewayKeyDoesNotParse({ reason: (err as Error).message }), { cause: err });
  }
}
