import type { ProgramCommandsEntries } from '../en/program-commands.js';
import type { Translation } from '../text.js';

export const programCommands = (): Translation<ProgramCommandsEntries> => ({
  sign: '为请求构造待签名字符串，并用配置档案的私钥签名（离线）',
  signMethod: 'API 方法，例如 alipay.marketing.card.open',
  signBiz: 'biz_content：JSON、@file，或 - 表示从标准输入读取',
  signParam: '添加或覆盖一个请求参数（可重复）',
  signTimestamp: "请求时间 'yyyy-MM-dd HH:mm:ss'，Asia/Shanghai 时区（默认：当前时间）",
  signContent: '直接对这个原始字符串签名，而不构造请求',
  signContentNewline: '  （文件或管道末尾的一个换行符不计入 --content）',
  signNotes: `
--biz 按原样签名，只去掉各记号之间的空白；同一个键出现两次会报错。--biz 或 --content 的文件（或标准输入）按 UTF-8 读取，不是有效的 UTF-8 时按配置档案的 charset 读取。
令牌：auth_token 来自 --auth-token-file 或 ALIPAY_AUTH_TOKEN，app_auth_token 来自配置档案的 appAuthToken，从不来自 --param（选项的值会显示在 \`ps\` 中）。两者都按原值签名，但打印为 <redacted …>，因此只要有其中之一，打印出的待签名字符串、参数和 URL 就与实际签名的内容不完全相同（stderr 上会有提示）。
`,

  verify: '对网关响应、异步通知或一组内容与签名进行验签（离线）',
  verifyResponse: '网关响应体',
  verifyMethod: '响应所属的 API 方法（默认：根据节点名推断）',
  verifyNotify: '通知：表单体、查询字符串或参数的 JSON 对象',
  verifyNotifyMode: '通知的签名包含哪些参数',
  verifyContent: '被签名的内容',
  verifySign: '--content 的签名',
  verifySignType: 'RSA2 或 RSA（默认：配置档案的 signType；通知自带的 sign_type 优先）',
  verifyCharset: '签名时内容所用的字符集（默认：配置档案的 charset；通知自带的 charset 优先）',

  keys: '生成 RSA2048 密钥对；检查密钥彼此之间以及与证书是否匹配',
  keysGenerate: '生成 RSA-2048 应用密钥对（PKCS#8 私钥，SPKI 公钥）',
  keysGenerateOut: '写入密钥文件的目录',
  keysGenerateForce: '覆盖已有的密钥文件',
  keysCheck: '检查配置档案的密钥：私钥与应用公钥或应用证书是否匹配，支付宝公钥是否误填成了应用公钥',
  keysCheckAppPublicKey: '你上传到支付宝的应用公钥，用于与私钥比对',

  config: '写入配置（交互式，或逐项设置）；显示生效的配置',
  configSet: '在命令读取的配置文件中设置配置档案的一项（-p 选择配置档案）',
  configSetKey: '配置档案的一项设置：appId, gateway, signType, charset, privateKeyFile, alipayPublicKeyFile, alipayPublicKey, appCertFile, alipayCertFile, alipayRootCertFile, encryptKeyFile, timeoutMs；或 lang（en、zh-CN），即消息的语言，写在文件的顶层',
  configSetValue: '它的值；文件路径会先检查，再以相对于配置文件的路径保存',
  configSetNotes: `
写入的文件就是命令读取的文件：-c <file>，否则是从工作目录向上找到的配置，再否则是 $XDG_CONFIG_HOME/alipay-card/config.json（以 0600 权限创建）。只会改写 JSON 格式的配置文件。机密信息（privateKey、encryptKey、appAuthToken）不能在这里作为值给出：它们会出现在 \`ps\` 和 shell 历史中；请设置存放它们的文件（privateKeyFile 等）。
设置的是命令使用的配置档案：-p，否则是 ALIPAY_CARD_PROFILE，再否则是文件的 defaultProfile，再否则是文件中唯一的配置档案。只有 \`config use\` 会改变使用哪个配置档案。
`,
  configUse: '在命令读取的配置文件中把一个配置档案设为默认（defaultProfile）',
  configUseProfile: '该文件中的一个配置档案',
  configProfiles: '列出命令读取的配置文件中的配置档案，默认的那个标有 *',
  configShow: '打印生效的配置档案（所有机密信息均已遮盖）以及每个值的来源',
  configInit: '交互式写入一个配置档案（仅限终端；文件以 0600 权限创建）',
  configInitFile: '要写入的配置文件，与 -c 相同（默认：从这里找到的配置，否则是 $XDG_CONFIG_HOME/alipay-card/config.json）',

  gateway: '本地网关：在回环地址上提供 gateway.do，有状态，支持故障注入',
  gatewayServe: '运行本地网关，直到按下 Ctrl-C（验签请求、签名响应、保存状态）',
  gatewayHost: '监听地址（非回环地址需要 --allow-remote）',
  gatewayAllowRemote: '允许使用其他机器可访问的 --host（gateway.do 会验签；/_local/* 仍只响应本机）',
  gatewayExposeLocalApi: '配合 --allow-remote：让其他机器也能使用无需认证的 /_local/*',
  gatewayPort: '监听端口（0 表示自动选择空闲端口）',
  gatewayState: '状态文件：密钥、应用、模板、会员卡（默认：位于用户状态目录下）',
  gatewayKey: '网关的私钥（默认：生成一次并保存在状态文件中）',
  gatewayApp: '用应用的公钥或应用证书文件注册一个应用（可重复）',
  gatewayAppEncryptKey: '从文件读取应用的 AES 密钥（base64），用于加密的 biz_content（可重复）',
  gatewayTemplates: '启动时载入这些模板：由 template.create 的 biz_content 组成的 JSON 数组，每个都带有 template_id',
  gatewayFault: '注入故障：<kind>:<rate> 或 <kind>:next=<n>（可重复）',
  gatewayFaultKinds: (p) => `故障类型（kind）：${p.kinds}`,

  version: '打印 alipay-card、Node 和平台的版本（用于报告问题）',
  versionPlatform: (p) => `平台 ${p.platform} ${p.arch}`,
  completion: '打印 shell 补全脚本（bash、zsh 或 fish）',
  completionShell: 'bash、zsh 或 fish',
  demo: '对本地网关演示完整流程，无需账户或配置',
});
