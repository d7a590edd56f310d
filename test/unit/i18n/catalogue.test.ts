import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import '../../../src/i18n/en/index.js';
import { zhCN } from '../../../src/i18n/zh-CN/index.js';
import { englishSections, type Entries, type Entry } from '../../../src/i18n/text.js';

// One catalogue per language, the same keys in each (tsc checks the types of src/i18n/zh-CN against
// src/i18n/en; this checks what tsc cannot: every file is listed, a translation reads the same
// parameters as the English, and none is an English copy left untranslated).

const i18n = resolve(import.meta.dirname ?? dirname(new URL(import.meta.url).pathname), '../../../src/i18n');
const sectionFiles = (lang: string) => readdirSync(join(i18n, lang)).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();

/** Words a translation may share with the English (names, formats): add one here only with a reason. */
const SAME_IN_BOTH = new Set<string>([]);

/** The parameters an entry reads: `p.name` in its source (entries take one parameter, named p). */
function paramsRead(entry: Entry): string[] {
  if (typeof entry === 'string') return [];
  return [...new Set([...String(entry).matchAll(/\bp\.(\w+)/g)].map((m) => m[1]!))].sort();
}

/** The words of an entry: its string literals, without their ${…} parts. */
function words(entry: Entry): string {
  if (typeof entry === 'string') return entry;
  return [...String(entry).matchAll(/(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2]!.replace(/\$\{[^}]*\}/g, '')).join(' ');
}

/** Every source file outside src/i18n, as one text: where entries are used. */
function sourcesOutsideI18n(dir = join(i18n, '..')): string {
  return readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === i18n ? '' : sourcesOutsideI18n(path);
    return entry.name.endsWith('.ts') ? readFileSync(path, 'utf-8') : '';
  }).join('\n');
}

describe('the message catalogues', () => {
  const english = englishSections();

  it('every English section file is loaded by src/i18n/en/index.ts, under its file name', () => {
    expect([...english.keys()].sort()).toEqual(sectionFiles('en'));
  });

  it('every section has a Chinese translation, listed in src/i18n/zh-CN/index.ts under the same name', () => {
    expect(sectionFiles('zh-CN')).toEqual(sectionFiles('en'));
    expect(Object.keys(zhCN).sort()).toEqual(sectionFiles('en'));
  });

  describe.each(sectionFiles('en'))('section %s', (section) => {
    const en = english.get(section) as Entries;
    const zh = zhCN[section]!();

    it('has the same keys in English and Chinese', () => {
      expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    });

    it('reads the same parameters in both, each entry taking one parameter named p', () => {
      const differ: string[] = [];
      for (const key of Object.keys(en)) {
        const [e, z] = [en[key]!, zh[key]];
        if (z === undefined) continue;
        for (const entry of [e, z]) {
          if (typeof entry === 'function' && entry.length > 0 && !/^\(?\s*p\s*[,):=]/.test(String(entry))) differ.push(`${key}: its parameter is not named p: ${String(entry).slice(0, 60)}`);
        }
        if (typeof e !== typeof z) differ.push(`${key}: ${typeof e} in English, ${typeof z} in Chinese`);
        else if (paramsRead(e).join() !== paramsRead(z).join()) differ.push(`${key}: English reads ${paramsRead(e).join(', ') || 'nothing'}, Chinese ${paramsRead(z).join(', ') || 'nothing'}`);
      }
      expect(differ).toEqual([]);
    });

    it('has no entry nothing uses (its maker is named somewhere in src, outside src/i18n)', () => {
      // language.ts is the one user inside src/i18n (the --lang error).
      const sources = sourcesOutsideI18n() + readFileSync(join(i18n, 'language.ts'), 'utf-8');
      expect(Object.keys(en).filter((key) => !new RegExp(`\\.${key}\\b`).test(sources))).toEqual([]);
    });

    it('is translated: no Chinese entry is the English copied', () => {
      const copies = Object.keys(en).filter((key) => {
        const [e, z] = [en[key]!, zh[key]];
        if (z === undefined || SAME_IN_BOTH.has(`${section}.${key}`)) return false;
        const same = typeof e === 'string' ? e === z : words(e) === words(z as Entry);
        return same && /[A-Za-z]{2,}/.test(words(e));
      });
      expect(copies).toEqual([]);
    });
  });
});
