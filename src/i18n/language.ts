import { UsageError } from '../errors.js';
import { commonText } from './en/common.js';
import { parseLanguage } from './locale.js';
import { LANGUAGES, type Language } from './text.js';

// Which language a person reads: src/i18n/locale.ts.
export { environmentLanguage, flagOrLocaleLanguage, languageArgument, localeLanguage, parseLanguage } from './locale.js';

export function languageFlag(value: string): Language {
  const language = parseLanguage(value);
  if (language === undefined) {
    throw new UsageError(commonText.langFlag({ valid: LANGUAGES.join(', '), got: JSON.stringify(value) }));
  }
  return language;
}
