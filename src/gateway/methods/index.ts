import { CARD_DELETE_METHOD, CARD_OPEN_METHOD, CARD_QUERY_METHOD, CARD_UPDATE_METHOD, TEMPLATE_CREATE_METHOD, TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import { deleteCard } from './card-delete.js';
import { queryCard } from './card-query.js';
import { updateCard } from './card-update.js';
import type { MethodHandler } from './call.js';
import { openCard } from './open-card.js';
import { createTemplate, queryTemplate } from './templates.js';

export type { MethodCall, MethodHandler } from './call.js';

/** The API methods the local gateway implements; any other method is isv.invalid-method. */
export const METHODS: ReadonlyMap<string, MethodHandler> = new Map([
  [TEMPLATE_CREATE_METHOD, createTemplate],
  [TEMPLATE_QUERY_METHOD, queryTemplate],
  [CARD_OPEN_METHOD, openCard],
  [CARD_QUERY_METHOD, queryCard],
  [CARD_UPDATE_METHOD, updateCard],
  [CARD_DELETE_METHOD, deleteCard],
]);

export const METHOD_NAMES: ReadonlySet<string> = new Set(METHODS.keys());
