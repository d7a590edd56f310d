// `gateway serve` as the person running it reads it: its flags' errors, what it prints at start
// (stdout at a terminal, stderr), its warnings and its stop. --json's first line is not here.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** What a file is, in `… is larger than 1 MiB, the most read for <what>`. */
  templatesFile: 'a templates file',
  keyOrCertificateFile: 'a key or certificate file',
  /** A warning the gateway gives while it runs (a damaged state log line, a full disk). */
  warning: (p: { message: string }) => `local gateway: ${p.message}`,
  internalError: (p: { detail: string }) => `local gateway: internal error (answered 20000): ${p.detail}`,
  cannotListen: (p: { host: string; port: number; code: string }) => `cannot listen on ${p.host}:${p.port}: ${p.code}`,
  cannotListenHint: 'choose another --port (0 picks a free one) or --host',
  hostUnresolved: (p: { host: string; code: string }) => `--host ${p.host} is not an address of this machine: it does not resolve (${p.code})`,
  hostUnresolvedHint: 'use 127.0.0.1 (the default), localhost or [::1]; with --allow-remote, 0.0.0.0 (every interface) or an address of this machine',
  listening: (p: { url: string }) => `Local gateway listening on ${p.url}`,
  alipayPublicKey: (p: { key: string }) => `Alipay public key (alipayPublicKey): ${p.key}`,
  certificateMode: (p: { sn: string; rootSn: string }) => `Certificate mode: alipay_cert_sn ${p.sn}, alipay_root_cert_sn ${p.rootSn} (certs at GET /_local/gateway)`,
  stateFile: (p: { path: string }) => `State file: ${p.path}`,
  apps: (p: { items: string[] }) => `Apps: ${p.items.join(', ')}`,
  appInCertificateMode: (p: { appId: string }) => `${p.appId} (certificate mode)`,
  aesKeysFor: (p: { apps: string }) => `AES keys for: ${p.apps}`,
  templatesFrom: (p: { source: string; count: number }) => `Templates from ${p.source}: ${p.count}`,
  faults: (p: { faults: string }) => `Faults: ${p.faults}`,
  ctrlCStops: 'Ctrl-C stops the gateway (its state is written first).',
  stopped: (p: { path: string }) => `local gateway stopped; state written to ${p.path}`,
  hostNotLoopback: (p: { host: string }) => `--host ${p.host} is not a loopback address: other machines could reach the gateway`,
  hostNotLoopbackHint: 'add --allow-remote if that is what you want (gateway.do checks signatures; /_local/* still answers only this machine), or use --host 127.0.0.1',
  exposeNeedsRemote: '--expose-local-api opens /_local/* to other machines: it needs --allow-remote and a --host they can reach',
  remoteWarning: (p: { url: string }) => `warning: ${p.url} may be reachable from other machines (--allow-remote); /_local/* still answers only this machine`,
  exposedWarning: (p: { base: string }) =>
    `warning: ${p.base}/_local/* is unauthenticated and now answers other machines (--expose-local-api): anyone who can reach it can register apps, inject faults and read the cards' user ids, names and phone numbers`,
  portInvalid: (p: { value: string }) => `--port must be a port number from 0 to 65535, got ${p.value}`,
  portInvalidHint: '0 picks a free port',
  appSpecInvalid: (p: { flag: string; spec: string; fileName: string }) => `${p.flag} ${p.spec} is not <appId>=<${p.fileName}>`,
  appSpecInvalidHint: (p: { flag: string; example: string }) => `e.g. ${p.flag} 2021000000000001=${p.example}`,
  templatesNotJson: (p: { file: string; reason: string }) => `--templates: ${p.file} is not valid JSON (${p.reason})`,
  templatesNotArray: (p: { file: string }) => `--templates: ${p.file} must hold a JSON array of templates`,
  templatesNotArrayHint: 'each a template.create biz_content with its "template_id"',
  cannotRead: (p: { flag: string; file: string; reason: string }) => `${p.flag}: cannot read ${p.file}: ${p.reason}`,
  noSuchFile: 'no such file',
} satisfies Entries);

export type GatewayServeEntries = ReturnType<typeof entries>;
export const gatewayServeText = messages('gateway-serve', entries);
