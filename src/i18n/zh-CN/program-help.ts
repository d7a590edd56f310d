import type { ProgramHelpEntries } from '../en/program-help.js';
import type { Translation } from '../text.js';

export const programHelp = (): Translation<ProgramHelpEntries> => ({
  description: '运营支付宝会员卡项目：开卡、查询、更新和删除会员卡（逐张或按 CSV 文件批量），以文件管理模板和图片，会员自助领卡；对网关报文签名和验签。',

  config: '使用此配置文件，而不是自动查找',
  profile: '配置文件中的配置档案（环境变量 ALIPAY_CARD_PROFILE）',
  gateway: 'production、sandbox、local 或网关 URL（环境变量 ALIPAY_GATEWAY）',
  json: '输出 JSON（同 --output json）',
  output: '输出格式（默认：终端上为 table，否则为 json）',
  color: '强制彩色输出',
  noColor: '不使用颜色（也遵从 NO_COLOR）',
  verbose: '把待签名字符串和 HTTP 交互记录到 stderr，机密信息已脱敏（也可用 --debug）',
  dryRun: '构造并签名请求，打印出来，不发送',
  timeout: '网关超时时间，单位毫秒',
  noInput: '从不提示输入；缺少输入时以退出码 2 失败',
  yes: '对所有确认回答“是”',
  lang: '界面语言：en 或 zh-CN（默认：取自 LC_ALL、LC_MESSAGES、LANG，其次是配置文件的 lang）',

  timeoutInvalid: (p) => `--timeout 必须是 1 到 ${p.max} 之间的整数毫秒数（即不超过 10 分钟），实际为 ${p.got}`,
  attemptsInvalid: (p) => `--max-attempts 必须是 1 到 10 之间的整数，实际为 ${p.got}`,

  maxAttempts: '遇到临时性错误时的尝试次数（默认 3）',
  maxAttemptsSameSerial: '遇到临时性错误时的尝试次数，每次使用相同的 out_serial_no（默认 3）',
  authTokenFile: '存放用户 auth_token 的文件（或环境变量 ALIPAY_AUTH_TOKEN）',
  wholeBiz: '整个 biz_content，JSON 格式（--set 和各字段选项会覆盖其中的值）',
  cardTemplate: '会员卡模板',
  replaceFile: '文件已存在时覆盖它',

  examples: (p) => `\n示例：\n${p.commands.join('\n')}\n`,
  exitCodes: `
退出码：
  0    成功
  1    意外的内部错误（程序缺陷；--verbose 可显示调用栈）
  2    用法或输入错误：选项有误、字段无效、没有终端时缺少输入
  3    配置或凭据错误：没有配置、无法读取密钥、密钥与证书不匹配
  4    网关返回了表示失败的响应码
  5    验签失败
  6    重试后仍然网络或传输失败
  7    批量已完成，但有行失败
  130  被中断（Ctrl-C 或 SIGTERM）`,
});
