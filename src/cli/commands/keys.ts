import { createPublicKey, type KeyObject } from 'node:crypto';
import { lstatSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { KEY_FILE_MAX_BYTES, parsePublicKey, type Credentials } from '../../config/index.js';
import { replaceFile } from '../../config/replace-file.js';
import { systemFolderOf } from '../../config/system-folders.js';
import { ConfigError, UsageError } from '../../errors.js';
import { commonText } from '../../i18n/en/common.js';
import { keysText } from '../../i18n/en/keys-command.js';
import { english, local, type Text } from '../../i18n/text.js';
import { renderSections, type Section } from '../../render/sections.js';
import { rootCertCheck } from './keys-root-check.js';
import { loadStyle } from '../../render/style.js';
import { outputFormat, useColor, type Context } from '../context.js';
import { readTextArgument } from '../input.js';
import { loadProfile, loadProfileCredentials } from '../session.js';
import { refuseDryRun } from '../dry-run.js';

export const PRIVATE_KEY_FILE = 'app_private_key.pem';
export const PUBLIC_KEY_FILE = 'app_public_key.pem';

export async function runKeysGenerate(ctx: Context, opts: { out: string; force?: boolean }): Promise<void> {
  refuseDryRun(ctx, 'keys generate');
  const dir = resolve(ctx.cwd, opts.out);
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  const publicPath = join(dir, PUBLIC_KEY_FILE);
  // Before the (slow) key generation: a path that cannot be a directory fails now, not after.
  // No place for a key pair, and Node's recursive mkdir spins forever in /proc.
  const system = systemFolderOf(dir);
  if (system !== undefined) throw new UsageError(keysText.outDir({ value: opts.out, reason: keysText.outDirSystem({ root: system }) }), { hint: keysText.outDirHint() });
  if (fileInTheWay(dir) !== undefined) throw outDirError(opts.out, dir, { code: 'ENOTDIR' });
  if (!opts.force) {
    const existing = [privatePath, publicPath].filter(isTaken);
    if (existing.length > 0) {
      throw new UsageError(keysText.filesExist({ files: existing.map((p) => relative(ctx.cwd, p) || p) }), { hint: keysText.filesExistHint() });
    }
  }
  const { exportPKCS8, exportSPKI, generateKeyPair } = await import('jose');
  const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const privatePem = await exportPKCS8(pair.privateKey);
  const publicPem = await exportSPKI(pair.publicKey);

  try {
    // 0700 whatever the umask (under umask 000 it was 0777): the directory holds a private key.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // replaceFile: 0600 from the first byte; a symbolic link at the path is replaced, never followed
    // (writing through it changed whatever file it pointed at: --force over a link to ~/.bashrc).
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
    {
      title: local(keysText.keyPairTitle()),
      rows: [[local(keysText.privateKeyLabel()), local(keysText.privateKeyFile({ path: privatePath }))], [local(keysText.publicKeyLabel()), publicPath]],
    },
    { title: local(keysText.pasteTitle()), text: publicKey },
    { title: local(keysText.nextTitle()), text: local(keysText.nextStep({ path: relative(ctx.cwd, privatePath) || privatePath })) },
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
    ? blocker === dir ? keysText.outDirIsFile() : keysText.outDirParentIsFile({ path: blocker })
    : code === 'EACCES' || code === 'EPERM'
      ? keysText.outDirDenied({ dir })
      : code === 'EROFS'
        ? keysText.outDirReadOnly({ dir })
        : code === 'ENOSPC'
          ? keysText.outDirNoSpace()
          : keysText.outDirCannotWrite({ dir, reason: err instanceof Error ? err.message : String(err) });
  return new UsageError(keysText.outDir({ value: flagValue, reason }), { hint: keysText.outDirHint(), cause: err });
}

/** The one-line base64 SPKI that Alipay's console and key tool use. */
export function bareBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** One check: its name and detail are for a person, and in English in --json. */
export interface KeyCheck {
  name: Text;
  ok: boolean;
  detail: Text;
  /** Nothing could be told either way (the detail says why): not a failure, and not a ✓ either. */
  unchecked?: true;
}

export async function runKeysCheck(ctx: Context, opts: { appPublicKey?: string }): Promise<void> {
  // Every key, whatever the gateway: checking them against each other is the point.
  // Its mix-ups are rows of the check below, not warnings too.
  const credentials = loadProfileCredentials(ctx, await loadProfile(ctx), undefined, { mismatchWarnings: false });
  if (!credentials.privateKey) {
    throw new ConfigError(keysText.noPrivateKey(), { hint: keysText.noPrivateKeyHint() });
  }
  const derivedPublic = bareBase64(createPublicKey(credentials.privateKey));
  const checks: KeyCheck[] = [];
  if (opts.appPublicKey !== undefined) {
    const value = opts.appPublicKey.startsWith('@') ? (await readTextArgument('--app-public-key', opts.appPublicKey, ctx, undefined, { maxBytes: KEY_FILE_MAX_BYTES, what: keysText.keyFile() })).text : opts.appPublicKey;
    const given = bareBase64(parsePublicKey(value, '--app-public-key', 'value', 'app'));
    checks.push(check(keysText.pairCheck(), given === derivedPublic, keysText.pairGood(), keysText.pairBad()));
  }
  checks.push(...certificateChecks(credentials, derivedPublic), ...rootCertCheck(credentials));
  const alipayKeys = alipayPublicKeys(credentials);
  if (alipayKeys.length > 0) {
    const same = alipayKeys.some((k) => k === derivedPublic);
    checks.push(check(keysText.alipayKeyCheck(), !same, keysText.alipayKeyGood(), keysText.alipayKeyBad()));
  } else {
    checks.push({ name: keysText.alipayKeyMissingCheck(), ok: false, detail: keysText.alipayKeyMissing() });
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
    // Machine output: a check's name and detail in English, whatever the language.
    checks: checks.map((c) => ({ name: english(c.name), ok: c.ok, ...(c.unchecked ? { unchecked: true } : {}), detail: english(c.detail) })),
  };
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(JSON.stringify(result) + '\n');
  } else {
    const style = await loadStyle(useColor(ctx));
    const sections: Section[] = [
      {
        title: local(credentials.mode === 'cert' ? keysText.checkTitleCert() : keysText.checkTitleKey()),
        rows: checks.map((c) => [local(keysText.checkRow({ mark: c.unchecked ? style.yellow('?') : c.ok ? style.green('✓') : style.red('✗'), name: c.name })), local(c.detail)] as const),
      },
      { title: local(keysText.derivedTitle()), text: derivedPublic },
    ];
    if (credentials.mode === 'cert') {
      sections.push({ title: local(keysText.certSnsTitle()), rows: [['appCertSn', result.appCertSn ?? '-'], ['alipayCertSn', result.alipayCertSn ?? '-'], ['alipayRootCertSn', result.alipayRootCertSn ?? '-']] });
    }
    ctx.stdout.write(renderSections(sections, style));
  }
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) throw new ConfigError(keysText.checkFailed({ checks: commonText.clauses({ items: failed.map((c) => c.name) }) }));
}

function check(name: Text, ok: boolean, good: Text, bad: Text): KeyCheck {
  return { name, ok, detail: ok ? good : bad };
}

function certificateChecks(credentials: Credentials, derivedPublic: string): KeyCheck[] {
  if (credentials.mode !== 'cert' || !credentials.appCert) return [];
  const now = new Date();
  const cert = credentials.appCert;
  return [
    check(keysText.appCertCheck(), bareBase64(cert.publicKey) === derivedPublic, keysText.appCertGood(), keysText.appCertBad()),
    check(keysText.validityCheck(), cert.notBefore <= now && now <= cert.notAfter, keysText.validUntil({ date: cert.notAfter.toISOString().slice(0, 10) }),
      keysText.outsideValidity({ from: cert.notBefore.toISOString().slice(0, 10), to: cert.notAfter.toISOString().slice(0, 10) })),
  ];
}

function alipayPublicKeys(credentials: Credentials): string[] {
  if (credentials.mode === 'cert') return (credentials.alipayCerts ?? []).map((c) => bareBase64(c.publicKey));
  return credentials.alipayPublicKey ? [bareBase64(credentials.alipayPublicKey)] : [];
}
