// Every English section, for the catalogue test and nothing else: the tool itself loads each
// section with the code that uses it, so English costs no start-up.
export { commonText } from './common.js';
export { programCardText } from './program-card.js';
export { programCardFieldsText } from './program-card-fields.js';
export { programCommandsText } from './program-commands.js';
export { programHelpText } from './program-help.js';
export { programTemplatesText } from './program-templates.js';
