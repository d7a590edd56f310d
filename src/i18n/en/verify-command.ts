// `verify`: checking the signature of a gateway response, a notification or a raw string, its
// table for a person and why a signature is not valid (the reason in --json stays English).
import { messages, type Entries } from '../text.js';

const entries = () => ({
  oneMode: 'verify: pass exactly one of --response, --notify or --content',
  oneModeHint: 'e.g. alipay-card verify --response @response.json',
  contentNeedsSign: 'verify --content needs --sign <base64>',
  signNeedsContent: '--sign goes with --content',
  notBase64Character: (p: { character: string; position: number }) => `--sign is not base64: ${p.character} at character ${p.position}`,
  notBase64Length: (p: { length: number }) => `--sign is not base64: ${p.length} characters, not whole base64 groups of 4`,
  mangledSignHint: "pass the signature as Alipay sent it: a '+' read as a space, or a value still URL-encoded (%2B) or URL-safe (-, _), is not it",
  notBase64Hint: 'pass the base64 signature Alipay sent with the content (the `sign` value)',
  unsupportedCharsetFlag: (p: { value: string }) => `--charset ${p.value}: not supported`,
  charsetHint: 'use utf-8, gbk or gb2312',
  /** A ProtocolError about the input, after where it came from. */
  sourceProblem: (p: { source: string; message: string }) => `${p.source}: ${p.message}`,
  notifySignTypeHint: 'Alipay signs notifications with RSA2 or RSA; only those can be checked here',

  notValid: 'signature is NOT valid',
  notValidBecause: (p: { reason: string }) => `signature is NOT valid: ${p.reason}`,
  notValidHint: 'check the Alipay public key (not your app public key), the sign type and the charset',
  /** Why a response is not valid, beside its verdict. */
  unsignedError: (p: { node: string; code: string }) => `the response carries no signature: ${p.node} answers code ${p.code}, an error, which the gateway may send unsigned; it cannot be authenticated`,
  unsignedErrorHint: "read its code and sub_code for what the gateway refused; act on nothing else in it, as nothing in it is Alipay's signed word",
  unsignedAnswer: (p: { node: string }) => `the response carries no signature: Alipay signs every ${p.node} that is not an error, so this one is not the gateway's answer as sent`,
  unsignedAnswerHint: "refuse it; check the body exactly as it was received, its \"sign\" included",
  repeatedParam: (p: { param: string }) => `the notification carries param ${p.param} more than once: Alipay sends each param once, so this is not the notification it signed, and a server may read the value that was not signed`,
  repeatedParams: (p: { params: string }) => `the notification carries params ${p.params} more than once: Alipay sends each param once, so this is not the notification it signed, and a server may read values that were not signed`,
  repeatedResponseKey: (p: { problem: string }) => `${p.problem}: a gateway response carries each key once, so this is not the response Alipay signed, and a reader may take the one that was not signed`,
  repeatedHint: 'refuse it whatever its signature; check a body exactly as it was received',
  unknownCert: (p: { sn: string; known: string }) => `alipay_cert_sn ${p.sn} matches none of the configured Alipay certs (${p.known}); download the current Alipay public cert`,

  // The table.
  verificationTitle: 'Verification',
  contentCheckedTitle: 'Content checked',
  signatureLabel: 'signature',
  signTypeLabel: 'sign type',
  charsetLabel: 'charset',
  nodeLabel: 'node',
  notifyModeLabel: 'notify mode',
  reasonLabel: 'reason',
  valid: 'valid',
  invalid: 'INVALID',

  // verify --notify: the notification body.
  notifyNotObject: (p: { source: string }) => `${p.source}: expected a JSON object of params`,
  notifyNoSign: (p: { source: string }) => `${p.source}: the notification has no sign param`,
  notifyCharset: (p: { source: string; charset: string }) => `${p.source}: the notification declares charset ${p.charset}, which Alipay does not send`,
  notifyCharsetHint: 'Alipay notifications are utf-8, gbk or gb2312; check that this is the body as received',
} satisfies Entries);

export type VerifyCommandEntries = ReturnType<typeof entries>;
export const verifyText = messages('verify-command', entries);
