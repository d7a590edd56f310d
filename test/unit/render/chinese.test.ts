import stringWidth from 'string-width';
import type { GatewayFailure } from '../../../src/client/response.js';
import { useLanguage } from '../../../src/i18n/text.js';
import { zhCN } from '../../../src/i18n/zh-CN/index.js';
import { explainGatewayFailure } from '../../../src/render/gateway-failure.js';
import { compareSignContents } from '../../../src/render/sign-content-diff.js';
import { loadStyle } from '../../../src/render/style.js';
import { renderTemplate } from '../../../src/render/template.js';

// The tables and the gateway failure's explanation in Chinese: labels translated, and the string
// to sign still lined up under labels twice as wide per character.

beforeAll(() => useLanguage('zh-CN', zhCN));
afterAll(() => useLanguage('en'));

const SUB_MSG = '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：app_id=1&charset=utf-8';

describe('render in Chinese', () => {
  it("explains a bad signature in Chinese, both strings under labels of one width, the marker under the difference", async () => {
    const failure: GatewayFailure = {
      ourSignContent: 'app_id=1&charset=gbk',
      response: { nodeName: 'error_response', verified: true, nodeText: '{}', node: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: SUB_MSG } },
    };
    const lines = explainGatewayFailure(failure, await loadStyle(false));
    expect(lines).toContain('  sub_msg   验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：（其验签字符串见下方）');
    const theirs = lines.find((l) => l.startsWith('  网关验签字符串：'))!;
    const ours = lines.find((l) => l.startsWith('  我方签名字符串：'))!;
    const marker = lines.find((l) => l.includes('^'))!;
    const column = (line: string, index: number) => stringWidth(line.slice(0, index));
    expect(column(theirs, theirs.indexOf('app_id'))).toBe(column(ours, ours.indexOf('app_id')));
    expect(column(marker, marker.indexOf('^'))).toBe(column(theirs, theirs.indexOf('utf-8')));
    expect(marker).toContain('第 18 个字符起不同');
    expect(lines.join('\n')).toContain('常见原因：');
    expect(lines.join('\n')).not.toMatch(/usual causes|gateway signed|we signed|first difference/);
  });

  it('says identical strings are identical, in Chinese', async () => {
    expect(compareSignContents('a=1', 'a=1', await loadStyle(false))).toEqual([
      '  网关验签字符串：  a=1',
      '  我方签名字符串：  a=1',
      '  两个字符串完全相同：不同的是密钥对，或字节所用的字符集',
    ]);
  });

  it("titles a template's sections in Chinese; the API's field names stay", async () => {
    const text = renderTemplate({ template_id: 'T1', card_type: 'OUT_MEMBER_CARD', template_style_info: { card_show_name: '演示' }, card_level_confs: [{ level: 'VIP1', level_show_name: '白金会员' }], unknown_member: 'x' }, await loadStyle(false));
    for (const title of ['模板', '样式', '等级', '其他']) expect(text).toMatch(new RegExp(`^${title}$`, 'm'));
    expect(text).toContain('card_show_name');
    expect(text).toContain('unknown_member');
  });
});
