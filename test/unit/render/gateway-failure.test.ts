import { decodeHtmlEntities, explainGatewayFailure, firstDifference, splitQuote } from '../../../src/render/gateway-failure.js';
import { loadStyle } from '../../../src/render/style.js';

const SUB_MSG = '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：app_id=1&amp;biz_content={&quot;a&quot;:&quot;&lt;b&gt;&#39;&#x4e2d;&quot;}&amp;charset=utf-8';

describe('gateway failure diagnosis', () => {
  it("cuts the gateway's string to sign out of sub_msg and decodes its HTML entities", () => {
    expect(splitQuote(SUB_MSG)).toEqual({
      message: '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：',
      signContent: 'app_id=1&biz_content={"a":"<b>\'中"}&charset=utf-8',
    });
    expect(splitQuote('plain message')).toBeUndefined();
    expect(decodeHtmlEntities('&unknown; &amp;amp;')).toBe('&unknown; &amp;');
  });

  it('marks the first difference between the two strings', async () => {
    expect(firstDifference('abc', 'abc')).toBe(-1);
    expect(firstDifference('abc', 'abd')).toBe(2);
    expect(firstDifference('ab', 'abc')).toBe(2);
    const lines = explainGatewayFailure({
      ourSignContent: 'app_id=1&biz_content={"a":"<b>\'中"}&charset=gbk',
      response: { nodeName: 'error_response', verified: true, nodeText: '{}', node: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: SUB_MSG } },
    }, await loadStyle(false));
    const text = lines.join('\n');
    expect(text).toContain('gateway signed:  app_id=1&biz_content={"a":"<b>\'中"}&charset=utf-8');
    expect(text).toContain('we signed:       app_id=1&biz_content={"a":"<b>\'中"}&charset=gbk');
    const marker = lines.find((l) => l.includes('^'))!;
    expect(marker.indexOf('^')).toBe(lines.find((l) => l.includes('gateway signed:'))!.indexOf('app_id') + 'app_id=1&biz_content={"a":"<b>\'中"}&charset='.length);
    expect(text).toContain('usual causes');
  });
});
