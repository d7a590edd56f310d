import { ConfigError } from '../errors.js';
import { editDistance } from './edit-distance.js';

/** One thing wrong with the configuration, e.g. `profiles.sandbox.signType: expected "RSA2" or "RSA", got "RSA3"`. */
export interface Problem {
  /** Dot path in the file (`profiles.sandbox.signType`), an env var name, or '' for the whole file. */
  path: string;
  message: string;
}

/** The problems of one place: a config file (absolute path) or 'the environment'. */
export interface ProblemGroup {
  where: string;
  problems: Problem[];
}

export const EXAMPLE_HINT = 'every key is shown in config.example.json (shipped with alipay-card); `alipay-card config init` writes a valid profile';

/** All problems of every place in one error, so a user fixes them in one pass rather than one per run. */
export function problemsError(groups: readonly ProblemGroup[]): ConfigError {
  const lines: string[] = [];
  for (const group of groups) {
    if (group.problems.length === 0) continue;
    const n = group.problems.length;
    lines.push(`${group.where}: ${n} problem${n === 1 ? '' : 's'}`);
    for (const p of group.problems) lines.push(`  ${p.path === '' ? p.message : `${p.path}: ${p.message}`}`);
  }
  return new ConfigError(lines.join('\n'), { hint: EXAMPLE_HINT });
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
 * How a rejected value is shown: strings quoted (shortened), secrets only by length, so a
 * mistyped private key or token never lands in a terminal or CI log.
 */
export function describeInput(input: unknown, secret = false): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (typeof input === 'string') {
    if (secret) return input === '' ? 'an empty string' : `a string of ${input.length} characters`;
    return JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  }
  if (typeof input === 'number' || typeof input === 'boolean') return `${typeof input} ${String(input)}`;
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'object') return 'an object';
  return typeof input;
}
