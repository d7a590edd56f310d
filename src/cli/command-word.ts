/** The global options that take a value: the word after one is its value, not the command. */
const VALUED_GLOBAL_OPTIONS = new Set(['-c', '--config', '-p', '--profile', '--gateway', '-o', '--output', '--timeout', '--lang']);

/**
 * Where the first word that is not a global option (or its value) is: the command's name. Used
 * before commander parses (program.ts) and by the loader, which names a run's code caches after
 * its command (src/loader/chunks.ts): a module with no imports, so the loader's bundle stays small.
 */
export function commandWordAt(args: readonly string[]): number {
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) i += VALUED_GLOBAL_OPTIONS.has(args[i]!) ? 2 : 1;
  return i;
}

/** Whether one of `flags` is among the global options before the command's name (not an option's value). */
export function globalFlagGiven(args: readonly string[], flags: readonly string[]): boolean {
  for (let i = 0; i < args.length && args[i]!.startsWith('-'); i += VALUED_GLOBAL_OPTIONS.has(args[i]!) ? 2 : 1) {
    if (flags.includes(args[i]!)) return true;
  }
  return false;
}

/** `args` less the global options before the command's name that are one of `flags` (an option's value is kept). */
export function withoutGlobalFlags(args: readonly string[], flags: readonly string[]): string[] {
  const end = commandWordAt(args);
  const kept: string[] = [];
  for (let i = 0; i < end; i++) {
    const arg = args[i]!;
    if (VALUED_GLOBAL_OPTIONS.has(arg)) {
      kept.push(...args.slice(i, i + 2));
      i++;
    } else if (!flags.includes(arg)) kept.push(arg);
  }
  return [...kept, ...args.slice(end)];
}
