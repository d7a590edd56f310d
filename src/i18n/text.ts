/**
 * Messages a person reads, as data: a `Text` names its catalogue section, its key and its
 * parameters, and is rendered in a language only where it is shown. Machine output (JSON, NDJSON,
 * results files, a gateway's sub_msg, an error's `.message`) always takes the English rendering,
 * so it never changes with the language; stderr, prompts, help and tables take `local()`.
 *
 * English sections live beside nothing but their words in src/i18n/en/, and each is loaded with
 * the code that uses it (start-up: the English of `card batch` is not parsed for `--help`). The
 * translations in src/i18n/<lang>/ are typed as the same keys and parameters, and loaded whole,
 * once, before the command line is parsed, only when that language is chosen.
 */

/** A parameter: a plain value, another Text (rendered in the same language), or a list of them. */
export type Param = string | number | Text | readonly (string | number | Text)[];
export type Params = Readonly<Record<string, Param>>;

/** One message in English: fixed words, or a function of named parameters giving whole sentences. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Entry = string | ((params: any) => string);
export type Entries = Readonly<Record<string, Entry>>;

/** The same keys with the same parameters, in another language. */
export type Translation<S extends Entries> = { readonly [K in keyof S]: S[K] extends string ? string : S[K] };

/** Each key of a section as a maker of its Text: `cardText.missing({ field })`. */
export type Messages<S extends Entries> = {
  readonly [K in keyof S]: S[K] extends (params: infer P) => string ? (params: Accepting<P>) => Text : () => Text;
};

/** Where an entry reads a string, its maker takes a Text too: it is rendered in the same language. */
type Accepting<P> = {
  readonly [K in keyof P]: P[K] extends string ? string | Text
    : P[K] extends readonly string[] ? readonly (string | Text)[]
      : P[K];
};

export class Text {
  constructor(
    readonly section: string,
    readonly key: string,
    readonly params: Params | undefined,
  ) {}

  /** English: what machine output and `Error.message` carry. */
  toString(): string {
    return render(this, ENGLISH);
  }

  toJSON(): string {
    return this.toString();
  }
}

export type Language = 'en' | 'zh-CN';
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

/** A language's sections by name. */
type Catalogue = (section: string) => Entries | undefined;

// English sections are declared as functions and built when first used: their words are then parsed
// only by the runs that show them (a run shows a few sections of forty), which is start-up.
const englishDeclared = new Map<string, () => Entries>();
const englishBuilt = new Map<string, Entries>();
const ENGLISH: Catalogue = (section) => {
  let entries = englishBuilt.get(section);
  if (entries === undefined) {
    const build = englishDeclared.get(section);
    if (build === undefined) return undefined;
    entries = build();
    englishBuilt.set(section, entries);
  }
  return entries;
};
let current: Catalogue = ENGLISH;
let currentLanguage: Language = 'en';

/**
 * Declares a section's English words (a function returning them, called on first use) and returns
 * its makers. The name is the section's file name.
 */
export function messages<const S extends Entries>(section: string, entries: () => S): Messages<S> {
  if (englishDeclared.has(section) && englishDeclared.get(section) !== entries) throw new Error(`i18n: section ${section} is declared twice`);
  englishDeclared.set(section, entries);
  // A maker is made on first use, without building the section: declaring Texts (a field's
  // description, a command's) costs nothing until one is rendered. The key is checked by tsc and
  // when rendered; `then` is no key, so a section is never mistaken for a promise. Kept in a Map:
  // as properties of an object, each new key was a new hidden class for V8 to make (start-up).
  const makers = new Map<string, (params?: Params) => Text>();
  return new Proxy({}, {
    get: (_target, key) => {
      if (typeof key !== 'string' || key === 'then') return undefined;
      let make = makers.get(key);
      if (make === undefined) makers.set(key, (make = (params?: Params) => new Text(section, key, params)));
      return make;
    },
  }) as unknown as Messages<S>;
}

/**
 * The language `local()` renders in, and where its sections come from: a function giving a section's
 * words by name (src/cli/language.ts), called once per section, when it is first shown.
 */
export function useLanguage(
  language: Language,
  translation?: ((section: string) => Entries | undefined) | Readonly<Record<string, () => Entries>>,
): void {
  currentLanguage = language;
  if (language === 'en' || translation === undefined) {
    current = ENGLISH;
    return;
  }
  // A catalogue's index (src/i18n/<lang>/index.ts) is its sections by name.
  const load = typeof translation === 'function' ? translation : (section: string) => translation[section]?.();
  const built = new Map<string, Entries | undefined>();
  current = (section) => {
    if (!built.has(section)) built.set(section, load(section));
    return built.get(section);
  };
}

export function language(): Language {
  return currentLanguage;
}

/** For a person: the chosen language. A plain string (a value, a name) is itself. */
export function local(text: Text | string): string {
  return typeof text === 'string' ? text : render(text, current);
}

/** For a machine: English, whatever the language. */
export function english(text: Text | string): string {
  return typeof text === 'string' ? text : render(text, ENGLISH);
}

function render(text: Text, catalogue: Catalogue): string {
  // A key missing from a translation (impossible once tsc and the catalogue test pass) falls back
  // to English rather than printing nothing.
  const entry = catalogue(text.section)?.[text.key] ?? ENGLISH(text.section)?.[text.key];
  if (entry === undefined) throw new Error(`i18n: no message ${text.section}.${text.key}`);
  if (typeof entry === 'string') return entry;
  const params: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) params[name] = renderParam(value, catalogue);
  return entry(params);
}

function renderParam(value: Param, catalogue: Catalogue): string | number | string[] {
  if (value instanceof Text) return render(value, catalogue);
  if (Array.isArray(value)) return value.map((item) => (item instanceof Text ? render(item, catalogue) : String(item)));
  return value as string | number;
}

/** The English sections declared so far, each built (the catalogue test loads them all first). */
export function englishSections(): ReadonlyMap<string, Entries> {
  return new Map([...englishDeclared.keys()].map((section) => [section, ENGLISH(section)!]));
}
