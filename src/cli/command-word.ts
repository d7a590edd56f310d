/** The global options that take a value: the word after one is its value, not the command. */
const VALUED_GLOBAL_OPTIONS = new Set(['-c', '--config', '-p', '--profile', '--gateway', '-o', '--output', '--timeout', '--lang']);
/**
 * The global flags with a one-letter form that take no value: commander reads `-vV` as `-v -V`.
 * Not `-h`: commander registers no option for it, so `-hv` is an unknown option, and `-vh` is
 * `-v` and then `-h` (helpAsked).
 */
const SHORT_FLAGS = new Set(['-V', '-v', '-y']);

/**
 * Where the first word that is not a global option (or its value) is: the command's name. Used
 * before commander parses (program.ts) and by the loader, which names a run's code caches after
 * its command (src/loader/chunks.ts): a module with no imports, so the loader's bundle stays small.
 */
export function commandWordAt(args: readonly string[]): number {
  return globalOptions(args).end;
}

/** Whether one of `flags` is among the global options before the command's name (not an option's value). */
export function globalFlagGiven(args: readonly string[], flags: readonly string[]): boolean {
  return globalOptions(args).given.some(({ flag }) => flags.includes(flag));
}

/**
 * `args` less the global options before the command's name that are one of `flags` (an option's
 * value is kept); out of a group of one-letter flags, the letter only (`-vV` less `-V` is `-v`).
 */
export function withoutGlobalFlags(args: readonly string[], flags: readonly string[]): string[] {
  // Each word's dropped letters by their place in it: only the flags themselves, never a letter of
  // a grouped option's value (`-vVcVENDOR.json` less `-V` is `-vcVENDOR.json`).
  const dropped = new Map<number, number[]>();
  for (const { at, flag, letter } of globalOptions(args).given) {
    if (flags.includes(flag)) dropped.set(at, [...(dropped.get(at) ?? []), letter ?? 0]);
  }
  return args.flatMap((arg, i) => {
    const letters = dropped.get(i);
    if (letters === undefined) return [arg];
    const left = [...arg].filter((_, k) => k > 0 && !letters.includes(k)).join('');
    return arg.startsWith('--') || letters.includes(0) || left === '' ? [] : [`-${left}`];
  });
}

/**
 * Whether a command line asks for help, as commander reads it: `-h` or `--help` (before `--`), or a
 * group of one-letter flags that ends in `h` (`-vh`, `-yh`), which commander reads as those flags
 * and `-h`; not `-hv`, an unknown option to it.
 */
export function helpAsked(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '-h' || arg === '--help') return true;
    if (arg.length > 2 && arg[1] !== '-' && arg.endsWith('h') && [...arg.slice(1, -1)].every((letter) => SHORT_FLAGS.has(`-${letter}`))) return true;
  }
  return false;
}

/**
 * The global options before the command's name (`given`: each flag and the word it is in, not
 * their values), and where that name is (`end`). A group of one-letter flags (`-vV`, `-yc file`) is
 * read letter by letter, as commander does: a flag taking a value takes the rest of the group, or
 * the next word when it is the group's last letter.
 */
function globalOptions(args: readonly string[]): { given: Array<{ at: number; flag: string; letter?: number }>; end: number } {
  // `letter`: a grouped flag's place in its word.
  const given: Array<{ at: number; flag: string; letter?: number }> = [];
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    const arg = args[i]!;
    const at = i;
    i += 1;
    // Not a regular expression: the loader runs this at every start, and each one is compiled first.
    if (arg.length > 2 && arg[1] !== '-' && SHORT_FLAGS.has(arg.slice(0, 2))) {
      for (let k = 1; k < arg.length; k++) {
        const flag = `-${arg[k]}`;
        given.push({ at, flag, letter: k });
        if (SHORT_FLAGS.has(flag)) continue;
        // A flag that takes a value takes the rest of the group (not a flag of it), or the next word.
        if (VALUED_GLOBAL_OPTIONS.has(flag) && k === arg.length - 1) i += 1;
        break;
      }
      continue;
    }
    given.push({ at, flag: arg });
    if (VALUED_GLOBAL_OPTIONS.has(arg)) i += 1;
  }
  return { given, end: i };
}
