import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import {
  buildSignContent,
  parseCertificates,
  ProtocolError,
  signContent,
  verifyContent,
  type Charset,
  type Params,
  type SignType,
} from '../../../src/protocol/index.js';
import { isBlank } from '../../../src/protocol/sign-content.js';
import { appPrivateKey, appPublicKey, bareKeyToPem, protocolFixture, vectorJson, vectorText } from './fixtures.js';

interface SignVector {
  name: string;
  charset: Charset;
  signType: SignType;
  params: Params;
  signContent: string;
  sign: string;
}

interface CertModeVector {
  privateKey: string;
  params: Record<string, string>;
  expectedSign: string;
  appCertSn: string;
}

const vectors = protocolFixture<SignVector[]>('sign-vectors.json');

describe('request signing against openssl known answers (sign-vectors.json)', () => {
  it('has a dozen or more vectors covering both charsets families and both sign types', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(12);
    expect(new Set(vectors.map((v) => v.charset))).toEqual(new Set(['utf-8', 'gbk', 'gb2312']));
    expect(new Set(vectors.map((v) => v.signType))).toEqual(new Set(['RSA2', 'RSA']));
  });

  describe.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    it('builds the hand-written string to sign', () => {
      expect(buildSignContent(vector.params)).toBe(vector.signContent);
    });

    it("signs it to openssl's signature", () => {
      expect(signContent(vector.signContent, appPrivateKey, vector.signType, vector.charset)).toBe(vector.sign);
    });

    it('verifies with the public key, and not under the other sign type', () => {
      expect(verifyContent(vector.signContent, vector.sign, appPublicKey, vector.signType, vector.charset)).toBe(true);
      const other: SignType = vector.signType === 'RSA2' ? 'RSA' : 'RSA2';
      expect(verifyContent(vector.signContent, vector.sign, appPublicKey, other, vector.charset)).toBe(false);
    });
  });

  it('a GBK request signed over UTF-8 bytes does not verify (the Node SDK bug DESIGN warns about)', () => {
    const gbk = vectors.filter((v) => v.charset === 'gbk');
    expect(gbk.length).toBeGreaterThan(0);
    for (const v of gbk) {
      expect(signContent(v.signContent, appPrivateKey, v.signType, 'utf-8')).not.toBe(v.sign);
      expect(verifyContent(v.signContent, v.sign, appPublicKey, v.signType, 'utf-8')).toBe(false);
    }
  });
});

describe('certificate-mode published vector (cert-mode-sign.json)', () => {
  const vector = vectorJson<CertModeVector>('cert-mode-sign.json');
  const privateKey = createPrivateKey(bareKeyToPem(vector.privateKey, 'RSA PRIVATE KEY'));

  it('reproduces expectedSign', () => {
    const content = buildSignContent(vector.params);
    expect(content.startsWith('alipay_root_cert_sn=687b59193f3f462dd5336e5abf83c5d8_02941eef3187dddf3d3b83462e1dfcf6&app_cert_sn=')).toBe(true);
    expect(signContent(content, privateKey, 'RSA2', 'utf-8')).toBe(vector.expectedSign);
  });

  it('verifies with the public key of the app cert whose SN is app_cert_sn', () => {
    const [cert] = parseCertificates(vectorText('cert-mode-alipayAppPublicCert.crt'));
    expect(cert?.sn).toBe(vector.appCertSn);
    expect(verifyContent(buildSignContent(vector.params), vector.expectedSign, cert!.publicKey, 'RSA2', 'utf-8')).toBe(true);
  });
});

describe('buildSignContent', () => {
  it('drops undefined like null, omits sign by default and only what omit lists when given', () => {
    const params = { b: '2', a: '1', sign: 's', sign_type: 'RSA2', c: undefined, d: null };
    expect(buildSignContent(params)).toBe('a=1&b=2&sign_type=RSA2');
    expect(buildSignContent(params, ['sign', 'sign_type'])).toBe('a=1&b=2');
    expect(buildSignContent(params, [])).toBe('a=1&b=2&sign=s&sign_type=RSA2');
  });

  it('does not reorder or alter its input', () => {
    const params = { z: '1', a: '2' };
    buildSignContent(params);
    expect(Object.keys(params)).toEqual(['z', 'a']);
  });

  it('gives an empty string when nothing is left', () => {
    expect(buildSignContent({ sign: 'x', a: '', b: ' ' })).toBe('');
  });

  // Java's Character.isWhitespace, from its documentation: a space, line or paragraph separator
  // (Unicode Zs, Zl, Zp) other than the no-break spaces U+00A0, U+2007 and U+202F, or one of
  // U+0009–U+000D and U+001C–U+001F. Derived here from V8's Unicode tables, not from our list.
  const javaWhitespace = (unit: number): boolean =>
    (/^[\p{Zs}\p{Zl}\p{Zp}]$/u.test(String.fromCharCode(unit)) && ![0xa0, 0x2007, 0x202f].includes(unit)) || (unit >= 0x09 && unit <= 0x0d) || (unit >= 0x1c && unit <= 0x1f);

  it("leaves out a value blank as the gateway's Java SDK means it, for every UTF-16 unit", () => {
    const wrong: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const char = String.fromCharCode(unit);
      if (isBlank(char) !== javaWhitespace(unit)) wrong.push(unit.toString(16));
      if (isBlank(`${char}${char}`) !== javaWhitespace(unit)) wrong.push(`${unit.toString(16)} twice`);
    }
    expect(wrong).toEqual([]);
    expect([isBlank(''), isBlank(' \t\r\n\u3000'), isBlank(' a '), isBlank('  \u00a0'), isBlank('\u2028x')]).toEqual([true, true, false, false, false]);
    expect(buildSignContent({ a: '\u3000 ', b: '\u00a0', c: ' \u2007 ', d: 'x' })).toBe('b=\u00a0&c= \u2007 &d=x');
  });
});

describe('signContent / verifyContent', () => {
  const content = 'app_id=1&method=a.b';
  const good = signContent(content, appPrivateKey, 'RSA2', 'utf-8');

  it('is deterministic and key-format independent (PKCS#1 and PKCS#8 give the same signature)', () => {
    expect(signContent(content, appPrivateKey, 'RSA2', 'utf-8')).toBe(good);
    const pkcs8 = createPrivateKey(vectorText('app-private-key-pkcs8.pem'));
    expect(signContent(content, pkcs8, 'RSA2', 'utf-8')).toBe(good);
  });

  it.each([
    ['empty', ''],
    ['not base64', 'not base64!!'],
    ['URL-safe alphabet', good.replaceAll('+', '-').replaceAll('/', '_')],
    ['one character short', good.slice(0, -1)],
    ['with a trailing newline', good + '\n'],
    ['valid base64 of the wrong length', Buffer.alloc(255, 1).toString('base64')],
    ['valid base64 of the right length, wrong value', Buffer.alloc(256, 1).toString('base64')],
  ])('returns false, never throws, for a sign that is %s', (_what, sign) => {
    expect(verifyContent(content, sign, appPublicKey, 'RSA2', 'utf-8')).toBe(false);
  });

  it('returns false for content the charset cannot carry', () => {
    expect(verifyContent('name=😀', good, appPublicKey, 'RSA2', 'gbk')).toBe(false);
  });

  it('refuses to sign text the charset cannot carry rather than signing "?"', () => {
    expect(() => signContent('name=😀', appPrivateKey, 'RSA2', 'gbk')).toThrow(ProtocolError);
  });

  it('verifies with a private key object too (its public half), and fails with an unrelated key', () => {
    expect(verifyContent(content, good, appPrivateKey, 'RSA2', 'utf-8')).toBe(true);
    const other: KeyObject = createPublicKey(vectorText('alipay-public-key.pem'));
    expect(verifyContent(content, good, other, 'RSA2', 'utf-8')).toBe(false);
  });
});
