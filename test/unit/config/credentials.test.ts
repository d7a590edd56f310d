import { createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError } from '../../../src/errors.js';
import {
  loadConfig,
  loadCredentials,
  NODE_SECRET_FS,
  readSecretFile,
  requireAlipayKey,
  requirePrivateKey,
  SIGNING_PARTS,
  VERIFYING_PARTS,
  type Credentials,
  type ResolvedProfile,
  type SecretFileSystem,
} from '../../../src/config/index.js';
import { tempDir, thrown, vector, writeFiles } from './helpers.js';

const nodeFs: SecretFileSystem = { ...NODE_SECRET_FS, checksPermissions: true };
const spki = (key: KeyObject) => (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' }).toString('base64');

/** A project whose .alipay-cardrc.json holds `profile`, with the given files beside it; returns the resolved profile. */
async function resolvedWith(profile: Record<string, unknown>, files: Record<string, string> = {}, env: Record<string, string> = {}, mode = 0o600) {
  const home = tempDir();
  writeFiles(home, files, mode);
  writeFiles(home, { '.alipay-cardrc.json': { profiles: { p: profile } } });
  const config = await loadConfig({ cwd: home, env, homeDir: home });
  return { home, profile: config.profile };
}

describe('loadCredentials: public key mode', () => {
  it.each(['app-private-key.pem', 'app-private-key-pkcs8.pem', 'app-private-key-no-wrapper.pem', 'app-private-key-pkcs8-no-wrapper.pem'])(
    'privateKeyFile %s and the Alipay public key load once, as KeyObjects',
    async (file) => {
      const { profile } = await resolvedWith(
        { privateKeyFile: `keys/${file}`, alipayPublicKeyFile: 'keys/alipay.pem' },
        { [`keys/${file}`]: vector(file), 'keys/alipay.pem': vector('alipay-public-key.pem') },
      );
      const credentials = loadCredentials(profile, nodeFs);
      expect(credentials.mode).toBe('key');
      expect(credentials.warnings).toEqual([]);
      expect(spki(requirePrivateKey(credentials))).toBe(spki(createPublicKey(vector('app-public-key.pem'))));
      expect(spki(requireAlipayKey(credentials))).toBe(spki(createPublicKey(vector('alipay-public-key.pem'))));
    },
  );

  it('takes inline keys from the environment (a bare private key, a PEM public key)', async () => {
    const { profile } = await resolvedWith({}, {}, {
      ALIPAY_PRIVATE_KEY: vector('app-private-key-pkcs8-no-wrapper.pem'),
      ALIPAY_PUBLIC_KEY: vector('alipay-public-key.pem'),
    });
    const credentials = loadCredentials(profile, nodeFs);
    expect(credentials.privateKey?.asymmetricKeyType).toBe('rsa');
    expect(credentials.alipayPublicKey?.asymmetricKeyType).toBe('rsa');
  });

  it("accepts a certificate as the Alipay public key (the cert's key is used)", async () => {
    const { profile } = await resolvedWith({ alipayPublicKeyFile: 'alipay.crt' }, { 'alipay.crt': vector('alipayCertPublicKey_RSA2.crt') });
    expect(loadCredentials(profile, nodeFs).alipayPublicKey?.asymmetricKeyType).toBe('rsa');
  });

  it('warns, as ssh does, when a private key file is readable by group or others', async () => {
    const { home, profile } = await resolvedWith({ privateKeyFile: 'app.pem' }, { 'app.pem': vector('app-private-key.pem') }, {}, 0o640);
    const path = join(home, 'app.pem');
    expect(loadCredentials(profile, nodeFs).warnings).toEqual([
      `permissions 0640 for '${path}' are too open: it holds a secret that other users can read; run chmod 600 ${path}`,
    ]);
  });

  it('does not check the permissions of public keys and certificates', async () => {
    const { profile } = await resolvedWith({ alipayPublicKeyFile: 'alipay.pem' }, { 'alipay.pem': vector('alipay-public-key.pem') }, {}, 0o644);
    expect(loadCredentials(profile, nodeFs).warnings).toEqual([]);
  });

  it('warns when the Alipay public key is the app\'s own public key', async () => {
    const { profile } = await resolvedWith(
      { privateKeyFile: 'app.pem', alipayPublicKeyFile: 'mine.pem' },
      { 'app.pem': vector('app-private-key.pem'), 'mine.pem': vector('app-public-key.pem') },
    );
    expect(loadCredentials(profile, nodeFs).warnings[0]).toContain('the Alipay public key is your own app public key');
    // keys check reports it as a failed check of its own, not also as a warning.
    expect(loadCredentials(profile, nodeFs, undefined, { mismatchWarnings: false }).warnings).toEqual([]);
  });
});

describe('loadCredentials: certificate mode', () => {
  const sign = JSON.parse(vector('cert-mode-sign.json')) as { privateKey: string; appCertSn: string; alipayRootCertSn: string };

  it('computes app_cert_sn and alipay_root_cert_sn of the published vector', async () => {
    const { profile } = await resolvedWith(
      { privateKeyFile: 'app.key', appCertFile: 'certs/app.crt', alipayCertFile: 'certs/alipay.crt', alipayRootCertFile: 'certs/root.crt' },
      {
        'app.key': sign.privateKey,
        'certs/app.crt': vector('cert-mode-alipayAppPublicCert.crt'),
        'certs/alipay.crt': vector('cert-mode-alipayPublicCert.crt'),
        'certs/root.crt': vector('cert-mode-alipayRootCert.crt'),
      },
    );
    const credentials = loadCredentials(profile, nodeFs);
    expect(credentials.mode).toBe('cert');
    expect(credentials.appCertSn).toBe(sign.appCertSn);
    expect(credentials.alipayRootCertSn).toBe(sign.alipayRootCertSn);
    expect(credentials.alipayCerts).toHaveLength(2);
    expect(requireAlipayKey(credentials)).toBe(credentials.alipayCerts![0]!.publicKey);
    expect(credentials.warnings).toEqual([]);
  });

  it('names a private key given where a certificate belongs', async () => {
    const { home, profile } = await resolvedWith(
      { appCertFile: 'app.crt', alipayCertFile: 'alipay.crt', alipayRootCertFile: 'root.crt' },
      { 'app.crt': vector('app-private-key.pem'), 'alipay.crt': vector('alipayCertPublicKey_RSA2.crt'), 'root.crt': vector('alipayRootCert.crt') },
    );
    const error = thrown(() => loadCredentials(profile, nodeFs)) as ConfigError;
    expect(error.message).toBe(`${join(home, 'app.crt')}: expected a certificate (BEGIN CERTIFICATE), found a private key (BEGIN RSA PRIVATE KEY)`);
    expect(error.hint).toContain('set by profiles.p.appCertFile in');
  });

  it('warns when the app cert was issued for another key', async () => {
    const { profile } = await resolvedWith(
      { privateKeyFile: 'app.pem', appCertFile: 'app.crt', alipayCertFile: 'alipay.crt', alipayRootCertFile: 'root.crt' },
      {
        'app.pem': vector('app-private-key.pem'),
        'app.crt': vector('appCertPublicKey_2021001161683774.crt'),
        'alipay.crt': vector('alipayCertPublicKey_RSA2.crt'),
        'root.crt': vector('alipayRootCert.crt'),
      },
    );
    expect(loadCredentials(profile, nodeFs).warnings).toEqual([expect.stringContaining('the app cert (appCertFile) does not carry the public key of the private key')]);
  });
});

describe('loadCredentials: errors', () => {
  it('a public key given as privateKeyFile is named as such', async () => {
    const { home, profile } = await resolvedWith({ privateKeyFile: 'keys/app.pem' }, { 'keys/app.pem': vector('app-public-key.pem') });
    const error = thrown(() => loadCredentials(profile, nodeFs));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      `${join(home, 'keys', 'app.pem')}: expected an RSA private key (PEM PKCS#1, PEM PKCS#8 or bare base64), found a public key (BEGIN PUBLIC KEY)`,
    );
  });

  it('a missing key file names the path, the OS reason and the setting that named it', async () => {
    const { home, profile } = await resolvedWith({ privateKeyFile: 'keys/missing.pem' });
    const error = thrown(() => loadCredentials(profile, nodeFs)) as ConfigError;
    expect(error.message).toBe(`cannot read ${join(home, 'keys', 'missing.pem')}: no such file (ENOENT)`);
    expect(error.hint).toBe(
      `set by profiles.p.privateKeyFile in ${join(home, '.alipay-cardrc.json')}; relative paths are resolved from the config file's directory`,
    );
  });

  it('an env key file is resolved from the working directory, and its hint says so', async () => {
    const { home, profile } = await resolvedWith({}, {}, { ALIPAY_PRIVATE_KEY_FILE: 'nope.pem' });
    const error = thrown(() => loadCredentials(profile, nodeFs)) as ConfigError;
    expect(error.message).toBe(`cannot read ${join(home, 'nope.pem')}: no such file (ENOENT)`);
    expect(error.hint).toBe('set by ALIPAY_PRIVATE_KEY_FILE; relative paths are resolved from the working directory');
  });

  it('an empty inline key from the environment is "an empty value" named by its variable', () => {
    const profile: ResolvedProfile = {
      gateway: 'local', gatewayUrl: undefined, signType: 'RSA2', charset: 'utf-8', timeoutMs: 1,
      privateKey: { kind: 'inline', value: ' ', origin: 'env ALIPAY_PRIVATE_KEY', setting: 'ALIPAY_PRIVATE_KEY' },
    };
    expect(thrown(() => loadCredentials(profile, nodeFs)).message).toBe(
      'ALIPAY_PRIVATE_KEY: expected an RSA private key (PEM PKCS#1, PEM PKCS#8 or bare base64), found an empty value',
    );
  });

  it('reports every unusable key at once', async () => {
    const { profile } = await resolvedWith(
      { privateKeyFile: 'a.pem', alipayPublicKeyFile: 'b.pem' },
      { 'a.pem': '', 'b.pem': vector('app-private-key.pem') },
    );
    const message = thrown(() => loadCredentials(profile, nodeFs)).message;
    expect(message.split('\n')).toEqual([
      '2 keys or certificates cannot be used:',
      expect.stringMatching(/a\.pem: expected an RSA private key .*, found an empty file$/),
      expect.stringMatching(/b\.pem: expected an RSA public key .*, found a private key \(BEGIN RSA PRIVATE KEY\)$/),
    ]);
  });

  it('reads and checks encryptKeyFile', async () => {
    const key = Buffer.alloc(16, 1).toString('base64');
    const ok = await resolvedWith({ encryptKeyFile: 'aes.key' }, { 'aes.key': `${key}\n` });
    expect(loadCredentials(ok.profile, nodeFs).encryptKey).toBe(key);
    const bad = await resolvedWith({ encryptKeyFile: 'aes.key' }, { 'aes.key': 'not-a-key' });
    expect(thrown(() => loadCredentials(bad.profile, nodeFs)).message).toBe(
      `${join(bad.home, 'aes.key')}: expected a base64 AES-128 key (24 characters ending "=="), found 9 characters that are not one`,
    );
  });
});

describe('requirePrivateKey / requireAlipayKey', () => {
  const none: Credentials = { mode: 'key', warnings: [] };
  it('throw a ConfigError with a hint when nothing is configured', () => {
    const noPrivate = thrown(() => requirePrivateKey(none)) as ConfigError;
    expect(noPrivate).toBeInstanceOf(ConfigError);
    expect(noPrivate.hint).toContain('run `alipay-card config init` or set ALIPAY_PRIVATE_KEY_FILE');
    const noAlipay = thrown(() => requireAlipayKey(none)) as ConfigError;
    expect(noAlipay).toBeInstanceOf(ConfigError);
    expect(noAlipay.hint).toContain('ALIPAY_PUBLIC_KEY_FILE');
  });
});

describe('readSecretFile', () => {
  const fakeFs = (mode: number, text = 'secret'): SecretFileSystem => ({
    readUpTo: () => Buffer.from(text),
    statSync: () => ({ mode }),
    checksPermissions: true,
  });

  it.each([
    [0o100600, undefined],
    [0o100400, undefined],
    [0o100640, "permissions 0640 for '/k/app.pem' are too open: it holds a secret that other users can read; run chmod 600 /k/app.pem"],
    [0o100604, "permissions 0604 for '/k/app.pem' are too open: it holds a secret that other users can read; run chmod 600 /k/app.pem"],
  ])('mode %o → warning %s', (mode, warning) => {
    expect(readSecretFile('/k/app.pem', fakeFs(mode))).toEqual(warning === undefined ? { text: 'secret' } : { text: 'secret', warning });
  });

  it('quotes a path with spaces in the chmod advice, and skips the check where modes mean nothing', () => {
    expect(readSecretFile('/my keys/app.pem', fakeFs(0o100644)).warning).toContain("run chmod 600 '/my keys/app.pem'");
    expect(readSecretFile('/k/app.pem', { ...fakeFs(0o100644), checksPermissions: false })).toEqual({ text: 'secret' });
  });

  it('asks for at most 64 KiB and a byte, and refuses a file that has more, naming it and the cap', () => {
    const asked: number[] = [];
    const fs: SecretFileSystem = { ...fakeFs(0o100600), readUpTo: (_path, maxBytes) => (asked.push(maxBytes), Buffer.alloc(maxBytes, 0x41)) };
    const error = thrown(() => readSecretFile('/dev/urandom', fs));
    expect(asked).toEqual([64 * 1024 + 1]);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('cannot read /dev/urandom: it is larger than 64 KiB, the most read for a key or certificate file');
    expect(readSecretFile('/k/app.pem', { ...fs, readUpTo: () => Buffer.alloc(64 * 1024, 0x41) }).text).toHaveLength(64 * 1024);
  });

  it('names the path and the reason when the file cannot be read', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const error = thrown(() => readSecretFile('/k/app.pem', { ...fakeFs(0o100600), readUpTo: () => { throw denied; } }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('cannot read /k/app.pem: permission denied (EACCES)');
    const dir = tempDir();
    expect(thrown(() => readSecretFile(dir, nodeFs)).message).toBe(`cannot read ${dir}: it is a directory, not a file (EISDIR)`);
  });
});

describe('loadCredentials: only the parts a command asks for', () => {
  const broken = '-----BEGIN PUBLIC KEY-----\nbroken\n-----END PUBLIC KEY-----\n';

  it('SIGNING_PARTS skips a broken Alipay public key, ALL reports it', async () => {
    const { profile } = await resolvedWith(
      { privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' },
      { 'app.pem': vector('app-private-key.pem'), 'alipay.pem': broken },
    );
    const credentials = loadCredentials(profile, nodeFs, SIGNING_PARTS);
    expect(spki(requirePrivateKey(credentials))).toBe(spki(createPublicKey(vector('app-public-key.pem'))));
    expect(credentials.alipayPublicKey).toBeUndefined();
    expect(thrown(() => loadCredentials(profile, nodeFs))).toBeInstanceOf(ConfigError);
  });

  it('VERIFYING_PARTS skips a broken private key and still finds the Alipay key', async () => {
    const { profile } = await resolvedWith(
      { privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' },
      { 'app.pem': broken.replaceAll('PUBLIC', 'PRIVATE'), 'alipay.pem': vector('alipay-public-key.pem') },
    );
    const credentials = loadCredentials(profile, nodeFs, VERIFYING_PARTS);
    expect(credentials.privateKey).toBeUndefined();
    expect(spki(requireAlipayKey(credentials))).toBe(spki(createPublicKey(vector('alipay-public-key.pem'))));
  });

  it('in certificate mode, signing reads the app cert and root cert SNs but not the Alipay cert', async () => {
    const certVector = JSON.parse(vector('cert-mode-sign.json')) as { privateKey: string; appCertSn: string; alipayRootCertSn: string };
    const { profile } = await resolvedWith(
      { privateKeyFile: 'app.key', appCertFile: 'app.crt', alipayCertFile: 'alipay.crt', alipayRootCertFile: 'root.crt' },
      { 'app.key': certVector.privateKey, 'app.crt': vector('cert-mode-alipayAppPublicCert.crt'), 'alipay.crt': 'not a cert', 'root.crt': vector('cert-mode-alipayRootCert.crt') },
    );
    const credentials = loadCredentials(profile, nodeFs, SIGNING_PARTS);
    expect(credentials).toMatchObject({ mode: 'cert', appCertSn: certVector.appCertSn, alipayRootCertSn: certVector.alipayRootCertSn });
    expect(credentials.alipayCerts).toBeUndefined();
    expect(thrown(() => loadCredentials(profile, nodeFs, VERIFYING_PARTS)).message).toContain('alipay.crt');
  });
});
