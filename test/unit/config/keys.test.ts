import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ConfigError } from '../../../src/errors.js';
import { parsePrivateKey, parsePublicKey } from '../../../src/config/index.js';
import { mayBePrivateKey } from '../../../src/config/keys.js';
import { thrown, vector } from './helpers.js';

const spki = (key: KeyObject) => (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' }).toString('base64');
const pkcs8 = (key: KeyObject) => key.export({ format: 'der', type: 'pkcs8' }).toString('base64');

const PRIVATE_FORMS = [
  'app-private-key.pem',
  'app-private-key-pkcs8.pem',
  'app-private-key-no-wrapper.pem',
  'app-private-key-pkcs8-no-wrapper.pem',
];

describe('parsePrivateKey', () => {
  const reference = parsePrivateKey(vector('app-private-key.pem'), 'app-private-key.pem');

  it.each(PRIVATE_FORMS)('reads %s as the same RSA key', (file) => {
    const key = parsePrivateKey(vector(file), file);
    expect(key.type).toBe('private');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(pkcs8(key)).toBe(pkcs8(reference));
  });

  it('matches the published public key', () => {
    expect(spki(reference)).toBe(spki(parsePublicKey(vector('app-public-key.pem'), 'app-public-key.pem')));
  });

  it.each([
    ['bare base64 wrapped at 64 columns', (t: string) => t.trim().match(/.{1,64}/g)!.join('\n')],
    ['CRLF line ends and a BOM', (t: string) => `\uFEFF${t.replace(/\n/g, '\r\n')}`],
    ['a PEM pasted into a CI secret with literal \\n', (t: string) => t.trim().replace(/\n/g, '\\n')],
    ['a PEM body on one line', (t: string) => t.replace(/\n(?!-----)/g, '').replace(/-----MII/, '-----\nMII')],
  ])('accepts %s', (_name, mangle) => {
    const source = _name.startsWith('bare') ? vector('app-private-key-pkcs8-no-wrapper.pem') : vector('app-private-key.pem');
    expect(pkcs8(parsePrivateKey(mangle(source), 'k'))).toBe(pkcs8(reference));
  });

  it('takes the key from a file that also holds a certificate', () => {
    const text = `${vector('appCertPublicKey_2021001161683774.crt')}\n${vector('app-private-key-pkcs8.pem')}`;
    expect(pkcs8(parsePrivateKey(text, 'bundle.pem'))).toBe(pkcs8(reference));
  });

  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecPem = ec.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const encrypted = generateKeyPairSync('rsa', {
    modulusLength: 1024,
    privateKeyEncoding: { format: 'pem', type: 'pkcs8', cipher: 'aes-128-cbc', passphrase: 'pw' },
    publicKeyEncoding: { format: 'pem', type: 'spki' },
  }).privateKey;
  const legacyEncrypted = generateKeyPairSync('rsa', {
    modulusLength: 1024,
    privateKeyEncoding: { format: 'pem', type: 'pkcs1', cipher: 'aes-128-cbc', passphrase: 'pw' },
    publicKeyEncoding: { format: 'pem', type: 'spki' },
  }).privateKey;
  const truncated = vector('app-private-key.pem').slice(0, 900);

  it.each<[string, string, string, string?]>([
    ['a PEM public key', vector('app-public-key.pem'), 'found a public key (BEGIN PUBLIC KEY)', '应用私钥'],
    ['a bare public key', vector('app-public-key-no-wrapper.pem'), 'found a public key (bare base64)', undefined],
    ['a certificate', vector('appCertPublicKey_2021001161683774.crt'), 'found a certificate (BEGIN CERTIFICATE)', undefined],
    ['an empty file', '', 'found an empty file', undefined],
    ['a file of blanks', ' \n\n', 'found an empty file', undefined],
    ['text that is not base64', 'not a key: see README\n', 'found text that is not base64 (first unexpected character at line 1, column 10)', undefined],
    ['base64 cut short', vector('app-private-key-no-wrapper.pem').trim().slice(0, 101), 'which is not a multiple of 4', undefined],
    ['base64 that is no key', Buffer.from('hello world, no DER here').toString('base64'), 'found base64 that is neither a PKCS#8 nor a PKCS#1 private key', undefined],
    ['a truncated PEM', truncated, 'found a truncated PEM block (BEGIN RSA PRIVATE KEY with no matching END line)', undefined],
    ['a damaged PEM body', vector('app-private-key.pem').replace(/MIIE/, 'MIIA'), 'that does not parse (corrupted or truncated)', undefined],
    ['an EC key', ecPem, 'found an EC key (BEGIN PRIVATE KEY)', 'RSA only'],
    ['an encrypted PKCS#8 key', encrypted, 'found a passphrase-protected private key (BEGIN ENCRYPTED PRIVATE KEY)', 'openssl pkey'],
    ['an encrypted PKCS#1 key', legacyEncrypted, 'found a passphrase-protected private key (Proc-Type: 4,ENCRYPTED)', 'openssl pkey'],
    ['two private keys', `${vector('app-private-key.pem')}\n${vector('app-private-key-pkcs8.pem')}`, 'found 2 private keys', undefined],
  ])('rejects %s, naming the origin and what it found', (_name, text, found, hint) => {
    const error = thrown(() => parsePrivateKey(text, 'keys/app.pem'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('keys/app.pem: expected an RSA private key (PEM PKCS#1, PEM PKCS#8 or bare base64), found ');
    expect(error.message).toContain(found);
    if (hint) expect((error as ConfigError).hint).toContain(hint);
  });

  it('says "an empty value" for an env var or a flag', () => {
    expect(thrown(() => parsePrivateKey('', 'ALIPAY_PRIVATE_KEY')).message).toBe(
      'ALIPAY_PRIVATE_KEY: expected an RSA private key (PEM PKCS#1, PEM PKCS#8 or bare base64), found an empty value',
    );
  });

  it('never puts key material in a message', () => {
    const bare = vector('app-private-key-no-wrapper.pem').trim();
    const damaged = `${bare.slice(0, 500)}!${bare.slice(500)}`;
    const messages = [
      thrown(() => parsePrivateKey(damaged, 'k')).message,
      thrown(() => parsePrivateKey(bare.slice(0, 801), 'k')).message,
      thrown(() => parsePublicKey(vector('app-private-key.pem'), 'k')).message,
    ];
    for (const message of messages) {
      expect(message).not.toMatch(/[A-Za-z0-9+/]{16,}/);
    }
  });
});

describe('parsePublicKey', () => {
  const appPublic = spki(parsePublicKey(vector('app-public-key.pem'), 'x'));

  it.each(['app-public-key.pem', 'app-public-key-no-wrapper.pem'])('reads %s', (file) => {
    expect(spki(parsePublicKey(vector(file), file))).toBe(appPublic);
  });

  it('reads alipay-public-key.pem (another key)', () => {
    const key = parsePublicKey(vector('alipay-public-key.pem'), 'alipay-public-key.pem');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(spki(key)).not.toBe(appPublic);
  });

  it('reads a PEM PKCS#1 public key (BEGIN RSA PUBLIC KEY)', () => {
    const pkcs1 = parsePublicKey(vector('app-public-key.pem'), 'x').export({ format: 'pem', type: 'pkcs1' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PUBLIC KEY');
    expect(spki(parsePublicKey(pkcs1, 'x'))).toBe(appPublic);
  });

  it.each(['appCertPublicKey_2021001161683774.crt', 'alipayCertPublicKey_RSA2.crt', 'cert-mode-alipayPublicCert.crt'])(
    'takes the key of the certificate %s',
    (file) => {
      expect(parsePublicKey(vector(file), file).asymmetricKeyType).toBe('rsa');
    },
  );

  it('takes the key of a bare base64 DER certificate', () => {
    const body = vector('appCertPublicKey_2021001161683774.crt').replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    expect(spki(parsePublicKey(body, 'x'))).toBe(spki(parsePublicKey(vector('appCertPublicKey_2021001161683774.crt'), 'y')));
  });

  it.each<[string, string, string]>([
    ['a PEM private key', vector('app-private-key.pem'), 'found a private key (BEGIN RSA PRIVATE KEY)'],
    ['a bare PKCS#1 private key', vector('app-private-key-no-wrapper.pem'), 'found a private key (bare base64)'],
    ['a bare PKCS#8 private key', vector('app-private-key-pkcs8-no-wrapper.pem'), 'found a private key (bare base64)'],
    ['an empty file', '', 'found an empty file'],
    ['text that is not base64', '{"not": "a key"}', 'found text that is not base64'],
  ])('rejects %s', (_name, text, found) => {
    const error = thrown(() => parsePublicKey(text, 'keys/alipay.pem'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('keys/alipay.pem: expected an RSA public key (PEM, bare base64 or a certificate), found ');
    expect(error.message).toContain(found);
  });

  it('tries a bare key as a private one only when its DER may be one (a SEQUENCE that begins with an INTEGER)', () => {
    const der = (file: string) => Buffer.from(vector(file).replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
    expect(mayBePrivateKey(der('app-public-key-no-wrapper.pem'))).toBe(false);
    expect(mayBePrivateKey(der('appCertPublicKey_2021001161683774.crt'))).toBe(false);
    expect(mayBePrivateKey(der('app-private-key-no-wrapper.pem'))).toBe(true);
    expect(mayBePrivateKey(der('app-private-key-pkcs8-no-wrapper.pem'))).toBe(true);
    // A short form length, and what it cannot read.
    expect(mayBePrivateKey(Uint8Array.from([0x30, 0x03, 0x30, 0x01, 0x00]))).toBe(false);
    expect(mayBePrivateKey(Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x00]))).toBe(true);
    expect(mayBePrivateKey(Uint8Array.from([0x30]))).toBe(true);
    expect(mayBePrivateKey(Uint8Array.from([0x04, 0x01, 0x00]))).toBe(true);
  });

  it('rejects a non-RSA public key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(thrown(() => parsePublicKey(ec, 'k')).message).toContain('found an EC key');
  });
});

describe('key strength and kind', () => {
  const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits });

  it.each([512, 1024])('refuses a %i-bit RSA key, private or public (exit 3)', (bits) => {
    const pair = rsa(bits);
    const privatePem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const error = thrown(() => parsePrivateKey(privatePem, 'keys/app.pem')) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`keys/app.pem: expected an RSA private key (PEM PKCS#1, PEM PKCS#8 or bare base64) of at least 2048 bits, found a ${bits}-bit RSA key (BEGIN PRIVATE KEY)`);
    expect(error.hint).toContain('alipay-card keys generate');
    const bare = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(thrown(() => parsePublicKey(bare, 'ALIPAY_PUBLIC_KEY')).message).toContain(`of at least 2048 bits, found a ${bits}-bit RSA key (bare base64)`);
  });

  it('reads 2048 and 4096 bits', () => {
    expect(parsePrivateKey(rsa(4096).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), 'k').asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect(parsePrivateKey(vector('app-private-key.pem'), 'k').asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it.each<[string, () => KeyObject, string]>([
    ['DSA', () => generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey, 'found a DSA key (BEGIN PRIVATE KEY)'],
    ['Ed25519', () => generateKeyPairSync('ed25519').privateKey, 'found an Ed25519 key (BEGIN PRIVATE KEY)'],
  ])('names a %s key with its article', (_name, make, found) => {
    expect(thrown(() => parsePrivateKey(make().export({ format: 'pem', type: 'pkcs8' }).toString(), 'k')).message).toContain(found);
  });

  it("asks for the app's public key where the app's is meant, Alipay's elsewhere", () => {
    const app = thrown(() => parsePublicKey(vector('app-private-key.pem'), 'app.pem', 'file', 'app')) as ConfigError;
    expect(app.hint).toContain("the app's public key (应用公钥)");
    expect(app.hint).not.toContain('Alipay');
    expect((thrown(() => parsePublicKey(vector('app-private-key.pem'), 'alipay.pem')) as ConfigError).hint).toContain("Alipay's public key (支付宝公钥)");
  });
});
