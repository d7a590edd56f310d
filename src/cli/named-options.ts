import type { Command, Option } from 'commander';
import { helpAsked } from './command-word.js';

/**
 * The options a command line names: each long one (`--json`, and `--config` of `--config=x`) and
 * each one-letter one standing alone (`-c`); `--no-color` names `--color` too. Undefined, which
 * stands for all of them, when it asks for help, or has a word commander reads letter by letter
 * (`-vy`, `-cfile`, or a value such as `-10`).
 *
 * Words after `--` count too: an option's value may be `--` (`--member-name -- --user-id 2088…`),
 * and commander reads on past it then. An option declared for nothing costs only itself.
 */
export function namedOptions(args: readonly string[]): ReadonlySet<string> | undefined {
  if (helpAsked(args)) return undefined;
  const named = new Set<string>();
  for (const arg of args) {
    // A value, `-` (stdin) or `--`: no option.
    if (arg.length < 2 || arg[0] !== '-' || arg === '--') continue;
    if (arg[1] === '-') {
      const equals = arg.indexOf('=');
      const flag = equals < 0 ? arg : arg.slice(0, equals);
      named.add(flag);
      // Commander gives `--no-x` declared without `--x` a default of true (x is then on unless
      // `--no-x` is read as an option): with `--x` declared first, as help declares them, it has none.
      if (flag.startsWith('--no-')) named.add(`--${flag.slice(5)}`);
    } else if (arg.length === 2) {
      named.add(arg);
    } else {
      return undefined;
    }
  }
  return named;
}

/**
 * Whether an option's definition has `flag` among its flags: `-c, --config <file>` has `-c` and
 * `--config`, not `--conf`. Looked for, not split into words: this runs for every option
 * declared, and a command line names only a few.
 */
export function defines(definition: string, flag: string): boolean {
  for (let at = definition.indexOf(flag); at >= 0; at = definition.indexOf(flag, at + 1)) {
    const after = definition[at + flag.length];
    if ((at === 0 || definition[at - 1] === ' ') && (after === undefined || after === ' ' || after === ',')) return true;
  }
  return false;
}

function namesOne(named: ReadonlySet<string>, definition: string): boolean {
  for (const flag of named) if (defines(definition, flag)) return true;
  return false;
}

interface Pending {
  command: Command;
  definition: string;
  make: (definition: string) => Option;
  place: number;
}

/**
 * Options declared when the command line names them, and all of them when something needs the
 * whole set: help, shell completion, and an unknown option, whose error suggests the nearest
 * (CliCommand.unknownOption in program.ts). Commander makes an Option of each (its flags parsed,
 * its name camel-cased, each checked against every other one): the program's fourteen global
 * options and card open's twenty-eight were built on every run, for the two or three a command line
 * names (valgrind, Node 20: `sign` 1.6M instructions, `card open --dry-run` 2.3M); card query,
 * update and delete declare theirs the same way (card-life-program.ts). An option the command line
 * does not name has no value either way: none of these has a default (`card query --type`, which
 * has, is declared always); `--no-color` is declared with `--color` (namedOptions), so that it has
 * none either; `--no-input`, which has no positive twin, has a default of true when declared,
 * which cli/context.ts reads as it reads none (`input === false`).
 */
export class NamedOptions {
  readonly #named: ReadonlySet<string> | undefined;
  readonly #pending: Pending[] = [];
  /** Each option's place among its command's, as declared: declareAll keeps that order (help, completion). */
  readonly #places = new Map<Option, number>();
  readonly #counts = new Map<Command, number>();

  constructor(args: readonly string[]) {
    this.#named = namedOptions(args);
  }

  /** Adds to `command` the option `make(definition)` makes: now if the command line names it, else when declareAll runs. */
  add(command: Command, definition: string, make: (definition: string) => Option): void {
    const place = this.#counts.get(command) ?? 0;
    this.#counts.set(command, place + 1);
    const named = this.#named;
    if (named === undefined || namesOne(named, definition)) this.#declare({ command, definition, make, place });
    else this.#pending.push({ command, definition, make, place });
  }

  /** As commander's `command.option(definition, description, parse)`. */
  option<T>(command: Command, definition: string, description: string, parse?: (value: string, previous: T) => T): void {
    this.add(command, definition, (flags) => {
      const option = command.createOption(flags, description);
      return parse === undefined ? option : option.argParser(parse);
    });
  }

  /** Declares every option not declared yet, each in its place among its command's. */
  declareAll(): void {
    const commands = new Set<Command>();
    for (const pending of this.#pending.splice(0)) {
      this.#declare(pending);
      commands.add(pending.command);
    }
    // An option added otherwise (the program's --version, before these) keeps its place ahead of them.
    for (const command of commands) (command.options as Option[]).sort((a, b) => (this.#places.get(a) ?? -1) - (this.#places.get(b) ?? -1));
  }

  #declare({ command, definition, make, place }: Pending): void {
    const option = make(definition);
    this.#places.set(option, place);
    command.addOption(option);
  }
}
