import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import type { Credentials } from '../config/index.js';
import { CliError } from '../errors.js';
import { startGateway, type LocalGateway } from '../gateway/index.js';
import { writeLine, type Context } from './context.js';
import { gatewayCliText } from '../i18n/en/gateway-cli.js';
import { gatewayServeText } from '../i18n/en/gateway-serve.js';
import { local } from '../i18n/text.js';
import { demoTemplateIds, LOCAL_APP_ID, localApp, stateDir } from './local-app.js';
import type { Session } from './session.js';
import { makeStateDir } from './state-dir.js';

export interface InProcessGateway {
  url: string;
  statePath: string;
  appId: string;
  /** Where the app's private key is kept, when it is the local app's. */
  appKeyFile: string | undefined;
  /** The app's key plus the gateway's public key as the Alipay key: what the client signs and verifies with. */
  credentials: Credentials;
  close(): Promise<void>;
}

// Commands run side by side in scripts: each waits its turn for the state file (a card open holds
// it for well under a second); a card batch holds it for its whole run.
const STATE_LOCK_WAIT_MS = 60_000;

/**
 * Starts the local gateway inside this process (`--gateway local`), registers the app with it,
 * and returns credentials to talk to it: the profile's private key when it has one (so its requests
 * are signed exactly as for Alipay), otherwise the local app's. Its own state file, separate from
 * `gateway serve`'s, so the two never overwrite each other; held by this process until `close`, so
 * concurrent commands take turns and each sees the cards the others issued.
 */
export async function startLocalGateway(ctx: Context, session?: Session): Promise<InProcessGateway> {
  const own = session?.credentials.privateKey;
  const app = own ? undefined : localApp(ctx);
  const privateKey = own ?? app!.privateKey;
  const appId = session?.config.profile.appId ?? LOCAL_APP_ID;
  const statePath = join(makeStateDir(join(stateDir(ctx), 'in-process')), 'gateway.json');
  const gateway = await startGateway({
    statePath,
    clock: ctx.now,
    stateLockWaitMs: STATE_LOCK_WAIT_MS,
    // The demo made its template as the local app; its printed next step (`--gateway local card
    // open --template-id ...`) signs as the profile's app once one is configured, and must find it.
    sharedTemplateIds: demoTemplateIds(ctx),
    // This gateway ends with the command: an upload's image_url names the file it kept.
    imageUrlsAsFiles: true,
    // No --state here: a damaged state's hint names the file to move away.
    stateChoosable: false,
    onWarning: (_message, text) => writeLine(ctx.stderr, local(gatewayServeText.warning({ message: text }))),
    onStateLockWait: (pid) => writeLine(ctx.stderr, local(gatewayCliText.waitingForState({ pid, path: statePath }))),
  });
  try {
    gateway.registerApp({ appId, publicKey: createPublicKey(privateKey), ...(session?.credentials.encryptKey ? { encryptKey: session.credentials.encryptKey } : {}) });
  } catch (err) {
    await gateway.close();
    throw err;
  }
  const encryptKey = session?.credentials.encryptKey;
  const credentials: Credentials = {
    privateKey,
    alipayPublicKey: createPublicKey(gateway.alipayPublicKeyPem),
    ...(encryptKey ? { encryptKey } : {}),
    mode: 'key',
    warnings: [],
  };
  return { url: gateway.url, statePath, appId, appKeyFile: app?.privateKeyFile, credentials, close: () => closeQuietly(ctx, gateway) };
}

/**
 * The command's own outcome comes first: a card was issued (or a batch ended) whatever the last
 * state write did, and what the gateway stored is in its log, read back at its next start. So a
 * failed close is a warning, never the command's error — else a card issued is reported as exit 2
 * (and sent again), and a batch loses its summary, its --json and its own exit code.
 */
async function closeQuietly(ctx: Context, gateway: LocalGateway): Promise<void> {
  try {
    await gateway.close();
  } catch (err) {
    const message = err instanceof CliError ? err.text : (err as Error).message;
    const hint = err instanceof CliError ? err.hintText : undefined;
    writeLine(ctx.stderr, local(hint ? gatewayCliText.closeFailedWithHint({ message, hint }) : gatewayCliText.closeFailed({ message })));
  }
}
