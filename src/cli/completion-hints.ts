import type { Option } from 'commander';

/**
 * What shell completion offers as an option's value where commander's own `choices` cannot say it
 * (field paths for --set, gateway names that are not the only valid values, profiles from the
 * config). Kept beside the command tree: a command declares its hints with its options, and the
 * completion code (completion/complete.ts) reads them without knowing any command.
 */
export type ValueHint = () => readonly string[] | Promise<readonly string[]>;

const hints = new WeakMap<Option, ValueHint>();

export function hintValues(option: Option, values: ValueHint): Option {
  hints.set(option, values);
  return option;
}

export function valueHintOf(option: Option): ValueHint | undefined {
  return hints.get(option);
}
