import type { Argument, Option } from 'commander';

/**
 * What shell completion offers as an option's or an argument's value where commander's own
 * `choices` cannot say it (field paths for --set, gateway names that are not the only valid values,
 * profiles from the config, a setting's values). Kept beside the command tree: a command declares
 * its hints with its options and arguments, and the completion code (completion/complete.ts)
 * reads them without knowing any command.
 */
export type ValueHint = (given: GivenWords) => HintValues | Promise<HintValues>;

/** Values; or values and whether file names fit too (`config set privateKeyFile <TAB>`). */
export type HintValues = readonly string[] | { readonly candidates: readonly string[]; readonly files: boolean };

/** What the command line holds before the word being completed. */
export interface GivenWords {
  /** Option values by commander's attribute name: `-c other.json` → `{ config: 'other.json' }`. */
  options: Readonly<Record<string, string>>;
  /** The arguments of the command being completed, before this one: `config set privateKeyFile` → `['privateKeyFile']`. */
  args: readonly string[];
}

const hints = new WeakMap<Option | Argument, ValueHint>();

export function hintValues<T extends Option | Argument>(target: T, values: ValueHint): T {
  hints.set(target, values);
  return target;
}

export function valueHintOf(target: Option | Argument): ValueHint | undefined {
  return hints.get(target);
}
