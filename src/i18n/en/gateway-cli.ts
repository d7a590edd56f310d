// A command that talks to a gateway, as a person reads it: the banner saying which gateway, the
// batch's question before it sends, --verbose's exchange, a dry run's table, and the in-process
// local gateway's lines on stderr.
import { messages, type Entries } from '../text.js';

/** A dry run's part of the banner: `yes` when nothing is sent, `reads` when a lookup is (template modify). */
const dryRunNote = (dryRun: string): string =>
  dryRun === 'yes' ? ' (dry run: nothing is sent)' : dryRun === 'reads' ? ' (dry run: lookups only; nothing is changed)' : '';

const entries = () => ({
  // gateway-banner.ts (`dryRun`: 'yes', 'reads' or 'no')
  bannerProduction: (p: { profile: string; appId: string; url: string; dryRun: string }) =>
    `▲ production gateway — profile ${p.profile}, app_id ${p.appId}, ${p.url}${dryRunNote(p.dryRun)}`,
  noAppId: '(no appId)',
  bannerLocalUnconfigured: (p: { dryRun: string }) =>
    `▲ local gateway — nothing is issued at Alipay; no config found: run \`alipay-card config init\` to use your app${dryRunNote(p.dryRun)}`,
  bannerLocalChosen: (p: { source: string; dryRun: string }) =>
    `▲ local gateway — nothing is issued at Alipay; gateway local from ${p.source}${dryRunNote(p.dryRun)}`,
  theProfile: 'the profile',
  /** `verb`: issue, update or delete. */
  confirmProduction: (p: { verb: string; rows: number }) => `${p.verb.slice(0, 1).toUpperCase()}${p.verb.slice(1)} up to ${p.rows} cards on the production gateway?`,
  confirmUnconfigured: (p: { verb: string; rows: number }) => `No config found: ${p.verb} up to ${p.rows} cards on the local gateway (not at Alipay)?`,
  cancelled: 'cancelled: nothing was sent',
  cancelledProductionHint: (p: { verb: string }) => `run the command again to ${p.verb} the cards; --yes skips this question`,
  cancelledUnconfiguredHint: (p: { verb: string }) =>
    `run \`alipay-card config init\` to ${p.verb} them with your app, or pass --gateway local (or --yes) to run the batch on the local gateway`,
  /** The last line of a batch's summary on the local gateway. `done`: issued, updated or deleted. */
  localResultNote: (p: { done: string }) => `  gateway  local (in-process): nothing was ${p.done} at Alipay`,

  // gateway-output.ts
  localWhere: 'on the local gateway — not at Alipay',
  stringToSignTitle: 'String to sign',
  signatureTitle: (p: { signType: string; charset: string }) => `Signature (${p.signType}, ${p.charset})`,
  paramsTitle: 'Params',
  requestTitle: 'Request',
  requestNoteTitle: (p: { note: string }) => `Request (${p.note})`,

  // gateway-client.ts
  inProcessNote: 'in-process local gateway',
  noCertForSn: (p: { sn: string; configured: string }) =>
    `the response names alipay_cert_sn ${p.sn}, which none of the configured Alipay certs has (${p.configured}): download Alipay's current public cert`,
  verboseAttempt: (p: { attempt: number }) => `── attempt ${p.attempt} ──`,
  verboseStringToSign: (p: { content: string }) => `string to sign: ${p.content}`,
  verbosePostThroughProxy: (p: { url: string; proxy: string; variable: string }) => `→ POST ${p.url} (through proxy ${p.proxy}, ${p.variable})`,
  verboseFailed: (p: { message: string }) => `✗ ${p.message}`,
  verboseRetrying: (p: { ms: number }) => `↻ retrying in ${p.ms} ms`,

  // local-gateway.ts
  waitingForState: (p: { pid: number; path: string }) => `waiting for another alipay-card command (pid ${p.pid}) to finish with the local gateway's state ${p.path}`,
  closeFailed: (p: { message: string }) => `local gateway: ${p.message}`,
  closeFailedWithHint: (p: { message: string; hint: string }) => `local gateway: ${p.message}; ${p.hint}`,

  // state-dir.ts
  stateDirUnwritable: (p: { dir: string; reason: string }) => `cannot write in the state directory ${p.dir}: ${p.reason}`,
  stateDirUnwritableHint: 'set XDG_STATE_HOME to a directory you can write in: the local gateway keeps its app key and its state there',
} satisfies Entries);

export type GatewayCliEntries = ReturnType<typeof entries>;
export const gatewayCliText = messages('gateway-cli', entries);
