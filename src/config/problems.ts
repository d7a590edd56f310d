import { ConfigError } from '../errors.js';
import { commonText } from '../i18n/en/common.js';
import { configLoadText } from '../i18n/en/config-load.js';
import { english, Text } from '../i18n/text.js';
import { editDistance } from './edit-distance.js';

/** One thing wrong with the configuration, e.g. `profiles.sandbox.signType: expected "RSA2" or "RSA", got "RSA3"`. */
export interface Problem {
  /** Dot path in the file (`profiles.sandbox.signType`), an env var name, or '' for the whole file. */
  path: string;
  /** In English, as machines read it. */
  message: string;
  /** The message as data, for a person (`local()`); absent where it was given as a plain string. */
  text?: Text;
}

/** A problem from its message as data: `message` is its English. */
export function problem(path: string, text: Text): Problem {
  return { path, message: english(text), text };
}

/** What a person reads of a problem, its path in front: `profiles.sandbox.signType: expected …`. */
export function problemLine(p: Problem): Text | string {
  const message = p.text ?? p.message;
  return p.path === '' ? message : commonText.pathed({ path: p.path, message });
}

/** The problems of one place: a config file (absolute path) or the environment. */
export interface ProblemGroup {
  where: string | Text;
  problems: Problem[];
}

/** All problems of every place in one error, so a user fixes them in one pass rather than one per run. */
export function problemsError(groups: readonly ProblemGroup[]): ConfigError {
  const texts = groups
    .filter((group) => group.problems.length > 0)
    .map((group) => configLoadText.problemGroup({ where: group.where, count: group.problems.length, lines: group.problems.map(problemLine) }));
  return new ConfigError(configLoadText.problemGroups({ groups: texts }), { hint: configLoadText.exampleHint() });
}

/**
 * An error whose message is data (a loader's, thrown through cosmiconfig): `message` is its English
 * and `text` what a person reads. `errorText` reads it back, or any error's message as it is.
 */
export class TextError extends Error {
  constructor(readonly text: Text) {
    super(english(text));
  }
}

/** An error's message for a person: its Text where it has one (CliError, TextError), else as Node said it. */
export function errorText(error: unknown): Text | string {
  const text = (error as { text?: unknown } | null | undefined)?.text;
  if (typeof text === 'string' || text instanceof Text) return text;
  return error instanceof Error ? error.message : String(error);
}

/** `profiles.sandbox.appId`; a segment that is not a plain name is quoted: `profiles["my prod"].appId`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    const text = String(segment);
    if (typeof segment === 'number') out += `[${text}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(text)) out += out === '' ? text : `.${text}`;
    else out += `[${JSON.stringify(text)}]`;
  }
  return out;
}

/** The closest candidate to a mistyped name, if it is close enough to be what was meant. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = lower === candidate.toLowerCase() ? 0 : editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Up to a third of the name may differ (min 2): catches case slips, a dropped or swapped letter.
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3))) return best;
  // Or an abbreviation: 'prod' for 'production'.
  return lower.length >= 3 ? candidates.find((c) => c.toLowerCase().startsWith(lower)) : undefined;
}

/**
 * How a rejected value is shown: strings quoted (shortened), secrets only by their kind and length,
 * so a mistyped private key or token never lands in a terminal or CI log. A whole file, the
 * profiles or a profile that is not an object is shown as a secret is: `-c aes_key` read a key file
 * as a config, one YAML string, and printed the key.
 */
export function describeInput(input: unknown, secret = false): Text | string {
  if (input === undefined) return configLoadText.inputNothing();
  if (input === null) return 'null';
  if (typeof input === 'string') {
    if (secret) return input === '' ? configLoadText.inputEmptyString() : configLoadText.inputSecretString({ length: input.length });
    return JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  }
  if (typeof input === 'number') return secret ? configLoadText.inputSecretNumber() : configLoadText.inputNumber({ value: String(input) });
  if (typeof input === 'boolean') return configLoadText.inputBoolean({ value: String(input) });
  if (Array.isArray(input)) return configLoadText.inputArray();
  if (typeof input === 'object') return configLoadText.inputObject();
  return typeof input;
}
