// Every English section, for the catalogue test and nothing else: the tool itself loads each
// section with the code that uses it, so English costs no start-up.
export { batchCommandText } from './batch-command.js';
export { batchFilesText } from './batch-files.js';
export { batchInputText } from './batch-input.js';
export { batchRowsText } from './batch-rows.js';
export { cardsCardLifeText } from './cards-card-life.js';
export { cardsCardOpenText } from './cards-card-open.js';
export { cardsFieldsText } from './cards-fields.js';
export { cardsImageText } from './cards-image.js';
export { cardsMemberFormText } from './cards-member-form.js';
export { cardsTemplatesText } from './cards-templates.js';
export { commonText } from './common.js';
export { inputText } from './input-arguments.js';
export { promptText } from './input-prompts.js';
export { keysText } from './keys-command.js';
export { programCardText } from './program-card.js';
export { programCardFieldsText } from './program-card-fields.js';
export { programCommandsText } from './program-commands.js';
export { programHelpText } from './program-help.js';
export { programTemplatesText } from './program-templates.js';
export { protocolText } from './protocol-errors.js';
export { signText } from './sign-command.js';
export { verifyText } from './verify-command.js';
