import { Argument, Option } from 'commander';
import { programHelpText } from '../i18n/en/program-help.js';
import { local, Text } from '../i18n/text.js';

/**
 * Help text given as Texts and rendered when help is shown, in the chosen language. Commander
 * takes strings, made when a command is defined; `--help` defines every command (the root lists
 * their usage), so strings made then would build every help section of the catalogue, and a
 * command's run would build its own. Deferred, a run builds only what it shows.
 */

/**
 * Help text after a command's options: its blocks (examples, notes, the exit codes), each a whole
 * message. A function, as commander's addHelpText takes one; the program's own addHelpText knows it
 * (`blocks`) and fits it to the terminal.
 */
export type HelpBlocks = (() => string) & { readonly blocks: true };

export function helpBlocks(...blocks: (Text | string)[]): HelpBlocks {
  return Object.assign(() => blocks.map((block) => local(block)).join(''), { blocks: true as const });
}

/** The examples block: command lines, shown as they are in every language, and lines of prose among them. */
export function examples(...lines: (Text | string)[]): Text {
  return programHelpText.examples({ commands: lines });
}

/** A Text where commander takes a description string: the command's createOption and createArgument render it when read. */
export function later(text: Text): string {
  return text as unknown as string;
}

/** Where a TextOption or TextArgument keeps what it was given as its description. */
const GIVEN = Symbol('description');

/**
 * `base` (commander's Option or Argument) with a description that may be a Text, rendered when
 * help reads it: one accessor on the prototype, which commander's constructor and help go
 * through. It was an accessor defined on each option, which gave every option a shape (a map) of
 * its own: `--help` defines 200 of them (valgrind, Node 20: `--help` 1.5 to 2M instructions fewer).
 */
function describedWhenRead<T extends typeof Option | typeof Argument>(base: T): T {
  const Described: T = class extends base {};
  Object.defineProperty(Described.prototype, 'description', {
    get(this: { [GIVEN]: unknown }): string {
      const given = this[GIVEN];
      return given instanceof Text ? local(given) : (given as string);
    },
    set(this: { [GIVEN]: unknown }, value: unknown) {
      this[GIVEN] = value;
    },
    configurable: true,
  });
  return Described;
}

/** commander's Option, whose description may be a Text (given through later()). */
export const TextOption = describedWhenRead(Option);
/** commander's Argument, whose description may be a Text (given through later()). */
export const TextArgument = describedWhenRead(Argument);

/** `new Option(flags, description)` with a description from the catalogue. */
export function textOption(flags: string, description: Text): Option {
  return new TextOption(flags, later(description));
}
