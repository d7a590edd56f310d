import {
  aesDecrypt,
  extractResponse,
  ProtocolError,
  responseNodeName,
  signContent,
  verifyContent,
  type ExtractedResponse,
} from '../../../src/protocol/index.js';
import type { KeyObject } from 'node:crypto';
import { alipayPublicKey, appPrivateKey, appPublicKey, protocolFixture, vectorJson } from './fixtures.js';

const METHOD = 'alipay.marketing.card.open';
const NODE = 'alipay_marketing_card_open_response';
const CERT_SN = '7513daaaa48aa3ba2e4018d84402479c';

// Node texts typed by hand: what the gateway signs is exactly these characters.
const SIMPLE = '{"code":"10000","msg":"Success","biz_card_no":"0000001"}';
const PRETTY = '{\n    "code": "10000",\n    "msg": "Success",\n    "card_info": {\n      "biz_card_no": "0000001",\n      "levels": [ 1, 2 ]\n    }\n  }';
const TRICKY = String.raw`{"code":"10000","msg":"} { \"sign\": \"fake\" ] [","url":"https:\/\/example.com\/a","name":"\u5f20\u4e09","path":"C:\\dir\\","quote":"\"","cn":"张三","empty":""}`;
const NESTED_SIGN = '{"sign":"inner-not-the-signature","code":"10000","data":{"sign":"deeper","alipay_cert_sn":"inner"}}';
const ARRAYS = '{"code":"10000","list":[{"a":[1,2,[3,{"b":"]}"}]]},[],{}],"n":-1.5e+3,"z":0,"t":true,"f":false,"nil":null}';
const ERROR = '{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-signature","sub_msg":"验签出错，网关生成的验签字符串为：app_id=1&method=a"}';
const AES = protocolFixture<Array<{ plaintext: string; encryptKey: string; ciphertext: string }>>('aes-vectors.json')[0]!;
const ENCRYPTED = `"${AES.ciphertext}"`;

const sign = (text: string): string => signContent(text, appPrivateKey, 'RSA2', 'utf-8');

interface Layout {
  name: string;
  node: string;
  body: (node: string, sign: string) => string;
  method?: string | undefined;
  nodeName?: string;
  encrypted?: boolean;
  certSn?: string;
}

const layouts: Layout[] = [
  { name: 'node then sign', node: SIMPLE, body: (n, s) => `{"${NODE}":${n},"sign":"${s}"}` },
  { name: 'sign then node', node: SIMPLE, body: (n, s) => `{"sign":"${s}","${NODE}":${n}}` },
  { name: 'pretty-printed', node: PRETTY, body: (n, s) => `{\n  "${NODE}": ${n},\n  "sign": "${s}"\n}\n` },
  {
    name: 'whitespace around every token',
    node: SIMPLE,
    body: (n, s) => ` \r\n\t{ "sign" : "${s}" ,\r\n\t"${NODE}"\t:\n${n}   }\n\n`,
  },
  {
    name: '} { "sign": \\" \\/ \\uXXXX \\\\ and Chinese inside strings; sign written with \\/',
    node: TRICKY,
    body: (n, s) => `{"${NODE}":${n},"sign":"${s.replaceAll('/', '\\/')}"}`,
  },
  { name: 'alipay_cert_sn before', node: SIMPLE, certSn: CERT_SN, body: (n, s) => `{"alipay_cert_sn":"${CERT_SN}","${NODE}":${n},"sign":"${s}"}` },
  { name: 'alipay_cert_sn between', node: SIMPLE, certSn: CERT_SN, body: (n, s) => `{"${NODE}":${n},"alipay_cert_sn":"${CERT_SN}","sign":"${s}"}` },
  { name: 'alipay_cert_sn after', node: SIMPLE, certSn: CERT_SN, body: (n, s) => `{"sign":"${s}","${NODE}":${n},"alipay_cert_sn":"${CERT_SN}"}` },
  { name: 'encrypted (string) node', node: ENCRYPTED, encrypted: true, body: (n, s) => `{"${NODE}":${n},"sign":"${s}"}` },
  { name: 'error_response in place of the method node', node: ERROR, nodeName: 'error_response', body: (n, s) => `{"error_response":${n},"sign":"${s}"}` },
  { name: 'nested "sign" and "alipay_cert_sn" keys inside the node', node: NESTED_SIGN, body: (n, s) => `{"${NODE}":${n},"sign":"${s}"}` },
  { name: 'nested arrays, numbers and literals', node: ARRAYS, body: (n, s) => `{"sign":"${s}","${NODE}":${n}}` },
  {
    name: 'other top-level members holding "sign" text and keys',
    node: SIMPLE,
    body: (n, s) => `{"note":"\\"sign\\":\\"fake\\"","extra":{"sign":"fake","${NODE}":{}},"${NODE}":${n},"list":["sign"],"sign":"${s}"}`,
  },
  { name: 'method omitted: the single *_response node', node: SIMPLE, method: undefined, body: (n, s) => `{"sign":"${s}","${NODE}":${n}}` },
];

/** True when the body is refused: either the extractor rejects it or the signature fails. */
function rejected(body: string, method: string | undefined, key: KeyObject): boolean {
  let extracted: ExtractedResponse;
  try {
    extracted = extractResponse(body, method);
  } catch (error) {
    if (error instanceof ProtocolError) return true;
    throw error;
  }
  return !verifyContent(extracted.signContent, extracted.sign ?? '', key, 'RSA2', 'utf-8');
}

/** Flips one bit in each byte of `signed` (which must occur once in body) and expects each result refused. */
function expectEveryByteGuarded(body: string, signed: string, method: string | undefined, key: KeyObject): void {
  expect(body.split(signed).length).toBe(2);
  const bytes = Buffer.from(body, 'utf8');
  const start = Buffer.byteLength(body.slice(0, body.indexOf(signed)), 'utf8');
  const end = start + Buffer.byteLength(signed, 'utf8');
  const accepted: number[] = [];
  for (let i = start; i < end; i++) {
    const tampered = Buffer.from(bytes);
    tampered[i] = tampered[i]! ^ 0x01;
    if (!rejected(tampered.toString('utf8'), method, key)) accepted.push(i - start);
  }
  expect(accepted).toEqual([]);
}

describe('extractResponse + verifyContent on every layout', () => {
  describe.each(layouts.map((l) => [l.name, l] as const))('%s', (_name, layout) => {
    const s = sign(layout.node);
    const body = layout.body(layout.node, s);
    const method = 'method' in layout ? layout.method : METHOD;

    it('extracts the node text exactly, the top-level sign and cert SN', () => {
      expect(extractResponse(body, method)).toEqual({
        nodeName: layout.nodeName ?? NODE,
        signContent: layout.node,
        encrypted: layout.encrypted ?? false,
        sign: s,
        alipayCertSn: layout.certSn,
      });
    });

    it('verifies', () => {
      const extracted = extractResponse(body, method);
      expect(verifyContent(extracted.signContent, extracted.sign!, appPublicKey, 'RSA2', 'utf-8')).toBe(true);
    });

    it('refuses the body when any single byte of the signed node changes', () => {
      expectEveryByteGuarded(body, layout.node, method, appPublicKey);
    });
  });

  it('an encrypted node decrypts after verification to the plaintext', () => {
    const extracted = extractResponse(`{"${NODE}":${ENCRYPTED},"sign":"x"}`, METHOD);
    expect(aesDecrypt(JSON.parse(extracted.signContent) as string, AES.encryptKey, 'utf-8')).toBe(AES.plaintext);
  });
});

describe('real gateway response (real-response.json)', () => {
  const vector = vectorJson<{ method: string; body: string }>('real-response.json');
  const node = '{"code":"10000","msg":"Success","file_id":"CAxAToWB1JsAAAAAAAAAAAAADgSLAQBr"}';

  it('extracts the node as typed here and verifies with the Alipay public key', () => {
    const extracted = extractResponse(vector.body, vector.method);
    expect(extracted.nodeName).toBe('alipay_open_file_upload_response');
    expect(extracted.signContent).toBe(node);
    expect(verifyContent(extracted.signContent, extracted.sign!, alipayPublicKey, 'RSA2', 'utf-8')).toBe(true);
  });

  it('refuses every single-byte change of the node', () => {
    expectEveryByteGuarded(vector.body, node, vector.method, alipayPublicKey);
  });

  it('refuses a changed signature', () => {
    const extracted = extractResponse(vector.body, vector.method);
    const sig = Buffer.from(extracted.sign!, 'base64');
    sig[100] = sig[100]! ^ 0x01;
    expect(verifyContent(extracted.signContent, sig.toString('base64'), alipayPublicKey, 'RSA2', 'utf-8')).toBe(false);
  });
});

describe('extractResponse details', () => {
  it('keeps an empty sign as "" (an unsigned error node) and reports a missing sign as undefined', () => {
    expect(extractResponse(`{"error_response":${ERROR},"sign":""}`, METHOD).sign).toBe('');
    expect(extractResponse(`{"error_response":${ERROR}}`, METHOD).sign).toBeUndefined();
    expect(extractResponse(`{"${NODE}":{},"sign":null}`, METHOD).sign).toBeUndefined();
  });

  it('prefers the method node when error_response is also there', () => {
    expect(extractResponse(`{"error_response":{"code":"1"},"${NODE}":{"code":"2"}}`, METHOD).signContent).toBe('{"code":"2"}');
  });

  it('decodes escaped top-level keys as JSON does', () => {
    expect(extractResponse(`{"${NODE}":{},"\\u0073ign":"abc"}`, METHOD).sign).toBe('abc');
  });

  it('skips a leading byte order mark', () => {
    expect(extractResponse(`\uFEFF{"${NODE}":{"a":1}}`, METHOD).signContent).toBe('{"a":1}');
  });

  it('handles very deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(extractResponse(`{"${NODE}":{"d":${deep}}}`, METHOD).signContent).toBe(`{"d":${deep}}`);
  });

  it.each([
    ['the node twice', `{"${NODE}":{"a":1},"sign":"x","${NODE}":{"a":2}}`, /"alipay_marketing_card_open_response" appears twice/],
    ['the node twice, with whitespace', `{ "${NODE}" : {} ,\n "${NODE}":{}}`, /appears twice/],
    ['sign twice, one escaped', `{"${NODE}":{},"sign":"a","\\u0073ign":"b"}`, /"sign" appears twice/],
  ])('rejects %s as duplicate-node', (_what, body, message) => {
    expect(() => extractResponse(body, METHOD)).toThrow(expect.objectContaining({ code: 'duplicate-node', message: expect.stringMatching(message) }));
  });

  it('rejects any other key twice as malformed-response: the body may not be a response at all', () => {
    expect(() => extractResponse('{"a":1,"a":2}')).toThrow(expect.objectContaining({ code: 'malformed-response', message: expect.stringMatching(/"a" appears twice/) }));
  });

  it('names what it looked for when the node is missing', () => {
    expect(() => extractResponse('{"other_response":{},"sign":"x"}', METHOD)).toThrow(
      expect.objectContaining({
        code: 'missing-node',
        message: 'response has neither "alipay_marketing_card_open_response" nor "error_response" (top-level keys: "other_response", "sign")',
      }),
    );
    expect(() => extractResponse('{"sign":"x"}')).toThrow(expect.objectContaining({ code: 'missing-node' }));
  });

  it('without a method, refuses a body with two different *_response nodes', () => {
    expect(() => extractResponse(`{"${NODE}":{},"error_response":{}}`)).toThrow(expect.objectContaining({ code: 'malformed-response' }));
  });

  it.each([
    ['an HTML error page', '<html>502</html>', /position 0/],
    ['an empty body', '', /end of input/],
    ['a JSON array', '[1]', /position 0/],
    ['trailing junk', `{"${NODE}":{}} x`, /end of input after the top-level object at position/],
    ['an unclosed node', `{"${NODE}":{"a":1}`, /position/],
    ['an unclosed string', `{"${NODE}":{"a":"1}}`, /closing/],
    ['a leading-zero number', `{"${NODE}":{"a":01}}`, /position/],
    ['a bad escape', `{"${NODE}":{"a":"\\x"}}`, /valid escape/],
    ['a bad \\u escape', `{"${NODE}":{"a":"\\u12G4"}}`, /four hex digits/],
    ['a raw newline in a string', `{"${NODE}":{"a":"x\ny"}}`, /control character/],
    ['a trailing comma', `{"${NODE}":{"a":1,}}`, /member name/],
    ['a missing colon', `{"${NODE}" {}}`, /':'/],
    ['a bare word', `{"${NODE}":{"a":nul}}`, /JSON value/],
    ['a node that is a number', `{"${NODE}":42,"sign":"x"}`, /expected an object or an encrypted string/],
    ['a node that is an array', `{"${NODE}":[],"sign":"x"}`, /expected an object or an encrypted string/],
    ['a sign that is not a string', `{"${NODE}":{},"sign":42}`, /"sign" at position \d+ is not a string/],
  ])('rejects %s as malformed-response', (_what, body, message) => {
    expect(() => extractResponse(body, METHOD)).toThrow(expect.objectContaining({ code: 'malformed-response', message: expect.stringMatching(message) }));
  });
});

describe('responseNodeName', () => {
  it.each([
    ['alipay.marketing.card.open', 'alipay_marketing_card_open_response'],
    ['alipay.marketing.card.template.query', 'alipay_marketing_card_template_query_response'],
  ])('%s → %s', (method, node) => {
    expect(responseNodeName(method)).toBe(node);
  });
});
