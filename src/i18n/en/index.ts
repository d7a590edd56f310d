// Every English section, for the catalogue test and nothing else: the tool itself loads each
// section with the code that uses it, so English costs no start-up.
export { commonText } from './common.js';
export { cardsCardLifeText } from './cards-card-life.js';
export { cardsCardOpenText } from './cards-card-open.js';
export { cardsFieldsText } from './cards-fields.js';
export { cardsImageText } from './cards-image.js';
export { cardsMemberFormText } from './cards-member-form.js';
export { cardsTemplatesText } from './cards-templates.js';
