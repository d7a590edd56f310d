import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { inputText as t } from '../i18n/en/input-arguments.js';

/**
 * A command line argument with bytes that are not UTF-8 (a terminal or script in GBK): Node has
 * put U+FFFD in their place before any of ours runs, so the bytes are gone. Sent, "����" would be
 * a member's name on their card: refused, naming the argument (its flag, if the word before it is
 * one) and what sends such bytes.
 */
export function notUtf8Argument(args: readonly string[]): UsageError | undefined {
  const utf8 = argumentsAsSent(args);
  // A "�" typed as one (EF BF BD, in a notification's text) is UTF-8: where the bytes can be read, it is taken.
  const at = args.findIndex((arg, i) => arg.includes('\uFFFD') && utf8?.[i] !== true);
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

/**
 * For each argument, whether its bytes as sent were UTF-8, where the system says what they were
 * (Linux's /proc/self/cmdline) and `args` are this process's own; undefined elsewhere.
 */
function argumentsAsSent(args: readonly string[]): boolean[] | undefined {
  let raw: Buffer;
  try {
    raw = readFileSync('/proc/self/cmdline');
  } catch {
    return undefined;
  }
  const parts: Buffer[] = [];
  for (let start = 0; start < raw.length;) {
    const end = raw.indexOf(0, start);
    parts.push(raw.subarray(start, end === -1 ? raw.length : end));
    start = end === -1 ? raw.length : end + 1;
  }
  const sent = parts.slice(parts.length - args.length);
  if (sent.length !== args.length || sent.some((bytes, i) => bytes.toString('utf8') !== args[i])) return undefined;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return sent.map((bytes) => {
    try {
      decoder.decode(bytes);
      return true;
    } catch {
      return false;
    }
  });
}
