// Every English section, for the catalogue test and nothing else: the tool itself loads each
// section with the code that uses it, so English costs no start-up.
export { commonText } from './common.js';
export { clientErrorsText } from './client-errors.js';
export { demoRunText } from './demo-run.js';
export { gatewayCliText } from './gateway-cli.js';
export { gatewayLocalText } from './gateway-local.js';
export { gatewayServeText } from './gateway-serve.js';
export { lockErrorsText } from './lock-errors.js';
export { memberFormText } from './member-form.js';
export { memberServeText } from './member-serve.js';
