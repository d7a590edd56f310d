// What a person reads when a call to the gateway fails on the way: the connection, the HTTP
// status, an answer that is not a response, a signature that does not verify, a value the request
// charset cannot hold. The gateway's own sub_msg is never here: it is shown as it came.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // client.ts
  closedNotSent: (p: { host: string; requestId: string }) => `not sent: the connection to ${p.host} was closed (request id ${p.requestId})`,
  /** A failure the client retried: `connection to … refused, after 3 attempts`. */
  afterAttempts: (p: { message: string; attempts: number }) => `${p.message}, after ${p.attempts} attempts`,
  /** A failure not retried, met by a retry: the attempts before it failed otherwise (a reset, a 5xx), and may have been done. */
  onAttempt: (p: { message: string; attempt: number }) => `${p.message} (on attempt ${p.attempt}: the attempts before it had no answer, or a transient one)`,
  /** A failure with the x-request-id of the attempt it ended. */
  withRequestId: (p: { message: string; requestId: string }) => `${p.message} (request id ${p.requestId})`,

  // transport.ts
  httpStatus: (p: { status: number; proxy: string; variable: string; requestId: string }) =>
    `the gateway answered HTTP ${p.status}${p.proxy ? ` through proxy ${p.proxy} (${p.variable})` : ''} (request id ${p.requestId})`,
  httpStatusServerHint: 'a server problem at the gateway: try again later',
  httpStatusClientHint: 'check the gateway URL (production, sandbox, or https://host/gateway.do)',
  gatewayNotUrl: (p: { url: string }) => `gateway ${p.url} is not a URL`,
  gatewayNotUrlHint: 'use production, sandbox, local, or https://host/gateway.do',
  gatewayNotHttps: (p: { url: string }) => `gateway ${p.url} is not https`,
  gatewayNotHttpsHint: 'only a loopback gateway (the local one) may use plain http',
  timeout: (p: { host: string; proxy: string; variable: string; requestId: string }) =>
    `no answer from ${p.host}${p.proxy ? ` through proxy ${p.proxy} (${p.variable})` : ''} within the timeout (request id ${p.requestId})`,
  timeoutHint: 'raise --timeout, or check the network',
  proxyHint: (p: { variable: string; hostname: string }) => `check ${p.variable}, or list ${p.hostname} in NO_PROXY to connect directly`,
  proxyRefused: (p: { proxy: string; variable: string }) => `connection to proxy ${p.proxy} (${p.variable}) refused`,
  proxyUnresolved: (p: { proxy: string; variable: string }) => `cannot resolve proxy ${p.proxy} (${p.variable})`,
  proxyRequestFailed: (p: { host: string; proxy: string; variable: string; reason: string; requestId: string }) =>
    `request to ${p.host} through proxy ${p.proxy} (${p.variable}) failed: ${p.reason} (request id ${p.requestId})`,
  refused: (p: { host: string }) => `connection to ${p.host} refused`,
  refusedHint: 'is the gateway running at that address?',
  unresolved: (p: { host: string }) => `cannot resolve ${p.host}`,
  requestFailed: (p: { host: string; reason: string }) => `request to ${p.host} failed: ${p.reason}`,
  connectionReset: (p: { host: string }) => `connection to ${p.host} reset before an answer came`,
  connectionClosed: (p: { host: string }) => `connection to ${p.host} closed before an answer came`,
  cutShortLength: (p: { host: string }) => `the answer from ${p.host} was cut short (fewer bytes than its Content-Length)`,
  cutShortClosed: (p: { host: string }) => `the answer from ${p.host} was cut short (its connection closed before the end)`,
  tooLarge: (p: { host: string }) => `the answer from ${p.host} was too large`,
  unreachable: (p: { host: string }) => `cannot reach ${p.host} (no route to it from this machine)`,
  notHttp: (p: { host: string; code: string }) => `the answer from ${p.host} is not HTTP (${p.code})`,

  // proxy.ts
  proxyNotUrl: (p: { variable: string }) => `${p.variable} is not a URL`,
  proxyNotUrlHint: (p: { variable: string }) => `set ${p.variable} to http://host:port, or unset it`,

  // request.ts
  charsetUnsupported: (p: { charset: string }) => `charset ${p.charset} is not supported`,
  charsetUnsupportedHint: 'use utf-8, gbk or gb2312',
  signTypeUnsupported: (p: { signType: string }) => `sign_type ${p.signType} is not supported`,
  signTypeUnsupportedHint: 'use RSA2 (SHA256withRSA) or RSA (SHA1withRSA)',

  // unencodable.ts
  unencodable: (p: { where: string; character: string; charset: string }) => `${p.where}: character ${p.character} cannot be encoded in ${p.charset}, the profile's charset`,
  inTheRequest: 'the request',
  inParam: (p: { name: string }) => `param ${p.name}`,
  inBizContentField: (p: { path: string }) => `biz_content ${p.path}`,
  aKey: '(a key)',
  notUnicodeHint: 'the text is not valid Unicode (a lone surrogate): check how the input was encoded',
  removeCharacterHint: (p: { charset: string }) =>
    `remove the character, or set charset to utf-8 in the profile (or ALIPAY_CHARSET=utf-8)${p.charset === 'gb2312' ? '; gbk also has more characters than gb2312' : ''}`,

  // response.ts
  notAResponse: (p: { reason: string }) => `the gateway's answer is not a response: ${p.reason}`,
  notAResponseHint: 'check the gateway URL; a proxy or firewall page is a common cause',
  signatureInvalid: (p: { node: string }) => `the signature of ${p.node} does not verify: this response is not authentic`,
  signatureInvalidHint: "check alipayPublicKey (Alipay's key, not your app key) or the Alipay cert; never trust this response",
  encryptedNoKey: (p: { node: string }) => `${p.node} is encrypted and no encryptKey is configured`,
  doesNotDecrypt: (p: { node: string; reason: string }) => `${p.node} is signed but does not decrypt with encryptKey: ${p.reason}`,
  doesNotDecryptHint: 'check encryptKey (the AES key in the Alipay console)',
  notJsonObject: (p: { node: string }) => `${p.node} is not a JSON object`,
  unsignedSuccess: (p: { node: string }) => `${p.node} carries no signature: refusing an unsigned success`,
  /** `gateway answered 40004 Business Failed — TEMPLATE_NOT_EXIT`: code, msg and sub_code as received. */
  gatewayAnswered: (p: { answer: string; signed: string }) => `gateway answered ${p.answer}${p.signed === 'no' ? ' (unsigned, not verified)' : ''}`,
  invalidSignatureHint: 'the gateway could not verify our signature: the app public key uploaded to Alipay must match privateKey, and charset must match',
  invalidAppIdHint: 'check appId and the gateway (sandbox app IDs only work on the sandbox gateway)',
  invalidTimestampHint: "the machine's clock is off by more than 15 minutes",
  templateNotExistHint: 'check the template id, and that the template belongs to this app_id on this gateway (sandbox and production templates differ)',
  serialConflictHint: 'an earlier request under this out_serial_no carried different values, and a serial may only be reused to retry the very same request. '
    + 'Values filled in by default are the usual cause: open_date (now) and valid_date (from the template) change on every run. '
    + 'Retry with the --open-date and --valid-date the first run printed, or use a new out_serial_no for a new card',
  /** card delete's: its request is the card, --reason and ext_info, nothing filled in by default. */
  deleteSerialConflictHint: 'an earlier delete under this out_serial_no named another card, reason_code or ext_info, and a serial may only be reused to retry the very same delete. '
    + 'Retry with the card and --reason of the delete that first used it (the gateway then answers that delete), or leave --out-serial-no out for a new delete',
  transientHint: 'a transient error at Alipay: try again later; where the command printed how to repeat its request (card open, update and delete, template create), repeat it that way, and it is done at most once',
  throttledHint: 'called too often: wait a minute, then try again less often',
} satisfies Entries);

export type ClientErrorsEntries = ReturnType<typeof entries>;
export const clientErrorsText = messages('client-errors', entries);
