// The Simplified Chinese catalogue: every section of src/i18n/en/ under its name, loaded (one chunk)
// before the command line is parsed, only when Chinese is chosen (src/cli/language.ts); each section
// is a function, its words built when first shown.
import type { Entries } from '../text.js';
import { batchCommand } from './batch-command.js';
import { batchFiles } from './batch-files.js';
import { batchInput } from './batch-input.js';
import { batchRows } from './batch-rows.js';
import { cardCommandsCommon } from './card-commands-common.js';
import { cardCommandsLife } from './card-commands-life.js';
import { cardCommandsOpen } from './card-commands-open.js';
import { cardsCardLife } from './cards-card-life.js';
import { cardsCardOpen } from './cards-card-open.js';
import { cardsFields } from './cards-fields.js';
import { cardsImage } from './cards-image.js';
import { cardsMemberForm } from './cards-member-form.js';
import { cardsTemplates } from './cards-templates.js';
import { clientErrors } from './client-errors.js';
import { common } from './common.js';
import { configCommands } from './config-commands.js';
import { configKeys } from './config-keys.js';
import { configLoad } from './config-load.js';
import { demoRun } from './demo-run.js';
import { gatewayCli } from './gateway-cli.js';
import { gatewayLocal } from './gateway-local.js';
import { gatewayServe } from './gateway-serve.js';
import { inputArguments } from './input-arguments.js';
import { inputPrompts } from './input-prompts.js';
import { keysCommand } from './keys-command.js';
import { lockErrors } from './lock-errors.js';
import { memberForm } from './member-form.js';
import { memberServe } from './member-serve.js';
import { outputFiles } from './output-files.js';
import { programCard } from './program-card.js';
import { programCardFields } from './program-card-fields.js';
import { programCommands } from './program-commands.js';
import { programHelp } from './program-help.js';
import { programTemplates } from './program-templates.js';
import { protocolErrors } from './protocol-errors.js';
import { renderGatewayFailure } from './render-gateway-failure.js';
import { renderTables } from './render-tables.js';
import { signCommand } from './sign-command.js';
import { templateCommandsFiles } from './template-commands-files.js';
import { templateCommandsImages } from './template-commands-images.js';
import { verifyCommand } from './verify-command.js';

export const zhCN: Readonly<Record<string, () => Entries>> = {
  'batch-command': batchCommand,
  'batch-files': batchFiles,
  'batch-input': batchInput,
  'batch-rows': batchRows,
  'card-commands-common': cardCommandsCommon,
  'card-commands-life': cardCommandsLife,
  'card-commands-open': cardCommandsOpen,
  'cards-card-life': cardsCardLife,
  'cards-card-open': cardsCardOpen,
  'cards-fields': cardsFields,
  'cards-image': cardsImage,
  'cards-member-form': cardsMemberForm,
  'cards-templates': cardsTemplates,
  'client-errors': clientErrors,
  common: common,
  'config-commands': configCommands,
  'config-keys': configKeys,
  'config-load': configLoad,
  'demo-run': demoRun,
  'gateway-cli': gatewayCli,
  'gateway-local': gatewayLocal,
  'gateway-serve': gatewayServe,
  'input-arguments': inputArguments,
  'input-prompts': inputPrompts,
  'keys-command': keysCommand,
  'lock-errors': lockErrors,
  'member-form': memberForm,
  'member-serve': memberServe,
  'output-files': outputFiles,
  'program-card': programCard,
  'program-card-fields': programCardFields,
  'program-commands': programCommands,
  'program-help': programHelp,
  'program-templates': programTemplates,
  'protocol-errors': protocolErrors,
  'render-gateway-failure': renderGatewayFailure,
  'render-tables': renderTables,
  'sign-command': signCommand,
  'template-commands-files': templateCommandsFiles,
  'template-commands-images': templateCommandsImages,
  'verify-command': verifyCommand,
};
