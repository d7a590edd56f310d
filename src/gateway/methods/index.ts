import { CARD_OPEN_METHOD, TEMPLATE_CREATE_METHOD, TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import type { MethodHandler } from './call.js';
import { openCard } from './open-card.js';
import { createTemplate, queryTemplate } from './templates.js';

export type { MethodCall, MethodHandler } from './call.js';

/** The API methods the local gateway implements; any other method is isv.invalid-method. */
export const METHODS: ReadonlyMap<string, MethodHandler> = new Map([
  [TEMPLATE_CREATE_METHOD, createTemplate],
  [TEMPLATE_QUERY_METHOD, queryTemplate],
  [CARD_OPEN_METHOD, openCard],
]);

export const METHOD_NAMES: ReadonlySet<string> = new Set(METHODS.keys());
