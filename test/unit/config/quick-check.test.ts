import { quickCheckConfigFile, quickCheckProfile } from '../../../src/config/quick-check.js';
import { validateConfigFile, validateProfile } from '../../../src/config/schema.js';
import { PROFILE_KEYS } from '../../../src/config/profile-keys.js';

// The quick check may only ever say "valid" when the valibot schema does, with the same value;
// everything else goes to the schema, which reports the problems. These cases hold it to that.

const AES = 'MTIzNDU2Nzg5MDEyMzQ1Ng==';
const VALUES: unknown[] = [
  undefined, null, true, 0, 1, 1.5, -3, 15000, '', ' ', 'x', '2021000000000000', '20210000000000a0', 'RSA2', 'RSA', 'rsa2',
  'utf-8', 'UTF-8', 'utf8', 'gbk', 'GBK', 'gb2312', 'latin1', 'production', 'sandbox', 'local', 'https://gw.example/gateway.do',
  'ftp://x', 'keys/app.pem', AES, `${AES} `, 'not-a-key', [], ['a'], {}, { a: 1 },
];

const base = { appId: '2021000000000000', gateway: 'sandbox', privateKeyFile: 'keys/app.pem', alipayPublicKeyFile: 'keys/alipay.pem' };

function profiles(): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [base, {}];
  for (const key of [...PROFILE_KEYS, 'unknownKey', 'appid']) {
    for (const value of VALUES) {
      const p: Record<string, unknown> = { ...base };
      if (value === undefined) delete p[key];
      else p[key] = value;
      out.push(p);
    }
  }
  // Rules across keys: pairs, certificate mode whole or in part, with or without Alipay's key.
  const cert = { appCertFile: 'a.crt', alipayCertFile: 'b.crt', alipayRootCertFile: 'c.crt' };
  out.push(
    { privateKey: 'k', privateKeyFile: 'k.pem' },
    { encryptKey: AES, encryptKeyFile: 'aes.txt' },
    { appId: '1', privateKeyFile: 'k.pem', ...cert },
    { appId: '1', ...cert, alipayPublicKeyFile: 'x.pem' },
    { appId: '1', appCertFile: 'a.crt', alipayCertFile: 'b.crt' },
    { appId: '1', charset: 'GBK', signType: 'RSA', timeoutMs: 1, encryptKey: AES, appAuthToken: 't', privateKey: 'k', alipayPublicKey: 'p' },
  );
  return out;
}

function files(): unknown[] {
  const out: unknown[] = [null, [], 'x', {}, { profiles: [] }, { profiles: null }, { profiles: {} }, { profiles: {}, extra: 1 }];
  for (const p of profiles()) out.push({ profiles: { p } }, { defaultProfile: 'p', profiles: { p, q: {} } });
  for (const name of ['', 'constructor', 'prototype', 'my prod']) out.push({ profiles: { [name]: base } });
  out.push(JSON.parse(`{"profiles":{"__proto__":${JSON.stringify(base)}}}`));
  for (const defaultProfile of ['', 'q', 'nope', 1, null]) out.push({ defaultProfile, profiles: { q: base } });
  out.push({ profiles: Object.assign(Object.create(null) as object, { p: base }) });
  class Settings {
    appId = '1';
  }
  out.push({ profiles: { p: new Settings() } });
  return out;
}

describe('quickCheckConfigFile agrees with validateConfigFile', () => {
  const cases = files();

  it(`never passes what the schema refuses, and gives the schema's value (${cases.length} files)`, () => {
    let passed = 0;
    for (const raw of cases) {
      const quick = quickCheckConfigFile(raw);
      const full = validateConfigFile(raw);
      if (quick === undefined) continue;
      passed++;
      expect({ raw, ok: full.ok }).toEqual({ raw, ok: true });
      expect(quick).toStrictEqual((full as { value: unknown }).value);
    }
    expect(passed).toBeGreaterThan(50);
  });

  it('passes the usual valid configs (so start-up takes the fast path)', () => {
    expect(quickCheckConfigFile({ profiles: { p: base } })).toStrictEqual({ profiles: { p: base } });
    expect(quickCheckConfigFile({ defaultProfile: 'p', profiles: { p: { ...base, charset: 'GBK' } } })).toStrictEqual({
      defaultProfile: 'p',
      profiles: { p: { appId: base.appId, gateway: 'sandbox', charset: 'gbk', privateKeyFile: base.privateKeyFile, alipayPublicKeyFile: base.alipayPublicKeyFile } },
    });
  });
});

describe('quickCheckProfile agrees with validateProfile (the environment)', () => {
  it('never passes what the schema refuses, and gives the same value', () => {
    for (const raw of profiles()) {
      const quick = quickCheckProfile(raw);
      const full = validateProfile(raw, (key) => key);
      if (quick === undefined) continue;
      expect({ raw, ok: full.ok }).toEqual({ raw, ok: true });
      expect(quick).toStrictEqual((full as { value: unknown }).value);
    }
    expect(quickCheckProfile({})).toStrictEqual({});
  });
});
