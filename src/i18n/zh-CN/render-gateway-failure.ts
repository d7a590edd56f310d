import type { RenderGatewayFailureEntries } from '../en/render-gateway-failure.js';
import type { Translation } from '../text.js';

export const renderGatewayFailure = (): Translation<RenderGatewayFailureEntries> => ({
  quotedBelow: (p) => `${p.message}（其验签字符串见下方）`,
  usualCauses: '  常见原因：上传到支付宝的应用公钥与 privateKey 不是一对；\n  把支付宝公钥配置在了应用公钥的位置（或反过来）；字符集（charset）不一致。',
  gatewaySigned: '网关验签字符串：',
  weSigned: '我方签名字符串：',
  identical: '  两个字符串完全相同：不同的是密钥对，或字节所用的字符集',
  firstDifference: (p) => `第 ${p.at} 个字符起不同`,
});
