// Every English section, for the catalogue test and nothing else: the tool itself loads each
// section with the code that uses it, so English costs no start-up.
export { commonText } from './common.js';
export { cardCommandsCommonText } from './card-commands-common.js';
export { cardCommandsOpenText } from './card-commands-open.js';
export { cardCommandsLifeText } from './card-commands-life.js';
export { renderTablesText } from './render-tables.js';
export { renderGatewayFailureText } from './render-gateway-failure.js';
export { templateCommandsFilesText } from './template-commands-files.js';
export { templateCommandsImagesText } from './template-commands-images.js';
