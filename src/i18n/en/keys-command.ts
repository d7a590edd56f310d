// `keys generate` and `keys check`: the app's key pair, and whether the configured keys and certs
// belong together. A check's name and detail are in --json too, in English.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // keys generate
  filesExist: (p: { files: string[] }) => `${p.files.join(' and ')} already exist${p.files.length === 1 ? 's' : ''}`,
  filesExistHint: 'choose another --out directory, or pass --force to replace the key pair (the old private key is lost)',
  outDir: (p: { value: string; reason: string }) => `keys generate --out ${p.value}: ${p.reason}`,
  outDirIsFile: 'it is a file, not a directory',
  outDirParentIsFile: (p: { path: string }) => `${p.path} is a file, not a directory`,
  outDirDenied: (p: { dir: string }) => `permission denied: cannot create ${p.dir} or write in it`,
  outDirReadOnly: (p: { dir: string }) => `${p.dir} is on a read-only file system`,
  outDirNoSpace: 'no space left on the device',
  outDirCannotWrite: (p: { dir: string; reason: string }) => `cannot write the key files in ${p.dir}: ${p.reason}`,
  outDirSystem: (p: { root: string }) => `it lies in ${p.root}, which holds the system's processes and devices, not files`,
  outDirHint: 'choose a directory you can write to with --out (it is created if missing), e.g. --out keys',
  keyPairTitle: 'Key pair (RSA-2048)',
  privateKeyLabel: 'private key',
  publicKeyLabel: 'public key',
  privateKeyFile: (p: { path: string }) => `${p.path} (PKCS#8, mode 0600: keep it secret)`,
  pasteTitle: "Public key to paste into Alipay's console (接口加签方式 → 公钥)",
  nextTitle: 'Next',
  nextStep: (p: { path: string }) => `set privateKeyFile to ${p.path} in your profile (alipay-card config init)`,

  // keys check
  /** The size limit of `--app-public-key @file`. */
  keyFile: 'a key file',
  noPrivateKey: 'no private key configured',
  noPrivateKeyHint: 'set privateKeyFile in the profile or ALIPAY_PRIVATE_KEY_FILE, or run `alipay-card keys generate`',
  pairCheck: 'private key ↔ --app-public-key',
  pairGood: 'the private key and the given app public key are one pair',
  pairBad: 'the private key does not belong to the given app public key: upload the public key of this private key, or configure the matching private key',
  alipayKeyCheck: 'Alipay key ≠ app key',
  alipayKeyGood: 'the Alipay public key is not your own app public key',
  alipayKeyBad: "the configured Alipay public key is your own app public key. Use the key Alipay shows as 'Alipay public key' (支付宝公钥), not the one you uploaded",
  alipayKeyMissingCheck: 'Alipay key',
  alipayKeyMissing: 'no Alipay public key or Alipay cert configured: responses cannot be verified',
  appCertCheck: 'private key ↔ app cert',
  appCertGood: 'the app cert carries the public key of the private key',
  appCertBad: 'the app cert (appCertFile) was issued for a different key: download the app cert issued for this private key',
  rootCheck: 'Alipay cert ↔ root certs',
  rootIssued: (p: { root: string }) => `the Alipay cert (alipayCertFile) is issued under ${p.root}, a cert of alipayRootCertFile`,
  rootIssuerAbsent: (p: { issuer: string }) => `not checked: ${p.issuer}, the issuer of the Alipay cert (or of its chain), is in neither alipayCertFile nor alipayRootCertFile, as is usual for Alipay's own files (they leave out the intermediate cert, or the sandbox's test root)`,
  alipayCertIsRoot: (p: { subject: string }) => `alipayCertFile holds a CA cert (${p.subject}), not Alipay's public cert: are alipayCertFile and alipayRootCertFile swapped? alipayCertFile takes alipayCertPublicKey_RSA2.crt, alipayRootCertFile takes alipayRootCert.crt`,
  rootFileHoldsNonRoot: (p: { subject: string; issuer: string }) => `alipayRootCertFile holds ${p.subject}, a cert issued by ${p.issuer}, not a root: are alipayCertFile and alipayRootCertFile swapped? alipayRootCertFile takes alipayRootCert.crt, alipayCertFile takes alipayCertPublicKey_RSA2.crt`,
  alipayCertNotSignedBy: (p: { issuer: string }) => `the Alipay cert (alipayCertFile) names ${p.issuer} as its issuer, but its signature does not verify under the key of that cert in alipayRootCertFile: alipayRootCertFile is not the root of this Alipay cert; download both from the same app in Alipay's console`,
  chainCertNotSignedBy: (p: { subject: string; issuer: string }) => `${p.subject} in alipayCertFile names ${p.issuer} as its issuer, but its signature does not verify under that cert's key: alipayCertFile is not one chain; download it again from Alipay's console`,
  alipayCertOtherRoot: (p: { root: string }) => `the Alipay cert (alipayCertFile) is issued under the root ${p.root}, which is not in alipayRootCertFile: alipayRootCertFile is not the root of this Alipay cert; download both from the same app in Alipay's console`,
  validityCheck: 'app cert validity',
  validUntil: (p: { date: string }) => `valid until ${p.date}`,
  outsideValidity: (p: { from: string; to: string }) => `the app cert is outside its validity (${p.from} to ${p.to})`,
  checkFailed: (p: { checks: string }) => `key check failed: ${p.checks}`,
  checkTitleCert: 'Key check (certificate mode)',
  checkTitleKey: 'Key check (public key mode)',
  /** A check in the table: its mark (✓ or ✗) and its name. */
  checkRow: (p: { mark: string; name: string }) => `${p.mark} ${p.name}`,
  derivedTitle: 'App public key (derived from the private key)',
  certSnsTitle: 'Certificate SNs',
} satisfies Entries);

export type KeysCommandEntries = ReturnType<typeof entries>;
export const keysText = messages('keys-command', entries);
