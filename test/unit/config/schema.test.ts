import { validateConfigFile } from '../../../src/config/schema.js';

const problemsOf = (raw: unknown): string[] => {
  const result = validateConfigFile(raw);
  if (result.ok) return [];
  return result.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
};

describe('config file schema', () => {
  it('accepts the example of DESIGN section 2 and normalises the charset', () => {
    const result = validateConfigFile({
      defaultProfile: 'sandbox',
      profiles: {
        sandbox: {
          appId: '2021000000000000',
          gateway: 'sandbox',
          signType: 'RSA2',
          charset: 'UTF-8',
          privateKeyFile: 'keys/app_private_key.pem',
          alipayPublicKeyFile: 'keys/alipay_public_key.pem',
        },
      },
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.profiles.sandbox!.charset).toBe('utf-8');
  });

  it.each([
    ['https://proxy.example.com/gateway.do'],
    ['http://127.0.0.1:8080/gateway.do'],
    ['production'],
    ['local'],
  ])('accepts gateway %s', (gateway) => {
    expect(problemsOf({ profiles: { a: { gateway } } })).toEqual([]);
  });

  it('reports every problem at once, each with its path', () => {
    expect(
      problemsOf({
        defaultProfile: 'prod',
        profiles: {
          sandbox: {
            appId: 2021000000000000,
            signType: 'RSA3',
            charset: 'latin1',
            gateway: 'prodution',
            privatekeyFile: 'keys/app.pem',
            timeoutMs: 1.5,
          },
          production: {
            appId: '2021x',
            privateKey: 'secret-value-never-shown',
            privateKeyFile: 'keys/app.pem',
            appCertFile: 'app.crt',
            alipayPublicKeyFile: 'alipay.pem',
            encryptKey: 'tooshort',
            colour: 'red',
          },
          broken: 'not an object',
        },
        extra: true,
      }),
    ).toEqual([
      'defaultProfile: "prod" is not a profile in this file (profiles: sandbox, production, broken); did you mean "production"?',
      'extra: unknown key (known keys: defaultProfile, profiles, lang)',
      'profiles.broken: expected a profile (an object of settings), got a string of 13 characters',
      'profiles.production: privateKey and privateKeyFile are both set; keep one',
      'profiles.production: certificate mode needs appCertFile, alipayCertFile and alipayRootCertFile together; missing alipayCertFile, alipayRootCertFile',
      "profiles.production: alipayPublicKeyFile cannot be combined with certificate mode (appCertFile): there Alipay's key comes from alipayCertFile",
      'profiles.production.appId: expected a string of digits (the 16-digit app ID), got "2021x"',
      'profiles.production.colour: unknown key (known keys: appId, gateway, signType, charset, privateKey, privateKeyFile, alipayPublicKey, alipayPublicKeyFile, appCertFile, alipayCertFile, alipayRootCertFile, encryptKey, encryptKeyFile, appAuthToken, timeoutMs)',
      'profiles.production.encryptKey: expected a base64 AES-128 key (24 characters ending "=="), got a string of 8 characters',
      'profiles.sandbox.appId: expected a string of digits, got number 2021000000000000: quote it ("2021000000000000"), a JSON number loses digits',
      'profiles.sandbox.charset: expected "utf-8", "gbk" or "gb2312", got "latin1"',
      'profiles.sandbox.gateway: expected "production", "sandbox", "local" or an http(s) URL, got "prodution"; did you mean "production"?',
      'profiles.sandbox.privatekeyFile: unknown key; did you mean "privateKeyFile"?',
      'profiles.sandbox.signType: expected "RSA2" or "RSA", got "RSA3"; did you mean "RSA2"?',
      'profiles.sandbox.timeoutMs: expected a whole number of milliseconds from 1 to 600000 (10 minutes), got number 1.5',
    ]);
  });

  it('never shows a secret value it rejects', () => {
    const messages = problemsOf({ profiles: { a: { privateKey: '', appAuthToken: 42, encryptKey: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=' } } }).join('\n');
    expect(messages).toContain('profiles.a.privateKey: expected the private key text (PEM or bare base64), got an empty string');
    expect(messages).toContain('profiles.a.encryptKey: expected a base64 AES-128 key (24 characters ending "=="), got a string of 28 characters');
    expect(messages).not.toContain('c2VjcmV0');
  });

  it('reports every unknown key of an object, each with its did-you-mean, never its value (strictObject stopped at the first)', () => {
    expect(problemsOf({ profiles: { p: { appid: '1', gatway: 'x', sign_type: 'RSA2', private_key: 'MIIEsecret', colour: 'red' } }, defaultprofile: 'p', extra: 1 })).toEqual([
      'defaultprofile: unknown key; did you mean "defaultProfile"?',
      'extra: unknown key (known keys: defaultProfile, profiles, lang)',
      'profiles.p.appid: unknown key; did you mean "appId"?',
      'profiles.p.colour: unknown key (known keys: appId, gateway, signType, charset, privateKey, privateKeyFile, alipayPublicKey, alipayPublicKeyFile, appCertFile, alipayCertFile, alipayRootCertFile, encryptKey, encryptKeyFile, appAuthToken, timeoutMs)',
      'profiles.p.gatway: unknown key; did you mean "gateway"?',
      'profiles.p.private_key: unknown key; did you mean "privateKey"?',
      'profiles.p.sign_type: unknown key; did you mean "signType"?',
    ]);
  });

  // `-c aes_key` reads a key file as a YAML config: one string, the key, printed whole.
  it.each<[unknown, string]>([
    ['q1w2e3r4t5y6u7i8o9p0Aw==', 'expected an object with "profiles" (and optionally "defaultProfile"), got a string of 24 characters'],
    [20211234, 'expected an object with "profiles" (and optionally "defaultProfile"), got a number'],
    [{ profiles: 'q1w2e3r4t5y6u7i8o9p0Aw==' }, 'profiles: expected an object of profiles by name, got a string of 24 characters'],
    [{ profiles: { p: 'q1w2e3r4t5y6u7i8o9p0Aw==' } }, 'profiles.p: expected a profile (an object of settings), got a string of 24 characters'],
  ])('a config, its profiles or a profile that is not an object (%j) is described by its kind and length only', (raw, expected) => {
    expect(problemsOf(raw)).toEqual([expected]);
  });

  it.each<[unknown, string[]]>([
    [{}, ['profiles: required but missing']],
    [[], ['expected an object with "profiles" (and optionally "defaultProfile"), got an array']],
    ['profiles: x', ['expected an object with "profiles" (and optionally "defaultProfile"), got a string of 11 characters']],
    [{ profiles: [] }, ['profiles: expected an object of profiles by name, got an array']],
    [{ profiles: { a: { signType: 'rsa2' } } }, ['profiles.a.signType: expected "RSA2" or "RSA", got "rsa2"; did you mean "RSA2"?']],
    [{ profiles: { 'my prod': { timeoutMs: 0 } } }, ['profiles["my prod"].timeoutMs: expected a whole number of milliseconds from 1 to 600000 (10 minutes), got number 0']],
    // Past 2^31 - 1 ms Node's timers fire after 1 ms: bounded where it is parsed.
    [{ profiles: { a: { timeoutMs: 9999999999 } } }, ['profiles.a.timeoutMs: expected a whole number of milliseconds from 1 to 600000 (10 minutes), got number 9999999999']],
    [{ profiles: JSON.parse('{"__proto__":{}}') }, ['profiles.__proto__: "__proto__" cannot be a profile name (JavaScript reserves it); rename the profile']],
    [{ defaultProfile: 'constructor', profiles: { constructor: {} } }, ['profiles.constructor: "constructor" cannot be a profile name (JavaScript reserves it); rename the profile']],
    [{ profiles: { a: { privateKeyFile: '' } } }, ['profiles.a.privateKeyFile: expected a file path, got ""']],
  ])('reports %j as %j', (raw, expected) => {
    expect(problemsOf(raw)).toEqual(expected);
  });

  it('accepts certificate mode with its three files, and encryptKey as base64 of 16 bytes', () => {
    expect(
      problemsOf({
        profiles: {
          cert: { appCertFile: 'a.crt', alipayCertFile: 'b.crt', alipayRootCertFile: 'c.crt', privateKeyFile: 'k.pem', encryptKey: Buffer.alloc(16, 7).toString('base64') },
        },
      }),
    ).toEqual([]);
  });
});
