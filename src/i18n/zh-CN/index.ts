// The Simplified Chinese catalogue: every section of src/i18n/en/ under its name, loaded whole (one
// chunk) before the command line is parsed, only when Chinese is chosen (src/cli/main.ts).
import type { Entries } from '../text.js';
import { cardCommandsCommon } from './card-commands-common.js';
import { cardCommandsLife } from './card-commands-life.js';
import { cardCommandsOpen } from './card-commands-open.js';
import { common } from './common.js';
import { renderGatewayFailure } from './render-gateway-failure.js';
import { renderTables } from './render-tables.js';
import { templateCommandsFiles } from './template-commands-files.js';
import { templateCommandsImages } from './template-commands-images.js';

export const zhCN: Readonly<Record<string, Entries>> = {
  'card-commands-common': cardCommandsCommon,
  'card-commands-life': cardCommandsLife,
  'card-commands-open': cardCommandsOpen,
  common,
  'render-gateway-failure': renderGatewayFailure,
  'render-tables': renderTables,
  'template-commands-files': templateCommandsFiles,
  'template-commands-images': templateCommandsImages,
};
