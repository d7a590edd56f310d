import { programHelpText } from '../i18n/en/program-help.js';
import { local, type Text } from '../i18n/text.js';

/**
 * Help text after a command's options: its blocks (examples, notes, the exit codes) one after the
 * other, each a whole message in the chosen language.
 */
export function helpBlocks(...blocks: (Text | string)[]): string {
  return blocks.map((block) => local(block)).join('');
}

/** The examples block: command lines, shown as they are in every language, and lines of prose among them. */
export function examples(...lines: (Text | string)[]): Text {
  return programHelpText.examples({ commands: lines });
}
