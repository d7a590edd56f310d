import type { CardCommandsOpenEntries } from '../en/card-commands-open.js';
import type { Translation } from '../text.js';

export const cardCommandsOpen = (): Translation<CardCommandsOpenEntries> => ({
  authTokenFlag: '不接受 --auth-token：写在命令行上的令牌会出现在 `ps` 和 shell 历史记录中',
  authTokenFlagHint: '把用户的 auth_token 写入文件并传入 --auth-token-file <file>，或设置环境变量 ALIPAY_AUTH_TOKEN',
  bizHint: `请传入一个 JSON 对象，例如 --biz '{"card_template_id":"20170308000000000058101000300045","card_user_info":{"user_uni_id":"2088302463082075"}}'，或 --biz @card.json`,
  setJsonHint: `path:=json 的值是 JSON，例如 --set 'card_ext_info.front_text_list:=[{"label":"专业","value":"金融"}]'`,
  required: (p) => `必填：${p.description}`,
  missingFlags: (p) => `请传入 ${p.flags}（除非 stdin、stdout 和 stderr 都是终端，否则不会提问）`,
  missingFlagsDryRun: (p) => `请传入 ${p.flags}（除非 stdin、stdout 和 stderr 都是终端，否则不会提问；试运行（dry run）不查询模板，而模板的规则本可填入 valid_date）`,
  answersAsFlags: (p) => `${p.hint ? `${p.hint}\n` : ''}你的回答（已写成参数，改正模板 ID 后可直接重新运行）：\n  ${p.command}`,
  answersSoFar: (p) => `${p.hint ? `${p.hint}\n` : ''}到目前为止的回答（已写成参数，可直接重新运行）：\n  ${p.command}`,
  ruledValidDate: (p) => `由模板的 DATE_IN_FUTURE ${p.offset} 规则确定，从开卡时起算`,
  openDateDefault: (p) => `open_date: ${p.value}（默认：当前时间，Asia/Shanghai）`,
  validDateFromRule: (p) => `valid_date: ${p.value}（模板规则 DATE_IN_FUTURE ${p.offset}）`,

  fieldQuestion: (p) => `${p.path} — ${p.description}（例如 ${p.example}）`,
  levelQuestion: 'card_ext_info.level — 会员卡等级（模板要求取其定义的等级之一）',
  levelChoice: (p) => `${p.level}（${p.name}）`,
  aboutToIssue: '即将开通这张会员卡：',
  issueIt: '确认开卡？',
  runAgainHint: '重新运行该命令即可开卡；加 --yes 可跳过此确认',
  issueLaterHint: (p) => `以后要开这张卡而不再回答问题，可运行（--yes 跳过确认）：\n  ${p.command}`,

  validDateHint: (p) => `${p.why}：请传入 --valid-date ${p.example}`,
  lookingUpTemplate: (p) => `查询模板 ${p.templateId} 时出错（开卡请求未发送）：${p.message}`,
  filledIn: (p) => `${p.hint}\n本次运行填入了 ${p.dates.join(' 和 ')}`,
  filledDate: (p) => `${p.name} ${p.value}`,
  unknownOutcome: (p) => `${p.hint ? `${p.hint}\n` : ''}会员卡可能已开通，也可能没有。要安全地重试（同一 out_serial_no 下的相同请求最多开一张卡），请用以下参数运行同一命令：\n  ${p.flags}`,
});
