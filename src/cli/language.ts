import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { packageRequire } from '../loader/packages.js';
import { configCandidates, MODULE_NAME } from '../config/search-places.js';
import type { Context } from './context.js';
import { flagOrLocaleLanguage, languageArgument, languageFlag, parseLanguage } from '../i18n/language.js';
import { useLanguage, type Entries, type Language } from '../i18n/text.js';

/** Set by the build: the directory, beside the chunks, holding a file per section of each translation. */
declare const __TRANSLATIONS__: string | undefined;

/**
 * Chooses the language of everything a person reads, before the command line is parsed (help text
 * is written when the program is built): `--lang`, the locale, the config's `lang`, English
 * (src/i18n/language.ts). English loads nothing. Chinese: built, each section of the catalogue is
 * required when first shown (`--help` shows six of forty); from the sources (tests), the whole
 * catalogue is imported here.
 */
export async function chooseLanguage(args: readonly string[], ctx: Context): Promise<Language> {
  const flag = languageArgument(args);
  const chosen = flagOrLocaleLanguage(flag, ctx.env) ?? (await configLanguage(args, ctx)) ?? 'en';
  if (chosen === 'en') {
    useLanguage('en');
  } else if (typeof __TRANSLATIONS__ === 'string') {
    // Built, a chunk's `require` is the loader's (src/loader/chunks.ts), which keeps the code V8
    // compiled of a translation as of the chunks.
    const load = typeof require === 'function' ? require : packageRequire(import.meta.url);
    const files = `${__TRANSLATIONS__}/${chosen}/`;
    useLanguage(chosen, (section) => {
      // A file per area, the first word of a section's name (scripts/build.mjs), its sections by name.
      const area = load(`${files}${section.split('-')[0]}.js`) as { default: Readonly<Record<string, () => Entries>> };
      return area.default[section]?.();
    });
  } else {
    const { zhCN } = await import('../i18n/zh-CN/index.js');
    useLanguage(chosen, zhCN);
  }
  // A --lang that names no language is reported, in the language the run has without it.
  if (flag !== undefined) languageFlag(flag);
  return chosen;
}

/**
 * `lang` of the config file the command will read, if it names a language. A config that cannot be
 * read is no choice: the command reports it, in English, when it loads the config itself.
 */
async function configLanguage(args: readonly string[], ctx: Context): Promise<Language | undefined> {
  const where = { cwd: ctx.cwd, env: ctx.env, homeDir: ctx.homeDir, configFile: configArgument(args) };
  // No file where the search would look (a package.json counts only if it names us: the search
  // reads its "alipay-card" key): no config, and no need to load the search to say so. Run inside
  // any Node project, the search would otherwise be loaded for every `--help`.
  if (!configCandidates(where).some((path) => existsSync(path) && (basename(path) !== 'package.json' || mentionsUs(path)))) return undefined;
  try {
    const { findConfig } = await import('../config/search.js');
    const found = await findConfig(where);
    ctx.configFound = { ...where, found };
    const lang = (found?.content as { lang?: unknown } | undefined)?.lang;
    return typeof lang === 'string' ? parseLanguage(lang) : undefined;
  } catch {
    return undefined;
  }
}

function mentionsUs(packageJson: string): boolean {
  try {
    return readFileSync(packageJson, 'utf8').includes(`"${MODULE_NAME}"`);
  } catch {
    return true;
  }
}

function configArgument(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if ((arg === '-c' || arg === '--config') && i + 1 < args.length) found = args[++i];
    else if (arg.startsWith('--config=')) found = arg.slice('--config='.length);
  }
  return found;
}
