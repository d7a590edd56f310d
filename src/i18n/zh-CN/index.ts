// The Simplified Chinese catalogue: every section of src/i18n/en/ under its name, loaded whole (one
// chunk) before the command line is parsed, only when Chinese is chosen (src/cli/main.ts).
import type { Entries } from '../text.js';
import { cardsCardLife } from './cards-card-life.js';
import { cardsCardOpen } from './cards-card-open.js';
import { cardsFields } from './cards-fields.js';
import { cardsImage } from './cards-image.js';
import { cardsMemberForm } from './cards-member-form.js';
import { cardsTemplates } from './cards-templates.js';
import { common } from './common.js';

export const zhCN: Readonly<Record<string, Entries>> = {
  'cards-card-life': cardsCardLife,
  'cards-card-open': cardsCardOpen,
  'cards-fields': cardsFields,
  'cards-image': cardsImage,
  'cards-member-form': cardsMemberForm,
  'cards-templates': cardsTemplates,
  common,
};
