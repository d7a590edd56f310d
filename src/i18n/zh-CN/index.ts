// The Simplified Chinese catalogue: every section of src/i18n/en/ under its name, loaded whole (one
// chunk) before the command line is parsed, only when Chinese is chosen (src/cli/main.ts).
import type { Entries } from '../text.js';
import { common } from './common.js';
import { programCard } from './program-card.js';
import { programCardFields } from './program-card-fields.js';
import { programCommands } from './program-commands.js';
import { programHelp } from './program-help.js';
import { programTemplates } from './program-templates.js';

export const zhCN: Readonly<Record<string, Entries>> = {
  common,
  'program-card': programCard,
  'program-card-fields': programCardFields,
  'program-commands': programCommands,
  'program-help': programHelp,
  'program-templates': programTemplates,
};
