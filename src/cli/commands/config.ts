import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describeProfileForShow, parsePrivateKey, parsePublicKey } from '../../config/index.js';
import { ConfigError, UsageError } from '../../errors.js';
import { parseCertificates } from '../../protocol/index.js';
import { renderSections } from '../../render/sections.js';
import { loadStyle } from '../../render/style.js';
import { canPrompt, outputFormat, useColor, writeLine, type Context } from '../context.js';
import { getPrompter, type Prompter } from '../prompts.js';
import { stdoutWidth } from '../terminal-width.js';
import { loadProfile } from '../session.js';

export async function runConfigShow(ctx: Context): Promise<void> {
  const config = await loadProfile(ctx);
  const rows = describeProfileForShow(config);
  if (outputFormat(ctx) !== 'table') {
    ctx.stdout.write(JSON.stringify({
      configFile: config.configFile ?? null,
      profile: config.profileName,
      values: Object.fromEntries(rows.map((r) => [r.key, r.value])),
      sources: Object.fromEntries(rows.map((r) => [r.key, r.source])),
    }) + '\n');
    return;
  }
  const style = await loadStyle(useColor(ctx));
  // The file is named once, above: a source is "config file", not its path again on every row.
  const fromFile = config.configFile === undefined ? undefined : `file ${config.configFile}`;
  const source = (text: string) => (fromFile !== undefined && text.startsWith(fromFile) ? `config file${text.slice(fromFile.length)}` : text);
  const keyWidth = Math.max(...rows.map((r) => r.key.length), 0);
  const valueWidth = Math.max(...rows.map((r) => r.value.length), 0);
  const wide = 2 + keyWidth + 2 + valueWidth + 2 + Math.max(...rows.map((r) => source(r.source).length), 0) <= stdoutWidth(ctx);
  ctx.stdout.write(renderSections([
    { title: `Profile ${config.profileName}`, rows: [['config file', config.configFile ?? '(none found: using the local gateway)']] },
    {
      title: 'Effective values (secrets masked)',
      // Too narrow for three columns: the source goes under its value rather than wrap mid-row.
      rows: rows.map((r) => [r.key, wide ? `${r.value.padEnd(valueWidth)}  ${style.dim(source(r.source))}` : `${r.value}\n${style.dim(source(r.source))}`] as const),
    },
  ], style));
}

type Mode = 'key' | 'cert';

/**
 * Writes one profile into a JSON config file, asking for each value. Paths are stored relative to
 * the config file (which is how they are resolved), secrets are never typed in here — only the
 * paths of the files that hold them.
 */
export async function runConfigInit(ctx: Context, opts: { file?: string }): Promise<void> {
  if (!ctx.prompter && !canPrompt(ctx)) {
    throw new UsageError('config init asks questions and needs a terminal', {
      hint: 'write the config file yourself: see config.example.json, then check it with `alipay-card config show`',
    });
  }
  const prompt: Prompter = await getPrompter(ctx);
  const file = resolve(ctx.cwd, opts.file ?? join(ctx.env.XDG_CONFIG_HOME || join(ctx.homeDir, '.config'), 'alipay-card', 'config.json'));
  const existing = await readExisting(file);
  const name = ctx.globals.profile ?? (await prompt.input({ message: 'Profile name', default: 'sandbox', validate: (v) => /^[\w.-]+$/.test(v) || 'letters, digits, . _ - only' }));
  if (existing.profiles[name] && !ctx.globals.yes && !(await prompt.confirm({ message: `Profile ${name} exists in ${file}. Replace it?`, default: false }))) {
    writeLine(ctx.stderr, 'Nothing written.');
    return;
  }
  const base = dirname(file);
  const fileQuestion = (message: string, check: (text: string, path: string) => void, def?: string) => prompt.input({
    message,
    default: def,
    validate: (value) => {
      const path = resolve(ctx.cwd, value);
      if (!existsSync(path)) return `no file at ${path}`;
      try {
        check(readFileSync(path, 'utf8'), path);
        return true;
      } catch (err) {
        return (err as Error).message;
      }
    },
  }).then((value) => relativeTo(base, resolve(ctx.cwd, value)));

  const profile: Record<string, unknown> = {};
  profile.appId = await prompt.input({ message: 'App ID (from the Alipay open platform console)', validate: (v) => /^\d{16}$/.test(v) || 'an app ID is 16 digits, e.g. 2021000000000000' });
  profile.gateway = await prompt.select({
    message: 'Gateway',
    choices: [
      { value: 'sandbox', description: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do' },
      { value: 'production', description: 'https://openapi.alipay.com/gateway.do (real cards)' },
      { value: 'local', description: 'the local gateway built into alipay-card (no account needed)' },
    ],
    default: 'sandbox',
  });
  profile.signType = await prompt.select({ message: 'Sign type', choices: [{ value: 'RSA2', description: 'SHA256withRSA (recommended)' }, { value: 'RSA', description: 'SHA1withRSA (legacy)' }], default: 'RSA2' });
  profile.charset = await prompt.select({ message: 'Charset', choices: [{ value: 'utf-8' }, { value: 'gbk' }, { value: 'gb2312' }], default: 'utf-8' });
  profile.privateKeyFile = await fileQuestion('App private key file (PEM or bare base64)', (text, path) => parsePrivateKey(text, path), 'keys/app_private_key.pem');
  const mode: Mode = await prompt.select({ message: 'How does Alipay sign for this app?', choices: [{ value: 'key', name: 'public key mode (公钥)' }, { value: 'cert', name: 'certificate mode (公钥证书)' }], default: 'key' });
  if (mode === 'key') {
    profile.alipayPublicKeyFile = await fileQuestion('Alipay public key file (not your own app public key)', (text, path) => parsePublicKey(text, path));
  } else {
    const certs = (text: string) => void parseCertificates(text);
    profile.appCertFile = await fileQuestion('App public cert (appCertPublicKey_<appId>.crt)', certs);
    profile.alipayCertFile = await fileQuestion('Alipay public cert (alipayCertPublicKey_RSA2.crt)', certs);
    profile.alipayRootCertFile = await fileQuestion('Alipay root cert (alipayRootCert.crt)', certs);
  }

  const next = { ...existing.raw, defaultProfile: existing.raw.defaultProfile ?? name, profiles: { ...existing.profiles, [name]: profile } };
  await mkdir(dirname(file), { recursive: true });
  // Write-then-rename: an interrupted write never leaves half a config behind.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
  writeLine(ctx.stderr, `Wrote profile ${name} to ${file} (mode 0600). Check it with: alipay-card -p ${name} keys check`);
  if (outputFormat(ctx) !== 'table') ctx.stdout.write(JSON.stringify({ configFile: file, profile: name }) + '\n');
}

async function readExisting(file: string): Promise<{ raw: Record<string, unknown> & { defaultProfile?: string }; profiles: Record<string, unknown> }> {
  if (!existsSync(file)) return { raw: {}, profiles: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: cannot update it, it is not valid JSON (${(err as Error).message})`, { hint: 'fix or move the file, or pass --file <other path>' });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: expected a JSON object`);
  const obj = raw as Record<string, unknown> & { defaultProfile?: string };
  const profiles = obj.profiles && typeof obj.profiles === 'object' ? (obj.profiles as Record<string, unknown>) : {};
  return { raw: obj, profiles };
}

function relativeTo(base: string, path: string): string {
  return path.startsWith(base + '/') ? path.slice(base.length + 1) : path;
}
