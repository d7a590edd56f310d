/**
 * Which language a person reads: `--lang`, then the locale (LC_ALL, LC_MESSAGES, LANG, the first
 * one set, as POSIX orders them), then `lang` in the config file, then English. A locale that names
 * no language (C, POSIX, C.UTF-8: what containers and cron set) leaves the choice to the config, so
 * `lang` in the config is how a server's operator picks Chinese. Anything starting `zh` is
 * Simplified Chinese; any other language is English (the only two there are).
 *
 * No imports (the types aside): the loader reads the language of a run from here too
 * (src/loader/chunks.ts), and its bundle stays small.
 */
import type { Language } from './text.js';

/** `--lang` as the user typed it: en, zh-CN; zh, zh_CN and any case are taken too. */
export function parseLanguage(value: string): Language | undefined {
  const v = value.trim().toLowerCase().replace('_', '-');
  if (v === 'en' || v.startsWith('en-')) return 'en';
  if (v === 'zh' || v.startsWith('zh-')) return 'zh-CN';
  return undefined;
}

/** The language a locale value names, or undefined for one that names none (C, POSIX, C.UTF-8, empty). */
export function localeLanguage(value: string | undefined): Language | undefined {
  if (value === undefined || value === '') return undefined;
  const name = value.split(/[.@]/)[0]!;
  if (name === '' || name === 'C' || name === 'POSIX') return undefined;
  return name.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The first of LC_ALL, LC_MESSAGES, LANG that is set decides, if it names a language. */
export function environmentLanguage(env: Readonly<Record<string, string | undefined>>): Language | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value !== undefined && value !== '') return localeLanguage(value);
  }
  return undefined;
}

/** `--lang <value>` or `--lang=<value>` among the words before the command's own arguments end. */
export function languageArgument(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '--lang' && i + 1 < args.length) found = args[++i];
    else if (arg.startsWith('--lang=')) found = arg.slice('--lang='.length);
  }
  return found;
}

/**
 * The language the flag names, else the locale's: all a run knows of its language before the config
 * is read. A flag that names no language counts as none (the run reports it in this language).
 */
export function flagOrLocaleLanguage(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Language | undefined {
  return (flag === undefined ? undefined : parseLanguage(flag)) ?? environmentLanguage(env);
}
