import { decodeHtmlEntities, explainGatewayFailure, splitQuote } from '../../../src/render/gateway-failure.js';
import { firstDifference } from '../../../src/render/sign-content-diff.js';
import stringWidth from 'string-width';
import { loadStyle } from '../../../src/render/style.js';
import { gatewayError, type GatewayFailure, type GatewayResponse } from '../../../src/client/response.js';

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

describe('invalid-signature diagnosis with secrets and long strings', () => {
  const TOKEN = 'authusrB3f9c0e5d7a2b4c6d8e0f1a3b5c7d9e1f';
  const APP_TOKEN = '202405BB0123456789abcdef0123456789';
  const theirsRaw = `alipay_sdk=x&app_auth_token=${APP_TOKEN}&app_id=2021000000000001&auth_token=${TOKEN}&biz_content={&quot;card_template_id&quot;:&quot;20240501000000000000000000000001&quot;,&quot;out_serial_no&quot;:&quot;s-1&quot;,&quot;card_user_info&quot;:{&quot;user_uni_id&quot;:&quot;2088302463082075&quot;}}&charset=utf-8&format=JSON&method=alipay.marketing.card.open&sign_type=RSA2&timestamp=2024-05-01 09:30:00&version=1.0`;
  const subMsg = `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${theirsRaw}`;
  const theirs = decodeHtmlEntities(theirsRaw);
  /** What the client hands over: our string with the secrets already redacted. */
  const oursRedacted = theirs.replace(`auth_token=${TOKEN}`, 'auth_token=<redacted auth_token>').replace(`app_auth_token=${APP_TOKEN}`, 'app_auth_token=<redacted app_auth_token>');

  /** The failure as the client hands it over: made by gatewayError, which redacts the gateway's secrets. */
  function clientFailure(response: GatewayResponse, ourSignContent: string): GatewayFailure {
    return gatewayError(response, ourSignContent).failure as GatewayFailure;
  }

  function explain(ourSignContent: string, sub_msg = subMsg) {
    return explainGatewayFailure(clientFailure(
      { nodeName: 'error_response', verified: false, nodeText: '{}', node: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg } },
      ourSignContent,
    ), plainStyle);
  }
  let plainStyle: Awaited<ReturnType<typeof loadStyle>>;
  beforeAll(async () => {
    plainStyle = await loadStyle(false);
  });

  it("redacts the gateway's auth_token and app_auth_token, and identical strings say identical", () => {
    const text = explain(oursRedacted).join('\n');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(APP_TOKEN);
    expect(text).toContain('auth_token=<redacted auth_token>');
    expect(text).toContain('app_auth_token=<redacted app_auth_token>');
    expect(text).toContain('the strings are identical');
    expect(text).not.toContain('first difference');
  });

  it('never prints a token from a sub_msg it cannot split either', () => {
    const text = explain(oursRedacted, `sign check failed for auth_token=${TOKEN}&app_id=1`).join('\n');
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('auth_token=<redacted auth_token>&app_id=1');
  });

  it('shows a window of a long string around the first difference, the marker under it, in 80 columns', async () => {
    const ours = oursRedacted.replace('"s-1"', '"s-2"');
    for (const style of [plainStyle, await loadStyle(true)]) {
      const lines = explainGatewayFailure(clientFailure(
        { nodeName: 'error_response', verified: false, nodeText: '{}', node: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: subMsg } },
        ours,
      ), style).map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
      const gatewayLine = lines.find((l) => l.startsWith('  gateway signed:'))!;
      const oursLine = lines.find((l) => l.startsWith('  we signed:'))!;
      const marker = lines.find((l) => l.includes('^'))!;
      for (const line of [gatewayLine, oursLine, marker]) expect(stringWidth(line)).toBeLessThanOrEqual(80);
      expect(gatewayLine).toMatch(/^ {2}gateway signed: {2}….*"s-1".*…$/);
      expect(oursLine).toMatch(/"s-2"/);
      const at = marker.indexOf('^');
      expect(gatewayLine[at]).toBe('1');
      expect(oursLine[at]).toBe('2');
      expect(lines.join('\n')).toContain(`first difference at character ${ours.indexOf('"s-2"') + 4}`);
    }
  });

  it('puts the marker under a difference that follows CJK text, counting two columns for each', () => {
    const ours = '中文中文中文&charset=gbk';
    const lines = explain(ours, `网关生成的验签字符串为：中文中文中文&charset=utf-8`);
    const gatewayLine = lines.find((l) => l.startsWith('  gateway signed:'))!;
    const marker = lines.find((l) => l.includes('^'))!;
    const columnsBefore = (line: string, index: number) => stringWidth(line.slice(0, index));
    expect(columnsBefore(marker, marker.indexOf('^'))).toBe(columnsBefore(gatewayLine, gatewayLine.indexOf('utf-8')));
  });
});
