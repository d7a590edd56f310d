// The Simplified Chinese catalogue: every section of src/i18n/en/ under its name, loaded whole (one
// chunk) before the command line is parsed, only when Chinese is chosen (src/cli/main.ts).
import type { Entries } from '../text.js';
import { clientErrors } from './client-errors.js';
import { common } from './common.js';
import { demoRun } from './demo-run.js';
import { gatewayCli } from './gateway-cli.js';
import { gatewayLocal } from './gateway-local.js';
import { gatewayServe } from './gateway-serve.js';
import { lockErrors } from './lock-errors.js';
import { memberForm } from './member-form.js';
import { memberServe } from './member-serve.js';

export const zhCN: Readonly<Record<string, Entries>> = {
  'client-errors': clientErrors,
  common,
  'demo-run': demoRun,
  'gateway-cli': gatewayCli,
  'gateway-local': gatewayLocal,
  'gateway-serve': gatewayServe,
  'lock-errors': lockErrors,
  'member-form': memberForm,
  'member-serve': memberServe,
};
