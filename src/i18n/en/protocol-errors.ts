// Why a protocol operation refused its input (src/protocol): bad keys and certificates, charsets,
// malformed responses and forms. The one section src/protocol imports (with src/i18n/text.ts).
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // AES content encryption.
  aesCiphertextNotBase64: 'ciphertext is not valid standard base64',
  aesCiphertextLength: (p: { bytes: number }) => `ciphertext is ${p.bytes} bytes; AES-CBC output is a non-zero multiple of 16`,
  aesBadPadding: 'bad PKCS#7 padding after decryption: wrong encrypt key or corrupted ciphertext',
  aesKeyNotBase64: 'encrypt key is not valid base64',
  aesKeyLength: (p: { bytes: number }) => `encrypt key decodes to ${p.bytes} bytes; AES-128 needs exactly 16 (a 24-character base64 string)`,

  // Certificates.
  certificateTruncated: (p: { begins: number; complete: number }) => `found ${p.begins} BEGIN CERTIFICATE lines but only ${p.complete} complete blocks: a block is truncated or malformed`,
  certificateNone: 'no "-----BEGIN CERTIFICATE-----" block found',
  certificateNoRsaRoot: 'the root bundle has no sha1WithRSA or sha256WithRSA certificate to derive alipay_root_cert_sn from',
  /** Which certificate of a file: `certificate #2 (line 31)`. */
  certificateWhere: (p: { number: number; line: number }) => `certificate #${p.number} (line ${p.line})`,
  certificateBodyNotBase64: (p: { where: string }) => `${p.where}: body is not valid base64`,
  certificateNotX509: (p: { where: string; reason: string }) => `${p.where}: not an X.509 certificate (${p.reason})`,

  // Charsets.
  unencodableCharacter: (p: { codePoint: string; index: number; charset: string }) => `character ${p.codePoint} at position ${p.index} cannot be encoded in ${p.charset}`,
  unsupportedCharset: (p: { charset: string; expected: string }) => `unsupported charset "${p.charset}" (expected one of ${p.expected})`,
  notificationCharset: (p: { charset: string }) => `notification declares unsupported charset "${p.charset}"`,

  // Forms.
  malformedEscape: (p: { escape: string; position: number }) => `malformed %-escape ${p.escape} at position ${p.position}: '%' must be followed by two hex digits`,

  // Sign types and timestamps.
  unsupportedSignTypeParam: (p: { value: string }) => `unsupported sign_type "${p.value}" (expected RSA2 or RSA)`,
  unsupportedSignType: (p: { value: string }) => `unsupported sign type "${p.value}" (expected RSA2 or RSA)`,
  invalidDate: 'cannot format an invalid Date as a timestamp',
  yearOutOfRange: (p: { year: number }) => `year ${p.year} does not fit the 4-digit timestamp format`,

  // Response bodies.
  notJson: (p: { expected: string; position: number; found: string }) => `response is not valid JSON: expected ${p.expected} at position ${p.position}, found ${p.found}`,
  /** What `notJson` found: the end of the text (else the text there, quoted). */
  endOfInput: 'end of input',
  expectCommaOrBrace: "',' or '}'",
  expectCommaOrBracket: "',' or ']'",
  expectMemberName: 'a member name (a string)',
  expectColon: "':'",
  expectClosingQuote: (p: { position: number }) => `the closing '"' of the string opened at position ${p.position}`,
  expectNoControl: 'no raw control character inside a string',
  expectHexDigits: 'four hex digits after \\u',
  expectEscape: 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
  expectNumber: 'a number',
  expectValue: 'a JSON value',
  expectObject: "'{' (the response must be a JSON object)",
  expectEnd: 'end of input after the top-level object',
  nodeNotObject: (p: { name: string; position: number; start: string }) => `node "${p.name}" at position ${p.position} holds ${p.start}; expected an object or an encrypted string`,
  /** `"a", "b"`, or none. */
  noKeys: 'none',
  missingMethodNode: (p: { node: string; errorNode: string; keys: string }) => `response has neither "${p.node}" nor "${p.errorNode}" (top-level keys: ${p.keys})`,
  missingNode: (p: { keys: string }) => `response has no top-level "*_response" node (top-level keys: ${p.keys})`,
  manyNodes: (p: { count: number; nodes: string }) => `response has ${p.count} top-level "*_response" nodes (${p.nodes}); give the method to choose one`,
  memberNotString: (p: { name: string; position: number }) => `top-level "${p.name}" at position ${p.position} is not a string`,
  duplicateKey: (p: { name: string; first: number; second: number }) => `top-level key "${p.name}" appears twice (values at positions ${p.first} and ${p.second})`,
} satisfies Entries);

export type ProtocolErrorsEntries = ReturnType<typeof entries>;
export const protocolText = messages('protocol-errors', entries);
