/**
 * Where a setting came from, as a person reads it. The origins themselves (ResolvedConfig.sources,
 * profileSource, ValueSource.origin) stay the English strings `config show --json` prints:
 * 'flag --gateway', 'env ALIPAY_APP_ID', 'file /abs/config.json', 'default'. Only merge.ts and
 * load.ts make them, in these shapes.
 */
import { configLoadText } from '../i18n/en/config-load.js';
import type { Text } from '../i18n/text.js';

export function originText(origin: string): Text | string {
  if (origin === 'default') return configLoadText.originDefault();
  if (origin.startsWith('flag ')) return configLoadText.originFlag({ flag: origin.slice('flag '.length) });
  if (origin.startsWith('env ')) return configLoadText.originEnv({ name: origin.slice('env '.length) });
  if (origin.startsWith('file ') && origin.endsWith(' defaultProfile')) {
    return configLoadText.originFileDefaultProfile({ path: origin.slice('file '.length, -' defaultProfile'.length) });
  }
  if (origin.startsWith('file ')) return configLoadText.originFile({ path: origin.slice('file '.length) });
  if (origin.startsWith('the only profile in ')) return configLoadText.originOnlyProfile({ path: origin.slice('the only profile in '.length) });
  return origin;
}
