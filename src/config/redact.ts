import { configCommandsText } from '../i18n/en/config-commands.js';
import { english, type Text } from '../i18n/text.js';
import type { ResolvedConfig, ValueSource } from './resolved.js';

export type SecretKind = 'private key' | 'AES key' | 'token';

/**
 * A secret as `config show` and logs may print it. Keys show their kind and length only
 * (`<private key, 1624 chars>`); a token shows its last 4 characters when it is long enough that
 * 4 give nothing away (`****abcd`), so a user can tell two tokens apart.
 */
export function maskSecret(value: string, kind: SecretKind = guessKind(value)): string {
  if (kind !== 'token') return `<${kind}, ${value.length} chars>`;
  return value.length >= 16 ? `****${value.slice(-4)}` : '****';
}

function guessKind(value: string): SecretKind {
  if (/PRIVATE KEY-----/.test(value) || value.replace(/\s+/g, '').length > 200) return 'private key';
  return 'token';
}

export interface ShowRow {
  key: string;
  /** `value` and `source` are what `config show --json` prints: English, whatever the language. */
  value: string;
  /** What `--json` prints instead of `value` where that is words: null for a value not set, `local` for the embedded gateway. */
  json?: string | null;
  source: string;
  /** Where the value or source is words rather than data, those words for a person (`local()`). */
  valueText?: Text;
  sourceText?: Text;
}

/** The effective profile as rows for `config show`: every secret masked, long public keys abbreviated. */
export function describeProfileForShow(resolved: ResolvedConfig): ShowRow[] {
  const { profile, sources } = resolved;
  const rows: ShowRow[] = [];
  const row = (key: string, value: string) => rows.push({ key, value, source: sources[key] ?? '' });
  const notSet = (key: string, why: Text) => {
    const value = configCommandsText.showNotSet();
    rows.push({ key, value: english(value), json: null, source: english(why), valueText: value, sourceText: why });
  };

  if (profile.appId !== undefined) row('appId', profile.appId);
  else notSet('appId', configCommandsText.showAppIdNotSet());
  if (profile.gatewayUrl === undefined) {
    const value = configCommandsText.showLocalGateway({ gateway: profile.gateway });
    rows.push({ key: 'gateway', value: english(value), json: profile.gateway, source: sources.gateway ?? '', valueText: value });
  } else {
    row('gateway', profile.gateway === profile.gatewayUrl ? profile.gateway : `${profile.gateway} (${profile.gatewayUrl})`);
  }
  row('signType', profile.signType);
  row('charset', profile.charset);
  if (profile.privateKey) keyRow(rows, sources, 'privateKey', profile.privateKey, (v) => maskSecret(v, 'private key'));
  else notSet('privateKey', configCommandsText.showPrivateKeyNotSet());
  if (profile.appCertFile) {
    for (const key of ['appCertFile', 'alipayCertFile', 'alipayRootCertFile'] as const) row(key, profile[key]!.path);
  } else if (profile.alipayPublicKey) {
    keyRow(rows, sources, 'alipayPublicKey', profile.alipayPublicKey, abbreviateKey);
  } else {
    notSet('alipayPublicKey', configCommandsText.showAlipayKeyNotSet());
  }
  if (profile.encryptKey) keyRow(rows, sources, 'encryptKey', profile.encryptKey, (v) => maskSecret(v, 'AES key'));
  if (profile.appAuthToken !== undefined) row('appAuthToken', maskSecret(profile.appAuthToken, 'token'));
  row('timeoutMs', String(profile.timeoutMs));
  return rows;
}

/** `privateKeyFile /abs/app.pem` for a file; the masked or abbreviated text under `privateKey` when inline. */
function keyRow(rows: ShowRow[], sources: Record<string, string>, key: string, source: ValueSource, show: (value: string) => string): void {
  const name = source.kind === 'file' ? `${key}File` : key;
  rows.push({ key: name, value: source.kind === 'file' ? source.path : show(source.value), source: sources[name] ?? source.origin });
}

/**
 * A public key is not secret but 400 characters wide; its tail tells keys apart (the head of every
 * RSA-2048 SPKI is the same `MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA`).
 */
function abbreviateKey(value: string): string {
  const body = value.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  return body.length <= 24 ? body : `…${body.slice(-16)} (${body.length} chars)`;
}
