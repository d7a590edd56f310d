// The local gateway as a person running it reads it: why it does not start (an app, a fault, its
// state file, its lock, seeded templates) and its warnings on stderr. What it answers over HTTP
// (sub_code, sub_msg, its JSON, its pages) is machine output and is never here.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // apps.ts
  appIdInvalid: (p: { appId: string }) => `app id ${p.appId} is not an Alipay app id (digits, at most 32)`,
  appNoKey: (p: { appId: string }) => `app ${p.appId}: give its public key or its app cert`,
  appNotRsa: (p: { appId: string }) => `app ${p.appId}: the key is not an RSA public key`,
  appKeyHint: "register the app's public key (应用公钥), the one uploaded to the open platform console; `openssl pkey -in <private key> -pubout` prints it",
  appCertWeakKey: (p: { appId: string; bits: number; min: number }) => `app ${p.appId}: the app cert carries a ${p.bits}-bit RSA key; Alipay takes ${p.min} bits or more`,
  appPublicKeyWeak: (p: { appId: string; bits: number; min: number }) => `app ${p.appId}: its public key is a ${p.bits}-bit RSA key; Alipay takes ${p.min} bits or more`,
  weakKeyHint: 'generate a 2048-bit pair with `alipay-card keys generate`',
  privateKeyGiven: "it is a private key, not the app's public key",
  appEncryptKeyInvalid: (p: { appId: string }) => `app ${p.appId}: encryptKey must be a base64 AES-128 key (24 characters decoding to 16 bytes)`,
  appCertDoesNotParse: (p: { appId: string; reason: string }) => `app ${p.appId}: the app cert does not parse (${p.reason})`,
  appPublicKeyDoesNotParse: (p: { appId: string; reason: string }) => `app ${p.appId}: the public key does not parse (${p.reason})`,

  // faults.ts
  notAFault: (p: { fault: string }) => `--fault ${p.fault} is not a fault`,
  notAFaultHint: (p: { kinds: string[] }) => `use <kind>:<rate> or <kind>:next=<n>, kind one of ${p.kinds.join(', ')}`,
  latencyNeedsDelay: (p: { fault: string }) => `--fault ${p.fault}: latency needs its delay, e.g. latency=200:0.5`,
  faultTakesNoValue: (p: { fault: string; kind: string }) => `--fault ${p.fault}: ${p.kind} takes no =value`,
  latencyTooLong: (p: { fault: string; max: number }) => `--fault ${p.fault}: the latency must be at most ${p.max} ms (10 minutes)`,
  faultRate: (p: { fault: string }) => `--fault ${p.fault}: the rate must be between 0 and 1`,

  // state-lock.ts
  stateInUseLegacy: (p: { statePath: string; pid: number; waited: number }) =>
    `the gateway state file ${p.statePath} is in use by pid ${p.pid}, by the lock an older alipay-card writes${p.waited > 0 ? ` (waited ${p.waited} s)` : ''}`,
  stateInUseLegacyHint: (p: { pid: number; lockPath: string }) => `stop that gateway (kill ${p.pid}) and start again; if pid ${p.pid} is not an alipay-card gateway, remove ${p.lockPath}`,
  stateInUse: (p: { statePath: string; waited: number }) => `the gateway state file ${p.statePath} is in use by another process${p.waited > 0 ? ` (waited ${p.waited} s)` : ''}`,
  stateInUseByPid: (p: { statePath: string; pid: number; waited: number }) =>
    `the gateway state file ${p.statePath} is in use by another process (pid ${p.pid})${p.waited > 0 ? ` (waited ${p.waited} s)` : ''}`,
  inProcessStateInUseHint: 'one command at a time uses the local gateway (--gateway local, or no config): wait for that one to end, or run `alipay-card gateway serve` and point the commands at it, which serves them all at once',
  stateInUseHint: 'one gateway per state file: stop that process or wait for it to end, or use another state file',
  stateLockHint: 'use a state file in a directory you can write in',
  stateInUseUnderAnotherName: (p: { statePath: string }) => `the gateway state file ${p.statePath} is in use by another gateway under another name (a hard link of it)`,
  stateInUseUnderAnotherNameHint: 'one gateway per state file: stop that gateway, or start this one on a copy of the file (cp)',

  // seed-templates.ts (`at`: the file and the template's index, `templates.json[2]`)
  seedNotObject: (p: { at: string }) => `${p.at} is not a JSON object (a template.create biz_content with its template_id)`,
  seedTemplateId: (p: { at: string }) => `${p.at}: template_id must be a string of 1 to 32 characters, e.g. "20170308000000000058101000300045"`,
  seedTwice: (p: { at: string; templateId: string }) => `${p.at}: template_id ${p.templateId} is given twice`,
  seedInvalid: (p: { at: string; templateId: string; problems: string }) => `${p.at} (template ${p.templateId}) is not a valid template: ${p.problems}`,
  seedDifferent: (p: { at: string; templateId: string }) => `${p.at}: template ${p.templateId} is already in the gateway's state as a different template`,
  seedDifferentOtherApp: (p: { at: string; templateId: string }) => `${p.at}: template ${p.templateId} is already in the gateway's state as a different template (of another app)`,
  seedDifferentHint: 'give the changed template a new template_id, or start from another --state file',
  seedRequestUsed: (p: { at: string; requestId: string; templateId: string; appId: string }) => `${p.at}: request_id ${p.requestId} already created template ${p.templateId} for app ${p.appId}`,
  seedNoApp: (p: { at: string }) => `${p.at}: give its app_id: no app is registered (--app)`,
  seedWhichApp: (p: { at: string; apps: string }) => `${p.at}: give its app_id: the gateway knows ${p.apps}`,
  seedUnknownApp: (p: { at: string; appId: string; apps: string }) => `${p.at}: app_id ${p.appId} is not an app of this gateway (${p.apps})`,
  seedUnknownAppNone: (p: { at: string; appId: string }) => `${p.at}: app_id ${p.appId} is not an app of this gateway (none registered: use --app)`,

  // state-file.ts, state-shape.ts, state-log.ts, index.ts
  stateUnreadable: (p: { path: string; reason: string }) => `cannot read the gateway state file ${p.path}: ${p.reason}`,
  stateNotJson: (p: { path: string }) => `the gateway state file ${p.path} is not valid JSON`,
  stateMoveAwayHint: 'move it away (or pass --state <new file>) to start with an empty gateway',
  stateWrongVersion: (p: { path: string }) => `the gateway state file ${p.path} is not a state file of this version`,
  stateWrongVersionHint: 'move it away to start with an empty gateway',
  stateDamaged: (p: { path: string; problem: string }) => `the gateway state file ${p.path} is damaged: ${p.problem}`,
  stateDamagedAt: (p: { path: string; where: string; problem: string }) => `the gateway state file ${p.path} is damaged: ${p.where}: ${p.problem}`,
  stateMendHint: 'mend that entry or move the file away (or pass --state <new file>) to start with an empty gateway',
  stateFileMoveAwayHint: (p: { path: string }) => `move ${p.path} away to start with an empty gateway`,
  stateFileMendHint: (p: { path: string }) => `mend that entry or move ${p.path} away to start with an empty gateway`,
  stateTemplateInvalid: (p: { index: number; templateId: string; problem: string }) => `templates[${p.index}] (template ${p.templateId}) is not a valid template: ${p.problem}`,
  stateChangeOfUnknownCard: (p: { index: number; card: string }) => `card_changes[${p.index}] is a change of card ${p.card}, which is not among the cards`,
  stateChangeOutOfOrder: (p: { index: number; seq: number; card: string; count: number }) => `card_changes[${p.index}] is change ${p.seq} of card ${p.card}, but follows its change ${p.count}`,
  stateMissing: (p: { path: string }) => `${p.path}: required but missing`,
  stateExpected: (p: { path: string; expected: string; received: string }) => `${p.path}: expected ${p.expected}, got ${p.received}`,
  stateExpectedAtTop: (p: { expected: string; received: string }) => `the top level: expected ${p.expected}, got ${p.received}`,
  somethingElse: 'something else',
  stateWriteFailed: (p: { path: string; reason: string }) => `cannot write the gateway state file ${p.path}: ${p.reason}`,
  stateWriteFailedKept: (p: { path: string; reason: string; log: string }) =>
    `cannot write the gateway state file ${p.path}: ${p.reason}; everything stored is kept in ${p.log} meanwhile, and the write is tried again every second`,
  stateWriteFailedInMemory: (p: { path: string; reason: string }) =>
    `cannot write the gateway state file ${p.path}: ${p.reason}; everything stored is kept in memory meanwhile, and the write is tried again every second`,
  stateWriteFailedHint: (p: { dir: string }) => `free space (or fix the cause) for ${p.dir}: what the gateway stored meanwhile is in its log and is read back at the next start`,
  stateWrittenAgain: (p: { path: string }) => `the gateway state file ${p.path} is written again`,
  logRestartFailed: (p: { path: string; problem: string }) => `the gateway state file ${p.path} is written, but ${p.problem}; the log keeps growing meanwhile, and a restart is tried at the next write`,
  logWriteFailed: (p: { problem: string }) => `${p.problem}; requests that would store something are answered 20000 (retry later), nothing is stored`,
  logWrittenAgain: (p: { path: string }) => `the gateway state log ${p.path} is written again`,
  logRestarted: (p: { path: string }) => `the gateway state log ${p.path} is restarted`,
  imageWriteFailed: (p: { dir: string; reason: string }) =>
    `cannot write an uploaded image in ${p.dir}: ${p.reason}; image uploads are answered 20000 (retry later), nothing is stored`,
  imagesWrittenAgain: (p: { dir: string }) => `uploaded images are written again in ${p.dir}`,
  logAppendFailed: (p: { path: string; reason: string }) => `cannot append to the gateway state log ${p.path}: ${p.reason}`,
  logCannotRestart: (p: { path: string; reason: string }) => `cannot restart the gateway state log ${p.path}: ${p.reason}`,
  logUnreadable: (p: { path: string; reason: string }) => `cannot read the gateway state log ${p.path}: ${p.reason}`,
  logDamagedLine: (p: { path: string; line: number; bytes: number }) =>
    `the gateway state log ${p.path} is damaged at line ${p.line} (${p.bytes} bytes that are not a card, template or app entry): that entry is skipped, the others are recovered`,
  logCutShort: (p: { path: string; line: number; bytes: number }) =>
    `the gateway state log ${p.path} ends in a line cut short (line ${p.line}, ${p.bytes} bytes): it was never answered, and is dropped`,
  logEntrySkipped: (p: { path: string; problem: string }) => `the gateway state log ${p.path} has an entry that cannot be put back, skipped: ${p.problem}`,
  noAppForEncryptKey: (p: { appId: string }) => `no app ${p.appId} to give an AES key to`,
  noAppForEncryptKeyHint: 'register the app with --app <appId>=<publicKeyFile> (or have it in the state file) first',
  gatewayKeyDoesNotParse: (p: { reason: string }) => `the gateway's private key does not parse: ${p.reason}`,
} satisfies Entries);

export type GatewayLocalEntries = ReturnType<typeof entries>;
export const gatewayLocalText = messages('gateway-local', entries);
