import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { lstatSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { KEY_FILE_MAX_BYTES, parsePublicKey, type Credentials } from '../../config/index.js';
import { ConfigError, UsageError } from '../../errors.js';
import { renderSections, type Section } from '../../render/sections.js';
import { loadStyle } from '../../render/style.js';
import { outputFormat, useColor, type Context } from '../context.js';
import { readTextArgument } from '../input.js';
import { loadProfile, loadProfileCredentials } from '../session.js';

export const PRIVATE_KEY_FILE = 'app_private_key.pem';
export const PUBLIC_KEY_FILE = 'app_public_key.pem';

export async function runKeysGenerate(ctx: Context, opts: { out: string; force?: boolean }): Promise<void> {
  const dir = resolve(ctx.cwd, opts.out);
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  const publicPath = join(dir, PUBLIC_KEY_FILE);
  // Before the (slow) key generation: a path that cannot be a directory fails now, not after.
  if (fileInTheWay(dir) !== undefined) throw outDirError(opts.out, dir, { code: 'ENOTDIR' });
  if (!opts.force) {
    const existing = [privatePath, publicPath].filter(isTaken);
    if (existing.length > 0) {
      throw new UsageError(`${existing.map((p) => relative(ctx.cwd, p) || p).join(' and ')} already exist${existing.length === 1 ? 's' : ''}`, {
        hint: 'choose another --out directory, or pass --force to replace the key pair (the old private key is lost)',
      });
    }
  }
  const { exportPKCS8, exportSPKI, generateKeyPair } = await import('jose');
  const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const privatePem = await exportPKCS8(pair.privateKey);
  const publicPem = await exportSPKI(pair.publicKey);

  try {
    // 0700 whatever the umask (under umask 000 it was 0777): the directory holds a private key.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await replaceFile(privatePath, privatePem.endsWith('\n') ? privatePem : privatePem + '\n', 0o600);
    await replaceFile(publicPath, publicPem.endsWith('\n') ? publicPem : publicPem + '\n', 0o644);
  } catch (err) {
    throw outDirError(opts.out, dir, err);
  }
  const publicKey = bareBase64(createPublicKey(publicPem));

  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(JSON.stringify({ privateKeyFile: privatePath, publicKeyFile: publicPath, publicKey }) + '\n');
    return;
  }
  const style = await loadStyle(useColor(ctx));
  ctx.stdout.write(renderSections([
    { title: 'Key pair (RSA-2048)', rows: [['private key', `${privatePath} (PKCS#8, mode 0600: keep it secret)`], ['public key', publicPath]] },
    { title: "Public key to paste into Alipay's console (接口加签方式 → 公钥)", text: publicKey },
    { title: 'Next', text: `set privateKeyFile to ${relative(ctx.cwd, privatePath) || privatePath} in your profile (alipay-card config init)` },
  ], style));
}

/** Anything at the path, a symbolic link (even a dangling one) included. */
function isTaken(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a new file (0600 from its first byte for the private key) beside `path` and renames it
 * over `path`. A symbolic link at `path` is replaced, never followed: writing through it and
 * chmod-ing its target changed whatever file it pointed at (--force over a link to ~/.bashrc).
 */
async function replaceFile(path: string, text: string, mode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, text, { mode, flag: 'wx' });
  try {
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}

/** The nearest existing path at or above `dir` when it is not a directory (a file where a directory must go). */
function fileInTheWay(dir: string): string | undefined {
  for (let path = dir; ; path = dirname(path)) {
    try {
      return statSync(path).isDirectory() ? undefined : path;
    } catch {
      if (dirname(path) === path) return undefined;
    }
  }
}

/** `keys generate --out` could not make its directory or write in it: exit 2, naming the directory and why. */
export function outDirError(flagValue: string, dir: string, err: unknown): UsageError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const blocker = code === 'EEXIST' || code === 'ENOTDIR' ? fileInTheWay(dir) : undefined;
  const reason = blocker !== undefined
    ? `${blocker === dir ? 'it' : blocker} is a file, not a directory`
    : code === 'EACCES' || code === 'EPERM'
      ? `permission denied: cannot create ${dir} or write in it`
      : code === 'EROFS'
        ? `${dir} is on a read-only file system`
        : code === 'ENOSPC'
          ? 'no space left on the device'
          : `cannot write the key files in ${dir}: ${err instanceof Error ? err.message : String(err)}`;
  return new UsageError(`keys generate --out ${flagValue}: ${reason}`, {
    hint: 'choose a directory you can write to with --out (it is created if missing), e.g. --out keys',
    cause: err,
  });
}

/** The one-line base64 SPKI that Alipay's console and key tool use. */
export function bareBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

interface KeyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export async function runKeysCheck(ctx: Context, opts: { appPublicKey?: string }): Promise<void> {
  // Every key, whatever the gateway: checking them against each other is the point.
  const credentials = loadProfileCredentials(ctx, await loadProfile(ctx));
  if (!credentials.privateKey) {
    throw new ConfigError('no private key configured', {
      hint: 'set privateKeyFile in the profile or ALIPAY_PRIVATE_KEY_FILE, or run `alipay-card keys generate`',
    });
  }
  const derivedPublic = bareBase64(createPublicKey(credentials.privateKey));
  const checks: KeyCheck[] = [];
  if (opts.appPublicKey !== undefined) {
    const value = opts.appPublicKey.startsWith('@') ? (await readTextArgument('--app-public-key', opts.appPublicKey, ctx, undefined, { maxBytes: KEY_FILE_MAX_BYTES, what: 'a key file' })).text : opts.appPublicKey;
    const given = bareBase64(parsePublicKey(value, '--app-public-key', 'value', 'app'));
    checks.push(check('private key ↔ --app-public-key', given === derivedPublic, 'the private key and the given app public key are one pair',
      'the private key does not belong to the given app public key: upload the public key of this private key, or configure the matching private key'));
  }
  checks.push(...certificateChecks(credentials, derivedPublic));
  const alipayKeys = alipayPublicKeys(credentials);
  if (alipayKeys.length > 0) {
    const same = alipayKeys.some((k) => k === derivedPublic);
    checks.push(check('Alipay key ≠ app key', !same, 'the Alipay public key is not your own app public key',
      "the configured Alipay public key is your own app public key. Use the key Alipay shows as 'Alipay public key' (支付宝公钥), not the one you uploaded"));
  } else {
    checks.push({ name: 'Alipay key', ok: false, detail: 'no Alipay public key or Alipay cert configured: responses cannot be verified' });
  }

  const result = {
    mode: credentials.mode,
    ok: checks.every((c) => c.ok),
    appPublicKey: derivedPublic,
    ...(credentials.mode === 'cert' ? {
      appCertSn: credentials.appCertSn,
      alipayCertSn: credentials.alipayCerts?.[0]?.sn,
      alipayRootCertSn: credentials.alipayRootCertSn,
    } : {}),
    checks,
  };
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(JSON.stringify(result) + '\n');
  } else {
    const style = await loadStyle(useColor(ctx));
    const sections: Section[] = [
      { title: `Key check (${credentials.mode === 'cert' ? 'certificate mode' : 'public key mode'})`, rows: checks.map((c) => [`${c.ok ? style.green('✓') : style.red('✗')} ${c.name}`, c.detail] as const) },
      { title: 'App public key (derived from the private key)', text: derivedPublic },
    ];
    if (credentials.mode === 'cert') {
      sections.push({ title: 'Certificate SNs', rows: [['appCertSn', result.appCertSn ?? '-'], ['alipayCertSn', result.alipayCertSn ?? '-'], ['alipayRootCertSn', result.alipayRootCertSn ?? '-']] });
    }
    ctx.stdout.write(renderSections(sections, style));
  }
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) throw new ConfigError(`key check failed: ${failed.map((c) => c.name).join('; ')}`);
}

function check(name: string, ok: boolean, good: string, bad: string): KeyCheck {
  return { name, ok, detail: ok ? good : bad };
}

function certificateChecks(credentials: Credentials, derivedPublic: string): KeyCheck[] {
  if (credentials.mode !== 'cert' || !credentials.appCert) return [];
  const now = new Date();
  const cert = credentials.appCert;
  return [
    check('private key ↔ app cert', bareBase64(cert.publicKey) === derivedPublic, 'the app cert carries the public key of the private key',
      'the app cert (appCertFile) was issued for a different key: download the app cert issued for this private key'),
    check('app cert validity', cert.notBefore <= now && now <= cert.notAfter, `valid until ${cert.notAfter.toISOString().slice(0, 10)}`,
      `the app cert is outside its validity (${cert.notBefore.toISOString().slice(0, 10)} to ${cert.notAfter.toISOString().slice(0, 10)})`),
  ];
}

function alipayPublicKeys(credentials: Credentials): string[] {
  if (credentials.mode === 'cert') return (credentials.alipayCerts ?? []).map((c) => bareBase64(c.publicKey));
  return credentials.alipayPublicKey ? [bareBase64(credentials.alipayPublicKey)] : [];
}
