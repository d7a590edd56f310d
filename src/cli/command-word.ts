/** The global options that take a value: the word after one is its value, not the command. */
const VALUED_GLOBAL_OPTIONS = new Set(['-c', '--config', '-p', '--profile', '--gateway', '-o', '--output', '--timeout', '--lang']);

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
  return globalOptions(args).at.some((i) => flags.includes(args[i]!));
}

/** `args` less the global options before the command's name that are one of `flags` (an option's value is kept). */
export function withoutGlobalFlags(args: readonly string[], flags: readonly string[]): string[] {
  const dropped = new Set(globalOptions(args).at.filter((i) => flags.includes(args[i]!)));
  return args.filter((_, i) => !dropped.has(i));
}

/** Where the global options before the command's name are (`at`, not their values), and where that name is (`end`). */
function globalOptions(args: readonly string[]): { at: number[]; end: number } {
  const at: number[] = [];
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    at.push(i);
    i += VALUED_GLOBAL_OPTIONS.has(args[i]!) ? 2 : 1;
  }
  return { at, end: i };
}
