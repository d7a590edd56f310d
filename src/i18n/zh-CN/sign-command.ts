import type { SignCommandEntries } from '../en/sign-command.js';
import type { Translation } from '../text.js';

export const signCommand = (): Translation<SignCommandEntries> => ({
  redactionNote: (p) => `注意：${p.tokens.join(' 和 ')} 在输出中显示为 <redacted …>，但签名时使用的是真实值，因此输出的待签名字符串、参数和 URL 与实际签名的内容并非逐字节相同`,
  methodRequired: 'sign：必须指定 --method（或用 --content 对原始字符串签名）',
  methodRequiredHint: "例如 alipay-card sign --method alipay.marketing.card.template.query --biz '{\"template_id\":\"...\"}'",
  localGatewayNote: '本地网关：地址在其启动时确定',
  tokenAsParam: (p) => `--param ${p.name}=…：令牌不能作为选项值传入（它会出现在 \`ps\` 和 shell 历史记录中）`,
  authTokenAsParamHint: '请将用户的 auth_token 写入文件并传入 --auth-token-file <file>，或设置 ALIPAY_AUTH_TOKEN',
  appAuthTokenAsParamHint: '请在配置档案中设置 appAuthToken（alipay-card config init）',
  noAppId: '缺少 app_id：配置档案中没有 appId',
  noAppIdParamHint: '请在配置文件中设置 appId、在环境变量中设置 ALIPAY_APP_ID，或传入 --param app_id=<id>',
  noAppIdHint: '请在配置文件中设置 appId，或在环境变量中设置 ALIPAY_APP_ID（--gateway local 无需设置）',

  bizNotObject: (p) => `${p.source}：biz_content 必须是 JSON 对象，实际为：${p.got}`,
  bizExampleHint: `例如 --biz '{"template_id":"20170308000000000058101000300045"}'`,
  jsonNull: 'null（空值）',
  jsonArray: '数组',
  jsonScalar: (p) => `${p.type === 'number' ? '数字' : '布尔值'}（${p.value}）`,
  jsonOther: (p) => (p.type === 'string' ? '字符串' : `${p.type} 类型的值`),
  badTimestamp: (p) => `--timestamp ${p.value} 不是有效的时间`,
  badTimestampHint: "请使用 'yyyy-MM-dd HH:mm:ss'（Asia/Shanghai 时间），例如 --timestamp '2024-05-01 09:30:00'",

  authTokenFile: '存放 auth_token 的文件',
  tokenFileEmpty: (p) => `${p.flag} ${p.file} 是空的`,

  contentConflict: (p) => `sign --content 对原始字符串签名；${p.flags.join('、')} 用于构造请求，不能与它同时使用`,
  contentConflictHint: (p) => `去掉 --content 以对请求签名，或去掉 ${p.flags.join(' 和 ')}`,
  contentUnencodable: (p) => `--content：位置 ${p.index} 的字符 ${p.codePoint} 无法用配置档案的字符集 ${p.charset} 编码`,
  loneSurrogateHint: '该文本不是有效的 Unicode（含有孤立的代理项）',
  contentUnencodableHint: '请删除该字符，或在字符集为 utf-8 的配置档案下签名',

  contentTitle: '内容',
  signatureTitle: (p) => `签名（${p.signType}，${p.charset}）`,
});
