import type { MethodHandler } from './call.js';
import { openCard } from './open-card.js';
import { createTemplate, queryTemplate } from './templates.js';

export type { MethodCall, MethodHandler } from './call.js';

/** The API methods the local gateway implements; any other method is isv.invalid-method. */
export const METHODS: ReadonlyMap<string, MethodHandler> = new Map([
  ['alipay.marketing.card.template.create', createTemplate],
  ['alipay.marketing.card.template.query', queryTemplate],
  ['alipay.marketing.card.open', openCard],
]);

export const METHOD_NAMES: ReadonlySet<string> = new Set(METHODS.keys());
