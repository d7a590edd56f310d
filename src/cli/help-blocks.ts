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

/** An option or argument whose description is rendered when help reads it. */
export function deferDescription<T extends Option | Argument>(item: T, description: unknown): T {
  if (!(description instanceof Text)) return item;
  let text: Text | string = description;
  Object.defineProperty(item, 'description', {
    get: () => local(text),
    set: (value: string) => {
      text = value;
    },
    enumerable: true,
    configurable: true,
  });
  return item;
}

/** `new Option(flags, description)` with a description from the catalogue. */
export function textOption(flags: string, description: Text): Option {
  return deferDescription(new Option(flags), description);
}
