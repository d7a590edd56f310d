import type { VerifyCommandEntries } from '../en/verify-command.js';
import type { Translation } from '../text.js';

export const verifyCommand = (): Translation<VerifyCommandEntries> => ({
  oneMode: 'verify：--response、--notify 和 --content 必须且只能传一个',
  oneModeHint: '例如 alipay-card verify --response @response.json',
  contentNeedsSign: 'verify --content 需要 --sign <base64>',
  signNeedsContent: '--sign 要与 --content 一起使用',
  notBase64Character: (p) => `--sign 不是 base64：第 ${p.position} 个字符是 ${p.character}`,
  notBase64Length: (p) => `--sign 不是 base64：共 ${p.length} 个字符，不是完整的 4 字符一组`,
  mangledSignHint: "请按支付宝发来的原样传入签名：'+' 被读成空格、仍是 URL 编码（%2B）或 URL 安全形式（-、_）的值都不对",
  notBase64Hint: '请传入支付宝随内容发来的 base64 签名（`sign` 的值）',
  unsupportedCharsetFlag: (p) => `--charset ${p.value}：不支持`,
  charsetHint: '请使用 utf-8、gbk 或 gb2312',
  sourceProblem: (p) => `${p.source}：${p.message}`,
  notifySignTypeHint: '支付宝用 RSA2 或 RSA 对通知签名；这里只能验这两种',

  notValid: '签名无效',
  notValidBecause: (p) => `签名无效：${p.reason}`,
  notValidHint: '请检查支付宝公钥（不是你的应用公钥）、签名类型和字符集',
  unsigned: (p) => `响应没有签名（未签名的 ${p.node} 是网关错误，未经认证）`,
  repeatedParam: (p) => `通知中参数 ${p.param} 出现了不止一次：支付宝每个参数只发送一次，所以这不是它签名的那份通知，服务端可能读到未经签名的值`,
  repeatedParams: (p) => `通知中参数 ${p.params} 都出现了不止一次：支付宝每个参数只发送一次，所以这不是它签名的那份通知，服务端可能读到未经签名的值`,
  repeatedResponseKey: (p) => `${p.problem}：网关响应中每个键只出现一次，所以这不是支付宝签名的那份响应，读取方可能取到未经签名的那一个`,
  repeatedHint: '无论签名如何都应拒绝它；请按收到的原样验签',
  unknownCert: (p) => `alipay_cert_sn ${p.sn} 与配置的支付宝证书（${p.known}）都不匹配；请下载当前的支付宝公钥证书`,

  verificationTitle: '验签',
  contentCheckedTitle: '验签的内容',
  signatureLabel: '签名',
  signTypeLabel: '签名类型',
  charsetLabel: '字符集',
  nodeLabel: '节点',
  notifyModeLabel: '通知模式',
  reasonLabel: '原因',
  valid: '有效',
  invalid: '无效',

  notifyNotObject: (p) => `${p.source}：应为由参数组成的 JSON 对象`,
  notifyNoSign: (p) => `${p.source}：通知中没有 sign 参数`,
  notifyCharset: (p) => `${p.source}：通知声明的字符集为 ${p.charset}，支付宝不会发送这种字符集`,
  notifyCharsetHint: '支付宝的通知使用 utf-8、gbk 或 gb2312；请确认这是收到的原始请求体',
});
