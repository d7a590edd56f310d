import type { KeyObject } from 'node:crypto';
import * as protocol from '../../../src/protocol/index.js';
import type {
  CertificateInfo,
  Charset,
  ExtractedResponse,
  NotifyMode,
  NotifyVerification,
  Params,
  ProtocolErrorCode,
  SignType,
} from '../../../src/protocol/index.js';

// The signatures other layers code against; `tsc --noEmit` fails here if one drifts.
const contract: {
  CHARSETS: readonly Charset[];
  MAX_JSON_DEPTH: number;
  MIN_RSA_BITS: number;
  normalizeCharset: (value: string) => Charset | undefined;
  encodeText: (text: string, charset: Charset) => Buffer;
  decodeText: (bytes: Uint8Array, charset: Charset) => string;
  buildSignContent: (params: Params, omit?: readonly string[]) => string;
  signContent: (content: string, privateKey: KeyObject, signType: SignType, charset: Charset) => string;
  verifyContent: (content: string, sign: string, publicKey: KeyObject, signType: SignType, charset: Charset) => boolean;
  tooDeepAt: (text: string, maxDepth?: number) => number | undefined;
  formatTimestamp: (date: Date) => string;
  parseTimestamp: (text: string) => Date | undefined;
  responseNodeName: (method: string) => string;
  extractResponse: (body: string, method?: string) => ExtractedResponse;
  encodeForm: (params: Params, charset: Charset) => string;
  parseForm: (body: string, charset: Charset) => Record<string, string>;
  verifyNotification: (params: Record<string, string>, publicKey: KeyObject, mode: NotifyMode, charset?: Charset, defaultSignType?: SignType) => NotifyVerification;
  parseCertificates: (pemText: string) => CertificateInfo[];
  certSn: (cert: CertificateInfo) => string;
  rootCertSn: (bundle: readonly CertificateInfo[]) => string;
  aesEncrypt: (plaintext: string, encryptKey: string, charset: Charset) => string;
  aesDecrypt: (ciphertext: string, encryptKey: string, charset: Charset) => string;
} = protocol;

describe('protocol public API', () => {
  it('exports every contracted function', () => {
    for (const [name, value] of Object.entries(contract)) {
      const kind = name === 'CHARSETS' ? 'object' : /^[A-Z_]+$/.test(name) ? 'number' : 'function';
      expect([name, typeof value]).toEqual([name, kind]);
    }
  });

  it('ProtocolError carries a code and a name', () => {
    const code: ProtocolErrorCode = 'missing-node';
    const error = new protocol.ProtocolError(code, 'no node');
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.code, error.message]).toEqual(['ProtocolError', 'missing-node', 'no node']);
  });

  it('result shapes are as contracted', () => {
    const extracted: Required<Record<keyof ExtractedResponse, unknown>> = protocol.extractResponse('{"a_response":{}}');
    expect(Object.keys(extracted).sort()).toEqual(['alipayCertSn', 'encrypted', 'nodeName', 'sign', 'signContent']);
  });
});
