import { ACTIVATE_FORM_QUERY_METHOD, ACTIVATE_URL_APPLY_METHOD, FORM_TEMPLATE_SET_METHOD, OAUTH_TOKEN_METHOD, CARD_DELETE_METHOD, CARD_OPEN_METHOD, CARD_QUERY_METHOD, CARD_UPDATE_METHOD, IMAGE_UPLOAD_METHOD, TEMPLATE_CREATE_METHOD, TEMPLATE_MODIFY_METHOD, TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import { deleteCard } from './card-delete.js';
import { uploadImage } from './image-upload.js';
import { applyActivateUrl, oauthToken, queryActivateForm, setForm } from './member-signup.js';
import { queryCard } from './card-query.js';
import { updateCard } from './card-update.js';
import type { MethodHandler } from './call.js';
import { openCard } from './open-card.js';
import { createTemplate, modifyTemplateMethod, queryTemplate } from './templates.js';

export type { MethodCall, MethodHandler } from './call.js';

/** The API methods the local gateway implements; any other method is isv.invalid-method. */
export const METHODS: ReadonlyMap<string, MethodHandler> = new Map([
  [TEMPLATE_CREATE_METHOD, createTemplate],
  [TEMPLATE_QUERY_METHOD, queryTemplate],
  [TEMPLATE_MODIFY_METHOD, modifyTemplateMethod],
  [CARD_OPEN_METHOD, openCard],
  [CARD_QUERY_METHOD, queryCard],
  [CARD_UPDATE_METHOD, updateCard],
  [CARD_DELETE_METHOD, deleteCard],
  [IMAGE_UPLOAD_METHOD, uploadImage],
  [FORM_TEMPLATE_SET_METHOD, setForm],
  [ACTIVATE_URL_APPLY_METHOD, applyActivateUrl],
  [ACTIVATE_FORM_QUERY_METHOD, queryActivateForm],
  [OAUTH_TOKEN_METHOD, oauthToken],
]);

/** Methods whose input is top-level params (and, for an upload, a file), not a biz_content. */
export const UPLOAD_METHODS: ReadonlySet<string> = new Set([IMAGE_UPLOAD_METHOD, OAUTH_TOKEN_METHOD]);

export const METHOD_NAMES: ReadonlySet<string> = new Set(METHODS.keys());
