import type { InputArgumentsEntries } from '../en/input-arguments.js';
import type { Translation } from '../text.js';

export const inputArguments = (): Translation<InputArgumentsEntries> => ({
  stdin: '标准输入',
  stdinLabel: (p) => `${p.flag}（标准输入）`,
  noSuchFile: '文件不存在',
  cannotRead: (p) => `${p.flag}：无法读取 ${p.name}：${p.reason}`,
  tooLarge: (p) => `${p.flag}：无法读取 ${p.name}：超过了 ${p.max}，这是${p.what}的读取上限`,
  contentCap: '请求内容或网关应答（与网关的请求体上限相同）',
  notUtf8Argument: (p) => `第 ${p.position} 个参数不是 UTF-8 文本：${p.value}（其中不是 UTF-8 的字节显示为 �，已无法还原）`,
  notUtf8FlagValue: (p) => `${p.flag}：值不是 UTF-8 文本：${p.value}（其中不是 UTF-8 的字节显示为 �，已无法还原）`,
  notUtf8ArgumentHint: '终端或脚本使用了其他编码（GBK？）：请把其区域设置改为 UTF-8（LANG=zh_CN.UTF-8），或在选项接受文件时用文件给出该值（--biz @文件、--content @文件），文件按 UTF-8 或 GBK 读取',
  stdinIsTerminal: (p) => `${p.flag} -：标准输入是终端，不是管道`,
  stdinIsTerminalHint: (p) => `请用管道传入（例如 \`cat file | alipay-card ... ${p.flag} -\`），或改用 ${p.flag} @file`,

  jsonTooDeep: (p) => `${p.source}：JSON 嵌套超过 ${p.max} 层（位置 ${p.position}）`,
  duplicateKey: (p) => `${p.source}：键 ${p.key} 出现了两次`,
  duplicateKeyIn: (p) => `${p.source}：键 ${p.key} 在 ${p.path} 中出现了两次`,
  duplicateKeyHint: '请只保留一个：网关会读取哪一个值是不确定的',
  jsonTooDeepHint: (p) => `支付宝请求的字段嵌套不会超过几层；${p.hint}`,
  invalidJson: (p) => `${p.source}：JSON 无效：${p.reason}`,
  bizJsonHint: `请传入一个 JSON 对象，例如 --biz '{"template_id":"20170308000000000058101000300045"}'，或 --biz @file.json`,
  expectedKeyValue: (p) => `${p.flag} ${p.item}：应为 key=value 形式`,
  keyValueExample: (p) => `例如 ${p.flag} ${p.example}`,

  notText: (p) => `${p.source}：不是 ${p.charsets} 文本（${p.at}）`,
  charsetsEither: (p) => p.items.join(' 或 '),
  incompleteAtEnd: '末尾有一个不完整的字符',
  badByteAt: (p) => `偏移 ${p.offset} 处的字节 ${p.byte}`,
  utf16: (p) => `${p.source} 是 UTF-16 文本（记事本称之为“Unicode”），不是 UTF-8`,
  utf16Hint: '请另存为 UTF-8：在记事本中选择“文件 > 另存为”，编码选 UTF-8',
  notUtf8Hint: '请将文件另存为 UTF-8；GBK 文本需要字符集 gbk（在配置档案、ALIPAY_CHARSET 中设置，或在命令支持时用 --charset）',
  notEitherHint: (p) => `请将文件另存为 UTF-8（或 ${p.charset}）`,
});
