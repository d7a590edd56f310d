// The Simplified Chinese catalogue: every section of src/i18n/en/ under its name, loaded whole (one
// chunk) before the command line is parsed, only when Chinese is chosen (src/cli/main.ts).
import type { Entries } from '../text.js';
import { common } from './common.js';
import { configCommands } from './config-commands.js';
import { configKeys } from './config-keys.js';
import { configLoad } from './config-load.js';

export const zhCN: Readonly<Record<string, Entries>> = {
  common,
  'config-commands': configCommands,
  'config-keys': configKeys,
  'config-load': configLoad,
};
