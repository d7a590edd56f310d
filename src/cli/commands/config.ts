import type { KeyObject } from 'node:crypto';
import { join, resolve } from 'node:path';
import { readConfigForUpdate, relativeToConfig, writeConfigFile } from '../../config/config-file-edit.js';
import { describeProfileForShow } from '../../config/index.js';
import { profileFileProblem, readPrivateKey, type FileKey } from '../../config/profile-files.js';
import { resolveUserPath } from '../../config/search.js';
import { UsageError } from '../../errors.js';
import { renderSections } from '../../render/sections.js';
import { loadStyle } from '../../render/style.js';
import { canPrompt, outputFormat, useColor, writeLine, type Context } from '../context.js';
import { getPrompter, type Prompter } from '../prompts.js';
import { stdoutWidth } from '../terminal-width.js';
import { loadProfile } from '../session.js';
import { gatewayUrlProblem } from './config-set.js';

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
      hint: 'without a terminal, set each value: alipay-card -p sandbox config set appId <id> (and privateKeyFile, alipayPublicKeyFile, gateway); see `alipay-card config set --help`',
    });
  }
  const prompt: Prompter = await getPrompter(ctx);
  const file = resolve(ctx.cwd, opts.file ?? join(ctx.env.XDG_CONFIG_HOME || join(ctx.homeDir, '.config'), 'alipay-card', 'config.json'));
  const existing = readConfigForUpdate(file);
  const name = ctx.globals.profile ?? (await prompt.input({ message: 'Profile name', default: 'sandbox', validate: (v) => /^[\w.-]+$/.test(v) || 'letters, digits, . _ - only' }));
  if (existing.profiles[name] && !ctx.globals.yes && !(await prompt.confirm({ message: `Profile ${name} exists in ${file}. Replace it?`, default: false }))) {
    writeLine(ctx.stderr, 'Nothing written.');
    return;
  }
  // Every file is checked as `config set` checks it; `later` (or nothing) skips one that is optional.
  const fileQuestion = async (message: string, key: FileKey, options: { default?: string; optional?: boolean; privateKey?: KeyObject } = {}) => {
    const answer = await prompt.input({
      message: options.optional ? `${message} (or "later")` : message,
      default: options.default,
      validate: (value) => {
        if (options.optional && (value === '' || value.toLowerCase() === 'later')) return true;
        if (value === '') return 'give the path of the file';
        return profileFileProblem(key, resolveUserPath(ctx.cwd, value, ctx.homeDir), options.privateKey) ?? true;
      },
    });
    return options.optional && (answer === '' || answer.toLowerCase() === 'later') ? undefined : resolveUserPath(ctx.cwd, answer, ctx.homeDir);
  };

  const profile: Record<string, unknown> = {};
  profile.appId = await prompt.input({ message: 'App ID (from the Alipay open platform console)', validate: (v) => /^\d{16}$/.test(v) || 'an app ID is 16 digits, e.g. 2021000000000000' });
  const gateway = await prompt.select({
    message: 'Gateway',
    choices: [
      { value: 'sandbox', description: 'https://openapi-sandbox.dl.alipaydev.com/gateway.do' },
      { value: 'production', description: 'https://openapi.alipay.com/gateway.do (real cards)' },
      { value: 'local', description: 'the local gateway built into alipay-card (no account needed)' },
      { value: 'url', name: 'another URL', description: 'a gateway of your own: a proxy, a mock, `gateway serve` on a port' },
    ],
    default: 'sandbox',
  });
  profile.gateway = gateway !== 'url' ? gateway : await prompt.input({ message: 'Gateway URL', validate: (v) => gatewayUrlProblem(v) ?? true });
  profile.signType = await prompt.select({ message: 'Sign type', choices: [{ value: 'RSA2', description: 'SHA256withRSA (recommended)' }, { value: 'RSA', description: 'SHA1withRSA (legacy)' }], default: 'RSA2' });
  profile.charset = await prompt.select({ message: 'Charset', choices: [{ value: 'utf-8' }, { value: 'gbk' }, { value: 'gb2312' }], default: 'utf-8' });
  const privateKeyFile = (await fileQuestion('App private key file (PEM or bare base64)', 'privateKeyFile', { default: 'keys/app_private_key.pem' }))!;
  profile.privateKeyFile = relativeToConfig(file, privateKeyFile);
  const mode: Mode = await prompt.select({ message: 'How does Alipay sign for this app?', choices: [{ value: 'key', name: 'public key mode (公钥)' }, { value: 'cert', name: 'certificate mode (公钥证书)' }], default: 'key' });
  let later: string | undefined;
  if (mode === 'key') {
    // A new app gets Alipay's key only after uploading its own: that may well be later.
    const alipayKey = await fileQuestion("Alipay public key file (支付宝公钥, not your own app public key)", 'alipayPublicKeyFile', { optional: true, privateKey: readPrivateKey(privateKeyFile) });
    if (alipayKey) profile.alipayPublicKeyFile = relativeToConfig(file, alipayKey);
    else later = `No Alipay public key yet: responses cannot be verified until you add it. Upload your app public key in the console, save the key it shows as 'Alipay public key' (支付宝公钥) to a file, then run: alipay-card -p ${name} config set alipayPublicKeyFile <file>`;
  } else {
    for (const [key, message] of [['appCertFile', 'App public cert (appCertPublicKey_<appId>.crt)'], ['alipayCertFile', 'Alipay public cert (alipayCertPublicKey_RSA2.crt)'], ['alipayRootCertFile', 'Alipay root cert (alipayRootCert.crt)']] as const) {
      profile[key] = relativeToConfig(file, (await fileQuestion(message, key))!);
    }
  }

  const next = { ...existing.raw, defaultProfile: existing.raw.defaultProfile ?? name, profiles: { ...existing.profiles, [name]: profile } };
  await writeConfigFile(file, next);
  writeLine(ctx.stderr, `Wrote profile ${name} to ${file} (mode 0600). Check it with: alipay-card -p ${name} keys check`);
  if (later) writeLine(ctx.stderr, later);
  if (outputFormat(ctx) !== 'table') ctx.stdout.write(JSON.stringify({ configFile: file, profile: name }) + '\n');
}
