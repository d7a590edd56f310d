// Keys, certificates and the files that hold them (src/config: keys, pem, credentials, secret-file,
// profile-files; the local app's key): what is wrong with one, and what to do.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // An OS error by its code (secret-file.ts osReasonText): `no such file (ENOENT)`.
  osReason: (p: { reason: string; code: string }) => `${p.reason} (${p.code})`,
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',

  cannotReadFile: (p: { path: string; reason: string }) => `cannot read ${p.path}: ${p.reason}`,
  aKeyOrCertificateFile: 'a key or certificate file',
  aKeyFile: 'a key file',
  aCertificateFile: 'a certificate file',
  anAesKeyFile: 'an AES key file',
  permissionsTooOpen: (p: { mode: string; path: string; command: string }) =>
    `permissions ${p.mode} for '${p.path}' are too open: it holds a secret that other users can read; run ${p.command}`,

  // A key that does not parse (keys.ts): `<origin>: expected …, found …`.
  keyProblem: (p: { origin: string; expected: string; found: string }) => `${p.origin}: ${p.expected}, found ${p.found}`,
  expectPrivate: 'expected an RSA private key (PEM PKCS#1, PEM PKCS#8 or bare base64)',
  expectPublic: 'expected an RSA public key (PEM, bare base64 or a certificate)',
  expectAtLeastBits: (p: { expected: string; bits: number }) => `${p.expected} of at least ${p.bits} bits`,
  expectAesKey: 'expected a base64 AES-128 key (24 characters ending "==")',
  expectCertificate: 'expected a certificate (BEGIN CERTIFICATE)',
  foundEmptyFile: 'an empty file',
  foundEmptyValue: 'an empty value',
  foundTruncatedPem: (p: { label: string }) => `a truncated PEM block (BEGIN ${p.label} with no matching END line)`,
  foundPrivateKeys: (p: { count: number }) => `${p.count} private keys`,
  foundEncryptedPem: 'a passphrase-protected private key (Proc-Type: 4,ENCRYPTED)',
  foundUnparsable: (p: { what: string }) => `${p.what} that does not parse (corrupted or truncated)`,
  foundBodyNotBase64: (p: { what: string }) => `${p.what} whose body is not base64`,
  foundPublicKeyBare: 'a public key (bare base64)',
  foundCertificateBare: 'a certificate (bare base64)',
  foundPrivateKeyBare: 'a private key (bare base64)',
  foundNeitherPrivate: 'base64 that is neither a PKCS#8 nor a PKCS#1 private key',
  foundNeitherPublic: 'base64 that is neither an SPKI public key nor a certificate',
  foundKeyInForm: (p: { what: string; form: string }) => `${p.what} (${p.form})`,
  foundRsaBits: (p: { bits: number; form: string }) => `a ${p.bits}-bit RSA key (${p.form})`,
  foundNoPemBlock: 'no PEM block',
  foundNotAesKey: (p: { count: number }) => `${p.count} characters that are not one`,
  formBareBase64: 'bare base64',
  keyTypeDsa: 'a DSA key',
  keyTypeDh: 'a Diffie-Hellman key',
  keyTypeEc: 'an EC key',
  keyTypeEd25519: 'an Ed25519 key',
  keyTypeEd448: 'an Ed448 key',
  keyTypeX25519: 'an X25519 key',
  keyTypeX448: 'an X448 key',
  keyTypeRsaPss: 'an RSA-PSS key (RSA2 is PKCS#1 v1.5)',
  keyTypeOther: (p: { type: string }) => `a key of type ${p.type}`,
  keyTypeUnknown: 'a key of type unknown',
  onePrivateKeyHint: 'keep one private key per file',
  decryptHint: 'alipay-card reads unencrypted keys only: write a decrypted copy with `openssl pkey -in <file> -out <new file>` and chmod 600 it',
  opensshHint: 'convert a copy to PEM: `ssh-keygen -p -m PEM -f <copy>` (and it must be an RSA key)',
  wantPrivateHint: 'this setting takes the app private key (应用私钥) that signs requests; public keys and certificates go in alipayPublicKey / the cert settings',
  wantAppPublicHint: "this takes the app's public key (应用公钥), the one uploaded to the open platform console, never a private key: `openssl pkey -in <private key> -pubout` prints it",
  wantAlipayPublicHint: "this setting takes Alipay's public key (支付宝公钥) as shown in the open platform console, never a private key",
  rsaOnlyHint: 'Alipay signs with RSA only (RSA2 = SHA256withRSA): generate a 2048-bit pair with `alipay-card keys generate`',
  shortKeyHint: (p: { bits: number }) => `keys shorter than ${p.bits} bits can be broken: generate a 2048-bit pair with \`alipay-card keys generate\` and upload its public key`,

  // PEM blocks (pem.ts): `a public key (BEGIN PUBLIC KEY)`.
  pemBlock: (p: { what: string; label: string }) => `${p.what} (BEGIN ${p.label})`,
  pemPrivateKey: 'a private key',
  pemEncryptedPrivateKey: 'a passphrase-protected private key',
  pemEcPrivateKey: 'an EC private key',
  pemOpensshPrivateKey: 'an OpenSSH private key',
  pemPublicKey: 'a public key',
  pemCertificate: 'a certificate',
  pemCertificateRequest: 'a certificate signing request',
  pemOther: (p: { label: string }) => `a PEM block of type "${p.label}"`,
  notBase64At: (p: { line: number; column: number }) => `text that is not base64 (first unexpected character at line ${p.line}, column ${p.column})`,
  notBase64Padding: "text that is not base64 ('=' padding in the middle: several keys pasted together?)",
  base64Length: (p: { length: number }) => `base64 of ${p.length} characters, which is not a multiple of 4 (cut short when copied?)`,

  // The profile's credentials (credentials.ts).
  manyUnusable: (p: { count: number; items: string[] }) => `${p.count} keys or certificates cannot be used:\n${p.items.map((item) => `  ${item}`).join('\n')}`,
  noPrivateKey: 'no app private key is configured, so requests cannot be signed',
  noPrivateKeyHint: 'run `alipay-card config init` or set ALIPAY_PRIVATE_KEY_FILE (or privateKeyFile in the profile); no key yet? `alipay-card keys generate`',
  noAlipayKey: "no Alipay public key is configured, so Alipay's signatures cannot be verified",
  noAlipayKeyHint: "run `alipay-card config init` or set ALIPAY_PUBLIC_KEY_FILE (or alipayPublicKeyFile in the profile): the key the console shows as 'Alipay public key' (支付宝公钥), not your own app public key",
  certHint: (p: { setBy: string }) => `${p.setBy}; download the certificates again from the open platform console if the file is damaged`,
  aesConsoleHint: "copy the AES key (接口内容加密密钥) from the app's settings in the open platform console",
  appCertMismatch: 'the app cert (appCertFile) does not carry the public key of the private key: the gateway will reject the signatures; run `alipay-card keys check`',
  alipayKeyIsOwn: "the Alipay public key is your own app public key: responses will fail verification; use the key the console shows as 'Alipay public key' (支付宝公钥)",
  inlineLabel: (p: { setting: string; origin: string }) => `${p.setting} (${p.origin})`,
  setBy: (p: { setting: string }) => `set by ${p.setting}`,
  setByIn: (p: { setting: string; file: string }) => `set by ${p.setting} in ${p.file}`,
  relativeFromWorkingDirectory: (p: { setBy: string }) => `${p.setBy}; relative paths are resolved from the working directory`,
  relativeFromConfigDirectory: (p: { setBy: string }) => `${p.setBy}; relative paths are resolved from the config file's directory`,

  // Files checked before a config names them (profile-files.ts).
  isFolder: (p: { path: string }) => `${p.path} is a folder: give the file in it`,
  notAesKeyFile: (p: { path: string }) => `${p.path}: expected a base64 AES-128 key (24 characters ending "==")`,
  noCertificateIn: (p: { path: string }) => `${p.path}: no certificate in it (expected a PEM "BEGIN CERTIFICATE" block)`,
  ownAppKey: "this is your own app public key (it matches the app private key): Alipay's public key is the one the console shows as 'Alipay public key' (支付宝公钥) once you have uploaded yours",

  // The local app's key (src/cli/local-app.ts).
  localAppKeyHint: (p: { path: string }) => `this is the local app's own key (alipay-card made it for --gateway local and the demo): delete ${p.path} and the next run makes a new one`,
} satisfies Entries);

export type ConfigKeysEntries = ReturnType<typeof entries>;
export const configKeysText = messages('config-keys', entries);
