import { GATEWAY_URLS, isProductionGateway } from '../../../src/config/gateways.js';

describe('isProductionGateway: by the URL\'s host, however it is spelled', () => {
  it.each([
    [GATEWAY_URLS.production, true],
    ['https://openapi.alipay.com/gateway.do', true],
    ['http://OPENAPI.ALIPAY.COM:443/gateway.do?charset=utf-8', true],
    ['https://openapi.alipay.com./gateway.do', true],
    ['https://user@openapi.alipay.com/gateway.do', true],
    ['https://mapi.alipay.com/gateway.do', true],
    [GATEWAY_URLS.sandbox, false],
    ['https://openapi.alipaydev.com/gateway.do', false],
    ['https://openapi.alipay.com.evil.example/gateway.do', false],
    ['https://notalipay.com/gateway.do', false],
    ['http://127.0.0.1:8080/gateway.do', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(isProductionGateway(url)).toBe(expected);
  });
});
