// The terminal prompter's own words (src/cli/prompts.ts): the answer to a yes/no question, the
// keys of a choice, and why a question cannot be asked.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** A yes/no answer as it is shown once given. */
  yes: 'Yes',
  no: 'No',
  /** Under a list to choose from. */
  selectKeys: '↑↓ navigate • ⏎ select',
  confirmationUnseen: (p: { what: string }) => `${p.what} needs a confirmation, and stderr, where it is asked, is not the terminal: nothing was sent`,
  confirmationUnseenHint: 'pass --yes to go ahead without the question (or --no-input, as scripts do), or let stderr reach the terminal',
  confirmationNotAsked: (p: { what: string }) => `${p.what} needs a confirmation, and stdout is not the terminal (a pipe or a file), where nothing is asked: nothing was sent`,
  confirmationNotAskedHint: 'pass --yes to go ahead without the question, or let stdout reach the terminal',
  interrupted: 'interrupted: nothing was written or sent',
} satisfies Entries);

export type InputPromptsEntries = ReturnType<typeof entries>;
export const promptText = messages('input-prompts', entries);
