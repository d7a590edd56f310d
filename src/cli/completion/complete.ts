import type { Argument, Command, Option } from 'commander';
import { valueHintOf, type GivenWords, type HintValues } from '../completion-hints.js';

/** What the shell should offer for the word being typed: these words, and files too when `files`. */
export interface Completion {
  candidates: string[];
  files: boolean;
}

/** A value that names a file: `<file>`, `<file.csv>`, `<dir>`, `<json|@file|->`. */
const FILE_VALUE = /<[^>]*\b(file|dir)\b[^>]*>|@file|<file[^>]*>/;

/**
 * The candidates for the last of `words` (the command line after the program's name, the last
 * word being the one typed so far, maybe empty), read from commander's command tree: subcommands,
 * options (the command's and its parents', as commander accepts them), an option's values (its
 * choices, or a hint: completion-hints.ts), files where an option or argument takes one. A
 * command added later completes with no change here.
 */
export async function completeWords(root: Command, words: readonly string[]): Promise<Completion> {
  const current = words.length > 0 ? words[words.length - 1]! : '';
  let command = root;
  const options: Record<string, string> = {};
  let args: string[] = [];
  let valueOf: Option | undefined;
  let afterDashes = false;
  for (const word of words.slice(0, -1)) {
    if (valueOf) {
      options[valueOf.attributeName()] = word;
      valueOf = undefined;
      continue;
    }
    if (!afterDashes && word === '--') {
      afterDashes = true;
      continue;
    }
    if (!afterDashes && word.startsWith('-') && word.length > 1) {
      const [flag, ...value] = word.split('=');
      const option = findOption(command, flag!);
      if (option && takesValue(option)) {
        if (value.length > 0) options[option.attributeName()] = value.join('=');
        else valueOf = option;
      }
      continue;
    }
    const sub = afterDashes ? undefined : command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (sub) {
      command = sub;
      args = [];
    } else {
      args.push(word);
    }
  }
  const given: GivenWords = { options, args };
  if (valueOf) return optionValues(valueOf, current, given);
  if (!afterDashes && current.startsWith('-')) {
    // `--output=j`: the value of the option, each candidate the whole word (zsh and fish complete
    // words whole; the bash script hands back only what follows the '=').
    const [flag, ...value] = current.split('=');
    const option = value.length > 0 ? findOption(command, flag!) : undefined;
    if (option && takesValue(option)) {
      const values = await optionValues(option, value.join('='), given);
      return { candidates: values.candidates.map((v) => `${flag}=${v}`), files: values.files };
    }
    return { candidates: startingWith(optionNames(command, current), current), files: false };
  }
  const subcommands = visibleCommands(command).flatMap((c) => [c.name(), ...c.aliases()]);
  const argument: Argument | undefined = command.registeredArguments[args.length] ?? lastVariadic(command);
  const hint = argument && valueHintOf(argument);
  if (hint) {
    const { candidates, files } = hinted(await hint(given), FILE_VALUE.test(`<${argument.name()}>`));
    return { candidates: startingWith([...subcommands, ...candidates], current), files };
  }
  const files = argument !== undefined && FILE_VALUE.test(`<${argument.name()}>`);
  const choices = argument?.argChoices ?? [];
  return { candidates: startingWith([...subcommands, ...choices], current), files };
}

/** A hint's values; files where the hint says, else where the value's name says (`<file>`). */
function hinted(values: HintValues, files: boolean): Completion {
  return 'candidates' in values ? { candidates: [...values.candidates], files: values.files } : { candidates: [...values], files };
}

function lastVariadic(command: Command): Argument | undefined {
  const last = command.registeredArguments[command.registeredArguments.length - 1];
  return last?.variadic ? last : undefined;
}

async function optionValues(option: Option, current: string, given: GivenWords): Promise<Completion> {
  const hint = valueHintOf(option);
  const files = FILE_VALUE.test(option.flags);
  const values = hint ? hinted(await hint(given), files) : { candidates: option.argChoices ?? [], files };
  // A `--set` path typed whole (`card_info.point=`) is not offered again: its value follows.
  const candidates = startingWith(values.candidates, current).filter((v) => !(v === current && v.endsWith('=')));
  return { candidates, files: values.files };
}

function takesValue(option: Option): boolean {
  return option.required || option.optional;
}

/** The option `flag` names, on the command or a parent (commander takes a parent's options after a subcommand). */
function findOption(command: Command, flag: string): Option | undefined {
  for (let c: Command | null = command; c; c = c.parent) {
    const option = c.options.find((o) => o.long === flag || o.short === flag);
    if (option) return option;
  }
  return undefined;
}

/** Long names (and short ones for a bare `-`), the command's before its parents', none hidden. */
function optionNames(command: Command, current: string): string[] {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) {
    for (const option of c.options) {
      if ((option as Option & { hidden?: boolean }).hidden) continue;
      if (option.long) names.push(option.long);
      if (current === '-' && option.short) names.push(option.short);
    }
  }
  names.push('--help');
  return [...new Set(names)];
}

function visibleCommands(command: Command): Command[] {
  return command.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden);
}

function startingWith(values: readonly string[], prefix: string): string[] {
  return values.filter((v) => v.startsWith(prefix));
}
