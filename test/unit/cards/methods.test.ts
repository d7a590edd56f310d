import { CARD_OPEN_METHOD, TEMPLATE_QUERY_METHOD } from '../../../src/cards/methods.js';
import { METHOD_NAMES } from '../../../src/gateway/methods/index.js';

describe('the API method names', () => {
  it('are the reference names, and the ones the local gateway answers', () => {
    expect([CARD_OPEN_METHOD, TEMPLATE_QUERY_METHOD]).toEqual(['alipay.marketing.card.open', 'alipay.marketing.card.template.query']);
    for (const method of [CARD_OPEN_METHOD, TEMPLATE_QUERY_METHOD]) expect(METHOD_NAMES.has(method)).toBe(true);
  });
});
