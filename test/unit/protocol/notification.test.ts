import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { encodeForm, parseForm, ProtocolError, verifyNotification, type Charset, type NotifyMode, type SignType } from '../../../src/protocol/index.js';
import { appPrivateKey, appPublicKey, bareKeyToPem, protocolFixture, vectorJson, vectorText } from './fixtures.js';

interface NotifyVector {
  name: string;
  mode: 'v1' | 'v2';
  charset: Charset;
  signType: SignType;
  params: Record<string, string>;
  signContent: string;
}

/** Accepted only if it verifies; a ProtocolError (e.g. a charset made unknown by tampering) is a refusal too. */
function accepted(params: Record<string, string>, key: KeyObject, mode: NotifyMode): boolean {
  try {
    return verifyNotification(params, key, mode).valid;
  } catch (error) {
    if (error instanceof ProtocolError) return false;
    throw error;
  }
}

const real = vectorJson<{ alipayPublicKey: string; params: Record<string, string> }>('real-notify.json');
const realKey = createPublicKey(bareKeyToPem(real.alipayPublicKey, 'PUBLIC KEY'));

describe('real gateway notification (real-notify.json)', () => {
  it('verifies in v1 and auto (as v1), not in v2', () => {
    expect(verifyNotification(real.params, realKey, 'v1')).toMatchObject({ valid: true, mode: 'v1', signType: 'RSA2' });
    expect(verifyNotification(real.params, realKey, 'auto')).toMatchObject({ valid: true, mode: 'v1' });
    expect(verifyNotification(real.params, realKey, 'v2')).toMatchObject({ valid: false, mode: 'v2' });
  });

  it('signs the sorted params without sign and sign_type, values as received', () => {
    const { signContent } = verifyNotification(real.params, realKey, 'v1');
    expect(signContent.startsWith('app_id=2019073166072302&auth_app_id=2019073166072302&buyer_id=2088102534368455&')).toBe(true);
    expect(signContent).toContain('&fund_bill_list=[{"amount":"0.10","fundChannel":"ALIPAYACCOUNT"}]&');
    expect(signContent).toContain('&subject=语雀空间 500人规模&');
    expect(signContent).not.toContain('sign=');
    expect(signContent).not.toContain('sign_type=');
  });

  it('still verifies after a form-encoding round trip of the POST body', () => {
    expect(verifyNotification(parseForm(encodeForm(real.params, 'utf-8'), 'utf-8'), realKey, 'auto').valid).toBe(true);
  });

  it.each(Object.keys(real.params).filter((key) => key !== 'sign' && key !== 'sign_type'))(
    'fails in every mode when %s is changed',
    (key) => {
      const tampered = { ...real.params, [key]: real.params[key] + '0' };
      for (const mode of ['v1', 'v2', 'auto'] as const) expect(accepted(tampered, realKey, mode)).toBe(false);
    },
  );

  it('fails when a param is added, and auto then reports the v1 attempt', () => {
    const result = verifyNotification({ ...real.params, extra: 'x' }, realKey, 'auto');
    expect(result).toMatchObject({ valid: false, mode: 'v1' });
    expect(result.signContent).toContain('&extra=x&');
  });
});

describe('openssl-signed notifications (notify-vectors.json)', () => {
  const vectors = protocolFixture<NotifyVector[]>('notify-vectors.json');

  describe.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const other = vector.mode === 'v1' ? 'v2' : 'v1';

    it(`verifies in ${vector.mode} and auto over the hand-built string`, () => {
      expect(verifyNotification(vector.params, appPublicKey, vector.mode)).toEqual({
        valid: true,
        mode: vector.mode,
        signContent: vector.signContent,
        signType: vector.signType,
      });
      expect(verifyNotification(vector.params, appPublicKey, 'auto')).toMatchObject({ valid: true, mode: vector.mode });
    });

    it('does not verify in the other mode', () => {
      expect(verifyNotification(vector.params, appPublicKey, other).valid).toBe(false);
    });

    it('fails in every mode when a value or the sign is tampered with', () => {
      const [key] = Object.keys(vector.params).filter((k) => k !== 'sign' && k !== 'sign_type');
      const sign = vector.params['sign']!;
      const tamperedValue = { ...vector.params, [key!]: vector.params[key!] + 'x' };
      const tamperedSign = { ...vector.params, sign: (sign[0] === 'A' ? 'B' : 'A') + sign.slice(1) };
      for (const mode of ['v1', 'v2', 'auto'] as const) {
        expect(accepted(tamperedValue, appPublicKey, mode)).toBe(false);
        expect(accepted(tamperedSign, appPublicKey, mode)).toBe(false);
      }
    });
  });

  it('uses the charset argument over the params', () => {
    const gbk = vectors.find((v) => v.charset === 'gbk')!;
    expect(verifyNotification(gbk.params, appPublicKey, 'v2', 'utf-8').valid).toBe(false);
    expect(verifyNotification({ ...gbk.params, charset: 'utf-8' }, appPublicKey, 'v2', 'gbk').signContent).toContain('charset=utf-8');
  });
});

describe('a notification without sign_type', () => {
  // Signed with SHA1withRSA by node:crypto directly, over the v1 content (sign_type is absent anyway).
  const params: Record<string, string> = { app_id: '2021000000000001', charset: 'utf-8', notify_id: 'n1', subject: '会员卡 a+b=c' };
  const signed = { ...params, sign: sign('RSA-SHA1', Buffer.from('app_id=2021000000000001&charset=utf-8&notify_id=n1&subject=会员卡 a+b=c'), appPrivateKey).toString('base64') };
  const sdk = (signType: 'RSA' | 'RSA2') =>
    new AlipaySdk({ appId: '2021000000000001', privateKey: vectorText('app-private-key.pem'), alipayPublicKey: vectorText('app-public-key.pem'), signType });

  it("is checked with the caller's sign type (RSA here), as Alipay's SDK takes sign_type || config.signType", () => {
    expect(verifyNotification(signed, appPublicKey, 'auto', undefined, 'RSA')).toMatchObject({ valid: true, signType: 'RSA', mode: 'v1' });
    expect(sdk('RSA').checkNotifySign(signed)).toBe(true);
  });

  it('is checked with RSA2 when the caller names none, and the notification\'s own sign_type wins over the caller\'s', () => {
    expect(verifyNotification(signed, appPublicKey, 'auto')).toMatchObject({ valid: false, signType: 'RSA2' });
    expect(sdk('RSA2').checkNotifySign(signed)).toBe(false);
    expect(verifyNotification({ ...signed, sign_type: 'RSA2' }, appPublicKey, 'v1', undefined, 'RSA')).toMatchObject({ valid: false, signType: 'RSA2' });
    expect(verifyNotification({ ...signed, sign_type: 'RSA' }, appPublicKey, 'v1', undefined, 'RSA2')).toMatchObject({ valid: true, signType: 'RSA' });
  });
});

describe('verifyNotification input errors', () => {
  it('defaults a missing sign_type to RSA2, and a missing sign is simply invalid', () => {
    expect(verifyNotification({ a: '1' }, appPublicKey, 'v2')).toEqual({ valid: false, mode: 'v2', signContent: 'a=1', signType: 'RSA2' });
  });

  it('refuses an unknown sign_type or charset', () => {
    expect(() => verifyNotification({ a: '1', sign_type: 'SM2' }, appPublicKey, 'v1')).toThrow(
      expect.objectContaining({ code: 'unsupported-sign-type' }),
    );
    expect(() => verifyNotification({ a: '1', charset: 'big5' }, appPublicKey, 'v1')).toThrow(ProtocolError);
  });
});
