/** The API methods this tool calls, named once for the commands, the batch and the local gateway. */
export const CARD_OPEN_METHOD = 'alipay.marketing.card.open';
export const TEMPLATE_QUERY_METHOD = 'alipay.marketing.card.template.query';
export const TEMPLATE_CREATE_METHOD = 'alipay.marketing.card.template.create';
export const CARD_QUERY_METHOD = 'alipay.marketing.card.query';
export const CARD_UPDATE_METHOD = 'alipay.marketing.card.update';
export const CARD_DELETE_METHOD = 'alipay.marketing.card.delete';
export const IMAGE_UPLOAD_METHOD = 'alipay.offline.material.image.upload';
export const TEMPLATE_MODIFY_METHOD = 'alipay.marketing.card.template.modify';
export const FORM_TEMPLATE_SET_METHOD = 'alipay.marketing.card.formtemplate.set';
export const ACTIVATE_URL_APPLY_METHOD = 'alipay.marketing.card.activateurl.apply';
export const ACTIVATE_FORM_QUERY_METHOD = 'alipay.marketing.card.activateform.query';
export const OAUTH_TOKEN_METHOD = 'alipay.system.oauth.token';
