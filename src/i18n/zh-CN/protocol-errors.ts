import type { ProtocolErrorsEntries } from '../en/protocol-errors.js';
import type { Translation } from '../text.js';

export const protocolErrors = (): Translation<ProtocolErrorsEntries> => ({
  aesCiphertextNotBase64: '密文不是有效的标准 base64',
  aesCiphertextLength: (p) => `密文为 ${p.bytes} 字节；AES-CBC 的输出应为 16 的非零整数倍`,
  aesBadPadding: '解密后的 PKCS#7 填充无效：加密密钥不对，或密文已损坏',
  aesKeyNotBase64: '加密密钥不是有效的 base64',
  aesKeyLength: (p) => `加密密钥解码后为 ${p.bytes} 字节；AES-128 需要正好 16 字节（24 个字符的 base64 字符串）`,

  certificateTruncated: (p) => `找到 ${p.begins} 行 BEGIN CERTIFICATE，但只有 ${p.complete} 个完整的证书块：有证书块被截断或格式有误`,
  certificateNone: '未找到 "-----BEGIN CERTIFICATE-----" 证书块',
  certificateNoRsaRoot: '根证书文件中没有 sha1WithRSA 或 sha256WithRSA 证书，无法算出 alipay_root_cert_sn',
  certificateWhere: (p) => `第 ${p.number} 个证书（第 ${p.line} 行）`,
  certificateBodyNotBase64: (p) => `${p.where}：内容不是有效的 base64`,
  certificateNotX509: (p) => `${p.where}：不是 X.509 证书（${p.reason}）`,

  unencodableCharacter: (p) => `位置 ${p.index} 的字符 ${p.codePoint} 无法用 ${p.charset} 编码`,
  unsupportedCharset: (p) => `不支持的字符集 "${p.charset}"（应为 ${p.expected} 之一）`,
  notificationCharset: (p) => `通知声明了不支持的字符集 "${p.charset}"`,

  malformedEscape: (p) => `位置 ${p.position} 的 %-转义 ${p.escape} 格式有误：'%' 后面必须是两位十六进制数字`,

  unsupportedSignTypeParam: (p) => `不支持的 sign_type "${p.value}"（应为 RSA2 或 RSA）`,
  unsupportedSignType: (p) => `不支持的签名类型 "${p.value}"（应为 RSA2 或 RSA）`,
  invalidDate: '无法把无效的 Date 格式化为时间戳',
  yearOutOfRange: (p) => `年份 ${p.year} 超出 4 位数的时间戳格式`,

  notJson: (p) => `响应不是有效的 JSON：位置 ${p.position} 处应为 ${p.expected}，实际为 ${p.found}`,
  endOfInput: '输入结尾',
  expectCommaOrBrace: "',' 或 '}'",
  expectCommaOrBracket: "',' 或 ']'",
  expectMemberName: '成员名（字符串）',
  expectColon: "':'",
  expectClosingQuote: (p) => `位置 ${p.position} 处开始的字符串的结束引号 '"'`,
  expectNoControl: '非控制字符（字符串中不能直接出现控制字符）',
  expectHexDigits: '\\u 后跟四位十六进制数字',
  expectEscape: '有效的转义（\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX）',
  expectNumber: '数字',
  expectValue: 'JSON 值',
  expectObject: "'{'（响应必须是 JSON 对象）",
  expectEnd: '顶层对象之后的输入结尾',
  nodeNotObject: (p) => `位置 ${p.position} 的节点 "${p.name}" 的内容为 ${p.start}；应为对象或加密字符串`,
  noKeys: '无',
  missingMethodNode: (p) => `响应中既没有 "${p.node}" 也没有 "${p.errorNode}"（顶层键：${p.keys}）`,
  missingNode: (p) => `响应中没有顶层的 "*_response" 节点（顶层键：${p.keys}）`,
  manyNodes: (p) => `响应中有 ${p.count} 个顶层的 "*_response" 节点（${p.nodes}）；请指定接口方法（method）以选择其一`,
  memberNotString: (p) => `位置 ${p.position} 的顶层 "${p.name}" 不是字符串`,
  duplicateKey: (p) => `顶层键 "${p.name}" 出现了两次（值分别在位置 ${p.first} 和 ${p.second}）`,
});
