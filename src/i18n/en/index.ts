// Every English section, for the catalogue test and nothing else: the tool itself loads each
// section with the code that uses it, so English costs no start-up.
export { commonText } from './common.js';
export { configCommandsText } from './config-commands.js';
export { configKeysText } from './config-keys.js';
export { configLoadText } from './config-load.js';
