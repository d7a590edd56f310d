// The Simplified Chinese catalogue: every section of src/i18n/en/ under its name, loaded whole (one
// chunk) before the command line is parsed, only when Chinese is chosen (src/cli/main.ts).
import type { Entries } from '../text.js';
import { cardCommandsCommon } from './card-commands-common.js';
import { cardCommandsOpen } from './card-commands-open.js';
import { common } from './common.js';

export const zhCN: Readonly<Record<string, Entries>> = {
  'card-commands-common': cardCommandsCommon,
  'card-commands-open': cardCommandsOpen,
  common,
};
