import { UsageError } from '../errors.js';
import { inputText as t } from '../i18n/en/input-arguments.js';

/**
 * A command line argument with bytes that are not UTF-8 (a terminal or script in GBK): Node has
 * put U+FFFD in their place before any of ours runs, so the bytes are gone. Sent, "����" would be
 * a member's name on their card: refused, naming the argument (its flag, if the word before it is
 * one) and what sends such bytes.
 */
export function notUtf8Argument(args: readonly string[]): UsageError | undefined {
  const at = args.findIndex((arg) => arg.includes('\uFFFD'));
  if (at === -1) return undefined;
  const arg = args[at]!;
  // `--flag=value`, or `--flag value`: the value is what is shown.
  const inline = arg.startsWith('-') && arg.includes('=');
  const flag = inline ? arg.slice(0, arg.indexOf('=')) : at > 0 && args[at - 1]!.startsWith('-') ? args[at - 1]! : undefined;
  const value = inline ? arg.slice(arg.indexOf('=') + 1) : arg;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return new UsageError(flag === undefined ? t.notUtf8Argument({ position: at + 1, value: shown }) : t.notUtf8FlagValue({ flag, value: shown }), {
    hint: t.notUtf8ArgumentHint(),
  });
}
